"""The checks every YAML file of asp-draft shares (library clauses, facts, specs, sessions).

Data read by asp_draft.library.yamlio knows the line of each key and item, so every refusal
names the file and the line; a value of the wrong type is refused here in words, never left
to fail later as an internal error.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from asp_draft.errors import AspDraftError, InputError

_KINDS = {dict: "a mapping (key: value lines)", list: "a list", str: "text", int: "a whole number",
          bool: "yes or no"}


def line_of(container: Any, key: Any) -> int | None:
    """The line of `key` in a mapping or item `key` of a list read by yamlio; else None."""
    find = getattr(container, "line_of", None)
    return int(find(key)) if find else None


def check_keys(data: dict[str, Any], allowed: Iterable[str], *, source: str, what: str,
               error: type[AspDraftError] = InputError) -> None:
    """Refuse a key that is not one of `allowed`, naming the ones that are."""
    allowed = frozenset(allowed)
    for key in data:
        if key not in allowed:
            raise error(f"unknown key {key!r} in {what} (allowed: {', '.join(sorted(allowed))})",
                        source=source, line=line_of(data, key))


def expect(value: Any, kind: type, *, what: str, source: str, line: int | None,
           error: type[AspDraftError] = InputError) -> Any:
    """`value` if it is of `kind` (a whole number is not a flag); else a one-line refusal."""
    wrong = not isinstance(value, kind) or (kind is int and isinstance(value, bool))
    if wrong:
        raise error(f"{what} must be {_KINDS.get(kind, kind.__name__)}, not {value!r}",
                    source=source, line=line)
    return value
