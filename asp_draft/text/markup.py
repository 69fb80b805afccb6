"""The inline markup of clause text and Markdown: `*Lead words* the rest of the paragraph`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from asp_draft.language import ENGLISH, Language
from asp_draft.model import Footnote, Paragraph, Part
from asp_draft.text.leads import find_lead

# a lead's closing asterisk stands before a space, punctuation, the end, or a footnote mark
_LEAD = re.compile(r"\*(?P<lead>[^*\n]+?)\*(?=[\s,:;]|\[\^|$)")


def split_lead(markup: str, part: Part | None,
               language: Language = ENGLISH) -> tuple[str | None, str]:
    """`*Convinced also* that ...` -> ("Convinced also", "Convinced also that ...").

    Text without the asterisks gets its lead from the known lead words of `language`.
    """
    m = _LEAD.match(markup)
    if m:
        lead = m.group("lead").strip()
        return lead, lead + markup[m.end():]
    return find_lead(markup, part, language), markup


_MARK = re.compile(r"\[\^(?P<id>[^\]\s]+)\]")


def take_marks(text: str) -> tuple[str, list[tuple[str, int]]]:
    """`the Statute[^2] reaffirms` -> ("the Statute reaffirms", [("2", 11)]): each footnote
    mark's id and the offset in the cleaned text after which it stands."""
    marks: list[tuple[str, int]] = []
    out: list[str] = []
    length = 0
    start = 0
    for m in _MARK.finditer(text):
        out.append(text[start:m.start()])
        length += m.start() - start
        marks.append((m.group("id"), length))
        start = m.end()
    out.append(text[start:])
    return "".join(out), marks


def place_notes(text: str, notes: Sequence[str]) -> tuple[str, tuple[Footnote, ...]]:
    """Footnotes for a paragraph whose text may carry `[^1]` marks (1-based into `notes`).

    A note whose mark the text does not carry stands at the end, as it always has.
    """
    clean, marks = take_marks(text)
    placed: dict[int, int] = {}
    for mark, at in marks:
        if mark.isdigit() and 1 <= int(mark) <= len(notes) and int(mark) - 1 not in placed:
            placed[int(mark) - 1] = at
        else:
            clean = clean[:at] + f"[^{mark}]" + clean[at:]  # not ours: leave it as written
    found = [Footnote(note, placed.get(i, len(clean))) for i, note in enumerate(notes)]
    return clean, tuple(sorted(found, key=lambda n: n.at))


def with_marks(paragraph: Paragraph, first: int = 1, *, markup: bool = False) -> str:
    """The paragraph's text with `[^n]` marks where its footnotes stand, numbered from
    `first`; with `markup`, the lead in asterisks too (`*Recalling* the Statute[^1],`)."""
    out = paragraph.text
    for i, note in reversed(list(enumerate(paragraph.footnotes))):
        at = min(note.at, len(out))
        out = out[:at] + f"[^{first + i}]" + out[at:]
    lead = paragraph.lead
    if markup and lead and out.startswith(lead):
        return f"*{lead}*{out[len(lead):]}"
    return out
