"""Load and validate clause libraries, layered: the bundled one, then the user's folders.

A library folder holds preamble/<id>.yaml, operative/<id>.yaml, sessions/<year>.yaml (the
omnibus resolution of each year), resolutions/<slug>.yaml (any other adopted resolution, known
by its symbol) and facts.yaml; any of them may be absent in a user's folder. A clause id,
session year or resolution symbol in a later folder replaces the earlier one; facts are merged
year by year. `--no-bundled` (ASP_DRAFT_NO_BUNDLED=1) leaves the bundled folder out.
"""

from __future__ import annotations

import contextlib
import difflib
import heapq
import marshal
import os
import re
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import Any

from asp_draft.errors import (
    AspDraftError,
    InputError,
    LibraryError,
    UnknownClauseError,
    UnknownReferenceError,
)
from asp_draft.folders import bundled_path, library_dirs
from asp_draft.language import DEFAULT as DEFAULT_LANGUAGE
from asp_draft.language import language_code
from asp_draft.library.facts import Facts, facts_from_data, library_language
from asp_draft.library.spec_reader import read_spec
from asp_draft.library.symbol_files import same_symbol, slug, stems
from asp_draft.library.yamlcheck import check_keys, line_of
from asp_draft.library.yamlio import load_yaml_file
from asp_draft.model import ADOPTED, PARTS, PROPOSED, Part
from asp_draft.model.library import Clause, Version
from asp_draft.model.spec import Spec

CLAUSE_KEYS = frozenset(("id", "part", "topic", "tags", "versions", "note"))
VERSION_KEYS = frozenset(("text", "adopted", "proposed", "proposer", "amends", "printed",
                          "note", "rolls", "language"))
# How a version rolls forward into next year's draft: a template that counts on, a statement
# about a past event kept word for word, or wording a person must look at.
ROLLS = ("advance", "keep", "review")
CLAUSE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
RESOLUTIONS = "resolutions"  # the folder of adopted resolutions other than the omnibus
KNOWN_LISTED = 10  # an unknown symbol's message lists the held ones up to this many


def _symbol_key(spec: Spec) -> str:
    return (spec.meta.symbol or "").strip().lower()


def _held_order(spec: Spec) -> tuple[int, str]:
    return spec.year, spec.meta.symbol or ""


def symbol_slug(symbol: str) -> str:
    """'ICC-ASP/17/Res.3' -> 'icc-asp-17-res-3': the plain file name of a resolution."""
    return slug(symbol)


