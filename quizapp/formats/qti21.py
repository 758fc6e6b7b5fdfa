"""IMS QTI 2.1 content packages, both ways: one ``assessmentItem`` per question, an
``assessmentTest`` for the set, and an ``imsmanifest.xml`` (IMS Content Packaging 1.1).

Interactions: ``choiceInteraction`` (one choice, several choices, and true/false as the two
choices True and False), ``textEntryInteraction`` (typed text with a mapping of every accepted
answer; numbers with a tolerance), ``matchInteraction`` (pairs) and ``orderInteraction``. The
source sentence is a ``modalFeedback`` shown after answering. Scoring uses the standard response
processing templates, and for numbers an ``equal`` with its tolerance.

The tree is built once in QTI 2.1's element names; ``quizapp.formats.qti30`` renames it into
QTI 3.0's. Reading accepts a package (.zip) or a single item's XML, in either version.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..kinds.shapes import AnswerShape
from .base import Format
from .items import (
    MAX_FILE_BYTES,
    MAX_ITEMS,
    FormatError,
    ImportResult,
    Item,
    number_text,
    parse_number,
)
from .xmlsafe import local, parse_xml

#: Elements of the XHTML subset inside an item body: never renamed between versions.
HTML_TAGS = frozenset({"p", "div", "span", "br", "b", "i", "em", "strong", "ul", "ol", "li"})
MAX_PACKAGE_BYTES = 20 * MAX_FILE_BYTES
SHAPES = frozenset(AnswerShape)
TRUTHS = {"true": True, "false": False}


@dataclass(frozen=True)
class Version:
    """What differs between QTI versions in a package: names, namespaces and template URLs."""

    label: str
    namespace: str
    schema_location: str
    manifest_namespace: str
    item_type: str
    test_type: str
    template: Callable[[str], str]
    element: Callable[[str], str]
    attribute: Callable[[str], str]


V2P1 = Version(
    label="QTI 2.1",
    namespace="http://www.imsglobal.org/xsd/imsqti_v2p1",
    schema_location="http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd",
    manifest_namespace="http://www.imsglobal.org/xsd/imscp_v1p1",
    item_type="imsqti_item_xmlv2p1",
    test_type="imsqti_test_xmlv2p1",
    template=lambda name: f"http://www.imsglobal.org/question/qti_v2p1/rptemplates/{name}",
    element=lambda name: name,
    attribute=lambda name: name,
)

# --- building (in 2.1 names) --------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _declaration(item: ET.Element, cardinality: str, base: str, values: list[str]) -> ET.Element:
    declaration = _sub(
        item, "responseDeclaration", identifier="RESPONSE", cardinality=cardinality, baseType=base
    )
    correct = _sub(declaration, "correctResponse")
    for value in values:
        _sub(correct, "value", value)
    return declaration


def _outcomes(item: ET.Element) -> None:
    score = _sub(item, "outcomeDeclaration", identifier="SCORE", cardinality="single",
                 baseType="float")  # fmt: skip
    _sub(_sub(score, "defaultValue"), "value", "0")
    _sub(item, "outcomeDeclaration", identifier="FEEDBACK", cardinality="single",
         baseType="identifier")  # fmt: skip


def _choices(parent: ET.Element, prefix: str, texts: Sequence[str], tag: str) -> list[str]:
    ids = [f"{prefix}{number}" for number in range(1, len(texts) + 1)]
    for identifier, text in zip(ids, texts, strict=True):
        _sub(parent, tag, text, identifier=identifier)
    return ids


def item_tree(item: Item, identifier: str, version: Version) -> ET.Element:
    """One ``assessmentItem`` for ``item`` (2.1 names; ``version`` only for the template URLs)."""
    title = item.title or " ".join(item.stem.split())[:80]
    root = ET.Element(
        "assessmentItem",
        {"identifier": identifier, "title": title, "adaptive": "false", "timeDependent": "false"},
    )
    shape = item.shape
    body = ET.Element("itemBody")
    template = "match_correct"
    processing: ET.Element | None = None
    if shape in (AnswerShape.ONE_CHOICE, AnswerShape.MANY_CHOICES, AnswerShape.TRUTH):
        if shape == AnswerShape.TRUTH:
            texts, ids = ["True", "False"], ["true", "false"]
            keys = ["true" if item.answer else "false"]
        else:
            texts = list(item.options)
            ids = [f"C{number}" for number in range(1, len(texts) + 1)]
            wanted = [item.answer] if shape == AnswerShape.ONE_CHOICE else list(item.answer)
            keys = [ids[texts.index(text)] for text in wanted]
        single = shape != AnswerShape.MANY_CHOICES
        _declaration(root, "single" if single else "multiple", "identifier", keys)
        interaction = _sub(body, "choiceInteraction", responseIdentifier="RESPONSE",
                           shuffle="false", maxChoices="1" if single else "0")  # fmt: skip
        _sub(interaction, "prompt", item.stem)
        for choice_id, text in zip(ids, texts, strict=True):
            _sub(interaction, "simpleChoice", text, identifier=choice_id)
    elif shape == AnswerShape.TEXT:
        answers = list(dict.fromkeys([item.answer, *item.accepted]))
        declaration = _declaration(root, "single", "string", [item.answer])
        mapping = _sub(declaration, "mapping", defaultValue="0")
        for text in answers:
            _sub(mapping, "mapEntry", mapKey=text, mappedValue="1", caseSensitive="false")
        template = "map_response"
        _sub(body, "p", item.stem)
        _sub(_sub(body, "p"), "textEntryInteraction", responseIdentifier="RESPONSE",
             expectedLength=str(max(10, len(item.answer))))  # fmt: skip
    elif shape == AnswerShape.NUMBER:
        _declaration(root, "single", "float", [number_text(item.answer)])
        _sub(body, "p", item.stem)
        _sub(_sub(body, "p"), "textEntryInteraction", responseIdentifier="RESPONSE",
             expectedLength="10")  # fmt: skip
        processing = _number_processing(item)
    elif shape == AnswerShape.PAIRS:
        lefts = [left for left, _ in item.answer]
        rights = item.rights()
        interaction = _sub(body, "matchInteraction", responseIdentifier="RESPONSE",
                           shuffle="false", maxAssociations=str(len(lefts)))  # fmt: skip
        _sub(interaction, "prompt", item.stem)
        left_ids = _choices(_sub(interaction, "simpleMatchSet"), "L", lefts,
                            "simpleAssociableChoice")  # fmt: skip
        right_set = _sub(interaction, "simpleMatchSet")
        right_ids = _choices(right_set, "R", rights, "simpleAssociableChoice")
        for choice in interaction.iter("simpleAssociableChoice"):
            choice.set("matchMax", str(len(lefts)) if choice in right_set else "1")
        values = [
            f"{left_ids[i]} {right_ids[rights.index(right)]}"
            for i, (_, right) in enumerate(item.answer)
        ]
        _declaration(root, "multiple", "directedPair", values)
    elif shape == AnswerShape.SEQUENCE:
        interaction = _sub(body, "orderInteraction", responseIdentifier="RESPONSE",
                           shuffle="false")  # fmt: skip
        _sub(interaction, "prompt", item.stem)
        ids = _choices(interaction, "C", item.options, "simpleChoice")
        _declaration(root, "ordered", "identifier",
                     [ids[item.options.index(text)] for text in item.answer])  # fmt: skip
    # responseDeclaration first, then outcomes, the body, processing and feedback.
    _outcomes(root)
    root.append(body)
    if processing is None:
        processing = ET.Element("responseProcessing", {"template": version.template(template)})
    root.append(processing)
    if item.feedback:
        _sub(root, "modalFeedback", item.feedback, outcomeIdentifier="FEEDBACK",
             showHide="hide", identifier="NONE")  # fmt: skip
    return root


def _number_processing(item: Item) -> ET.Element:
    """SCORE 1 when the response equals the key within the tolerance (absolute or percent)."""
    processing = ET.Element("responseProcessing")
    condition = _sub(_sub(processing, "responseCondition"), "responseIf")
    tolerance = number_text(item.tolerance)
    mode = "relative" if item.tolerance_percent else "absolute"
    if item.tolerance:
        equal = _sub(condition, "equal", toleranceMode=mode, tolerance=f"{tolerance} {tolerance}")
    else:
        equal = _sub(condition, "equal", toleranceMode="exact")
    _sub(equal, "variable", identifier="RESPONSE")
    _sub(equal, "correct", identifier="RESPONSE")
    score = _sub(condition, "setOutcomeValue", identifier="SCORE")
    _sub(score, "baseValue", "1", baseType="float")
    return processing


def test_tree(title: str, identifiers: Sequence[str]) -> ET.Element:
    """An ``assessmentTest`` that presents the items in order."""
    test = ET.Element("assessmentTest", {"identifier": "test", "title": title or "Quiz"})
    part = _sub(test, "testPart", identifier="part1", navigationMode="linear",
                submissionMode="individual")  # fmt: skip
    section = _sub(part, "assessmentSection", identifier="section1", title=title or "Quiz",
                   visible="true")  # fmt: skip
    for identifier in identifiers:
        _sub(section, "assessmentItemRef", identifier=identifier, href=f"items/{identifier}.xml")
    return test


def qualify(tree: ET.Element, version: Version) -> ET.Element:
    """Put the tree into ``version``'s namespace and names (in place), with its schema hint."""
    for element in tree.iter():
        name = element.tag if element.tag in HTML_TAGS else version.element(element.tag)
        element.tag = f"{{{version.namespace}}}{name}"
        element.attrib = {version.attribute(k): v for k, v in element.attrib.items()}
    tree.set(
        "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation",
        f"{version.namespace} {version.schema_location}",
    )
    return tree


