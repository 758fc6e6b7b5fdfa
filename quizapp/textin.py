"""Getting an article's text in: decoding uploads and reducing HTML to plain text.

Pure code (no Flask): the article forms call it, the tests call it directly. The plain text that
comes out is what the generator reads and what ``Article.body`` stores, so it keeps the shapes the
generator understands: paragraphs separated by blank lines, headings on lines of their own, list
items as ``- item`` lines. Markdown is kept as it is: the generator reads ``#`` headings itself.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import PurePath

import nh3

#: File name endings a teacher may upload, and whether the file is HTML.
UPLOAD_TYPES: dict[str, bool] = {".txt": False, ".md": False, ".html": True, ".htm": True}

#: Elements whose content is never article text.
_SKIPPED = frozenset(
    {
        "script",
        "style",
        "nav",
        "head",
        "title",
        "footer",
        "button",
        "noscript",
        "template",
        "svg",
        "iframe",
        "object",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements that start and end a paragraph.
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hr",
        "html",
        "legend",
        "main",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
    }
    | _HEADINGS
)
_LISTS = frozenset({"ul", "ol", "menu"})
_CELLS = frozenset({"td", "th"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_PARAGRAPH = "\x00P\x00"
_LINE = "\x00L\x00"
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_MARKERS = re.compile(r"(?:\s*\x00[PL]\x00\s*)+")


class UnreadableText(ValueError):
    """An upload that cannot become an article; the message is meant for the teacher."""


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` (browsers send textarea text with CRLF) become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def upload_suffix(filename: str | None) -> str:
    """The lower-cased ending of an upload's file name (``".md"``), or ``""``."""
    return PurePath(filename or "").suffix.lower()


def decode_upload(data: bytes) -> str:
    """The bytes as UTF-8 text (a byte-order mark is dropped), or ``UnreadableText``."""
    if b"\x00" in data:
        raise UnreadableText("This file is not plain text; save it as .txt, .md or .html.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableText(
            "This file is not in UTF-8. Open it in a text editor and save it as UTF-8, "
            "or paste its text instead."
        ) from None


def text_from_upload(filename: str | None, data: bytes) -> str:
    """The article text in an uploaded ``.txt``, ``.md`` or ``.html`` file."""
    suffix = upload_suffix(filename)
    if suffix not in UPLOAD_TYPES:
        raise UnreadableText("Upload a .txt, .md or .html file.")
    text = normalise_newlines(decode_upload(data))
    if UPLOAD_TYPES[suffix]:
        text = html_to_text(text)
    if not text.strip():
        raise UnreadableText("This file has no text in it.")
    return text


def html_to_text(html: str) -> str:
    """The readable text of an HTML page, as paragraphs separated by blank lines.

    Scripts, styles, navigation and the ``<head>`` are dropped; block elements become paragraph
    breaks; headings stay on lines of their own; list items become ``- item`` lines; entities
    are unescaped.
    """
    parser = _TextParser()
    parser.feed(sanitise(html))
    parser.close()
    return parser.text()


#: Tags kept through sanitising for the structure they give the text; all others are unwrapped.
_STRUCTURE = (
    _BLOCKS | _HEADINGS | {"li", "ul", "ol", "pre", "br", "table", "tr", "td", "th"}
) - _SKIPPED


def sanitise(html: str) -> str:
    """Well-formed HTML holding only text and the tags that shape it (nh3, i.e. ammonia).

    A browser-grade parser repairs whatever a teacher uploads (unclosed tags, stray scripts,
    comments) before the text is read; elements that are never article text go with their
    content, and no attribute survives but ``hidden``.
    """
    return nh3.clean(
        html,
        tags=set(_STRUCTURE),
        clean_content_tags=set(_SKIPPED),
        attributes={"*": {"hidden"}},
        strip_comments=True,
        link_rel=None,
    )


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        #: Names of the skipped elements we are inside (their content is dropped).
        self.skipping: list[str] = []
        self.pre = 0
        self.lists = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.skipping = [name for name in self.skipping if name != "head"]
        if self.skipping or tag in _SKIPPED or any(name == "hidden" for name, _ in attrs):
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag == "br":
            self.parts.append(_LINE)
        elif tag == "li":
            self.parts.append(_LINE + "- ")
        elif tag in _CELLS:
            self.parts.append(" ")
        elif tag in _LISTS:
            # A list inside a list item is more lines of the same list, not a new paragraph.
            self.parts.append(_LINE if self.lists else _PARAGRAPH)
            self.lists += 1
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)
            if tag == "pre":
                self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:
                while self.skipping and self.skipping.pop() != tag:
                    pass
            return
        if tag == "li":
            self.parts.append(_LINE)
        elif tag in _LISTS:
            self.lists = max(0, self.lists - 1)
            self.parts.append(_LINE if self.lists else _PARAGRAPH)
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)
            if tag == "pre" and self.pre:
                self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.pre:
            data = data.replace("\n", _LINE)
        self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        # Inside a paragraph, HTML newlines are spaces; our markers are the only breaks.
        joined = _SPACES.sub(" ", joined.replace("\n", " "))
        joined = _MARKERS.sub(_marker_break, joined)
        lines = [line.strip() for line in joined.split("\n")]
        text = "\n".join(lines)
        text = re.sub(r"\n{3,}", "\n\n", text)
        return text.strip() + "\n" if text.strip() else ""


def _marker_break(match: re.Match[str]) -> str:
    """A run of markers is a blank line if it holds a paragraph break, else one line break."""
    return "\n\n" if _PARAGRAPH in match.group() else "\n"
