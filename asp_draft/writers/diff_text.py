"""Diff -> plain text (`[-deleted-]{+inserted+}`, labels in the margin) and Markdown.

Both show every paragraph of the new document, deleted ones where they stood, so the result
reads as a complete redline. The text margin holds the label (PP3, OP12 bis, OP3(a)) and a
sign: blank for equal, `~` modified, `+` inserted, `-` deleted, `>` moved.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from asp_draft.model import Change, Diff, Document, Paragraph, labels

SIGNS = {"equal": " ", "modified": "~", "inserted": "+", "deleted": "-", "moved": ">"}


@dataclass(frozen=True)
class Row:
    """One change with what a writer prints for it: its label, where it came from, its words."""

    change: Change
    label: str  # in the new document; in the old one for a deleted paragraph
    old_label: str | None
    ops: tuple[tuple[str, str], ...]  # word operations; a whole paragraph for the others
    note: str | None  # a change the words do not show (footnotes, level, part)


def describe(document: Document, fallback: str) -> str:
    """`ICC-ASP/16/Res.6 (2017)`, or the title, or the file it came from, or `fallback`."""
    meta = document.meta
    name = meta.get("symbol") or meta.get("title") or meta.get("file") or fallback
    return f"{name} ({meta['year']})" if meta.get("year") else str(name)


def summary_line(diff: Diff) -> str:
    """`3 equal, 1 modified, 1 inserted, 1 deleted, 0 moved`."""
    return ", ".join(f"{n} {op}" for op, n in diff.summary().items())


def structure_note(old: Paragraph, new: Paragraph) -> str | None:
    """What changed beyond the words: part, level, heading or footnotes (numbers are not)."""
    what = [name for name, a, b in (("part", old.part, new.part),
                                    ("level", old.level, new.level),
                                    ("heading", old.heading, new.heading),
                                    ("footnotes", old.note_texts, new.note_texts)) if a != b]
    return f"{', '.join(what)} changed" if what else None


def rows(diff: Diff) -> Iterator[Row]:
    """The changes in reading order, labelled."""
    old_labels, new_labels = labels(diff.old.paragraphs), labels(diff.new.paragraphs)
    for c in diff.changes:
        old_p = diff.old.paragraphs[c.old_index] if c.old_index is not None else None
        new_p = diff.new.paragraphs[c.new_index] if c.new_index is not None else None
        old_label = old_labels[c.old_index] if c.old_index is not None else None
        if c.words is not None:
            ops = c.words
        elif new_p is not None:
            ops = (("insert" if c.op == "inserted" else "equal", new_p.text),)
        else:
            assert old_p is not None
            ops = (("delete", old_p.text),)
        label = new_labels[c.new_index] if c.new_index is not None else old_label
        note = structure_note(old_p, new_p) if old_p and new_p and c.op != "equal" else None
        yield Row(c, label or "", old_label, ops, note)


def wrap_ops(ops: tuple[tuple[str, str], ...], mark: Callable[[str, str], str]) -> str:
    """Join word operations, marking each change with `mark(op, text)`; spaces stay outside."""
    out = []
    for op, chunk in ops:
        if op == "equal":
            out.append(chunk)
            continue
        body = chunk.strip()
        if not body:  # a change of spacing only: show it as it is
            out.append(mark(op, chunk))
            continue
        start = chunk.index(body)
        out.append(chunk[:start] + mark(op, body) + chunk[start + len(body):])
    return "".join(out)


def _text_mark(op: str, text: str) -> str:
    return f"[-{text}-]" if op == "delete" else f"{{+{text}+}}"


def render_diff_text(diff: Diff) -> str:
    """The diff for e-mail and pipes: one block per paragraph, label and sign in the margin."""
    all_rows = list(rows(diff))
    width = max((len(r.label) for r in all_rows), default=3) + 1
    out = [f"--- {describe(diff.old, 'old')}", f"+++ {describe(diff.new, 'new')}", ""]
    for r in all_rows:
        body = wrap_ops(r.ops, _text_mark)
        if r.change.op == "moved":
            body = f"(moved from {r.old_label}) {body}"
        if r.note:
            body += f" ({r.note})"
        out += [f"{r.label.ljust(width)}{SIGNS[r.change.op]} {body}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>#|])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_mark(op: str, text: str) -> str:
    return f"~~{text}~~" if op == "delete" else f"**{text}**"


def render_diff_markdown(diff: Diff) -> str:
    """The diff in Markdown: `~~deleted~~`, `**inserted**`, one paragraph per block."""
    out = [f"Changes from {_md_escape(describe(diff.old, 'old'))} to "
           f"{_md_escape(describe(diff.new, 'new'))}", ""]
    for r in rows(diff):
        escaped = tuple((op, _md_escape(t)) for op, t in r.ops)
        body = wrap_ops(escaped, _md_mark)
        if r.change.op == "moved":
            body = f"*(moved from {r.old_label})* {body}"
        if r.note:
            body += f" *({r.note})*"
        out += [f"`{r.label}` {body}", ""]
    return "\n".join(out).rstrip("\n") + "\n"
