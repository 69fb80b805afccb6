"""The diff as the text, HTML and terminal renderers show it: labelled rows in reading order.

Each row is one change with its label (PP3, OP12 bis, OP3(a)) in the new document (in the old
one for a deleted paragraph), the label it had before, its word operations, and a note for a
change the words do not show (part, level, heading, footnotes), or for a paragraph the other
side's partial record does not hold. The metadata that changed (`meta_change_text`) comes before
the rows in every view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from asp_draft.model import Change, Diff, Document, LeadChange, MetaChange, Paragraph, labels


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
    return f"{meta.name(fallback)} ({meta.year})" if meta.year else meta.name(fallback)


def strength_text(change: Change) -> str | None:
    """`weaker: Urges → Encourages`, or None when the lead did not change."""
    return None if change.strength is None else lead_change_text(change.strength)


def lead_change_text(s: LeadChange) -> str:
    """`weaker: Urges → Encourages`."""
    return f"{s.direction}: {s.old or '(no lead)'} → {s.new or '(no lead)'}"


def shown_meta(diff: Diff) -> list[MetaChange]:
    """The metadata changes a view lists under its heading: all but the symbol and the year,
    which the heading (`ICC-ASP/16/Res.6 (2017)`, from `describe`) already prints each side."""
    return [m for m in diff.meta if m.key not in ("symbol", "year")]


def meta_value_text(value: Any, *, quote: bool = True) -> str:
    """A metadata value as the views print it: text quoted (unless `quote` is off, where the
    markup shows where it starts and ends), numbers as they are, a list's names joined, a
    vote's counts, `(none)`."""
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(meta_value_text(v, quote=quote) for v in value) or "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return repr(value) if isinstance(value, str) and quote else str(value)


def meta_change_text(change: MetaChange) -> str:
    """`chapeau: 'The Assembly of States Parties,' → 'The General Assembly,'`; a list (the
    sponsors) by the names it gained and lost, which a hundred names either side would hide."""
    old, new = change.old, change.new
    if isinstance(old, list) and isinstance(new, list):
        return f"{change.key}: {list_change_text(old, new)}"
    return f"{change.key}: {meta_value_text(old)} → {meta_value_text(new)}"


def list_change_text(old: list[Any], new: list[Any]) -> str:
    """`added 'Italy'; removed 'Chile'`: what a listed value (the sponsors) gained and lost."""
    added = [v for v in new if v not in old]
    removed = [v for v in old if v not in new]
    parts = ([f"added {meta_value_text(added)}"] if added else []) + (
        [f"removed {meta_value_text(removed)}"] if removed else [])
    return "; ".join(parts) or "the same, in another order"


def partial_notes(diff: Diff) -> list[str]:
    """What a redline says at its top when a record is partial: which one, and which
    paragraphs are not compared; empty when both records are whole."""
    out = []
    for document in (diff.old, diff.new):
        if document.meta.partial:
            held = document.meta.held
            out.append(f"The record of {describe(document, 'a text')} is partial"
                       + (f" ({held})." if held else "."))
    if not out:
        return out
    old_labels, new_labels = labels(diff.old.paragraphs), labels(diff.new.paragraphs)
    missing = [f"{old_labels[c.old_index]} of {describe(diff.old, 'the old text')}"
               if c.old_index is not None else
               f"{new_labels[c.new_index or 0]} of {describe(diff.new, 'the new text')}"
               for c in diff.changes if c.op == "not-held"]
    out.append("Not compared (they may stand in the other text beyond what is held): "
               + "; ".join(missing) + "." if missing else
               "Every paragraph held on both sides is compared.")
    return out


def not_held_note(diff: Diff, change: Change) -> str:
    """Why a paragraph is not compared: the other side's record stops before it may stand."""
    other = diff.new if change.new_index is None else diff.old
    return f"not in the held record of {describe(other, 'the other text')}; not compared"


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
        elif c.op == "not-held":  # neither deleted nor inserted: shown as it stands
            ops = (("equal", (new_p or old_p or Paragraph("preamble", "")).text),)
        elif new_p is not None:
            ops = (("insert" if c.op == "inserted" else "equal", new_p.text),)
        else:
            assert old_p is not None
            ops = (("delete", old_p.text),)
        label = new_labels[c.new_index] if c.new_index is not None else old_label
        note = structure_note(old_p, new_p) if old_p and new_p and c.op != "equal" else None
        if c.op == "not-held":
            note = not_held_note(diff, c)
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


def text_mark(op: str, text: str) -> str:
    """`[-deleted-]` or `{+inserted+}`: a change spelled out where there is no colour."""
    return f"[-{text}-]" if op == "delete" else f"{{+{text}+}}"
