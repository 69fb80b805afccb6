"""The typer app and what every command shares: the resolver, stderr, output files.

Only asp_draft/cli/ imports typer (this module, options.py, params.py, main.py, which maps
errors to exit codes, and the commands in cli/commands/); rich is imported by console.py when
a command prints something rich. Heavy libraries (yaml, jinja2, docx, lxml, and pydantic,
which typer would use to read parameters) are imported only by the commands and formats that
need them, so `asp-draft --help` and a diff of two text files start fast.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from asp_draft import __version__
from asp_draft.cli.options import LibraryOption, as_old_flag, template_variables

try:  # plain parameters read without pydantic, help without type labels
    from asp_draft.cli.params import install as _install_plain_params
except ImportError:  # a typer that moved what params.py changes keeps its own behaviour
    pass
else:
    _install_plain_params()

EXIT_OK, EXIT_FOUND, EXIT_BAD_INPUT = 0, 1, 2


def one_line(help_text: str) -> str:
    """The first paragraph of a help text on one line (a docstring may wrap it)."""
    return " ".join(inspect.cleandoc(help_text).split("\n\n")[0].split())


class Group(TyperGroup):
    """The app's commands; each one's description in the command list stays on one line."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for command in self.commands.values():
            if command.help and not command.short_help:
                command.short_help = one_line(command.help)


app = typer.Typer(
    cls=Group,
    name="asp-draft",
    help=(
        "Drafting assistant for the ASP omnibus resolution: assemble drafts from the clause "
        "library, compare versions, export Word files with tracked changes.\n\n"
        "Example:  asp-draft show 2018"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Invocation:
    """The options given before the command (asp-draft --library DIR show ...), which typer
    keeps in its context (`ctx.obj`) for the command's run: nothing global is set. (A plain
    class: a dataclass is compiled at import, which every start-up, --help's included, pays.)
    """

    def __init__(self, library: tuple[Path, ...] = (), as_old: bool = False,
                 bundled: bool = True) -> None:
        self.library = library
        self.as_old = as_old  # read .docx tracked changes as rejected
        self.bundled = bundled  # False: --no-bundled


def invocation() -> Invocation:
    """The options of the running command line (the defaults outside one: a test calling a
    command's helper)."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    found = ctx.find_root().obj if ctx is not None else None
    return found if isinstance(found, Invocation) else Invocation()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"asp-draft {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    library: LibraryOption = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    as_old: Annotated[bool, as_old_flag(
        "Read tracked changes in .docx REFs as rejected (the old text).")] = False,
    no_bundled: Annotated[bool, typer.Option(
        "--no-bundled", help="Use only the --library folders, not the bundled library. "
                             "Also ASP_DRAFT_NO_BUNDLED=1.")] = False,
) -> None:
    """Drafting assistant for the ASP omnibus resolution."""
    ctx.obj = Invocation(tuple(library or ()), as_old, bundled=not no_bundled)


def library_folders(library: list[Path] | None = None) -> list[Path]:
    """The user's library folders of this invocation: the global --library, then the
    command's own."""
    return [*invocation().library, *(library or [])]


def resolver(library: list[Path] | None = None, variables: list[str] | None = None,
             *, as_old: bool = False) -> Any:
    """The REF resolver for this invocation (global and per-command --library merged)."""
    from asp_draft.refs import Resolver

    given = invocation()
    return Resolver(library_dirs=library_folders(library),
                    variables=template_variables(variables), as_old=as_old or given.as_old,
                    bundled=given.bundled, notify=note)


def stdout_console() -> Any:
    """A rich console on stdout (results)."""
    from asp_draft.cli.console import make_console

    return make_console(stderr=False)


def note(message: str) -> None:
    """A message for the user on stderr (never on stdout, which carries results); the core
    says its own through the notify callback it is given, which is this."""
    say(f"asp-draft: {message}")


def error(message: str) -> None:
    """An error on stderr, one line (`asp-draft: error: ...`)."""
    note(f"error: {message}")


def say(line: str) -> None:
    """A line on stderr as it is, without the program's name: a command's summary (`3
    paragraph(s) changed`), which reads as its result. The one writer to stderr."""
    typer.echo(line, err=True)


def write_output(out: Path, data: bytes | str, *, force: bool, inputs: list[str]) -> None:
    """Write a result file atomically, refusing to overwrite inputs or existing files."""
    from asp_draft.errors import UsageError
    from asp_draft.output import write_atomic
    from asp_draft.refs import input_paths

    if str(out) == "-":  # `-o -`: standard output, as `new -o -` has it
        if isinstance(data, bytes):
            raise UsageError("-o -: a binary file (Word, Akoma Ntoso) does not go to the "
                             "terminal; give a file name")
        sys.stdout.write(data)
        return
    write_atomic(out, data, force=force, inputs=input_paths(inputs))
    note(f"wrote {out}")
