"""lint: check a resolution or draft against the drafting conventions."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from asp_draft.cli.app import EXIT_FOUND, app, resolver, say, stdout_console
from asp_draft.cli.options import LibraryOption, VarOption, json_flag
from asp_draft.errors import RequestError, UsageError
from asp_draft.formats import ref_help


def rule_ids(values: list[str] | None, option: str) -> tuple[str, ...]:
    """`--select a,b --select c` -> ('a', 'b', 'c'); an unknown id is refused naming `option`."""
    from asp_draft.compare.lint import check_rule_ids

    ids = [part.strip() for value in values or () for part in value.split(",") if part.strip()]
    try:
        return check_rule_ids(ids)
    except RequestError as e:
        raise UsageError(f"{option}: {e}") from None


def print_rules(bodies: Any, *, as_json: bool) -> None:
    """Every rule id with its explanation, in the registry's order; on stderr, the bodies
    whose texts a rule does not check (their `lint_skip` in the table of bodies)."""
    from asp_draft.compare.lint import RULES

    skipped = {r.id: [b.key for b in bodies if r.id in b.lint_skip] for r in RULES}
    if as_json:
        import json

        data = [{"id": r.id, "explanation": r.explanation} for r in RULES]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        width = max(len(r.id) for r in RULES)
        for rule in RULES:
            typer.echo(f"{rule.id:<{width}}  {rule.explanation}")
    for rule_id, keys in skipped.items():  # a note, apart from the listing scripts read
        if keys:
            say(f"{rule_id} is not run for the texts of: {', '.join(keys)} (their "
                "'lint_skip' in the table of bodies)")


def print_findings(findings: list[Any]) -> None:
    """One line per finding: paragraph label, rule id, message."""
    from rich.text import Text

    console = stdout_console()
    label_width = max(len(f.label) for f in findings)
    rule_width = max(len(f.rule) for f in findings)
    for f in findings:
        # Text, not a markup string: messages quote the text, square brackets included
        console.print(Text.assemble((f.label.ljust(label_width), "bold"), "  ",
                                    (f.rule.ljust(rule_width), "cyan"), "  ", f.message))


def document_name(document: Any, ref: str) -> str:
    """What the summary calls the document: its symbol, else the REF it was read from."""
    name = document.meta.symbol or ("standard input" if ref == "-" else ref)
    if document.meta.partial:
        # the rules about the end of the text cannot be applied to a record cut short
        name += f" (a partial record: {len(document.paragraphs)} paragraphs held)"
    return name


@app.command()
def lint(
    ref: Annotated[str | None, typer.Argument(
        metavar="REF", show_default=False, help=ref_help())] = None,
    as_json: Annotated[bool, json_flag(
        "Print the findings as JSON: rule, paragraph, index, message.")] = False,
    select: Annotated[list[str] | None, typer.Option(
        "--select", metavar="RULES", show_default=False,
        help="Only these rules (comma-separated ids, repeatable).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="RULES", show_default=False,
        help="Leave out these rules (comma-separated ids, repeatable).")] = None,
    rules: Annotated[bool, typer.Option(
        "--rules", help="List the rules (id and explanation) and exit.")] = False,
    var: VarOption = None,
    library: LibraryOption = None,
) -> None:
    """Check a resolution or draft against the drafting conventions; exit 1 if any is broken.

    A rule the text's body leaves out (its lint_skip in the table of bodies) is not run.

    Example: asp-draft lint 2018

    Example: asp-draft lint draft.yaml --ignore double-space,mixed-quotes --json
    """
    from asp_draft.compare.lint import findings_json, summary_line
    from asp_draft.compare.lint import lint as run_lint

    found = resolver(library, var)
    if rules:
        print_rules(found.bodies, as_json=as_json)
        return
    if ref is None:
        raise UsageError("give a REF to lint (or --rules to list the rules)")
    chosen = rule_ids(select, "--select") if select is not None else None
    left_out = rule_ids(ignore, "--ignore")
    document = found.document(ref)
    findings = run_lint(document, select=chosen, ignore=left_out,
                        body=found.bodies.get(document.meta.body))
    if as_json:
        sys.stdout.write(findings_json(findings))
    elif findings:
        print_findings(findings)
    say(summary_line(findings, document_name(document, ref)))
    if findings:
        raise typer.Exit(EXIT_FOUND)
