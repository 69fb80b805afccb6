"""show, build and new: documents in and out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from asp_draft.cli.app import app, note, resolver, write_output
from asp_draft.cli.options import (
    ForceOption,
    LibraryOption,
    VarOption,
    annotate_flag,
    check_annotate,
    format_named,
    format_option,
    output_option,
    symbol_option,
)
from asp_draft.errors import RequestError, UsageError
from asp_draft.formats import DOCUMENT_WRITERS, SHOW_WRITERS, Writer, listing, ref_help


def render(document: Any, writer: Writer, *, reference_doc: Path | None = None,
           annotations: list[str | None] | None = None, bodies: Any = None) -> bytes | str:
    """A document in one of the output formats; `bodies`, the table its body is laid out
    from (the user's library's), goes to the writers that take it."""
    rendered: bytes | str = DOCUMENT_WRITERS.render(writer, document,
                                                    reference_doc=reference_doc,
                                                    annotations=annotations, bodies=bodies)
    return rendered


def build_format(fmt: str | None, out: Path) -> Writer:
    """--format, else the format OUT's extension names."""
    if fmt is not None:
        return format_named(DOCUMENT_WRITERS, fmt)
    writer = DOCUMENT_WRITERS.for_suffix(out.suffix)
    if writer is None:
        suffixes = listing([w.suffixes[0] for w in DOCUMENT_WRITERS.entries])
        raise UsageError(f"{out}: cannot tell the format from {out.suffix or 'no extension'!r}; "
                         f"use {suffixes}, or --format")
    return writer


def warn_partial(document: Any) -> None:
    """Say on stderr when the record behind a document is partial."""
    if document.meta.partial:
        symbol = document.meta.name()
        note(f"note: the record of {symbol} is partial: only its first "
             f"{len(document.paragraphs)} paragraphs are held; the rest of the resolution "
             "is not in the library")


@app.command()
def show(
    ref: Annotated[str, typer.Argument(metavar="REF", help=ref_help())],
    format: Annotated[str, format_option(f"{SHOW_WRITERS.help()}.")] = "text",
    var: VarOption = None,
    library: LibraryOption = None,
) -> None:
    """Print a resolution or draft.

    Example: asp-draft show 2017 --format json
    """
    writer = format_named(SHOW_WRITERS, format)
    found = resolver(library, var)
    document = found.document(ref)
    warn_partial(document)
    out = render(document, writer, bodies=found.bodies)
    sys.stdout.write(out if isinstance(out, str) else out.decode("utf-8"))


@app.command()
def build(
    ref: Annotated[str, typer.Argument(metavar="REF", help=ref_help("Draft spec, year, symbol"))],
    out: Annotated[Path, output_option("OUT", "File to write; its extension picks the format.")],
    format: Annotated[str | None, format_option(
        f"{DOCUMENT_WRITERS.help()} (default: from OUT's extension).")] = None,
    reference_doc: Annotated[Path | None, typer.Option(
        "--reference-doc", metavar="FILE",
        help="Word file whose styles the .docx takes (as pandoc does).")] = None,
    annotate: Annotated[bool, annotate_flag(
        "A note on every paragraph: where its wording was agreed, or that it is new and the "
        "closest adopted paragraph (Word comments; notes in Markdown and HTML).")] = False,
    force: ForceOption = False,
    var: VarOption = None,
    library: LibraryOption = None,
) -> None:
    """Render a draft or resolution into a file.

    Example: asp-draft build draft.yaml -o draft-2019.docx --annotate
    """
    writer = build_format(format, out)
    # the advice names the formats that need no other program (PDF needs LibreOffice)
    check_annotate(writer, annotate, listing(
        [w.name for w in DOCUMENT_WRITERS.entries
         if "annotations" in w.options and w.needs is None]))
    from asp_draft.output import check_output
    from asp_draft.refs import input_paths

    inputs = [ref] + ([str(reference_doc)] if reference_doc else [])
    if str(out) == "-":
        if writer.binary:
            raise UsageError(f"-o -: {writer.kind} is a binary file and does not go to the "
                             "terminal; give a file name")
    else:
        check_output(out, force=force, inputs=input_paths(inputs))  # refuse before the work
    DOCUMENT_WRITERS.load(writer)  # a writer that is not installed says so before any work
    found = resolver(library, var)
    document = found.document(ref)
    warn_partial(document)
    notes = None
    if annotate:  # the note of each paragraph, from blame over the library's record
        from asp_draft.compare.annotations import annotate_saying

        notes = annotate_saying(document, found.library, note)
    write_output(out, render(document, writer, reference_doc=reference_doc, annotations=notes,
                             bodies=found.bodies), force=force, inputs=inputs)


@app.command()
def new(
    year: Annotated[int, typer.Argument(
        metavar="YEAR", help="The year of the new draft: the body's session that opens in it "
        "(General Assembly 2025: the eightieth; ASP 2025: the twenty-fourth).")],
    from_ref: Annotated[str | None, typer.Option(
        "--from", metavar="REF", help="The held resolution to roll forward: a year (its "
        "omnibus) or a symbol (default: the latest omnibus before YEAR).")] = None,
    symbol: Annotated[str | None, symbol_option(
        "The draft's own symbol (e.g. ICC-ASP/19/L.4); a draft never takes the adopted "
        "text's.")] = None,
    out: Annotated[str, output_option("SPEC", "Spec file to write, or - for stdout.")]
    = "draft.yaml",
    force: ForceOption = False,
    library: LibraryOption = None,
) -> None:
    """Start a draft spec for YEAR, rolled forward from a held resolution.

    The draft keeps the base's body, chapeau and title; what counts on moves a session on.

    Every paragraph tied to its year is listed for review, in the spec's header and on stderr.

    Example: asp-draft new 2020 --from ICC-ASP/18/Res.3 -o draft.yaml

    Example: asp-draft new 2025 --from A/RES/79/6 -o draft.yaml
    """
    from asp_draft.library.rolling import roll
    from asp_draft.output import check_output

    if out != "-":
        check_output(Path(out), force=force)  # refuse before the work and the review list
    res = resolver(library)
    if not 1998 <= year <= 2200:  # the Rome Statute's year to far beyond any draft
        raise UsageError(f"YEAR {year} is not the year of a draft (1998 to 2200)")
    try:
        rolled = roll(res.library_for(from_ref), year, ref=from_ref, symbol=symbol, source=out)
    except RequestError as e:  # the text --from names cannot be rolled to YEAR
        if from_ref is None:
            raise
        raise UsageError(f"--from {e}") from None
    base = rolled.base
    note(f"rolled forward from {base.meta.symbol} ({base.year})")
    if not symbol:
        note("the draft has no symbol (a draft is not the adopted text); give its own with "
             "--symbol")
    if rolled.review:
        note(f"{len(rolled.review)} paragraph(s) are tied to their year; review each before "
             "the draft goes out:")
    for item in rolled.review:
        note(f"review: {item.line()}")
    if out == "-":
        sys.stdout.write(rolled.text)
        return
    write_output(Path(out), rolled.text, force=force, inputs=[])
    note(f"next: asp-draft build {out} -o draft-{year}.docx")
