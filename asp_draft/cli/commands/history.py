"""blame and search: where a wording came from, and agreed language to cite."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from asp_draft.cli.app import app, invocation, library_folders, note, resolver, stdout_console
from asp_draft.cli.options import (
    LibraryOption,
    VarOption,
    check_part,
    json_flag,
    part_option,
    since_option,
    until_option,
)
from asp_draft.formats import ref_help

if TYPE_CHECKING:
    from asp_draft.compare.history import Record
    from asp_draft.library.load import Library
    from asp_draft.model import Document

@app.command()
def blame(
    ref: Annotated[str, typer.Argument(metavar="REF", help=ref_help())],
    as_json: Annotated[bool, json_flag("JSON list on stdout.")] = False,
    history: Annotated[bool, typer.Option(
        "--history", help="Also show each paragraph's earlier wordings and what changed.")] = False,
    var: VarOption = None,
    library: LibraryOption = None,
) -> None:
    """For every paragraph: the year its wording was first adopted, and the years it stood.

    With --history, also its earlier wordings and what changed between them.

    For wording never adopted: the closest adopted paragraph.

    Example: asp-draft blame draft.yaml --history
    """
    from asp_draft.compare.history import blame as blame_document
    from asp_draft.compare.history import blame_held, record_note

    found = resolver(library, var)
    document = found.resolve(ref)
    held = _as_held(found, document)
    blames = blame_held(document, held) if held is not None else None
    if blames is None:  # a draft or a file: its new wording needs the whole record
        held = None
        blames = blame_document(document, found.library, warn=note)
    if as_json:
        sys.stdout.write(json.dumps([b.as_json() for b in blames], ensure_ascii=False,
                                    indent=2) + "\n")
    else:
        from asp_draft.cli.console_history import print_blame

        title = document.meta.name("standard input" if ref == "-" else ref)
        print_blame(stdout_console(), title, blames, history=history)
    adopted = sum(1 for b in blames if b.since is not None)
    fresh = sum(1 for b in blames if b.since is None and not b.heading)
    partial = "" if held is not None and not held.may_hold_partial() else \
        record_note(found.library)
    note(f"{len(blames)} paragraph(s): {adopted} in adopted wording, {fresh} never adopted"
         f"{partial}")


def _as_held(found: Any, document: Document) -> Library | None:
    """The library as far as blame of a held resolution needs it (its own files:
    load_held), when `document` is that resolution as the library prints it (a symbol REF,
    or a file that is the same text); else None. Where the whole library is read anyway (an
    omnibus year), the record is built as before, and says which clauses it left out."""
    from asp_draft.compare.history import printed_as_held

    symbol = document.meta.symbol
    if not symbol:
        return None
    library = found.library_for(symbol)
    if not library.read_in_part:
        return None
    spec = library.find_symbol(symbol)
    if spec is None or not printed_as_held(document, spec, library):
        return None
    return library  # type: ignore[no-any-return]


@app.command()
def search(
    words: Annotated[list[str], typer.Argument(
        metavar="QUERY", help='Words (all must match), "exact phrases" (quote the quotes '
                                 "in a shell), prefixes (complement*); OR and NOT between terms.",
        show_default=False)],
    since: Annotated[int | None, since_option("Adopted (or proposed) in or after YEAR.")] = None,
    until: Annotated[int | None, until_option("Adopted (or proposed) in or before YEAR.")] = None,
    part: Annotated[str | None, part_option()] = None,
    limit: Annotated[int, typer.Option(metavar="N", help="At most N hits.", min=1)] = 10,
    as_json: Annotated[bool, json_flag("JSON list on stdout, best first.")] = False,
    library: LibraryOption = None,
) -> None:
    """Find agreed language to cite in every adopted year and the library's proposals.

    Ranked full-text search: one hit per wording, with every resolution that adopted it.

    Example: asp-draft search '"mutually reinforce"' --since 2015
    """
    from asp_draft.compare.history import partial_note
    from asp_draft.compare.search import check_filters, fts_query, open_index, record_counts
    from asp_draft.compare.search import search as run_search
    from asp_draft.folders import library_dirs

    query = " ".join(words)
    check_part(part)  # what the index cannot answer is refused before it is built
    check_filters(since, until, part, limit)
    fts_query(query)
    # the folders as resolver() merges them; the resolver (and the model it imports) is made
    # only when the index is built: a cached search reads the folders' listings and the index
    folders = library_folders(library)

    def record() -> Record:
        # Called only when the index is not cached: a cached search never loads the library.
        from asp_draft.compare.history import build_record

        return build_record(resolver(library).library, note)

    db = open_index(library_dirs(folders, bundled=invocation().bundled), record, note)
    try:
        hits = run_search(db, query, since=since, until=until, part=part, limit=limit)
        counts = record_counts(db)
    finally:
        db.close()
    if as_json:
        sys.stdout.write(json.dumps([h.as_json() for h in hits], ensure_ascii=False,
                                    indent=2) + "\n")
    elif not sys.stdout.isatty():  # a pipe: plain text, without loading rich
        from asp_draft.cli.console_history import hits_text

        sys.stdout.write(hits_text(hits))
    else:
        from asp_draft.cli.console_history import print_hits

        print_hits(stdout_console(), hits)
    hint = "" if hits else "; try fewer words or a prefix*"
    note(f"{len(hits)} hit(s) for {query!r}{hint}{partial_note(*counts)}")
