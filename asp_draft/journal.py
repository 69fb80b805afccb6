"""All-or-nothing changes to a library folder: a lock, and a journal a later run finishes.

A library is a record, so several files that change together (a resolution file and its
clause files) must change together or not at all, whatever happens: a kill, a full disk, a
folder where a file goes. The files sit in several sub-folders, so no single rename can show
them at once; instead every change is written beside the library first, then made visible
through a journal:

1. under the folder's *adopt lock* (held by the caller for its plan and its write, so the
   plan is made on the library it changes), the new contents are written into a staging
   folder in `.asp-draft/`, with a hard link to each file they replace (the old contents,
   kept without copying) and `journal.json`, the list of both; all of it synced to disk;
2. under the *apply lock*, the staging folder is renamed to `.asp-draft/journal`: from that
   rename on the change is decided. Each new file then takes its place by a rename, and the
   journal is removed;
3. a run that finds a journal (the next adopt, or a reader through `settled`) finishes it:
   forward when it is whole, backward when a write failed (`undo` marked in it). A staging
   folder without the rename is only removed: the library never saw it.

Readers take the apply lock shared while they read the folder, so they see the library as
it was or as it is after the change, never half of one; they wait only while files are
being renamed, never while an adopt plans.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import shutil
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from asp_draft.errors import LibraryError, OutputError

STATE = ".asp-draft"  # the library folder's own machinery: locks, journal, staging
JOURNAL = "journal"
_ADOPT_LOCK = "adopt.lock"
_APPLY_LOCK = "apply.lock"
_LIST = "journal.json"
_UNDO = "undo"  # present in a journal whose change failed: it is being rolled back
_STAGING = "staging-"
STOP_ENV = "ASP_DRAFT_TEST_STOP_AT"  # tests stop a run at named points to kill it there
POINTS = ("locked", "staged", "committed", "applying", "applied", "undoing")
# Errors that say the folder cannot take a hard link: the old contents are copied instead.
_NO_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS,
                       errno.EMLINK, errno.EXDEV})

_held: dict[Path, tuple[IO[bytes], int]] = {}  # folders whose adopt lock this process holds


@dataclass(frozen=True)
class Change:
    """One file of a library folder: its new contents, or None to remove it."""

    path: Path
    data: bytes | None


def _reached(point: str) -> None:
    """Stop here when a test asks (ASP_DRAFT_TEST_STOP_AT=point[,point]): say so on stderr,
    then stop the process (SIGSTOP) so the test can kill it or let it go on."""
    wanted = os.environ.get(STOP_ENV)
    if not wanted or point not in wanted.split(","):
        return
    sys.stderr.write(f"asp-draft: test: stopped at {point} (pid {os.getpid()})\n")
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGSTOP)


def on_point(point: str) -> None:
    """Called at each named point of a change; tests replace it to crash in-process."""
    _reached(point)


# --- locks ------------------------------------------------------------------------------------

def _open_lock(path: Path, *, create: bool) -> IO[bytes] | None:
    """The lock file open for flock: read-write, else read-only (a folder shared read-only),
    else None when it does not exist and may not be made."""
    try:
        return path.open("ab" if create else "rb+")
    except FileNotFoundError:
        return None
    except PermissionError:
        try:
            return path.open("rb")
        except OSError:
            return None


def _lock(handle: IO[bytes], *, shared: bool = False) -> None:
    """Wait for the lock on `handle` (exclusive, or shared with other readers)."""
    if sys.platform == "win32":  # no shared locks there: readers wait as writers do
        import msvcrt

        while True:
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_SH if shared else fcntl.LOCK_EX)


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _state(folder: Path) -> Path:
    """The folder's `.asp-draft/`, made when missing (and the folder with it)."""
    state = folder / STATE
    try:
        state.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot lock the library folder ({e.strerror or e})",
                          source=folder) from None
    return state


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold `folder`'s adopt lock: other adopts into it wait until this one has planned and
    written. A change an earlier run left unfinished is finished first. Re-entrant within
    one process."""
    key = folder.resolve()
    if key in _held:
        mine, depth = _held[key]
        _held[key] = (mine, depth + 1)
        try:
            yield
        finally:
            _held[key] = (mine, _held[key][1] - 1)
        return
    state = _state(folder)
    handle = _open_lock(state / _ADOPT_LOCK, create=True)
    if handle is None:
        raise OutputError("cannot lock the library folder: its lock file cannot be opened",
                          source=state / _ADOPT_LOCK)
    try:
        _lock(handle)
        _held[key] = (handle, 1)
        with _applying(state):
            recover(folder)
        _discard_staging(state)
        on_point("locked")
        yield
    finally:
        _held.pop(key, None)
        handle.close()  # closing releases the lock


def holds_lock(folder: Path) -> bool:
    """True while this process holds `folder`'s adopt lock."""
    return folder.resolve() in _held


