"""Rich rendering of blame tables and search hits.

Without colour (a pipe, NO_COLOR) matched words are spelled **word** and word changes
[-deleted-] {+inserted+}, so nothing is lost in plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from asp_draft.compare.search import HIT_CLOSE, HIT_OPEN, Hit

# rich is imported where a table or colour is drawn: hits printed to a pipe (a cached search
# scripted or copied from) are plain text, and need none of its ~45 ms of imports
if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from asp_draft.compare.history import Blame


def _plain(console: Console) -> bool:
    return console.no_color or not console.is_terminal


def _whole(console: Console) -> bool:
    """Print paragraphs unwrapped: piped or redirected, agreed language copied from the output
    must not carry line breaks the terminal width put in it."""
    return not console.is_terminal


def _where(symbol: str | None, label: str | None) -> str:
    return ", ".join(x for x in (symbol, label) if x)


def blame_note(b: Blame) -> str:
    """What the table says beside the years: never adopted (and the closest), or a caveat."""
    if b.heading:
        return "heading"
    if b.since is None:
        if b.closest is None:
            return "never adopted; nothing adopted is close"
        c = b.closest
        return f"never adopted; closest {_where(c.symbol, c.label)} ({c.similarity:.0%} alike)"
    if not b.exact:
        return "adopted wording, its dates and numbers brought up to this year"
    if b.history:
        n = len(b.history)
        return f"{n} earlier wording{'s' if n > 1 else ''}"
    return ""


def print_blame(console: Console, title: str, blames: Sequence[Blame], *,
                history: bool) -> None:
    """A table: label, since, years, clause and a note; with `history`, earlier wordings."""
    from rich.table import Table
    from rich.text import Text

    from asp_draft.cli.console import styled_ops
    from asp_draft.compare.history import year_runs

    table = Table(title=title, title_justify="left", show_lines=False)
    for name in ("Para", "Since", "Years", "Clause", "Note"):
        table.add_column(name, no_wrap=name != "Note")
    for b in blames:
        table.add_row(b.label, str(b.since) if b.since else "—", year_runs(b.years) or "—",
                      b.clause or "—", blame_note(b))
    console.print(table)
    if not history:
        return
    plain = _plain(console)
    for b in blames:
        if not b.history:
            continue
        console.print()
        console.print(Text(f"{b.label}: wording since {b.since}; earlier wordings", style="bold"))
        for h in b.history:
            console.print(Text(f"  {year_runs(h.years)} ({', '.join(h.symbols)}), then:",
                               style="dim"))
            console.print(Text("    ") + styled_ops(list(h.changes), marks=plain),
                          soft_wrap=_whole(console))


def highlighted(hit: Hit, plain: bool) -> Text:
    """The paragraph with the matched words bold (or in ** ** without colour)."""
    from rich.text import Text

    text = Text()
    for i, chunk in enumerate(hit.highlighted.replace(HIT_CLOSE, HIT_OPEN).split(HIT_OPEN)):
        matched = i % 2 == 1
        if matched and plain:
            chunk = f"**{chunk}**"
        text.append(chunk, style="bold yellow" if matched else "")
    return text


def citation(hit: Hit) -> str:
    """`ICC-ASP/16/Res.6, PP3 (2017)`, the Rome Statute's preamble, or who proposed it."""
    if hit.status != "adopted":
        who = f" by {hit.proposer}" if hit.proposer else ""
        return f"Proposed {hit.year}{who} (clause {hit.clause}); never adopted"
    where = f"{_where(hit.symbol, hit.label)} ({hit.year})"
    n = len(hit.years)
    if n > 1:
        where += f"; adopted in {n} years: {', '.join(hit.symbols)}"
    else:
        where += "; adopted in 1 year"
    return where


def _marked(hit: Hit) -> str:
    """The paragraph with the matched words spelled **word**, as it is printed without colour."""
    chunks = hit.highlighted.replace(HIT_CLOSE, HIT_OPEN).split(HIT_OPEN)
    return "".join(f"**{c}**" if i % 2 else c for i, c in enumerate(chunks))


def hits_text(hits: Sequence[Hit]) -> str:
    """The hits as print_hits prints them to a pipe: plain text, paragraphs unwrapped."""
    return "\n".join(f"{i}. {citation(hit)}\n   {_marked(hit)}\n"
                     for i, hit in enumerate(hits, 1))


def print_hits(console: Console, hits: Sequence[Hit]) -> None:
    """Numbered hits, each its citation then the paragraph with the match highlighted."""
    from rich.text import Text

    plain, whole = _plain(console), _whole(console)
    for i, hit in enumerate(hits, 1):
        if i > 1:
            console.print()
        console.print(Text(f"{i}. {citation(hit)}", style="bold"), soft_wrap=whole)
        console.print(Text("   ") + highlighted(hit, plain), soft_wrap=whole)
