"""IMS QTI 3.0 content packages, both ways: the QTI 2.1 items renamed into 3.0's vocabulary.

QTI 3.0 keeps 2.1's model and renames it: elements become ``qti-`` and kebab case
(``choiceInteraction`` → ``qti-choice-interaction``), attributes kebab case
(``responseIdentifier`` → ``response-identifier``), the XHTML inside a body keeps its names, and
the namespace, response-processing template URLs and manifest resource types change. So this
module is the 3.0 ``Version`` of ``quizapp.formats.qti21``'s builder and reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .base import Format
from .items import Item
from .qti21 import SHAPES, Version, read, sniff, write_package


def kebab(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", lambda m: "-" + m[1].lower(), name)


V3P0 = Version(
    label="QTI 3.0",
    namespace="http://www.imsglobal.org/xsd/imsqtiasi_v3p0",
    schema_location="https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd",
    manifest_namespace="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1",
    item_type="imsqti_item_xmlv3p0",
    test_type="imsqti_test_xmlv3p0",
    template=lambda name: f"https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/{name}.xml",
    element=lambda name: "qti-" + kebab(name),
    attribute=kebab,
)


def write(items: Sequence[Item], title: str) -> bytes:
    return write_package(items, title, V3P0)


FORMAT = Format(
    name="qti30",
    label="QTI 3.0",
    extension="qti30.zip",
    media_type="application/zip",
    shapes=SHAPES,
    write=write,
    read=read,
    sniff=sniff,
    loses=("nothing of our kinds; partial credit follows each platform's own rules",),
)
