"""Load and validate clause libraries, layered: the bundled one, then the user's folders.

A library folder holds preamble/<id>.yaml, operative/<id>.yaml, sessions/<year>.yaml and
facts.yaml; any of them may be absent in a user's folder. A clause id or session year in a
later folder replaces the earlier one; facts are merged year by year.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asp_draft.errors import InputError, LibraryError, UnknownClauseError, UnknownReferenceError
from asp_draft.facts import Facts, facts_from_data
from asp_draft.model import ADOPTED, PARTS, PROPOSED, Clause, Part, Version
from asp_draft.readers.spec import Spec, read_spec
from asp_draft.yamlio import load_yaml_file

ENV_VAR = "ASP_DRAFT_LIBRARY"
CLAUSE_KEYS = frozenset(("id", "part", "topic", "tags", "versions", "note"))
VERSION_KEYS = frozenset(("text", "adopted", "proposed", "proposer", "printed", "note"))
CLAUSE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def bundled_path() -> Path:
    """The library that ships inside the package (asp_draft/clauses, or clauses/ in a checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "clauses", here.parent / "clauses"):
        if (candidate / "facts.yaml").is_file():
            return candidate
    raise LibraryError("the bundled clause library is missing from this installation",
                       source=here)


def library_dirs(extra: Sequence[Path] = ()) -> list[Path]:
    """Folders in rising priority: bundled, then ASP_DRAFT_LIBRARY, then --library options."""
    dirs = [bundled_path()]
    env = os.environ.get(ENV_VAR, "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += list(extra)
    return dirs


@dataclass
class Library:
    """The clauses, session files and facts of all layers, merged."""

    clauses: dict[str, Clause] = field(default_factory=dict)
    sessions: dict[int, Spec] = field(default_factory=dict)
    facts: Facts = field(default_factory=Facts)
    roots: list[Path] = field(default_factory=list)

    def clause(self, clause_id: str, *, source: str | None = None,
               line: int | None = None) -> Clause:
        """The clause with this id; an unknown id suggests the nearest ones."""
        found = self.clauses.get(clause_id)
        if found:
            return found
        near = difflib.get_close_matches(clause_id, list(self.clauses), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else \
            " (asp-draft clauses lists them)"
        raise UnknownClauseError(f"unknown clause {clause_id!r}{hint}", source=source,
                                 line=line)

    def session(self, year: int) -> Spec:
        """The adopted resolution of `year`."""
        if year in self.sessions:
            return self.sessions[year]
        known = ", ".join(str(y) for y in sorted(self.sessions))
        raise UnknownReferenceError(f"no adopted resolution for {year} in the library "
                                    f"(known years: {known})")

    def session_by_symbol(self, symbol: str) -> Spec:
        """The adopted resolution with this document symbol."""
        for spec in self.sessions.values():
            if str(spec.meta.get("symbol", "")).lower() == symbol.lower():
                return spec
        known = ", ".join(str(s.meta.get("symbol")) for _, s in sorted(self.sessions.items()))
        raise UnknownReferenceError(f"no adopted resolution with symbol {symbol!r} "
                                    f"(known: {known})")

    def year_of_symbol(self, symbol: str) -> int | None:
        """The year of a document symbol, from session files or facts."""
        for year, spec in self.sessions.items():
            if spec.meta.get("symbol") == symbol:
                return year
        return self.facts.year_of_symbol(symbol)


def load_library(extra: Sequence[Path] = ()) -> Library:
    """Load the bundled library and the user's layers (ASP_DRAFT_LIBRARY, --library)."""
    return load_layers(library_dirs(extra))


def load_layers(dirs: Iterable[Path]) -> Library:
    """Load library folders in rising priority."""
    lib = Library()
    raw: dict[str, tuple[Any, Path, Part]] = {}
    for root in dirs:
        if not root.is_dir():
            raise InputError("library folder not found", source=root)
        lib.roots.append(root)
        facts_file = root / "facts.yaml"
        if facts_file.is_file():
            lib.facts = lib.facts.merge(facts_from_data(load_yaml_file(facts_file), facts_file))
        for part in PARTS:
            for path in sorted((root / part).glob("*.yaml")):
                raw[path.stem] = (load_yaml_file(path), path, part)
        for path in sorted((root / "sessions").glob("*.yaml")):
            spec = read_spec(path)
            if path.stem != str(spec.year):
                raise LibraryError(f"session file for {spec.year} must be named "
                                   f"{spec.year}.yaml", source=path, line=spec.lines["year"])
            lib.sessions[spec.year] = spec
    # Clauses are validated once all facts and sessions are known, so symbols resolve to years.
    for data, path, part in raw.values():
        clause = _clause(data, path, part, lib)
        lib.clauses[clause.id] = clause
    return lib


def _clause(data: Any, path: Path, part: Part, lib: Library) -> Clause:
    if not isinstance(data, dict):
        raise LibraryError("a clause file must be a mapping (id, part, topic, versions)",
                           source=path, line=1)
    for key in data:
        if key not in CLAUSE_KEYS:
            raise LibraryError(f"unknown key {key!r} in clause (allowed: "
                               f"{', '.join(sorted(CLAUSE_KEYS))})", source=path,
                               line=_line(data, key))
    clause_id = data.get("id")
    if not isinstance(clause_id, str) or not CLAUSE_ID.fullmatch(clause_id):
        raise LibraryError("'id' must be lower-case words joined by '-'", source=path,
                           line=_line(data, "id"))
    if clause_id != path.stem:
        raise LibraryError(f"clause id {clause_id!r} does not match its file name "
                           f"{path.name!r}", source=path, line=_line(data, "id"))
    if data.get("part", part) != part:
        raise LibraryError(f"part {data.get('part')!r} does not match the folder {part}/",
                           source=path, line=_line(data, "part"))
    tags = data.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise LibraryError("'tags' must be a list of words", source=path,
                           line=_line(data, "tags"))
    versions = data.get("versions")
    if not isinstance(versions, list) or not versions:
        raise LibraryError("'versions' must be a non-empty list", source=path,
                           line=_line(data, "versions"))
    parsed = [_version(v, path, _line(versions, i) or 1, lib) for i, v in enumerate(versions)]
    parsed.sort(key=lambda v: (v.since or 0))
    return Clause(id=clause_id, part=part, topic=str(data.get("topic") or ""),
                  tags=tuple(tags), versions=tuple(parsed), source=str(path))


def _version(data: Any, path: Path, line: int, lib: Library) -> Version:
    if not isinstance(data, dict):
        raise LibraryError("a version must be a mapping with 'text'", source=path, line=line)
    for key in data:
        if key not in VERSION_KEYS:
            raise LibraryError(f"unknown key {key!r} in version (allowed: "
                               f"{', '.join(sorted(VERSION_KEYS))})", source=path,
                               line=_line(data, key))
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LibraryError("a version needs non-empty 'text'", source=path, line=line)
    adopted = data.get("adopted") or []
    if isinstance(adopted, str):
        adopted = [adopted]
    if "proposed" in data:
        if adopted:
            raise LibraryError("a version is either 'adopted' or 'proposed', not both",
                               source=path, line=line)
        year = data["proposed"]
        if not isinstance(year, int):
            raise LibraryError("'proposed' must be the year of the proposal", source=path,
                               line=_line(data, "proposed"))
        return Version(text=text, since=year, status=PROPOSED,
                       proposer=str(data.get("proposer") or "") or None, note=data.get("note"))
    if not adopted:
        raise LibraryError("a version needs 'adopted' (symbols) or 'proposed' (year)",
                           source=path, line=line)
    years = []
    for symbol in adopted:
        year = lib.year_of_symbol(str(symbol))
        if year is None:
            raise LibraryError(f"unknown symbol {symbol!r}: add it to a session file or to "
                               "facts.yaml 'documents'", source=path,
                               line=_line(data, "adopted"))
        years.append(year)
    printed = data.get("printed") or {}
    if not isinstance(printed, dict) or not set(printed) <= set(adopted):
        raise LibraryError("'printed' maps symbols of this version to their typography",
                           source=path, line=_line(data, "printed"))
    pairs = sorted(zip(years, adopted, strict=True))
    return Version(text=text, since=pairs[0][0], adopted=tuple(s for _, s in pairs),
                   years=tuple(y for y, _ in pairs), status=ADOPTED,
                   printed={str(k): str(v) for k, v in printed.items()}, note=data.get("note"))


def _line(container: Any, key: Any) -> int | None:
    """The line of `key` in a mapping or sequence read by yamlio (None for other data)."""
    line_of = getattr(container, "line_of", None)
    return int(line_of(key)) if line_of else None
