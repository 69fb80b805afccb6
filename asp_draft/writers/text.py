"""Document -> the plain-text resolution format (the same format the text reader reads)."""

from __future__ import annotations

from typing import Any

from asp_draft.library.facts import FACTS_BODY
from asp_draft.model import Document, Meta, Paragraph
from asp_draft.text.heads import meta_text
from asp_draft.text.markup import with_marks

# Metadata written first, in this order; other keys follow as they come.
META_ORDER = ("symbol", "body", "title", "year", "session", "venue", "adopted", "plenary",
              "adoption", "status", "reproduced_in", "source", "completeness", "note")
_SKIP = {"chapeau", "session_note", "year_note"}


def ordered(meta: Meta) -> list[tuple[str, Any]]:
    """The metadata's keys and values: META_ORDER's keys first, in its order, then the rest as
    they come."""
    rank = {key: at for at, key in enumerate(META_ORDER)}
    return sorted(meta.items(), key=lambda item: rank.get(item[0], len(rank)))


def meta_lines(meta: Meta) -> list[str]:
    """`# key: value` lines for the metadata that has a value."""
    out = []
    for key, value in ordered(meta):
        if key in _SKIP or value is None or value in ("", [], {}):
            continue
        if key == "body" and value == FACTS_BODY:
            continue  # the omnibus's body goes unsaid, as English does: a text naming none
        out.append(f"# {key}: {meta_text(value)}")
    return out


def numbered(paragraph: Paragraph, text: str | None = None) -> str:
    """The paragraph as it stands in plain text: `3. Requests ...`, `(a) to ...;`.

    `text` replaces the paragraph's own text (the same words with footnote marks).
    """
    body = paragraph.text if text is None else text
    if paragraph.heading or not paragraph.number:
        return body
    if paragraph.level == 0:
        return f"{paragraph.number}. {body}"
    return f"({paragraph.number}) {body}"


def annex_lines(paragraph: Paragraph, current: str | None) -> list[str]:
    """`Annex` and the annex's title before the first paragraph of each annex."""
    if paragraph.part != "annex" or paragraph.annex == current:
        return []
    return ["Annex", ""] + ([paragraph.annex, ""] if paragraph.annex else [])


def render_text(document: Document, *, with_meta: bool = True) -> str:
    """The whole document in the plain-text format, footnotes as [^n] with their text at the end."""
    lines: list[str] = []
    if with_meta:
        lines += meta_lines(document.meta)
        if lines:
            lines.append("")
    if document.chapeau:
        lines += [document.chapeau, ""]
    notes: list[str] = []
    annex: str | None = None
    for paragraph in document.paragraphs:
        lines += annex_lines(paragraph, annex)
        annex = paragraph.annex if paragraph.part == "annex" else None
        lines += [numbered(paragraph, with_marks(paragraph, len(notes) + 1)), ""]
        notes += paragraph.note_texts
    for i, note in enumerate(notes, 1):
        lines += [f"[^{i}]: {note}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
