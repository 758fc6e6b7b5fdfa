"""How students reach a session: its join URL, that URL as a QR code, the code read aloud."""

from __future__ import annotations

import segno
from flask import url_for
from markupsafe import Markup


def join_url(code: str) -> str:
    """The address the QR code holds: the join page with the code filled in."""
    return url_for("play.join_code", code=code, _external=True)


def join_page_address() -> str:
    """ "https://quiz.school.org/join" → "quiz.school.org/join": what students type."""
    return url_for("play.join", _external=True).split("://", 1)[-1]


def spaced_code(code: str) -> str:
    """ "ABC234" → "ABC 234": easier to read off a projector."""
    half = (len(code) + 1) // 2
    return f"{code[:half]} {code[half:]}"


def qr_svg(url: str) -> Markup:
    """The URL as an inline SVG QR code, dark on white, sized by CSS.

    The page wraps it in an element with ``role="img"`` and a text alternative; segno escapes
    the URL it encodes, and no user text reaches it.
    """
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=2, dark="#1a1d2b", light="#ffffff", omitsize=True, svgclass="qr__svg"
    )
    return Markup(svg)
