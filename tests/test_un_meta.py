"""The metadata of UN documents: the cover block, a draft's sponsors, the closing lines.

Three layers: tables of lines for the head and closing patterns (heads.py); made-up texts
in tests/un_covers/ that imitate, as pdftotext -layout gives them, the kinds the official
set lacks (a Security Council resolution, a Human Rights Council resolution with a recorded
vote, a revised draft with a long sponsor list, an amendment), also printed to PDF by
LibreOffice; and the official PDFs of ../shared/corpus/un-pdfs, held to rules every one of
them must keep and, for a few, to values read off the printed page.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asp_draft.errors import InputError
from asp_draft.model import Document
from asp_draft.readers.text import parse_text
from asp_draft.text.heads import (
    adoption_meta,
    cover_lines,
    head_kind,
    head_meta,
    meta_text,
    normalise_meta,
    sponsor_names,
)
from asp_draft.text.structure import Block, Run, Source, classify

COVERS = Path(__file__).with_name("un_covers")
PDFS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "un-pdfs"


def _source(*texts: str) -> Source:
    """Blocks as a reader hands them over, one a text (no copy's repairs in between)."""
    return Source("a.txt", [Block([Run(text)], line=n, lines=(text,))
                            for n, text in enumerate(texts, 1)])


def _read(name: str, notes: list[str] | None = None) -> Document:
    path = COVERS / name
    return parse_text(path.read_text(encoding="utf-8"), str(path),
                      notes.append if notes is not None else lambda _: None)


# --- lines -----------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "meta"), [
    ("Adopted by the Security Council at its 10512th meeting, on 12 March 2031",
     {"meeting": 10512, "body": "Security Council", "adopted": "2031-03-12"}),
    ("52nd meeting 3 April 2031", {"meeting": 52, "adopted": "2031-04-03"}),
    ("50th (resumed) plenary meeting 22 December 2030", {"plenary": 50, "adopted": "2030-12-22"}),
    ("7th plenary meeting", {"plenary": 7}),
    ("[Adopted without a vote.]", {"adoption": "without a vote"}),
    ("[Adopted by a recorded vote of 33 to none, with 14 abstentions.]",
     {"adoption": "by a recorded vote", "vote": {"yes": 33, "no": 0, "abstain": 14}}),
    ("[Adopted by a recorded vote of 40 to 2, with 1 abstention.]",
     {"adoption": "by a recorded vote", "vote": {"yes": 40, "no": 2, "abstain": 1}}),
    ("[Adopted by a recorded vote. The voting was as follows: In favour: Chile, Peru, Ghana "
     "Against: Cuba Abstaining: None]",
     {"adoption": "by a recorded vote", "vote": {"yes": 3, "no": 1, "abstain": 0}}),
    ("Adopted the report of the Committee,", {}),
    ("52nd meeting of the Committee on 3 April 2031", {}),
])
def test_closing_and_adoption_lines(line: str, meta: dict[str, Any]) -> None:
    assert adoption_meta(line) == meta


@pytest.mark.parametrize(("group", "lines"), [
    (["A/80/L.10", "General Assembly Distr.: Limited"],
     ["A/80/L.10", "General Assembly", "Distr.: Limited"]),
    (["Resolution adopted by the General Assembly on", "7 December 2030"],
     ["Resolution adopted by the General Assembly on 7 December 2030"]),
    (["Resolution adopted by the General Assembly", "on 7 December 2030"],
     ["Resolution adopted by the General Assembly on 7 December 2030"]),
    (["[on the report of the Special Political and Decolonization Committee",
      "(Fourth Committee) (A/85/429, para. 33)]"],
     ["[on the report of the Special Political and Decolonization Committee (Fourth Committee)"
      " (A/85/429, para. 33)]"]),
    (["Adopted by the Security Council at its 10512th meeting, on", "12 March 2031"],
     ["Adopted by the Security Council at its 10512th meeting, on 12 March 2031"]),
    (["Agenda item 9", "Title of the item", "Chile, Peru and", "Spain: draft resolution"],
     ["Agenda item 9", "Title of the item", "Chile, Peru and Spain: draft resolution"]),
    (["Chile, Peru and Spain:*", "draft resolution"],
     ["Chile, Peru and Spain:* draft resolution"]),
    (["Agenda item 9", "Cabo Verde, Chile, United Kingdom of Great",
      "Britain and Northern Ireland: draft resolution"],
     ["Agenda item 9", "Cabo Verde, Chile, United Kingdom of Great Britain and Northern Ireland:"
      " draft resolution"]),
])
def test_cover_lines_as_printed_become_logical_lines(group: list[str], lines: list[str]) -> None:
    assert cover_lines(group) == lines