def _xml(tree: ET.Element, namespace: str) -> bytes:
    ET.register_namespace("", namespace)
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    ET.indent(tree)
    return ET.tostring(tree, encoding="utf-8", xml_declaration=True) + b"\n"


def manifest_tree(version: Version, identifiers: Sequence[str]) -> ET.Element:
    """``imsmanifest.xml``: one resource per item and one for the test."""
    ns = version.manifest_namespace
    manifest = ET.Element(f"{{{ns}}}manifest", {"identifier": "MANIFEST-quizapp"})
    metadata = ET.SubElement(manifest, f"{{{ns}}}metadata")
    ET.SubElement(metadata, f"{{{ns}}}schema").text = f"{version.label} Package"
    ET.SubElement(metadata, f"{{{ns}}}schemaversion").text = "1.0.0"
    ET.SubElement(manifest, f"{{{ns}}}organizations")
    resources = ET.SubElement(manifest, f"{{{ns}}}resources")
    for identifier in identifiers:
        href = f"items/{identifier}.xml"
        resource = ET.SubElement(resources, f"{{{ns}}}resource",
                                 {"identifier": identifier, "type": version.item_type,
                                  "href": href})  # fmt: skip
        ET.SubElement(resource, f"{{{ns}}}file", {"href": href})
    test = ET.SubElement(resources, f"{{{ns}}}resource",
                         {"identifier": "test", "type": version.test_type,
                          "href": "test.xml"})  # fmt: skip
    ET.SubElement(test, f"{{{ns}}}file", {"href": "test.xml"})
    for identifier in identifiers:
        ET.SubElement(test, f"{{{ns}}}dependency", {"identifierref": identifier})
    return manifest


