"""Document symbols: the one place that knows how they are written and what they say.

A body's table entry (clauses/bodies.yaml) writes its symbols as templates —
`ICC-ASP/{session}/Res.{number}`, `A/C.6/{session}/L.{number}`, `S/RES/{number} ({year})` —
and each becomes a pattern here. Any symbol may end in revisions, addenda and corrigenda
(`/Rev.1`, `/Add.2`, `/Corr.1`), and a special session's number is written `S-33` or
`ES-11`. What no body's template matches can still be a symbol (`A/80/123`, a report): it is
recognised by shape (`SYMBOL`), and says nothing about its body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Any UN-style symbol, by shape: an organ's letters, then parts split by '/', a trailing
# Security Council year in brackets. Used where a REF may be a symbol of any kind.
SYMBOL = r"[A-Z][A-Za-z-]*(?:/[A-Za-z0-9.()*-]+)+(?: \(\d{4}\))?"
_SYMBOL = re.compile(SYMBOL)
# A symbol as a cover block or a running head prints it: an organ's capitals (a hyphen joins
# ICC-ASP), then at least two parts split by '/', so that 'and/or' or 'Israeli/Palestinian' in
# a title is none, and a Council's year in brackets (`S/RES/2931 (2031)`).
PRINTED = r"[A-Z][A-Za-z]*(?:[-/][A-Za-z0-9.]+)+/[A-Za-z0-9.()]+(?: \(\d{4}\))?"
SYMBOL_LINE = re.compile(PRINTED)
# ... and one standing beside other text on a line (a running head's short title)
_IN_LINE = re.compile(rf"(?<![\w/.-])(?:{PRINTED})(?![\w/])")
# The session a symbol's shape gives, with no body's template to hand (the readers' start-up
# reads no table): the first part that is a number, when it has one to three digits
# (`A/RES/79/6`, `A/C.3/80/L.8`, `ICC-ASP/17/Res.5`, `A/HRC/RES/58/1`); a year's four
# (`S/2025/123`, `E/RES/2024/5`), a Council's `S/RES/2803 (2025)` or a special session's
# `A/RES/ES-11/1` say none.
_SESSION_PART = re.compile(r"^[A-Z][A-Za-z-]*(?:/[A-Za-z][A-Za-z0-9.]*)*/(?:(?:E?S)-\d|(\d{1,3})/)")
# What may follow any body's symbol: revisions, addenda, corrigenda, amendments.
_SUFFIX = r"(?P<suffix>(?:/(?:Rev|Add|Corr|Amend)\.\d{1,2})*)\*?"
# The digits of a template's fields, as any citation of a symbol writes them.
FIELD_DIGITS = {"session": r"\d{1,3}", "number": r"\d{1,5}", "year": r"(?:19|20)\d\d"}
_FIELDS = {
    "session": rf"(?P<special>(?:E?S)-)?(?P<session>{FIELD_DIGITS['session']})",
    "number": rf"(?P<number>{FIELD_DIGITS['number']})",
    "year": rf"(?P<year>{FIELD_DIGITS['year']})",
}


@dataclass(frozen=True)
class Symbol:
    """What a symbol says: whose it is, whether a resolution or a draft, and its numbers."""

    text: str
    body: str
    kind: str  # resolution | draft
    session: int | None = None  # None for a body without sessions, or a special session's
    year: int | None = None  # when the symbol writes it (Security Council, ECOSOC)
    number: int | None = None
    special: bool = False  # a special or emergency special session's
    revision: int | None = None

    @property
    def draft(self) -> bool:
        """True for a draft's symbol (L. documents and their revisions)."""
        return self.kind == "draft"


def template_pattern(template: str) -> str:
    """The regular expression a symbol template stands for (its fields as named groups)."""
    parts = re.split(r"\{(\w+)\}", template)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            if part not in _FIELDS:
                raise ValueError(f"unknown field {{{part}}} (known: session, year, number)")
            out.append(_FIELDS[part])
        else:
            out.append(re.escape(part))
    return "".join(out) + _SUFFIX


def fill(template: str, *, session: int | None = None, number: int | str | None = None,
         year: int | None = None) -> str | None:
    """A symbol or citation from its numbers ('{session}/{number}' -> '78/6'); None when a
    field it needs is unknown."""
    values = {"session": session, "number": number, "year": year}
    needed = re.findall(r"\{(\w+)\}", template)
    if any(values.get(k) in (None, "") for k in needed):
        return None
    return template.format(**{k: values[k] for k in needed})


@dataclass(frozen=True)
class Grammar:
    """The symbols of every body in a table, in the table's order."""

    patterns: tuple[tuple[str, str, re.Pattern[str]], ...]  # body, kind, pattern

    @classmethod
    def of(cls, templates: Iterable[tuple[str, str, str]]) -> Grammar:
        """From (body, kind, template) triples."""
        return cls(tuple((body, kind, re.compile(template_pattern(t), re.I))
                         for body, kind, t in templates))

    def parse(self, text: str) -> Symbol | None:
        """What `text` says as a symbol of a known body, or None."""
        written = " ".join(text.split())
        for body, kind, pattern in self.patterns:
            m = pattern.fullmatch(written)
            if m:
                return _symbol(written, body, kind, m)
        return None


def _symbol(text: str, body: str, kind: str, m: re.Match[str]) -> Symbol:
    fields = m.groupdict()
    special = bool(fields.get("special"))
    revision = re.search(r"/Rev\.(\d+)", fields.get("suffix") or "", re.I)
    return Symbol(
        text=text, body=body, kind=kind,
        session=None if special else _int(fields.get("session")),
        year=_int(fields.get("year")), number=_int(fields.get("number")), special=special,
        revision=int(revision.group(1)) if revision else None)


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def looks_like_symbol(text: str) -> bool:
    """True for text shaped like a document symbol (`A/80/123`, `S/RES/2803 (2025)`)."""
    return _SYMBOL.fullmatch(" ".join(text.split())) is not None


def printed_symbol(line: str) -> str | None:
    """The symbol a line prints among other text (a running head: `S/RES/2931 (2031)`,
    `A/RES/79/6 Report of ...`), if it prints one."""
    found = _IN_LINE.search(line)
    return found.group(0).rstrip(".") if found else None


def session_of(symbol: str) -> int | None:
    """The session a symbol's shape says (`A/C.3/80/L.8` -> 80), needing no body's table;
    None for one numbered by year or a special session's."""
    found = _SESSION_PART.match(" ".join(symbol.split()))
    return int(found.group(1)) if found and found.group(1) else None
