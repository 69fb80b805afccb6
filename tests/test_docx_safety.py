"""Untrusted Word files: each hostile or broken kind ends in exit 2, one line, nothing written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from asp_draft.errors import InputError
from asp_draft.ooxml import package as pkg
from asp_draft.readers.docx import read_docx
from tests.conftest import one_line_error
from tests.docx_helpers import make_docx, para

LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
          '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          "<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>")
EXTERNAL = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>")


def _zip(path: Path, parts: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _hostile(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.docx"
    good = make_docx(tmp_path / "good.docx", para("The Assembly,"))
    with zipfile.ZipFile(good) as archive:
        parts: dict[str, str | bytes] = {n: archive.read(n) for n in archive.namelist()}
    if kind == "text":
        path.write_text("This is not a Word file.\n")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "ole":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    elif kind == "truncated":
        path.write_bytes(good.read_bytes()[:60])
    elif kind == "nodocument":
        _zip(path, {"hello.txt": "hi"})
    elif kind == "bomb":
        _zip(path, {**parts, "word/media/big.bin": b"\0" * (2 * 1024 * 1024)})
    elif kind == "parts":
        _zip(path, {**parts, **{f"customXml/item{i}.xml": "<a/>" for i in range(40)}})
    elif kind == "doctype":
        _zip(path, {**parts, "word/document.xml": LAUGHS})
    elif kind == "external":
        _zip(path, {**parts, "word/document.xml": EXTERNAL})
    elif kind == "broken":
        _zip(path, {**parts, "word/document.xml": "<w:document><w:body>"})
    return path


KINDS = {
    "text": "is not a Word .docx file",
    "empty": "is not a Word .docx file",
    "ole": "is encrypted or a legacy Word 97-2003 .doc",
    "truncated": "is not a readable zip archive",
    "nodocument": "has no word/document.xml",
    "bomb": "would uncompress to",
    "parts": "parts (more than 30)",
    "doctype": "declares a DOCTYPE",
    "external": "declares a DOCTYPE",
    "broken": "is not well-formed XML",
}


@pytest.fixture(autouse=True)
def _small_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pkg, "MAX_PART_BYTES", 1024 * 1024)
    monkeypatch.setattr(pkg, "MAX_PARTS", 30)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_reader_refuses(tmp_path: Path, kind: str) -> None:
    path = _hostile(tmp_path, kind)
    with pytest.raises(InputError) as info:
        read_docx(path)
    assert KINDS[kind] in str(info.value)
    assert str(info.value).startswith(str(path))
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_cli_exit_2_one_line_nothing_written(tmp_path: Path, kind: str, cli) -> None:  # type: ignore[no-untyped-def]
    path = _hostile(tmp_path, kind)
    out = tmp_path / "out.txt"
    line = one_line_error(cli("build", path, "-o", out))
    assert KINDS[kind] in line and str(path) in line
    assert not out.exists()
    spec = tmp_path / "spec.yaml"
    one_line_error(cli("import", path, "-o", spec))
    assert not spec.exists()


def test_stream_cap_holds_when_the_declared_size_lies(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = _zip(tmp_path / "liar.docx", {"word/document.xml": "<a/>" * 100_000})
    package = pkg.Package(path)
    monkeypatch.setattr(pkg, "MAX_PART_BYTES", 1000)  # as if the header had said less
    with pytest.raises(InputError, match="uncompresses past 1000 bytes"):
        package.read("word/document.xml")


def test_reference_doc_is_checked_too(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    bad = _hostile(tmp_path, "doctype")
    out = tmp_path / "x.docx"
    text = tmp_path / "in.txt"
    text.write_text("The Assembly of States Parties,\n\nRecalling its work,\n")
    line = one_line_error(cli("build", text, "-o", out, "--reference-doc", bad))
    assert "declares a DOCTYPE" in line
    assert not out.exists()


def test_entities_are_never_resolved() -> None:
    with pytest.raises(InputError, match="DOCTYPE"):
        pkg.parse_xml(EXTERNAL.encode("utf-16"), "x.docx", "word/document.xml")
