"""Writing an adoption's files into a library folder: the one place a library is changed.

An adoption is one transaction (asp_draft.library.journal): under the folder's lock, all of
its files are written or none, whatever happens meanwhile. The command holds `locked(into)` around
loading the library, planning and writing, so that the plan is made on the library it
changes and concurrent adopts take turns; a caller holding the lock is taken to have planned
under it. `write_adoption` takes the lock itself when its caller did not, and then checks
under it that the plan still fits the folder: a clause file that another adopt changed since
the plan was made would otherwise lose that adopt's wording. (The check reads every clause
file the plan replaces, which an adopt planned under the lock need not pay for.)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asp_draft.library.journal import Change, commit, holds_lock, locked, settled

if TYPE_CHECKING:
    from asp_draft.library.adopt import Adoption, FileChange

__all__ = ["locked", "settled", "write_adoption"]

_CLAUSE_FOLDERS = ("preamble", "operative")
_RESOLUTION_FOLDERS = ("sessions", "resolutions")


def write_adoption(adoption: Adoption, *, inputs: Sequence[str] = ()) -> None:
    """Write the plan's files all together or not at all, under the folder's lock."""
    if not adoption.files:
        return
    planned_under_lock = holds_lock(adoption.into)
    with locked(adoption.into):
        _write(adoption, inputs, check=not planned_under_lock)


def _write(adoption: Adoption, inputs: Sequence[str], *, check: bool) -> None:
    from asp_draft.errors import OutputError
    from asp_draft.refs import input_paths

    given = input_paths(list(inputs))
    for change in adoption.files:  # refuse before writing anything
        if change.path.resolve() in given:
            raise OutputError("is also an input; asp-draft never writes over its inputs",
                              source=change.path)
    for change in adoption.files:
        _check_name(adoption, change)
        _check_current(adoption, change, wordings=check)
    try:
        commit(adoption.into, [Change(c.path, None if c.action == "delete" else
                                      str(c.text).encode("utf-8")) for c in adoption.files])
    except OutputError as e:
        raise OutputError(f"{e.message}; {adoption.symbol} is not recorded",
                          source=e.source, line=e.line) from None


def _check_name(adoption: Adoption, change: FileChange) -> None:
    """Refuse to write over another symbol's resolution file (two symbols with one slug:
    A/RES/80/7.1 and A/RES/80/7-1), naming the one held there."""
    from asp_draft.errors import LibraryError
    from asp_draft.library.symbol_files import holder

    if change.path.parent.name not in _RESOLUTION_FOLDERS:
        return
    other = holder(change.path, adoption.symbol)
    if other is None:
        return
    where = change.path.relative_to(adoption.into)
    if change.action == "delete":
        raise LibraryError(f"{adoption.symbol}: the plan would remove {where}, which holds "
                           f"{other}; nothing was written")
    raise LibraryError(f"{adoption.symbol} cannot be recorded: its file {where} is that of "
                       f"{other}, held there (the two symbols have one file name); nothing "
                       "was written")


def _check_current(adoption: Adoption, change: FileChange, *, wordings: bool) -> None:
    """Refuse a plan that another adopt overtook: a new file must still be new, and (with
    `wordings`) a clause file must give every other resolution the wording it gives now."""
    from asp_draft.errors import OutputError

    path = change.path
    if change.action == "create" and not path.exists():
        return  # still new (a clause copied from a lower folder leaves that folder as it is)
    if not wordings and change.action != "create":
        return
    if change.path.parent.name in _CLAUSE_FOLDERS:
        now = _wordings(_read(path), adoption.symbol)
        then = _wordings(_parse(change.text, path), adoption.symbol)
        if now == then:
            return
    elif change.action != "create":
        return
    raise OutputError("another adopt changed this file after the plan was made; nothing was "
                      "written; run the adopt again", source=path)


def _read(path: Path) -> Any:
    from asp_draft.library.yamlio import load_yaml_file

    return load_yaml_file(path) if path.is_file() else None


def _parse(text: str | None, path: Path) -> Any:
    from asp_draft.library.yamlio import load_yaml

    return None if text is None else load_yaml(text, path)


def _wordings(data: Any, symbol: str) -> set[tuple[str, ...]]:
    """What a clause file gives every resolution but `symbol`: each other symbol's template
    (its printing or the version's text), and each proposal."""
    from asp_draft.library.symbol_files import same_symbol

    out: set[tuple[str, ...]] = set()
    versions = data.get("versions") if isinstance(data, dict) else None
    for version in versions if isinstance(versions, list) else []:
        if not isinstance(version, dict):
            continue
        text, language = str(version.get("text")), str(version.get("language", ""))
        if "proposed" in version:
            out.add(("proposed", str(version["proposed"]), language, text))
        adopted = version.get("adopted") or []
        printed = version.get("printed") or {}
        for other in [adopted] if isinstance(adopted, str) else adopted:
            if not same_symbol(str(other), symbol):
                out.add(("adopted", str(other), language, str(printed.get(other, text))))
    return out
