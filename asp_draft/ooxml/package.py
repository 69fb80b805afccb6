"""The Word package: opening untrusted files safely, and writing parts into a new one.

A .docx is a zip of XML parts tied together by relationships and content types. A hostile one
can be a zip bomb, carry thousands of parts, or declare a DOCTYPE with entities (billion
laughs, external files). Word refuses DOCTYPEs in its parts too, so refusing them (as
asp_draft.xmlsafe does for every reader) loses nothing. Every failure is an InputError with
one line that names the file.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from lxml import etree  # type: ignore[import-untyped]

from asp_draft import xmlsafe
from asp_draft.errors import InputError
from asp_draft.ooxml.names import (
    CP_NS,
    CT,
    CT_NS,
    DC_NS,
    DCTERMS_NS,
    EXTENDED_NS,
    PKG_RELS_NS,
    REL,
    REL_CORE,
    REL_OFFICE_DOCUMENT,
    XSI_NS,
    to_bytes,
)
from asp_draft.textfile import check_input

MAX_PART_BYTES = 64 * 1024 * 1024  # one uncompressed part; a long resolution is under 2 MB
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all parts together
MAX_PARTS = 2000
MAX_FILE_BYTES = 100 * 1024 * 1024  # the .docx itself, as for a PDF: pictures make it large
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # CFB: legacy .doc and encrypted OOXML
_CHUNK = 1024 * 1024
# core property -> its namespace (Dublin Core or the package's own)
CORE_NAMES = {"title": DC_NS, "subject": DC_NS, "creator": DC_NS, "keywords": CP_NS,
              "description": DC_NS, "category": CP_NS, "lastModifiedBy": CP_NS}


# --- reading -----------------------------------------------------------------------------

class Package:
    """A Word file opened for reading, with every check done before any part is used."""

    def __init__(self, path: Path, data: bytes | None = None) -> None:
        self.path = path
        self.source = str(path)
        raw = data if data is not None else self._read_file(path)
        if raw[:8] == _OLE_SIGNATURE:
            self.fail("is encrypted or a legacy Word 97-2003 .doc; save it as .docx "
                      "without a password")
        if not raw.startswith(b"PK"):
            self.fail("is not a Word .docx file (a .docx is a zip archive)")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as e:
            self.fail(f"is not a readable zip archive ({e})")
        self._check_sizes(infos)
        self.names = {info.filename for info in infos}
        self._read_total = 0
        self.main = self._main_part()

    def _check_sizes(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_PARTS:
            self.fail(f"has {len(infos)} parts (more than {MAX_PARTS}); refusing it")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                self.fail("is encrypted (a password-protected zip); refusing it")
            if info.file_size > MAX_PART_BYTES:
                self.fail(f"part {info.filename} would uncompress to {info.file_size} bytes "
                          f"(cap {MAX_PART_BYTES}); refusing it")
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            self.fail(f"would uncompress to {total} bytes (cap {MAX_TOTAL_BYTES}); refusing it")

    def _read_file(self, path: Path) -> bytes:
        check_input(path, MAX_FILE_BYTES, "a Word .docx file")
        try:
            return path.read_bytes()
        except OSError as e:
            self.fail(f"cannot be read ({e.strerror or e})")

    def fail(self, message: str) -> NoReturn:
        """Raise the one-line InputError for this file."""
        raise InputError(message, source=self.source)

    def _main_part(self) -> str:
        main = "word/document.xml"
        if "_rels/.rels" in self.names:
            rels = self.relationships("_rels/.rels")
            for _rid, (kind, target) in rels.items():
                if kind == REL_OFFICE_DOCUMENT:
                    main = target
                    break
        if main not in self.names:
            self.fail(f"has no {main}; it is not a Word document")
        return main

    def read(self, name: str) -> bytes:
        """The bytes of one part, stream-read with the cap (declared sizes can lie)."""
        out = bytearray()
        try:
            with self.zip.open(name) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    out += chunk
                    if len(out) > MAX_PART_BYTES:
                        self.fail(f"part {name} uncompresses past {MAX_PART_BYTES} bytes "
                                  "(a zip bomb?); refusing it")
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as e:
            self.fail(f"part {name} cannot be uncompressed ({e})")
        self._read_total += len(out)
        if self._read_total > MAX_TOTAL_BYTES:
            self.fail(f"uncompresses past {MAX_TOTAL_BYTES} bytes; refusing it")
        return bytes(out)

    def xml(self, name: str) -> Any:
        """One part parsed safely: a DOCTYPE is refused, entities are never resolved."""
        return parse_xml(self.read(name), self.source, name)

    def optional_xml(self, name: str | None) -> Any:
        """Like xml(), or None when the part is absent."""
        if name is None or name not in self.names:
            return None
        return self.xml(name)

    def relationships(self, rels_name: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, target part name) for internal relationships in a .rels part."""
        root = self.optional_xml(rels_name)
        if root is None:
            return {}
        base = posixpath.dirname(posixpath.dirname(rels_name))
        out: dict[str, tuple[str, str]] = {}
        for rel in root:
            if not isinstance(rel.tag, str) or rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(base, target))
            out[rel.get("Id") or ""] = (rel.get("Type") or "", name)
        return out

    def related(self, part: str, kind_suffix: str) -> str | None:
        """The part that `part` relates to by a relationship type ending in `kind_suffix`."""
        rels_name = posixpath.join(posixpath.dirname(part), "_rels",
                                   posixpath.basename(part) + ".rels")
        for kind, target in self.relationships(rels_name).values():
            if kind.endswith("/" + kind_suffix):
                return target
        return None

    def core_properties(self) -> dict[str, str]:
        """The document properties (title, subject, description ...) that have a value."""
        name = next((t for k, t in self.relationships("_rels/.rels").values()
                     if k == REL_CORE), None)
        root = self.optional_xml(name)
        out: dict[str, str] = {}
        if root is None:
            return out
        for key, ns in CORE_NAMES.items():
            node = root.find(f"{{{ns}}}{key}")
            if node is not None and node.text:
                out[key] = node.text
        return out


