"""Year <-> session arithmetic and the facts.yaml lookup (with the library's language)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asp_draft.errors import LibraryError, UsageError
from asp_draft.language import ENGLISH, language_for
from asp_draft.yamlcheck import check_keys, expect, line_of

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
    except UsageError as e:
        raise LibraryError(e.message, source=source, line=line) from None



