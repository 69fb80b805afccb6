"""Document -> the plain-text resolution format (the same format the text reader reads)."""

from __future__ import annotations

from typing import Any

from asp_draft.model import Document, Paragraph

# Metadata written first, in this order; other keys follow as they come.
META_ORDER = ("symbol", "title", "year", "session", "venue", "adopted", "plenary", "adoption",
              "status", "reproduced_in", "source", "completeness", "note")
_SKIP = {"chapeau", "session_note", "year_note"}


def meta_lines(meta: dict[str, Any] | Any) -> list[str]:
    """`# key: value` lines for the metadata that has a value."""
    keys = [k for k in META_ORDER if k in meta] + [k for k in meta if k not in META_ORDER]
    out = []
    for key in keys:
        value = meta[key]
        if key in _SKIP or value is None or value == "" or isinstance(value, dict | list):
            continue
        out.append(f"# {key}: {' '.join(str(value).split())}")
    return out


def numbered(paragraph: Paragraph) -> str:
    """The paragraph as it stands in plain text: `3. Requests ...`, `(a) to ...;`."""
    if paragraph.heading or not paragraph.number:
        return paragraph.text
    if paragraph.level == 0:
        return f"{paragraph.number}. {paragraph.text}"
    return f"({paragraph.number}) {paragraph.text}"


def render_text(document: Document, *, with_meta: bool = True) -> str:
    """The whole document in the plain-text format, footnotes as [^n] with their text at the end."""
    lines: list[str] = []
    if with_meta:
        lines += meta_lines(document.meta)
        if lines:
            lines.append("")
    lines += [document.chapeau, ""]
    notes: list[str] = []
    for paragraph in document.paragraphs:
        marks = ""
        for note in paragraph.footnotes:
            notes.append(note)
            marks += f"[^{len(notes)}]"
        lines += [numbered(paragraph) + marks, ""]
    for i, note in enumerate(notes, 1):
        lines += [f"[^{i}]: {note}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
