"""One error hierarchy; every message is written for the person at the terminal."""

from __future__ import annotations

from pathlib import Path


class AspDraftError(Exception):
    """Base of every error the user can cause; the CLI prints it on one line and exits 2.

    `wants` names the values of the request the message asks the user to give (`symbol`,
    `year`, `variable` ...): the core words the message without options, and the command line
    adds the options that give them.
    """

    def __init__(self, message: str, *, source: str | Path | None = None, line: int | None = None,
                 wants: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.source = str(source) if source is not None else None
        self.line = line
        self.wants = wants

    def __str__(self) -> str:
        where = ""
        if self.source:
            where = self.source + (f":{self.line}" if self.line else "") + ": "
        return f"{where}{self.message}"


class InputError(AspDraftError):
    """A file the user named is missing, unreadable, empty or not in the expected format."""


class LibraryError(AspDraftError):
    """A clause, session or facts file of a library is malformed or inconsistent."""


class UnknownReferenceError(AspDraftError):
    """A REF names no year, symbol or file that asp-draft knows."""


class UnknownClauseError(AspDraftError):
    """A draft spec or command names a clause id (or a pinned version) the library lacks."""


class TemplateError(AspDraftError):
    """A template has a syntax error or an undefined variable, or tried to leave the sandbox."""


class OutputError(AspDraftError):
    """An output file exists (and --force was not given) or its folder is missing."""


class RequestError(AspDraftError):
    """A value the core was asked to use and cannot (an unknown rule, language or format, a date
    it cannot read), or values that do not fit together. The core does not know the options a
    value came from; the command line says them."""


class UsageError(AspDraftError):
    """Options of a command that do not fit together, or an option's value the command cannot
    use. Raised by the command line only (asp_draft/cli); the core raises RequestError."""
