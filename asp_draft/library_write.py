"""Writing an adoption's files into a library folder: the one place a library is changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asp_draft.adopt import Adoption


def write_adoption(adoption: Adoption, *, inputs: Sequence[str] = ()) -> None:
    """Write the plan: the resolution file first, then the clauses, each atomically."""
    from asp_draft.errors import OutputError
    from asp_draft.output import write_atomic
    from asp_draft.refs import input_paths

    given = input_paths(list(inputs))
    for change in adoption.files:  # refuse before writing anything
        if change.path.resolve() in given:
            raise OutputError("is also an input; asp-draft never writes over its inputs",
                              source=change.path)
    for change in adoption.files:
        if change.action == "delete":
            change.path.unlink(missing_ok=True)
            continue
        assert change.text is not None
        change.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(change.path, change.text, force=True, inputs=given)
