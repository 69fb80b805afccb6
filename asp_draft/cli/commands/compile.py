"""compile: delegations' proposals against a base text, as tracked changes under their names."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from asp_draft.cli.app import app, resolver, say, write_output
from asp_draft.cli.options import (
    ForceOption,
    LibraryOption,
    VarOption,
    date_option,
    json_flag,
    output_option,
    redline_date,
)
from asp_draft.errors import UsageError


def summary_lines(summary: dict[str, Any]) -> list[str]:
    """The compilation summary for stderr: one line per delegation, then the overlaps."""
    lines = []
    for row in summary["proposals"]:
        parts = []
        for op in ("modified", "deleted"):
            if row[op]:
                parts.append(f"{op} {', '.join(row[op])}")
        if row["inserted"]:
            parts.append(f"inserted {len(row['inserted'])} ({', '.join(row['inserted'])})")
        for direction in ("weaker", "stronger", "changed"):
            found = [f"{s['paragraph']} ({s['old'] or '(no lead)'} → {s['new'] or '(no lead)'})"
                     for s in row.get("strength", []) if s["direction"] == direction]
            if found:
                name = "lead changed" if direction == "changed" else direction
                parts.append(f"{name} {', '.join(found)}")
        if row.get("head"):
            parts.append("changed the " + " and ".join(h["key"] for h in row["head"]))
        lines.append(f"{row['name']}: {'; '.join(parts) or 'no changes'}")
    for overlap in summary["overlaps"]:
        lines.append(f"overlap at {overlap['paragraph']}: {', '.join(overlap['delegations'])} "
                     "(shown as alternatives)")
    return lines


@app.command(name="compile")
def compile_command(
    base: Annotated[str, typer.Argument(metavar="BASE", help="The base text (any REF).")],
    proposals: Annotated[list[str], typer.Argument(
        metavar="PROPOSAL...", help="FILE or NAME=FILE; NAME defaults to the file's "
                                    "author/proposer, else its file name.")],
    out: Annotated[Path, output_option("OUT.docx", "The Word compilation to write (or OUT.pdf: "
                                                   "printed by LibreOffice, changes shown).")],
    force: ForceOption = False,
    date: Annotated[str | None, date_option(
        "Date of the tracked changes; default now, UTC.")] = None,
    as_json: Annotated[bool, json_flag("The summary as JSON on stdout.")] = False,
    var: VarOption = None,
    library: LibraryOption = None,
) -> None:
    """Compile delegations' proposals against a base text, each under its own name.

    Example: asp-draft compile draft.yaml Atlantis=atlantis.docx borduria.docx -o compilation.docx
    """
    from asp_draft.compare.compilation import (
        Proposal,
        compile_proposals,
        default_name,
        parse_proposal_arg,
    )
    from asp_draft.compare.diff import diff_documents
    from asp_draft.output import check_output
    from asp_draft.refs import input_paths
    from asp_draft.writers.redline import render_compilation

    if out.suffix.lower() not in (".docx", ".pdf"):
        raise UsageError(f"{out}: a compilation is a Word file; give -o NAME.docx "
                         "(or NAME.pdf)")
    if out.suffix.lower() == ".pdf":
        from asp_draft.writers.pdf import soffice

        soffice()  # LibreOffice missing: say so before any work
    when = redline_date(date)
    parsed = [parse_proposal_arg(p) for p in proposals]
    refs = [base, *(ref for _, ref in parsed)]
    if refs.count("-") > 1:
        raise UsageError("only one input can be - (standard input)")
    check_output(out, force=force, inputs=input_paths(refs))
    res = resolver(library, var)
    base_doc = res.resolve(base)
    items: list[Proposal] = []
    seen: dict[str, int] = {}
    for name, ref in parsed:
        document = res.resolve(ref)
        label = name or default_name(document, ref)
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:  # two files from one delegation stay apart
            label = f"{label} ({seen[label]})"
        items.append(Proposal(label, document, ref))
    diffs = [diff_documents(base_doc, p.document, word_lists=res.word_lists) for p in items]
    compilation = compile_proposals(base_doc, items, diffs)
    rendered = render_compilation(compilation, date=when, bodies=res.bodies)
    if out.suffix.lower() == ".pdf":
        from asp_draft.writers.pdf import docx_to_pdf

        rendered = docx_to_pdf(rendered)
    write_output(out, rendered, force=force, inputs=refs)
    summary = compilation.summary()
    for line in summary_lines(summary):
        say(line)
    if as_json:
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
