"""The command line's options, each declared once (as pip-tools' scripts/options.py has it).

An option every command takes alike is a type (`LibraryOption`); one that several commands
take with their own help is a function of that help, so that its names and metavar stay one.
The checks of an option's value that more than one command makes live beside it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from asp_draft.errors import AspDraftError, RequestError, UsageError

if TYPE_CHECKING:
    from asp_draft.formats import Writer, Writers

LibraryOption = Annotated[
    list[Path] | None,
    typer.Option("--library", "-L", metavar="DIR",
                 help="Extra clause library folder (repeatable; later folders win). "
                      "Also ASP_DRAFT_LIBRARY.", show_default=False),
]
VarOption = Annotated[
    list[str] | None,
    typer.Option("--var", metavar="KEY=VALUE",
                 help="Set a template variable (repeatable), e.g. --var venue='New York'.",
                 show_default=False),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")]


def json_flag(help: str) -> Any:
    """`--json`: the result as JSON on stdout."""
    return typer.Option("--json", help=help)


def format_option(help: str) -> Any:
    """`--format/-f FORMAT`: which writer renders the result."""
    return typer.Option("--format", "-f", metavar="FORMAT", help=help)


def output_option(metavar: str, help: str) -> Any:
    """`--output/-o OUT`: the file to write."""
    return typer.Option("--output", "-o", metavar=metavar, help=help)


def date_option(help: str) -> Any:
    """`--date ISO`: the date of tracked changes (read by redline_date)."""
    return typer.Option("--date", metavar="ISO", help=help, show_default=False)


def as_old_flag(help: str) -> Any:
    """`--as-old`: read a Word file's tracked changes as rejected."""
    return typer.Option("--as-old", help=help)


def year_option(help: str) -> Any:
    """`--year YEAR`."""
    return typer.Option("--year", metavar="YEAR", help=help, show_default=False)


def since_option(help: str) -> Any:
    """`--since YEAR`: from YEAR on."""
    return typer.Option("--since", metavar="YEAR", help=help, show_default=False)


def until_option(help: str) -> Any:
    """`--until YEAR`: up to YEAR."""
    return typer.Option("--until", metavar="YEAR", help=help, show_default=False)


def part_option() -> Any:
    """`--part PART`: preamble or operative (checked by check_part)."""
    return typer.Option("--part", metavar="PART", help="preamble or operative.",
                        show_default=False)


def symbol_option(help: str) -> Any:
    """`--symbol SYMBOL`: a document symbol."""
    return typer.Option("--symbol", metavar="SYMBOL", help=help, show_default=False)


def annotate_flag(help: str) -> Any:
    """`--annotate`: a note on every paragraph (checked by check_annotate)."""
    return typer.Option("--annotate", help=help)


def check_part(part: str | None) -> None:
    """Refuse a --part that is neither preamble nor operative."""
    if part and part not in ("preamble", "operative"):
        raise UsageError(f"--part {part!r}: choose preamble or operative")


def format_named(writers: Writers, name: str) -> Writer:
    """The writer --format names; refused naming the option and the choices."""
    try:
        return writers.get(name)
    except RequestError:
        raise UsageError(f"--format {name!r}: choose one of {', '.join(writers.names())}") \
            from None


def check_annotate(writer: Writer, annotate: bool, able: str) -> None:
    """Refuse --annotate for a format that cannot show notes, before any work."""
    if annotate and "annotations" not in writer.options:
        raise UsageError(f"--annotate: {writer.kind} output cannot hold notes; use {able}")


def template_variables(pairs: list[str] | None) -> dict[str, Any]:
    """--var KEY=VALUE ... as a dict; whole numbers become ints so filters can count with them."""
    import re

    from asp_draft.textfile import plain_name

    out: dict[str, Any] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key.strip()):
            raise UsageError(f"--var {pair!r}: write it as NAME=VALUE, "
                             "e.g. --var venue='The Hague'")
        plain_name(value, f"--var {key.strip()}")
        out[key.strip()] = int(value) if re.fullmatch(r"-?\d+", value.strip()) else value
    return out


def redline_date(value: str | None) -> str:
    """--date as Word wants it (`2018-12-12T00:00:00Z`, UTC); now when not given."""
    if value is None:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not an ISO date; give e.g. 2018-12-12 or "
                         "2018-12-12T10:30:00Z") from None
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


# The options that give what a core error asks for (AspDraftError.wants), by the value's name
GIVEN_BY = {"symbol": "--symbol", "adopted": "--adopted YYYY-MM-DD", "title": "--title",
            "year": "--year", "variable": "--var NAME=VALUE", "since": "--since",
            "until": "--until", "limit": "--limit"}


def with_options(error: AspDraftError) -> str:
    """The error's line, and the options that give what it asks for: `...; give its year
    (--year)`."""
    from asp_draft.formats import listing

    named = [GIVEN_BY[want] for want in error.wants if want in GIVEN_BY]
    return f"{error} ({listing(named, 'and')})" if named else str(error)
