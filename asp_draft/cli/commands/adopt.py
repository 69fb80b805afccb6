"""adopt: an adopted resolution into a library folder, paragraph by paragraph."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from asp_draft.cli.app import app, error, note, resolver, stdout_console
from asp_draft.cli.options import LibraryOption, json_flag, symbol_option, year_option
from asp_draft.errors import UsageError
from asp_draft.formats import reader_suffixes
from asp_draft.symbols import looks_like_symbol

if TYPE_CHECKING:
    from asp_draft.library.adopt import Adoption
    from asp_draft.library.adopt_batch import Outcome, Source
    from asp_draft.model import Document


@app.command()
def adopt(
    files: Annotated[list[str], typer.Argument(
        metavar="FILE...", help="The adopted text(s): "
        f"{reader_suffixes(spec=False)}, or - for stdin; a folder adopts its files in the "
        "order they were adopted.", show_default=False)],
    into: Annotated[Path, typer.Option("--into", metavar="DIR",
                                       help="The library folder to record it in (made if "
                                            "missing; never the bundled library).")],
    symbol: Annotated[str | None, symbol_option(
        "Its document symbol, when the file does not say (one FILE only).")] = None,
    year: Annotated[int | None, year_option(
        "Its year, when the file does not say (one FILE only).")] = None,
    title: Annotated[str | None, typer.Option(metavar="TITLE", help="Its title, when the file "
                                              "does not say (one FILE only).")] = None,
    adopted: Annotated[str | None, typer.Option(metavar="DATE", help="Its adoption date "
                                                "(YYYY-MM-DD), when the file does not say "
                                                "(one FILE only).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be recorded; "
                                          "write nothing.")] = False,
    as_json: Annotated[bool, json_flag(
        "JSON on stdout (with several files, a list: one object per file).")] = False,
    library: LibraryOption = None,
) -> int:
    """Record an adopted resolution in a library: its session file, and for each paragraph
    the clause version it repeats, a new version of the closest clause, or a new clause.

    Several files, or a folder, are adopted one after the other in one run, each on its own:
    a file that fails is listed at the end and the others are still recorded (exit 2).

    Example: asp-draft adopt ICC-ASP-18-Res.6.docx --into ~/asp-library --dry-run
    """
    from asp_draft.folders import bundled_path
    from asp_draft.library.adopt_batch import Run, read_all

    if into.exists() and not into.is_dir():
        raise UsageError("is a file; --into takes a library folder", source=into)
    if into.resolve() == bundled_path().resolve():
        raise UsageError("is the bundled library, which adopt never edits; give a folder of "
                         "your own (and --library it)", source=into)
    if not into.exists() and not into.parent.is_dir():
        raise UsageError(f"the folder {str(into.parent)!r} does not exist", source=into)
    if symbol is not None and not looks_like_symbol(symbol):
        raise UsageError(f"--symbol {symbol!r} is not a document symbol (ICC-ASP/18/Res.6, "
                         "A/RES/73/7, A/C.6/80/L.24/Rev.1, S/RES/2803 (2025))")
    symbol = " ".join(symbol.split()) if symbol else symbol
    found = resolver(library)
    run = Run(found.library_dirs, into, dry_run=dry_run, bundled=found.bundled)
    if len(files) == 1 and (files[0] == "-" or not Path(files[0]).is_dir()):
        given = {"symbol": symbol, "year": year, "title": title, "adopted": adopted}
        document = found.resolve(files[0])
        plan = run.step(document, files[0], given, several=False)
        _report_one(plan, files[0], into, dry_run=dry_run, as_json=as_json)
        return 0
    single = [name for name, value in (("--symbol", symbol), ("--year", year),
                                        ("--title", title), ("--adopted", adopted))
              if value is not None]
    if single:
        raise UsageError(f"{', '.join(single)} describe(s) one file; with several files each "
                         "file must say its own (adopt it alone to give them)")
    with _Progress() as progress:
        sources: list[Source] = read_all(files, progress.reading(found.resolve))
        outcomes = [run.adopt(source, several=True)
                    for source in progress.adopting(sources)]
    if as_json:
        sys.stdout.write(json.dumps([_as_json(o, dry_run=dry_run) for o in outcomes],
                                    ensure_ascii=False, indent=2) + "\n")
    return _summary(outcomes, into, dry_run=dry_run)


def _report_one(plan: Adoption, file: str, into: Path, *, dry_run: bool,
                as_json: bool) -> None:
    """One file's plan: the table (or JSON), and what was written."""
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
    elif dry_run:
        note(f"dry run: {len(plan.files)} file(s) would be written into {into}; nothing was")
    else:
        note(f"recorded {plan.symbol} ({plan.year}) in {into}: {len(plan.files)} file(s) "
             "written")


def _as_json(outcome: Outcome, *, dry_run: bool) -> dict[str, Any]:
    """One file's object in `adopt --json` with several files: its plan, or its error."""
    if outcome.adoption is None:
        return {"file": outcome.name, "error": outcome.error}
    return {"file": outcome.name, **outcome.adoption.as_json(dry_run=dry_run)}


def _summary(outcomes: list[Outcome], into: Path, *, dry_run: bool) -> int:
    """The counts, then each failure on its own line; 2 when any file failed."""
    done = [o.adoption for o in outcomes if o.adoption is not None]
    failed = [o for o in outcomes if o.adoption is None]
    counts = {status: sum(1 for a in done if a.status == status)
              for status in ("new", "corrected", "unchanged")}
    files = sum(len(a.files) for a in done if a.status != "unchanged")
    verb = "would record" if dry_run else "recorded"
    said = ", ".join(f"{n} {status}" for status, n in counts.items() if n) or "none"
    written = f"{files} file(s) would be written, none was" if dry_run else \
        f"{files} file(s) written"
    note(f"{verb} {len(done)} of {len(outcomes)} resolution(s) in {into} ({said}; {written})"
         + (f"; {len(failed)} failed:" if failed else ""))
    for outcome in failed:
        message = str(outcome.error)
        if not message.startswith(outcome.name):
            message = f"{outcome.name}: {message}"
        error(message)
    return 2 if failed else 0


class _Progress:
    """A progress bar on stderr when it is a terminal; nothing otherwise."""

    def __init__(self) -> None:
        from asp_draft.cli.console import make_console

        console = make_console(stderr=True)
        self.bar: Any = None
        if console.is_terminal:
            from rich.progress import Progress

            self.bar = Progress(console=console, transient=True)

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def reading(self, read: Callable[[str], Document]) -> Callable[[str], Document]:
        """`read`, advancing a 'reading' bar with each file."""
        if self.bar is None:
            return read
        task = self.bar.add_task("reading", total=None)

        def counted(name: str) -> Document:
            try:
                return read(name)
            finally:
                self.bar.advance(task)

        return counted

    def adopting(self, sources: list[Source]) -> Iterator[Source]:
        """The sources, advancing an 'adopting' bar as each is done."""
        if self.bar is None:
            yield from sources
            return
        task = self.bar.add_task("adopting", total=len(sources))
        for source in sources:
            self.bar.update(task, description=f"adopting {Path(source.name).name}")
            yield source
            self.bar.advance(task)


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
