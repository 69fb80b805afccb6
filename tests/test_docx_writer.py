"""Word output: the package read back (python-docx, our reader) and rendered by LibreOffice."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from asp_draft.model import Document, Footnote, Paragraph
from asp_draft.readers.docx import read_docx
from asp_draft.refs import Resolver
from asp_draft.writers.docx import Numbering, render_docx
from tests.docx_helpers import pdf_texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SPEC = """\
year: 2019
symbol: ICC-ASP/18/Res.6
title: Strengthening the International Criminal Court and the Assembly of States Parties
preamble:
  - responsibility-to-protect
  - text: "*Noting with appreciation* the report of the Court,"
    footnotes: ["ICC-ASP/18/20, vol. I, part III."]
operative:
  - heading: "A. Universality"
  - text: "*Welcomes* the States that have become parties;"
  - text: "*Decides*:"
    sub:
      - "to meet in plenary;"
      - text: "to report:"
        sub: ["on cooperation;", "on complementarity;"]
      - "to adjourn;"
  - text: "*Further decides* to review the matter;"
    number: "2 bis"
    sub: ["to hear the Bureau;", "to hear the Court;"]
  - text: "*Requests* the Bureau to report;"
  - heading: "B. Cooperation"
  - text: "*Urges* States to cooperate fully with the Court."
    footnotes: ["Rome Statute, Part 9."]
"""
LABELS = ["1.", "2.", "(a)", "(b)", "(i)", "(ii)", "(c)", "2 bis.", "(a)", "(b)", "3.", "4."]


MID = ("Recalling its resolution ICC-ASP/16/Res.6 and the Rome Statute, in particular "
       "article\u00a05,")
NBH = "Requests the Bureau to consult non\u2011State actors;"
ANNEX = "Terms of reference of the Working Group"


def annexed_document() -> Document:
    """Footnote marks mid-sentence, typography Word keeps, no chapeau, and two annexes."""
    return Document(meta={"symbol": "ICC-ASP/18/L.2", "year": 2019, "title": "Review mechanism"},
                    paragraphs=(
        Paragraph("preamble", MID, lead="Recalling", footnotes=(
            Footnote("Official Records, vol. I.", MID.index(" and")),
            Footnote("United Nations, Treaty Series, vol. 2187.", len(MID)))),
        Paragraph("operative", NBH, lead="Requests", number="1",
                  footnotes=(Footnote("See ICC-ASP/18/20.", NBH.index(" to consult")),)),
        Paragraph("operative", "Decides:", lead="Decides", number="2"),
        Paragraph("operative", "to meet;", number="a", level=1),
        Paragraph("annex", "The Working Group shall meet in The Hague.", annex=ANNEX),
        Paragraph("annex", "Mandate", annex=ANNEX, heading=True),
        Paragraph("annex", "The Working Group shall report to the Bureau;", number="1",
                  annex=ANNEX),
        Paragraph("annex", "The Working Group shall adopt its rules.", number="2", annex=ANNEX),
        Paragraph("annex", "Done at The Hague.")))


def _restart_document() -> Document:
    """Numbers Word must restart for: a gap, a restart at 1, letters starting at (c)."""
    paras = [Paragraph("operative", f"Decides item {n};", lead="Decides", number=n)
             for n in ("5", "6", "9", "1")]
    paras.insert(2, Paragraph("operative", "to begin later;", number="c", level=1))
    return Document(meta={"symbol": "X/1", "title": "Restart test"}, paragraphs=tuple(paras))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docx")
    resolver = Resolver()
    spec = folder / "draft.yaml"
    spec.write_text(SPEC)
    files = {"y2018": resolver.resolve("2018"), "draft": resolver.resolve(str(spec)),
             "restart": _restart_document(), "annexed": annexed_document()}
    out = {}
    for name, document in files.items():
        out[name] = folder / f"{name}.docx"
        out[name].write_bytes(render_docx(document))
    reference = folder / "reference.docx"
    reference.write_bytes(_reference_doc(out["draft"]))
    out["referenced"] = folder / "referenced.docx"
    out["referenced"].write_bytes(render_docx(files["draft"], reference_doc=reference))
    return out


@pytest.fixture(scope="module")
def pdf(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return pdf_texts(list(built.values()), tmp_path_factory.mktemp("pdf"))


def _reference_doc(source: Path) -> bytes:
    """A user's template: our file with Normal set to 11 pt Arial and Letter paper."""
    with zipfile.ZipFile(source) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    styles = etree.fromstring(parts["word/styles.xml"])
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    fonts.set(f"{W}ascii", "Arial")
    fonts.set(f"{W}hAnsi", "Arial")
    for style in list(styles.iter(f"{W}style")):
        if style.get(f"{W}styleId") == "AspTitle":
            styles.remove(style)  # the writer adds the styles a template lacks
        if style.get(f"{W}styleId") == "AspPreamble":
            style.find(f"{W}name").set(f"{W}val", "Delegation Preamble")
    parts["word/styles.xml"] = etree.tostring(styles)
    document = etree.fromstring(parts["word/document.xml"])
    document.find(f"{W}body/{W}sectPr/{W}pgSz").attrib.update({f"{W}w": "12240",
                                                                 f"{W}h": "15840"})
    parts["word/document.xml"] = etree.tostring(document)
    out = source.with_name("reference-build.docx")
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.read_bytes()


