"""Reading Word files: our own (round trip as a property), LibreOffice's and Word's numbering,
italic and plain leads, typed numbers, headings, footnotes, tracked changes both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asp_draft.model import Document, Paragraph
from asp_draft.readers.docx import read_docx
from asp_draft.refs import Resolver
from asp_draft.writers.docx import letters, render_docx, roman
from tests.docx_helpers import convert, make_docx, para

_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_body = st.lists(_word, min_size=1, max_size=10).map(" ".join)
_lead = st.sampled_from(["Recalling", "Convinced also", "Noting with concern", "Requests",
                         "Further decides", "Welcomes"])


def _shape(p: Paragraph) -> tuple[object, ...]:
    return (p.part, p.text, p.lead, p.number, p.level, p.footnotes, p.heading)


@st.composite
def _paragraph(draw: st.DrawFn, part: str, number: str | None, level: int) -> Paragraph:
    lead = draw(st.one_of(st.none(), _lead)) if level == 0 else draw(st.one_of(st.none(),
                                                                               st.just("To")))
    body = draw(_body)
    end = draw(st.sampled_from([",", ";", ".", ":"]))
    text = f"{lead} {body}{end}" if lead else f"{body}{end}"
    notes = tuple(draw(st.lists(_body.map(lambda b: b.capitalize() + "."), max_size=2)))
    return Paragraph(part, text, lead=lead, number=number, level=level,  # type: ignore[arg-type]
                     footnotes=notes)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    paragraphs = [draw(_paragraph("preamble", None, 0)) for _ in range(draw(st.integers(0, 4)))]
    n = 0
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()) and draw(st.booleans()):
            paragraphs.append(Paragraph("operative", draw(_body).capitalize(), heading=True))
        step = draw(st.sampled_from(["next", "next", "next", "bis", "gap", "restart"]))
        if step == "bis" and n:
            number = f"{n} {draw(st.sampled_from(['bis', 'ter']))}"
        else:
            n = {"next": n + 1, "gap": n + 3, "restart": 1, "bis": n + 1}[step]
            number = str(n)
        paragraphs.append(draw(_paragraph("operative", number, 0)))
        first = draw(st.sampled_from([1, 1, 1, 3]))
        for i in range(draw(st.integers(0, 3))):
            paragraphs.append(draw(_paragraph("operative", letters(first + i), 1)))
            for j in range(draw(st.integers(0, 2))):
                paragraphs.append(draw(_paragraph("operative", roman(j + 1), 2)))
    adopted = draw(st.booleans())
    meta: dict[str, object] = {"symbol": "ICC-ASP/18/Res.6", "year": 2019, "session": 18,
                               "title": "Strengthening the International Criminal Court",
                               "chapeau": "The Assembly of States Parties,"}
    if adopted:
        meta.update({"adopted": "2019-12-06", "plenary": 9, "adoption": "by consensus"})
    else:
        meta["status"] = "draft"
    return Document(meta=meta, paragraphs=tuple(paragraphs))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_build_then_read_gives_the_same_document(tmp_path_factory: pytest.TempPathFactory,
                                                 document: Document) -> None:
    path = tmp_path_factory.mktemp("rt") / "x.docx"
    path.write_bytes(render_docx(document))
    back = read_docx(path)
    assert [_shape(p) for p in back.paragraphs] == [_shape(p) for p in document.paragraphs]
    assert dict(back.meta) == dict(document.meta)


def test_a_file_saved_by_libreoffice_reads_the_same(tmp_path: Path) -> None:
    spec = tmp_path / "draft.yaml"
    from tests.test_docx_writer import SPEC

    spec.write_text(SPEC)
    document = Resolver().resolve(str(spec))
    ours = tmp_path / "ours.docx"
    ours.write_bytes(render_docx(document))
    (saved,) = convert([ours], "docx:MS Word 2007 XML", tmp_path / "lo")
    back = read_docx(saved)
    assert [_shape(p) for p in back.paragraphs] == [_shape(p) for p in document.paragraphs]
    assert back.meta["symbol"] == "ICC-ASP/18/Res.6"


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
        para("Budget matters"),
        para("2.  Decides to remain seized of the matter."),
    ])
    doc = read_docx(make_docx(tmp_path / "plain.docx", body, footnotes=notes))
    assert doc.chapeau == "The General Assembly,"
    assert [(p.number, p.level, p.lead, p.heading) for p in doc.paragraphs] == [
        (None, 0, "Recalling", False), ("1", 0, "Requests", False), ("a", 1, None, False),
        ("b", 1, None, False), (None, 0, None, True), ("2", 0, "Decides", False)]
    assert doc.paragraphs[0].footnotes == ("ICC-ASP/16/20, vol. I.",)
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
