"""A small library folder written by hand, for tests of what reads one."""

from __future__ import annotations

from pathlib import Path


def write_library(root: Path, files: dict[str, str]) -> Path:
    """Write each file (its path under `root`: its text), folders made as needed; `root`."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
