"""Formats against the outside world: files other programs wrote, IMS schemas, spreadsheet
templates cell by cell, hostile XML and oversized files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from quizapp.formats import (
    FORMATS,
    MAX_FILE_BYTES,
    FormatError,
    Item,
    detect,
    export,
    import_file,
    kahoot,
    wayground,
)
from quizapp.kinds.shapes import AnswerShape as S

FIXTURES = Path(__file__).parents[1] / "fixtures" / "formats"
ROOT = Path(__file__).parents[2]
#: ../shared beside the repository (a helper's worktree sits one level deeper).
SHARED_QTI = next(
    (p / "shared" / "formats" / "qti" for p in (ROOT.parent, ROOT.parent.parent)
     if (p / "shared" / "formats" / "qti").is_dir()),
    ROOT.parent / "shared" / "formats" / "qti",
)  # fmt: skip


def load(name: str, fmt: str | None = None):
    return import_file((FIXTURES / name).read_bytes(), fmt)


def shapes(result) -> list[S]:
    return [item.shape for item in result.items]


# --- files written by Moodle, IMS and 1EdTech -----------------------------------------------------


def test_moodle_gift_fixture() -> None:
    result = load("questions.gift.txt")
    assert result.format == "gift"
    assert shapes(result) == [S.PAIRS, S.ONE_CHOICE, S.MANY_CHOICES, S.NUMBER, S.TEXT,
                              S.TRUTH, S.TRUTH, S.TRUTH]  # fmt: skip
    pairs, choice, select, number, text, false, *_ = result.items
    assert pairs.stem == "Match the activity to the description."
    assert pairs.answer[0] == ["An activity supporting asynchronous discussions.", "Forum"]
    assert "Chat" in pairs.options and len(pairs.answer) == 4  # "= -> Chat" is an extra match
    assert (choice.answer, choice.options) == ("yellow", ["yellow", "red", "blue"])
    assert select.answer == ["yellow", "off-beige"]
    assert (number.answer, number.tolerance) == (3, 2)
    assert (text.answer, text.accepted) == ("Frog", [])  # 50% "Cat" and "*" do not count
    assert false.answer is False
    assert false.feedback == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    assert [(p.where, p.reason) for p in result.skipped] == [
        ("line 2", "An essay question (empty answer block) has no key to import.")
    ]


def test_moodle_aiken_fixtures() -> None:
    good = load("questions.aiken.txt")
    assert good.format == "aiken" and shapes(good) == [S.ONE_CHOICE, S.TRUTH]
    assert good.items[0].answer == "Martin Dougiamas"
    assert '<html class="cool"> &' in good.items[1].stem
    broken = load("aiken_errors.txt")
    assert [item.answer for item in broken.items] == ["Correct", "Correct (No space)"]
    assert [p.where for p in broken.skipped] == ["line 1", "line 5", "line 14"]


def test_moodle_xml_fixtures() -> None:
    nested = load("nested_categories_with_questions.xml")
    assert nested.format == "moodle-xml"
    assert shapes(nested) == [S.TRUTH] * 4
    assert nested.items[0].stem == "Testing Iota Question"
    assert [p.reason for p in nested.skipped] == ["Moodle's essay questions have no kind here."]
    assert "essay" in nested.skipped[0].where and "Kappa Essay Question" in nested.skipped[0].where
    old = load("sample_questions_with_old_image_tag.xml")
    assert shapes(old) == [S.ONE_CHOICE]
    assert old.items[0].answer == "right answer"
    assert "cloze" in old.skipped[0].where


def test_ims_qti21_examples() -> None:
    choice = load("choice.qti21.xml")
    assert choice.format == "qti21" and shapes(choice) == [S.ONE_CHOICE]
    assert choice.items[0].answer == "You must stay with your luggage at all times."
    entry = load("text_entry.qti21.xml")
    assert (entry.items[0].shape, entry.items[0].answer, entry.items[0].accepted) == (
        S.TEXT, "York", [])  # fmt: skip
    assert "Identify the missing word" in entry.items[0].stem
    order = load("order.qti21.xml")
    assert order.items[0].answer == ["Michael Schumacher", "Rubens Barrichello", "Jenson Button"]
    essay = load("extended_text.qti21.xml")
    assert essay.items == [] and essay.skipped[0].reason == "There is no correct response."


def test_1edtech_qti30_examples() -> None:
    match = load("QTI3-match.xml")
    assert match.format == "qti30" and shapes(match) == [S.PAIRS]
    assert match.items[0].answer[0] == ["Capulet", "Romeo and Juliet"]
    first = load("firstexample.qti30.xml")
    assert (first.format, first.items[0].answer) == ("qti30", "Epinephrine")


# --- QTI output against the IMS schemas -----------------------------------------------------

EVERY_SHAPE = [
    Item(S.ONE_CHOICE, "Year?", "1969", ["1972", "1969"], feedback="In 1969."),
    Item(S.MANY_CHOICES, "Which?", ["a", "c"], ["a", "b", "c"]),
    Item(S.TRUTH, "True?", True),
    Item(S.TEXT, "Apollo _____", "11", accepted=["eleven"]),
    Item(S.PAIRS, "Match", [["x", "1"], ["y", "2"]], ["2", "1", "3"]),
    Item(S.SEQUENCE, "Order", ["a", "b", "c"], ["c", "a", "b"]),
    Item(S.NUMBER, "How many?", 3, tolerance=1),
    Item(S.NUMBER, "How far?", 384400, tolerance=5, tolerance_percent=True),
]


@pytest.fixture(scope="session")
def qti21_schemas():
    lxml = pytest.importorskip("lxml.etree")
    if not SHARED_QTI.is_dir():
        pytest.skip(
            f"the IMS schemas are not at {SHARED_QTI} (../shared is absent in a fresh clone)"
        )
    item = lxml.XMLSchema(lxml.parse(str(SHARED_QTI / "qtiv2p1" / "imsqti_v2p1.xsd")))
    manifest = lxml.XMLSchema(lxml.parse(str(SHARED_QTI / "imscp_v1p1.xsd")))
    return lxml, item, manifest


def test_every_file_of_a_qti21_package_validates(qti21_schemas) -> None:
    lxml, item_schema, manifest_schema = qti21_schemas
    package = zipfile.ZipFile(io.BytesIO(export(FORMATS["qti21"], EVERY_SHAPE, "Quiz").content))
    names = package.namelist()
    assert names[0] == "imsmanifest.xml" and "test.xml" in names
    assert len([n for n in names if n.startswith("items/")]) == len(EVERY_SHAPE)
    for name in names:
        schema = manifest_schema if name == "imsmanifest.xml" else item_schema
        document = lxml.fromstring(package.read(name))
        assert schema.validate(document), (name, str(schema.error_log))


def test_a_broken_item_fails_the_schema(qti21_schemas) -> None:
    """The validation is real: an item without its required identifier is refused."""
    lxml, item_schema, _ = qti21_schemas
    package = zipfile.ZipFile(io.BytesIO(export(FORMATS["qti21"], EVERY_SHAPE, "Quiz").content))
    document = lxml.fromstring(package.read("items/item-1.xml"))
    del document.attrib["identifier"]
    assert not item_schema.validate(document)


def test_qti30_uses_the_30_vocabulary() -> None:
    """No public copy of the QTI 3.0 XSD was reachable here, so 3.0 output is checked by name."""
    package = zipfile.ZipFile(io.BytesIO(export(FORMATS["qti30"], EVERY_SHAPE, "Quiz").content))
    item = package.read("items/item-5.xml").decode()
    for name in ("<qti-assessment-item", "<qti-match-interaction", "response-identifier=",
                 "<qti-simple-associable-choice", "match-max=", "<qti-correct-response",
                 "imsqtiasi_v3p0", "rptemplates/match_correct.xml"):  # fmt: skip
        assert name in item
    assert "matchInteraction" not in item and "responseIdentifier" not in item
    number = package.read("items/item-8.xml").decode()
    assert 'tolerance-mode="relative"' in number
    manifest = package.read("imsmanifest.xml").decode()
    assert "imsqti_item_xmlv3p0" in manifest and "qtiv3p0/imscp_v1p1" in manifest


# --- spreadsheets, cell by cell ------------------------------------------------------------

SHEET_ITEMS = [
    Item(S.ONE_CHOICE, '=HYPERLINK("x") year?', "1969", ["1972", "1969", "1960"]),
    Item(S.MANY_CHOICES, "Which are European?", ["ESA", "CNES"], ["ESA", "NASA", "CNES", "JAXA"]),
    Item(S.TRUTH, "Apollo 11 landed in 1972.", False, feedback="It landed in 1969."),
    Item(S.TEXT, "Apollo 11 landed on the _____.", "Moon", accepted=["the Moon"]),
]


def test_kahoot_sheet_follows_the_template_cell_by_cell() -> None:
    exported = export(FORMATS["kahoot-xlsx"], SHEET_ITEMS, "Quiz")
    assert exported.left_out == [
        "1 fill in the blank question is left out of Kahoot spreadsheet, which has no fill in "
        "the blank questions."
    ]
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert [sheet.cell(8, column).value for column in range(2, 9)] == list(kahoot.HEADER)
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=9, max_col=8)]
    assert rows == [
        [1, '=HYPERLINK("x") year?', "1972", "1969", "1960", None, 20, "2"],
        [2, "Which are European?", "ESA", "NASA", "CNES", "JAXA", 20, "1,3"],
        [3, "Apollo 11 landed in 1972.", "True", "False", None, None, 20, "2"],
    ]
    assert sheet.cell(9, 2).data_type == "s"  # text, never a formula


def test_kahoot_lists_what_does_not_fit() -> None:
    long = Item(S.ONE_CHOICE, "x" * 121, "a", ["a", "b"])
    many = Item(S.ONE_CHOICE, "Five?", "a", ["a", "b", "c", "d", "e"])
    wide = Item(S.ONE_CHOICE, "Wide?", "a", ["a", "b" * 76])
    exported = export(FORMATS["kahoot-xlsx"], [long, many, wide], "Quiz")
    assert exported.kept == []
    assert exported.left_out == [
        "Question 1 is left out: the question has 121 characters; Kahoot allows 120.",
        "Question 2 is left out: it has 5 answers; Kahoot allows 4.",
        "Question 3 is left out: an answer is longer than Kahoot's 75 characters.",
    ]
    assert kahoot.time_limit(25) == 30 and kahoot.time_limit(None) == 20
    assert kahoot.time_limit(1000) == 240


def test_wayground_sheet_follows_the_template_cell_by_cell() -> None:
    exported = export(FORMATS["wayground-xlsx"], SHEET_ITEMS, "Quiz")
    assert exported.left_out == []
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert [cell.value for cell in sheet[1]] == list(wayground.HEADER)
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2, max_col=11)]
    assert rows == [
        ["=HYPERLINK(\"x\") year?", "Multiple Choice", "1972", "1969", "1960", None, None, "2",
         30, None, None],
        ["Which are European?", "Checkbox", "ESA", "NASA", "CNES", "JAXA", None, "1,3", 30,
         None, None],
        ["Apollo 11 landed in 1972.", "Multiple Choice", "True", "False", None, None, None, "2",
         30, None, "It landed in 1969."],
        ["Apollo 11 landed on the _____.", "Fill-in-the-Blank", "Moon", "the Moon", None, None,
         None, None, 30, None, None],
    ]  # fmt: skip


def test_spreadsheets_are_told_apart_by_their_headers() -> None:
    for name in ("kahoot-xlsx", "wayground-xlsx"):
        content = export(FORMATS[name], SHEET_ITEMS[:3], "Quiz").content
        assert detect(content).name == name


# --- hostile and oversized files ------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<quiz><question type="truefalse"><questiontext><text>&lol3;</text></questiontext>
</question></quiz>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<quiz><question type="shortanswer"><name><text>&xxe;</text></name></question></quiz>"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE quiz SYSTEM "http://127.0.0.1:9/evil.dtd"><quiz/>"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD])
@pytest.mark.parametrize("fmt", ["moodle-xml", "qti21", None])
def test_hostile_xml_is_refused(payload: bytes, fmt: str | None) -> None:
    with pytest.raises(FormatError, match="DTD or entities"):
        import_file(payload, fmt)


def test_hostile_xml_inside_a_qti_package_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("item.xml", EXTERNAL_ENTITY)
    with pytest.raises(FormatError, match="DTD or entities"):
        import_file(buffer.getvalue(), "qti21")


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("items/item-1.xml", b"<a/>" + b" " * (45 * 1024 * 1024))
    assert len(buffer.getvalue()) < MAX_FILE_BYTES
    with pytest.raises(FormatError, match="unpacks to more than"):
        import_file(buffer.getvalue(), "qti21")


def test_size_and_count_limits_have_clear_messages() -> None:
    with pytest.raises(FormatError, match=r"at most 2,000,000 can be imported"):
        import_file(b"x" * (MAX_FILE_BYTES + 1), "gift")
    many = "\n\n".join(f"Question {n}?{{T}}" for n in range(501)).encode()
    with pytest.raises(FormatError, match="holds 501 questions; at most 500"):
        import_file(many, "gift")
    with pytest.raises(FormatError, match="empty"):
        import_file(b"  \n", "gift")
    with pytest.raises(FormatError, match="not UTF-8"):
        import_file("¿Qué?{T}".encode("latin-1"), "gift")
    with pytest.raises(FormatError, match="not recognised"):
        import_file(b"just some words")
    with pytest.raises(FormatError, match="Unknown format"):
        import_file(b"x", "pdf")
