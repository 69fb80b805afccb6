"""The commands, one module per capability; importing this package registers them on the app."""

from asp_draft.cli.commands import (  # noqa: F401
    adopt,
    compile,
    diff,
    documents,
    history,
    import_,
    library,
    lint,
    uptake,
)
