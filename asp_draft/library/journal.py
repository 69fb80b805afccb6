"""All-or-nothing changes to a library folder: a lock, and a journal a later run finishes.

A library is a record, so several files that change together (a resolution file and its
clause files) must change together or not at all, whatever happens: a kill, a full disk, a
folder where a file goes. The files sit in several sub-folders, so no single rename can show
them at once; instead every change goes through a journal, one file holding the old and the
new contents of every file the change touches:

1. under the folder's *adopt lock* (held by the caller for its plan and its write, so the
   plan is made on the library it changes), the journal is written as
   `.asp-draft/staging-<token>.json` and synced to disk; a kill here leaves the library as
   it was, and the next run drops the staging file;
2. under the *apply lock*, it is renamed `.asp-draft/journal.json`: from that rename on the
   change is decided. Each file then takes its new contents (a temporary file renamed into
   place), and the journal is removed once the files are on disk;
3. a run that finds `journal.json` (the next adopt, or a reader through `settled`) writes
   every file again from it; a write that fails renames it `undo.json`, and every file is
   given back its old contents (a run that finds `undo.json` finishes that). Writing a file
   from the journal twice gives the same file, so a kill during any of this is harmless.

Readers take the apply lock shared while they read the folder, so they see the library as
it was or as it is after the change, never half of one; they wait only while files are
being renamed, never while an adopt plans.

On disk, the journal is synced before it is decided and the files before it is removed:
two syncs per change, whatever its size (a sync per file would cost more than the adopt), so
that a power cut keeps the same promise on a journaling file system, which keeps renames in
order.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from asp_draft.errors import AspDraftError, LibraryError, OutputError

STATE = ".asp-draft"  # the library folder's own machinery: locks, journal, staging
JOURNAL = "journal.json"  # a decided change, being made
UNDO = "undo.json"  # a change whose write failed, being undone
_ADOPT_LOCK = "adopt.lock"
_APPLY_LOCK = "apply.lock"
_STAGING = "staging-"
STOP_ENV = "ASP_DRAFT_TEST_STOP_AT"  # tests stop a run at named points to kill it there
POINTS = ("locked", "staged", "committed", "applying", "applied", "undoing")
_held: set[Path] = set()  # folders whose adopt lock this process holds


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

def _open_lock(path: Path) -> IO[bytes] | None:
    """The lock file open for flock: made if missing, else read-only (a folder shared
    read-only), else None when it does not exist and cannot be made."""
    try:
        return path.open("ab")
    except OSError:  # no right to write it, or a read-only file system
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
    if key in _held:  # the outermost hold releases it
        yield
        return
    state = _state(folder)
    with _exclusive(state / _ADOPT_LOCK,
                    "cannot lock the library folder: its lock file cannot be opened"):
        _held.add(key)
        try:
            # only adopts (holding this lock) write journals, so one found now is a killed run's
            if (state / JOURNAL).exists() or (state / UNDO).exists():
                with _applying(state):
                    recover(folder)
            _discard_staging(state)
            on_point("locked")
            yield
        finally:
            _held.discard(key)


def holds_lock(folder: Path) -> bool:
    """True while this process holds `folder`'s adopt lock."""
    return folder.resolve() in _held


@contextmanager
def _applying(state: Path) -> Iterator[None]:
    """Hold the apply lock exclusively: no reader is reading the folder meanwhile."""
    with _exclusive(state / _APPLY_LOCK, "cannot lock the library folder for writing"):
        yield


