"""Agreed-language search: SQLite FTS5 (bm25 ranking, highlights) over the record.

The index holds one row per printed wording, with the documents that printed it, and is kept
in the cache folder under a name derived from the library's files and this version of
asp-draft: it is built on first use and reused until a clause, session or facts file changes.
Python's own sqlite3 carries FTS5, so nothing needs installing.
"""

from __future__ import annotations

import contextlib
import errno
import marshal
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING

from asp_draft import __version__
from asp_draft.errors import RequestError

if TYPE_CHECKING:  # sqlite3 loads where an index is opened: blame keeps its scan here too
    import sqlite3

    from asp_draft.compare.history import Entry, Record

CACHE_ENV = "ASP_DRAFT_CACHE"
# No stemming: a lawyer's "reinforce" must not find "reinforcing"; reinforc* asks for both.
SCHEMA = 9  # bump when the tables change, so old caches are not read
KEEP_CACHES = 3  # a library's newest caches kept; older ones are removed
# Marks FTS5 puts around matched words; control characters never occur in the record.
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"
SQLITE_MAX_INT = 2**63 - 1  # LIMIT takes a 64-bit integer

# `wording` ranks: one row per wording, so a wording adopted seven times weighs as one text
# in bm25's statistics. `printed` holds each printing (typography differs between copies) to
# highlight the one a hit cites.
_SCHEMA_SQL = """
CREATE VIRTUAL TABLE wording USING fts5(
    text, ident UNINDEXED, part UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE printed USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE printing (
    wording INTEGER NOT NULL, printed INTEGER NOT NULL, symbol TEXT, year INTEGER, label TEXT,
    status TEXT NOT NULL, clause TEXT, proposer TEXT,
    adopted INTEGER NOT NULL  -- 1 for adopted text: a search need not load the model to ask
);
CREATE INDEX printing_wording ON printing (wording);
CREATE TABLE record (held INTEGER NOT NULL, partial INTEGER NOT NULL);
CREATE TABLE stamps (files BLOB NOT NULL);  -- library_stamps when built: checked on opening
"""


@dataclass(frozen=True)
class Hit:
    """One wording found: where it stands (latest within the filters) and everywhere it does."""

    symbol: str | None
    year: int | None
    label: str | None
    text: str
    highlighted: str  # `text` with HIT_OPEN/HIT_CLOSE around the matched words
    score: float  # higher is better (bm25, sign turned)
    symbols: tuple[str, ...]  # every adopted text with this wording, oldest first
    years: tuple[int, ...]  # the years those texts were adopted
    status: str
    part: str
    clause: str | None
    proposer: str | None

    def as_json(self) -> dict[str, object]:
        """The issue's shape, plus where a proposal came from."""
        return {"symbol": self.symbol, "year": self.year, "label": self.label,
                "text": self.text, "score": self.score, "symbols": list(self.symbols),
                "years": list(self.years), "status": self.status, "part": self.part,
                "clause": self.clause, "proposer": self.proposer}


