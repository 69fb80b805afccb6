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
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
