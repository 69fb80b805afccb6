"""Plain text and Markdown: tables of cases, and write -> read round trips as properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asp_draft.model import Document, Footnote, Paragraph
from asp_draft.readers.markdown import parse_markdown
from asp_draft.readers.text import parse_text
from asp_draft.text.leads import _head_length, find_lead, vocabulary, words_of
from asp_draft.text.structure import Run, flatten
from asp_draft.writers.markdown import render_markdown
from asp_draft.writers.text import render_text


@pytest.mark.parametrize(("text", "part", "lead"), [
    ("Mindful that each", "preamble", "Mindful"),
    ("Convinced also that justice", "preamble", "Convinced also"),
    ("Convinced further that", "preamble", "Convinced further"),
    ("Noting with appreciation the work", "preamble", "Noting with appreciation"),
    ("Bearing in mind that", "preamble", "Bearing in mind"),
    ("Deeply concerned about", "preamble", "Deeply concerned"),
    ("Emphasizing in this connection that", "preamble", "Emphasizing"),
    ("Have agreed as follows:", "preamble", None),
    ("The Court shall", "preamble", None),
    ("Requests the Bureau", "operative", "Requests"),
    ("Further requests the Bureau", "operative", "Further requests"),
    ("Calls upon States", "operative", "Calls upon"),
    ("Takes note of the report", "operative", "Takes note"),
    ("Requests also the Court", "operative", "Requests also"),
    ("Mindful that", "operative", None),
    # what UN bodies write beyond the ASP's words
    ("Desirous of promoting", "preamble", "Desirous"),
    ("Ever mindful that", "preamble", "Ever mindful"),
    ("Re-emphasizing that", "preamble", "Re-emphasizing"),
    ("Being gravely concerned at", "preamble", "Being gravely concerned"),
    ("Continues to welcome the", "operative", "Continues to welcome"),
    ("Urgently calls upon all", "operative", "Urgently calls upon"),
    ("Demands that all parties", "operative", "Demands"),
    ("Proclaims the week", "operative", "Proclaims"),
    ("Continuesx to", "operative", None),
])
def test_find_lead(text: str, part: str, lead: str | None) -> None:
    assert find_lead(text, part) == lead


def _lead_by_scanning(text: str, part: str | None) -> str | None:
    """find_lead as a plain scan over every phrase and modifier: the oracle for the index."""
    words = vocabulary()

    def whole(entry: str, at: int) -> bool:
        end = at + len(entry)
        return text.startswith(entry, at) and (end == len(text) or not text[end].isalpha())

    pos = next((len(p) for p in words.phrases if whole(p, 0)), 0) or _head_length(
        text, part, words)  # type: ignore[arg-type]  # a Part, as sampled below
    if not pos:
        return None
    grown = True
    while grown:
        grown = False
        for mod in words.modifiers:
            if text.startswith(" ", pos) and whole(mod, pos + 1):
                pos += len(mod) + 1
                grown = True
                break
    return text[:pos]


_PIECES = st.sampled_from([*sorted({*vocabulary().phrases, *vocabulary().modifiers}),
                           "that", "the Court", ",", "²", "-led", "s", "", " "])


@given(st.lists(_PIECES, min_size=1, max_size=5), st.sampled_from(["preamble", "operative", None]))
@settings(max_examples=300, deadline=None)
def test_phrases_found_through_their_letters_as_by_a_scan(pieces: list[str],
                                                          part: str | None) -> None:
    """Looking a phrase or modifier up by its opening letters finds what a scan finds."""
    text = " ".join(pieces)
    assert find_lead(text, part) == _lead_by_scanning(text, part)


@given(st.text(alphabet=" \t\n\r\f\v\u00a0ab,", max_size=12), st.booleans())
@settings(max_examples=300, deadline=None)
def test_one_run_flattens_as_runs_do(text: str, italic: bool) -> None:
    """The short way for a block of one run gives what the run-by-run way gives."""
    one = flatten([Run(text, italic)])
    assert one == flatten([Run(text, italic), Run("")])  # two runs: the run-by-run way
    assert (one.text, one.italic) == (flatten([Run("", italic), Run(text, italic)]).text,
                                      flatten([Run("", italic), Run(text, italic)]).italic)


def test_text_body_rules() -> None:
    doc = parse_text(
        "# symbol: ICC-ASP/18/Res.6\n# year: 2019\n# session: eighteenth session (The Hague)\n"
        "# a comment line without a key\n\nThe General Assembly,\n\nRecalling its resolution\n"
        "of last year,\n\n1. Decides:\n\n(a) to meet;\n\n(b) to adjourn;\n\n(i) first;\n\n"
        "(ii) second;\n\n(c) to report;\n\n12 bis. Notes the report.[^1]\n\n[^1]: A note.\n",
        "x.txt")
    assert doc.meta["symbol"] == "ICC-ASP/18/Res.6" and doc.meta["year"] == 2019
    assert doc.meta["session"] == 18 and doc.meta["venue"] == "The Hague"
    assert doc.chapeau == "The General Assembly,"
    assert [(p.part, p.number, p.level, p.lead) for p in doc.paragraphs] == [
        ("preamble", None, 0, "Recalling"), ("operative", "1", 0, "Decides"),
        ("operative", "a", 1, None), ("operative", "b", 1, None), ("operative", "i", 2, None),
        ("operative", "ii", 2, None), ("operative", "c", 1, None),
        ("operative", "12 bis", 0, "Notes")]
    assert doc.paragraphs[0].text == "Recalling its resolution of last year,"
    assert doc.paragraphs[-1].footnotes == (Footnote("A note.", 17),)
    assert doc.paragraphs[-1].text == "Notes the report."


def test_letter_i_after_h_is_a_letter() -> None:
    items = "".join(f"({c}) item;\n\n" for c in "abcdefghij")
    doc = parse_text(f"The Assembly,\n\n1. Decides:\n\n{items}", "x.txt")
    assert [p.level for p in doc.paragraphs[1:]] == [1] * 10
    assert doc.paragraphs[9].number == "i"


def test_markdown_front_matter_headings_and_leads() -> None:
    doc = parse_markdown("---\nsymbol: X/1\nyear: 2019\n---\n\nThe Assembly,\n\n"
                         "*Noting also* the report,\n\n## A. Universality\n\n"
                         "1. *Urges* States to ratify;\n", "x.md")
    assert doc.meta == {"symbol": "X/1", "year": 2019, "chapeau": "The Assembly,"}
    assert [(p.part, p.heading, p.lead, p.text) for p in doc.paragraphs] == [
        ("preamble", False, "Noting also", "Noting also the report,"),
        ("operative", True, None, "A. Universality"),
        ("operative", False, "Urges", "Urges States to ratify;")]


def test_markdown_front_matter_keeps_sponsors_and_a_vote() -> None:
    # a list and a mapping stay one (unquoted yes/no keys are YAML 1.1 booleans); a date is text
    doc = parse_markdown("---\nsymbol: A/80/L.9\nsponsors: [Andorra, 'Trinidad and Tobago']\n"
                         "vote: {yes: 120, no: 5, abstain: 10}\nwhen: 2025-10-01\n---\n\n"
                         "The General Assembly,\n\n1. *Decides* to act.\n", "x.md")
    assert doc.meta["sponsors"] == ["Andorra", "Trinidad and Tobago"]
    assert doc.meta["vote"] == {"yes": 120, "no": 5, "abstain": 10}
    assert doc.meta["when"] == "2025-10-01"


def test_the_text_and_markdown_readers_open_a_text_alike() -> None:
    """Both split lines however they end (a lone CR too) and read what the text declares at
    its top the same way: typed by one function, with the lines after it as the body."""
    text = parse_text("# symbol: X/1\r# year: 2019\r\rThe Assembly,\r\r1. *Urges* States;\r",
                      "x.txt")
    markdown = parse_markdown("---\rsymbol: X/1\ryear: 2019\r---\r\rThe Assembly,\r\r"
                              "1. *Urges* States;\r", "x.md")
    assert text.meta == markdown.meta == {"symbol": "X/1", "year": 2019,
                                          "chapeau": "The Assembly,"}
    assert [p.text for p in markdown.paragraphs] == ["Urges States;"]
    assert [p.text for p in text.paragraphs] == ["*Urges* States;"]


def test_sentence_and_paragraph_ends_are_written_down_once() -> None:
    """The readers take how a paragraph ends from text/structure.py, with how a sentence
    ends (what the PDF reader asks at a page break) named beside it."""
    import ast

    from asp_draft.text.structure import PARAGRAPH_ENDS, SENTENCE_ENDS

    assert set(PARAGRAPH_ENDS) == {*SENTENCE_ENDS, ","}
    package = Path(__file__).resolve().parents[1] / "asp_draft"
    ends = ({*SENTENCE_ENDS}, {*PARAGRAPH_ENDS})
    own = {str(path.relative_to(package))
           for path in package.rglob("*.py")
           for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
           if isinstance(node, ast.Tuple) and all(isinstance(e, ast.Constant) for e in node.elts)
           and {e.value for e in node.elts} in ends}
    assert own == {"text/structure.py"}


def test_unclosed_front_matter() -> None:
    from asp_draft.errors import InputError

    with pytest.raises(InputError, match="never closed"):
        parse_markdown("---\nyear: 2019\n", "x.md")


# Generated documents: leads from the known words, plain words after them.
_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
_body = st.lists(_word, min_size=1, max_size=12).map(" ".join)


@st.composite
def notes_for(draw: st.DrawFn, text: str) -> tuple[Footnote, ...]:
    """Footnotes whose marks stand after a word of `text` (mid-sentence or at the end)."""
    ends = sorted({i for i, ch in enumerate(text) if ch == " "} | {len(text)})
    places = sorted(draw(st.lists(st.sampled_from(ends), max_size=2)))
    return tuple(Footnote(draw(_body).capitalize() + ".", at) for at in places)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    paragraphs: list[Paragraph] = []
    for _ in range(draw(st.integers(0, 5))):
        lead = draw(st.sampled_from(["Recalling", "Convinced also", "Noting with concern",
                                     "Mindful", "Welcoming"]))
        # "the" after the lead: a body opening "also" would rightly read as part of the lead
        text = f"{lead} the {draw(_body)},"
        paragraphs.append(Paragraph(part="preamble", text=text, lead=lead,
                                    footnotes=draw(notes_for(text))))
    for n in range(1, draw(st.integers(0, 5)) + 1):
        lead = draw(st.sampled_from(["Requests", "Decides", "Further requests", "Urges"]))
        subs = draw(st.integers(0, 3))
        end = ":" if subs else ";"
        text = f"{lead} the {draw(_body)}{end}"
        paragraphs.append(Paragraph(part="operative", text=text, lead=lead, number=str(n),
                                    footnotes=draw(notes_for(text))))
        for i in range(subs):
            paragraphs.append(Paragraph(part="operative", text=f"to {draw(_body)};",
                                        number="abc"[i], level=1))
    if draw(st.booleans()):
        title = draw(_body).capitalize()
        for n in range(1, draw(st.integers(1, 3)) + 1):
            paragraphs.append(Paragraph(part="annex", text=f"The {draw(_body)}.",
                                        number=str(n), annex=title))
    return Document(meta={"symbol": "ICC-ASP/18/Res.6", "year": 2019,
                          "chapeau": "The Assembly of States Parties,"},
                    paragraphs=tuple(paragraphs))


@settings(max_examples=60, deadline=None)
@given(documents())
def test_text_round_trip(document: Document) -> None:
    assert parse_text(render_text(document), "x.txt") == document


@settings(max_examples=60, deadline=None)
@given(documents())
def test_markdown_round_trip(document: Document) -> None:
    assert parse_markdown(render_markdown(document), "x.md") == document


def test_a_user_library_adds_lead_words(tmp_path: Path) -> None:
    """A leads.txt in a library folder adds its words; without it they are not leads."""
    assert find_lead("Solemnly proclaims the decade", "operative") is None
    (tmp_path / "leads.txt").write_text("[phrases]\nSolemnly proclaims\n", encoding="utf-8")
    with words_of([tmp_path]):
        assert find_lead("Solemnly proclaims the decade", "operative") == "Solemnly proclaims"
    assert find_lead("Solemnly proclaims the decade", "operative") is None


def test_a_read_through_the_resolver_uses_the_users_lead_words_and_leaves_none_set(
        tmp_path: Path) -> None:
    """The user's leads.txt is in force while the resolver reads a file, and only then: no
    setting outlives the read (what a later read or another command sees is its own)."""
    from asp_draft.refs import Resolver

    library = tmp_path / "lib"
    library.mkdir()
    (library / "leads.txt").write_text("[phrases]\nSolemnly proclaims\n", encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("The Assembly,\n\nRecalling its decisions,\n\n"
                    "1. Solemnly proclaims the decade;\n", encoding="utf-8")
    mine = Resolver(library_dirs=[library]).resolve(str(text))
    assert mine.paragraphs[-1].lead == "Solemnly proclaims"
    assert find_lead("Solemnly proclaims the decade", "operative") is None
    bundled = Resolver(library_dirs=[]).resolve(str(text))
    assert bundled.paragraphs[-1].lead != "Solemnly proclaims"


def test_spaces_the_text_has_are_kept_line_breaks_are_one() -> None:
    """A double space is the text's own (lint reports it); a line break is one space."""
    doc = parse_text("The Assembly,\n\nRecalling  the work of the\nCourt ,\n", "x.txt")
    assert doc.paragraphs[0].text == "Recalling  the work of the Court ,"


