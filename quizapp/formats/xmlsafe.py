"""Parsing XML from uploads safely: entities, DTDs and external references are refused.

``defusedxml`` raises on a document type declaration (so no billion-laughs entity expansion and
no external DTD or entity is ever fetched); we turn that, and any syntax error, into a
``FormatError`` a teacher can read.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .items import FormatError


def parse_xml(data: bytes, what: str = "file") -> ET.Element:
    """The root element of ``data``; hostile or broken XML is a ``FormatError``."""
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise FormatError(
            f"The {what} declares a DTD or entities, which are refused for safety."
        ) from None
    except ET.ParseError as error:
        raise FormatError(f"The {what} is not well-formed XML ({error}).") from None


def local(tag: str) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1]
