"""Rich rendering of uptake: a table per proposal, and the proposal's words under it.

The words are shown as a word diff: words the Assembly had before plain, words that entered
green underlined, words never adopted red struck through; without colour (a pipe, NO_COLOR)
{+entered+} and [-never adopted-].
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from asp_draft.cli.console import styled_ops
from asp_draft.compare.history import year_runs
from asp_draft.compare.uptake import (
    BEFORE,
    ENTERED,
    Uptake,
    YearUptake,
    heading,
    same_words_runs,
    where,
)

_AS_OPS = {BEFORE: "equal", ENTERED: "insert"}  # never adopted: shown as a deletion
LEGEND = "words: as adopted before, {+entered+}, [-never adopted-]"


def _row(y: YearUptake) -> tuple[str, ...]:
    share = "—" if y.share is None else f"{y.share:.0%}"
    alike = "—" if y.similarity is None else f"{y.similarity:.0%}"
    return (str(y.year), where(y), alike, y.found_by or "—", y.verdict, share)


def print_uptake(console: Console, uptakes: Sequence[Uptake]) -> None:
    """Each proposal: a table of its years, then its words year by year."""
    plain = console.no_color or not console.is_terminal
    whole = not console.is_terminal  # piped: a paragraph is copied whole, not wrapped
    for n, u in enumerate(uptakes):
        if n:
            console.print()
        table = Table(title=heading(u), title_justify="left")
        for name in ("Year", "Answered by", "Alike", "Found by", "Verdict", "Entered"):
            table.add_column(name, no_wrap=name != "Answered by")
        for y in u.years:
            table.add_row(*_row(y))
        console.print(table, soft_wrap=whole)
        for years, shown in same_words_runs(u.years):
            ops = [(_AS_OPS.get(w.op, "delete"), w.text) for w in shown.words]
            base = shown.baseline
            since = f" (against {base.symbol}, {base.label})" if base and base.label else ""
            console.print(Text(f"{year_runs(years)}{since}:", style="bold"), soft_wrap=whole)
            console.print(Text("  ") + styled_ops(ops, marks=plain), soft_wrap=whole)