@pytest.mark.parametrize(("text", "names"), [
    ("Italy and Turkmenistan", ["Italy", "Turkmenistan"]),
    ("State of Palestine", ["State of Palestine"]),
    ("Andorra, Antigua and Barbuda, Chile and Trinidad and Tobago",
     ["Andorra", "Antigua and Barbuda", "Chile", "Trinidad and Tobago"]),
    ("Peru, United Kingdom of Great Britain and Northern Ireland and State of Palestine",
     ["Peru", "United Kingdom of Great Britain and Northern Ireland", "State of Palestine"]),
    ("Bolivia (Plurinational State of), Iran (Islamic Republic of), and Spain",
     ["Bolivia (Plurinational State of)", "Iran (Islamic Republic of)", "Spain"]),
    ("Iraq:*", ["Iraq"]),
])
def test_sponsor_names(text: str, names: list[str]) -> None:
    assert sponsor_names(text) == names


def test_a_last_and_that_could_part_two_ways_is_said() -> None:
    said: list[str] = []
    assert sponsor_names("Chile, Heard and McDonald and Peru", said.append) == \
        ["Chile", "Heard and McDonald", "Peru"]
    assert len(said) == 1 and "more than one 'and'" in said[0]


_STATES = ["Chile", "Peru", "State of Palestine", "Antigua and Barbuda", "Bosnia and Herzegovina",
           "Trinidad and Tobago", "Saint Vincent and the Grenadines", "Côte d’Ivoire",
           "United Kingdom of Great Britain and Northern Ireland", "Iran (Islamic Republic of)",
           "Sao Tome and Principe", "Viet Nam", "Saint Kitts and Nevis"]


@given(st.lists(st.sampled_from(_STATES), min_size=1, max_size=8, unique=True))
def test_a_printed_sponsor_list_reads_back_as_its_names(names: list[str]) -> None:
    printed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    assert sponsor_names(printed) == names
    label = head_meta([[f"{printed}:* draft resolution"], ["Title"]])
    assert label["sponsors"] == names and label["status"] == "draft"
    # a `# sponsors:` line as the text format writes it reads back as the list
    assert normalise_meta({"sponsors": meta_text(names)})["sponsors"] == names


@given(st.fixed_dictionaries({k: st.integers(0, 193) for k in ("yes", "no", "abstain")}))
def test_a_vote_written_as_a_meta_line_reads_back(vote: dict[str, int]) -> None:
    assert normalise_meta({"vote": meta_text(vote)})["vote"] == vote
    assert normalise_meta({"vote": json.dumps(vote)})["vote"] == vote