def cache_dir() -> Path | None:
    """ASP_DRAFT_CACHE, else $XDG_CACHE_HOME/asp-draft, else ~/.cache/asp-draft; None when
    there is no home to keep it in."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "asp-draft"
    try:
        return Path.home() / ".cache" / "asp-draft"
    except RuntimeError:  # no HOME and no password entry
        return None


def _cache_anchor(folder: Path) -> Path:
    """The folder that must already exist before the cache folder may be made in it: the
    home for the default place, else the parent of the place the user named."""
    if not os.environ.get(CACHE_ENV) and not os.environ.get("XDG_CACHE_HOME"):
        return folder.parent.parent  # ~/.cache/asp-draft: the home itself
    return folder.parent


def library_stamps(roots: Sequence[Path]) -> bytes:
    """Every library file's name, size, times of change and inode, and this asp-draft's
    version, as bytes: a body's record is thousands of files, too many to read each time.

    Each file is stat-ed (one call each, from the folder listing): a file edited in place
    changes no folder's time, so no folder-level signal can stand for its files. The change
    time (which no one can set back) and the inode (a file renamed into place) count too,
    so an edit that keeps the size and puts the modification time back is still seen.
    """
    stamps: list[object] = [f"asp-draft {__version__} schema {SCHEMA}"]
    for root in roots:
        stamps.append(f"root {root.resolve()}")
        folders = []
        with contextlib.suppress(OSError), os.scandir(root) as entries:
            for entry in entries:
                if entry.name == "facts.yaml":
                    stamps.append(_stamps(root, ("facts.yaml",)))
                elif entry.is_dir():
                    folders.append(entry.name)
        for folder in sorted(folders):
            stamps += [f"folder {folder}", _stamps(root / folder)]
    # marshal's version 2 writes no back-references, so equal stamps are equal bytes
    return marshal.dumps(stamps, 2)


@contextlib.contextmanager
def listing(folder: Path) -> Iterator[Iterator[os.DirEntry[str]]]:
    """A folder's entries, listed through the open folder where the system allows, so each
    entry's stat() looks up its own name rather than the whole path again (thousands of
    them are most of a cached search). Raises OSError when the folder cannot be listed."""
    if os.scandir not in os.supports_fd:
        with os.scandir(folder) as entries:
            yield entries
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        with os.scandir(fd) as entries:
            yield entries
    finally:
        os.close(fd)


def _fingerprint(stamps: bytes) -> str:
    """A short name for the library's state (library_stamps); the index keeps the stamps
    themselves, so two states sharing a name are still told apart."""
    return f"{zlib.crc32(stamps):08x}{zlib.adler32(stamps):08x}"


def _stamps(folder: Path, only: Iterable[str] | None = None
            ) -> list[tuple[str, int, int, int, int]]:
    """(name, size, mtime, ctime, inode) of each YAML file in `folder` (of `only` these),
    by name."""
    out = []
    with contextlib.suppress(OSError), listing(folder) as entries:
        for entry in entries:
            name = entry.name
            if not name.endswith(".yaml") or (only is not None and name not in only):
                continue
            try:
                found = entry.stat()
            except OSError:  # a link to nothing: no file, as is_file() says
                continue
            if S_ISREG(found.st_mode):
                out.append((name, found.st_size, found.st_mtime_ns, found.st_ctime_ns,
                            found.st_ino))
    out.sort()
    return out


def _library_key(roots: Sequence[Path]) -> str:
    """Which library a cache is of (its folders), whatever their files hold."""
    named = "\n".join(str(r.resolve()) for r in roots).encode()
    return f"{zlib.crc32(named):08x}{zlib.adler32(named) & 0xfff:03x}"


def open_index(library_roots: Sequence[Path], load_record: Callable[[], Record],
               warn: Callable[[str], None] | None = None) -> sqlite3.Connection:
    """The index for these library folders: from the cache, else built (and cached if we can).

    `load_record` is called only when the index has to be built, so a cached search never
    loads the library. When the cache cannot be written (a read-only or missing home, a full
    disk, a folder where the file should be) the index is built in memory, and `warn` says
    why once.
    """
    import sqlite3

    folder = cache_dir()
    key = _library_key(library_roots)
    stamps = library_stamps(library_roots) if folder else b""
    path = folder / f"search-{key}-{_fingerprint(stamps)}.sqlite" if folder else None
    if path is not None and _is_file(path):
        db = _sound(path, stamps)
        if db is not None:
            return db
    record = load_record()
    if path is not None:
        try:
            db = _cached(path, record, stamps)
            _prune(path.parent, key, keep=path)
            return db
        except (OSError, sqlite3.Error) as e:
            if warn is not None:
                cause = getattr(e, "strerror", None) or str(e)
                warn(f"{path}: cannot write the search cache ({cause}); searching from "
                     "memory")
    db = sqlite3.connect(":memory:")
    _fill(db, record, stamps)
    return db


def _cached(path: Path, record: Record, stamps: bytes) -> sqlite3.Connection:
    """Build the index in a temporary file beside `path`, rename it into place, open it."""
    import sqlite3

    if path.parent.exists() and not path.parent.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, f"{path.parent} is a file, not a folder")
    if not path.parent.is_dir():
        anchor = _cache_anchor(path.parent)
        if not anchor.is_dir():  # never make a home, or a folder the user misspelled
            raise FileNotFoundError(errno.ENOENT, f"{anchor} does not exist", str(anchor))
        path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # only a build writes: a cached search does without it

    fd, tmp = tempfile.mkstemp(prefix=".search-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        try:
            _fill(db, record, stamps)
        finally:
            db.close()
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return _open_read_only(path)


def _sound(path: Path, stamps: bytes) -> sqlite3.Connection | None:
    """The cached index opened, or None when it is damaged, foreign, unfinished or of
    another state of the library: it must carry this schema's mark, its record row and these
    stamps, and both full-text indexes must answer."""
    import sqlite3

    db: sqlite3.Connection | None = None
    try:
        db = _open_read_only(path)
        mark = db.execute("PRAGMA user_version").fetchone()[0]
        if mark == SCHEMA and db.execute("SELECT held FROM record").fetchone() is not None \
                and db.execute("SELECT files FROM stamps").fetchone() == (stamps,):
            for table in ("wording", "printed"):
                db.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH 'court' "
                           "LIMIT 1").fetchall()
            return db
    except sqlite3.DatabaseError:
        pass  # a damaged or foreign file: built anew
    if db is not None:
        db.close()
    with contextlib.suppress(OSError):
        path.unlink()
    return None


def _prune(folder: Path, key: str, *, keep: Path) -> None:
    """Remove this library's older caches but the newest few (its files change with every
    adopt, and each state would otherwise leave its cache behind)."""
    found = []
    for path in folder.glob(f"search-{key}-*.sqlite"):
        with contextlib.suppress(OSError):
            found.append((path.stat().st_mtime_ns, path))
    found.sort(reverse=True)
    for _, path in found[KEEP_CACHES:]:
        if path != keep:
            with contextlib.suppress(OSError):
                path.unlink()


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long, a folder that cannot be read: no cache to read
        return False


def _open_read_only(path: Path) -> sqlite3.Connection:
    import sqlite3

    # as_uri quotes the path: a ? or # in a folder name would otherwise end it
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _fill(db: sqlite3.Connection, record: Record, stamps: bytes = b"") -> None:
    """Write the record: one row per wording (its latest printing), per printing, per text,
    and the library's stamps it was built from."""
    from asp_draft.model import ADOPTED

    db.executescript(_SCHEMA_SQL)
    wordings = [entry.wording for entry in record.entries]  # a regex each: found once
    latest: dict[str, Entry] = {}
    for entry, ident in zip(record.entries, wordings, strict=True):
        latest[ident] = entry  # in year order: the last printing of a wording stays
    # rows numbered here (as SQLite would number them) so each table is written in one call
    wording_row = {ident: row for row, ident in enumerate(latest, 1)}
    db.executemany("INSERT INTO wording (rowid, text, ident, part) VALUES (?, ?, ?, ?)",
                   ((wording_row[i], e.text, i, e.part) for i, e in latest.items()))
    printed_row: dict[str, int] = {}
    for entry in record.entries:
        printed_row.setdefault(entry.text, len(printed_row) + 1)
    db.executemany("INSERT INTO printed (rowid, text) VALUES (?, ?)",
                   ((row, text) for text, row in printed_row.items()))
    db.executemany("INSERT INTO printing VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   ((wording_row[ident], printed_row[e.text], e.symbol, e.year, e.label,
                     e.status, e.clause, e.proposer, e.status == ADOPTED)
                    for e, ident in zip(record.entries, wordings, strict=True)))
    db.execute("INSERT INTO record VALUES (?, ?)", (record.held, record.partial))
    db.execute("INSERT INTO stamps VALUES (?)", (stamps,))
    db.execute(f"PRAGMA user_version = {SCHEMA}")  # the mark of a finished index
    db.commit()