@dataclass
class Library:
    """The clauses, session files and facts of all layers, merged."""

    clauses: dict[str, Clause] = field(default_factory=dict)
    sessions: dict[int, Spec] = field(default_factory=dict)  # year -> that year's omnibus
    resolutions: dict[str, Spec] = field(default_factory=dict)  # symbol -> other resolutions
    facts: Facts = field(default_factory=Facts)
    roots: list[Path] = field(default_factory=list)
    # clause files that could not be read: id -> the error, raised only where the clause is used
    broken: dict[str, AspDraftError] = field(default_factory=dict)
    # a held resolution's source -> the language of the folder it is in (its facts.yaml's)
    spec_languages: dict[str, str] = field(default_factory=dict)
    # lower-cased symbol -> the held resolution: finding one must not sort them all
    _symbols: dict[str, Spec] = field(default_factory=dict, repr=False)
    # a library read only in part (load_held): the year of a symbol it did not read
    _find_year: Callable[[str], int | None] | None = field(default=None, repr=False)
    # ... and its resolution files, read when a clause's other printings are asked for
    _files: _HeldFiles | None = field(default=None, repr=False)

    def copy(self) -> Library:
        """A library whose clauses and held resolutions can change apart from this one's."""
        return replace(self, clauses=dict(self.clauses), sessions=dict(self.sessions),
                       resolutions=dict(self.resolutions), broken=dict(self.broken),
                       spec_languages=dict(self.spec_languages), _symbols=dict(self._symbols))

    def add_session(self, spec: Spec) -> None:
        """Hold `spec` as its year's omnibus resolution (replacing the one held)."""
        self._unindex(self.sessions.get(spec.year))
        self.sessions[spec.year] = spec
        self._index(spec)

    def add_resolution(self, spec: Spec) -> None:
        """Hold `spec` as a resolution other than the omnibus, known by its symbol."""
        symbol = str(spec.meta.symbol)
        self._unindex(self.resolutions.get(symbol))
        self.resolutions[symbol] = spec
        self._index(spec)

    def _index(self, spec: Spec) -> None:
        key = _symbol_key(spec)
        other = self._symbols.get(key)
        # two held texts with one symbol: the earlier is found, as a search by year would
        if other is None or _held_order(spec) < _held_order(other):
            self._symbols[key] = spec

    def _unindex(self, spec: Spec | None) -> None:
        if spec is None or self._symbols.get(_symbol_key(spec)) is not spec:
            return
        key = _symbol_key(spec)
        del self._symbols[key]
        for other in [*self.sessions.values(), *self.resolutions.values()]:
            if other is not spec and _symbol_key(other) == key:
                self._index(other)

    @property
    def language(self) -> str:
        """The language a new draft is in: the last folder's facts.yaml that names one's."""
        return self.facts.language or DEFAULT_LANGUAGE

    def language_of(self, spec: Spec) -> str:
        """A spec's language: its own, else its folder's (a held resolution), else the library's."""
        own = spec.meta.language
        if own:
            return language_code(own)
        return self.spec_languages.get(spec.source, self.language)

    def held(self) -> list[Spec]:
        """Every adopted resolution the library holds, omnibus or not, by year then symbol."""
        specs = [*self.sessions.values(), *self.resolutions.values()]
        return sorted(specs, key=_held_order)

    def require_record(self) -> None:
        """Stop with one line when the library holds nothing to work on."""
        if self.sessions or self.resolutions or self.clauses:
            return
        where = ", ".join(str(r) for r in self.roots) or "no folder"
        raise LibraryError(f"the library is empty: no adopted resolution or clause in {where}"
                           + ("" if bundled_path() in self.roots
                              else " (the bundled library is left out)")
                           + "; add one with asp-draft adopt")

    def clause(self, clause_id: str, *, source: str | None = None,
               line: int | None = None) -> Clause:
        """The clause with this id; an unknown id suggests the nearest ones."""
        found = self.clauses.get(clause_id)
        if found:
            return found
        if clause_id in self.broken:
            raise self.broken[clause_id]
        near = difflib.get_close_matches(clause_id, list(self.clauses), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else \
            " (asp-draft clauses lists them)"
        raise UnknownClauseError(f"unknown clause {clause_id!r}{hint}", source=source,
                                 line=line)

    def session(self, year: int) -> Spec:
        """The adopted resolution of `year`."""
        if year in self.sessions:
            return self.sessions[year]
        self.require_record()
        others = [str(s.meta.symbol) for s in self.held() if s.year == year]
        if others:
            raise UnknownReferenceError(f"no omnibus resolution for {year} in the library; "
                                        f"name the one held by its symbol: {', '.join(others)}")
        known = ", ".join(str(y) for y in sorted(self.sessions))
        raise UnknownReferenceError(f"no adopted resolution for {year} in the library "
                                    f"(known years: {known or 'none'})")

    def session_by_symbol(self, symbol: str) -> Spec:
        """The adopted resolution with this document symbol, omnibus or not."""
        found = self.find_symbol(symbol)
        if found is not None:
            return found
        self.require_record()
        raise UnknownReferenceError(f"no adopted resolution with symbol {symbol!r} "
                                    f"({self._known_symbols(symbol)})")

    def _known_symbols(self, symbol: str) -> str:
        """'held: A, B' for a few; for a body's record, the count and the closest few."""
        known = [str(s.meta.symbol) for s in self.held()]
        if len(known) <= KNOWN_LISTED:
            return f"known: {', '.join(known) or 'none'}"
        by_key = {k.lower(): k for k in known}
        near = difflib.get_close_matches(symbol.strip().lower(), list(by_key),
                                         n=KNOWN_LISTED // 2, cutoff=0.6)
        said = f"; the closest: {', '.join(by_key[k] for k in near)}" if near else ""
        return f"{len(known):,} held{said}"

    def find_symbol(self, symbol: str) -> Spec | None:
        """The held resolution with this symbol (any case), or None."""
        return self._symbols.get(symbol.strip().lower())

    def held_symbols(self) -> set[str]:
        """The symbols of every held resolution, as their files write them."""
        return {str(s.meta.symbol) for s in self._symbols.values()}

    @property
    def read_in_part(self) -> bool:
        """Whether this library holds only what one resolution needs (load_held)."""
        return self._files is not None

    def citing(self, clause_id: str) -> Iterable[Spec]:
        """Every held resolution that may print `clause_id` (it names it), by year then
        symbol (a library read in part reads only these files, each as it is reached;
        add_clauses reads the clauses a spec needs)."""
        if self._files is not None:
            return self._files.citing(self, clause_id)
        return [s for s in self.held() if clause_id in cited(s)]

    def add_clauses(self, clause_ids: Iterable[str]) -> None:
        """Make sure these clauses are held (a library read in part reads their files)."""
        if self._files is not None:
            self._files.add_clauses(self, clause_ids)

    def may_hold_partial(self) -> bool:
        """False when no held resolution's record is partial (a library read in part tells
        from its files' text, reading only those that may say so)."""
        if any(s.meta.partial for s in self.held()):
            return True
        return self._files is not None and self._files.may_hold_partial()

    def year_of_symbol(self, symbol: str) -> int | None:
        """The year of a document symbol, from session and resolution files or facts."""
        spec = self._symbols.get(symbol.lower())
        if spec is not None and spec.meta.symbol == symbol:
            return spec.year
        year = self.facts.year_of_symbol(symbol)
        if year is None and self._find_year is not None:
            return self._find_year(symbol)
        return year


def load_library(extra: Sequence[Path] = (), *, strict: bool = True,
                 bundled: bool = True) -> Library:
    """Load the bundled library (unless `bundled` is False or ASP_DRAFT_NO_BUNDLED is set)
    and the user's layers (ASP_DRAFT_LIBRARY, --library).

    Not `strict`: a clause file that cannot be read is kept aside in `broken` (its error is
    raised only where the clause is used), so one bad file in a shared library stops nothing
    else.
    """
    return load_layers(library_dirs(extra, bundled=bundled), strict=strict)


# One clause file as read: its data (or why it could not be read), path, part, and the
# language of its folder (its versions' default).
_Raw = tuple[Any, Path, Part, str]


def load_layers(dirs: Iterable[Path], *, strict: bool = True) -> Library:
    """Load library folders in rising priority (see load_library for `strict`)."""
    dirs = list(dirs)
    with _settled(dirs):
        return _load_layers(dirs, strict=strict)


@contextmanager
def _settled(dirs: Sequence[Path]) -> Iterator[None]:
    """Every folder read as it was or as an adopt left it, never half-written (a change a
    killed adopt left is finished first): see journal.settled."""
    from asp_draft.library.journal import settled

    with ExitStack() as stack:
        for root in dirs:
            stack.enter_context(settled(root))
        yield


def _load_layers(dirs: Sequence[Path], *, strict: bool) -> Library:
    lib = Library()
    raw: dict[str, list[_Raw]] = {}
    for root in dirs:
        if not root.is_dir():
            raise InputError("library folder not found", source=root)
        lib.roots.append(root)
        facts_file = root / "facts.yaml"
        language = DEFAULT_LANGUAGE
        if facts_file.is_file():
            facts = facts_from_data(load_yaml_file(facts_file), facts_file)
            language = facts.language or DEFAULT_LANGUAGE
            lib.facts = lib.facts.merge(facts)
        for part in PARTS:
            for path in sorted((root / part).glob("*.yaml")):
                try:
                    raw.setdefault(path.stem, []).append(
                        (load_yaml_file(path), path, part, language))
                except AspDraftError as e:
                    if strict:
                        raise
                    raw.setdefault(path.stem, []).append((e, path, part, language))
        _read_sessions(root, language, lib)
    # Clauses are validated once all facts and sessions are known, so symbols resolve to years.
    for stem, layers in raw.items():
        _add_clause(lib, stem, layers, strict)
    return lib


def load_held(extra: Sequence[Path], symbol: str, *, bundled: bool = True) -> Library | None:
    """The library as far as one held resolution needs it: the facts, the omnibus files,
    that resolution and the clauses it cites (a clause file that cannot be read is kept
    aside, as load_library does when not strict); the year of another symbol a clause cites
    is read from that symbol's file when asked.

    None when no resolution file is named for `symbol` (an omnibus, or a file named
    otherwise): the whole library must be read then. Showing one resolution of a body's
    record must not read its thousands of files.
    """
    dirs = library_dirs(extra, bundled=bundled)
    with _settled(dirs):
        return _load_held(dirs, symbol)


def _load_held(dirs: Sequence[Path], symbol: str) -> Library | None:
    found = _held_file(dirs, symbol)
    if found is None:
        return None
    languages: dict[Path, str] = {}
    lib = Library(_find_year=_YearFinder(dirs), _files=_HeldFiles(dirs, languages))
    for root in dirs:
        if not root.is_dir():
            raise InputError("library folder not found", source=root)
        lib.roots.append(root)
        languages[root] = _read_facts(root, lib)
        _read_sessions(root, languages[root], lib, resolutions=False)
    root, path = found
    spec = read_resolution(path)
    if not same_symbol(str(spec.meta.symbol), symbol):
        return None
    lib.add_resolution(spec)
    lib.spec_languages[spec.source] = languages[root]
    _add_clauses(lib, dirs, languages, cited(spec))
    return lib


def _add_clauses(lib: Library, dirs: Sequence[Path], languages: dict[Path, str],
                 clause_ids: Iterable[str]) -> None:
    """The clauses of these ids that `lib` does not hold yet, from every folder."""
    for clause_id in sorted(clause_ids):
        if clause_id in lib.clauses or clause_id in lib.broken:
            continue
        layers = [(load_or_error(p), p, part, languages[r]) for r in dirs for part in PARTS
                  if (p := r / part / f"{clause_id}.yaml").is_file()]
        if layers:
            _add_clause(lib, clause_id, layers, strict=False)


class _HeldFiles:
    """The resolution files of a library read in part, parsed only when they may name what is
    asked for: blame of one resolution of a body's record needs the few that print its
    clauses, not the thousands it holds. Which file names which word comes from _Scan."""

    def __init__(self, dirs: Sequence[Path], languages: dict[Path, str]) -> None:
        self.dirs, self.languages = dirs, languages
        self._scan: _Scan | None = None
        self._specs: dict[Path, Spec | None] = {}  # a file -> its spec, None if not held
        self._cited: dict[Path, set[str]] = {}  # a held file -> the clauses it cites

    def scan(self) -> _Scan:
        """Every resolution file of every folder, and the words of each (once a command)."""
        if self._scan is None:
            self._scan = scan_resolutions(self.dirs)
        return self._scan

    def files(self) -> list[tuple[Path, str]]:
        """Every resolution file of every folder, as (folder, name), in reading order."""
        return self.scan().files

    def citing(self, lib: Library, clause_id: str) -> Iterable[Spec]:
        """The held specs naming `clause_id`, by year then symbol (their clauses are not
        read: see add_clauses). A file names a clause it cites as a word of its text (an id
        is letters, digits and '-', the same bytes in UTF-8), unless its text is not plain
        (see _plain): such a file is parsed whatever it holds."""
        scan = self.scan()
        candidates = sorted({*scan.files_with(clause_id.encode()), *scan.odd})
        keys = [scan.key(i) for i in candidates]
        if any(key is None for key in keys):  # a file whose order its lines do not tell
            return list(self._citing(lib, clause_id, candidates))
        ordered = sorted(zip(keys, candidates, strict=True))
        return _Merged(sorted((s for s in lib.sessions.values() if clause_id in cited(s)),
                              key=_held_order),
                       self._citing(lib, clause_id, [i for _, i in ordered]))

    def _citing(self, lib: Library, clause_id: str, indexes: list[int]) -> Iterator[Spec]:
        """The specs of these files that name `clause_id`, read one by one as asked for."""
        files = self.files()
        for i in indexes:
            root, name = files[i]
            path = root / RESOLUTIONS / name
            spec = self._held(root, path)
            if spec is not None and clause_id in self._cited[path]:
                lib.spec_languages[spec.source] = self.languages[root]
                yield spec

    def add_clauses(self, lib: Library, clause_ids: Iterable[str]) -> None:
        """These clauses into `lib`, from every folder, where it does not hold them yet."""
        _add_clauses(lib, self.dirs, self.languages, clause_ids)

    def _held(self, root: Path, path: Path) -> Spec | None:
        """The file's spec, or None when a later file holds its symbol (as load_library
        reads the folders: the last file of a symbol replaces the earlier)."""
        if path not in self._specs:
            spec = read_resolution(path)
            symbol = str(spec.meta.symbol)
            listed = self.scan().names
            later = [p for r in self.dirs[self.dirs.index(root):] for stem in stems(symbol)
                     if f"{stem}.yaml" in listed[r]
                     and (p := r / RESOLUTIONS / f"{stem}.yaml") != path and p.is_file()
                     and (r != root or p.name > path.name)]
            replaced = any(read_resolution(p).meta.symbol == symbol for p in later)
            self._specs[path] = None if replaced else spec
            self._cited[path] = cited(spec)
        return self._specs[path]

    def may_hold_partial(self) -> bool:
        """Whether a resolution file may say its record is partial (`completeness:`)."""
        scan = self.scan()
        return scan.partial or bool(scan.odd)


class _Scan:
    """What blame needs of a body's resolution files without parsing them: each file, its
    place in the record's order from its own lines, and which files hold which words (a
    clause id a file cites is one of its words).

    Kept as a few byte strings (see _index) read in place: a command asks about a few
    dozen words of the thousands a body's record holds, and a start-up that built every
    word's list would cost more than the reading it saves. A plain class: `show` loads this
    module and never makes one.
    """

    def __init__(self, files: list[tuple[Path, str]], index: _Index) -> None:
        keys, odd, partial, words, word_ends, postings, posting_ends = index
        self.files = files  # (folder, name), in reading order
        self.odd: list[int] = odd  # the files that are not plain (see _plain): always parsed
        self.partial: bool = partial  # a plain file may say its record is partial
        self._keys = keys.split(b"\n")  # each file's "year symbol" where its lines tell
        if len(self._keys) != len(files) or not isinstance(odd, list):
            raise ValueError("a scan of other files")
        self._words = words  # every word of the plain files, sorted, one after another
        self._word_ends = memoryview(word_ends).cast("I")  # where each word ends
        self._postings = memoryview(postings).cast("I")  # the files holding each word
        self._posting_ends = memoryview(posting_ends).cast("I")
        if len(self._word_ends) != len(self._posting_ends):
            raise ValueError("a damaged scan")

    def key(self, i: int) -> tuple[int, str] | None:
        """File `i`'s (year, symbol) from its own lines; None where they do not tell it."""
        if not self._keys[i]:
            return None
        year, symbol = self._keys[i].split(b" ", 1)
        return int(year), symbol.decode()

    def files_with(self, word: bytes) -> list[int]:
        """The plain files holding `word` as a whole word (no id character either side)."""
        ends, words = self._word_ends, self._words
        low, high = 0, len(ends)
        while low < high:  # a binary search among the sorted words
            mid = (low + high) // 2
            found = words[ends[mid - 1] if mid else 0:ends[mid]]
            if found == word:
                start = self._posting_ends[mid - 1] if mid else 0
                return self._postings[start:self._posting_ends[mid]].tolist()
            if found < word:
                low = mid + 1
            else:
                high = mid
        return []

    @cached_property
    def names(self) -> dict[Path, set[str]]:
        """Each folder's resolution files' names (made once: asked for each file read)."""
        out: dict[Path, set[str]] = {}
        for root, name in self.files:
            out.setdefault(root, set()).add(name)
        return out


# A file's "year symbol" lines, the files not plain, whether one may be partial, the words
# one after another, where each ends, the files holding each word, where each word's end
# (32-bit numbers in this machine's byte order).
_Index = tuple[bytes, list[int], bool, bytes, bytes, bytes, bytes]

# A scan is kept in the cache folder for the next command (reading a thousand files is most
# of a blame), keyed by the folders, and used only where every file's name, size, times and
# inode are as scanned. A file changed within _RACY_NS before the scan was kept may have
# changed again within the same tick of the file system's coarse clock: it is scanned anew.
_SCAN_FORMAT = f"4 {sys.byteorder}"  # the numbers are in this machine's byte order
_RACY_NS = 2_000_000_000
_WORDS = rb"[a-z0-9-]+"  # a clause id is one whole run of these (compiled when scanning)

_Stamp = tuple[int, str, int, int, int, int]  # folder, name, size, mtime, ctime, inode


def scan_resolutions(dirs: Sequence[Path]) -> _Scan:
    """The resolution files of these folders scanned: from the cache when no file changed
    since it was kept, else read (and kept for the next command where the cache can be
    written; a cache that cannot be read or written only costs the reading)."""
    stamps = _stamps(dirs)
    files = [(dirs[stamp[0]], stamp[1]) for stamp in stamps]
    # marshal's version 2 writes no back-references: equal stamps are equal bytes
    stamped = marshal.dumps(stamps, 2)
    roots = [str(root.resolve()) for root in dirs]
    kept = _scan_file(roots)
    if kept is not None:
        index = _kept_index(kept, roots, stamps, stamped)
        if index is not None:
            with contextlib.suppress(ValueError, TypeError):
                return _Scan(files, index)
    index = _read_index(files)
    if kept is not None:
        _keep_index(kept, roots, stamped, index)
    return _Scan(files, index)


def _stamps(dirs: Sequence[Path]) -> list[_Stamp]:
    """Each resolution file's folder (its index), name, size, times of change and inode, in
    reading order (an entry that cannot be stat-ed has -1s: read, it is not plain)."""
    from asp_draft.compare.search import listing

    out: list[_Stamp] = []
    for root_index, root in enumerate(dirs):
        found = []
        try:
            with listing(root / RESOLUTIONS) as entries:
                for entry in entries:
                    if not entry.name.endswith(".yaml"):
                        continue
                    try:
                        st = entry.stat()
                        found.append((root_index, entry.name, st.st_size, st.st_mtime_ns,
                                      st.st_ctime_ns, st.st_ino))
                    except OSError:
                        found.append((root_index, entry.name, -1, -1, -1, -1))
        except (FileNotFoundError, NotADirectoryError):
            continue
        found.sort()  # by name (the folder is the same)
        out += found
    return out


def _read_index(files: list[tuple[Path, str]]) -> _Index:
    """Read every file (bare system calls: a body's record is thousands) for its words."""
    keys: list[bytes] = []
    odd: list[int] = []
    words: dict[bytes, array[int]] = {}
    partial = False
    for i, (root, name) in enumerate(files):
        data = _bytes_of(os.path.join(root, RESOLUTIONS, name))
        if not _plain(data):
            odd.append(i)
            keys.append(b"")
            continue
        partial = partial or b"partial" in data.lower()
        key = _order_of(data.decode("utf-8", "replace"))
        keys.append(b"" if key is None else f"{key[0]} {key[1]}".encode())
        for word in set(re.findall(_WORDS, data)):
            if word not in words:
                words[word] = array("I")
            words[word].append(i)
    ordered = sorted(words)
    word_ends = array("I", accumulate(len(w) for w in ordered))
    posting_ends = array("I", accumulate(len(words[w]) for w in ordered))
    postings = b"".join(words[w].tobytes() for w in ordered)
    return (b"\n".join(keys), odd, partial, b"".join(ordered), word_ends.tobytes(), postings,
            posting_ends.tobytes())


def _order_of(text: str) -> tuple[int, str] | None:
    """A plain file's place in the record's order (its year, its symbol) from its own
    top-level `year:` and `symbol:` lines, without parsing it; None when they are not plain
    enough to be sure what YAML reads of them."""
    year, symbol = _YEAR_LINE.search(text), _PLAIN_SYMBOL_LINE.search(text)
    if not year or not symbol:
        return None
    return int(year.group(1)), symbol.group(1)


def _scan_file(roots: list[str]) -> Path | None:
    """Where the scan of these folders (resolved) is kept (None without a cache folder)."""
    from asp_draft.compare.search import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    # a short name; the folders themselves are checked inside (two libraries sharing a name
    # only make each other scan anew)
    named = "\n".join(roots).encode()
    return folder / f"held-{zlib.crc32(named):08x}.scan"


def _kept_index(path: Path, roots: list[str], stamps: list[_Stamp],
                stamped: bytes) -> _Index | None:
    """The kept scan's index, when it is of these folders, every file is as it was then, and
    none changed too close before it was kept; else None (damaged or foreign: scanned
    anew)."""
    try:
        with open(path, "rb") as kept:
            written = os.fstat(kept.fileno()).st_mtime_ns
            blob = kept.read()
        if int.from_bytes(blob[:4], "big") != zlib.adler32(blob[4:]):
            return None  # damaged
        mark, kept_roots, kept_stamps, *index = marshal.loads(blob[4:])
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if mark != _SCAN_FORMAT or kept_roots != roots or kept_stamps != stamped or \
            any(s[4] >= written - _RACY_NS for s in stamps) or len(index) != 7:
        return None
    return tuple(index)


def _keep_index(path: Path, roots: list[str], stamped: bytes, index: _Index) -> None:
    """Write the scan for the next command: a temporary file renamed into place, so a reader
    sees the old scan or the new one; nothing when the cache cannot be written."""
    data = marshal.dumps((_SCAN_FORMAT, roots, stamped, *index))
    data = zlib.adler32(data).to_bytes(4, "big") + data  # a damaged file is told by its sum
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _bytes_of(path: str) -> bytes:
    """A file's bytes, read with the bare system calls (half the time of a file object,
    which counts over a thousand files)."""
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            chunks = []
            while chunk := os.read(fd, 1 << 16):
                chunks.append(chunk)
            return b"".join(chunks)
        finally:
            os.close(fd)
    except OSError:
        return b"\\"  # not plain: parsed where it may matter, and read_spec says why not


def _plain(data: bytes) -> bool:
    """Whether a word of a file's text is found as its bytes: no YAML escape (a backslash
    spells any character), no UTF-16 or UTF-32 (NUL bytes)."""
    return b"\\" not in data and b"\0" not in data


def cited(spec: Spec) -> set[str]:
    """The clause ids a spec's entries (sub-paragraphs and annexes included) name."""
    out: set[str] = set()
    entries = [*spec.preamble, *spec.operative, *(e for a in spec.annexes for e in a.entries)]
    while entries:
        entry = entries.pop()
        if entry.clause:
            out.add(entry.clause)
        entries += entry.sub
    return out


def load_or_error(path: Path) -> Any:
    """A YAML file's data, or the error reading it (raised where its clause is used)."""
    try:
        return load_yaml_file(path)
    except AspDraftError as e:
        return e


def _held_file(dirs: Sequence[Path], symbol: str) -> tuple[Path, Path] | None:
    """The resolution file named for `symbol` in the last folder holding one: its own
    digest name first (a slug another symbol held first), then the plain slug."""
    for root in reversed(dirs):
        for stem in reversed(stems(symbol)):
            path = root / RESOLUTIONS / f"{stem}.yaml"
            if path.is_file():
                return root, path
    return None


_YEAR_LINE = re.compile(r"^year:\s*(\d{4})\s*$", re.M)
# a symbol YAML reads as written: no quotes, escapes or comment to interpret
_PLAIN_SYMBOL_LINE = re.compile(r"^symbol: ([A-Za-z][A-Za-z0-9./()-]*(?: \(\d{4}\))?)[ \t]*$",
                                re.M)
_SYMBOL_LINE = re.compile(r"^symbol:\s*['\"]?(.+?)['\"]?\s*$", re.M)


class _YearFinder:
    """The year of a symbol, from its resolution file's top-level `year:` line (the file read
    whole when the lines are not there to read)."""

    def __init__(self, dirs: Sequence[Path]) -> None:
        self.dirs = dirs
        self.known: dict[str, int | None] = {}

    def __call__(self, symbol: str) -> int | None:
        if symbol not in self.known:
            self.known[symbol] = self._find(symbol)
        return self.known[symbol]

    def _find(self, symbol: str) -> int | None:
        found = _held_file(self.dirs, symbol)
        if found is None:
            return None
        try:
            text = found[1].read_text(encoding="utf-8")
        except (OSError, UnicodeError):  # not its lines to read: read_resolution says why not
            text = ""
        year, named = _YEAR_LINE.search(text), _SYMBOL_LINE.search(text)
        if year and named and named.group(1) == symbol:
            return int(year.group(1))
        try:
            spec = read_resolution(found[1])
        except AspDraftError:
            return None
        return spec.year if spec.meta.symbol == symbol else None


def _read_facts(root: Path, lib: Library) -> str:
    """The folder's facts.yaml merged into `lib`; returns the folder's language."""
    facts_file = root / "facts.yaml"
    if not facts_file.is_file():
        return DEFAULT_LANGUAGE
    facts = facts_from_data(load_yaml_file(facts_file), facts_file)
    lib.facts = lib.facts.merge(facts)
    return facts.language or DEFAULT_LANGUAGE


def _read_sessions(root: Path, language: str, lib: Library, *,
                   resolutions: bool = True) -> None:
    """The folder's session and resolution files into `lib`, each held in the folder's
    language."""
    for path in sorted((root / "sessions").glob("*.yaml")):
        spec = read_spec(path)
        if path.stem != str(spec.year):
            raise LibraryError(f"session file for {spec.year} must be named "
                               f"{spec.year}.yaml", source=path, line=spec.lines["year"])
        lib.add_session(spec)
        lib.spec_languages[spec.source] = language
    if not resolutions:
        return
    for path in sorted((root / RESOLUTIONS).glob("*.yaml")):
        spec = read_resolution(path)
        lib.add_resolution(spec)
        lib.spec_languages[spec.source] = language


def _add_clause(lib: Library, stem: str, layers: list[_Raw], strict: bool) -> None:
    """One clause id from every folder holding it: a later folder's versions replace the
    earlier ones in the languages it has (a French folder over the English library adds
    French wordings), and it gives the clause its part, topic and tags."""
    clause: Clause | None = None
    for i, (data, path, part, language) in enumerate(layers):
        try:
            if isinstance(data, AspDraftError):
                raise data
            found = clause_from_data(data, path, part, lib, language=language)
        except AspDraftError as e:
            if strict:
                raise
            if i == len(layers) - 1:
                # one broken file in a shared library must not stop the commands that never
                # use it: its error is raised where the clause is used
                lib.broken[stem] = e
                return
            continue  # replaced by a later folder's file
        clause = found if clause is None else _overlay(clause, found)
    if clause is not None:
        lib.clauses[clause.id] = clause


def _overlay(earlier: Clause, later: Clause) -> Clause:
    """`later` with the versions of `earlier` in the languages `later` has none in."""
    kept = [v for v in earlier.versions if v.language not in later.languages]
    if not kept:
        return later
    versions = sorted([*kept, *later.versions], key=lambda v: v.since or 0)
    return replace(later, versions=tuple(versions))


def read_resolution(path: Path) -> Spec:
    """A resolutions/<slug>.yaml file: a session file whose name is its symbol's slug."""
    spec = read_spec(path)
    symbol = spec.meta.symbol
    if symbol is None or not symbol.strip():
        raise LibraryError("a resolution file needs its 'symbol'", source=path, line=1)
    if path.stem not in stems(symbol):
        raise LibraryError(f"the file of {symbol} must be named {symbol_slug(symbol)}.yaml",
                           source=path, line=spec.lines.get("symbol"))
    return spec


def clause_from_data(data: Any, path: Path, part: Part, lib: Library, *,
                     language: str = DEFAULT_LANGUAGE) -> Clause:
    """Validate one clause file's data against the library; versions default to `language`."""
    return _clause(data, path, part, lib, language)


def _clause(data: Any, path: Path, part: Part, lib: Library, language: str) -> Clause:
    if not isinstance(data, dict):
        raise LibraryError("a clause file must be a mapping (id, part, topic, versions)",
                           source=path, line=1)
    check_keys(data, CLAUSE_KEYS, source=str(path), what="clause", error=LibraryError)
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
    parsed = [_version(v, path, _line(versions, i) or 1, lib, language)
              for i, v in enumerate(versions)]
    parsed.sort(key=lambda v: (v.since or 0))
    return Clause(id=clause_id, part=part, topic=str(data.get("topic") or ""),
                  tags=tuple(tags), versions=tuple(parsed), source=str(path))


def _version(data: Any, path: Path, line: int, lib: Library, language: str) -> Version:
    if not isinstance(data, dict):
        raise LibraryError("a version must be a mapping with 'text'", source=path, line=line)
    check_keys(data, VERSION_KEYS, source=str(path), what="version", error=LibraryError)
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LibraryError("a version needs non-empty 'text'", source=path, line=line)
    rolls = data.get("rolls")
    if rolls is not None and rolls not in ROLLS:
        raise LibraryError(f"'rolls' must be one of {', '.join(ROLLS)}, not {rolls!r}",
                           source=path, line=_line(data, "rolls"))
    if "language" in data:
        language = library_language(data["language"], path, _line(data, "language"))
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
        amends = data.get("amends")
        if amends is not None and not (isinstance(amends, str) and amends.strip()):
            raise LibraryError("'amends' names the id of the clause a proposal amends",
                               source=path, line=_line(data, "amends"))
        return Version(text=text, since=year, status=PROPOSED,
                       proposer=str(data.get("proposer") or "") or None, note=data.get("note"),
                       rolls=rolls, language=language, amends=amends and amends.strip())
    if "amends" in data:
        raise LibraryError("only a proposed version names the clause it 'amends'",
                           source=path, line=_line(data, "amends"))
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
                   printed={str(k): str(v) for k, v in printed.items()}, note=data.get("note"),
                   rolls=rolls, language=language)


_line = line_of  # the line of a key or item, as every YAML reader finds it


class _Merged:
    """Two runs of specs, each in the record's order, as one in that order: the second
    read only as far as it is asked for (an iterator, as citing's list is iterated)."""

    def __init__(self, first: list[Spec], rest: Iterator[Spec]) -> None:
        self._first, self._rest = first, rest

    def __iter__(self) -> Iterator[Spec]:
        return iter(heapq.merge(self._first, self._rest, key=_held_order))
