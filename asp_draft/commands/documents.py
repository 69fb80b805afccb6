"""show, build and new: documents in and out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from asp_draft.cli import (
    ForceOption,
    LibraryOption,
    VarOption,
    app,
    fail,
    note,
    resolver,
    write_output,
)

SHOW_FORMATS = ("text", "markdown", "json")
BUILD_FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".txt": "txt",
                 ".json": "json", ".html": "html", ".htm": "html"}


def render(document: Any, fmt: str, *, reference_doc: Path | None = None) -> bytes | str:
    """A document in one of the output formats."""
    if fmt in ("text", "txt"):
        from asp_draft.writers.text import render_text

        return render_text(document)
    if fmt in ("markdown", "md"):
        from asp_draft.writers.markdown import render_markdown

        return render_markdown(document)
    if fmt == "json":
        from asp_draft.writers.json import render_json

        return render_json(document)
    if fmt == "html":
        from asp_draft.writers.html import render_html

        return render_html(document)
    if fmt == "docx":
        from asp_draft.writers.docx import render_docx

        return render_docx(document, reference_doc=reference_doc)
    fail(f"unknown format {fmt!r}")


def warn_partial(document: Any) -> None:
    """Say on stderr when the record behind a document is partial."""
    completeness = str(document.meta.get("completeness") or "")
    if completeness.lower().startswith("partial"):
        symbol = document.meta.get("symbol") or "this text"
        note(f"note: the record of {symbol} is partial: only its first "
             f"{len(document.paragraphs)} paragraphs are held; the rest of the resolution "
             "is not in the library")


@app.command()
def show(
    ref: Annotated[str, typer.Argument(metavar="REF", help="Year, symbol, spec, .txt, .md, "
                                       ".docx or - for stdin.")],
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                        help="text, markdown or json.")] = "text",
    var: VarOption = None,
    library: LibraryOption = None,
) -> None:
    """Print a resolution or draft.

    Example: asp-draft show 2017 --format json
    """
    if format not in SHOW_FORMATS:
        fail(f"--format {format!r}: choose one of {', '.join(SHOW_FORMATS)}")
    document = resolver(library, var).resolve(ref)
    warn_partial(document)
    out = render(document, format)
    sys.stdout.write(out if isinstance(out, str) else out.decode("utf-8"))


@app.command()
def build(
    ref: Annotated[str, typer.Argument(metavar="REF", help="Draft spec, year, symbol or file.")],
    out: Annotated[Path, typer.Option("--output", "-o", metavar="OUT",
                                      help="File to write; its extension picks the format.")],
    format: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="docx, md, txt, json or html (default: from OUT's extension).")] = None,
    reference_doc: Annotated[Path | None, typer.Option(
        "--reference-doc", metavar="FILE",
        help="Word file whose styles the .docx takes (as pandoc does).")] = None,
    force: ForceOption = False,
    var: VarOption = None,
    library: LibraryOption = None,
) -> None:
    """Render a draft or resolution into a file.

    Example: asp-draft build draft.yaml -o draft-2019.docx
    """
    fmt = format or BUILD_FORMATS.get(out.suffix.lower())
    if fmt is None:
        fail(f"{out}: cannot tell the format from {out.suffix or 'no extension'!r}; "
             "use .docx, .md, .txt, .json or .html, or --format")
    if fmt not in set(BUILD_FORMATS.values()):
        fail(f"--format {fmt!r}: choose one of docx, md, txt, json, html")
    from asp_draft.output import check_output
    from asp_draft.refs import input_paths

    inputs = [ref] + ([str(reference_doc)] if reference_doc else [])
    check_output(out, force=force, inputs=input_paths(inputs))  # refuse before the work
    document = resolver(library, var).resolve(ref)
    warn_partial(document)
    write_output(out, render(document, fmt, reference_doc=reference_doc), force=force,
                 inputs=inputs)


@app.command()
def new(
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The year of the new draft.")],
    out: Annotated[str, typer.Option("--output", "-o", metavar="SPEC",
                                     help="Spec file to write, or - for stdout.")] = "draft.yaml",
    force: ForceOption = False,
    library: LibraryOption = None,
) -> None:
    """Start a draft spec for YEAR, rolled forward from the latest adopted resolution.

    Example: asp-draft new 2019 -o draft.yaml
    """
    from asp_draft.assemble import assemble, roll_forward
    from asp_draft.readers.spec import parse_spec

    res = resolver(library)
    base, text = roll_forward(res.library, year)
    assemble(parse_spec(text, out), res.library)  # the spec we write must build
    if out == "-":
        sys.stdout.write(text)
        return
    write_output(Path(out), text, force=force, inputs=[])
    note(f"rolled forward from {base.meta.get('symbol')} ({base.year}); "
         f"next: asp-draft build {out} -o draft-{year}.docx")
