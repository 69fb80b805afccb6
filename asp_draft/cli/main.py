"""The entry point: run the app and turn every way a command can end into an exit code.

Only main() turns errors into exits: a command raises, main says it in one line on stderr.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from typing import NoReturn

import typer

from asp_draft.cli.app import EXIT_BAD_INPUT, EXIT_OK, app, error


def _fail(message: str) -> NoReturn:
    """Stop with a one-line message and exit code 2 (only main turns errors into exits)."""
    error(message)
    raise SystemExit(EXIT_BAD_INPUT)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; every error the user can cause ends in one line and exit 2."""
    from asp_draft.cli import commands  # noqa: F401 - registers the commands on `app`
    from asp_draft.cli.options import with_options
    from asp_draft.errors import AspDraftError

    if sys.stdin is None:  # `asp-draft show - <&-`: reading says the input is closed
        sys.stdin = _ClosedInput()
    try:
        rv = app(args=argv, prog_name="asp-draft", standalone_mode=False)
    except AspDraftError as e:
        _fail(with_options(e))
    except typer.Exit as e:
        raise SystemExit(e.exit_code) from None
    except typer.Abort:
        _fail("aborted")
    except typer.TyperException as e:  # usage errors: unknown option, missing argument ...
        ctx = getattr(e, "ctx", None)
        if type(e).__name__ == "NoArgsIsHelpError" and ctx is not None:
            typer.echo(ctx.get_help())
            raise SystemExit(EXIT_OK) from None
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        _fail(f"{e.format_message()}{hint}")
    except BrokenPipeError:
        # `asp-draft show 2017 | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(EXIT_OK) from None
    except OSError as e:  # the machine said no where no reader or writer expected it
        _fail(_os_error(e))
    except KeyboardInterrupt:
        _fail("interrupted")
    except Exception as e:  # a bug: still one line, unless the user asks for the traceback
        if os.environ.get("ASP_DRAFT_DEBUG"):
            raise
        _fail(f"internal error: {type(e).__name__}: {e} (ASP_DRAFT_DEBUG=1 shows the traceback; "
             "please report it)")
    raise SystemExit(rv if isinstance(rv, int) else EXIT_OK)


def _os_error(error: OSError) -> str:
    """One line for an OSError: the file and the cause; standard output when none is named
    (`asp-draft show 2017 > /dev/full`)."""
    cause = error.strerror or str(error)
    if error.filename is not None:
        return f"{error.filename}: {cause}"
    # What could not be written stays in the buffer; without a place to drop it, Python
    # would report the failure again, in several lines, on the way out.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return f"<stdout>: cannot write: {cause}"


class _ClosedInput(io.TextIOBase):
    """Standard input that the shell closed: every read says so (an OSError, as a read of
    a closed descriptor would)."""

    def read(self, size: int | None = -1) -> str:
        """Refuse: there is no standard input."""
        raise OSError(errno.EBADF, "standard input is closed")