def test_metadata_is_typed_in_one_place() -> None:
    """Meta.of types the keys asp-draft relies on and answers the questions commands ask."""
    from asp_draft.model import Meta

    meta = Meta.of({"symbol": "ICC-ASP/16/Res.6", "year": "2017", "plenary": "13",
                    "completeness": "partial: chapeau + 4 paragraphs", "adopted": "2017-12-14",
                    "own-key": ["kept", "as", "is"]})
    assert (meta.year, meta.plenary, meta.symbol, meta.partial, meta.draft) == (
        2017, 13, "ICC-ASP/16/Res.6", True, False)
    assert meta == {"symbol": "ICC-ASP/16/Res.6", "year": 2017, "plenary": 13,
                    "completeness": "partial: chapeau + 4 paragraphs", "adopted": "2017-12-14",
                    "own-key": ["kept", "as", "is"]}
    assert list(meta) == ["symbol", "year", "plenary", "completeness", "adopted", "own-key"]
    bare = Meta.of({"title": "A draft", "file": "d.txt"})
    assert (bare.name(), bare.draft, bare.partial, bare.year) == ("A draft", True, False, None)
    assert Meta.of({"file": "d.txt"}).name() == "d.txt" and Meta.of({}).name() == "this text"
    assert meta.with_(title="T", completeness=None) == {**{k: v for k, v in meta.items()
                                                          if k != "completeness"}, "title": "T"}
    assert Document(meta={"year": "2019"}, paragraphs=()).meta.year == 2019
    assert Meta.of({"meeting": "10046"}) == {"meeting": 10046}  # a Council's meeting counts
    assert Meta.of({"meeting": "10046"}).meeting == 10046
    from datetime import date, datetime

    assert Meta.of({"adopted": date(2017, 12, 14), "seen": datetime(2017, 12, 14, 9)}) == {
        "adopted": "2017-12-14", "seen": "2017-12-14T09:00:00"}


