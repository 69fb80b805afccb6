"""adopt of an official resolution as printed: what a paragraph lacks (a number, a letter, a
lead) and where it stands (its level, a heading's footnotes) held by the library and shown back.

The dev set's official PDFs are adopted in one run, and each, shown from the library by its
symbol, gives back the PDF's reading; made-up texts hold each case without ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asp_draft.errors import InputError
from asp_draft.library.adopt_batch import Run, Source, read_all
from asp_draft.library.spec_reader import parse_spec
from asp_draft.library.spec_writer import entry_data
from asp_draft.model import Document, Footnote, Meta, Paragraph
from asp_draft.refs import Resolver
from tests.conftest import SHARED, Result

PDFS = SHARED / "corpus" / "un-pdfs"
OFFICIAL = sorted(PDFS.glob("A_RES_*.pdf")) if PDFS.is_dir() else []


def printed(document: Document) -> list[tuple[Any, ...]]:
    """Everything a paragraph prints: part, annex, heading, level, number, lead, text, notes."""
    return [(p.part, p.annex, p.heading, p.level, p.number, p.lead, p.text, p.footnotes)
            for p in document.paragraphs]


def adopt_and_show(document: Document, lib: Path) -> Document:
    """Adopt `document` into `lib`, then read it back by its symbol as `show SYMBOL` does."""
    Run([], lib, dry_run=False).step(document, "made-up.txt", {}, several=False)
    return Resolver(library_dirs=[lib]).resolve(str(document.meta.symbol))


def resolution(*paragraphs: Paragraph, symbol: str = "A/RES/99/1") -> Document:
    """A made-up adopted resolution holding `paragraphs`."""
    return Document(meta=Meta.of({"symbol": symbol, "title": "Wetlands of the Nandor basin",
                                  "year": 2044, "adopted": "2044-12-06"}),
                    paragraphs=paragraphs)


def pp(text: str, lead: str | None = None) -> Paragraph:
    return Paragraph(part="preamble", text=text, lead=lead)


def op(text: str, number: str | None, lead: str | None = None, level: int = 0,
       footnotes: tuple[Footnote, ...] = ()) -> Paragraph:
    return Paragraph(part="operative", text=text, number=number, lead=lead, level=level,
                     footnotes=footnotes)


def annex(text: str, number: str | None, level: int = 0, lead: str | None = None,
          heading: bool = False) -> Paragraph:
    return Paragraph(part="annex", text=text, number=number, level=level, lead=lead,
                     heading=heading, annex="Plan of action for the Nandor wetlands")


def entries(lib: Path, symbol: str = "A/RES/99/1") -> dict[str, Any]:
    """The resolution file adopt wrote for `symbol`, as YAML data."""
    files = list((lib / "resolutions").glob("*.yaml"))
    found = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in files]
    return next(d for d in found if d["symbol"] == symbol)


# --- made-up texts, one case each ---------------------------------------------------------

def test_a_sub_paragraph_printed_without_its_letter_stays_without(tmp_path: Path) -> None:
    document = resolution(
        pp("Recalling the Nandor Convention on migratory wetlands,", "Recalling"),
        op("Decides that the secretariat shall report on:", "1", "Decides"),
        op("the water levels of each wetland;", None, level=1),
        op("the birds counted there:", "b", level=1),
        op("in spring;", None, level=2),
        op("in autumn;", "ii", level=2),
        op("Requests the secretariat to publish the reports;", "2", "Requests"))
    shown = adopt_and_show(document, tmp_path / "lib")
    assert printed(shown) == printed(document)
    assert [(p.number, p.level) for p in shown.paragraphs[1:6]] == \
        [("1", 0), (None, 1), ("b", 1), (None, 2), ("ii", 2)]
    subs = entries(tmp_path / "lib")["operative"][0]["sub"]
    assert subs[0] == {"text": "the water levels of each wetland;", "numbered": False}


def test_a_lone_unnumbered_operative_paragraph_stays_unnumbered(tmp_path: Path) -> None:
    document = resolution(
        pp("Recalling the Nandor Convention on migratory wetlands,", "Recalling"),
        op("Resolves that:", None, "Resolves"),
        op("the wetlands of the Nandor basin shall be protected;", "a", level=1))
    shown = adopt_and_show(document, tmp_path / "lib")
    assert printed(shown) == printed(document)
    assert shown.paragraphs[1].number is None
    assert entries(tmp_path / "lib")["operative"][0]["numbered"] is False


def test_an_unnumbered_opener_leaves_the_count_to_the_numbered_ones(tmp_path: Path) -> None:
    document = resolution(
        op("Adopts the plan of action for the Nandor wetlands;", None, "Adopts"),
        op("Requests the secretariat to report on the plan;", "1", "Requests"),
        op("Decides to remain seized of the matter.", "2", "Decides"))
    shown = adopt_and_show(document, tmp_path / "lib")
    assert [p.number for p in shown.paragraphs] == [None, "1", "2"]
    assert printed(shown) == printed(document)
    written = entries(tmp_path / "lib")["operative"]
    assert written[0]["numbered"] is False
    assert all(isinstance(e, str) for e in written[1:])  # 1 and 2 are the count's own


def test_a_paragraph_set_upright_keeps_no_lead(tmp_path: Path) -> None:
    document = resolution(
        pp("Recalling its resolution 98/7 on the Nandor wetlands,"),
        pp("Noting the report of the secretariat,", "Noting"),
        op("Requests the secretariat to report on the plan;", "1", "Requests"),
        annex("Acknowledging the work of the basin's communities, the parties agree:", "1"))
    shown = adopt_and_show(document, tmp_path / "lib")
    assert printed(shown) == printed(document)
    assert [p.lead for p in shown.paragraphs] == [None, "Noting", "Requests", None]
    written = entries(tmp_path / "lib")
    assert written["preamble"][0]["lead"] is False
    assert isinstance(written["preamble"][1], str)  # a lead of its own: nothing to say
    assert written["annexes"][0]["paragraphs"][0]["lead"] is False


def test_one_wording_with_a_lead_in_one_resolution_and_upright_in_another(
        tmp_path: Path) -> None:
    words = "Recalling its resolution 98/7 on the Nandor wetlands,"
    lib = tmp_path / "lib"
    first = resolution(pp(words, "Recalling"), op("Decides to act.", "1", "Decides"))
    second = resolution(pp(words), op("Decides to act.", "1", "Decides"), symbol="A/RES/99/2")
    assert printed(adopt_and_show(first, lib)) == printed(first)
    assert printed(adopt_and_show(second, lib)) == printed(second)
    again = Resolver(library_dirs=[lib]).resolve("A/RES/99/1")
    assert again.paragraphs[0].lead == "Recalling"  # the second did not change the first


def test_a_sub_paragraph_after_a_heading_keeps_its_level(tmp_path: Path) -> None:
    document = resolution(
        op("Decides to take the following actions:", "1", "Decides"),
        Paragraph(part="operative", text="Water", heading=True),
        op("We will measure the water levels;", "a", level=1),
        op("We will publish them:", "b", level=1),
        op("each month;", "i", level=2),
        Paragraph(part="operative", text="Birds", heading=True),
        op("We will count the birds;", "c", level=1),
        op("in spring;", "i", level=2),
        op("Requests the secretariat to report;", "2", "Requests"),
        annex("Measures", None, heading=True),
        annex("to be taken at once;", "a", level=1),
        annex("every year;", None, level=2))
    shown = adopt_and_show(document, tmp_path / "lib")
    assert printed(shown) == printed(document)
    assert [p.level for p in shown.paragraphs if not p.heading] == [0, 1, 1, 2, 1, 2, 0, 1, 2]
    written = entries(tmp_path / "lib")["operative"]
    assert written[2]["level"] == 1 and written[2]["number"] == "a"
    assert written[3]["sub"] == ["each month;"]  # the (i) of the (b) before it, by count


def test_a_second_level_item_right_under_a_paragraph_keeps_its_level(tmp_path: Path) -> None:
    document = resolution(
        op("Decides that:", "1", "Decides"),
        op("the wetlands shall be protected;", "i", level=2),
        op("Requests the secretariat to report;", "2", "Requests"))
    shown = adopt_and_show(document, tmp_path / "lib")
    assert printed(shown) == printed(document)
    assert shown.paragraphs[1].level == 2


def test_a_heading_keeps_its_footnote_where_its_mark_stands(tmp_path: Path) -> None:
    note = (Footnote("As amended at the second meeting.", 8),)
    document = resolution(
        op("Adopts the rules annexed to the present resolution.", "1", "Adopts"),
        Paragraph(part="annex", text="Rules of procedure", heading=True, annex="Rules",
                  footnotes=note),
        Paragraph(part="annex", text="The conference shall meet once a year.", number="1",
                  annex="Rules"))
    shown = adopt_and_show(document, tmp_path / "lib")
    assert printed(shown) == printed(document)
    assert [(p.text, p.footnotes) for p in shown.paragraphs if p.footnotes] == \
        [("Rules of procedure", note)]


def test_words_that_look_like_a_template_are_printed_as_they_stand(tmp_path: Path) -> None:
    note = (Footnote("See {% the report %}.", 9),)
    document = resolution(
        pp("Noting the {{ odd }} text,", "Noting"),
        op("Decides that:", "1", "Decides"),
        op("the {{ odd }} item stays;", "a", level=1, footnotes=note),
        annex("An {# odd #} annex paragraph;", "1"))
    shown = adopt_and_show(document, tmp_path / "lib")
    assert printed(shown) == printed(document)
    assert shown.paragraphs[2].text == "the {{ odd }} item stays;"


# --- the spec format: read, checked, written back -----------------------------------------

SPEC = """year: 2044
operative:
  - text: "*Resolves* that:"
    numbered: false
  - text: Recalling the Convention,
    lead: false
  - heading: Water
  - text: We will measure the water;
    level: 1
    number: c
    sub:
      - text: monthly;
        numbered: false
