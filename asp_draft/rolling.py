"""Rolling a held resolution forward into next year's draft, honestly.

Each clause goes at its latest adopted version, and templates count on by themselves (the
session, the year). A version that states a past event (`rolls: keep`) stays word for word as
adopted, and every paragraph tied to its year — a year, a session ordinal, an anniversary,
"this year", "at its present session", a date, a period such as 2024/25 — is listed for a
person to review, with what was done to it and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from asp_draft import facts as factlib
from asp_draft.assemble import assemble, select_version
from asp_draft.errors import UnknownReferenceError, UsageError
from asp_draft.library import Library
from asp_draft.markup import with_marks
from asp_draft.model import Document, Meta, Paragraph, labels
from asp_draft.model.spec import Entry, Spec
from asp_draft.readers.spec import parse_spec
from asp_draft.words import diff_words

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ORDINAL = r"(?:\d+(?:st|nd|rd|th)|(?:[a-z]+-)?[a-z]+(?:st|nd|rd|th))"
# What ties a sentence to its year, most telling first; each with how the review names it.
TIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a date", re.compile(rf"\b\d{{1,2}} (?:{_MONTHS}) \d{{4}}\b")),
    ("a period", re.compile(r"\b(?:19|20)\d\d ?[/–-] ?(?:\d\d){1,2}\b")),
    ("an anniversary", re.compile(rf"\b{_ORDINAL} anniversary\b|\banniversary\b", re.I)),
    ("a session", re.compile(rf"\b{_ORDINAL} (?:regular |special |resumed )?session\b",
                             re.I)),
    ("the present session", re.compile(r"\b(?:present|current) session\b", re.I)),
    ("this year", re.compile(r"\bthis year\b", re.I)),
    ("a year", re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")),
)


@dataclass(frozen=True)
class Review:
    """One paragraph of the draft a person should look at: what was done, and why."""

    label: str
    clause: str | None
    did: str  # kept | advanced | review
    why: str

    def line(self) -> str:
        """One line for the spec header and stderr."""
        return f"{self.label} {self.clause or '(inline text)'}: {self.did}; {self.why}"


@dataclass(frozen=True)
class Rolled:
    """The base resolution, the draft spec's text, and the review list."""

    base: Spec
    text: str
    review: tuple[Review, ...]


def base_for(library: Library, year: int, ref: str | None) -> Spec:
    """The resolution to roll forward: REF (a year's omnibus or a held symbol), else the
    latest omnibus before `year`."""
    library.require_record()
    if ref is not None:
        base = library.session(int(ref)) if re.fullmatch(r"\d{4}", ref) \
            else library.session_by_symbol(ref)
        if base.year >= year:
            raise UsageError(f"--from {ref}: {base.meta.get('symbol')} is of {base.year}; a "
                             f"draft for {year} rolls an earlier text forward")
        return base
    earlier = [y for y in library.sessions if y < year]
    if not earlier:
        known = ", ".join(str(y) for y in sorted(library.sessions)) or "none"
        raise UnknownReferenceError(f"no adopted resolution before {year} to roll forward "
                                    f"(known years: {known})")
    return library.sessions[max(earlier)]


def roll(library: Library, year: int, *, ref: str | None = None,
         symbol: str | None = None, source: str = "draft.yaml") -> Rolled:
    """A draft spec for `year` that follows the base clause by clause, with its review list.

    The spec is built once here (its review needs it), so what is written is known to build;
    `source` is the name messages give it.
    """
    from asp_draft.writers.spec import render_spec

    base = base_for(library, year, ref)
    adopted = assemble(base, library)
    carry = _Carry(library, base, adopted)
    preamble, operative = carry.entries(base.preamble), carry.entries(base.operative)
    annexes = tuple(replace(a, entries=carry.entries(a.entries)) for a in base.annexes)
    kept = carry.kept
    meta, notes = _draft_meta(library, base, year, symbol)
    draft = replace(base, meta=meta, preamble=preamble, operative=operative, annexes=annexes)
    body = render_spec(draft)
    built = assemble(parse_spec(body, source), library)
    review = tuple(_review(adopted, built, kept, library, base))
    header = _header(base, year, notes, review)
    return Rolled(base=base, text="\n".join(header) + "\n" + body, review=review)