def write_package(items: Sequence[Item], title: str, version: Version) -> bytes:
    """A content package (.zip) of the items and a test, in ``version``."""
    identifiers = [f"item-{number}" for number in range(1, len(items) + 1)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        manifest = manifest_tree(version, identifiers)
        package.writestr("imsmanifest.xml", _xml(manifest, version.manifest_namespace))
        for identifier, item in zip(identifiers, items, strict=True):
            tree = qualify(item_tree(item, identifier, version), version)
            package.writestr(f"items/{identifier}.xml", _xml(tree, version.namespace))
        test = qualify(test_tree(title, identifiers), version)
        package.writestr("test.xml", _xml(test, version.namespace))
    return buffer.getvalue()


def write(items: Sequence[Item], title: str) -> bytes:
    return write_package(items, title, V2P1)


# --- reading (either version) -------------------------------------------------------------------


class _Skip(Exception):
    """This item cannot be imported; the message says why."""


def plain_name(tag: str) -> str:
    """An element's 2.1 name either way: ``qti-order-interaction`` is ``orderInteraction``."""
    name = local(tag)
    if name.startswith("qti-"):
        head, *rest = name[4:].split("-")
        name = head + "".join(part.capitalize() for part in rest)
    return name


def plain_attrs(element: ET.Element) -> dict[str, str]:
    return {
        re.sub(r"-([a-z])", lambda m: m[1].upper(), local(k)): v for k, v in element.attrib.items()
    }


def normalise_tree(root: ET.Element) -> ET.Element:
    """The tree in 2.1's names without namespaces, so one reader serves both versions."""
    for element in root.iter():
        element.tag = plain_name(element.tag)
        element.attrib = plain_attrs(element)
    return root


def read(data: bytes) -> ImportResult:
    """Items from a QTI content package (.zip) or one item's XML, QTI 2.1, 2.2 or 3.0."""
    result = ImportResult("qti21")
    if data[:2] == b"PK":
        for where, xml in package_files(data):
            read_document(xml, where, result)
    else:
        read_document(data, "the file", result)
    if not result.items and not result.skipped:
        raise FormatError("The package holds no QTI assessment items.")
    return result


def package_files(data: bytes) -> list[tuple[str, bytes]]:
    """The XML files of a package in the manifest's order (else by name), size-checked."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FormatError("The file is not a readable .zip package.") from None
    with package:
        infos = [info for info in package.infolist() if not info.is_dir()]
        if len(infos) > MAX_ITEMS + 20:
            raise FormatError(f"The package holds {len(infos)} files; at most {MAX_ITEMS + 20}.")
        if sum(info.file_size for info in infos) > MAX_PACKAGE_BYTES:
            raise FormatError("The package unpacks to more than 40 MB.")
        names = {info.filename for info in infos}
        order = _manifest_order(package, names)
        xml_names = order or sorted(n for n in names if n.endswith(".xml"))
        files = []
        for name in xml_names:
            if name == "imsmanifest.xml" or not name.endswith(".xml"):
                continue
            if package.getinfo(name).file_size > MAX_FILE_BYTES:
                raise FormatError(f"{name} in the package is larger than {MAX_FILE_BYTES:,} bytes.")
            files.append((name, package.read(name)))
        return files


def _manifest_order(package: zipfile.ZipFile, names: set[str]) -> list[str]:
    """The item files the manifest lists, in its order; empty without a manifest."""
    if "imsmanifest.xml" not in names:
        return []
    manifest = parse_xml(package.read("imsmanifest.xml"), "imsmanifest.xml")
    order = []
    for resource in manifest.iter():
        if local(resource.tag) == "resource" and "item" in resource.get("type", ""):
            href = resource.get("href", "")
            if href in names:
                order.append(href)
    return order


def read_document(data: bytes, where: str, result: ImportResult) -> None:
    """Add the item in one XML document to ``result``; tests and other documents are ignored."""
    root = parse_xml(data, where)
    if local(root.tag).startswith("qti-"):
        result.format = "qti30"
    root = normalise_tree(root)
    if root.tag != "assessmentItem":
        return
    where = f"{where} (assessmentItem “{root.get('identifier', '?')}”)"
    try:
        item = read_item(root)
    except _Skip as skip:
        result.skip(where, str(skip))
        return
    result.add(item, where)


def _text_of(element: ET.Element | None, skip: tuple[str, ...] = ()) -> str:
    """The element's text without the text of its children named in ``skip``."""
    if element is None:
        return ""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        if node.tag in skip:
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node is not element and node.tail:
            parts.append(node.tail)

    walk(element)
    return " ".join("".join(parts).split())


def read_item(root: ET.Element) -> Item:
    """One ``assessmentItem`` (normalised names) as an item, or ``_Skip``."""
    body = root.find("itemBody")
    if body is None:
        raise _Skip("The item has no itemBody.")
    interactions = [e for e in body.iter() if e.tag.endswith("Interaction")]
    if len(interactions) != 1:
        raise _Skip(f"The item has {len(interactions)} interactions; only one is supported.")
    interaction = interactions[0]
    declaration = None
    for candidate in root.findall("responseDeclaration"):
        if candidate.get("identifier") == interaction.get("responseIdentifier"):
            declaration = candidate
    if declaration is None:
        raise _Skip("The interaction has no response declaration.")
    values = [v.text or "" for v in declaration.findall("correctResponse/value")]
    if not values:
        raise _Skip("There is no correct response.")
    reader = INTERACTIONS.get(interaction.tag)
    if reader is None:
        raise _Skip(f"{interaction.tag} questions have no kind here.")
    prompt = interaction.find("prompt")
    stem = _text_of(prompt) if prompt is not None else _text_of(body, (interaction.tag,))
    item = reader(interaction, declaration, [v.strip() for v in values], root)
    item.stem = stem
    item.title = root.get("title") or None
    feedback = [_text_of(f) for f in root.findall("modalFeedback")]
    item.feedback = " ".join(t for t in feedback if t) or None
    return item


def _choice_texts(interaction: ET.Element, tag: str) -> dict[str, str]:
    return {c.get("identifier", ""): _text_of(c) for c in interaction.iter(tag)}


def read_choice(
    interaction: ET.Element, declaration: ET.Element, values: list[str], root: ET.Element
) -> Item:
    choices = _choice_texts(interaction, "simpleChoice")
    if any(value not in choices for value in values):
        raise _Skip("The correct response names a choice the item does not have.")
    texts = list(choices.values())
    if declaration.get("cardinality") == "single":
        lowered = {text.casefold() for text in texts}
        if len(texts) == 2 and lowered == set(TRUTHS):
            return Item(AnswerShape.TRUTH, "", TRUTHS[choices[values[0]].casefold()])
        return Item(AnswerShape.ONE_CHOICE, "", choices[values[0]], options=texts)
    return Item(AnswerShape.MANY_CHOICES, "", [choices[v] for v in values], options=texts)


def read_text_entry(
    interaction: ET.Element, declaration: ET.Element, values: list[str], root: ET.Element
) -> Item:
    if declaration.get("baseType") in ("float", "integer"):
        number = parse_number(values[0])
        if number is None:
            raise _Skip(f"The correct response {values[0]!r} is not a number.")
        item = Item(AnswerShape.NUMBER, "", number)
        for equal in root.iter("equal"):
            mode = equal.get("toleranceMode", "exact")
            bounds = (equal.get("tolerance") or "0").split()
            tolerance = parse_number(bounds[0]) if bounds else 0
            if mode in ("absolute", "relative") and tolerance is not None:
                item.tolerance = abs(tolerance)
                item.tolerance_percent = mode == "relative"
        return item
    entries = [
        (entry.get("mapKey", ""), parse_number(entry.get("mappedValue", "0")) or 0)
        for entry in declaration.iter("mapEntry")
    ]
    full = max((value for _, value in entries), default=0)
    accepted = [key for key, value in entries if value > 0 and value >= full]
    texts = [t for t in dict.fromkeys([values[0], *accepted]) if t.strip()]
    return Item(AnswerShape.TEXT, "", texts[0], accepted=texts[1:])


def read_match(
    interaction: ET.Element, declaration: ET.Element, values: list[str], root: ET.Element
) -> Item:
    sets = interaction.findall("simpleMatchSet")
    if len(sets) != 2:
        raise _Skip("A match interaction needs two sets of choices.")
    lefts = _choice_texts(sets[0], "simpleAssociableChoice")
    rights = _choice_texts(sets[1], "simpleAssociableChoice")
    pairs = []
    for value in values:
        source, _, target = value.partition(" ")
        if source in rights and target in lefts:
            source, target = target, source
        if source not in lefts or target not in rights:
            raise _Skip(f"The pair {value!r} names a choice the item does not have.")
        pairs.append([lefts[source], rights[target]])
    order = {text: index for index, text in enumerate(lefts.values())}
    pairs.sort(key=lambda pair: order[pair[0]])
    return Item(AnswerShape.PAIRS, "", pairs, options=list(rights.values()))


def read_order(
    interaction: ET.Element, declaration: ET.Element, values: list[str], root: ET.Element
) -> Item:
    choices = _choice_texts(interaction, "simpleChoice")
    if sorted(values) != sorted(choices):
        raise _Skip("The correct order does not hold every choice once.")
    return Item(AnswerShape.SEQUENCE, "", [choices[v] for v in values],
                options=list(choices.values()))  # fmt: skip


INTERACTIONS = {
    "choiceInteraction": read_choice,
    "textEntryInteraction": read_text_entry,
    "matchInteraction": read_match,
    "orderInteraction": read_order,
}


def sniff(data: bytes) -> bool:
    if data[:2] == b"PK":
        return True
    head = data[:3000]
    return b"assessmentItem" in head or b"qti-assessment-item" in head


FORMAT = Format(
    name="qti21",
    label="QTI 2.1",
    extension="qti21.zip",
    media_type="application/zip",
    shapes=SHAPES,
    write=write,
    read=read,
    sniff=sniff,
    loses=("nothing of our kinds; partial credit follows each platform's own rules",),
)
