"""The commands, one module per capability; importing this package registers them on the app."""

from asp_draft.commands import compile, diff, documents, history, library, lint, word  # noqa: F401
