"""Rolling a held resolution forward into next year's draft, honestly.

Each clause goes at its latest adopted version, and templates count on by themselves (the
session, the year). A version that states a past event (`rolls: keep`) stays word for word as
adopted, and every paragraph tied to its year — a year, a session ordinal, an anniversary,
"this year", "at its present session", a date, a period such as 2024/25 — is listed for a
person to review, with what was done to it and why.

The draft is for the body's next session and keeps the base's chapeau, body and title. For a
body other than the Assembly of States Parties, whose library rolls through its templates, the
words that count on are written too (asp_draft.library.advancing): the reference to the resolution
rolled from, reporting periods, the coming sessions and the years tied to them; a paragraph so
rolled is carried as its rolled text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from asp_draft.errors import RequestError, UnknownReferenceError
from asp_draft.language import MONTHS
from asp_draft.library import facts as factlib
from asp_draft.library.advancing import (
    Step,
    advance,
    apply,
    citation_form,
    moved,
    predecessor,
    shown,
)
from asp_draft.library.assemble import assemble, library_bodies, select_version
from asp_draft.library.bodies import Body, Table, iso_date
from asp_draft.library.load import Library
from asp_draft.library.spec_reader import parse_spec
from asp_draft.model import Document, Footnote, Meta, Paragraph, labels
from asp_draft.model.library import Version
from asp_draft.model.spec import Entry, Spec
from asp_draft.symbols import fill
from asp_draft.text.markup import with_marks
from asp_draft.text.words import diff_words

_MONTHS = "|".join(MONTHS)
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
        body = library_bodies(library).of_meta(base.meta)
        if not _earlier(base, body, year):
            raise RequestError(f"{ref}: {base.meta.symbol} is of {base.year}; a draft for "
                               f"{year} rolls an earlier text forward")
        return base
    earlier = [y for y in library.sessions if y < year]
    if not earlier:
        known = ", ".join(str(y) for y in sorted(library.sessions)) or "none"
        raise UnknownReferenceError(f"no adopted resolution before {year} to roll forward "
                                    f"(known years: {known})")
    return library.sessions[max(earlier)]


def _earlier(base: Spec, body: Body | None, year: int) -> bool:
    """Whether `base` comes before the draft for `year`: by session where the body counts
    them (a General Assembly text adopted in June 2024 is of the session that opened in
    2023), else by year."""
    session, coming = base.meta.session, coming_session(base, body, year)
    if session is not None and coming is not None:
        return session < coming
    return base.year < year


def coming_session(base: Spec, body: Body | None, year: int) -> int | None:
    """The session the draft for `year` is for: the base's own, as many years on as the
    draft is after the year it opened (General Assembly 78 -> 79 for 2024; the Human Rights
    Council's June session 56 -> 59 for 2025); with no session in the base, the body's
    first that opens in `year`. None for the omnibus's body (facts.yaml counts its
    sessions) and a body without sessions."""
    if body is None or body.key == factlib.FACTS_BODY or not body.sessions.held:
        return None
    session = base.meta.session
    opened = body.sessions.year_of(session) if session is not None else None
    if session is None or opened is None or body.sessions.by_year:
        return body.sessions.opening_in(year)
    return session + (year - opened) * body.sessions.per_year


def roll(library: Library, year: int, *, ref: str | None = None,
         symbol: str | None = None, source: str = "draft.yaml") -> Rolled:
    """A draft spec for `year` that follows the base clause by clause, with its review list.

    The spec is built once here (its review needs it), so what is written is known to build;
    `source` is the name messages give it.
    """
    from asp_draft.library.spec_writer import render_spec

    base = base_for(library, year, ref)
    adopted = assemble(base, library)
    bodies = library_bodies(library)
    body = bodies.of_meta(base.meta)
    step = _step(base, adopted, body, year, bodies)
    carry = _Carry(library, base, adopted, step)
    preamble = carry.entries(base.preamble, "preamble")
    operative = carry.entries(base.operative, "operative")
    annexes = tuple(replace(a, entries=carry.entries(a.entries)) for a in base.annexes)
    meta, notes = _draft_meta(library, base, year, symbol, body)
    draft = replace(base, meta=meta, preamble=preamble, operative=operative, annexes=annexes)
    text = render_spec(draft, comments=carry.comments)
    built = assemble(parse_spec(text, source), library)
    review = tuple(_review(adopted, built, carry, library, base))
    header = _header(base, year, notes, review, _for_whom(base, body, year))
    return Rolled(base=base, text="\n".join(header) + "\n" + text, review=review)


def _step(base: Spec, adopted: Document, body: Body | None, year: int,
          bodies: Table) -> Step | None:
    """How far the draft rolls the base, and what it knows of it; None where the words are
    left to templates and review (a body not in the table). The omnibus's own clauses roll
    through their templates; its literal texts (adopted from a file) roll as any body's."""
    if body is None:
        return None
    session, coming = base.meta.session, coming_session(base, body, year)
    if session is not None and coming is not None and coming > session:
        sessions = coming - session
        years = sessions if body.sessions.by_year else \
            max(1, sessions // body.sessions.per_year)
    else:
        sessions = years = max(1, year - base.year)
    found = predecessor((p.text for p in adopted.paragraphs if not p.heading), body,
                        session=session, year=base.year, title=base.meta.title)
    return Step(base_year=base.year, years=years, sessions=sessions, session=session,
                adopted=iso_date(base.meta.adopted),
                base_cite=_base_cite(base, body, found, bodies),
                predecessor=found, body=body)


def _base_cite(base: Spec, body: Body, found: str | None, bodies: Table) -> str | None:
    """The base as its predecessor is cited: '78/6' where the text wrote '77/6'."""
    symbol = bodies.parse_symbol(base.meta.symbol or "")
    form = citation_form(found, body) if found else None
    if symbol is None or symbol.kind != "resolution" or form is None:
        return None
    return fill(form, session=symbol.session, number=symbol.number, year=symbol.year)


class _Carry:
    """Carries the base's entries into the draft, in reading order: a version that states a
    past event (`rolls: keep`) becomes its adopted text, word for word; a paragraph whose words
    count on (asp_draft.library.advancing) becomes its rolled text."""

    def __init__(self, library: Library, base: Spec, adopted: Document,
                 step: Step | None) -> None:
        self.library, self.base, self.adopted, self.step = library, base, adopted, step
        self.symbol = base.meta.symbol or ""
        self.position = 0  # of the next entry's paragraph in `adopted`
        self.kept: set[int] = set()
        # position -> what changed in its words ("'77/6 of ...' -> '78/6 of ...'") and why
        self.rolled: dict[int, tuple[list[str], list[str]]] = {}
        # (part, index) -> the clause a rolled entry's words are, as a comment over it
        self.comments: dict[tuple[str, int], str] = {}

    def entries(self, entries: tuple[Entry, ...], part: str = "annex") -> tuple[Entry, ...]:
        """One part's (or one annex's) entries for the draft."""
        out = []
        for index, entry in enumerate(entries):
            position = self.position
            carried = self._entry(entry)
            if entry.clause is not None and carried.text is not None and \
                    entry.text is None and position not in self.kept:
                # the clause's words written out: say why, above them
                why = "rolled forward" if position in self.rolled else "as the base printed it"
                self.comments[(part, index)] = f"clause {entry.clause}, {why}"
            out.append(carried)
        return tuple(out)

    def _entry(self, entry: Entry) -> Entry:
        paragraph = _first_at(self.adopted, self.position, entry)
        position = self.position
        self.position += 1
        if paragraph is not None:
            version = self._version(entry)
            if version is not None and version.rolls == "keep":
                self.kept.add(position)
                self.position += sum(_count(s) for s in entry.sub)
                return replace(entry, clause=None, pin=None, text=_raw(paragraph),
                               template=False)
            rolled = self._rolled(paragraph, version)
            if rolled is not None:
                text, footnotes, why = rolled
                self.rolled[position] = why
                entry = _in_own_words(entry, text, footnotes)
            elif version is not None and self.step is not None and \
                    version is not self.library.clause(str(entry.clause)).latest:
                # another text adopted the clause's later wording (a library holds many
                # series, whose alike paragraphs share a clause): the draft keeps the base's
                entry = _in_own_words(entry, _raw(paragraph),
                                      tuple(n.text for n in paragraph.footnotes))
        return replace(entry, sub=tuple(self._entry(s) for s in entry.sub))

    def _version(self, entry: Entry) -> Version | None:
        """The clause version the base printed for a clause entry (None for inline text)."""
        if entry.clause is None:
            return None
        clause = self.library.clause(entry.clause, source=self.base.source, line=entry.line)
        return select_version(clause, entry, self.symbol, self.base)

    def _rolled(self, paragraph: Paragraph, version: Version | None
                ) -> tuple[str, tuple[str, ...], tuple[list[str], list[str]]] | None:
        """The paragraph's rolled text (lead and footnote marks written in), its footnotes,
        what changed and why; None when nothing in it counts on."""
        if self.step is None or paragraph.heading or not _literal(version):
            return None
        changes = advance(paragraph.text, self.step)
        notes = [(n, advance(n.text, self.step)) for n in paragraph.footnotes]
        if not changes and not any(c for _, c in notes):
            return None
        moved_notes = tuple(Footnote(apply(n.text, c), moved(n.at, changes)) for n, c in notes)
        new = replace(paragraph, text=apply(paragraph.text, changes), footnotes=moved_notes)
        whys = [c.why for c in changes] + [c.why for _, cs in notes for c in cs]
        did = [f"{old!r} -> {now!r}" for old, now in shown(paragraph.text, changes)]
        did += [f"footnote {old!r} -> {now!r}" for n, cs in notes
                for old, now in shown(n.text, cs)]
        return (with_marks(new, markup=True), tuple(n.text for n in moved_notes),
                (did, list(dict.fromkeys(whys))))


def _literal(version: Version | None) -> bool:
    """Whether a paragraph's words are for the rules to roll: inline text, or a clause version
    that says nothing of how it rolls and is no template (`rolls: advance` counts on by
    itself, `rolls: review` is a person's to decide)."""
    return version is None or (version.rolls is None and not re.search(r"\{[{%]", version.text))


def _in_own_words(entry: Entry, text: str, footnotes: tuple[str, ...]) -> Entry:
    """The entry for a paragraph the draft words itself (rolled forward, or as the base
    printed it): the clause stays named, so blame and --annotate cite it, and `text:` carries
    the words."""
    return replace(entry, text=text, template=False, footnotes=footnotes)


def _count(entry: Entry) -> int:
    """How many paragraphs an entry prints (itself and its sub-paragraphs)."""
    return 1 + sum(_count(s) for s in entry.sub)


def _first_at(document: Document, position: int, entry: Entry) -> Paragraph | None:
    if entry.heading is not None or position >= len(document.paragraphs):
        return None
    return document.paragraphs[position]


def _raw(paragraph: Paragraph) -> str:
    """The paragraph as adopted, lead and footnote marks written in (inline text is never
    run as a template, so it needs no escaping)."""
    return with_marks(paragraph, markup=True)


def _draft_meta(library: Library, base: Spec, year: int, symbol: str | None,
                body: Body | None) -> tuple[Meta, list[str]]:
    facts = library.facts.for_year(year)
    notes: list[str] = []
    out: dict[str, Any] = {"year": year}
    omnibus = body is None or body.key == factlib.FACTS_BODY
    if symbol:
        out["symbol"] = symbol
    else:
        adopted_symbol = library.facts.years.get(year, {}).get("symbol") if omnibus else None
        if adopted_symbol:
            # facts.yaml knows the symbol the adopted text takes; a draft is not that text.
            out["symbol"] = None
            notes.append(f"# No symbol: a draft is not {adopted_symbol}, the symbol of the "
                         "adopted text; give the draft's own with `asp-draft new --symbol`.")
        else:
            notes.append("# No symbol: give the draft's own with `asp-draft new --symbol`, "
                         "or add 'symbol:' here.")
    out["title"] = base.meta.title
    if base.meta.body or not omnibus:
        out["body"] = base.meta.body or (body.key if body else None)
    if base.meta.chapeau:
        out["chapeau"] = base.meta.chapeau  # the base's body, as it prints its chapeau
    if omnibus:
        out["session"] = facts.get("session", factlib.session_for_year(year))
    elif (coming := coming_session(base, body, year)) is not None:
        # the body's session the draft is for (General Assembly 2025: 80)
        out["session"] = coming
    return Meta.of(out), notes


def _for_whom(base: Spec, body: Body | None, year: int) -> str:
    """' (General Assembly, eightieth session)': whose session the draft is for, where
    the body is not the omnibus's."""
    coming = coming_session(base, body, year)
    if body is None or coming is None:
        return ""
    return f" ({body.name}, {body.sessions.name(coming)})"


def _header(base: Spec, year: int, notes: list[str], review: tuple[Review, ...],
            for_whom: str = "") -> list[str]:
    header = [
        f"# Draft spec for {year}{for_whom}, rolled forward by `asp-draft new` from "
        f"{base.meta.symbol} ({base.year}).",
        "# Each clause id takes the clause's latest adopted version; pin one as ID@YEAR.",
        "# New language goes inline:  - text: \"*Welcoming* the ...,\"",
        *notes,
    ]
    if base.meta.partial:
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


def _review(adopted: Document, built: Document, carry: _Carry, library: Library,
            base: Spec) -> list[Review]:
    out: list[Review] = []
    for i, (old, new, label) in enumerate(zip(adopted.paragraphs, built.paragraphs,
                                              labels(built.paragraphs), strict=False)):
        if new.heading:
            continue
        tied = ties(old.text)
        rolls = _rolls(library, old)
        why = "it names " + ", ".join(tied) if tied else ""
        if i in carry.kept:
            out.append(Review(label, old.clause, f"kept word for word as adopted in "
                              f"{base.year} (rolls: keep)", why or "a past event"))
        elif i in carry.rolled:
            did, whys = carry.rolled[i]
            out.append(Review(label, old.clause, "advanced " + ", ".join(did),
                              "; ".join(whys)))
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
