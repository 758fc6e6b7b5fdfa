"""Turning uploads into article text: HTML reduced to paragraphs, decoding checked."""

from __future__ import annotations

import pytest

from quizapp.generation.text import layout
from quizapp.textin import (
    UnreadableText,
    decode_upload,
    html_to_text,
    normalise_newlines,
    text_from_upload,
)

PAGE = """<!doctype html>
<html><head><title>Tab title</title><style>p { color: red }</style>
<script>var secret = "never shown";</script></head>
<body>
<nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<main>
<h1>Working   together in space</h1>
<p>Agencies share the
   International Space Station &amp; its costs.</p>
<h2>Early days</h2>
<p>In 1975 the Apollo&ndash;Soyuz test project joined two crafts.<br>A second line.</p>
<ul>
  <li>NASA</li>
  <li>Roscosmos<ul><li>Soyuz</li><li>Progress</li></ul></li>
  <li>ESA &lt;Europe&gt;</li>
</ul>
<div><div><p>Deeply nested paragraph.</p></div></div>
<noscript>Turn on JavaScript</noscript>
<p hidden>Hidden text</p>
</main>
<footer><p>Footer text</p></footer>
<script>alert("late")</script>
</body></html>"""


def test_scripts_styles_navigation_head_and_footer_are_dropped() -> None:
    text = html_to_text(PAGE)
    for gone in ("secret", "red", "Home", "About", "Tab title", "late", "JavaScript", "Footer"):
        assert gone not in text
    assert "Hidden text" not in text


def test_headings_stand_on_their_own_lines_and_blocks_become_paragraphs() -> None:
    text = html_to_text(PAGE)
    blocks = text.strip().split("\n\n")
    assert blocks[0] == "Working together in space"
    assert blocks[1] == "Agencies share the International Space Station & its costs."
    assert blocks[2] == "Early days"
    assert (
        blocks[3] == "In 1975 the Apollo\u2013Soyuz test project joined two crafts.\nA second line."
    )
    assert "Deeply nested paragraph." in blocks
    # The generator sees the headings as its title and a section heading.
    _, found = layout(text)
    assert found.title == "Working together in space"
    assert [s.heading for s in found.sections if s.heading] == ["Early days"]


def test_entities_are_unescaped() -> None:
    assert html_to_text("<p>Fish &amp; chips &lt;3 &eacute;t&eacute; &#8364;5 &nbsp;ok</p>") == (
        "Fish & chips <3 été €5 ok\n"
    )


def test_nested_lists_become_one_item_per_line() -> None:
    text = html_to_text(PAGE)
    assert "- NASA\n- Roscosmos\n- Soyuz\n- Progress\n- ESA <Europe>" in text


def test_preformatted_text_keeps_its_lines() -> None:
    assert html_to_text("<pre>one\ntwo</pre>") == "one\ntwo\n"


def test_a_head_left_open_does_not_swallow_the_body() -> None:
    assert (
        html_to_text("<html><head><meta charset=utf-8><link rel=icon><body><p>Hello there</p>")
        == "Hello there\n"
    )


def test_empty_html_gives_empty_text() -> None:
    assert html_to_text("<script>x()</script><style></style>") == ""


def test_decoding() -> None:
    assert decode_upload("Café".encode()) == "Café"
    assert decode_upload(b"\xef\xbb\xbfWith a BOM") == "With a BOM"
    with pytest.raises(UnreadableText, match="UTF-8"):
        decode_upload("Café".encode("latin-1"))
    with pytest.raises(UnreadableText, match="not plain text"):
        decode_upload(b"PK\x03\x04\x00\x00")


def test_uploads_by_file_type() -> None:
    markdown = b"# Heading\r\n\r\nSome *text*.\r\n"
    assert text_from_upload("notes.MD", markdown) == "# Heading\n\nSome *text*.\n"
    assert text_from_upload("page.htm", b"<h1>Title</h1><p>Body</p>") == "Title\n\nBody\n"
    assert text_from_upload("plain.txt", b"Just text") == "Just text"
    with pytest.raises(UnreadableText, match=r"\.txt, \.md or \.html"):
        text_from_upload("slides.docx", b"text")
    with pytest.raises(UnreadableText, match=r"\.txt, \.md or \.html"):
        text_from_upload(None, b"text")
    with pytest.raises(UnreadableText, match="no text"):
        text_from_upload("empty.txt", b"  \n ")


def test_normalise_newlines() -> None:
    assert normalise_newlines("a\r\nb\rc\n") == "a\nb\nc\n"


def test_broken_and_hostile_markup_is_repaired_before_reading() -> None:
    html = (
        "<p>First <b>bold<p>Second<!-- a comment --><img src=x onerror=alert(1)>"
        "<div hidden>secret</div><object>plugin</object><p onclick='x()'>Third"
    )
    text = html_to_text(html)
    assert text.strip().split("\n\n") == ["First bold", "Second", "Third"]
    assert "alert" not in text and "comment" not in text and "secret" not in text
