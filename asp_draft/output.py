"""Writing output files safely: atomically, never over an input, never over a file unasked."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from asp_draft.errors import OutputError


def check_output(path: Path, *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Refuse before any work: an input, an existing file (without force), a missing folder."""
    target = path.resolve()
    if target in {p.resolve() for p in inputs}:
        raise OutputError("is also an input; asp-draft never writes over its inputs",
                          source=path)
    if not target.parent.is_dir():
        raise OutputError(f"the folder {str(path.parent)!r} does not exist", source=path)
    if target.is_dir():
        raise OutputError("is a folder; give a file name", source=path)
    if target.exists() and not force:
        raise OutputError("already exists; use --force to replace it", source=path)


def write_atomic(path: Path, data: bytes | str, *, force: bool,
                 inputs: Iterable[Path] = ()) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place."""
    check_output(path, force=force, inputs=inputs)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a result file is shared like any other, so it
        # takes the mode a new file would (the umask's), or keeps the mode of the one replaced.
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permission bits of the file being replaced, else 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
