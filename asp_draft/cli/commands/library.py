"""clauses and clause: browse the clause library."""

from __future__ import annotations

import itertools
import json
import sys
from typing import Annotated, Any

import typer

from asp_draft.cli.app import app, resolver, say, stdout_console
from asp_draft.cli.options import LibraryOption, check_part, json_flag, part_option, year_option
from asp_draft.errors import UsageError


def clause_data(clause: Any) -> dict[str, Any]:
    """A clause as plain data for --json."""
    return {
        "id": clause.id, "part": clause.part, "topic": clause.topic, "tags": list(clause.tags),
        "status": clause.status, "source": clause.source,
        "versions": [{"since": v.since, "status": v.status, "adopted": list(v.adopted),
                      "years": list(v.years), "proposer": v.proposer, "text": v.text,
                      "printed": dict(v.printed), "note": v.note}
                     for v in clause.versions],
    }


@app.command()
def clauses(
    part: Annotated[str | None, part_option()] = None,
    topic: Annotated[str | None, typer.Option(help="Words in the topic (any case).")] = None,
    tag: Annotated[str | None, typer.Option(help="A tag the clause carries.")] = None,
    year: Annotated[int | None, year_option("Has a version adopted in this year.")] = None,
    status: Annotated[str | None, typer.Option(help="adopted or proposed.")] = None,
    as_json: Annotated[bool, json_flag("JSON list on stdout.")] = False,
    library: LibraryOption = None,
) -> None:
    """List the clauses of the library.

    Example: asp-draft clauses --part preamble --tag impunity
    """
    check_part(part)
    if status and status not in ("adopted", "proposed"):
        raise UsageError(f"--status {status!r}: choose adopted or proposed")
    lib = resolver(library).library
    lib.require_record()
    found = []
    for clause in sorted(lib.clauses.values(), key=lambda c: (c.part, c.id)):
        if part and clause.part != part:
            continue
        if topic and topic.lower() not in clause.topic.lower():
            continue
        if tag and tag.lower() not in (t.lower() for t in clause.tags):
            continue
        if year and not any(year in v.years for v in clause.versions):
            continue
        if status and not any(v.status == status for v in clause.versions):
            continue
        found.append(clause)
    if as_json:
        sys.stdout.write(json.dumps([clause_data(c) for c in found], ensure_ascii=False,
                                    indent=2) + "\n")
        return
    from asp_draft.cli.console import clauses_table

    console = stdout_console()
    console.print(clauses_table(found))
    say(f"{len(found)} clause(s)")


@app.command()
def clause(
    clause_id: Annotated[str, typer.Argument(metavar="ID", help="The clause id.")],
    as_json: Annotated[bool, json_flag("JSON on stdout.")] = False,
    library: LibraryOption = None,
) -> None:
    """Show every version of one clause, with what changed between them.

    Example: asp-draft clause justice-and-peace
    """
    from asp_draft.text.words import diff_words

    lib = resolver(library).library
    found = lib.clause(clause_id)
    texts = [" ".join(v.text.split()) for v in found.versions]
    changes: list[list[tuple[str, str]] | None] = [None]
    changes += [diff_words(a, b) for a, b in itertools.pairwise(texts)]
    if as_json:
        data = clause_data(found)
        for version, ops in zip(data["versions"], changes, strict=True):
            version["changes"] = (None if ops is None else
                                  [{"op": op, "text": text} for op, text in ops])
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    from asp_draft.cli.console import print_clause

    print_clause(stdout_console(), found, texts, changes)
