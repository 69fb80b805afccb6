"""The language a library or document is written in: its number words, dates, lead words and
chapeau, and the codes that tag it in Word and Akoma Ntoso files.

English is the one built; another language is one more `Language` in `LANGUAGES`. A library
names its language in facts.yaml (`language: fra`), a document in its metadata; English is
the default of both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from asp_draft.errors import RequestError

if TYPE_CHECKING:
    from asp_draft.model import Meta

DEFAULT = "eng"


# One object per language, hashed by identity (a cache key); no generated repr or eq, as each
# costs start-up time for every command that reads a text.
@dataclass(frozen=True, eq=False, repr=False)
class Language:
    """How one language writes what asp-draft writes or reads for itself."""

    code: str  # ISO 639-3 (639-2/T), as Akoma Ntoso's FRBRlanguage asks: "eng"
    alpha2: str  # ISO 639-1: "en"
    tag: str  # the BCP 47 tag Word's w:lang takes: "en-GB" (UN English is British)
    name: str
    chapeau: str  # the Assembly's opening line
    title: str  # the omnibus resolution's title, a draft's default
    leads_file: str  # the lead words' file in a library folder (see text/leads.py)
    participle: re.Pattern[str]  # a preambular lead known by its form alone (`Recognizing`)
    ordinal: Callable[[int], str]  # 22 -> "22nd"
    ordinal_word: Callable[[int], str]  # 16 -> "sixteenth"
    cardinal_word: Callable[[int], str]  # 21 -> "twenty-one"
    long_date: Callable[[date], str]  # date(2017, 12, 14) -> "14 December 2017"
    parse_long_date: Callable[[str], date | None]
    parse_ordinal_word: Callable[[str], int | None]

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    def filters(self) -> dict[str, Callable[[Any], str]]:
        """The number filters clause templates use, in this language."""
        return {"ordinal": lambda n: self.ordinal(int(n)),
                "ordinal_word": lambda n: self.ordinal_word(int(n)),
                "cardinal_word": lambda n: self.cardinal_word(int(n))}


# --- English ------------------------------------------------------------------------------

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_UNITS = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                  "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _ordinal(n: int) -> str:
    """1 -> '1st', 12 -> '12th', 22 -> '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _cardinal_word(n: int) -> str:
    """0..999 in words: 21 -> 'twenty-one'."""
    if not 0 <= n < 1000:
        raise ValueError(f"{n} is out of range for words")
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
    hundreds, rest = divmod(n, 100)
    return f"{_UNITS[hundreds]} hundred" + (f" and {_cardinal_word(rest)}" if rest else "")


def _ordinal_word(n: int) -> str:
    """16 -> 'sixteenth', 21 -> 'twenty-first'."""
    words = _cardinal_word(n)
    head, sep, last = words.rpartition("-") if "-" in words else words.rpartition(" ")
    if last in _ORDINAL_UNITS:
        last = _ORDINAL_UNITS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


_WORD_VALUES = {_ordinal_word(n): n for n in range(1, 100)}


def _parse_ordinal_word(word: str) -> int | None:
    """'seventeenth' -> 17; None when the word is not an ordinal."""
    return _WORD_VALUES.get(word.lower())


def _long_date(value: date) -> str:
    """date(2017, 12, 14) -> '14 December 2017', as UN documents write it."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _parse_long_date(text: str) -> date | None:
    """'14 December 2017' -> date(2017, 12, 14); None if it is not such a date."""
    m = re.fullmatch(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})", text.strip())
    if not m or m.group(2) not in MONTHS:
        return None
    return date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1)))


ENGLISH = Language(
    code="eng", alpha2="en", tag="en-GB", name="English",
    chapeau="The Assembly of States Parties,",
    title="Strengthening the International Criminal Court and the Assembly of States Parties",
    leads_file="leads.txt",
    participle=re.compile(r"[A-Z][a-z]{3,}(?:-[a-z]+)?(?:ing|ed)"),
    ordinal=_ordinal, ordinal_word=_ordinal_word, cardinal_word=_cardinal_word,
    long_date=_long_date, parse_long_date=_parse_long_date,
    parse_ordinal_word=_parse_ordinal_word,
)

# ISO 639-3 code -> language; a new language is one entry here.
LANGUAGES: dict[str, Language] = {"eng": ENGLISH}


def _find(code: str) -> Language | None:
    key = code.strip().lower()
    return LANGUAGES.get(key) or next((lang for lang in LANGUAGES.values()
                                       if lang.alpha2 == key), None)


def language_for(code: object) -> Language:
    """The language with this ISO 639-3 or 639-1 code, any case; English when none is given."""
    if code is None or (isinstance(code, str) and not code.strip()):
        return LANGUAGES[DEFAULT]
    found = _find(code) if isinstance(code, str) else None
    if found is None:
        raise RequestError(f"unknown language {code!r} (known: {', '.join(sorted(LANGUAGES))})")
    return found


def language_code(code: object) -> str:
    """The ISO 639-3 code of a code a file gives; an unknown one is kept, lower-cased."""
    # another tool's file may be in any language: it is read, only not drafted in
    if code is None or not str(code).strip():
        return DEFAULT
    found = _find(str(code))
    return found.code if found else str(code).strip().lower()


def language_tag(code: object) -> str | None:
    """The BCP 47 tag (Word's w:lang) of a language asp-draft knows, else None."""
    found = _find(code) if isinstance(code, str) else None
    return found.tag if found else None


def document_language(meta: Meta) -> str:
    """The ISO 639-3 code of the language a document's metadata names (English when none)."""
    return language_code(meta.language)
