"""Text copied out of a PDF reads as the PDF does: pdftotext's copies of every made PDF."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from asp_draft.readers.pdf import read_pdf
from asp_draft.readers.text import parse_text
from asp_draft.writers.text import render_text
from tests.pdf_fixtures import MadePdf, made_pdfs
from tests.test_pdf import NAMES, expected_paragraphs, got_paragraphs

COPIES = [(name, kind) for name in NAMES for kind in ("plain", "layout")]


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, MadePdf]:
    """Every made PDF, built once per session (LibreOffice takes seconds)."""
    return made_pdfs(tmp_path_factory)


def _copy(made: MadePdf, kind: str) -> str:
    return made.text if kind == "plain" else made.layout_text


def _read(made: MadePdf, name: str, kind: str) -> tuple[list[tuple[object, ...]], list[str],
                                                          Mapping[str, object]]:
    said: list[str] = []
    doc = parse_text(_copy(made, kind), f"{name}.txt", said.append)
    return got_paragraphs(doc), said, doc.meta


@pytest.mark.parametrize(("name", "kind"), COPIES)
def test_copy_reads_as_the_pdf(made: dict[str, MadePdf], name: str, kind: str) -> None:
    got, _, meta = _read(made[name], name, kind)
    assert got == expected_paragraphs(made[name].resolution)
    assert meta == read_pdf(made[name].pdf).meta  # head, cover and meeting line alike


@pytest.mark.parametrize(("name", "kind"), COPIES)
def test_every_guess_is_said_on_one_line(made: dict[str, MadePdf], name: str,
                                         kind: str) -> None:
    _, said, _ = _read(made[name], name, kind)
    assert said and all("\n" not in s and s.startswith(f"{name}.txt") for s in said)
    assert any("running heads, feet and page numbers" in s for s in said)


def test_what_each_plain_copy_says(made: dict[str, MadePdf]) -> None:
    """The repairs a pdftotext copy needs, each said where it was made."""
    said = {name: _read(made[name], name, "plain")[1] for name in NAMES}
    for name in NAMES:
        assert any("footnote numbers 1–" in s and "printed apart from their texts" in s
                   for s in said[name])
    # a word pdftotext joined at a line-end hyphen gets its hyphen back, said
    assert any("'longterm' as 'long-term'" in s for s in said["ga-docx"])
    assert any("'ICCASP' as 'ICC-ASP'" in s for s in said["asp-docx"])
    # a note that runs over a page is joined to its start, said
    assert any("rest of the footnote before it" in s for s in said["asp-odt"])
    # a paragraph's first line printed among the notes, a last line printed first, and
    # a label printed apart from its text
    assert any("was printed among the footnotes" in s for s in said["ga-odt"])
    assert any("was printed before the first line of its paragraph" in s
               for s in said["ga-docx"])
    assert any("label (c)" in s and "printed apart from its text" in s for s in said["ga-odt"])


@pytest.mark.parametrize("name", NAMES)
def test_our_own_text_of_the_pdf_says_nothing(made: dict[str, MadePdf], name: str) -> None:
    """What we write has no page furniture: reading it back guesses nothing."""
    doc = read_pdf(made[name].pdf)
    said: list[str] = []
    again = parse_text(render_text(doc), "own.txt", said.append)
    assert [p.text for p in again.paragraphs] == [p.text for p in doc.paragraphs]
    assert [p.footnotes for p in again.paragraphs] == [p.footnotes for p in doc.paragraphs]
    assert said == []


# --- the repairs on small made-up copies -------------------------------------------------

def _page(*lines: str) -> str:
    return "\n".join(lines) + "\n\f"


HEAD = ("Resolution ICC-ASP/99/Res.1", "Adopted at the 9th plenary meeting, on 1 June 2030, by "
        "consensus", "ICC-ASP/99/Res.1", "A made-up matter", "The Assembly of States Parties,")


def test_a_column_of_numbers_is_matched_to_the_texts() -> None:
    copy = _page(*HEAD,
                 "Recalling article 3 of the Statute,1 and paragraph 2, of its rules, in 2024/25,",
                 "Noting the 25 States that acceded,2",
                 "1.",
                 "1",
                 "2",
                 "3",
                 "",
                 "Requests the Bureau to report on document ICC-ASP/9/INF.2,3 and to act on",
                 "See article 5.",
                 "A/80/300.",
                 "ICC-ASP/16/21, annex.",
                 "",
                 "- 1 -") + _page("ICC-ASP/99/Res.1", "",
                                  "the matter at the next session;", "", "- 2 -")
    said: list[str] = []
    doc = parse_text(copy, "c.txt", said.append)
    assert [(p.number, p.text, [(n.text, p.text[:n.at][-12:]) for n in p.footnotes])
            for p in doc.paragraphs] == [
        (None, "Recalling article 3 of the Statute, and paragraph 2, of its rules, in 2024/25,",
         [("See article 5.", "the Statute,")]),
        (None, "Noting the 25 States that acceded,", [("A/80/300.", "hat acceded,")]),
        ("1", "Requests the Bureau to report on document ICC-ASP/9/INF.2, and to act on the "
         "matter at the next session;", [("ICC-ASP/16/21, annex.", "ASP/9/INF.2,")])]
    assert any("the line 'Requests the Bureau" in s and "among the footnotes" in s for s in said)
    assert any("footnote numbers 1–3" in s for s in said)


def test_nested_labels_printed_before_their_texts() -> None:
    copy = _page(*HEAD, "1.", "Decides:", "(a)", "", "to meet;", "", "(b)", "", "(i)", "",
                 "first;", "", "(ii)", "", "second;", "", "to adjourn.", "", "- 1 -")
    said: list[str] = []
    doc = parse_text(copy, "n.txt", said.append)
    assert [(p.number, p.level, p.text) for p in doc.paragraphs] == [
        ("1", 0, "Decides:"), ("a", 1, "to meet;"), ("i", 2, "first;"), ("ii", 2, "second;"),
        ("b", 1, "to adjourn.")]
    assert any("label (b)" in s and "'to adjourn.'" in s for s in said)


def test_a_last_line_printed_first_is_put_at_the_end() -> None:
    copy = _page(*HEAD, "1.", "resources;", "", "Invites the Presidency to report within existing",
                 "", "2.", "Decides to act.", "", "- 1 -")
    said: list[str] = []
    doc = parse_text(copy, "l.txt", said.append)
    assert [p.text for p in doc.paragraphs] == [
        "Invites the Presidency to report within existing resources;", "Decides to act."]
    assert any("'resources;' was printed before" in s for s in said)


def test_a_note_run_over_to_the_next_page() -> None:
    copy = _page(*HEAD, "1. Requests the Bureau to act on the report,1 and to report;", "",
                 "1 See ICC-ASP/1/Res.1, para. 2; ICC-ASP/1/Res.2,", "", "- 1 -") + _page(
        "ICC-ASP/99/Res.1", "", "2. Decides to act.", "", "para. 3; and the annexes.", "",
        "- 2 -")
    said: list[str] = []
    doc = parse_text(copy, "r.txt", said.append)
    assert [(p.text, p.note_texts) for p in doc.paragraphs] == [
        ("Requests the Bureau to act on the report, and to report;",
         ("See ICC-ASP/1/Res.1, para. 2; ICC-ASP/1/Res.2, para. 3; and the annexes.",)),
        ("Decides to act.", ())]
    assert any("'para. 3; and the annexes.' at the foot of the next page" in s for s in said)


def test_a_hyphen_dropped_in_an_overlong_line_is_restored() -> None:
    line = "the Court to review the long-term sustainability of the voluntary funds and the"
    copy = _page(*HEAD, *[f"Recalling {line} {n}," for n in "abcdef"],
                 f"1. Requests {line} longterm plans of the Bureau and the Court in consultation "
                 f"with all the States Parties that have not yet done so;", "", "- 1 -")
    said: list[str] = []
    doc = parse_text(copy, "h.txt", said.append)
    assert "the long-term plans of the Bureau" in doc.paragraphs[-1].text
    assert any("'longterm' as 'long-term'" in s for s in said)


def test_words_joined_elsewhere_are_left_alone() -> None:
    """A word the text also writes without a hyphen is a spelling, not a joined line."""
    line = "the Court to review the long-term sustainability of the voluntary funds and the"
    copy = _page(*HEAD, *[f"Recalling {line} {n}," for n in "abcdef"],
                 "Noting the longterm plans,",
                 f"1. Requests {line} longterm plans of the Bureau and the Court in consultation "
                 f"with all the States Parties that have not yet done so;", "", "- 1 -")
    doc = parse_text(copy, "h.txt")
    assert "the longterm plans of the Bureau" in doc.paragraphs[-1].text
