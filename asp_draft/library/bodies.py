"""The bodies that adopt resolutions, as data: the table in clauses/bodies.yaml, which a
library folder's own bodies.yaml adds to or overrides entry by entry.

A Body knows its chapeau as printed, how its sessions are numbered and named (the Assembly
of States Parties meets once a year, the General Assembly's session opens in September and
is numbered from 1946, the Human Rights Council meets three times a year, the Security Council
has no sessions), the symbols of its resolutions and drafts, and the lint rules its texts
do not follow. Which body a document is comes from its `body`, else its symbol, else its
chapeau: never from the library it happens to be read with.

Which body a document is, and its session as that body counts them, are here too
(document_body, body_session, with_body).

The table is read when first asked for (YAML costs start-up time that reading a text does
not need), once per set of folders.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from asp_draft.errors import InputError, LibraryError
from asp_draft.language import ENGLISH, Language
from asp_draft.library.yamlcheck import check_keys, expect, line_of
from asp_draft.model import Document, Meta
from asp_draft.symbols import Grammar, Symbol, fill, template_pattern

BODIES_FILE = "bodies.yaml"
KEY = re.compile(r"[a-z][a-z0-9-]*")  # a body's key: asp, ga, ga-c6
_KEYS = ("name", "chapeau", "issuer", "sessions", "resolution", "drafts", "adopts_as",
         "lint_skip", "draft_number")
_SESSION_KEYS = ("first", "opens", "per_year", "by_year")


@dataclass(frozen=True)
class Sessions:
    """How a body's regular sessions run. `first` None: the body has no sessions."""

    first: int | None = None  # the year session 1 met (several a year: the year they began)
    opens: int = 1  # the month a session opens in; after January it runs into the next year
    per_year: int = 1
    by_year: bool = False  # named by its year: the Economic and Social Council's 2024 session

    @property
    def held(self) -> bool:
        """False for a body without sessions (the Security Council)."""
        return self.first is not None or self.by_year

    def opening_in(self, year: int) -> int | None:
        """The (first) regular session that opens in `year`: the session `new YEAR` drafts for."""
        if self.by_year:
            return year
        if self.first is None or year < self.first:
            return None
        return (year - self.first) * self.per_year + 1

    def of_date(self, day: dt.date) -> int | None:
        """The session a text adopted on `day` belongs to, when the date alone tells it."""
        if self.by_year:
            return day.year
        if self.first is None or self.per_year > 1:
            return None  # several sessions a year: the date alone does not say which
        session = self.opening_in(day.year if day.month >= self.opens else day.year - 1)
        return session if session and session > 0 else None

    def year_of(self, session: int) -> int | None:
        """The year `session` opens in."""
        if self.by_year:
            return session
        if self.first is None or session < 1:
            return None
        return self.first + (session - 1) // self.per_year

    def next(self, session: int) -> int:
        """The session an annual text comes back at: the next, or one a year later."""
        return session + self.per_year

    def name(self, session: int, language: Language = ENGLISH) -> str:
        """'twenty-fourth session', 'eightieth session', '2025 session'."""
        if self.by_year:
            return f"{session} session"
        return f"{language.ordinal_word(session)} session"


@dataclass(frozen=True)
class Body:
    """One body of the table."""

    key: str
    name: str
    chapeau: str
    issuer: tuple[str, ...] = ()
    sessions: Sessions = field(default_factory=Sessions)
    resolution: str | None = None  # its resolutions' symbol template
    drafts: tuple[str, ...] = ()
    adopts_as: str | None = None
    lint_skip: frozenset[str] = frozenset()
    draft_number: str | None = None  # what a draft prints before its title ('{session}/...')

    def resolution_symbol(self, *, session: int | None = None, year: int | None = None,
                          number: int | str = "") -> str | None:
        """A resolution's symbol from its numbers; None when a number it needs is unknown."""
        if self.resolution is None:
            return None
        return fill(self.resolution, session=session, year=year, number=number)


