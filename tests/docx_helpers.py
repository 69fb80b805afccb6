"""Helpers for Word tests: LibreOffice conversions (batched) and hand-made .docx files."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def need_soffice() -> str:
    """The soffice binary, or skip the test when LibreOffice is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (soffice) and poppler (pdftotext) are needed")
    return soffice


def convert(files: list[Path], target: str, outdir: Path) -> list[Path]:
    """Convert many files in one soffice call (a private profile, so it runs beside others)."""
    soffice = need_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=300)
    ext = target.split(":")[0]
    out = [outdir / (f.stem + "." + ext) for f in files]
    missing = [p.name for p in out if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return out


def pdf_texts(files: list[Path], outdir: Path) -> dict[str, str]:
    """file stem -> the text of its PDF (pdftotext -layout), converting all in one call."""
    texts = {}
    for pdf in convert(files, "pdf", outdir):
        result = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                capture_output=True, text=True, timeout=60)
        texts[pdf.stem] = result.stdout
    return texts


def make_docx(path: Path, body: str, *, numbering: str | None = None,
              footnotes: str | None = None, styles: str | None = None,
              extra: dict[str, bytes] | None = None) -> Path:
    """A minimal .docx from XML snippets (body content, numbering, footnotes, styles)."""
    rels = []
    overrides = ['<Override PartName="/word/document.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>']
    parts = {"word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document {_NS}>'
                                  f"<w:body>{body}</w:body></w:document>"}
    for name, xml, kind in (("numbering", numbering, "numbering"),
                            ("footnotes", footnotes, "footnotes"), ("styles", styles, "styles")):
        if xml is None:
            continue
        root = {"numbering": "numbering", "footnotes": "footnotes", "styles": "styles"}[name]
        parts[f"word/{name}.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:{root} {_NS}>'
                                     f"{xml}</w:{root}>")
        rels.append(f'<Relationship Id="r{name}" Type="http://schemas.openxmlformats.org/'
                    f'officeDocument/2006/relationships/{kind}" Target="{name}.xml"/>')
        overrides.append(f'<Override PartName="/word/{name}.xml" ContentType="application/'
                         f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>')
    rel_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts["word/_rels/document.xml.rels"] = (f'<Relationships xmlns="{rel_ns}">{"".join(rels)}'
                                             "</Relationships>")
    parts["_rels/.rels"] = (f'<Relationships xmlns="{rel_ns}"><Relationship Id="rId1" '
                            'Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                            'relationships/officeDocument" Target="word/document.xml"/>'
                            "</Relationships>")
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'{"".join(overrides)}</Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def para(text: str, *, italic_lead: str = "", num: tuple[int, int] | None = None,
         style: str | None = None, extra_ppr: str = "", runs: str = "") -> str:
    """One w:p: an optional italic lead, then text; numPr (numId, ilvl) and style if given."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    ppr += extra_ppr
    out = f"<w:p><w:pPr>{ppr}</w:pPr>"
    if italic_lead:
        out += f'<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{italic_lead}</w:t></w:r>'
    if text:
        out += f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
    return out + runs + "</w:p>"