def parse_xml(data: bytes, source: str, name: str) -> Any:
    """Parse one XML part of a Word file, refusing DTDs; errors name the file and part."""
    try:
        return xmlsafe.parse(data)
    except xmlsafe.DoctypeError:
        raise InputError(f"part {name} declares a DOCTYPE; Word files never do, refusing it",
                         source=source) from None
    except xmlsafe.MalformedError as e:
        raise InputError(f"part {name} is not well-formed XML ({e})", source=source) from None


def open_package(path: Path) -> Package:
    """Open a Word file with every safety check; InputError (one line) when it fails one."""
    return Package(path)


# --- writing -----------------------------------------------------------------------------

class PackageWriter:
    """A new Word file: the main document's parts, each with its relationship and type."""

    MAIN = "word/document.xml"

    def __init__(self) -> None:
        self.parts: dict[str, bytes] = {}
        self._rels: list[tuple[str, str]] = []  # (relationship kind, target) from the main part
        self._types: dict[str, str] = {"/" + self.MAIN: CT + "document.main+xml"}

    def add(self, name: str, data: bytes, content_type: str, kind: str | None = None
            ) -> str | None:
        """A part; `kind` relates it to the main document (styles, numbering, footnotes ...).

        Returns the relationship's id (for a part the body points at, as a header), or None.
        """
        self.parts[name] = data
        self._types["/" + name] = content_type
        if kind is None:
            return None
        self._rels.append((kind, posixpath.relpath(name, posixpath.dirname(self.MAIN))))
        return f"rId{len(self._rels)}"

    def to_bytes(self, document: bytes, properties: Mapping[str, str]) -> bytes:
        """The .docx: every part, the relationships and content types, a fixed zip date."""
        parts = {self.MAIN: document, **self.parts,
                 "docProps/core.xml": core_properties(properties),
                 "docProps/app.xml": _app_properties()}
        types = {**self._types,
                 "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties"
                                       "+xml",
                 "/docProps/app.xml": "application/vnd.openxmlformats-officedocument."
                                      "extended-properties+xml"}
        parts["word/_rels/document.xml.rels"] = relationships(
            [(f"rId{i}", REL + kind, target) for i, (kind, target) in enumerate(self._rels, 1)])
        parts["_rels/.rels"] = relationships([
            ("rId1", REL_OFFICE_DOCUMENT, self.MAIN),
            ("rId2", REL_CORE, "docProps/core.xml"),
            ("rId3", REL + "extended-properties", "docProps/app.xml")])
        parts["[Content_Types].xml"] = content_types(types)
        first = ("[Content_Types].xml", "_rels/.rels")  # consumers look for these first
        order = [*first, *(n for n in parts if n not in first)]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in order:
                # a fixed date: the same document gives the same bytes
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, parts[name])
        return buffer.getvalue()


def relationships(rels: list[tuple[str, str, str]]) -> bytes:
    """A .rels part from (id, type, target) triples."""
    root = etree.Element(f"{{{PKG_RELS_NS}}}Relationships", nsmap={None: PKG_RELS_NS})
    for rid, kind, target in rels:
        etree.SubElement(root, f"{{{PKG_RELS_NS}}}Relationship",
                         {"Id": rid, "Type": kind, "Target": target})
    return to_bytes(root)


def content_types(overrides: Mapping[str, str]) -> bytes:
    """[Content_Types].xml: the defaults for .rels and .xml, and one override per part."""
    root = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    etree.SubElement(root, f"{{{CT_NS}}}Default", {
        "Extension": "rels",
        "ContentType": "application/vnd.openxmlformats-package.relationships+xml"})
    etree.SubElement(root, f"{{{CT_NS}}}Default",
                     {"Extension": "xml", "ContentType": "application/xml"})
    for name, kind in overrides.items():
        etree.SubElement(root, f"{{{CT_NS}}}Override", {"PartName": name, "ContentType": kind})
    return to_bytes(root)


def core_properties(properties: Mapping[str, str]) -> bytes:
    """docProps/core.xml: title, subject, keywords, description, category, creator, dates."""
    nsmap = {"cp": CP_NS, "dc": DC_NS, "dcterms": DCTERMS_NS, "xsi": XSI_NS}
    root = etree.Element(f"{{{CP_NS}}}coreProperties", nsmap=nsmap)
    for key, ns in CORE_NAMES.items():
        if properties.get(key):
            etree.SubElement(root, f"{{{ns}}}{key}").text = properties[key]
    stamp = properties.get("created") or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for key in ("created", "modified"):
        node = etree.SubElement(root, f"{{{DCTERMS_NS}}}{key}")
        node.set(f"{{{XSI_NS}}}type", "dcterms:W3CDTF")
        node.text = stamp
    return to_bytes(root)


def _app_properties() -> bytes:
    root = etree.Element(f"{{{EXTENDED_NS}}}Properties", nsmap={None: EXTENDED_NS})
    etree.SubElement(root, f"{{{EXTENDED_NS}}}Application").text = "asp-draft"
    return to_bytes(root)
