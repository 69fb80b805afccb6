"""Document -> Markdown: YAML front matter, leads in italics, headings as `##`; with
annotations, a footnote per paragraph (`[^PP1]`) saying where its wording was agreed."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from asp_draft.model import Document, labels
from asp_draft.text.markup import with_marks
from asp_draft.writers.text import annex_lines, ordered


def render_markdown(document: Document, *,
                    annotations: Sequence[str | None] | None = None) -> str:
    """Markdown that the Markdown reader reads back to the same document; `annotations` (one
    per paragraph) as footnotes named by the paragraph's label, after the text's own notes."""
    # The chapeau stands in the body, where the reader finds it, not in the front matter.
    front = {k: v for k, v in ordered(document.meta)
             if k not in ("session_note", "year_note", "chapeau") and v not in (None, "")}
    out = ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000).rstrip(),
           "---", ""]
    if document.chapeau:
        out += [document.chapeau, ""]
    notes: list[str] = []
    annex: str | None = None
    names = [label.replace(" ", "-") for label in labels(document.paragraphs)]
    margin: list[str] = []
    for index, p in enumerate(document.paragraphs):
        if annotations and annotations[index]:
            margin.append(f"[^{names[index]}]: {annotations[index]}")
        out += [f"# {line}" if line else line for line in annex_lines(p, annex)]
        annex = p.annex if p.part == "annex" else None
        body = with_marks(p, len(notes) + 1, markup=not p.heading)
        notes += p.note_texts
        if annotations and annotations[index]:
            body += f"[^{names[index]}]"
        if p.heading:
            out += [f"## {body}", ""]
            continue
        if p.number:
            body = f"{p.number}. {body}" if p.level == 0 else f"({p.number}) {body}"
        out += [body, ""]
    for i, note in enumerate(notes, 1):
        out += [f"[^{i}]: {note}", ""]
    for line in margin:
        out += [line, ""]
    return "\n".join(out).rstrip("\n") + "\n"