def record_counts(db: sqlite3.Connection) -> tuple[int, int]:
    """(resolutions held, how many of them the record holds only in part), as indexed."""
    row = db.execute("SELECT held, partial FROM record").fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


_TERM = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')
_OPERATORS = {"AND", "OR", "NOT"}


def fts_query(query: str) -> str:
    """The user's words, "exact phrases", prefixes* and AND/OR/NOT as a safe FTS5 query.

    Every term is quoted, so punctuation in it (States-Parties, Court's) cannot be taken
    for FTS5 syntax.
    """
    parts: list[str] = []
    for m in _TERM.finditer(query.replace("“", '"').replace("”", '"')):
        if m.group("word") in _OPERATORS:
            if parts and parts[-1] not in _OPERATORS:
                parts.append(str(m.group("word")))
            continue
        raw = m.group("phrase") if m.group("phrase") is not None else m.group("word")
        prefix = raw.endswith("*")
        words = re.findall(r"\w+", raw, flags=re.UNICODE)
        if not words:
            continue
        parts.append('"' + " ".join(words) + '"' + ("*" if prefix else ""))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    if not parts:
        raise RequestError(f"nothing to search for in {query!r}; give words, \"a phrase\" "
                         "or a prefix*")
    return " ".join(parts)


def check_filters(since: int | None = None, until: int | None = None, part: str | None = None,
                  limit: int | None = None) -> None:
    """Refuse filters the index cannot use, before any work (the command asks first, so that
    no index is built for them); the error says which filter (`wants`)."""
    if part is not None and part not in ("preamble", "operative"):
        raise RequestError(f"part {part!r}: choose preamble or operative", wants=("part",))
    if since is not None and until is not None and since > until:
        raise RequestError(f"the years from {since} until {until}: {since} is after {until}",
                           wants=("since", "until"))
    for key, what, value in (("since", "year", since), ("until", "year", until),
                             ("limit", "number of hits", limit)):
        if value is not None and abs(value) > SQLITE_MAX_INT:
            raise RequestError(f"the {what} {value} is too large for the index (at most "
                               f"{SQLITE_MAX_INT})", wants=(key,))