"""


def test_the_spec_reader_takes_the_new_keys() -> None:
    spec = parse_spec(SPEC, "x.yaml")
    first, second, _, third = spec.operative
    assert (first.numbered, first.lead, first.level) == (False, True, 0)
    assert (second.numbered, second.lead) == (True, False)
    assert (third.level, third.number, third.sub[0].numbered) == (1, "c", False)
    assert [entry_data(e) for e in spec.operative] == [
        {"text": "*Resolves* that:", "numbered": False},
        {"text": "Recalling the Convention,", "lead": False},
        {"heading": "Water"},
        {"text": "We will measure the water;", "number": "c", "level": 1,
         "sub": [{"text": "monthly;", "numbered": False}]}]


def test_an_old_spec_reads_as_before() -> None:
    spec = parse_spec("year: 2044\noperative:\n  - text: Decides;\n  - clause-id\n", "x.yaml")
    assert all((e.numbered, e.lead, e.level) == (True, True, 0) for e in spec.operative)
    assert entry_data(spec.operative[1]) == "clause-id"


@pytest.mark.parametrize(("entry", "line", "message"), [
    ("  - text: A;\n    numbered: 'no'\n", 5, "'numbered' must be true or false, not 'no'"),
    ("  - text: A;\n    lead: 3\n", 5, "'lead' must be true or false, not 3"),
    ("  - text: A;\n    level: 3\n", 5, "'level' must be 0, 1 for (a) or 2 for (i), not 3"),
    ("  - text: A;\n    level: true\n", 5, "'level' must be 0, 1 for (a) or 2 for (i)"),
    ("  - text: A;\n    numbered: false\n    number: '4'\n", 5, "cannot give a 'number'"),
    ("  - text: A;\n    sub:\n      - text: b;\n        level: 1\n", 7,
     "'level' stands on a part's entry"),
    ("  - text: A;\n    level: 2\n    sub: [b;]\n", 6, "two levels deep at most"),
])
def test_a_bad_key_names_its_line(entry: str, line: int, message: str) -> None:
    text = "year: 2044\npreamble: []\noperative:\n" + entry
    with pytest.raises(InputError) as caught:
        parse_spec(text, "x.yaml")
    assert caught.value.line == line, str(caught.value)
    assert message in str(caught.value)


def test_a_bad_key_is_one_line_on_the_command_line(cli: Any, tmp_path: Path) -> None:
    spec = tmp_path / "draft.yaml"
    spec.write_text("year: 2044\npreamble: []\noperative:\n  - text: A;\n    lead: maybe\n",
                    encoding="utf-8")
    result: Result = cli("show", str(spec))
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        f"asp-draft: error: {spec}:5: 'lead' must be true or false, not 'maybe'"]


# --- any structure a reader may give comes back as read -----------------------------------

LEADS = [("Requests", "Requests the secretariat to report on the wetlands"),
         ("Noting with appreciation", "Noting with appreciation the report on the wetlands"),
         (None, "Recalling the work of the secretariat on the wetlands"),
         (None, "Acknowledging the work of the secretariat on the wetlands"),
         (None, "The secretariat shall report on the wetlands")]
LABELS = [None, "a", "b", "c", "i", "ii", "b bis"]


@st.composite
def readings(draw: st.DrawFn) -> tuple[Paragraph, ...]:
    """Paragraphs as a reader may give them, in each part: numbered or not, a lead or set
    upright, footnotes, sub-paragraphs lettered or not at either level, headings anywhere."""
    out: list[Paragraph] = []
    for part in ("preamble", "operative", "annex"):
        if part == "annex" and not draw(st.booleans()):
            continue
        title = "Plan of action" if part == "annex" else None
        count = 0
        for i in range(draw(st.integers(1, 4))):
            if part != "preamble" and draw(st.booleans()):
                out.append(Paragraph(part=part, text=f"Heading {i}", heading=True,
                                     annex=title, footnotes=draw(notes(f"Heading {i}"))))
            lead, words = draw(st.sampled_from(LEADS))
            number = None
            if part != "preamble" and draw(st.booleans()):
                count += 1
                number = str(count)
            text = f"{words} {i}:"
            out.append(Paragraph(part=part, text=text, lead=lead, number=number, annex=title,
                                 footnotes=draw(notes(text, lead))))
            for j in range(draw(st.integers(0, 3))):
                sub_lead, sub_words = draw(st.sampled_from([(None, f"item {i} {j};"),
                                                            *LEADS]))
                out.append(Paragraph(part=part, text=sub_words, lead=sub_lead,
                                     number=draw(st.sampled_from(LABELS)),
                                     level=draw(st.integers(1, 2)), annex=title))
    return tuple(out)


def notes(text: str, lead: str | None = None) -> st.SearchStrategy[tuple[Footnote, ...]]:
    """No footnote, or one at the end of `text` or after any of its words past the lead
    (`lead[^1]` included; a mark inside a lead is not printed)."""
    ends = [m for m in range(len(lead or "x"), len(text)) if text[m] == " "] + [len(text)]
    return st.one_of(st.just(()), st.sampled_from(ends).map(
        lambda at: (Footnote("See the report of the secretariat.", at),)))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs=readings())
def test_any_reading_comes_back_as_read(tmp_path_factory: pytest.TempPathFactory,
                                        paragraphs: tuple[Paragraph, ...]) -> None:
    document = resolution(*paragraphs)
    shown = adopt_and_show(document, tmp_path_factory.mktemp("lib"))
    assert printed(shown) == printed(document)


# --- the official PDFs of the dev set -----------------------------------------------------

@pytest.fixture(scope="module")
def adopted_dev_set(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Source]]:
    """Every adopted resolution PDF of ../shared read, and adopted into one library."""
    if not OFFICIAL:
        pytest.skip("../shared/corpus/un-pdfs is not beside this checkout")
    lib = tmp_path_factory.mktemp("all")
    sources = read_all([str(p) for p in OFFICIAL], Resolver(notify=lambda _: None).resolve)
    run = Run([], lib, dry_run=False)
    failed = [(s.name, o.error) for s in sources
              if (o := run.adopt(s, several=True)).error is not None]
    assert failed == []
    return lib, sources


def test_every_official_resolution_shows_back_as_read(
        adopted_dev_set: tuple[Path, list[Source]]) -> None:
    lib, sources = adopted_dev_set
    resolver = Resolver(library_dirs=[lib])
    assert len(sources) == len(OFFICIAL)
    for source in sources:
        assert source.document is not None, source.error
        shown = resolver.resolve(str(source.document.meta.symbol))
        assert shown.chapeau == source.document.chapeau, source.name
        assert printed(shown) == printed(source.document), source.name


def test_show_symbol_on_the_command_line_prints_the_pdf(
        cli: Any, adopted_dev_set: tuple[Path, list[Source]]) -> None:
    lib, sources = adopted_dev_set
    for source in sources[:3]:
        assert source.document is not None
        symbol = str(source.document.meta.symbol)
        held = cli("--library", str(lib), "show", symbol, "--format", "json")
        read = cli("show", source.name, "--format", "json")
        assert held.code == read.code == 0, held.err
        assert as_read(held.out) == as_read(read.out), source.name
        assert all(p["clause"] for p in json.loads(held.out)["paragraphs"]
                   if p["part"] == "preamble")  # from the library, not the PDF


def as_read(shown: str) -> list[dict[str, Any]]:
    """The paragraphs of `show --format json`, without where the library took them from."""
    return [{k: v for k, v in p.items() if k not in ("clause", "version")}
            for p in json.loads(shown)["paragraphs"]]