@pytest.mark.parametrize(("groups", "meta"), [
    ([["Draft resolution submitted by the President of the General Assembly"], ["A title"]],
     {"status": "draft", "submitted_by": "the President of the General Assembly",
      "title": "A title"}),
    ([["Chile and Peru:* amendment to draft resolution A/81/L.31"], ["A title"]],
     {"status": "amendment", "amends": "A/81/L.31", "sponsors": ["Chile", "Peru"],
      "title": "A title"}),
    ([["Mexico:* revised draft resolution"]], {"status": "draft", "sponsors": ["Mexico"]}),
    ([["Resolution 2931 (2031)"]], {"number": "2931 (2031)", "title": "Resolution 2931 (2031)"}),
    ([["78/317."], ["The Agenda for Small Island", "Developing States"]],
     {"number": "78/317", "title": "The Agenda for Small Island Developing States"}),
    ([["Eighty-first session", "Third Committee", "Agenda item 68 (b)"], ["Original: French"]],
     {"session": 81, "committee": "Third Committee", "agenda_item": "68 (b)",
      "original": "French"}),
    ([["Twelfth emergency special session", "Agenda item 5"],
      ["Resolution adopted by the General Assembly on 2 March 2032"],
      ["ES-12/1. Aggression against Westland"]],
     {"agenda_item": "5", "body": "General Assembly", "adopted": "2032-03-02",
      "number": "ES-12/1", "title": "Aggression against Westland", "year": 2032}),
    ([["2031 session", "27 July 2030–24 July 2031", "Agenda item 12 (e)"],
      ["Resolution adopted by the Economic and Social Council on 5 June 2031"],
      ["2031/5. Mainstreaming a gender perspective"]],
     {"agenda_item": "12 (e)", "body": "Economic and Social Council", "adopted": "2031-06-05",
      "number": "2031/5", "title": "Mainstreaming a gender perspective", "year": 2031}),
    ([["Human Rights Council", "Sixty-fourth session", "24 February–4 April 2031",
       "Agenda item 4"], ["Albania and Chile: draft resolution"],
      ["64/... Situation of human rights in Eastmarch"]],
     {"session": 64, "agenda_item": "4", "status": "draft", "sponsors": ["Albania", "Chile"],
      "title": "Situation of human rights in Eastmarch"}),
    ([["Draft resolution submitted by the Vice-Chair of the Committee, Ms. Ana Ruiz",
       "(Chile), on the basis of informal consultations on draft resolution A/C.2/85/L.5"],
      ["Sustainable tourism"]],
     {"status": "draft", "title": "Sustainable tourism",
      "submitted_by": "the Vice-Chair of the Committee, Ms. Ana Ruiz (Chile), on the basis of "
                      "informal consultations on draft resolution A/C.2/85/L.5"}),
    ([["S/RES/2931 (2031)"], ["Security Council Distr.: General 12 March 2031"]],
     {"symbol": "S/RES/2931 (2031)", "distribution": "General", "date": "2031-03-12",
      "year": 2031}),
])
def test_head_lines_of_drafts_and_councils(groups: list[list[str]], meta: dict[str, Any]) -> None:
    assert head_meta(groups) == meta


# --- made-up texts of the kinds the official set lacks ------------------------------------

def test_a_security_council_resolution() -> None:
    doc = _read("sc_resolution.txt")
    assert {k: doc.meta.get(k) for k in ("symbol", "title", "number", "adopted", "meeting",
                                         "distribution", "date", "year")} == {
        "symbol": "S/RES/2931 (2031)", "title": "Resolution 2931 (2031)", "number": "2931 (2031)",
        "adopted": "2031-03-12", "meeting": 10512, "distribution": "General",
        "date": "2031-03-12", "year": 2031}
    assert doc.chapeau == "The Security Council,"
    assert [p.number for p in doc.paragraphs] == [None, None, None, "1", "2", "3"]
    assert not any("Adopted" in p.text for p in doc.paragraphs)


def test_a_council_resolution_with_a_recorded_vote() -> None:
    doc = _read("hrc_resolution_vote.txt")
    assert {k: doc.meta.get(k) for k in ("symbol", "title", "number", "adopted", "meeting",
                                         "session", "agenda_item", "adoption", "vote",
                                         "body")} == {
        "symbol": "A/HRC/RES/64/7", "number": "64/7", "adopted": "2031-04-03", "meeting": 52,
        "title": "Situation of human rights in the Republic of Eastmarch", "session": 64,
        "agenda_item": "4", "adoption": "by a recorded vote", "body": "Human Rights Council",
        "vote": {"yes": 27, "no": 5, "abstain": 15}}
    assert doc.chapeau == "The Human Rights Council,"
    assert [p.number for p in doc.paragraphs] == [None, None, "1", "2", "3"]
    assert doc.paragraphs[-1].text.endswith("sixty-seventh session.")


def test_a_vote_printed_only_as_lists_is_counted() -> None:
    text = (COVERS / "hrc_resolution_vote.txt").read_text(encoding="utf-8")
    text = text.replace(" of 27 to 5, with 15 abstentions", "")
    doc = parse_text(text, "lists.txt")
    assert doc.meta["vote"] == {"yes": 27, "no": 5, "abstain": 15}
    assert len(doc.paragraphs) == 5


