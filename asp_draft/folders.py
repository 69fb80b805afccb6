"""Where libraries are: the bundled one and the user's folders, found without reading them.

Kept apart from library/load.py (which reads YAML) so that the readers' word lists (leads.txt,
strength.txt) can find the same folders without loading the library.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from asp_draft.errors import LibraryError

ENV_VAR = "ASP_DRAFT_LIBRARY"
NO_BUNDLED_ENV = "ASP_DRAFT_NO_BUNDLED"


@cache
def bundled_path() -> Path:
    """The library that ships inside the package (asp_draft/clauses, or clauses/ in a checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "clauses", here.parent / "clauses"):
        if (candidate / "facts.yaml").is_file():
            return candidate
    raise LibraryError("the bundled clause library is missing from this installation",
                       source=here)


def bundled_wanted(bundled: bool = True) -> bool:
    """Whether the bundled library is in: not when the caller leaves it out (`bundled` False:
    --no-bundled) or ASP_DRAFT_NO_BUNDLED asks for the user's folders alone."""
    return bundled and \
        os.environ.get(NO_BUNDLED_ENV, "").strip().lower() in ("", "0", "no", "false")


def user_dirs(extra: Sequence[Path] = ()) -> list[Path]:
    """The user's folders in rising priority: ASP_DRAFT_LIBRARY, then --library options."""
    env = os.environ.get(ENV_VAR, "")
    return [*(Path(p) for p in env.split(os.pathsep) if p), *extra]


def library_dirs(extra: Sequence[Path] = (), *, bundled: bool = True) -> list[Path]:
    """Every library folder in rising priority: bundled (unless left out: see
    bundled_wanted), then the user's."""
    return ([bundled_path()] if bundled_wanted(bundled) else []) + user_dirs(extra)