def _labels(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^\s*(\d+(?: bis)?\.|\([a-z]+\))\s", text, re.M)]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_2018_head_and_paragraphs_in_the_pdf(pdf: dict[str, str]) -> None:
    text = _flat(pdf["y2018"])
    assert text.startswith("Resolution ICC-ASP/17/Res.5 Adopted at the 13th plenary meeting, "
                           "on 12 December 2018, by consensus ICC-ASP/17/Res.5 Strengthening")
    document = Resolver().resolve("2018")
    for paragraph in document.paragraphs:
        assert _flat(paragraph.text) in text
    assert "The Assembly of States Parties," in text


def test_operative_numbers_are_rendered_by_word_numbering(pdf: dict[str, str]) -> None:
    assert _labels(pdf["draft"]) == LABELS
    text = _flat(pdf["draft"])
    assert "A. Universality" in text and "B. Cooperation" in text
    assert "Draft resolution" in text
    # footnote marks and texts at the foot of the page
    assert "ICC-ASP/18/20, vol. I, part III." in text and "Rome Statute, Part 9." in text


def test_numbers_that_restart_or_skip(pdf: dict[str, str]) -> None:
    assert _labels(pdf["restart"]) == ["5.", "6.", "(c)", "9.", "1."]


def test_reference_doc_styles_are_used(built: dict[str, Path], pdf: dict[str, str]) -> None:
    import docx

    assert _labels(pdf["referenced"]) == LABELS
    document = docx.Document(str(built["referenced"]))
    names = {s.style_id: s.name for s in document.styles}
    assert names["AspPreamble"] == "Delegation Preamble"  # the template's definition won
    assert "AspTitle" in names  # the missing style was added
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (12240 * 635, 15840 * 635)


def test_numbering_is_real_not_typed(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["draft"]) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        numbering = etree.fromstring(archive.read("word/numbering.xml"))
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    texts = ["".join(p.itertext()) for p in body.iter(f"{W}p")]
    welcomes = next(p for p in body.iter(f"{W}p") if "".join(p.itertext()).startswith("Welc"))
    assert welcomes.find(f"{W}pPr/{W}numPr") is not None
    assert any(t.startswith("2 bis.") for t in texts)  # typed: Word cannot count "bis"
    assert not any(re.match(r"\d+\.", t) for t in texts)
    formats = [(lvl.find(f"{W}numFmt").get(f"{W}val"), lvl.find(f"{W}lvlText").get(f"{W}val"))
               for lvl in next(numbering.iter(f"{W}abstractNum")).iter(f"{W}lvl")]
    assert formats == [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")]
    assert "footnotes+xml" in types and "relationships/footnotes" in rels


def test_python_docx_opens_it_and_reads_the_properties(built: dict[str, Path]) -> None:
    import docx

    document = docx.Document(str(built["y2018"]))
    props = document.core_properties
    assert props.title == ("Strengthening the International Criminal Court and the Assembly "
                           "of States Parties")
    assert props.subject.startswith("ICC-ASP/17/Res.5")
    assert "Rome Statute" in props.keywords
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.2)
    normal = document.styles["Normal"]
    assert normal.paragraph_format.alignment == 3  # justified
    runs = [r for p in document.paragraphs for r in p.runs if r.text == "Mindful"]
    assert runs and runs[0].italic


def test_read_back_gives_the_document(built: dict[str, Path]) -> None:
    resolver = Resolver()
    for name, ref in (("y2018", "2018"),):
        original = resolver.resolve(ref)
        back = read_docx(built[name])
        assert back.paragraphs == tuple(
            Paragraph(p.part, p.text, p.lead, p.number, p.level, p.footnotes, heading=p.heading)
            for p in original.paragraphs)
        # the omnibus's body goes unsaid in the file, as in the text format (writers/text.py)
        assert {k: v for k, v in original.meta.items() if v is not None and
                (k, v) != ("body", "asp")} == dict(back.meta)


def test_numbering_restarts_only_when_the_label_breaks() -> None:
    numbering = Numbering()
    ids = [numbering.assign(Paragraph("operative", "x", number=n, level=lvl))
           for n, lvl in (("1", 0), ("a", 1), ("2", 0), ("a", 1), ("2 bis", 0), ("a", 1),
                          ("3", 0), ("7", 0))]
    main = ids[0][0]
    assert ids[:4] == [(main, 0), (main, 1), (main, 0), (main, 1)]
    assert ids[4] is None
    assert ids[5][0] != main and ids[6] == (main, 0)
    assert ids[7][0] not in (main, ids[5][0])


def test_footnote_marks_stand_where_the_text_has_them(pdf: dict[str, str]) -> None:
    text = _flat(pdf["annexed"])
    # the superscript number follows the word it belongs to, mid-sentence
    assert "ICC-ASP/16/Res.61 and the Rome Statute" in text
    assert "in particular article 5,2" in text  # the last mark, at the end
    assert "Requests the Bureau3 to consult" in text
    assert text.index("1 Official Records, vol. I.") < text.index("3 See ICC-ASP/18/20.")


def test_annexes_follow_the_resolution_and_number_afresh(pdf: dict[str, str]) -> None:
    text = pdf["annexed"]
    assert "The Assembly of States Parties" not in text  # no chapeau: none is invented
    after = text[text.index("to meet;"):]
    annex = after[after.index("Annex"):]
    assert _flat(annex).startswith(f"Annex {ANNEX} The Working Group shall meet")
    assert _labels(text) == ["1.", "2.", "(a)", "1.", "2."]
    second = annex[annex.index("rules."):]
    assert _flat(second) == "rules. Annex Done at The Hague."


def test_typography_word_keeps(built: dict[str, Path], pdf: dict[str, str]) -> None:
    with zipfile.ZipFile(built["annexed"]) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    texts = "".join(t.text or "" for t in body.iter(f"{W}t"))
    assert len(list(body.iter(f"{W}noBreakHyphen"))) == 1 and "\u2011" not in texts
    assert "article\u00a05" in texts
    assert "non-State actors" in pdf["annexed"]  # Word's element prints as a hyphen
    back = read_docx(built["annexed"])
    assert back.paragraphs == annexed_document().paragraphs