def test_a_revised_draft_with_a_long_sponsor_list() -> None:
    notes: list[str] = []
    doc = _read("ga_draft_rev1.txt", notes)
    assert doc.meta["symbol"] == "A/C.3/81/L.12/Rev.1"
    assert doc.meta["sponsors"] == [
        "Andorra", "Antigua and Barbuda", "Austria", "Bosnia and Herzegovina", "Cabo Verde",
        "Côte d’Ivoire", "Iran (Islamic Republic of)", "Micronesia (Federated States of)",
        "Saint Vincent and the Grenadines", "Sao Tome and Principe", "Trinidad and Tobago",
        "United Kingdom of Great Britain and Northern Ireland", "State of Palestine"]
    assert {k: doc.meta.get(k) for k in ("status", "distribution", "original", "committee",
                                         "agenda_item", "session", "title", "cover_note")} == {
        "status": "draft", "distribution": "Limited", "original": "English",
        "committee": "Third Committee", "agenda_item": "68 (b)", "session": 81,
        "title": "Access to clean water for persons held in detention",
        "cover_note": "Any changes to the list of sponsors will be reflected in the official "
                      "record of the meeting."}
    assert doc.meta.draft
    assert [p.number for p in doc.paragraphs] == [None, None, "1", "2"]
    assert any("asterisk" in note for note in notes)


def test_an_amendment_is_refused_in_one_line(cli: Any) -> None:
    result = cli("show", COVERS / "amendment.txt")
    assert result.code == 2 and not result.out and "Traceback" not in result.err
    message = result.err.strip().splitlines()[-1]  # after what the copy's repair said
    assert message.startswith("asp-draft: error: ") and "amendment.txt:" in message
    assert "an amendment" in message and "not a resolution or a draft" in message
    with pytest.raises(InputError, match=r"amendment by Chile, Peru to draft resolution "
                                         r"A/81/L\.31"):
        classify(_source("Chile and Peru:* amendment to draft resolution A/81/L.31",
                         "Fisheries", "Replace operative paragraph 4 with the following text:",
                         "“4. Calls upon States to act;”"))


def test_a_draft_decision_without_a_chapeau_keeps_its_cover_out_of_the_text() -> None:
    doc = parse_text("United Nations A/81/L.50\n\nGeneral Assembly Distr.: Limited\n\n"
                     "2 June 2027\n\nEighty-first session\nAgenda item 8\n\n"
                     "Draft decision submitted by the President of the General Assembly\n\n"
                     "Dates of the high-level meeting\n\n"
                     "The General Assembly decides to convene the high-level meeting on "
                     "4 October 2027.\n", "d.txt")
    assert doc.meta["title"] == "Dates of the high-level meeting"
    assert doc.meta["submitted_by"] == "the President of the General Assembly"
    assert doc.meta["distribution"] == "Limited" and doc.meta["agenda_item"] == "8"
    assert [p.text[:28] for p in doc.paragraphs] == ["The General Assembly decides"]


def test_a_cover_without_a_chapeau_is_metadata() -> None:
    doc = classify(_source("United Nations", "A/81/L.50", "General Assembly", "Distr.: Limited",
                           "Draft decision submitted by the Chair", "Dates of the meeting",
                           "The General Assembly decides to meet on 4 October 2027."))
    assert {k: doc.meta.get(k) for k in ("symbol", "status", "title", "submitted_by")} == {
        "symbol": "A/81/L.50", "status": "draft", "title": "Dates of the meeting",
        "submitted_by": "the Chair"}
    assert len(doc.paragraphs) == 1


def test_an_asterisk_paragraph_stays_text_without_a_cover() -> None:
    doc = classify(_source("The Assembly,", "1. Decides to act;", "* Not a cover note."))
    assert "cover_note" not in doc.meta and len(doc.paragraphs) == 2


def test_a_chapeau_without_its_comma_runs_on_into_the_operative_part() -> None:
    doc = classify(_source("The General Assembly", "Resolves that:",
                           "1. The Fund shall be established;", "(a) Credits;"))
    assert doc.chapeau == "The General Assembly"
    assert [(p.part, p.number) for p in doc.paragraphs] == [
        ("operative", None), ("operative", "1"), ("operative", "a")]


