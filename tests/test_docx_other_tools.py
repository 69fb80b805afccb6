"""Word files other tools make: from HTML (notes as linked paragraphs), from a PDF (text boxes)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from asp_draft.readers.docx import read_docx
from asp_draft.readers.text import parse_text
from tests.docx_helpers import make_docx, need_soffice

SHARED_PDFS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "un-pdfs"

# HTML as a converter writes notes (pandoc's shape): raised links to paragraphs at the end,
# each linking back; and as LibreOffice writes its own footnotes and endnotes.
LINKED = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>A/RES/99/1</title></head>
<body><p>The General Assembly,</p>
<p><em>Recalling</em> the Rome Statute of the International Criminal Court,<a href="#fn1"
id="fnref1"><sup>1</sup></a> and its previous resolutions,</p>
<p><em>Noting</em> the report of the Court,<a href="#fn2" id="fnref2"><sup>2</sup></a></p>
<p>1. <em>Welcomes</em> the report;</p>
<p>2. <em>Decides</em> to remain seized of the matter, as set out in <a href="#annex">the
annex</a>.</p>
<h2 id="annex">Annex</h2>
<section class="footnotes"><hr /><ol>
<li id="fn1"><p>United Nations, Treaty Series, vol. 2187, No. 38544.<a href="#fnref1">↩︎</a></p></li>
<li id="fn2"><p>A/99/100.<a href="#fnref2">↩︎</a></p></li>
</ol></section></body></html>
"""
OWN = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<p>The General Assembly,</p>
<p><i>Recalling</i> the Rome Statute,<a class="sdfootnoteanc" name="sdfootnote1anc"
href="#sdfootnote1sym"><sup>1</sup></a> and its previous resolutions,</p>
<p><i>Noting</i> the report of the Court,<a class="sdendnoteanc" name="sdendnote1anc"
href="#sdendnote1sym"><sup>i</sup></a></p>
<p>1. <i>Welcomes</i> the report.</p>
<div id="sdfootnote1"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote1sym"
href="#sdfootnote1anc">1</a>United Nations, Treaty Series, vol. 2187.</p></div>
<div id="sdendnote1"><p class="sdendnote"><a class="sdendnotesym" name="sdendnote1sym"
href="#sdendnote1anc">i</a>A/99/100.</p></div></body></html>
"""
MADE = """The General Assembly,

Recalling its resolution 98/1 of 1 December 2030 and the Statute of the International \
Criminal Court,

Noting the report of the Court on its activities,

1. Welcomes the report;

2. Requests the Secretary-General to report at its hundredth session;

3. Decides to remain seized of the matter.
"""


def _soffice(args: list[str], files: list[Path], outdir: Path) -> None:
    """One LibreOffice run with a private profile (others may run it beside us)."""
    soffice = need_soffice()
    profile = outdir / ".lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", *args,
                    "--outdir", str(outdir), *map(str, files)], check=True,
                   capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def from_html(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The HTML files above, made into Word files by LibreOffice (one run)."""
    folder = tmp_path_factory.mktemp("html")
    files = []
    for name, html in (("linked", LINKED), ("own", OWN)):
        files.append(folder / f"{name}.html")
        files[-1].write_text(html, encoding="utf-8")
    _soffice(["--convert-to", "docx:MS Word 2007 XML"], files, folder)
    return {f.stem: folder / f"{f.stem}.docx" for f in files}


