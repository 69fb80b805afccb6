"""Markdown copies of published resolutions: page rules, cut paragraphs, notes without marks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asp_draft.readers.markdown import parse_markdown

COPY = """\
---
symbol: A/RES/99/1
---

The General Assembly,

*Recalling* its resolution 98/1 of 1 December 2030 and the Statute of the
International Criminal Court,[^1] and all its previous resolutions,

*Noting* the report of the Court on its activities in 2030 and the work of

[^1]: United Nations, Treaty Series, vol. 2187, No. 38544.

---

the Assembly of States Parties to the Rome Statute,

A. Cooperation
--------------

1. *Welcomes* the report;[^2]

2. *Requests* the Secretary-General to report to the General Assembly at its
hundredth session on the implementation of the present resolution, 3  and

* * *

decides to include the item in the provisional agenda of that session.

[^2]: A/99/100.

[^3]: A/99/200.

[^4]: A note whose mark the copy lost.
"""


def _read(text: str) -> tuple[list[tuple[object, ...]], list[str]]:
    said: list[str] = []
    doc = parse_markdown(text, "copy.md", said.append)
    return [(p.number, p.heading, p.text, [(n.text, p.text[:n.at][-12:]) for n in p.footnotes])
            for p in doc.paragraphs], said


def test_a_copy_with_page_rules_reads_as_the_resolution() -> None:
    got, said = _read(COPY)
    assert got == [
        (None, False, "Recalling its resolution 98/1 of 1 December 2030 and the Statute of the "
         "International Criminal Court, and all its previous resolutions,",
         [("United Nations, Treaty Series, vol. 2187, No. 38544.", "minal Court,")]),
        (None, False, "Noting the report of the Court on its activities in 2030 and the work of "
         "the Assembly of States Parties to the Rome Statute,", []),
        (None, True, "A. Cooperation", []),
        ("1", False, "Welcomes the report;", [("A/99/100.", " the report;")]),
        ("2", False, "Requests the Secretary-General to report to the General Assembly at its "
         "hundredth session on the implementation of the present resolution, and decides to "
         "include the item in the provisional agenda of that session.",
         [("A/99/200.", " resolution,"), ("A note whose mark the copy lost.", "hat session.")]),
    ]
    assert all("\n" not in s and s.startswith("copy.md:") for s in said)
    assert [s.split(": ", 1)[1] for s in said] == [
        "joined a paragraph cut by a page rule (---) after '…the work of'",
        "joined a paragraph cut by a page rule (---) after '…resolution, 3 and'",
        "read the figure 3 after 'resolution,' as the mark of footnote [^3], which has no [^3] "
        "in the text",
        "footnote [^4] has no mark in the text; it is put at the end of the paragraph at "
        "line 23",
    ]


def test_a_rule_after_a_finished_paragraph_joins_nothing() -> None:
    got, said = _read("The General Assembly,\n\n*Recalling* its resolution 1/1,\n\n---\n\n"
                      "*Noting* the report,\n\n---\n\n1. *Decides* to act;\n\n***\n\n"
                      "2. *Requests* a report.\n")
    assert [t for _, _, t, _ in got] == ["Recalling its resolution 1/1,", "Noting the report,",
                                         "Decides to act;", "Requests a report."]
    assert not any(h for _, h, _, _ in got)
    assert said == []


def test_a_note_below_no_paragraph_is_said() -> None:
    said: list[str] = []
    doc = parse_markdown("[^9]: Orphan.\n\nThe General Assembly,\n\n*Noting* it,\n", "o.md",
                         said.append)
    assert [p.text for p in doc.paragraphs] == ["Noting it,"]
    assert said == ["o.md:1: footnote [^9] has no mark and no paragraph above it; it is left out"]


_WORDS = st.lists(st.sampled_from(["the", "Court", "and", "its", "report", "on", "cooperation",
                                   "with", "States", "of", "victims", "2030", "resolution",
                                   "12/3"]), min_size=4, max_size=30)


@settings(max_examples=60, deadline=None)
@given(words=_WORDS, cut=st.integers(min_value=1, max_value=29),
       rule=st.sampled_from(["---", "***", "* * *", "___", "- - -"]))
def test_a_paragraph_cut_anywhere_by_a_rule_is_whole_again(words: list[str], cut: int,
                                                            rule: str) -> None:
    cut = min(cut, len(words) - 1)
    whole = "Requests " + " ".join(words) + ";"
    parts = whole.split(" ")
    at = cut + 1  # the words carry no punctuation: the cut never falls at a paragraph's end
    text = ("The General Assembly,\n\n1. " + " ".join(parts[:at]) + "\n\n" + rule + "\n\n"
            + " ".join(parts[at:]) + "\n")
    got, _ = _read(text)
    assert [(n, t) for n, _, t, _ in got] == [("1", whole)]


@settings(max_examples=60, deadline=None)
@given(count=st.integers(min_value=1, max_value=6), marked=st.sets(st.integers(1, 6)))
def test_no_note_is_ever_dropped(count: int, marked: set[int]) -> None:
    """Every `[^N]:` note ends on a paragraph, its mark in the text or not."""
    paragraphs = [f"*Noting* report {chr(97 + i)},{f'[^{i + 1}]' if i + 1 in marked else ''}"
                  for i in range(count)]
    notes = [f"[^{i + 1}]: Note {i + 1}." for i in range(count)]
    doc = parse_markdown("The General Assembly,\n\n" + "\n\n".join(paragraphs + notes) + "\n",
                         "n.md")
    assert sorted(t for p in doc.paragraphs for t in p.note_texts) == \
        sorted(f"Note {i + 1}." for i in range(count))


@pytest.mark.parametrize("heading", ["A. Cooperation", "Follow-up of the Conference"])
def test_a_line_underlined_with_dashes_is_a_heading(heading: str) -> None:
    got, _ = _read(f"The General Assembly,\n\n1. *Decides* to act;\n\n{heading}\n---\n\n"
                   "2. *Requests* a report.\n")
    assert [(n, h, t) for n, h, t, _ in got] == [
        ("1", False, "Decides to act;"), (None, True, heading), ("2", False, "Requests a report.")]


@pytest.mark.parametrize("raised", ["<sup>7</sup>", "^7^", "⁷"])
def test_a_raised_figure_is_the_mark_of_its_note(raised: str) -> None:
    said: list[str] = []
    doc = parse_markdown(f"The General Assembly,\n\n*Recalling* the Statute,{raised} and the "
                         "rules of procedure,\n\n[^7]: The Statute.\n", "r.md", said.append)
    paragraph = doc.paragraphs[0]
    assert paragraph.text == "Recalling the Statute, and the rules of procedure,"
    assert [(n.text, paragraph.text[:n.at]) for n in paragraph.footnotes] == [
        ("The Statute.", "Recalling the Statute,")]
    assert said == ["r.md:5: read the raised 7 in the text as the mark of footnote [^7]"]