def test_an_annex_heading_with_its_title_in_one_block() -> None:
    blocks = _source("The General Assembly,", "1. Endorses the declaration.")
    blocks.blocks.append(Block([Run("Annex Our ocean, our future")], line=3,
                               lines=("Annex", "Our ocean, our future")))
    blocks.blocks.append(Block([Run("1. We reaffirm the declaration.")], line=4))
    doc = classify(blocks)
    assert [(p.part, p.number, p.annex) for p in doc.paragraphs] == [
        ("operative", "1", None), ("annex", "1", "Our ocean, our future")]


def test_a_long_annex_title_is_the_annexs_title() -> None:
    title = ("Provisional agenda of the 2031 United Nations Conference to Support the "
             "Implementation of Sustainable Development Goal 14: Conserve and sustainably use "
             "the oceans, seas and marine resources for sustainable development")
    doc = classify(_source("The General Assembly,", "1. Decides to convene the Conference.",
                           "Annex I", title, "1. Opening of the Conference."))
    assert len(title) > 200
    assert [(p.part, p.number, p.annex) for p in doc.paragraphs] == [
        ("operative", "1", None), ("annex", "1", f"Annex I: {title}")]


def test_a_bulleted_item_is_a_sub_paragraph_without_a_number() -> None:
    doc = classify(_source("The General Assembly,", "1. Sets the following targets:",
                           "• Double the output of services;", "\u25aa Halve the losses.",
                           "2. Decides to review them."))
    assert [(p.number, p.level, p.text) for p in doc.paragraphs] == [
        ("1", 0, "Sets the following targets:"), (None, 1, "Double the output of services;"),
        (None, 1, "Halve the losses."), ("2", 0, "Decides to review them.")]


def test_the_date_under_the_meeting_line_is_the_adoption_date() -> None:
    doc = parse_text("The General Assembly,\n\n1. Decides to act;\n\n2. Requests a report.\n\n"
                     "35th plenary meeting\n\n11 November 2030\n", "m.txt")
    assert doc.meta["plenary"] == 35 and doc.meta["adopted"] == "2030-11-11"
    assert [p.number for p in doc.paragraphs] == ["1", "2"]


def test_a_date_alone_is_a_date_only_after_the_meeting_line() -> None:
    doc = parse_text("The General Assembly,\n\n1. Decides to act;\n\n11 November 2030\n\n"
                     "2. Requests a report.\n", "m.txt")
    assert "adopted" not in doc.meta
    assert len(doc.paragraphs) == 3


def test_sponsors_and_vote_meta_lines_are_read() -> None:
    doc = parse_text("# sponsors: Chile; Trinidad and Tobago\n# vote: yes 3, no 0, abstain 1\n"
                     "# meeting: 52\n\nThe Council,\n\n1. Decides;\n", "m.txt")
    assert doc.meta["sponsors"] == ["Chile", "Trinidad and Tobago"]
    assert doc.meta["vote"] == {"yes": 3, "no": 0, "abstain": 1}
    assert doc.meta["meeting"] == 52


@pytest.mark.parametrize("name", ["hrc_resolution_vote.txt", "ga_draft_rev1.txt"])
def test_sponsors_and_vote_survive_markdown_and_json(name: str) -> None:
    from asp_draft.readers.markdown import parse_markdown
    from asp_draft.writers.json import render_json
    from asp_draft.writers.markdown import render_markdown
    doc = _read(name)
    again = parse_markdown(render_markdown(doc), "copy.md")
    data = json.loads(render_json(doc))["meta"]
    for key in ("sponsors", "vote", "distribution", "original", "meeting", "adopted"):
        assert again.meta.get(key) == doc.meta.get(key) == data.get(key), key
    assert data.get("sponsors") or data.get("vote")


# --- the same made-up texts as Word files, and as PDFs LibreOffice prints from them ----------

def _made(name: str, symbol: str, cover: list[tuple[str, str]], title: tuple[str, str],
          chapeau: str, body: list[tuple[str, str, str]], closing: list[str]) -> Any:
    from tests.pdf_fixtures import Entry, Resolution
    entries = [Entry("cover", left, right=right) for left, right in cover]
    entries.append(Entry("title", title[1], label=title[0]))
    entries.append(Entry("chapeau", chapeau))
    entries += [Entry(kind, text, label=label) for kind, label, text in body]
    entries += [Entry("meeting", line) for line in closing]
    return Resolution(name, symbol, "Made-up text", entries, job="31-03112")