@dataclass(frozen=True)
class Table:
    """Every body, by key, in the order the files list them; and their symbols' grammar."""

    bodies: Mapping[str, Body]
    grammar: Grammar

    def __getitem__(self, key: str) -> Body:
        return self.bodies[key]

    def __iter__(self) -> Iterator[Body]:
        return iter(self.bodies.values())

    def get(self, key: str | None) -> Body | None:
        """The body of `key`, or None."""
        return self.bodies.get(key) if key else None

    def named(self, text: str) -> Body | None:
        """The body `text` names: its key, or its name as a cover prints it ('General
        Assembly'), case and spacing aside."""
        key = text.strip()
        if key in self.bodies:
            return self.bodies[key]
        plain = " ".join(text.split()).casefold()
        return next((b for b in self if b.name.casefold() == plain), None)

    def parse_symbol(self, text: str) -> Symbol | None:
        """What a symbol says, if it is one of a body in the table."""
        return self.grammar.parse(text)

    def of_chapeau(self, chapeau: str) -> Body | None:
        """The body whose chapeau this is (the first in the table: a committee's drafts and
        its Assembly share one)."""
        want = _plain(chapeau)
        return next((b for b in self if _plain(b.chapeau) == want), None)

    def of_meta(self, meta: Mapping[str, Any]) -> Body | None:
        """A document's body: its `body`, else its symbol's, else its chapeau's."""
        found = Meta.of(meta)
        named = self.get(found.body)
        if named is not None:
            return named
        symbol = self.parse_symbol(found.symbol or "")
        if symbol is not None:
            return self.bodies[symbol.body]
        return self.of_chapeau(found.chapeau) if found.chapeau else None

    def adopting(self, body: Body) -> Body:
        """The body whose resolution a text of `body` becomes (a committee's: its Assembly's)."""
        return self.get(body.adopts_as) or body


def _plain(text: str) -> str:
    return " ".join(text.split()).rstrip(",:").casefold()


def table(folders: Sequence[Path] = ()) -> Table:
    """The bundled table overlaid by each folder's bodies.yaml, in rising priority: a
    library's folders as they are (the bundled folder among them is where the table starts,
    with or without it) or the user's alone give one table."""
    from asp_draft.folders import bundled_path

    bundled = bundled_path()
    files = [bundled / BODIES_FILE, *(f / BODIES_FILE for f in folders
                                      if f != bundled and (f / BODIES_FILE).is_file())]
    stamps = tuple((str(p), p.stat().st_mtime_ns) for p in files if p.is_file())
    return _table(stamps)


@cache
def _table(stamps: tuple[tuple[str, int], ...]) -> Table:
    from asp_draft.library.yamlio import load_yaml_file

    bodies: dict[str, Body] = {}
    for path, _ in stamps:
        bodies.update(bodies_from_data(load_yaml_file(Path(path)), Path(path)))
    templates = [(b.key, kind, t) for b in bodies.values()
                 for kind, t in (("resolution", b.resolution), *(("draft", d) for d in b.drafts))
                 if t]
    return Table(bodies=bodies, grammar=Grammar.of(templates))


def bodies_from_data(data: Any, source: Path) -> dict[str, Body]:
    """Validate a parsed bodies.yaml: every key and value's type, named with its line."""
    where = str(source)
    expect(data, dict, what=BODIES_FILE, source=where, line=1, error=LibraryError)
    check_keys(data, ("bodies",), source=where, what=BODIES_FILE, error=LibraryError)
    raw = expect(data.get("bodies") or {}, dict, what="'bodies'", source=where,
                 line=line_of(data, "bodies"), error=LibraryError)
    return {str(key): _body(str(key), entry, raw, where) for key, entry in raw.items()}


def _body(key: str, entry: Any, raw: Any, where: str) -> Body:
    line = line_of(raw, key)
    if not KEY.fullmatch(key):
        raise LibraryError(f"body {key!r}: a key is lower-case letters, digits and '-' "
                           "(asp, ga, ga-c6)", source=where, line=line)
    expect(entry, dict, what=f"body {key!r}", source=where, line=line, error=LibraryError)
    check_keys(entry, _KEYS, source=where, what=f"body {key!r}", error=LibraryError)
    for needed in ("name", "chapeau"):
        if not isinstance(entry.get(needed), str) or not entry[needed].strip():
            raise LibraryError(f"body {key!r}: '{needed}' must be text", source=where,
                               line=line_of(entry, needed))

    def texts(name: str) -> tuple[str, ...]:
        value = entry.get(name) or []
        value = [value] if isinstance(value, str) else value
        expect(value, list, what=f"body {key!r}: {name!r}", source=where,
               line=line_of(entry, name), error=LibraryError)
        return tuple(str(v) for v in value)

    resolution = entry.get("resolution")
    for template in (resolution, *texts("drafts")):
        _check_template(template, key, where, line_of(entry, "resolution"))
    return Body(key=key, name=entry["name"].strip(), chapeau=" ".join(entry["chapeau"].split()),
                issuer=texts("issuer"), sessions=_sessions(entry.get("sessions"), key, entry,
                                                             where),
                resolution=str(resolution) if resolution else None, drafts=texts("drafts"),
                adopts_as=str(entry["adopts_as"]) if entry.get("adopts_as") else None,
                lint_skip=frozenset(texts("lint_skip")),
                draft_number=_draft_number(entry, key, where))


