"""import: a Word, text or Markdown file -> a draft spec that cites library clauses."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from asp_draft.cli.app import app, note, resolver, write_output
from asp_draft.cli.options import (
    ForceOption,
    LibraryOption,
    as_old_flag,
    output_option,
    year_option,
)
from asp_draft.formats import reader_suffixes


@app.command("import")
def import_(
    file: Annotated[str, typer.Argument(
        metavar="FILE", help=f"The resolution to import: {reader_suffixes(spec=False)} "
                             "(or - for text on stdin).")],
    out: Annotated[str, output_option("OUT", "Spec file to write (.yaml), or - for stdout.")],
    force: ForceOption = False,
    as_old: Annotated[bool, as_old_flag(
        "Read tracked changes in a .docx as rejected (the old text).")] = False,
    year: Annotated[int | None, year_option("The year, when the file does not say.")] = None,
    library: LibraryOption = None,
) -> None:
    """Turn a resolution file into a draft spec that cites library clauses where they match.

    Paragraphs that match no clause are written inline: building the spec gives the same text.

    Example: asp-draft import delegation-draft.docx -o draft.yaml
    """
    from asp_draft.library.importing import import_document
    from asp_draft.output import check_output
    from asp_draft.refs import input_paths

    if out != "-":
        check_output(Path(out), force=force, inputs=input_paths([file]))
    res = resolver(library, as_old=as_old)
    document = res.document(file)  # its body named: the spec keeps it
    imported = import_document(document, res.library, source=file, year=year)
    if out == "-":
        sys.stdout.write(imported.text)
    else:
        write_output(Path(out), imported.text, force=force, inputs=[file])
    inline = len(document.paragraphs) - imported.cited
    note(f"{imported.cited} paragraph(s) cite library clauses, {inline} written inline")