class _Carry:
    """Carries the base's entries into the draft, in reading order: a version that states a
    past event (`rolls: keep`) becomes its adopted text, word for word."""

    def __init__(self, library: Library, base: Spec, adopted: Document) -> None:
        self.library, self.base, self.adopted = library, base, adopted
        self.symbol = str(base.meta.get("symbol") or "")
        self.position = 0  # of the next entry's paragraph in `adopted`
        self.kept: set[int] = set()

    def entries(self, entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
        """One part's (or one annex's) entries for the draft."""
        out = []
        for entry in entries:
            paragraph = _first_at(self.adopted, self.position, entry)
            if entry.clause is not None and paragraph is not None:
                clause = self.library.clause(entry.clause, source=self.base.source,
                                             line=entry.line)
                if select_version(clause, entry, self.symbol, self.base).rolls == "keep":
                    entry = replace(entry, clause=None, pin=None, text=_raw(paragraph))
                    self.kept.add(self.position)
            out.append(entry)
            self.position += _count(entry)
        return tuple(out)


def _count(entry: Entry) -> int:
    """How many paragraphs an entry prints (itself and its sub-paragraphs)."""
    return 1 + sum(_count(s) for s in entry.sub)


def _first_at(document: Document, position: int, entry: Entry) -> Paragraph | None:
    if entry.heading is not None or position >= len(document.paragraphs):
        return None
    return document.paragraphs[position]


def _raw(paragraph: Paragraph) -> str:
    """The paragraph as adopted, written so that no template reading changes it."""
    text = with_marks(paragraph, markup=True)
    if re.search(r"\{[{%#]", text):
        return "{% raw %}" + text.replace("{% endraw %}", "") + "{% endraw %}"
    return text


def _draft_meta(library: Library, base: Spec, year: int,
                symbol: str | None) -> tuple[dict[str, Any], list[str]]:
    facts = library.facts.for_year(year)
    notes: list[str] = []
    meta: dict[str, Any] = {"year": year}
    if symbol:
        meta["symbol"] = symbol
    else:
        adopted_symbol = library.facts.years.get(year, {}).get("symbol")
        if adopted_symbol:
            # facts.yaml knows the symbol the adopted text takes; a draft is not that text.
            meta["symbol"] = None
            notes.append(f"# No symbol: a draft is not {adopted_symbol}, the symbol of the "
                         "adopted text; give the draft's own with `asp-draft new --symbol`.")
        else:
            notes.append("# No symbol: give the draft's own with `asp-draft new --symbol`, "
                         "or add 'symbol:' here.")
    meta["title"] = base.meta.get("title")
    meta["session"] = facts.get("session", factlib.session_for_year(year))
    return meta, notes


def _header(base: Spec, year: int, notes: list[str], review: tuple[Review, ...]) -> list[str]:
    header = [
        f"# Draft spec for {year}, rolled forward by `asp-draft new` from "
        f"{base.meta.get('symbol')} ({base.year}).",
        "# Each clause id takes the clause's latest adopted version; pin one as ID@YEAR.",
        "# New language goes inline:  - text: \"*Welcoming* the ...,\"",
        *notes,
    ]
    if Meta.of(base.meta).partial:
        header.append("# The record of the base year is partial (only part of its text is "
                      "held), so this draft is too.")
    if review:
        header.append(f"# Review: {len(review)} paragraph(s) are tied to their year; look at "
                      "each before the draft goes out:")
        header += [f"#   {r.line()}" for r in review]
    return header


def ties(text: str) -> list[str]:
    """What ties a paragraph to its year: 'an anniversary (20th anniversary)', ..."""
    found: list[str] = []
    seen: set[str] = set()
    for name, pattern in TIES:
        m = pattern.search(text)
        if m and not any(m.group() in s for s in seen):
            found.append(f"{name} ({m.group()!r})")
            seen.add(m.group())
    return found


def _review(adopted: Document, built: Document, kept: set[int], library: Library,
            base: Spec) -> list[Review]:
    out: list[Review] = []
    for i, (old, new, label) in enumerate(zip(adopted.paragraphs, built.paragraphs,
                                              labels(built.paragraphs), strict=False)):
        if new.heading:
            continue
        tied = ties(old.text)
        rolls = _rolls(library, old)
        why = "it names " + ", ".join(tied) if tied else ""
        if i in kept:
            out.append(Review(label, old.clause, f"kept word for word as adopted in "
                              f"{base.year} (rolls: keep)", why or "a past event"))
        elif rolls == "review":
            out.append(Review(label, new.clause, "left for you (rolls: review)",
                              why or "its clause asks for a look each year"))
        elif old.text != new.text:
            out.append(Review(label, new.clause, "advanced by its template: "
                              + _changed(old.text, new.text), why or "its wording counts on"))
        elif tied:
            out.append(Review(label, new.clause, f"kept as adopted in {base.year}", why
                              + "; check that it still holds"))
    return out


def _rolls(library: Library, paragraph: Paragraph) -> str | None:
    """How the version a paragraph was printed from rolls forward (None for inline text)."""
    clause = library.clauses.get(paragraph.clause or "")
    version = clause.version_since(paragraph.version) if clause and paragraph.version else None
    return version.rolls if version else None


def _changed(old: str, new: str) -> str:
    """'20th' -> '21st': the words a template changed."""
    ops = diff_words(old, new)
    gone = "".join(t for op, t in ops if op == "delete").strip()
    came = "".join(t for op, t in ops if op == "insert").strip()
    return f"{gone!r} -> {came!r}"