@contextmanager
def _applying(state: Path) -> Iterator[None]:
    """Hold the apply lock exclusively: no reader is reading the folder meanwhile."""
    handle = _open_lock(state / _APPLY_LOCK, create=True)
    if handle is None:
        raise OutputError("cannot lock the library folder for writing",
                          source=state / _APPLY_LOCK)
    try:
        _lock(handle)
        yield
    finally:
        handle.close()


@contextmanager
def settled(folder: Path) -> Iterator[None]:
    """Read `folder` as it was or as it became, never half-changed: the apply lock is held
    shared meanwhile, and a change a killed run left unfinished is finished first.

    A folder no adopt ever wrote (no `.asp-draft/`) costs one stat.
    """
    state = folder / STATE
    if not state.is_dir():
        yield
        return
    handle = _open_lock(state / _APPLY_LOCK, create=False)
    if handle is None:
        yield
        return
    try:
        _lock(handle, shared=True)
        if (state / JOURNAL).is_dir():  # a run was killed while renaming: finish it
            _unlock(handle)
            _lock(handle)
            recover(folder)  # removes the journal, or says why it cannot
            _unlock(handle)
            _lock(handle, shared=True)
        yield
    finally:
        handle.close()


# --- the change -------------------------------------------------------------------------------

def commit(folder: Path, changes: Sequence[Change]) -> None:
    """Make every change in `folder`, or none: the caller holds `locked(folder)`.

    Raises OutputError when a file cannot be written; the folder is then as it was (or, if
    even undoing failed, the journal is left for the next run to finish undoing).
    """
    if not holds_lock(folder):
        raise RuntimeError("commit() outside locked(folder)")
    state = _state(folder)
    stage = state / f"{_STAGING}{secrets.token_hex(6)}"
    try:
        entries = _stage(folder, stage, changes)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    on_point("staged")
    with _applying(state):
        journal = state / JOURNAL
        try:
            os.rename(stage, journal)  # the change is decided here
        except OSError as e:
            shutil.rmtree(stage, ignore_errors=True)
            raise OutputError(f"cannot write ({_cause(e)}); nothing was written",
                              source=journal) from None
        _sync_dir(state)
        on_point("committed")
        try:
            _forward(folder, journal, entries)
        except OSError as e:
            failed = _failed_path(e, folder, entries)
            _mark_undo(journal)
            undone = _backward(folder, journal, entries)
            raise OutputError(f"cannot write ({_cause(e)}); {undone}", source=failed) from None
        on_point("applied")
        try:
            _sync_dirs(folder, entries)
            _discard(journal)
        except OSError:
            pass  # every file is in place; the next run removes what is left of the journal


def _stage(folder: Path, stage: Path, changes: Sequence[Change]) -> list[dict[str, Any]]:
    """Write the new contents and link the old ones into `stage`, with the list of both."""
    stage.mkdir()
    entries: list[dict[str, Any]] = []
    made_dirs: list[str] = []
    for i, change in enumerate(changes):
        rel = _relative(folder, change.path)
        target = folder / rel
        entry: dict[str, Any] = {"path": rel, "new": None, "old": None}
        try:
            if target.exists() and not target.is_file():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
            for parent in reversed(Path(rel).parents[:-1]):
                if not (folder / parent).is_dir() and str(parent) not in made_dirs:
                    made_dirs.append(str(parent))
            if change.data is not None:
                entry["new"] = f"new-{i}"
                _write_synced(stage / entry["new"], change.data, like=target)
            if target.is_file():
                entry["old"] = f"old-{i}"
                _keep_old(target, stage / entry["old"])
        except OSError as e:
            cause = _cause(e)
            raise OutputError(f"cannot write ({cause}); nothing was written",
                              source=target) from None
        entries.append(entry)
    listing = json.dumps({"version": 1, "dirs": made_dirs, "entries": entries}, indent=1)
    try:
        _write_synced(stage / _LIST, listing.encode("utf-8"))
        _sync_dir(stage)
    except OSError as e:
        raise OutputError(f"cannot write ({_cause(e)}); nothing was written",
                          source=folder) from None
    return entries


def _relative(folder: Path, path: Path) -> str:
    """`path` inside `folder`, as the journal names it (never outside the folder)."""
    try:
        rel = path.absolute().relative_to(folder.absolute())
    except ValueError:
        raise OutputError(f"is outside the library folder {folder}", source=path) from None
    if not rel.parts or ".." in rel.parts or rel.parts[0] == STATE:
        raise OutputError(f"is not a library file of {folder}", source=path)
    return rel.as_posix()


