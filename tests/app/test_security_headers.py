"""Every response carries the security headers; the policy allows no inline script."""

from __future__ import annotations

import re

import pytest


@pytest.mark.parametrize("path", ["/", "/teacher/login", "/join", "/articles/1", "/nowhere"])
def test_security_headers_on_every_page(client, path) -> None:
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_hold_no_inline_script_or_style(client) -> None:
    for path in ["/", "/articles/1", "/teacher/login", "/teacher/register", "/join"]:
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert " style=" not in html, path
        assert " on" + "click=" not in html, path


def test_session_cookie_flags(teacher_client) -> None:
    cookie = teacher_client.get_cookie("session")
    assert cookie is not None
    assert cookie.http_only
    assert cookie.same_site == "Lax"