@contextmanager
def _exclusive(path: Path, cannot: str) -> Iterator[None]:
    """Hold the lock file `path` exclusively (closing it releases the lock); OutputError
    saying `cannot` when the file can neither be opened nor made."""
    handle = _open_lock(path)
    if handle is None:
        raise OutputError(cannot, source=path)
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
    # made here if missing, as by an adopt: a reader and the first adopt must meet on it
    handle = _open_lock(state / _APPLY_LOCK)
    if handle is None:  # cannot be made (a folder shared read-only): nobody writes here
        yield
        return
    try:
        _lock(handle, shared=True)
        if (state / JOURNAL).exists() or (state / UNDO).exists():  # a killed run's change
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
    entries, dirs = _entries_for(folder, changes)
    stage = state / f"{_STAGING}{os.urandom(6).hex()}.json"
    try:
        _write_synced(stage, _dump(entries, dirs))
    except OSError as e:
        stage.unlink(missing_ok=True)
        raise OutputError(f"cannot write ({_cause(e)}); nothing was written",
                          source=folder) from None
    on_point("staged")
    with _applying(state):
        journal = state / JOURNAL
        try:
            os.rename(stage, journal)  # the change is decided here
        except OSError as e:
            stage.unlink(missing_ok=True)
            raise OutputError(f"cannot write ({_cause(e)}); nothing was written",
                              source=folder) from None
        # Not synced: journaling file systems keep renames in order, so no file below
        # reaches the disk before this rename does; the sync before the journal goes covers it.
        on_point("committed")
        try:
            _forward(folder, entries, dirs)
        except OSError as e:
            failed = _failed_path(e, folder, entries)
            undone = _undo(folder, state, entries, dirs)
            raise OutputError(f"cannot write ({_cause(e)}); {undone}", source=failed) from None
        on_point("applied")
        _finish(folder, journal)


def _entries_for(folder: Path, changes: Sequence[Change]
                 ) -> tuple[list[dict[str, Any]], list[str]]:
    """Each change as the journal lists it (path, old and new contents), and the folders it
    makes; a folder where a file goes is refused here, before anything is written."""
    entries: list[dict[str, Any]] = []
    dirs: list[str] = []
    for change in changes:
        rel = _relative(folder, change.path)
        target = folder / rel
        try:
            if target.exists() and not target.is_file():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
            old = target.read_bytes() if target.is_file() else None
        except OSError as e:
            raise OutputError(f"cannot write ({_cause(e)}); nothing was written",
                              source=target) from None
        for parent in reversed(Path(rel).parents[:-1]):
            if not (folder / parent).is_dir() and parent.as_posix() not in dirs:
                dirs.append(parent.as_posix())
        entries.append({"path": rel, "old": old, "new": change.data})
    return entries, dirs


def _dump(entries: list[dict[str, Any]], dirs: list[str]) -> bytes:
    """The journal's bytes: JSON, contents as text (bytes that are not UTF-8 kept exactly)."""
    def text(data: bytes | None) -> str | None:
        return None if data is None else data.decode("utf-8", "surrogateescape")

    listed = [{"path": e["path"], "old": text(e["old"]), "new": text(e["new"])}
              for e in entries]
    return json.dumps({"version": 1, "dirs": dirs, "entries": listed}).encode("ascii")