def test_an_empty_metadata_value_is_no_value() -> None:
    """Front matter that leaves a key empty (`committee: []`, `agenda_item: {}`, `false`) says
    nothing: no writer prints "[]" or "False" for it."""
    from asp_draft.model import Meta

    meta = Meta.of({"committee": [], "agenda_item": {}, "submitted_by": False, "venue": "",
                    "cover_note": 0, "original": ["English"]})
    assert (meta.committee, meta.text("agenda_item"), meta.submitted_by, meta.venue) == (
        None, None, None, None)
    assert (meta.cover_note, meta.text("original")) == ("0", "['English']")
    doc = Document(meta={"symbol": "A/RES/80/1", "body": "ga", "committee": [],
                         "agenda_item": []}, paragraphs=())
    from asp_draft.writers.html import render_html

    assert "[]" not in render_html(doc)


@pytest.mark.parametrize(("completeness", "partial", "held"), [
    ("partial: chapeau + 4 paragraphs; the rest not transcribed", True, "chapeau + 4 paragraphs"),
    ("Partial: the preamble", True, "the preamble"),
    ("partial", True, None),
    ("partial: partial", True, None),
    ("complete", False, None),
    (None, False, None),
])
def test_what_a_partial_record_holds(completeness: str | None, partial: bool,
                                     held: str | None) -> None:
    from asp_draft.model import Meta

    meta = Meta.of({"completeness": completeness} if completeness else {})
    assert (meta.partial, meta.held) == (partial, held)


