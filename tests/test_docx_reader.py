"""Reading Word files: our own (round trip as a property), LibreOffice's and Word's numbering,
italic and plain leads, typed numbers, headings, footnotes, tracked changes both ways."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asp_draft.model import Document, Footnote, Paragraph
from asp_draft.readers.docx import read_docx
from asp_draft.refs import Resolver
from asp_draft.text.labels import letters, roman
from asp_draft.writers.docx import render_docx
from tests.docx_helpers import convert, make_docx, para

_word = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
    # typography Word keeps as itself: a non-breaking hyphen (w:noBreakHyphen) and space
    st.sampled_from(["non\u2011State", "article\u00a05", "peace\u2011building"]))
_words = st.lists(_word, min_size=1, max_size=10)
_body = _words.map(" ".join)
_note = _body.map(lambda b: b.capitalize() + ".")
_lead = st.sampled_from(["Recalling", "Convinced also", "Noting with concern", "Requests",
                         "Further decides", "Welcomes"])


def _shape(p: Paragraph) -> tuple[object, ...]:
    return (p.part, p.text, p.lead, p.number, p.level, p.footnotes, p.heading, p.annex)


@st.composite
def _notes(draw: st.DrawFn, text: str) -> tuple[Footnote, ...]:
    """Footnotes whose marks stand after a word (mid-sentence) or at the end."""
    ends = sorted({m.end() for m in re.finditer(r"\S+", text)})
    spots = draw(st.lists(st.sampled_from(ends), max_size=2))
    return tuple(Footnote(draw(_note), at) for at in sorted(spots))


@st.composite
def _paragraph(draw: st.DrawFn, part: str, number: str | None, level: int,
               annex: str | None = None) -> Paragraph:
    lead = draw(st.one_of(st.none(), _lead)) if level == 0 else draw(st.one_of(st.none(),
                                                                               st.just("To")))
    body = draw(_body)
    end = draw(st.sampled_from([",", ";", ".", ":"]))
    text = f"{lead} {body}{end}" if lead else f"{body}{end}"
    return Paragraph(part, text, lead=lead, number=number, level=level,  # type: ignore[arg-type]
                     footnotes=draw(_notes(text)), annex=annex)


@st.composite
def _numbered(draw: st.DrawFn, part: str, annex: str | None = None) -> list[Paragraph]:
    """Numbered paragraphs with (a) and (i) below them: gaps, restarts, `bis`, headings."""
    out: list[Paragraph] = []
    n = 0
    for _ in range(draw(st.integers(0, 6 if part == "operative" else 3))):
        if draw(st.booleans()) and draw(st.booleans()):
            text = draw(_body).capitalize()
            out.append(Paragraph(part, text, heading=True,  # type: ignore[arg-type]
                                 footnotes=draw(_notes(text)), annex=annex))
        step = draw(st.sampled_from(["next", "next", "next", "bis", "gap", "restart"]))
        if step == "bis" and n:
            number = f"{n} {draw(st.sampled_from(['bis', 'ter']))}"
        else:
            n = {"next": n + 1, "gap": n + 3, "restart": 1, "bis": n + 1}[step]
            number = str(n)
        out.append(draw(_paragraph(part, number, 0, annex)))
        first = draw(st.sampled_from([1, 1, 1, 3]))
        for i in range(draw(st.integers(0, 3))):
            out.append(draw(_paragraph(part, letters(first + i), 1, annex)))
            for j in range(draw(st.integers(0, 2))):
                out.append(draw(_paragraph(part, roman(j + 1), 2, annex)))
    return out


@st.composite
def _annexes(draw: st.DrawFn) -> list[Paragraph]:
    """Zero to two annexes, each with a title or none, unnumbered and numbered paragraphs."""
    # plain words: titles with U+00A0 are test_nbsp_in_an_annex_title's case
    title = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
                     min_size=1, max_size=6).map(lambda ws: " ".join(ws).capitalize())
    titles = draw(st.lists(st.one_of(st.none(), title), max_size=2, unique=True))
    out: list[Paragraph] = []
    for title in titles:
        paragraphs = [draw(_paragraph("annex", None, 0, title))
                      for _ in range(draw(st.integers(0, 2)))]
        paragraphs += draw(_numbered("annex", title))
        out += paragraphs or [draw(_paragraph("annex", None, 0, title))]
    return out


@st.composite
def documents(draw: st.DrawFn) -> Document:
    paragraphs = [draw(_paragraph("preamble", None, 0)) for _ in range(draw(st.integers(0, 4)))]
    paragraphs += draw(_numbered("operative"))
    paragraphs += draw(_annexes())
    adopted = draw(st.booleans())
    meta: dict[str, object] = {"symbol": "ICC-ASP/18/Res.6", "year": 2019, "session": 18,
                               "title": "Strengthening the International Criminal Court"}
    chapeau = draw(st.sampled_from(["The Assembly of States Parties,", "The General Assembly",
                                    None]))
    if chapeau:
        meta["chapeau"] = chapeau
    if adopted:
        meta.update({"adopted": "2019-12-06", "plenary": 9, "adoption": "by consensus"})
    else:
        meta["status"] = "draft"
    return Document(meta=meta, paragraphs=tuple(paragraphs))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_build_then_read_gives_the_same_document(tmp_path_factory: pytest.TempPathFactory,
                                                 document: Document) -> None:
    path = tmp_path_factory.mktemp("rt") / "x.docx"
    path.write_bytes(render_docx(document))
    back = read_docx(path)
    assert [_shape(p) for p in back.paragraphs] == [_shape(p) for p in document.paragraphs]
    assert dict(back.meta) == dict(document.meta)


def test_files_saved_by_libreoffice_read_the_same(tmp_path: Path) -> None:
    """Our files saved again by LibreOffice, as .docx and through .odt: the same paragraphs,
    footnotes at their places, annexes apart, typography kept."""
    spec = tmp_path / "draft.yaml"
    from tests.test_docx_writer import SPEC, annexed_document

    spec.write_text(SPEC)
    documents = {"ours": Resolver().resolve(str(spec)), "annexed": annexed_document()}
    for name, document in documents.items():
        (tmp_path / f"{name}.docx").write_bytes(render_docx(document))
    files = [tmp_path / f"{name}.docx" for name in documents]
    saved = convert(files, "docx:MS Word 2007 XML", tmp_path / "lo")
    odts = convert(files, "odt", tmp_path / "odt")
    again = convert(odts, "docx:MS Word 2007 XML", tmp_path / "odt-docx")
    for path in [*saved, *again]:
        document = documents[path.stem]
        back = read_docx(path)
        assert [_shape(p) for p in back.paragraphs] == [_shape(p) for p in document.paragraphs]
        assert back.meta["symbol"] == document.meta["symbol"]
        assert back.chapeau == document.chapeau


NUMBERING = """
<w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
    <w:lvlText w:val="(%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>
    <w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="8">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="7"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>
