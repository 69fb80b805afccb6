"""Year <-> session arithmetic and the facts.yaml lookup (with the library's language); and
the variables a text of a body sees (which body a document is: asp_draft.library.bodies).

facts.yaml is the Assembly of States Parties' record (its sessions, venues and omnibus
symbols): it speaks for an ASP text only. Another body's session comes from the document
itself (its symbol, its adoption date) and the table of bodies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asp_draft.errors import LibraryError, RequestError
from asp_draft.language import ENGLISH, language_for
from asp_draft.library.yamlcheck import check_keys, expect, line_of

if TYPE_CHECKING:  # the table is read only where a body is asked for (start-up reads no YAML)
    from asp_draft.library.bodies import Body, Table

# The Assembly's first regular session met in 2002; since then one regular session a year.
FIRST_SESSION_YEAR = 2002

def session_for_year(year: int) -> int:
    """The number of the Assembly's regular session held in `year` (2017 -> 16)."""
    return year - FIRST_SESSION_YEAR + 1


# The English words, under the names callers know; a document in another language asks its
# own Language (asp_draft.language) instead.
ordinal = ENGLISH.ordinal
ordinal_word = ENGLISH.ordinal_word
cardinal_word = ENGLISH.cardinal_word
parse_ordinal_word = ENGLISH.parse_ordinal_word
long_date = ENGLISH.long_date
parse_long_date = ENGLISH.parse_long_date


@dataclass
class Facts:
    """What facts.yaml says: per-year session data and the years of other documents."""

    years: dict[int, dict[str, Any]] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)  # symbol -> year
    constants: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    language: str | None = None  # the ISO 639-3 code facts.yaml names, if it names one

    def for_year(self, year: int) -> dict[str, Any]:
        """The variables a template sees for `year`: year, session, venue and the rest."""
        values: dict[str, Any] = dict(self.constants)
        values.update({"year": year, "session": session_for_year(year)})
        values.update(self.years.get(year, {}))
        return values

    def year_of_symbol(self, symbol: str) -> int | None:
        """The year of a document symbol known to the facts (omnibus resolutions and others)."""
        if symbol in self.documents:
            return self.documents[symbol]
        for year, data in self.years.items():
            if data.get("symbol") == symbol:
                return year
        return None

    def merge(self, other: Facts) -> Facts:
        """These facts overlaid by `other` (a later library wins, year by year)."""
        years = {y: dict(d) for y, d in self.years.items()}
        for year, data in other.years.items():
            years.setdefault(year, {}).update(data)
        return Facts(
            years=years,
            documents={**self.documents, **other.documents},
            constants={**self.constants, **other.constants},
            source=other.source or self.source,
            language=other.language or self.language,
        )


_YEAR_TYPES: dict[str, type] = {"session": int, "venue": str, "symbol": str, "session_word": str,
                                "dates": dict}


def facts_from_data(data: Any, source: Path) -> Facts:
    """Validate the parsed facts.yaml: every key and every value's type, with its line."""
    where = str(source)
    expect(data, dict, what="facts.yaml", source=where, line=1, error=LibraryError)
    check_keys(data, ("years", "documents", "constants", "language"), source=where,
               what="facts.yaml", error=LibraryError)
    years: dict[int, dict[str, Any]] = {}
    raw_years = expect(data.get("years") or {}, dict, what="'years'", source=where,
                       line=line_of(data, "years"), error=LibraryError)
    for key, values in raw_years.items():
        if not str(key).isdecimal() or not isinstance(values, dict):
            raise LibraryError(f"years: {key!r} must be a year with a mapping of facts",
                               source=source, line=line_of(raw_years, key))
        check_keys(values, _YEAR_TYPES, source=where, what=f"the facts of {key}",
                   error=LibraryError)
        for name, value in values.items():
            expect(value, _YEAR_TYPES[name], what=f"{key}: {name!r}", source=where,
                   line=line_of(values, name), error=LibraryError)
        years[int(key)] = dict(values)
    raw_documents = expect(data.get("documents") or {}, dict, what="'documents'", source=where,
                           line=line_of(data, "documents"), error=LibraryError)
    documents = {str(k): expect(v, int, what=f"documents: {k!r} (its year)", source=where,
                                line=line_of(raw_documents, k), error=LibraryError)
                 for k, v in raw_documents.items()}
    constants = dict(expect(data.get("constants") or {}, dict, what="'constants'", source=where,
                            line=line_of(data, "constants"), error=LibraryError))
    language = library_language(data.get("language"), source, line_of(data, "language")) \
        if "language" in data else None
    return Facts(years=years, documents=documents, constants=constants, source=where,
                 language=language)


def library_language(code: Any, source: Path | str, line: int | None) -> str:
    """The ISO 639-3 code a library file names (facts.yaml, a version), or a LibraryError."""
    if not isinstance(code, str) or not code.strip():
        raise LibraryError(f"'language' must be a language code such as eng, not {code!r}",
                           source=source, line=line)
    try:
        return language_for(code).code
    except RequestError as e:  # a code language_for does not know
        raise LibraryError(e.message, source=source, line=line) from None


# --- the facts a text of a body sees -----------------------------------------------------------

# The body facts.yaml speaks for, and a text's body when nothing in it names one: the omnibus
# that asp-draft was made for.
FACTS_BODY = "asp"
# The facts of a year that are the ASP's own, which another body's text must not take.
_ASP_FACTS = ("session", "venue", "symbol", "session_word", "dates")

def body_values(facts: Facts, year: int, meta: Mapping[str, Any], body: Body | None,
                table: Table) -> dict[str, Any]:
    """The variables a template sees for a text of `body` in `year`: the facts of the year
    for an ASP text (or one of no known body); for another body's, the constants and its own
    session, none of the ASP's."""
    values = facts.for_year(year)
    if body is None or body.key == FACTS_BODY:
        return values
    from asp_draft.library.bodies import body_session

    for key in _ASP_FACTS:
        values.pop(key, None)
    session = body_session(meta, body, table)
    if session is not None:
        values["session"] = session
    return values