def test_a_text_in_a_language_without_lead_words_gets_no_english_leads() -> None:
    said: list[str] = []
    doc = parse_text("# language: deu\n\nDie Versammlung,\n\nRecalling nothing,\n", "de.txt",
                     said.append)
    assert doc.paragraphs[0].lead is None  # "Recalling" is an English lead, not a German one
    assert said == ["de.txt: no lead words are known for language 'deu'; leads are taken from "
                    "italics only"]


@pytest.mark.parametrize(("line", "key", "value"), [
    ("# session: ¹⁶", "session", "¹⁶"), ("# plenary: ²", "plenary", "²"),
    ("# year: ٢٠١٩", "year", 2019), ("# session: 16", "session", 16)])
def test_only_decimal_figures_make_a_number(line: str, key: str, value: object) -> None:
    """Superscript figures are digits to Python but no number to int(): kept as written, where
    they ended in an internal error; decimal figures in any script are a number."""
    doc = parse_text(f"{line}\n\nThe Assembly of States Parties,\n\nRecalling it,\n", "m.txt")
    assert doc.meta[key] == value


@pytest.mark.parametrize(("markup", "lead", "text"), [
    ("*Welcoming*[^1] the report,", "Welcoming", "Welcoming[^1] the report,"),
    ("*Convinced also* that peace,", "Convinced also", "Convinced also that peace,"),
    ("*Decides*: to act;", "Decides", "Decides: to act;"),
    ("*x*y the report,", None, "*x*y the report,"),  # an asterisk inside a word is no lead
])
def test_a_lead_in_markup_may_be_followed_by_a_footnote_mark(markup: str, lead: str | None,
                                                             text: str) -> None:
    from asp_draft.text.markup import split_lead
    assert split_lead(markup, "preamble") == (lead, text)

