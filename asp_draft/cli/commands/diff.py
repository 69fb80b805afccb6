"""diff: compare two versions paragraph by paragraph and word by word."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from asp_draft.cli.app import EXIT_FOUND, app, note, resolver, say, stdout_console, write_output
from asp_draft.cli.options import (
    ForceOption,
    LibraryOption,
    VarOption,
    annotate_flag,
    check_annotate,
    date_option,
    format_named,
    format_option,
    output_option,
    redline_date,
)
from asp_draft.errors import UsageError
from asp_draft.formats import DIFF_WRITERS, Writer, ref_help

if TYPE_CHECKING:  # the model loads with the first document read, not at every start-up
    from asp_draft.model import Diff


def named(document: Any, ref: str) -> Any:
    """The document with the REF it was read from, for headings when it has no symbol."""
    from dataclasses import replace

    from asp_draft.model import Meta

    return replace(document, meta=Meta.of({"file": ref, **document.meta}))


def choose_format(fmt: str | None, out: Path | None) -> Writer:
    """--format, else from OUT's extension, else rich on a terminal and text in a pipe."""
    if fmt is None:
        if out is not None:
            return DIFF_WRITERS.for_suffix(out.suffix) or DIFF_WRITERS.get("text")
        return DIFF_WRITERS.get("rich" if sys.stdout.isatty() else "text")
    writer = format_named(DIFF_WRITERS, fmt)
    if writer.terminal and out is not None:
        raise UsageError(f"--format {writer.name} is for the terminal; with -o use "
                         f"{DIFF_WRITERS.files().help()}")
    if writer.binary and out is None:
        raise UsageError(f"--format {writer.name} writes a {writer.kind} file; give "
                         f"-o OUT{writer.suffixes[0]}")
    return writer


def write_result(rendered: str | bytes, out: Path | None, *, force: bool,
                 inputs: list[str]) -> None:
    """The rendered diff to OUT, or to stdout."""
    if out is not None:
        write_output(out, rendered, force=force, inputs=inputs)
    elif isinstance(rendered, str):
        sys.stdout.write(rendered)
    else:
        sys.stdout.buffer.write(rendered)


def _compared(res: Any, old: str, new: str, *, ignore_typography: bool,
              detect_moves: bool) -> Diff:
    """The two REFs read and compared; a partial record is said first."""
    from asp_draft.compare.diff import diff_documents

    old_doc, new_doc = named(res.resolve(old), old), named(res.resolve(new), new)
    partial = sorted({d.meta.name() for d in (old_doc, new_doc) if d.meta.partial})
    if partial:  # a partial record makes text missing from the copy look deleted or inserted
        note(f"note: the record of {' and '.join(partial)} is partial; paragraphs beyond "
             "what is held are not compared")
    return diff_documents(old_doc, new_doc, ignore_typography=ignore_typography,
                          detect_moves=detect_moves, word_lists=res.word_lists)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help=ref_help())],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The same kinds as OLD.")],
    format: Annotated[str | None, format_option(
        f"{DIFF_WRITERS.help()} (default: from OUT's extension; rich on a terminal, "
        "text otherwise).")] = None,
    out: Annotated[Path | None, output_option("OUT", "Write to this file instead of stdout.")]
    = None,
    force: ForceOption = False,
    ignore_typography: Annotated[bool, typer.Option(
        "--ignore-typography",
        help="Straight and curly quotes, dashes, non-breaking and repeated spaces count as "
             "equal.")] = False,
    exit_code: Annotated[bool, typer.Option(
        "--exit-code", help="Exit with 1 when the documents differ (a paragraph, the chapeau "
                            "or the title), 0 when they do not.")] = False,
    author: Annotated[str, typer.Option(
        "--author", metavar="NAME",
        help="Author of the tracked changes (docx, pdf).")] = "asp-draft",
    date: Annotated[str | None, date_option(
        "Date of the tracked changes (docx, pdf); default now, UTC.")] = None,
    moves_as_changes: Annotated[bool, typer.Option(
        "--moves-as-changes",
        help="Report moved paragraphs as a deletion and an insertion.")] = False,
    annotate: Annotated[bool, annotate_flag(
        "In a Word or PDF redline, a comment on every paragraph of NEW: where its wording "
        "was agreed, or that it is new.")] = False,
    var: VarOption = None,
    library: LibraryOption = None,
) -> None:
    """Compare two versions paragraph by paragraph and word by word, moves included.

    A paragraph whose lead changed is marked weaker or stronger (Urges -> Encourages).

    A changed chapeau or title is a difference; other changed metadata is listed first.

    Example: asp-draft diff 2017 2018 --format markdown
    """
    writer = choose_format(format, out)
    check_annotate(writer, annotate, "-o OUT.docx (a Word redline)")
    when = redline_date(date)
    DIFF_WRITERS.load(writer)  # a writer that is not installed says so before any work
    inputs = [old, new]
    if out is not None:
        from asp_draft.output import check_output
        from asp_draft.refs import input_paths

        check_output(out, force=force, inputs=input_paths(inputs))  # refuse before the work
    if old == "-" and new == "-":
        raise UsageError("only one of OLD and NEW can be - (standard input)")
    from asp_draft.textfile import plain_name

    plain_name(author, "--author")
    res = resolver(library, var)
    result = _compared(res, old, new, ignore_typography=ignore_typography,
                       detect_moves=not moves_as_changes)
    new_doc = result.new
    if writer.terminal:
        DIFF_WRITERS.load(writer)(stdout_console(), result)
    else:
        notes = None
        if annotate:  # the note of each paragraph, from blame over the library's record
            from asp_draft.compare.annotations import annotate_saying

            notes = annotate_saying(new_doc, res.library, note)
        # a Word or PDF redline lays each text out as its body prints it, a body the
        # library adds included; the table's YAML is read only for those
        rendered = DIFF_WRITERS.render(writer, result, author=author, date=when,
                                       moves_as_changes=moves_as_changes, annotations=notes,
                                       bodies=res.bodies if writer.binary else None)
        write_result(rendered, out, force=force, inputs=inputs)
    say(result.summary_line())
    leads = result.leads_line()
    if leads:
        say(f"leads: {leads}")
    if exit_code and result.differs:
        raise typer.Exit(EXIT_FOUND)
