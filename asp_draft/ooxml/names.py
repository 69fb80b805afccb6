"""Namespaces of WordprocessingML and the package, and the element builder every part uses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
EXTENDED_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_OFFICE_DOCUMENT = REL + "officeDocument"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
NSMAP = {"w": W_NS, "r": R_NS}

# A character Word keeps as an element of a run (w:noBreakHyphen) rather than as text
NO_BREAK_HYPHEN = "\u2011"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: w('p') -> '{...main}p'."""
    return f"{{{W_NS}}}{tag}"


def el(tag: str, attrs: Mapping[str, str | int] | None = None, *children: Any,
       parent: Any = None) -> Any:
    """A w: element with w: attributes (values as text), optionally appended to `parent`."""
    node = etree.Element(w(tag), nsmap=NSMAP) if parent is None \
        else etree.SubElement(parent, w(tag))
    for key, value in (attrs or {}).items():
        node.set(w(key) if ":" not in key else key, str(value))
    for child in children:
        node.append(child)
    return node


def to_bytes(root: Any) -> bytes:
    """One part serialised as Word writes it: UTF-8, declaration, standalone."""
    etree.cleanup_namespaces(root)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
