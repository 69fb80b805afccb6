"""One parser for untrusted XML, and one refusal of DOCTYPEs: in bytes a search finds, in
bytes only the parser can read (UTF-32, UTF-16 without its mark), never expanded."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from asp_draft import xmlsafe

_LAUGHS = '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY l "ha"><!ENTITY m "&l;&l;">]><a>&m;</a>'
_EXTERNAL = '<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>'


@pytest.mark.parametrize(("data", "seen"), [
    (_LAUGHS.encode(), True),
    (_EXTERNAL.encode("utf-16"), True),  # the byte order mark says how to search
    (b'<!ENTITY e "x"><a/>', True),
    # encodings the byte search cannot see into: what the parser read refuses them
    (f'<?xml version="1.0" encoding="UTF-32"?>\n{_EXTERNAL}'.encode("utf-32"), False),
    ('<?xml version="1.0" encoding="UTF-16LE"?><!DOCTYPE a><a/>'.encode("utf-16-le"), False),
])
def test_a_doctype_is_refused_however_it_is_encoded(data: bytes, seen: bool) -> None:
    assert xmlsafe.declares_doctype(data) is seen
    with pytest.raises(xmlsafe.DoctypeError):
        xmlsafe.parse(data)


def test_well_formed_xml_parses_and_broken_xml_says_why() -> None:
    root = xmlsafe.parse(b"<a><!-- said --><?pi x?><b>text</b></a>")
    assert [child.tag for child in root] == ["b"]  # comments and instructions are dropped
    with pytest.raises(xmlsafe.MalformedError, match="line 1") as caught:
        xmlsafe.parse(b"<a><b></a>")
    assert "\n" not in str(caught.value)


def test_only_xmlsafe_makes_an_xml_parser() -> None:
    """Every module that reads XML takes its parser from xmlsafe: one place to harden."""
    package = Path(__file__).resolve().parents[1] / "asp_draft"
    makers = sorted(
        str(path.relative_to(package)) for path in package.rglob("*.py")
        if path.name != "xmlsafe.py" and any(
            isinstance(node, ast.Attribute) and node.attr in ("XMLParser", "fromstring")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))))
    assert makers == []