def _write_synced(path: Path, data: bytes, *, like: Path | None = None) -> None:
    """A new file with `data`, on disk before the journal names it; a replaced file's
    permissions kept."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "wb") as fh:
        if like is not None and like.is_file():
            os.fchmod(fh.fileno(), like.stat().st_mode & 0o7777)
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _keep_old(target: Path, keep: Path) -> None:
    """The old contents kept in the journal: a hard link (no copy), else a copy."""
    try:
        os.link(target, keep)
    except OSError as e:
        if e.errno not in _NO_LINKS:
            raise
        shutil.copy2(target, keep)
        with keep.open("rb") as fh:
            os.fsync(fh.fileno())


def _forward(folder: Path, journal: Path, entries: list[dict[str, Any]]) -> None:
    """Put every new file in its place and remove the removed ones; safe to run again."""
    for made in _listing(journal).get("dirs", []):
        (folder / made).mkdir(parents=True, exist_ok=True)
    for entry in entries:
        target = folder / entry["path"]
        if entry["new"] is not None:
            staged = journal / entry["new"]
            if staged.exists():  # gone: placed before a kill
                os.replace(staged, target)
        elif entry["old"] is not None or target.is_file():
            target.unlink(missing_ok=True)
        on_point("applying")  # after each file


def _backward(folder: Path, journal: Path, entries: list[dict[str, Any]]) -> str:
    """Put every old file back and remove the new ones; what the folder is left as."""
    on_point("undoing")
    failed: list[str] = []
    for entry in entries:
        target = folder / entry["path"]
        try:
            if entry["old"] is not None:
                kept = journal / entry["old"]
                if kept.exists() and not (target.exists() and not target.is_file()):
                    os.replace(kept, target)
            elif entry["new"] is not None and not (journal / entry["new"]).exists() \
                    and target.is_file():
                target.unlink()  # a file this change made
        except OSError as e:
            failed.append(f"{entry['path']}: {_cause(e)}")
    listing = _listing(journal)
    for made in reversed(listing.get("dirs", [])):
        with contextlib.suppress(OSError):  # not empty (a file someone put there), or gone
            (folder / made).rmdir()
    if failed:
        return (f"undoing it failed too ({failed[0]}); the next asp-draft run on "
                f"{folder} undoes it")
    _sync_dirs(folder, entries)
    _discard(journal)
    return "the library folder is as it was (the change was undone)"


def _mark_undo(journal: Path) -> None:
    """Say in the journal that it is being undone, so a run that finds it undoes it too."""
    try:
        fd = os.open(journal / _UNDO, os.O_WRONLY | os.O_CREAT, 0o666)
        os.fsync(fd)
        os.close(fd)
        _sync_dir(journal)
    except OSError:
        pass  # the undo below runs anyway; only a kill during it would then redo forward


def recover(folder: Path) -> str | None:
    """Finish a change a killed run left: forward if it was whole, back if it was failing.
    The caller holds the apply lock. Returns 'completed', 'undone' or None (nothing to do)."""
    journal = folder / STATE / JOURNAL
    if not journal.is_dir():
        return None
    try:
        entries = _entries(folder, journal)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise LibraryError(f"an unfinished adopt left a journal that cannot be read ({e}); "
                           "remove the folder once the library is checked",
                           source=journal) from None
    try:
        if not (journal / _UNDO).exists():
            try:
                _forward(folder, journal, entries)
                _sync_dirs(folder, entries)
                _discard(journal)
                return "completed"
            except OSError:
                _mark_undo(journal)
        said = _backward(folder, journal, entries)
    except OSError as e:
        raise LibraryError(f"an unfinished adopt cannot be finished ({_cause(e)})",
                           source=journal) from None
    if journal.exists():
        raise LibraryError(f"an unfinished adopt cannot be undone: {said}", source=journal)
    return "undone"


def _listing(journal: Path) -> dict[str, Any]:
    data = json.loads((journal / _LIST).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not a mapping")
    return data


def _entries(folder: Path, journal: Path) -> list[dict[str, Any]]:
    """The journal's entries, each checked to name a file inside `folder` and in the journal."""
    entries = _listing(journal)["entries"]
    if not isinstance(entries, list):
        raise ValueError("no list of entries")
    for entry in entries:
        _relative(folder, folder / str(entry["path"]))
        for key in ("new", "old"):
            if entry[key] is not None and "/" in str(entry[key]):
                raise ValueError(f"bad name {entry[key]!r}")
    return entries


def _discard(journal: Path) -> None:
    """The journal of a finished change removed; its removal is on disk before returning."""
    shutil.rmtree(journal)
    _sync_dir(journal.parent)


def _discard_staging(state: Path) -> None:
    """Staging folders of runs killed before their change was decided: never seen, dropped."""
    for stage in state.glob(f"{_STAGING}*"):
        shutil.rmtree(stage, ignore_errors=True)


def _sync_dir(path: Path) -> None:
    """A folder's entries (a rename, a new file) on disk, where the system allows it."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is still atomic
    finally:
        os.close(fd)


def _sync_dirs(folder: Path, entries: list[dict[str, Any]]) -> None:
    for parent in sorted({(folder / e["path"]).parent for e in entries}):
        _sync_dir(parent)


def _failed_path(error: OSError, folder: Path, entries: list[dict[str, Any]]) -> Path:
    """The library file a failed rename was about (the error names the journal's copy)."""
    names = {str(folder / e["path"]) for e in entries}
    for name in (error.filename2, error.filename):
        if name is not None and str(name) in names:
            return Path(str(name))
    return folder


def _cause(error: OSError) -> str:
    """An OSError's cause for a message, with a plain hint where one helps."""
    from asp_draft.output import describe_os_error

    return describe_os_error(error)
