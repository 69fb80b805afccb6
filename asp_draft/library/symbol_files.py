"""File names of resolutions from their symbols: readable, and never shared by two symbols.

A resolution's file is named by its symbol's slug (`A/RES/80/7.1` ->
`resolutions/a-res-80-7-1.yaml`), as libraries have always been written. The slug drops
every separator, so `A/RES/80/7-1` has the same one: a second symbol whose slug is already
held under another symbol gets the slug and a digest of its own symbol
(`a-res-80-7-1.3e8f0c2b1d.yaml`). A slug has no '.', so a digest name never takes another
symbol's plain one, and two symbols share a digest name only if their digests agree in 40
bits. Symbols that differ only in case are one resolution, as the library finds them.
Files are known by the symbol they hold, not by their name, so folders written before
keep loading.
"""

from __future__ import annotations

import re
from pathlib import Path

RESOLUTIONS = "resolutions"
_DIGEST = 10  # hex digits: 40 bits


def slug(symbol: str) -> str:
    """'ICC-ASP/17/Res.3' -> 'icc-asp-17-res-3': the name a resolution's file has always had."""
    return re.sub(r"[^a-z0-9]+", "-", symbol.lower()).strip("-")


def same_symbol(a: str, b: str) -> bool:
    """True for two spellings of one symbol (case and surrounding spaces aside)."""
    return a.strip().lower() == b.strip().lower()


def unique_stem(symbol: str) -> str:
    """The slug and a digest of the symbol: the name when the slug is another symbol's."""
    import hashlib  # only for a slug another symbol holds: not on every library load

    digest = hashlib.sha256(symbol.strip().lower().encode("utf-8")).hexdigest()[:_DIGEST]
    return f"{slug(symbol)}.{digest}"


def stems(symbol: str) -> tuple[str, str]:
    """The two names a resolution file of `symbol` may have (without '.yaml')."""
    return slug(symbol), unique_stem(symbol)


def held_symbol(path: Path) -> str | None:
    """The symbol a resolution file holds, or None when there is no such file or it names
    none (a file that cannot be read holds none that could be compared)."""
    from asp_draft.errors import AspDraftError
    from asp_draft.library.yamlio import load_yaml_file

    if not path.is_file():
        return None
    try:
        data = load_yaml_file(path)
    except (AspDraftError, OSError):
        return None
    symbol = data.get("symbol") if isinstance(data, dict) else None
    return symbol if isinstance(symbol, str) and symbol.strip() else None


def resolution_path(folder: Path, symbol: str) -> Path:
    """Where `symbol`'s resolution file goes in `folder`: its slug's name unless a file of
    another symbol has it; then the slug and the symbol's digest."""
    base = folder / RESOLUTIONS
    plain = base / f"{slug(symbol)}.yaml"
    held = held_symbol(plain)
    if held is None or same_symbol(held, symbol):
        return plain
    return base / f"{unique_stem(symbol)}.yaml"


def holder(path: Path, symbol: str) -> str | None:
    """The other symbol whose file `path` is, or None when it is free or `symbol`'s own."""
    held = held_symbol(path)
    return None if held is None or same_symbol(held, symbol) else held