def search(db: sqlite3.Connection, query: str, *, since: int | None = None,
           until: int | None = None, part: str | None = None,
           limit: int = 10) -> list[Hit]:
    """Wordings matching `query`, best first, one hit per wording however often adopted."""
    import sqlite3

    check_filters(since, until, part, limit)
    in_range = "(? IS NULL OR p.year >= ?) AND (? IS NULL OR p.year <= ?)"
    years = (since, since, until, until)
    match = fts_query(query)
    try:
        found = db.execute(f"""
            SELECT w.rowid, w.part, -bm25(wording) FROM wording w
            WHERE wording MATCH ? AND (? IS NULL OR w.part = ?)
              AND EXISTS (SELECT 1 FROM printing p WHERE p.wording = w.rowid AND {in_range})
            ORDER BY bm25(wording) LIMIT ?""", (match, part, part, *years, limit)).fetchall()
    except sqlite3.OperationalError as e:
        raise RequestError(f"cannot search for {query!r}: {e}") from None
    hits: list[Hit] = []
    for rowid, row_part, score in found:
        # Cite the latest printing within the filters, highlighted as that copy prints it.
        printed, symbol, year, label, status, clause, proposer = db.execute(
            f"SELECT p.printed, p.symbol, p.year, p.label, p.status, p.clause, p.proposer "
            f"FROM printing p WHERE p.wording = ? AND {in_range} ORDER BY p.year DESC LIMIT 1",
            (rowid, *years)).fetchone()
        shown = db.execute(
            f"SELECT text, highlight(printed, 0, '{HIT_OPEN}', '{HIT_CLOSE}') FROM printed "
            "WHERE printed MATCH ? AND rowid = ?", (match, printed)).fetchone()
        if shown is None:  # the tokenizer splits a word otherwise than \w+ does: no marks
            shown = db.execute("SELECT text, text FROM printed WHERE rowid = ?",
                               (printed,)).fetchone()
        text, highlighted = shown
        everywhere = db.execute(
            "SELECT DISTINCT symbol, year FROM printing WHERE wording = ? AND adopted "
            "AND symbol IS NOT NULL ORDER BY year, symbol", (rowid,)).fetchall()
        hits.append(Hit(symbol=symbol, year=year, label=label, text=text,
                        highlighted=highlighted, score=round(float(score), 4),
                        symbols=tuple(s for s, _ in everywhere),
                        years=tuple(sorted({y for _, y in everywhere})), status=status,
                        part=row_part, clause=clause, proposer=proposer))
    return hits