_BODY = [("preamble", "", "*Recalling* its previous resolutions on the situation in the "
                          "region of the Upper Lakes, in particular resolution 2870 (2029),"),
         ("operative", "1.", "*Decides* to extend the mandate of the Observer Mission until "
                             "31 March 2032;"),
         ("operative", "2.", "*Requests* the Secretary-General to report to it no later than "
                             "15 December 2031.")]


def _covers() -> list[Any]:
    """The Council, vote and draft covers as made-up resolutions."""
    return [
        _made("sc", "S/RES/2931 (2031)",
              [("United Nations", "S/RES/2931 (2031)"), ("Security Council", "Distr.: General"),
               ("", "12 March 2031"), ("Adopted by the Security Council at its 10512th meeting, "
                                       "on 12 March 2031", "")],
              ("", "Resolution 2931 (2031)"), "The Security Council,", _BODY, []),
        _made("hrc", "A/HRC/RES/64/7",
              [("United Nations", "A/HRC/RES/64/7"), ("General Assembly", "Distr.: General"),
               ("", "9 April 2031"), ("Human Rights Council", ""), ("Sixty-fourth session", ""),
               ("Agenda item 4", ""),
               ("Resolution adopted by the Human Rights Council on 3 April 2031", "")],
              ("64/7.", "Situation of human rights in the Republic of Eastmarch"),
              "The Human Rights Council,", _BODY,
              ["52nd meeting", "3 April 2031",
               "[Adopted by a recorded vote of 27 to 5, with 15 abstentions.]"]),
        _made("draft", "A/C.3/81/L.12/Rev.1",
              [("United Nations", "A/C.3/81/L.12/Rev.1"), ("General Assembly", "Distr.: Limited"),
               ("", "14 November 2026"), ("", "Original: English"),
               ("Eighty-first session", ""), ("Third Committee", ""), ("Agenda item 68 (b)", ""),
               ("Andorra, Antigua and Barbuda, Bosnia and Herzegovina, Cabo Verde, Trinidad and "
                "Tobago, United Kingdom of Great Britain and Northern Ireland and State of "
                "Palestine: revised draft resolution", "")],
              ("", "Access to clean water for persons held in detention"),
              "The General Assembly,", _BODY, []),
    ]


