"""Plain text from other UN bodies and text copied out of PDFs reads as the resolution it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from asp_draft.heads import adoption_meta, head_meta
from asp_draft.readers.text import parse_text, read_text_file

PDF_COPY = """\
Resolution ICC-ASP/16/Res.6
Adopted at the 13th plenary meeting, on 14 December 2017, by consensus

ICC-ASP/16/Res.6
Strengthening the International Criminal Court and the
Assembly of States Parties

The Assembly of States Parties,

Mindful that each individual State has the responsibility to protect
its population from the crime of genocide,

Recalling the report of the International

Criminal Court on its activities,2

12

1. Welcomes the report of the Bureau
on cooperation;

A. Universality

2. Requests the Court to report to the Assembly at its
next session, in accordance with resolution 2024/25; 4

3. Decides to remain seized of the
\f
matter.

2 See ICC-ASP/16/20, vol. I,
part III.
4 Ibid.
"""


def test_pdf_copy() -> None:
    doc = parse_text(PDF_COPY, "copy.txt")
    assert {k: doc.meta[k] for k in ("symbol", "plenary", "adopted", "adoption", "title",
                                      "year", "session", "chapeau")} == {
        "symbol": "ICC-ASP/16/Res.6", "plenary": 13, "adopted": "2017-12-14",
        "adoption": "by consensus", "year": 2017, "session": 16,
        "title": "Strengthening the International Criminal Court and the Assembly of States "
                 "Parties", "chapeau": "The Assembly of States Parties,"}
    assert [(p.part, p.number, p.lead, p.heading, p.text, p.note_texts)
            for p in doc.paragraphs] == [
        ("preamble", None, "Mindful", False, "Mindful that each individual State has the "
         "responsibility to protect its population from the crime of genocide,", ()),
        ("preamble", None, "Recalling", False, "Recalling the report of the International "
         "Criminal Court on its activities,", ("See ICC-ASP/16/20, vol. I, part III.",)),
        ("operative", "1", "Welcomes", False, "Welcomes the report of the Bureau on "
         "cooperation;", ()),
        ("operative", None, None, True, "A. Universality", ()),
        ("operative", "2", "Requests", False, "Requests the Court to report to the Assembly at "
         "its next session, in accordance with resolution 2024/25;", ("Ibid.",)),
        ("operative", "3", "Decides", False, "Decides to remain seized of the matter.", ())]


UNGA = """\
The General Assembly,

Recalling its resolution 71/1 of 19 September 2016,

1. Requests the Secretary-General to report;

Budget matters

2. Decides to include the item in the provisional agenda of its seventy-third session.

73rd plenary meeting
14 December 2017
"""


def test_general_assembly_text() -> None:
    doc = parse_text(UNGA, "unga.txt")
    assert doc.chapeau == "The General Assembly,"
    assert doc.meta["plenary"] == 73 and doc.meta["adopted"] == "2017-12-14"
    assert [(p.number, p.heading) for p in doc.paragraphs] == [
        (None, False), ("1", False), (None, True), ("2", False)]


@pytest.mark.parametrize(("line", "meta"), [
    ("Adopted at the 13th plenary meeting, on 14 December 2017, by consensus",
     {"plenary": 13, "adopted": "2017-12-14", "adoption": "by consensus"}),
    ("Adopted at the 1st plenary meeting on 2 May 2019, without a vote",
     {"plenary": 1, "adopted": "2019-05-02", "adoption": "without a vote"}),
    ("73rd plenary meeting 14 December 2017", {"plenary": 73, "adopted": "2017-12-14"}),
    ("Adopted at the 13th plenary meeting, on 31 Smarch 2017", {}),
    ("Recalling its resolution,", {}),
])
def test_adoption_lines(line: str, meta: dict[str, object]) -> None:
    assert adoption_meta(line) == meta


def test_head_lines() -> None:
    assert head_meta([["ICC-ASP/18/Res.6"], ["Draft resolution"], ["Strengthening the Court"]]) \
        == {"symbol": "ICC-ASP/18/Res.6", "status": "draft", "title": "Strengthening the Court",
            "session": 18}


def test_headings_without_punctuation_stay_headings() -> None:
    doc = parse_text("The Assembly,\n\n1. Urges States;\n\nLegal aid\n\n2. Notes the report;\n\n"
                     "Victims and affected communities\n\nCooperation\n\n3. Calls upon States;\n",
                     "h.txt")
    assert [p.heading for p in doc.paragraphs] == [False, True, False, True, True, False]


def test_glued_numbers_without_a_note_are_left_alone() -> None:
    doc = parse_text("The Assembly,\n\n1. Notes resolution 2024/25; 4\n", "x.txt")
    assert doc.paragraphs[0].text == "Notes resolution 2024/25; 4"


def test_corpus_reads_as_before(corpus: Path) -> None:
    """No block in the record is merged, dropped or taken for a head line."""
    for path in sorted(corpus.glob("*.txt")):
        doc = read_text_file(path)
        body = path.read_text().split("\n\n")
        blocks = [b for b in body if b.strip() and not b.lstrip().startswith("#")]
        assert len(doc.paragraphs) + 1 == len(blocks), path.name  # +1: the chapeau
