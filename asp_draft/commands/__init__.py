"""The commands, one module per capability; importing this package registers them on the app."""

from asp_draft.commands import documents, library  # noqa: F401
