"""The layout follows the document's body: a General Assembly resolution with its cover block
and meeting line, a draft with its sponsors, a Security Council resolution with its number and
adoption line, the ASP's head as before; only what the metadata holds is printed."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asp_draft.model import Document, Meta, Paragraph
from asp_draft.ooxml.styles import COVER_STYLES, STYLE_MEETING
from asp_draft.writers import cover as un
from asp_draft.writers.docx import head_lines, render_docx, tail_lines
from tests.conftest import SHARED
from tests.docx_helpers import convert, need_soffice

UN_PDFS = SHARED / "corpus" / "un-pdfs"
PARAGRAPHS = (Paragraph("preamble", "Recalling its resolution 79/6 of 29 October 2024,",
                        lead="Recalling"),
              Paragraph("operative", "Welcomes the report of the Court;", number="1",
                        lead="Welcomes"))
GA = {"symbol": "A/RES/80/6", "title": "Report of the International Criminal Court",
      "distribution": "General", "date": "2025-11-05", "session": 80, "agenda_item": "74",
      "adopted": "2025-11-03", "plenary": 35, "chapeau": "The General Assembly,",
      "committee": "on the report of the Sixth Committee (A/80/512)"}
DRAFT = {"symbol": "A/80/L.10", "distribution": "Limited", "date": "2025-11-05",
         "original": "English", "session": 80, "agenda_item": "11", "status": "draft",
         "sponsors": ["Italy", "Turkmenistan"], "chapeau": "The General Assembly,",
         "title": "Building a peaceful and better world through sport and the Olympic ideal"}
SC = {"symbol": "S/RES/2797 (2025)", "distribution": "General", "date": "2025-10-31",
      "adopted": "2025-10-31", "meeting": 10030, "chapeau": "The Security Council,"}


def _document(meta: dict[str, Any]) -> Document:
    return Document(meta=Meta.of(meta), paragraphs=PARAGRAPHS)


def _texts(lines: list[tuple[str, str]]) -> list[str]:
    return [" ".join(text.split()) for _, text in lines]


# --- the lines --------------------------------------------------------------------------

def test_a_general_assembly_resolution_as_the_assembly_prints_it() -> None:
    document = _document(GA)
    assert _texts(head_lines(document)) == [
        "United Nations A/RES/80/6", "General Assembly Distr.: General", "5 November 2025", "",
        "Eightieth session", "Agenda item 74",
        "Resolution adopted by the General Assembly on 3 November 2025",
        "[on the report of the Sixth Committee (A/80/512)]",
        "80/6. Report of the International Criminal Court", "The General Assembly,"]
    assert _texts(tail_lines(document)) == ["35th plenary meeting", "3 November 2025"]


def test_a_plenary_draft_with_its_sponsors() -> None:
    document = _document(DRAFT)
    assert _texts(head_lines(document)) == [
        "United Nations A/80/L.10", "General Assembly Distr.: Limited", "5 November 2025",
        "Original: English", "", "Eightieth session", "Agenda item 11",
        "Italy and Turkmenistan: draft resolution",
        "Building a peaceful and better world through sport and the Olympic ideal",
        "The General Assembly,"]
    assert tail_lines(document) == []  # a draft has no meeting yet


def test_a_main_committee_revised_draft_names_its_committee() -> None:
    meta = {"symbol": "A/C.6/80/L.24/Rev.1", "session": 80,
            "sponsors": ["Andorra", "Trinidad and Tobago", "Chile"], "title": "Crimes"}
    texts = _texts(head_lines(_document(meta)))
    assert texts[texts.index("Eightieth session") + 1] == "Sixth Committee"
    assert "Andorra, Trinidad and Tobago and Chile: revised draft resolution" in texts


def test_a_security_council_resolution() -> None:
    document = _document(SC)
    assert _texts(head_lines(document)) == [
        "United Nations S/RES/2797 (2025)", "Security Council Distr.: General",
        "31 October 2025", "", "Resolution 2797 (2025)",
        "Adopted by the Security Council at its 10030th meeting, on 31 October 2025",
        "The Security Council,"]
    assert tail_lines(document) == []  # the Council prints its meeting above the text


def test_a_council_with_sessions_prints_its_meeting_and_vote() -> None:
    meta = {"symbol": "A/HRC/RES/64/7", "session": 64, "adopted": "2031-04-03", "meeting": 52,
            "vote": {"yes": 27, "no": 5, "abstain": 15}, "title": "Eastmarch"}
    texts = _texts(head_lines(_document(meta)))
    assert texts[:5] == ["United Nations A/HRC/RES/64/7", "General Assembly", "",
                         "Human Rights Council", "Sixty-fourth session"]
    assert "Resolution adopted by the Human Rights Council on 3 April 2031" in texts
    assert "64/7. Eastmarch" in texts
    assert _texts(tail_lines(_document(meta))) == [
        "52nd meeting", "3 April 2031", "[Adopted by a recorded vote of 27 to 5, with 15 "
                                        "abstentions.]"]


def test_the_economic_and_social_council_numbers_by_year() -> None:
    texts = _texts(head_lines(_document({"symbol": "E/RES/2024/5", "session": 2024,
                                         "adopted": "2024-07-24", "title": "Gender"})))
    assert texts[3:] == ["2024 session",
                         "Resolution adopted by the Economic and Social Council on 24 July 2024",
                         "2024/5. Gender"]


def test_what_is_not_known_is_not_printed() -> None:
    """A bare symbol: no date, agenda item, meeting or committee is made up (the session
    and the number are the symbol's own)."""
    document = _document({"symbol": "A/RES/80/6"})
    assert _texts(head_lines(document)) == [
        "United Nations A/RES/80/6", "General Assembly", "", "Eightieth session",
        "Resolution adopted by the General Assembly", "80/6."]
    assert tail_lines(document) == []
    council = _texts(head_lines(_document({"symbol": "S/RES/2797 (2025)"})))
    assert council == ["United Nations S/RES/2797 (2025)", "Security Council", "",
                       "Resolution 2797 (2025)"]


def test_the_asp_keeps_its_own_head() -> None:
    meta = {"symbol": "ICC-ASP/16/Res.6", "title": "Strengthening", "adopted": "2017-12-14",
            "plenary": 13, "adoption": "by consensus", "chapeau": "The Assembly of States Parties,"}
    assert _texts(head_lines(_document(meta))) == [
        "Resolution ICC-ASP/16/Res.6",
        "Adopted at the 13th plenary meeting, on 14 December 2017, by consensus",
        "ICC-ASP/16/Res.6", "Strengthening", "The Assembly of States Parties,"]
    assert un.cover(_document(meta)) is None
    assert un.cover(_document({"title": "No body named"})) is None


_LINE_KEYS = st.fixed_dictionaries({}, optional={
    "symbol": st.sampled_from(["A/RES/80/6", "A/80/L.10", "A/C.3/80/L.8/Rev.1",
                               "S/RES/2797 (2025)", "A/HRC/RES/58/1", "E/RES/2024/5"]),
    "date": st.dates().map(lambda d: d.isoformat()),
    "adopted": st.dates().map(lambda d: d.isoformat()),
    "session": st.integers(1, 120), "plenary": st.integers(1, 120),
    "meeting": st.integers(1, 12000), "agenda_item": st.sampled_from(["74", "99 (dd)"]),
    "distribution": st.sampled_from(["General", "Limited"]),
    "sponsors": st.lists(st.sampled_from(["Chile", "Italy", "Peru"]), min_size=1, max_size=3),
    "title": st.sampled_from(["Oceans", "Sport for peace"])})


@given(_LINE_KEYS)
@settings(max_examples=150, deadline=None)
def test_every_figure_printed_comes_from_the_metadata(meta: dict[str, Any]) -> None:
    """Never invent: each number in the cover and closing lines is one the metadata (its
    symbol, dates, numbers) holds; each date printed is one of its dates."""
    document = _document(meta)
    lines = head_lines(document) + tail_lines(document)
    said = " ".join(str(v) for v in meta.values()) + " " + " ".join(
        un.long_date(meta[k]) or "" for k in ("date", "adopted") if k in meta)
    figures = set(re.findall(r"\d+", said))
    for _, text in lines:
        assert set(re.findall(r"\d+", text)) <= figures, (text, meta)
    known_days = {un.long_date(meta[k]) for k in ("date", "adopted") if k in meta}
    for _, text in lines:
        for day in re.findall(r"\d{1,2} [A-Z][a-z]+ \d{4}", text):
            assert day in known_days, (text, meta)


# --- Word ---------------------------------------------------------------------------------

def _styles(data: bytes) -> tuple[list[str], bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml")
        styles = z.read("word/styles.xml")
    return [s.decode() for s in re.findall(rb'<w:pStyle w:val="(\w+)"', body)], styles


def test_word_styles_the_cover_lines_and_keeps_asp_files_free_of_them() -> None:
    used, styles = _styles(render_docx(_document(GA)))
    assert used[0] == "AspCoverIssuer" and used[-1] == STYLE_MEETING
    assert set(COVER_STYLES) - {"AspCoverLabel"} <= set(used)
    assert all(f'w:styleId="{s}"'.encode() in styles for s in set(used))
    asp = {"symbol": "ICC-ASP/16/Res.6", "chapeau": "The Assembly of States Parties,"}
    used, styles = _styles(render_docx(_document(asp)))
    assert not any(s.startswith("AspCover") for s in used) and b"AspCover" not in styles


def test_the_meeting_line_closes_the_text_before_an_annex() -> None:
    annexed = (*PARAGRAPHS, Paragraph("annex", "Text of the annex.", annex="Rules"))
    data = render_docx(Document(meta=Meta.of(GA), paragraphs=annexed))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
    text = re.sub(r"<[^>]+>", "", body)
    assert text.index("Welcomes") < text.index("35th plenary meeting") < \
        text.index("3 November 2025Annex") < text.index("Text of the annex")


_MADE = {
    "ga": "\n".join(f"# {k}: {v}" for k, v in GA.items() if k != "chapeau"),
    "draft": "\n".join(f"# {k}: {'; '.join(v) if isinstance(v, list) else v}"
                       for k, v in DRAFT.items() if k != "chapeau"),
    "sc": "\n".join(f"# {k}: {v}" for k, v in SC.items() if k != "chapeau"),
}


def _made_text(name: str) -> str:
    chapeau = "The Security Council," if name == "sc" else "The General Assembly,"
    return (f"{_MADE[name]}\n\n{chapeau}\n\nRecalling its earlier resolutions,\n\n"
            "1. Decides to remain seized of the matter.\n")


# What each converted file must show, in this order.
_ORDER = {
    "ga": ["United Nations", "A/RES/80/6", "General Assembly", "Distr.: General",
           "5 November 2025", "Eightieth session", "Agenda item 74",
           "Resolution adopted by the General Assembly on 3 November 2025",
           "[on the report of the Sixth Committee (A/80/512)]", "80/6.",
           "Report of the International Criminal Court", "The General Assembly,",
           "Recalling its earlier", "1.", "Decides to remain seized", "35th plenary meeting",
           "3 November 2025"],
    "draft": ["United Nations", "A/80/L.10", "General Assembly", "Distr.: Limited",
              "5 November 2025", "Original: English", "Eightieth session", "Agenda item 11",
              "Italy and Turkmenistan: draft resolution", "Building a peaceful",
              "The General Assembly,", "Recalling its earlier", "Decides to remain seized"],
    "sc": ["United Nations", "S/RES/2797 (2025)", "Security Council", "Distr.: General",
           "31 October 2025", "Resolution 2797 (2025)",
           "Adopted by the Security Council at its 10030th meeting, on 31 October 2025",
           "The Security Council,", "Recalling its earlier", "Decides to remain seized"],
    # the official PDFs, built again
    "A_RES_79_6": ["United Nations", "A/RES/79/6", "General Assembly", "Distr.: General",
                   "30 October 2024", "Seventy-ninth session", "Agenda item 74",
                   "Resolution adopted by the General Assembly on 29 October 2024",
                   "[without reference to a Main Committee (A/79/L.8)]", "79/6.",
                   "Report of the International Criminal Court", "The General Assembly,",
                   "Recalling its resolution 78/6", "32.", "at its eightieth session.",
                   "29th plenary meeting", "29 October 2024"],
    "A_80_L.10": ["United Nations", "A/80/L.10", "General Assembly", "Distr.: Limited",
                  "5 November 2025", "Original: English", "Eightieth session",
                  "Agenda item 11", "Italy and Turkmenistan:* draft resolution",
                  "Building a peaceful and better world through sport and the Olympic ideal",
                  "The General Assembly,", "Recalling its resolution 78/10",
                  # the note on the sponsors' asterisk, then the numbered notes from 1
                  "* Any changes to the list of sponsors will be reflected",
                  "1 Resolution 60/1."],
    "A_C.1_80_L.17": ["A/C.1/80/L.17", "Distr.: Limited", "10 October 2025",
                      "Eightieth session", "First Committee", "Agenda item 99 (dd)",
                      "Algeria, Austria, Brazil", "Viet Nam and Zimbabwe: draft resolution",
                      "Humanitarian consequences of nuclear weapons", "The General Assembly,"],
    # a Council's resolution read from a PDF made as the Council prints it
    "S_RES_2931": ["United Nations", "S/RES/2931 (2031)", "Security Council",
                   "Distr.: General", "12 March 2031", "Resolution 2931 (2031)",
                   "Adopted by the Security Council at its 10512th meeting, on 12 March 2031",
                   "The Security Council,", "Recalling its previous resolutions", "1.",
                   "Decides to remain seized of the matter."],
}
_OFFICIAL = ("A_RES_79_6", "A_80_L.10", "A_C.1_80_L.17")


def _squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each made-up text (and each official PDF that is here) built to Word, all converted
    to PDF in one LibreOffice run: name -> the page text."""
    need_soffice()
    from asp_draft.cli.main import main

    folder = tmp_path_factory.mktemp("layouts")
    sources = []
    for name in _MADE:
        source = folder / f"{name}.txt"
        source.write_text(_made_text(name), encoding="utf-8")
        sources.append(source)
    sources += [UN_PDFS / f"{name}.pdf" for name in _OFFICIAL
                if (UN_PDFS / f"{name}.pdf").is_file()]
    sources.append(_council_pdf(folder))
    built = []
    for source in sources:
        out = folder / f"{source.stem}.docx"
        with pytest.raises(SystemExit) as done:
            main(["build", str(source), "-o", str(out)])
        assert done.value.code == 0, source
        built.append(out)
    texts = {}
    for pdf in convert(built, "pdf", folder / "pdf"):
        # -layout: line by line, as the page shows it (the cover sets text side by side)
        result = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                capture_output=True, text=True, timeout=60)
        texts[pdf.stem] = _squeeze(result.stdout)
    return texts


def _council_pdf(folder: Path) -> Path:
    """A Security Council resolution as the Council prints it, made as a PDF (the official
    set holds none): cover, number, adoption line, chapeau, paragraphs, job number."""
    from tests.pdf_fixtures import Entry, Resolution, to_pdf, write_docx

    entries = [Entry("cover", "United Nations", right="S/RES/2931 (2031)"),
               Entry("cover", "Security Council", right="Distr.: General"),
               Entry("cover", "", right="12 March 2031"),
               Entry("title", "Resolution 2931 (2031)"),
               Entry("cover", "Adopted by the Security Council at its 10512th meeting, on "
                              "12 March 2031"),
               Entry("chapeau", "The Security Council,"),
               Entry("preamble", "*Recalling* its previous resolutions on the region,"),
               Entry("operative", "*Decides* to remain seized of the matter.", label="1.")]
    made = Resolution("S_RES_2931", "S/RES/2931 (2031)", "Made-up text", entries,
                      job="31-03112")
    made_folder = folder / "made"
    made_folder.mkdir()
    return to_pdf([write_docx(made, made_folder / "S_RES_2931.docx")], made_folder)[0]


def _in_order(text: str, expected: list[str]) -> None:
    at = 0
    for piece in expected:
        found = text.find(piece, at)
        assert found >= 0, f"{piece!r} missing after {text[max(0, at - 60):at]!r}"
        at = found + len(piece)


@pytest.mark.parametrize("name", ["ga", "draft", "sc", "S_RES_2931"])
def test_libreoffice_shows_the_made_up_layouts_in_order(name: str,
                                                        converted: dict[str, str]) -> None:
    _in_order(converted[name], _ORDER[name])


@pytest.mark.parametrize("name", _OFFICIAL)
def test_libreoffice_shows_the_official_documents_as_printed(
        name: str, converted: dict[str, str]) -> None:
    if name not in converted:
        pytest.skip("../shared/corpus/un-pdfs is not beside this checkout")
    _in_order(converted[name], _ORDER[name])
    assert "Adopted at the" not in converted[name]  # the ASP's head is not put on it


@pytest.mark.parametrize("name", ["ga", "draft", "sc"])
def test_a_built_file_reads_back_as_its_source(name: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """The cover and closing lines are metadata to the reader, never paragraphs."""
    import json

    source = tmp_path / f"{name}.txt"
    source.write_text(_made_text(name), encoding="utf-8")
    out = tmp_path / f"{name}.docx"
    assert cli("build", source, "-o", out).code == 0
    before = json.loads(cli("show", source, "--format", "json").out)
    after = json.loads(cli("show", out, "--format", "json").out)
    assert after["paragraphs"] == before["paragraphs"]
    for key, value in before["meta"].items():
        assert after["meta"].get(key) == value, key


# --- Markdown and HTML ------------------------------------------------------------------

@pytest.mark.parametrize("meta", [GA, DRAFT, SC], ids=["ga", "draft", "sc"])
def test_markdown_keeps_the_body_chapeau_and_session(meta: dict[str, Any]) -> None:
    from asp_draft.readers.markdown import parse_markdown
    from asp_draft.writers.markdown import render_markdown

    body = un.body_of(Meta.of(meta), _table())
    assert body is not None
    document = _document({**meta, "body": body.key})
    text = render_markdown(document)
    assert f"\nbody: {body.key}\n" in text.split("---")[1]
    again = parse_markdown(text, "copy.md")
    assert again.chapeau == meta["chapeau"]
    assert {k: again.meta.get(k) for k in ("body", "session")} == \
        {"body": body.key, "session": meta.get("session")}


def test_html_prints_the_cover_block_and_meeting_line_in_order() -> None:
    from asp_draft.writers.html import render_html

    page = render_html(_document(GA))
    assert '<meta name="body" content="ga">' in page
    text = " ".join(re.sub(r"<[^>]+>", " ", page.split("</style>")[1]).split())
    _in_order(text, ["A/RES/80/6 United Nations", "Distr.: General General Assembly",
                     "5 November 2025", "Eightieth session", "Agenda item 74",
                     "Resolution adopted by the General Assembly on 3 November 2025",
                     "80/6. Report of the International Criminal Court",
                     "The General Assembly,", "Recalling", "Welcomes",
                     "35th plenary meeting 3 November 2025"])
    asp = render_html(_document({"symbol": "ICC-ASP/16/Res.6", "title": "Strengthening"}))
    assert 'class="cover' not in asp and '<p class="head">ICC-ASP/16/Res.6</p>' in asp


def _table() -> Any:
    from asp_draft.library.bodies import table

    return table()


def test_a_library_body_is_laid_out_from_the_table_given(tmp_path: Path) -> None:
    """A body a library adds (its own bodies.yaml) is laid out when the writers are given
    that table; its issuer lines head the cover."""
    from asp_draft.library.bodies import table
    from asp_draft.writers.akn import render_akn
    from asp_draft.writers.html import render_html

    (tmp_path / "bodies.yaml").write_text(
        "bodies:\n  unea:\n    name: United Nations Environment Assembly\n"
        "    chapeau: The United Nations Environment Assembly,\n"
        "    issuer: [United Nations, United Nations Environment Assembly of the United "
        "Nations Environment Programme]\n    sessions: {first: 2014, per_year: 1}\n"
        "    resolution: 'UNEP/EA.{session}/Res.{number}'\n", encoding="utf-8")
    bodies = table([tmp_path])
    document = _document({"symbol": "UNEP/EA.6/Res.3", "adopted": "2024-03-01",
                          "title": "Plastics", "chapeau": "The United Nations Environment "
                                                         "Assembly,"})
    assert _texts(head_lines(document, bodies))[:2] == [
        "United Nations UNEP/EA.6/Res.3",
        "United Nations Environment Assembly of the United Nations Environment Programme"]
    assert "Resolution adopted by the United Nations Environment Assembly on 1 March 2024" in \
        _texts(head_lines(document, bodies))
    assert un.cover(document) is None  # the bundled table does not know it: the ASP's head
    assert "cover-adopted-by" in render_html(document, bodies=bodies)
    assert b"<docAuthority>United Nations</docAuthority>" in render_akn(document, bodies=bodies)
    with zipfile.ZipFile(io.BytesIO(render_docx(document, bodies=bodies))) as z:
        assert b"AspCoverAdopted" in z.read("word/document.xml")


def test_word_properties_name_the_body() -> None:
    from asp_draft.writers.docx import document_properties

    ga = document_properties(_document(GA))
    assert ga["subject"] == "A/RES/80/6: Resolution of the General Assembly"
    assert ga["keywords"] == "United Nations; General Assembly; A/RES/80/6"
    assert document_properties(_document(DRAFT))["category"] == "draft resolution"


def test_the_note_on_the_sponsors_is_a_footnote_under_an_asterisk(tmp_path: Path) -> None:
    """`Italy and Turkmenistan:* draft resolution`: the asterisk is a footnote with its own
    mark, which numbers no other note; the text reads back as it was."""
    from asp_draft.model import Footnote
    from asp_draft.readers.docx import read_docx
    from asp_draft.writers.html import render_html

    note = "Any changes to the list of sponsors will be reflected in the official record."
    noted = (Paragraph("preamble", "Recalling the Declaration,", lead="Recalling",
                       footnotes=(Footnote("Resolution 55/2.", 25),)), *PARAGRAPHS[1:])
    document = Document(meta=Meta.of({**DRAFT, "cover_note": note}), paragraphs=noted)
    data = render_docx(document)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
        notes = z.read("word/footnotes.xml").decode()
    text = re.sub(r"<[^>]+>", "", body)
    assert "Italy and Turkmenistan:* draft resolution" in text
    assert 'w:customMarkFollows="1"' in body and body.count("<w:footnoteReference") == 2
    assert note in notes and notes.count("<w:footnoteRef/>") == 1  # only 55/2 is numbered
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    back = read_docx(path)
    assert back.paragraphs == document.paragraphs
    assert back.meta["cover_note"] == note and back.meta["sponsors"] == ["Italy", "Turkmenistan"]
    page = render_html(document)
    assert 'Italy and Turkmenistan:<sup><a href="#fn-star">*</a></sup> draft resolution' in page
    assert f'<p class="fn" id="fn-star">* {note}</p>' in page
