"""Rich rendering of a diff: deletions red struck through, insertions green underlined.

Unchanged paragraphs are folded into one dim line with their count; moved paragraphs say
where they came from; a changed lead says on the paragraph's line whether it is weaker or
stronger. The metadata that changed comes first, the printed head (chapeau, title) in the
colour of a modified paragraph, the rest dim. Without colour (a pipe, NO_COLOR) changes are
spelled [-...-] {+...+}.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from asp_draft.compare.view import (
    Row,
    describe,
    meta_change_text,
    rows,
    shown_meta,
    strength_text,
    text_mark,
    wrap_ops,
)
from asp_draft.model import Diff

STYLES = {"delete": "red strike", "insert": "green underline"}
HEADS = {"modified": "yellow", "inserted": "green", "deleted": "red", "moved": "cyan",
         "not-held": "dim"}
DIRECTIONS = {"weaker": "bold white on red", "stronger": "bold white on green",
              "changed": "bold black on yellow"}


def _words(r: Row, plain: bool) -> Text:
    if plain:
        return Text(wrap_ops(r.ops, text_mark))
    text = Text()
    for op, chunk in r.ops:
        text.append(chunk, style=STYLES.get(op, ""))
    return text


def _folded(run: list[Row]) -> Text:
    span = run[0].label if len(run) == 1 else f"{run[0].label}–{run[-1].label}"
    noun = "paragraph" if len(run) == 1 else "paragraphs"
    return Text(f"… {len(run)} unchanged {noun} ({span})", style="dim")


def print_diff(console: Console, diff: Diff) -> None:
    """The diff on `console`, one block per changed paragraph."""
    plain = console.no_color or not console.is_terminal
    console.print(Text(f"{describe(diff.old, 'old')} → {describe(diff.new, 'new')}",
                       style="bold"))
    meta = shown_meta(diff)
    if meta:
        console.print()
    for m in meta:
        console.print(Text(meta_change_text(m), style="bold yellow" if m.counts else "dim"))
    run: list[Row] = []
    for r in rows(diff):
        if r.change.op == "equal":
            run.append(r)
            continue
        if run:
            console.print()
            console.print(_folded(run))
            run = []
        console.print()
        console.print(_head(r, plain))
        console.print(_words(r, plain))
    if run:
        console.print()
        console.print(_folded(run))
    leads = diff.leads_line()
    if leads:
        console.print()
        console.print(Text(f"Leads: {leads}", style="bold"))


def _head(r: Row, plain: bool) -> Text:
    """`OP3 modified (92% alike); weaker: Urges → Encourages`: the paragraph's line (the
    strength as a coloured badge where there is colour)."""
    head = f"{r.label} {r.change.op.replace('-', ' ')}"
    if r.change.op == "moved":
        head += f" from {r.old_label}"
    if r.change.op in ("modified", "moved"):
        head += f" ({r.change.similarity:.0%} alike)"
    if r.note:
        head += f"; {r.note}"
    text = Text(head, style=f"bold {HEADS[r.change.op]}")
    strength = strength_text(r.change)
    if strength and r.change.strength is not None:
        if plain:
            text.append(f"; {strength}")
        else:
            text.append("  ")
            text.append(f" {strength} ", style=DIRECTIONS[r.change.strength.direction])
    return text

