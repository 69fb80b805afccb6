"""adopt: an adopted resolution into a library folder, paragraph by paragraph."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from asp_draft.cli import LibraryOption, app, note, resolver, stdout_console
from asp_draft.errors import UsageError
from asp_draft.formats import reader_suffixes

if TYPE_CHECKING:
    from asp_draft.adopt import Adoption


@app.command()
def adopt(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The adopted text: "
                                        f"{reader_suffixes(spec=False)}, or - for stdin.")],
    into: Annotated[Path, typer.Option("--into", metavar="DIR",
                                       help="The library folder to record it in (made if "
                                            "missing; never the bundled library).")],
    symbol: Annotated[str | None, typer.Option(metavar="SYMBOL", help="Its document symbol, "
                                               "when the file does not say.")] = None,
    year: Annotated[int | None, typer.Option(metavar="YEAR", help="Its year, when the file "
                                             "does not say.")] = None,
    title: Annotated[str | None, typer.Option(metavar="TITLE", help="Its title, when the file "
                                              "does not say.")] = None,
    adopted: Annotated[str | None, typer.Option(metavar="DATE", help="Its adoption date "
                                                "(YYYY-MM-DD), when the file does not say.")]
    = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be recorded; "
                                          "write nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON on stdout.")] = False,
    library: LibraryOption = None,
) -> None:
    """Record an adopted resolution in a library: its session file, and for each paragraph
    the clause version it repeats, a new version of the closest clause, or a new clause.

    Example: asp-draft adopt ICC-ASP-18-Res.6.docx --into ~/asp-library --dry-run
    """
    from asp_draft.adopt import plan_adoption
    from asp_draft.folders import bundled_path
    from asp_draft.library import load_library
    from asp_draft.library_write import write_adoption

    if into.exists() and not into.is_dir():
        raise UsageError("is a file; --into takes a library folder", source=into)
    if into.resolve() == bundled_path().resolve():
        raise UsageError("is the bundled library, which adopt never edits; give a folder of "
                         "your own (and --library it)", source=into)
    if not into.exists() and not into.parent.is_dir():
        raise UsageError(f"the folder {str(into.parent)!r} does not exist", source=into)
    if symbol is not None and not re.fullmatch(r"[A-Z][A-Za-z]*(?:[-/][A-Za-z0-9.()]+)+",
                                               symbol.strip()):
        raise UsageError(f"--symbol {symbol!r} is not a document symbol (ICC-ASP/18/Res.6, "
                         "A/RES/73/7)")
    found = resolver(library)
    document = found.resolve(file)
    dirs = [*found.library_dirs, *([into] if into.is_dir() else [])]
    lib = load_library(dirs)
    plan = plan_adoption(document, lib, into, source=file, symbol=symbol, year=year,
                         title=title, adopted=adopted)
    if plan.status == "corrected":
        counts = plan.changes or {}
        said = ", ".join(f"{n} {op}" for op, n in counts.items() if n and op != "equal")
        note(f"{plan.symbol} is already held; this copy replaces it ({said or 'metadata'}; "
             f"{counts.get('equal', 0)} paragraph(s) unchanged)")
    if as_json:
        sys.stdout.write(json.dumps(plan.as_json(dry_run=dry_run), ensure_ascii=False,
                                    indent=2) + "\n")
    elif plan.status != "unchanged":
        _print_plan(plan, dry_run=dry_run)
    if plan.status == "unchanged":
        note(f"{plan.symbol} is already held as {file} reads; nothing changes")
        return
    if dry_run:
        note(f"dry run: {len(plan.files)} file(s) would be written into {into}; nothing was")
        return
    into.mkdir(exist_ok=True)
    write_adoption(plan, inputs=[file])
    note(f"recorded {plan.symbol} ({plan.year}) in {into}: {len(plan.files)} file(s) written")


def _print_plan(plan: Adoption, *, dry_run: bool) -> None:
    """The table of paragraphs and what each became, then the files."""
    from rich.table import Table

    table = Table(title=f"{plan.symbol} ({plan.year}, {plan.kind})", title_justify="left")
    for name in ("Para", "Clause", "Match"):
        table.add_column(name)
    for match in plan.matches:
        table.add_row(match.label, match.clause or "—", match.describe())
    console = stdout_console()
    console.print(table)
    verb = {"create": "new", "replace": "updated", "delete": "removed"}
    head = "that would be written" if dry_run else "to write"
    console.print(f"Files {head} in {plan.into}:", highlight=False)
    for change in plan.files:
        console.print(f"  {verb[change.action]:8} {change.path.relative_to(plan.into)}",
                      highlight=False, markup=False)