def _draft_number(entry: Any, key: str, where: str) -> str | None:
    """The number a draft prints before its title, with {session}, {year} at most."""
    value = entry.get("draft_number")
    if value is None:
        return None
    fields = set(re.findall(r"\{(\w*)\}", str(value)))
    if not isinstance(value, str) or not value.strip() or not fields <= {"session", "year"}:
        raise LibraryError(f"body {key!r}: 'draft_number' is text with {{session}} or {{year}}"
                           " (e.g. '{session}/...')", source=where,
                           line=line_of(entry, "draft_number"))
    return value.strip()


def _check_template(template: Any, key: str, where: str, line: int | None) -> None:
    if template is None:
        return
    try:
        template_pattern(str(template))
    except ValueError as e:
        raise LibraryError(f"body {key!r}: symbol {template!r}: {e}", source=where,
                           line=line) from None


def _sessions(value: Any, key: str, entry: Any, where: str) -> Sessions:
    line = line_of(entry, "sessions")
    if value in (None, "none"):
        return Sessions()
    expect(value, dict, what=f"body {key!r}: 'sessions'", source=where, line=line,
           error=LibraryError)
    check_keys(value, _SESSION_KEYS, source=where, what=f"body {key!r}: sessions",
               error=LibraryError)
    for name in ("first", "opens", "per_year"):
        if name in value and not (isinstance(value[name], int) and value[name] > 0):
            raise LibraryError(f"body {key!r}: sessions: {name!r} must be a positive whole "
                               "number", source=where, line=line_of(value, name))
    if not 1 <= value.get("opens", 1) <= 12:
        raise LibraryError(f"body {key!r}: sessions: 'opens' is a month, 1 to 12",
                           source=where, line=line_of(value, "opens"))
    return Sessions(first=value.get("first"), opens=value.get("opens", 1),
                    per_year=value.get("per_year", 1), by_year=bool(value.get("by_year")))


# --- a document's body and its session ------------------------------------------------------

def document_body(meta: Mapping[str, Any], table: Table, *, source: str | None = None,
                  line: int | None = None) -> Body | None:
    """The body a document is: its `body` (a key of the table, or a body's name as a cover
    prints it: 'General Assembly'), else its symbol's, else its chapeau's.

    A key the table does not know is an InputError at `source`, `line`: a body is added with
    a library's bodies.yaml, never by a spelling.
    """
    said = Meta.of(meta)
    named = (said.body or "").strip()
    if named:
        found = table.get(named)
        if found is not None:
            return found
        if KEY.fullmatch(named):
            known = ", ".join(b.key for b in table)
            raise InputError(f"unknown body {named!r} (the bodies are {known}; a library's "
                             "bodies.yaml adds one)", source=source, line=line)
    by_text = table.of_meta(said.with_(body=None))
    if by_text is not None or not named:
        return by_text
    # a cover's `Resolution adopted by the Human Rights Council`: the body by its name
    return table.named(named)


def body_session(meta: Mapping[str, Any], body: Body, table: Table) -> int | None:
    """The document's session as its body numbers them: its symbol's, else its adoption
    date's; a draft with neither, the session that opens in its year; None for a body
    without sessions."""
    if not body.sessions.held:
        return None
    found = Meta.of(meta)
    symbol = table.parse_symbol(found.symbol or "")
    if symbol is not None and symbol.session is not None and \
            table.adopting(table[symbol.body]) == table.adopting(body):
        return symbol.session
    adopted = iso_date(found.adopted)
    if adopted is not None:
        return body.sessions.of_date(adopted)
    if found.year is not None and not found.symbol:
        return body.sessions.opening_in(found.year)
    return None


def iso_date(value: Any) -> dt.date | None:
    """A meta's date ('2023-12-05', or a YAML date); None when it is none."""
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def with_body(document: Document, table: Table, *, source: str | None = None,
              line: int | None = None) -> Document:
    """The document with its `body` a key of the table (after its symbol) and, when it does
    not say its session, its body's; a body the table does not know, named in the file, is an
    error at `source`, `line`."""
    body = document_body(document.meta, table, source=source, line=line)
    if body is None:
        return document
    items = [(k, v) for k, v in document.meta.items() if k != "body"]
    at = next((i + 1 for i, (k, _) in enumerate(items) if k == "symbol"), 0)
    items.insert(at, ("body", body.key))
    data = dict(items)
    if document.meta.value("session") is None:  # said in any form, the document's own stands
        session = body_session(document.meta, body, table)
        if session is not None:
            data["session"] = session
    return replace(document, meta=type(document.meta).of(data))