"""
STYLES = """
<w:style w:type="paragraph" w:styleId="OpPara"><w:name w:val="Op Para"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="character" w:styleId="Lead"><w:name w:val="Lead"/><w:rPr><w:i/></w:rPr></w:style>
"""


def test_word_numbering_as_word_counts_it(tmp_path: Path) -> None:
    body = "".join([
        para("Resolution ICC-ASP/16/Res.6"),
        para("Adopted at the 13th plenary meeting, on 14 December 2017, by consensus"),
        para("ICC-ASP/16/Res.6"),
        para("Strengthening the International Criminal Court and the Assembly"),
        para("The Assembly of States Parties,"),
        para(" that the Court is essential,", italic_lead="Convinced"),
        para(" the Bureau to report;", style="OpPara", italic_lead="Requests"),  # 1 via style
        para(" the States to act:", num=(2, 0), italic_lead="Urges"),  # 2: same abstract list
        para("to ratify;", num=(2, 1)),  # (a)
        para("to cooperate;", num=(2, 1)),  # (b)
        para("at home;", num=(2, 2)),  # (i)
        para("Cooperation", style="Heading2"),
        para("", num=(4, 0)),  # an empty bullet paragraph: ignored
        para(" the report;", num=(3, 0),
             runs='<w:r><w:rPr><w:rStyle w:val="Lead"/></w:rPr><w:t>x</w:t></w:r>',
             italic_lead="Welcomes"),  # 10: startOverride on first use
        para(" also the report;", num=(1, 0), italic_lead="Welcomes"),  # 11
        para("11 bis.\tDecides to meet;"),  # typed
    ])
    path = make_docx(tmp_path / "word.docx", body, numbering=NUMBERING, styles=STYLES)
    doc = read_docx(path)
    assert doc.meta["symbol"] == "ICC-ASP/16/Res.6" and doc.meta["plenary"] == 13
    assert doc.meta["adopted"] == "2017-12-14" and doc.meta["year"] == 2017
    assert doc.meta["title"].startswith("Strengthening")
    assert [(p.part, p.number, p.level, p.lead, p.heading) for p in doc.paragraphs] == [
        ("preamble", None, 0, "Convinced", False),
        ("operative", "1", 0, "Requests", False),
        ("operative", "2", 0, "Urges", False),
        ("operative", "a", 1, None, False),
        ("operative", "b", 1, None, False),
        ("operative", "i", 2, None, False),
        ("operative", None, 0, None, True),
        ("operative", "10", 0, "Welcomes", False),
        ("operative", "11", 0, "Welcomes", False),
        ("operative", "11 bis", 0, None, False)]
    assert doc.paragraphs[-1].text == "Decides to meet;"


def test_c1_control_characters_in_a_word_file_never_reach_the_text(tmp_path: Path) -> None:
    # XML 1.0 allows U+0080-U+009F; U+009B is a terminal's CSI, U+0085 a line break
    body = para("The General Assembly,") + para(" its\u0085 resolution \u009b31m,",
                                                    italic_lead="Recalling")
    doc = read_docx(make_docx(tmp_path / "c1.docx", body))
    assert [p.text for p in doc.paragraphs] == ["Recalling its resolution 31m,"]


def test_plain_file_typed_numbers_and_known_lead_words(tmp_path: Path) -> None:
    notes = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
             '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
             '<w:r><w:t xml:space="preserve"> ICC-ASP/16/20, vol. I.</w:t></w:r></w:p>'
             "</w:footnote>")
    body = "".join([
        para("The General Assembly,"),
        para("Recalling its resolution 72/1,",
             runs='<w:r><w:footnoteReference w:id="1"/></w:r>'),
        para("1.\tRequests the Secretary-General to report;"),
        para("(a)\tto the Assembly;"),
        para("(b)\tto the Council;"),
        para("Budget matters", style="Heading2"),  # a heading style does not mean italics
        para("2.  Decides to remain seized of the matter."),
    ])
    doc = read_docx(make_docx(tmp_path / "plain.docx", body, footnotes=notes, styles=STYLES))
    assert doc.chapeau == "The General Assembly,"
    assert [(p.number, p.level, p.lead, p.heading) for p in doc.paragraphs] == [
        (None, 0, "Recalling", False), ("1", 0, "Requests", False), ("a", 1, None, False),
        ("b", 1, None, False), (None, 0, None, True), ("2", 0, "Decides", False)]
    assert doc.paragraphs[0].footnotes == (Footnote("ICC-ASP/16/20, vol. I.", 30),)
    assert doc.paragraphs[1].text == "Requests the Secretary-General to report;"


TRACKED = "".join([
    para("The Assembly of States Parties,"),
    # a word replaced and a word moved inside one paragraph
    '<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>Recalling</w:t></w:r><w:r><w:t xml:space="preserve">'
    ' the </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>first</w:delText></w:r>'
    '</w:del><w:ins w:id="2" w:author="A"><w:r><w:t>second</w:t></w:r></w:ins>'
    '<w:r><w:t xml:space="preserve"> report,</w:t></w:r></w:p>',
    # a deleted paragraph: its text and its mark deleted
    '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="A"/></w:rPr></w:pPr>'
    '<w:del w:id="4" w:author="A"><w:r><w:rPr><w:i/></w:rPr><w:delText>Noting</w:delText></w:r>'
    '<w:r><w:delText xml:space="preserve"> the old text,</w:delText></w:r></w:del></w:p>',
    # an inserted paragraph
    '<w:p><w:pPr><w:rPr><w:ins w:id="5" w:author="A"/></w:rPr></w:pPr>'
    '<w:ins w:id="6" w:author="A"><w:r><w:rPr><w:i/></w:rPr><w:t>Welcoming</w:t></w:r>'
    '<w:r><w:t xml:space="preserve"> the new text,</w:t></w:r></w:ins></w:p>',
    # moved: from here ...
    '<w:p><w:pPr><w:rPr><w:moveFrom w:id="7" w:author="A"/></w:rPr></w:pPr>'
    '<w:moveFrom w:id="8" w:author="A"><w:r><w:rPr><w:i/></w:rPr><w:t>Mindful</w:t></w:r>'
    '<w:r><w:t xml:space="preserve"> of the move,</w:t></w:r></w:moveFrom></w:p>',
    para(" the end,", italic_lead="Stressing"),
    # ... to here
    '<w:p><w:pPr><w:rPr><w:moveTo w:id="9" w:author="A"/></w:rPr></w:pPr>'
    '<w:moveTo w:id="10" w:author="A"><w:r><w:rPr><w:i/></w:rPr><w:t>Mindful</w:t></w:r>'
    '<w:r><w:t xml:space="preserve"> of the move,</w:t></w:r></w:moveTo></w:p>',
    # a paragraph split in two in the new text (the mark between them inserted)
    '<w:p><w:pPr><w:rPr><w:ins w:id="11" w:author="A"/></w:rPr></w:pPr>'
    '<w:r><w:rPr><w:i/></w:rPr><w:t>Affirming</w:t></w:r><w:r><w:t xml:space="preserve"> one,'
    '</w:t></w:r></w:p>',
    '<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>Affirming</w:t></w:r><w:r><w:t xml:space="preserve">'
    ' two,</w:t></w:r></w:p>',
])


def test_tracked_changes_read_as_accepted_and_as_rejected(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "tracked.docx", TRACKED)
    new = [p.text for p in read_docx(path).paragraphs]
    old = [p.text for p in read_docx(path, as_old=True).paragraphs]
    assert new == ["Recalling the second report,", "Welcoming the new text,", "Stressing the end,",
                   "Mindful of the move,", "Affirming one,", "Affirming two,"]
    assert old == ["Recalling the first report,", "Noting the old text,", "Mindful of the move,",
                   "Stressing the end,", "Affirming one,Affirming two,"]  # Word joins, no space
    assert [p.lead for p in read_docx(path).paragraphs][:2] == ["Recalling", "Welcoming"]


def test_as_old_on_the_command_line(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = make_docx(tmp_path / "tracked.docx", TRACKED)
    assert "Noting the old text," not in cli("show", path).out
    assert "Noting the old text," in cli("--as-old", "show", path).out


WORD_NOTES = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
              '</w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>'
              '<w:r><w:t xml:space="preserve"> A/RES/60/1.</w:t></w:r></w:p></w:footnote>')


def test_word_file_with_marks_mid_sentence_typography_and_an_annex(tmp_path: Path) -> None:
    """As Word writes them: a footnote mark inside the italic lead's paragraph, an endnote,
    a non-breaking hyphen element and space, an `Annex I` line with its title."""
    note = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>' \
           '<w:footnoteReference w:id="2"/></w:r>'
    body = "".join([
        para("The General Assembly,"),
        para("", italic_lead="Recalling",
             runs=f'<w:r><w:t xml:space="preserve"> the World Summit Outcome</w:t></w:r>{note}'
                  '<w:r><w:t xml:space="preserve"> and its resolution 60/251,</w:t></w:r>'),
        para("", num=(1, 0), italic_lead="Requests",
             runs='<w:r><w:t xml:space="preserve"> the non</w:t><w:noBreakHyphen/>'
                  '<w:t xml:space="preserve">State actors to report\u00a0annually;</w:t>'
                  '<w:endnoteReference w:id="1"/></w:r>'),
        para("Annex I"),
        para("Declaration on cooperation"),
        para("", num=(1, 0), italic_lead="Declares",
             runs='<w:r><w:t xml:space="preserve"> its resolve.</w:t></w:r>'),
    ])
    notes = ('<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r>'
             '<w:r><w:t xml:space="preserve"> Each year.</w:t></w:r></w:p></w:endnote>')
    path = make_docx(tmp_path / "word.docx", body, numbering=NUMBERING, footnotes=WORD_NOTES)
    _add_endnotes(path, notes)
    doc = read_docx(path)
    assert doc.chapeau == "The General Assembly,"
    first, second, annexed = doc.paragraphs
    assert first.text == "Recalling the World Summit Outcome and its resolution 60/251,"
    assert first.lead == "Recalling"
    assert first.footnotes == (Footnote("A/RES/60/1.", len("Recalling the World Summit Outcome")),)
    assert second.text == "Requests the non\u2011State actors to report\u00a0annually;"
    assert (second.number, second.footnotes) == ("1", (Footnote("Each year.", len(second.text)),))
    # the file continues list 1 into the annex, so Word shows 2 there, and so do we
    assert (annexed.part, annexed.annex, annexed.number) == (
        "annex", "Annex I: Declaration on cooperation", "2")


def _add_endnotes(path: Path, notes: str) -> None:
    """Add an endnotes part (and its relationship) to a file make_docx wrote."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    ns = parts["word/document.xml"].decode().split("<w:document ")[1].split(">")[0]
    parts["word/endnotes.xml"] = f'<w:endnotes {ns}>{notes}</w:endnotes>'.encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", '<Relationship Id="rEnd" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/></Relationships>'
    ).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_non_breaking_space_in_an_annex_title_reads_back(tmp_path: Path) -> None:
    document = Document(meta={"symbol": "X/1", "title": "Article\u00a05 review"}, paragraphs=(
        Paragraph("operative", "Decides to act.", lead="Decides", number="1"),
        Paragraph("annex", "Text.", annex="Article\u00a05 procedures")))
    path = tmp_path / "nbsp.docx"
    path.write_bytes(render_docx(document))
    back = read_docx(path)
    assert back.paragraphs[-1].annex == "Article\u00a05 procedures"
    assert back.meta["title"] == "Article\u00a05 review"
