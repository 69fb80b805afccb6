"""Writing output files safely: atomically, never over an input, never over a file unasked.

The data goes to a temporary file beside the output, which then takes the output's name in
one step: with --force by a rename (a reader sees the old file or the new one, never half of
one), without it by a hard link, which fails if the name exists. So of several asp-draft
runs writing the same new file at once exactly one wins and the others say "already exists";
a check-then-rename would let two of them succeed and one silently replace the other. When
anything fails (a full disk, a folder that cannot be written) the temporary file is removed
and the previous file, if there was one, is as it was.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from asp_draft.errors import OutputError

ALREADY_EXISTS = "already exists; use --force to replace it"
# Errors that say the folder cannot take a hard link (FAT, some network shares), not that
# the name is taken: those fall back to reserving the name with O_EXCL.
_NO_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS,
                       errno.EMLINK, errno.EXDEV})


_HINTS = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
          errno.EACCES: "the folder cannot be written", errno.EROFS: "the folder is read-only",
          errno.EISDIR: "it is a folder"}


def check_output(path: Path, *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Refuse before any work: an input, an existing file (without force), a missing folder."""
    try:
        target = path.resolve()
        if target in {p.resolve() for p in inputs}:
            raise OutputError("is also an input; asp-draft never writes over its inputs",
                              source=path)
        if target.parent.exists() and not target.parent.is_dir():
            raise OutputError(f"{str(path.parent)!r} is a file, not a folder", source=path)
        if not target.parent.is_dir():
            raise OutputError(f"the folder {str(path.parent)!r} does not exist", source=path)
        if target.is_dir():
            raise OutputError("is a folder; give a file name", source=path)
        if target.exists() and not target.is_file():  # --force must never replace a device
            raise OutputError("is not a regular file (a device or a pipe); give a file name",
                              source=path)
        if target.exists() and not force:
            raise OutputError(ALREADY_EXISTS, source=path)
    except OSError as e:  # a name too long, a loop of links: the system says which
        raise output_error(path, e) from None


def output_error(path: Path, error: OSError) -> OutputError:
    """An OSError met while writing `path`, as one line naming the file and the cause."""
    if isinstance(error, FileExistsError):
        return OutputError(ALREADY_EXISTS, source=path)
    cause = describe_os_error(error)
    try:
        kept = "the file there is unchanged" if path.is_file() else "nothing was written"
    except OSError:
        kept = "nothing was written"
    return OutputError(f"cannot write ({cause}); {kept}", source=path)


def describe_os_error(error: OSError) -> str:
    """The system's words for an OSError, with a plain hint where one helps ('No space left
    on device: the disk is full')."""
    cause = error.strerror or str(error)
    hint = _HINTS.get(error.errno or 0)
    if hint and hint.lower() != cause.lower():
        cause = f"{cause}: {hint}"
    return cause


def write_atomic(path: Path, data: bytes | str, *, force: bool,
                 inputs: Iterable[Path] = ()) -> None:
    """Write `data` to a temporary file beside `path`, then give it `path`'s name: replacing
    a file only with `force`, and never a file another writer made meanwhile."""
    check_output(path, force=force, inputs=inputs)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = _temporary(path)
    except OSError as e:
        raise output_error(path, e) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            if force and path.is_file():  # a replaced file keeps its permissions
                os.fchmod(fh.fileno(), path.stat().st_mode & 0o7777)
            fh.write(payload)
        if force:
            os.replace(tmp, path)
        else:
            _place_new(tmp, path)
    except OSError as e:
        raise output_error(path, e) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _place_new(tmp: str, path: Path) -> None:
    """Give the written file `path`'s name only if no file has it (FileExistsError if one
    has)."""
    try:
        os.link(tmp, path)
        return
    except OSError as e:
        if e.errno not in _NO_LINKS:  # EEXIST above all: another writer was first
            raise
    # No hard links here: reserve the name exclusively, then rename over our own reservation.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        os.replace(tmp, path)
    except OSError:
        path.unlink(missing_ok=True)
        raise


def _temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside `path`, created with mode 0666 so that the umask applies
    as to any new file (mkstemp's would be private, 0600)."""
    for _ in range(100):
        # a short prefix: the output's own name may be near the system's limit
        tmp = str(path.parent / f".{path.name[:40]}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))