@pytest.fixture(scope="module")
def made_covers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The covers as Word files and as PDFs made from them in one LibreOffice call."""
    from tests.pdf_fixtures import need_tools, to_pdf, write_docx
    folder = tmp_path_factory.mktemp("un-covers")
    docx = [write_docx(res, folder / f"{res.name}.docx") for res in _covers()]
    made = {f"{path.stem}.docx": path for path in docx}
    if shutil.which("soffice") or shutil.which("libreoffice"):
        need_tools()
        made |= {f"{path.stem}.pdf": path for path in to_pdf(docx, folder)}
    return made


@pytest.mark.parametrize(("name", "meta"), [
    ("sc", {"symbol": "S/RES/2931 (2031)", "title": "Resolution 2931 (2031)", "meeting": 10512,
            "adopted": "2031-03-12", "distribution": "General"}),
    ("hrc", {"symbol": "A/HRC/RES/64/7", "number": "64/7", "meeting": 52,
             "adopted": "2031-04-03", "vote": {"yes": 27, "no": 5, "abstain": 15},
             "title": "Situation of human rights in the Republic of Eastmarch"}),
    ("draft", {"symbol": "A/C.3/81/L.12/Rev.1", "status": "draft", "committee": "Third Committee",
               "sponsors": ["Andorra", "Antigua and Barbuda", "Bosnia and Herzegovina",
                            "Cabo Verde", "Trinidad and Tobago",
                            "United Kingdom of Great Britain and Northern Ireland",
                            "State of Palestine"],
               "title": "Access to clean water for persons held in detention"}),
])
@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_made_files_read_their_covers(made_covers: dict[str, Path], name: str,
                                      meta: dict[str, Any], kind: str) -> None:
    from asp_draft.readers.docx import read_docx
    from asp_draft.readers.pdf import read_pdf
    if f"{name}.{kind}" not in made_covers:
        pytest.skip("LibreOffice is needed to make the PDFs")
    doc = (read_pdf if kind == "pdf" else read_docx)(made_covers[f"{name}.{kind}"])
    assert {k: doc.meta.get(k) for k in meta} == meta
    assert [p.number for p in doc.paragraphs] == [None, "1", "2"]


# --- the official PDFs -----------------------------------------------------------------

def _official() -> list[Path]:
    return sorted(PDFS.glob("*.pdf")) if PDFS.is_dir() else []


def _symbol(path: Path) -> str:
    return path.stem.replace("_", "/")


@pytest.fixture(scope="module")
def official() -> dict[str, Document | InputError]:
    """Every official PDF read once (an amendment's refusal kept as what it read)."""
    if not _official():
        pytest.skip(f"{PDFS} is not beside this checkout")
    from asp_draft.readers.pdf import read_pdf
    out: dict[str, Document | InputError] = {}
    for path in _official():
        try:
            out[path.name] = read_pdf(path)
        except InputError as error:
            out[path.name] = error
    return out


# what the cover and the closing lines print, which a paragraph never is
_COVER_TEXT = re.compile(r"Distr\.:|Original:|Agenda items? \d|Resolution adopted by|Adopted by the"
                         r"|\[Adopted|\d+(?:st|nd|rd|th) (?:\(resumed\) )?(?:plenary )?meeting$"
                         r"|.*draft resolution$|\*|\d{1,2} [A-Z][a-z]+ \d{4}\.?$|United Nations$")


def _cover_in_text(doc: Document) -> list[str]:
    """Paragraphs that are cover or closing lines, which belong in the metadata."""
    return [p.text[:60] for p in doc.paragraphs if _COVER_TEXT.match(p.text)]


def test_every_official_pdf_has_its_cover_in_the_metadata(
        official: dict[str, Document | InputError]) -> None:
    problems: list[str] = []
    for name, doc in official.items():
        if isinstance(doc, InputError):
            problems += [] if "an amendment" in str(doc) else [f"{name}: {doc}"]
            continue
        meta, symbol = doc.meta, _symbol(Path(name))
        want: dict[str, Any] = {"symbol": symbol, "session": int(symbol.split("/")[-2])}
        if "/RES/" in symbol:
            want |= {"distribution": "General", "number": "/".join(symbol.split("/")[-2:]),
                     "body": "General Assembly"}
            for key in ("adopted", "plenary", "committee", "date", "agenda_item", "title"):
                if not meta.get(key):
                    problems.append(f"{name}: no {key}")
        else:
            want |= {"distribution": "Limited", "status": "draft", "original": "English"}
            if not meta.get("sponsors") or not meta.get("title"):
                problems.append(f"{name}: no sponsors or title")
        problems += [f"{name}: {k} is {meta.get(k)!r}, not {v!r}" for k, v in want.items()
                     if meta.get(k) != v]
        if meta.get("title") and (head_kind(str(meta["title"])) or "Adopted" in meta["title"]):
            problems.append(f"{name}: the title is a cover line: {meta['title']!r}")
        problems += [f"{name}: in the text: {t!r}" for t in _cover_in_text(doc)]
    assert not problems, "\n".join(problems)


def test_an_adopted_text_is_issued_after_its_adoption(
        official: dict[str, Document | InputError]) -> None:
    """The adoption date (the meeting line's) precedes the cover's date of issue, and gives
    the year."""
    for name, doc in official.items():
        if isinstance(doc, Document) and "/RES/" in _symbol(Path(name)):
            assert str(doc.meta["adopted"]) <= str(doc.meta["date"]), name
            assert doc.meta["year"] == int(str(doc.meta["adopted"])[:4]), name


@pytest.mark.parametrize(("name", "meta"), [
    ("A_RES_79_6.pdf", {
        "symbol": "A/RES/79/6", "distribution": "General", "date": "2024-10-30", "session": 79,
        "agenda_item": "74", "title": "Report of the International Criminal Court",
        "adopted": "2024-10-29", "committee": "without reference to a Main Committee (A/79/L.8)",
        "number": "79/6", "plenary": 29}),
    ("A_RES_78_91.pdf", {
        "committee": "on the report of the Special Political and Decolonization Committee "
                     "(Fourth Committee) (A/78/429, para. 33)",
        "adopted": "2023-12-07", "plenary": 45, "title": "Question of French Polynesia"}),
    ("A_RES_78_233.pdf", {"plenary": 50, "adopted": "2023-12-22"}),
    ("A_C.1_80_L.49.pdf", {
        "symbol": "A/C.1/80/L.49", "committee": "First Committee", "agenda_item": "100 (d)",
        "title": "United Nations Regional Centre for Peace and Disarmament in Asia and the "
                 "Pacific",
        "sponsors": ["Australia", "Austria", "Bangladesh", "Bhutan", "China", "India", "Japan",
                     "Kazakhstan", "Maldives", "Mongolia", "Nepal", "New Zealand", "Pakistan",
                     "Republic of Korea", "Thailand"]}),
    ("A_80_L.10.pdf", {
        "sponsors": ["Italy", "Turkmenistan"], "date": "2025-11-05", "agenda_item": "11",
        "title": "Building a peaceful and better world through sport and the Olympic ideal",
        "cover_note": "Any changes to the list of sponsors will be reflected in the official "
                      "record of the meeting."}),
])
def test_official_covers_read_as_printed(official: dict[str, Document | InputError], name: str,
                                         meta: dict[str, Any]) -> None:
    doc = official[name]
    assert isinstance(doc, Document)
    assert {k: doc.meta.get(k) for k in meta} == meta


def test_the_official_amendment_is_refused_naming_what_it_amends(
        official: dict[str, Document | InputError]) -> None:
    error = official["A_80_L.29.pdf"]
    assert isinstance(error, InputError)
    assert "amendment by Brazil to draft resolution A/80/L.22" in str(error)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is needed")
@pytest.mark.parametrize("name", ["A_80_L.10.pdf", "A_C.1_80_L.49.pdf", "A_RES_78_91.pdf"])
def test_a_pasted_copy_has_the_cover_of_the_pdf(official: dict[str, Document | InputError],
                                                name: str) -> None:
    doc = official[name]
    assert isinstance(doc, Document)
    for layout in (["-layout"], []):
        text = subprocess.run(["pdftotext", *layout, str(PDFS / name), "-"], capture_output=True,
                              text=True, check=True).stdout
        copy = parse_text(text, name).meta
        for key in ("symbol", "distribution", "date", "session", "agenda_item", "title",
                    "sponsors", "number", "committee"):
            assert copy.get(key) == doc.meta.get(key), (name, layout, key)


@pytest.mark.parametrize("name", ["hrc_resolution_vote.txt", "ga_draft_rev1.txt",
                                  "sc_resolution.txt"])
def test_the_text_writer_prints_sponsors_and_a_vote_and_reads_them_back(name: str) -> None:
    from asp_draft.writers.text import render_text
    doc = _read(name)
    printed = render_text(doc)
    again = parse_text(printed, "copy.txt")
    assert again.meta == doc.meta, name
    if doc.meta.get("sponsors"):
        assert f"# sponsors: {'; '.join(doc.meta['sponsors'])}" in printed.splitlines()



def test_every_official_pdf_is_its_body_s_in_the_table(
        official: dict[str, Document | InputError]) -> None:
    """The printed adopting body ('General Assembly') becomes the table's key, a Main
    Committee's draft is its committee's, and the session is the body's own (the symbol's)."""
    from asp_draft.library.bodies import table, with_body
    bodies = table()
    for name, doc in official.items():
        if isinstance(doc, InputError):
            continue
        symbol = _symbol(Path(name))
        named = with_body(doc, bodies)
        want = "ga-c1" if symbol.startswith("A/C.1/") else "ga"
        assert (named.meta["body"], named.meta["session"]) == (
            want, int(symbol.split("/")[-2])), name
        # as printed: a text that adopts a declaration may set it without its comma
        assert (named.chapeau or "").rstrip(",") == "The General Assembly", name
