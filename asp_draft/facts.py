"""Year <-> session arithmetic, ordinals in figures and words, and the facts.yaml lookup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from asp_draft.errors import LibraryError

# The Assembly's first regular session met in 2002; since then one regular session a year.
FIRST_SESSION_YEAR = 2002

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_UNITS = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                  "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


_ROMAN_VALUES = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                 (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(n: int) -> str:
    """4 -> 'iv': the label of sub-sub-paragraph (iv), Word's lowerRoman."""
    out = ""
    for value, numeral in _ROMAN_VALUES:
        while n >= value:
            out += numeral
            n -= value
    return out


def letters(n: int) -> str:
    """1 -> 'a', 27 -> 'aa': the label of sub-paragraph (a), Word's lowerLetter."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def session_for_year(year: int) -> int:
    """The number of the Assembly's regular session held in `year` (2017 -> 16)."""
    return year - FIRST_SESSION_YEAR + 1


def ordinal(n: int) -> str:
    """1 -> '1st', 12 -> '12th', 22 -> '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def cardinal_word(n: int) -> str:
    """0..999 in words: 21 -> 'twenty-one'."""
    if not 0 <= n < 1000:
        raise ValueError(f"{n} is out of range for words")
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
    hundreds, rest = divmod(n, 100)
    return f"{_UNITS[hundreds]} hundred" + (f" and {cardinal_word(rest)}" if rest else "")


def ordinal_word(n: int) -> str:
    """16 -> 'sixteenth', 21 -> 'twenty-first'."""
    words = cardinal_word(n)
    head, sep, last = words.rpartition("-") if "-" in words else words.rpartition(" ")
    if last in _ORDINAL_UNITS:
        last = _ORDINAL_UNITS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


_WORD_VALUES = {ordinal_word(n): n for n in range(1, 100)}


def parse_ordinal_word(word: str) -> int | None:
    """'seventeenth' -> 17; None when the word is not an ordinal."""
    return _WORD_VALUES.get(word.lower())


def long_date(value: date) -> str:
    """date(2017, 12, 14) -> '14 December 2017', as UN documents write it."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def parse_long_date(text: str) -> date | None:
    """'14 December 2017' -> date(2017, 12, 14); None if it is not such a date."""
    m = re.fullmatch(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})", text.strip())
    if not m or m.group(2) not in _MONTHS:
        return None
    return date(int(m.group(3)), _MONTHS.index(m.group(2)) + 1, int(m.group(1)))


@dataclass
class Facts:
    """What facts.yaml says: per-year session data and the years of other documents."""

    years: dict[int, dict[str, Any]] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)  # symbol -> year
    constants: dict[str, Any] = field(default_factory=dict)
    source: str = ""

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
        )


_YEAR_KEYS = {"session", "venue", "symbol", "dates", "session_word"}


def facts_from_data(data: Any, source: Path) -> Facts:
    """Validate the parsed facts.yaml."""
    if not isinstance(data, dict):
        raise LibraryError("facts.yaml must be a mapping with 'years'", source=source)
    unknown = set(data) - {"years", "documents", "constants"}
    if unknown:
        key = sorted(unknown)[0]
        raise LibraryError(f"unknown key {key!r} (expected years, documents, constants)",
                           source=source, line=_line(data, key))
    years: dict[int, dict[str, Any]] = {}
    for key, values in (data.get("years") or {}).items():
        if not str(key).isdigit() or not isinstance(values, dict):
            raise LibraryError(f"years: {key!r} must be a year with a mapping of facts",
                               source=source, line=_line(data["years"], key))
        bad = set(values) - _YEAR_KEYS
        if bad:
            name = sorted(bad)[0]
            raise LibraryError(f"unknown key {name!r} for {key} (expected one of "
                               f"{', '.join(sorted(_YEAR_KEYS))})",
                               source=source, line=_line(values, name))
        years[int(key)] = dict(values)
    documents = {str(k): int(v) for k, v in (data.get("documents") or {}).items()}
    constants = dict(data.get("constants") or {})
    return Facts(years=years, documents=documents, constants=constants, source=str(source))


def _line(mapping: Any, key: Any) -> int | None:
    line_of = getattr(mapping, "line_of", None)
    return int(line_of(str(key))) if line_of else None
