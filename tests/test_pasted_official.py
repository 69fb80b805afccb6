"""Text pasted out of official UN PDFs reads as the Secretariat laid it out.

The copies are made at test time with pdftotext (plain and -layout) from the official PDFs in
../shared (never committed); the tests skip when those are absent. A made-up copy imitating the
layout (running heads with wrapped titles, job numbers, barcode text, the footnote rule, notes
printed apart from their numbers) holds the same rules without them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asp_draft.errors import AspDraftError
from asp_draft.model import Document
from asp_draft.readers.text import parse_text

PDFS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "un-pdfs"
NAMES = sorted(p.stem for p in PDFS.glob("*.pdf")) if PDFS.is_dir() else []
KINDS = ("plain", "layout")

# What no paragraph may hold: a job number, the barcode text, the footnote rule, a page number
# `2/5` or the symbol at a paragraph's end (a running head left in), `Please recycle`.
FURNITURE = re.compile(r"\b\d{2}-\d{5}\b|\*\d{5,}\*|_{4,}|(?:^|\s)\d{1,3}/\d{1,3}$|"
                       r"\bA/(?:RES/)?(?:C\.\d/)?\d+/(?:L\.)?\d+$|Please recycle")


def _copy(name: str, kind: str) -> str:
    """pdftotext's text of an official PDF, as a user pasting from it has it."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler's pdftotext is needed")
    args = ["pdftotext", *(["-layout"] if kind == "layout" else []), str(PDFS / f"{name}.pdf"),
            "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


def _read(text: str, name: str) -> tuple[Document, list[str]]:
    said: list[str] = []
    return parse_text(text, f"{name}.txt", said.append), said


def _notes_read(said: list[str]) -> int:
    """How many notes the reader says it read under the footnote rules."""
    m = next((re.search(r": (\d+) note\(s\)", s) for s in said if "under the rule" in s), None)
    return int(m.group(1)) if m else 0


@pytest.mark.skipif(not NAMES, reason="../shared/corpus/un-pdfs is not beside this checkout")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", NAMES)
def test_an_official_copy_reads_without_furniture_and_with_every_note(name: str,
                                                                      kind: str) -> None:
    try:
        doc, said = _read(_copy(name, kind), name)
    except AspDraftError as e:  # an amendment is refused in one line, as it is no resolution
        assert "amendment" in str(e) and "\n" not in str(e)
        return
    assert all("\n" not in s and s.startswith(f"{name}.txt") for s in said)
    for p in doc.paragraphs:
        assert not FURNITURE.search(p.text), p.text
        assert "  " not in p.text and "[^" not in p.text, p.text
        for note in p.footnotes:
            # a mark stands right after its word, never after a space nor glued to a word
            assert not p.text[note.at - 1:note.at].isspace(), p.text[:note.at]
            assert not p.text[note.at:note.at + 1].isalnum(), p.text[note.at - 20:]
            assert note.text and not FURNITURE.search(note.text), note.text
    assert sum(len(p.footnotes) for p in doc.paragraphs) == _notes_read(said)


# --- what a correct reading is, written down by hand from the PDFs ------------------------

Note = tuple[str | None, str, str, str]  # (number, lead, the words before the mark, the note)
RES_79_6_NOTES: list[Note] = [  # every note, in order
    (None, "Recalling also", "Rome Statute of the International Criminal Court",
     "United Nations, Treaty Series, vol. 2187, No. 38544."),
    (None, "Expressing", "the United Nations and the International Criminal Court,",
     "A/58/874 and A/58/874/Add.1."),
    (None, "Acknowledging", "as a result of the implementation of the Relationship Agreement,",
     "Articles 10 and 13 of the Relationship Agreement."),
    ("1", "Welcomes", "report of the International Criminal Court for 2023/24;", "A/79/198."),
    ("3", "Further welcomes", "Privileges and Immunities of the International Criminal Court,",
     "United Nations, Treaty Series, vol. 2271, No. 40446."),
    ("13", "Recalls", "and shall respect each other’s status and mandate,",
     "Article 2, paragraph 3, of the Relationship Agreement."),
    ("14", "Recalls", "summonses issued by the International Criminal Court,",
     "A/67/828-S/2013/210, annex."),
    ("14", "Recalls", "on the implementation of article 3 of the Relationship Agreement;",
     "A/79/199."),
    ("22", "Continues to welcome", "the President of the Security Council of 12 February 2013,",
     "S/PRST/2013/2; see Resolutions and Decisions of the Security Council, 1 August "
     "2012–31 July 2013 (S/INF/68)."),
    ("28", "Acknowledges", "the work of the Organization;", "Official Records of the General "
     "Assembly, Seventy-ninth Session, Supplement No. 1 (A/79/1)."),
]
L_10_NOTES: list[Note] = [
    (None, "Recognizing", "the 2005 World Summit Outcome,", "Resolution 60/1."),
    (None, "Recalling", "the United Nations Millennium Declaration", "Resolution 55/2."),
    (None, "Recalling also", "in the 2030 Agenda for Sustainable Development,",
     "Resolution 70/1."),
    (None, "Recalling", "article 31 of the Convention on the Rights of the Child,",
     "United Nations, Treaty Series, vol. 1577, No. 27531."),
    (None, "Recalling", "the General Assembly on children, entitled “A world fit for children”,",
     "Resolution S-27/2, annex."),
    (None, "Recognizing", "the Convention on the Rights of Persons with Disabilities,",
     "United Nations, Treaty Series, vol. 2515, No. 44910."),
]
BY_HAND: dict[str, tuple[int, int, list[Note], dict[str, object]]] = {
    # name: (preambular paragraphs, last operative number, notes, metadata)
    "A_RES_79_6": (14, 32, RES_79_6_NOTES, {
        "symbol": "A/RES/79/6", "title": "Report of the International Criminal Court",
        "number": "79/6", "session": 79, "adopted": "2024-10-29", "agenda_item": "74",
        "distribution": "General"}),
    "A_80_L.10": (32, 9, L_10_NOTES, {
        "symbol": "A/80/L.10", "distribution": "Limited", "session": 80, "agenda_item": "11",
        "sponsors": ["Italy", "Turkmenistan"],  # `Italy and Turkmenistan:* draft resolution`
        "title": "Building a peaceful and better world through sport and the Olympic ideal"}),
}


@pytest.mark.skipif(not NAMES, reason="../shared/corpus/un-pdfs is not beside this checkout")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", sorted(BY_HAND))
def test_official_copies_read_as_written_down(name: str, kind: str) -> None:
    preamble, last, notes, meta = BY_HAND[name]
    doc, _ = _read(_copy(name, kind), name)
    assert sum(p.part == "preamble" for p in doc.paragraphs) == preamble
    assert [p.number for p in doc.paragraphs if p.part == "operative" and p.level == 0] == \
        [str(n) for n in range(1, last + 1)]
    assert [(p.number, p.lead, n.text) for p in doc.paragraphs for n in p.footnotes] == \
        [(number, lead, note) for number, lead, _, note in notes]
    befores = [p.text[:n.at] for p in doc.paragraphs for n in p.footnotes]
    assert [text[-len(before):] for text, (*_, before, _) in zip(befores, notes, strict=True)] \
        == [before for *_, before, _ in notes]
    assert {k: doc.meta.get(k) for k in meta} == meta


# --- a made-up copy imitating the layout -------------------------------------------------

def _page(*lines: str) -> str:
    return "\n".join(lines) + "\n\f"


MADE_UP = _page(
    "A/RES/99/7", "", "United Nations", "", "General Assembly", "", "Distr.: General",
    "2 January 2031", "", "Ninety-ninth session", "Agenda item 12",
    "Open-ended working group on security of and in the use of information and "
    "communications technologies 2029–2033", "",
    "Resolution adopted by the General Assembly", "on 20 December 2030", "",
    "99/7.", "", "Open-ended working group on security of and in the use of information and "
    "communications technologies 2029–2033",
    "The General Assembly,",
    "Recalling its resolution 98/1 of 1 December 2029 and the Statute of the Court, 1",
    "Noting the report of the working group, 2 and the work of the International Court of",
    "Justice, 3  and its advisory opinions, and recalling also the Charter of the United",
    "",
    "_______________",
    "Resolution 98/2 of 30 December 2030.",
    "A/98/100.",
    "3",
    "",
    "30-00123 (E)",
    "",
    "See also the reports of the",
    "1",
    "2",
    "", "020131", "", "*3000123*") + _page(
    "A/RES/99/7", "",
    "Open-ended working group on security of and in the use of",
    "information and communications technologies 2029–2033", "",
    "Nations,",
    "1.",
    "Welcomes the report, 4 and decides to convene the group again at its",
    "hundredth session;",
    "2.",
    "Requests the Secretary-General to report on the implementation of the present",
    "",
    "_______________",
    "working group on its sessions in 2030.",
    "4",
    "A/99/200.",
    "", "2/3", "", "30-00123") + _page(
    "Open-ended working group on security of and in the use of",
    "information and communications technologies 2029–2033", "", "A/RES/99/7", "",
    "resolution.", "", "50th plenary meeting", "20 December 2030", "", "3/3", "",
    "30-00123")


def test_a_made_up_copy_reads_as_laid_out() -> None:
    doc, said = _read(MADE_UP, "made")
    assert [(p.number, p.text, [(n.text, p.text[:n.at][-12:]) for n in p.footnotes])
            for p in doc.paragraphs] == [
        (None, "Recalling its resolution 98/1 of 1 December 2029 and the Statute of the Court,",
         [("Resolution 98/2 of 30 December 2030.", "f the Court,")]),
        (None, "Noting the report of the working group, and the work of the International "
         "Court of Justice, and its advisory opinions, and recalling also the Charter of the "
         "United Nations,",
         [("A/98/100.", "rking group,"),
          ("See also the reports of the working group on its sessions in 2030.",
           " of Justice,")]),
        ("1", "Welcomes the report, and decides to convene the group again at its hundredth "
         "session;", [("A/99/200.", " the report,")]),
        ("2", "Requests the Secretary-General to report on the implementation of the present "
         "resolution.", [])]
    assert doc.meta["title"] == ("Open-ended working group on security of and in the use of "
                                 "information and communications technologies 2029–2033")
    assert doc.meta["adopted"] == "2030-12-20"
    assert all("\n" not in s for s in said)
    assert any("running heads, feet and page numbers" in s for s in said)
    assert any("joined a paragraph cut by a page break" in s for s in said)


@settings(max_examples=80, deadline=None)
@given(words=st.lists(st.sampled_from(["the", "Court", "and", "its", "report", "work", "with",
                                       "States", "on", "victims", "cooperation"]),
                      min_size=3, max_size=12),
       at=st.integers(min_value=1, max_value=11),
       gap=st.sampled_from(["", " ", "  "]), comma=st.booleans())
def test_a_mark_goes_and_leaves_the_words_as_printed(words: list[str], at: int, gap: str,
                                                     comma: bool) -> None:
    """`Court, 7  and`, `Court 7and`, `Court,7 and`: the mark is found where it stands, and
    the text is left with one space between the words, never two, never none."""
    at = min(at, len(words) - 1)
    before = " ".join(["Noting", *words[:at]]) + ("," if comma else "")
    after = " ".join(words[at:]) + ","
    line = f"{before} 7{gap}{after}" if gap or comma else f"{before}7 {after}"
    copy = _page("A/RES/99/1", "", "The General Assembly,",
                 "Recalling the Statute of the Court, 6", line, "", "_______________",
                 "6 The Statute.", "7 The note.", "", "2/2", "", "30-00123")
    doc, _ = _read(copy, "p")
    paragraph = doc.paragraphs[-1]
    assert paragraph.text == f"{before} {after}"
    assert [(n.text, paragraph.text[:n.at]) for n in paragraph.footnotes] == [
        ("The note.", before)]


def test_words_printed_apart_from_a_spread_line_go_back() -> None:
    """pdftotext prints the words of a widely spaced justified line below its paragraph."""
    copy = _page("A/RES/99/1", "", "The General Assembly,",
                 "Expressing its deep concern that the negotiations in the Conference on",
                 "Disarmament for the conclusion of a comprehensive convention on nuclear weapons",
                 "have not yet commenced,", "Determined", "disarmament,", "", "to", "", "work",
                 "", "collectively towards the realization", "", "of nuclear", "", "1.",
                 "Underlines the strong support;", "", "_______________", "", "30-00123 (E)")
    doc, said = _read(copy, "s")
    assert [p.text for p in doc.paragraphs] == [
        "Expressing its deep concern that the negotiations in the Conference on Disarmament "
        "for the conclusion of a comprehensive convention on nuclear weapons have not yet "
        "commenced,",
        "Determined to work collectively towards the realization of nuclear disarmament,",
        "Underlines the strong support;"]
    assert "s.txt:7: put back the words 'to', 'work', 'collectively towards the realization', " \
        "'of nuclear' printed apart from their line (a line whose words stand far apart)" in said