@pytest.fixture(scope="module")
def from_pdf(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """PDFs turned into Word files by LibreOffice's PDF import: a made-up resolution printed
    by LibreOffice, and an official one from ../shared when it is there."""
    folder = tmp_path_factory.mktemp("pdf")
    made = folder / "made.txt"
    made.write_text(MADE, encoding="utf-8")
    _soffice(["--convert-to", "pdf"], [made], folder)
    pdfs = [folder / "made.pdf"]
    official = SHARED_PDFS / "A_RES_79_6.pdf"
    if official.is_file():
        pdfs.append(folder / official.name)
        pdfs[-1].write_bytes(official.read_bytes())
    _soffice(["--infilter=writer_pdf_import", "--convert-to", "docx:MS Word 2007 XML"], pdfs,
             folder)
    return {p.stem: p for p in pdfs}


def _pieces(path: Path) -> tuple[list[tuple[object, ...]], list[str]]:
    said: list[str] = []
    doc = read_docx(path, notify=said.append)
    return [(p.number, p.text, [(n.text, p.text[:n.at][-10:]) for n in p.footnotes])
            for p in doc.paragraphs], said


def test_notes_linked_from_raised_marks_are_footnotes(from_html: dict[str, Path]) -> None:
    got, said = _pieces(from_html["linked"])
    assert got == [
        (None, "Recalling the Rome Statute of the International Criminal Court, and its "
         "previous resolutions,", [("United Nations, Treaty Series, vol. 2187, No. 38544.",
                                    "nal Court,")]),
        (None, "Noting the report of the Court,", [("A/99/100.", "the Court,")]),
        ("1", "Welcomes the report;", []),
        # a link to a heading is no note: its words stay in the text, the heading in its place
        ("2", "Decides to remain seized of the matter, as set out in the annex.", []),
        (None, "Annex", []),
    ]
    assert said == [f"{from_html['linked']}: read 2 paragraph(s) that raised links point to as "
                    "footnotes (a Word file made from HTML, which has none of its own)"]


def test_libreoffice_footnotes_and_endnotes_from_html(from_html: dict[str, Path]) -> None:
    got, _ = _pieces(from_html["own"])
    assert got == [
        (None, "Recalling the Rome Statute, and its previous resolutions,",
         [("United Nations, Treaty Series, vol. 2187.", "e Statute,")]),
        (None, "Noting the report of the Court,", [("A/99/100.", "the Court,")]),
        ("1", "Welcomes the report.", [])]


def test_a_word_file_converted_from_a_pdf_reads_its_text_boxes(from_pdf: dict[str, Path]) -> None:
    got, said = _pieces(from_pdf["made"].with_suffix(".docx"))
    assert [(n, t) for n, t, _ in got] == [
        (None, "Recalling its resolution 98/1 of 1 December 2030 and the Statute of the "
         "International Criminal Court,"),
        (None, "Noting the report of the Court on its activities,"),
        ("1", "Welcomes the report;"),
        ("2", "Requests the Secretary-General to report at its hundredth session;"),
        ("3", "Decides to remain seized of the matter.")]
    assert said[0].endswith("(a Word file converted from a PDF); read them as the PDF's lines")
    assert "text boxes" in said[0] and all("\n" not in s for s in said)


def test_an_official_pdf_made_into_word_reads_as_its_pasted_copy(
        from_pdf: dict[str, Path]) -> None:
    if "A_RES_79_6" not in from_pdf:
        pytest.skip("../shared/corpus/un-pdfs is not beside this checkout")
    docx = from_pdf["A_RES_79_6"].with_suffix(".docx")
    doc = read_docx(docx)
    layout = subprocess.run(["pdftotext", "-layout", str(from_pdf["A_RES_79_6"]), "-"],
                            check=True, capture_output=True, text=True, timeout=60).stdout
    pasted = parse_text(layout, "A_RES_79_6.txt")
    assert doc.meta["symbol"] == "A/RES/79/6"
    assert doc.meta["title"] == "Report of the International Criminal Court"
    assert [p.number for p in doc.paragraphs if p.part == "operative"] == \
        [str(n) for n in range(1, 33)]
    assert sum(len(p.footnotes) for p in doc.paragraphs) == 10
    # the same text as the PDF's pasted copy, word for word (pdftotext spaces one hyphen)
    assert [(p.number, p.text.replace("Secretary -General", "Secretary-General"), p.note_texts)
            for p in pasted.paragraphs] == [(p.number, p.text, p.note_texts)
                                            for p in doc.paragraphs]


_BOX = ('<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
        'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp='
        '"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:positionH>'
        '<wp:posOffset>{x}</wp:posOffset></wp:positionH><wp:positionV><wp:posOffset>{y}'
        '</wp:posOffset></wp:positionV><wp:extent cx="{cx}" cy="{cy}"/><w:txbxContent><w:p><w:r>'
        '<w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:txbxContent></wp:anchor>'
        '</w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>{text}'
        '</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
        '</w:p>')


def _box(x: int, y: int, text: str, cy: int = 150000) -> str:
    return _BOX.format(x=x, y=y, cx=len(text) * 60000, cy=cy, text=text)


def test_text_boxes_in_lines_and_pages(tmp_path: Path) -> None:
    """Boxes out of order, a word cut in two boxes, a raised mark, a second page: read as
    lines, each box once (the fallback copy left out)."""
    body = "".join([
        _box(1000000, 400000, "The General Assembly,"),
        _box(1000000, 800000, "Noting the Statute of the Court,"),
        _box(1000000 + 32 * 60000, 760000, "1", cy=90000),  # raised above the line
        _box(1000000, 600000, "Recalling its resolution 1/1,"),
        _box(1000000, 1000000, "1. Decides to act on the re"),
        _box(1000000 + 27 * 60000, 1000000, "port of the"),
        _box(1000000, 1400000, "_______________"),
        _box(1000000, 1600000, "1 See the Statute."),
        _box(1000000, 400000, "Court;"),  # the next page, from the top again
    ])
    path = make_docx(tmp_path / "boxes.docx", body)
    got, said = _pieces(path)
    assert got == [
        (None, "Recalling its resolution 1/1,", []),
        (None, "Noting the Statute of the Court,", [("See the Statute.", "the Court,")]),
        ("1", "Decides to act on the report of the Court;", [])]
    assert "9 text boxes" in said[0]


def test_a_text_box_beside_the_text_is_read_after_its_paragraph(tmp_path: Path) -> None:
    """A box in a document with text of its own: its paragraphs follow their anchor, once."""
    box = _box(1000000, 400000, "Noting the report of the Court,")
    anchored = box.removeprefix("<w:p>").replace(
        "<w:r><mc:AlternateContent", "<w:r><w:t>Recalling its resolution 1/1,</w:t></w:r>"
        "<w:r><mc:AlternateContent", 1)
    body = ("<w:p><w:r><w:t>The General Assembly,</w:t></w:r></w:p><w:p>" + anchored +
            "<w:p><w:r><w:t>1. Decides to act.</w:t></w:r></w:p>")
    got, _ = _pieces(make_docx(tmp_path / "mixed.docx", body))
    assert [(n, t) for n, t, _ in got] == [
        (None, "Recalling its resolution 1/1,"), (None, "Noting the report of the Court,"),
        ("1", "Decides to act.")]
