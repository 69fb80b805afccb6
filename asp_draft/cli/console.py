"""Rich rendering for the terminal: tables of clauses, versions with their changes."""

from __future__ import annotations

import os

from rich.console import Console
from rich.table import Table
from rich.text import Text

from asp_draft.model.library import Clause


def make_console(*, stderr: bool) -> Console:
    """A console that honours NO_COLOR and does not colour what it guesses are numbers."""
    console = Console(stderr=stderr, highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = 160  # a pipe or a file: no terminal to fit, keep rows whole
    return console


def styled_ops(ops: list[tuple[str, str]], *, marks: bool = False) -> Text:
    """Word operations as text: deletions red struck through, insertions green underlined.

    With `marks` (no colour: a pipe, NO_COLOR) they are spelled [-deleted-] and {+inserted+}.
    """
    text = Text()
    for op, chunk in ops:
        if marks and op != "equal":
            body = chunk.rstrip()
            tail = chunk[len(body):]
            chunk = f"[-{body}-]{tail}" if op == "delete" else f"{{+{body}+}}{tail}"
        style = {"delete": "red strike", "insert": "green underline"}.get(op, "")
        text.append(chunk, style=style)
    return text


def clauses_table(clauses: list[Clause]) -> Table:
    """One row per clause: id, part, topic, versions and the years they cover."""
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for name in ("id", "part", "status", "versions", "years"):
        table.add_column(name, no_wrap=True)
    table.add_column("topic", overflow="fold")
    for c in clauses:
        years = sorted({y for v in c.versions for y in (v.years or (v.since,)) if y})
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
        table.add_row(c.id, c.part, c.status, str(len(c.versions)), span, c.topic)
    return table


def print_clause(console: Console, clause: Clause, rendered: list[str],
                 changes: list[list[tuple[str, str]] | None]) -> None:
    """A clause with each version's wording and, from the second on, what changed."""
    # piped, a wording is copied as agreed language: it must not come out broken into lines
    whole = not console.is_terminal
    console.print(Text(clause.id, style="bold"), Text(f"  {clause.part} · {clause.topic}"),
                  soft_wrap=whole)
    if clause.tags:
        console.print(Text("tags: " + ", ".join(clause.tags), style="dim"), soft_wrap=whole)
    for version, text, ops in zip(clause.versions, rendered, changes, strict=True):
        console.print()
        head = f"version {version.since}"
        if version.status == "proposed":
            head += f" — proposed by {version.proposer or 'unknown'}"
        else:
            head += " — adopted in " + ", ".join(
                f"{s} ({y})" for s, y in zip(version.adopted, version.years, strict=True))
        console.print(Text(head, style="bold cyan"), soft_wrap=whole)
        plain = console.no_color or not console.is_terminal
        console.print(styled_ops(ops, marks=plain) if ops else Text(text), soft_wrap=whole)
        if version.note:
            console.print(Text(" ".join(version.note.split()), style="dim italic"),
                          soft_wrap=whole)
