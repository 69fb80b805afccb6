"""Untrusted XML, parsed safely: one parser and one refusal of DOCTYPEs for every reader.

A DOCTYPE can declare entities (billion laughs, a file of the machine's) or name a DTD to
fetch. Neither a Word part nor an Akoma Ntoso file has one, so XML that declares one is refused:
before parsing, by its bytes, and after, by what the parser saw (an encoding the bytes hid it
in). The parser itself loads no DTD, resolves no entity and never touches the network. The
errors carry no file name: each reader says which file, and which part of it, in its own words.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

_DOCTYPE = re.compile(rb"<\s*!\s*(?:DOCTYPE|ENTITY)", re.I)


class DoctypeError(ValueError):
    """The XML declares a DOCTYPE or entities: refused, never expanded."""


class MalformedError(ValueError):
    """The XML is not well-formed; the message is the parser's first line."""


def parser() -> Any:
    """An lxml parser that loads no DTD, resolves no entity and touches no network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def declares_doctype(data: bytes) -> bool:
    """Whether the bytes declare a DOCTYPE or an entity (in UTF-16 text too)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    return bool(_DOCTYPE.search(head) or _DOCTYPE.search(data))


def parse(data: bytes) -> Any:
    """The root element of untrusted XML; DoctypeError when it declares a DOCTYPE,
    MalformedError when it is not well-formed."""
    if declares_doctype(data):
        raise DoctypeError("declares a DOCTYPE")
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as e:
        raise MalformedError(str(e).splitlines()[0] if str(e) else "syntax error") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise DoctypeError("declares a DOCTYPE")
    return root