def _load(path: Path, folder: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """A journal's entries and folders, each path checked to lie inside `folder`."""
    data = json.loads(path.read_text(encoding="ascii"))
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ValueError("not a journal this version writes")
    entries = []
    for entry in data["entries"]:
        _relative(folder, folder / str(entry["path"]))
        entries.append({"path": str(entry["path"]),
                        **{k: None if entry[k] is None else
                           str(entry[k]).encode("utf-8", "surrogateescape")
                           for k in ("old", "new")}})
    dirs = [str(d) for d in data.get("dirs", [])]
    for made in dirs:
        _relative(folder, folder / made / "x")
    return entries, dirs


def _relative(folder: Path, path: Path) -> str:
    """`path` inside `folder`, as the journal names it (never outside the folder)."""
    try:
        rel = path.absolute().relative_to(folder.absolute())
    except ValueError:
        raise OutputError(f"is outside the library folder {folder}", source=path) from None
    if not rel.parts or ".." in rel.parts or rel.parts[0] == STATE:
        raise OutputError(f"is not a library file of {folder}", source=path)
    return rel.as_posix()


def _write_synced(path: Path, data: bytes) -> None:
    """A new file with `data`, on disk before anything names it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _place(target: Path, data: bytes) -> None:
    """`target` with `data`, in one step (a temporary file beside it, renamed); a file that
    already holds `data` is left alone, so writing from a journal again changes nothing."""
    try:
        if target.is_file() and target.stat().st_size == len(data) \
                and target.read_bytes() == data:
            return
    except OSError:
        pass  # cannot be read: it is written below (or that fails, and says why)
    tmp = target.parent / f".{target.name[:40]}.{os.urandom(6).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as fh:
            if target.is_file():  # a replaced file keeps its permissions
                os.fchmod(fh.fileno(), target.stat().st_mode & 0o7777)
            fh.write(data)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _forward(folder: Path, entries: list[dict[str, Any]], dirs: list[str]) -> None:
    """Give every file its new contents, or remove it; safe to run again."""
    for made in dirs:
        (folder / made).mkdir(parents=True, exist_ok=True)
    for entry in entries:
        target = folder / entry["path"]
        if entry["new"] is not None:
            _place(target, entry["new"])
        elif target.is_file() or target.is_symlink():
            target.unlink()
        on_point("applying")  # after each file


def _undo(folder: Path, state: Path, entries: list[dict[str, Any]], dirs: list[str]) -> str:
    """Mark the journal as undoing, then give every file its old contents back; what the
    folder is left as."""
    try:
        os.replace(state / JOURNAL, state / UNDO)
        _sync_dir(state)
    except OSError:
        pass  # undone below all the same; only a kill during it would then redo forward
    on_point("undoing")
    failed = _backward(folder, entries, dirs)
    if failed:
        return (f"undoing it failed too ({failed}); the next asp-draft run on {folder} "
                "undoes it")
    _finish(folder, state / UNDO)
    return "the library folder is as it was (the change was undone)"


def _backward(folder: Path, entries: list[dict[str, Any]], dirs: list[str]) -> str | None:
    """Every file back as it was (a file the change made removed, unless someone has
    written other contents in it); the first failure, or None."""
    failed: str | None = None
    for entry in entries:
        target = folder / entry["path"]
        try:
            if target.exists() and not target.is_file():
                continue  # a folder someone put there: nothing of ours to put back
            if entry["old"] is not None:
                _place(target, entry["old"])
            elif target.is_file() and target.read_bytes() == entry["new"]:
                target.unlink()
        except OSError as e:
            failed = failed or f"{entry['path']}: {_cause(e)}"
    for made in reversed(dirs):
        with contextlib.suppress(OSError):  # not empty (a file someone put there), or gone
            (folder / made).rmdir()
    return failed


def _finish(folder: Path, journal: Path) -> None:
    """The files on disk, then the journal removed: the change is over."""
    try:
        _sync_files(folder)
        journal.unlink()  # not synced: a journal found again is written again, to no change
    except OSError:
        pass  # every file is in place; the next run finds the journal and changes nothing


def recover(folder: Path) -> str | None:
    """Finish a change a killed run left: forward if it was decided, back if it was being
    undone. The caller holds the apply lock. Returns 'completed', 'undone' or None."""
    state = folder / STATE
    forward, backward = state / JOURNAL, state / UNDO
    found = backward if backward.is_file() else forward if forward.is_file() else None
    if found is None:
        return None
    try:
        entries, dirs = _load(found, folder)
    except (OSError, ValueError, KeyError, TypeError, AspDraftError) as e:
        raise LibraryError(f"an unfinished adopt left a journal that cannot be read ({e}); "
                           "remove it once the library is checked", source=found) from None
    if found == forward:
        try:
            _forward(folder, entries, dirs)
            _finish(folder, forward)
            return "completed"
        except OSError:
            pass
        said = _undo(folder, state, entries, dirs)
    else:
        failed = _backward(folder, entries, dirs)
        said = f"undoing it failed ({failed})" if failed else ""
        if not failed:
            _finish(folder, backward)
    if forward.exists() or backward.exists():
        raise LibraryError(f"an unfinished adopt cannot be finished: {said}", source=found)
    return "undone"


def _discard_staging(state: Path) -> None:
    """Staging files of runs killed before their change was decided: never seen, dropped."""
    for stage in state.glob(f"{_STAGING}*"):
        stage.unlink(missing_ok=True)


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


def _sync_files(folder: Path) -> None:
    """Everything written on `folder`'s file system on disk: one syncfs where Linux has it
    (a sync per file would cost more than the adopt), else a sync of every disk."""
    if sys.platform.startswith("linux"):
        import ctypes

        fd = os.open(folder, os.O_RDONLY)
        try:
            if ctypes.CDLL(None, use_errno=True).syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    sync = getattr(os, "sync", None)  # not on Windows, whose renames are not ordered anyway
    if sync is not None:
        sync()


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
