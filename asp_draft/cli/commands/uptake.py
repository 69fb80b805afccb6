"""uptake: what each proposed wording became in the adopted texts, year by year."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from asp_draft.cli.app import app, note, resolver, stdout_console
from asp_draft.cli.options import LibraryOption, format_option, json_flag, since_option
from asp_draft.errors import UsageError

FORMATS = ("text", "markdown")


@app.command()
def uptake(
    names: Annotated[list[str] | None, typer.Argument(
        metavar="CLAUSE|PROPOSER",
        help="A proposed clause's id, or part of a proposer's name (any case); "
             "none: every proposal in the library.", show_default=False)] = None,
    since: Annotated[int | None, since_option("Only the years from YEAR on.")] = None,
    fmt: Annotated[str, format_option("text (a table per proposal) or markdown.")] = "text",
    as_json: Annotated[bool, json_flag(
        "JSON list on stdout, one object per proposed version.")] = False,
    library: LibraryOption = None,
) -> None:
    """What each proposed wording became, year by year, in the texts the Assembly adopted.

    The answer: the clause sharing its topic, else its `amends:`, else the most alike (40%+).

    Words: as adopted before the proposal, entered that year, or never adopted.

    Verdicts: taken-up, in-part (with the share), not-taken-up, cannot-tell (a partial record).

    Example: asp-draft uptake coalition --since 2017
    """
    from asp_draft.compare.history import build_record
    from asp_draft.compare.uptake import summary
    from asp_draft.compare.uptake import uptake as run_uptake

    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    found = resolver(library)
    found.library.require_record()
    # Name errors first: a wrong argument should not wait for the whole record to render.
    from asp_draft.compare.uptake import proposals

    proposals(found.library, names or ())
    uptakes = run_uptake(found.library, build_record(found.library, note), names or (), since)
    if as_json:
        sys.stdout.write(json.dumps([u.as_json() for u in uptakes], ensure_ascii=False,
                                    indent=2) + "\n")
    elif fmt == "markdown":
        from asp_draft.compare.uptake import to_markdown

        sys.stdout.write(to_markdown(uptakes) + "\n")
    else:
        from asp_draft.cli.console_uptake import LEGEND, print_uptake

        print_uptake(stdout_console(), uptakes)
        note(LEGEND)
    note(summary(uptakes))
