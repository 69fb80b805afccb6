"""What rolling a text forward writes for the next session: the words that count on.

A recurring resolution repeats last year's text with its references brought up to date, and
those follow a few rules of the layout, which this module applies to one paragraph at a time:

- the reference to the resolution rolled from: the base text cites its own predecessor in the
  series ("Recalling its resolution 77/6 of 2 November 2022"); the next text cites the base
  instead, with its adoption date ("78/6 of 1 November 2023"), or, where the base lists the
  series ("76/36 of ... and 77/47 of ..."), adds the base at the list's end;
- reporting periods: `2023/24` -> `2024/25`, a budget year "from 1 July 2023 to 30 June 2024",
  "the financial period ended 30 June 2023", figures "as at 30 April 2024";
- the body's coming sessions: "at its seventy-ninth session" (the next session, or the one
  after) -> "eightieth"; a run of sessions up to the present one ("at the sixty-fourth to
  seventy-eighth sessions") runs one further; a yearly count ("for the eighteenth
  consecutive year") counts one further;
- years tied to them: a report, programme or scale "for 2023" of the base's year or the next.

What is history stays as it was: any resolution other than the one rolled from, what the
predecessor did ("resolution 77/203, whereby the Assembly decided ..."), an anniversary, a
session that has met, a date (a meeting's days move as well as its year, a one-off event's
not at all: they are listed for review), another body's sessions, a session a decision takes
effect from, a named span such as 2022–2032. Each change says why, for the review list.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from asp_draft.language import ENGLISH, MONTHS, Language
from asp_draft.library.bodies import Body
from asp_draft.symbols import FIELD_DIGITS

_MONTH = "|".join(MONTHS)
# '1 November 2023', and the odd '15 of December of 2022' a PDF sometimes prints
DATE = rf"(?P<day>\d{{1,2}})(?: of)? (?P<month>{_MONTH})(?: of)? (?P<year>(?:19|20)\d\d)"
# A resolution of a part adopted apart ('77/291 B'); the letter is part of the citation.
_PART = r"(?: [A-Z](?![\w/]))?"
# What follows a citation that speaks of what that resolution did or holds: history.
_HISTORY = re.compile(r",? (?:whereby|by which|in which|through which)\b|"
                      r" and the [^,;]* (?:contained|set out) therein\b")

# words that say nothing of a subject ('United Nations' stands in most titles)
_STOP = frozenset(("the", "of", "on", "and", "in", "to", "for", "a", "an", "its", "their",
                   "with", "by", "at", "from", "united", "nations"))


@dataclass(frozen=True)
class Change:
    """One change to a paragraph: where, the new words, and why."""

    start: int
    end: int
    new: str
    why: str


@dataclass(frozen=True)
class Step:
    """How far a text rolls and what is known of the text it rolls from."""

    base_year: int
    years: int = 1  # how many years the draft is ahead of the base
    sessions: int = 1  # how many of the body's sessions it is ahead
    session: int | None = None  # the base's session of its body
    adopted: dt.date | None = None  # the base's adoption date
    base_cite: str | None = None  # the base as texts cite it: '78/6'
    predecessor: str | None = None  # the base's predecessor as the base cites it: '77/6'
    body: Body | None = None
    language: Language = ENGLISH


@dataclass(frozen=True)
class _Item:
    """One resolution in a run of citations: where it stands, its citation, its date."""

    start: int
    end: int
    cite: str
    dated: bool


@dataclass(frozen=True)
class _Run:
    """'resolutions 76/36 of 6 December 2021 and 77/47 of 7 December 2022': its items."""

    start: int
    end: int
    items: tuple[_Item, ...]


def citation_forms(body: Body) -> tuple[str, ...]:
    """The templates a body's resolutions are cited by in running text: the symbol, and for
    the United Nations' `.../RES/...` symbols the short form after `RES/` ('78/6',
    '2718 (2023)')."""
    if body.resolution is None:
        return ()
    m = re.match(r".*?RES/(\{.*)", body.resolution, re.I)
    return (body.resolution, m.group(1)) if m else (body.resolution,)


def _cite_pattern(forms: Sequence[str]) -> str:
    """One pattern for the citation forms, each field as digits, none inside a longer symbol."""
    alternatives = []
    for form in forms:
        parts = re.split(r"\{(\w+)\}", form)
        alternatives.append("".join(FIELD_DIGITS.get(p, p) if i % 2 else re.escape(p)
                                    for i, p in enumerate(parts)))
    return r"(?<![\w/.-])(?:" + "|".join(alternatives) + r")(?![\w/]|\.\d)"


class Citations:
    """Finds the runs of a body's resolution citations in a text."""

    def __init__(self, body: Body) -> None:
        self.body = body
        self.forms = citation_forms(body)
        item = rf"(?P<cite>{_cite_pattern(self.forms)}{_PART})(?P<date> of {DATE})?"
        self._item = re.compile(item)
        bare = re.sub(r"\(\?P<\w+>", "(?:", item)
        self._run = re.compile(rf"\bresolutions? {bare}(?:(?:, and |, | and ){bare})*")

    def runs(self, text: str) -> Iterator[_Run]:
        """Each run of the body's own resolutions cited after 'resolution(s)'."""
        if not self.forms:
            return
        for m in self._run.finditer(text):
            if not self._own(text[:m.start()]):
                continue
            items = tuple(_Item(m.start() + i.start(), m.start() + i.end(), i.group("cite"),
                                bool(i.group("date")))
                          for i in self._item.finditer(m.group()))
            yield _Run(m.start(), m.end(), items)

    def _own(self, before: str) -> bool:
        """False where another body's name stands right before 'resolution' ('Security
        Council resolution 2718 (2023)', 'Human Rights Council resolution 54/12')."""
        m = re.search(r"((?:[A-Z][\w-]*\s)*)(Council|Commission|Conference|Committee|Board|"
                      r"Assembly|Organization|Parties)\s$", before)
        if m is None:
            return True
        named = (m.group(1) + m.group(2)).strip()
        own = self.body.name
        return own.endswith(named) or named.endswith(own) or \
            (own.endswith(m.group(2)) and not m.group(1))


@cache
def citations_of(body: Body) -> Citations:
    """The body's citation finder, compiled once."""
    return Citations(body)


def predecessor(texts: Iterable[str], body: Body, *, session: int | None, year: int,
                title: str | None) -> str | None:
    """The base's predecessor in its series, as the base cites it: the first resolution of
    the previous session (or year) the paragraphs cite, leaving out any they show to be of
    another series: named as on another subject ("77/28 on the strengthening of the
    coordination of ...", "entitled 'Effects of atomic radiation'"), cited for an act of its
    own ("77/326 of 25 August 2023 proclaiming the Decade"), or ending a list that comes
    every other session ("..., 74/147, 76/169 and 78/210": a series of another rhythm)."""
    citations = citations_of(body)
    found: list[str] = []
    other: set[str] = set()
    for text in texts:
        for run in citations.runs(text):
            for item in run.items:
                if not _previous(item.cite, body, session=session, year=year):
                    continue
                if item.cite not in found:
                    found.append(item.cite)
                last = item is run.items[-1]
                subject = _subject(text[item.end:]) if last else None
                if (subject and title and not _alike(subject, title)) or \
                        (last and _ACT.match(text, item.end)) or \
                        (last and _other_rhythm(run, body)):
                    other.add(item.cite)
    return next((c for c in found if c not in other), None)


# A citation followed by what that resolution itself did: it is cited for its act.
_ACT = re.compile(rf"(?: of {DATE})?,? (?:proclaiming|establishing|adopting|endorsing|"
                  r"declaring|convening)\b")


def _other_rhythm(run: _Run, body: Body) -> bool:
    """Whether a list's last three resolutions come at a steady step longer than a year's
    (every other session): its series is not an annual one's."""
    sessions = [_numbers(i.cite, body) for i in run.items[-3:]]
    counted = [n[0] for n in sessions if n is not None and n[0] is not None]
    if len(counted) < 3:
        return False
    steps = {b - a for a, b in itertools.pairwise(counted)}
    return len(steps) == 1 and steps.pop() > body.sessions.per_year


def _previous(citation: str, body: Body, *, session: int | None, year: int) -> bool:
    """Whether a citation is of the resolution's previous session (or, for a body without
    sessions, of the previous year)."""
    numbers = _numbers(citation, body)
    if numbers is None:
        return False
    cited_session, cited_year = numbers
    if session is not None and cited_session is not None:
        return body.sessions.next(cited_session) == session
    return cited_year is not None and cited_year == year - 1


def _numbers(citation: str, body: Body) -> tuple[int | None, int | None] | None:
    """(session, year) a citation writes, by the body's citation forms."""
    for form in citation_forms(body):
        m = _form_match(citation, form)
        if m:
            fields = m.groupdict()
            return (int(fields["session"]) if fields.get("session") else None,
                    int(fields["year"]) if fields.get("year") else None)
    return None


def citation_form(citation: str, body: Body) -> str | None:
    """The template a citation is written by ('{session}/{number}' for '77/6')."""
    return next((f for f in citation_forms(body) if _form_match(citation, f)), None)


def _form_match(citation: str, form: str) -> re.Match[str] | None:
    plain = re.sub(r" [A-Z]$", "", citation)  # a part's letter: '77/291 B'
    parts = re.split(r"\{(\w+)\}", form)
    pattern = "".join(f"(?P<{p}>{FIELD_DIGITS[p]})" if i % 2 else re.escape(p)
                      for i, p in enumerate(parts))
    return re.fullmatch(pattern, plain)


def _subject(after: str) -> str | None:
    """What a citation says its resolution is about: 'entitled “...”' or 'on ...'."""
    m = re.match(rf"(?: of {DATE})?,? (?:entitled [“\"](?P<title>[^”\"]+)|on (?P<on>[^,;:]+))",
                 after)
    if m is None:
        return None
    return m.group("title") or m.group("on")


def _alike(subject: str, title: str) -> bool:
    """Whether a subject names the title's matter: half the title's own words in it."""
    def words(text: str) -> set[str]:
        return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP}

    mine = words(title)
    return not mine or len(mine & words(subject)) * 2 >= len(mine)


def advance(text: str, step: Step) -> list[Change]:
    """The changes that roll one paragraph's text forward, in reading order."""
    changes: list[Change] = []
    changes += _references(text, step)
    changes += _periods(text, step)
    changes += _sessions(text, step)
    changes += _consecutive(text, step)
    changes += _years(text, step)
    return _without_overlaps(changes)


def apply(text: str, changes: Sequence[Change]) -> str:
    """The text with the changes made."""
    out = text
    # from the end, so each change's offsets still hold; at one place, the span before an
    # insertion there
    for change in sorted(changes, key=lambda c: (c.start, c.end), reverse=True):
        out = out[:change.start] + change.new + out[change.end:]
    return out


def moved(offset: int, changes: Sequence[Change]) -> int:
    """Where a position of the text (a footnote's mark) stands after the changes."""
    shift = 0
    for change in changes:
        if change.end <= offset:
            shift += len(change.new) - (change.end - change.start)
        elif change.start < offset:  # inside a changed span: after the new words
            return change.start + shift + len(change.new)
    return offset + shift


def shown(text: str, changes: Sequence[Change]) -> list[tuple[str, str]]:
    """The changes as a reader reviews them: (old words, new words), changes a few words
    apart taken together ('and 77/47 of 7 December 2022' -> ', 77/47 of 7 December 2022 and
    78/27 of 4 December 2023')."""
    groups: list[list[Change]] = []
    for change in sorted(changes, key=lambda c: c.start):
        if groups and change.start - groups[-1][-1].end <= _TOGETHER:
            groups[-1].append(change)
        else:
            groups.append([change])
    out = []
    for group in groups:
        start, end = group[0].start, group[-1].end
        while start > 0 and not text[start - 1].isspace():
            start -= 1  # whole words: '2023/24', not '3/24'
        while end < len(text) and not text[end].isspace():
            end += 1
        rebased = [Change(c.start - start, c.end - start, c.new, c.why) for c in group]
        out.append((text[start:end].strip(), apply(text[start:end], rebased).strip()))
    return out


_TOGETHER = 30  # characters between two changes shown as one


def _without_overlaps(changes: list[Change]) -> list[Change]:
    """The changes in reading order, the first of any two that overlap kept."""
    out: list[Change] = []
    for change in sorted(changes, key=lambda c: (c.start, -c.end)):
        if out and change.start < out[-1].end:
            continue
        out.append(change)
    return out


# --- the reference to the base ------------------------------------------------------------

def _references(text: str, step: Step) -> list[Change]:
    if step.body is None or not step.predecessor or not step.base_cite:
        return []
    base_date = step.language.long_date(step.adopted) if step.adopted else None
    why = f"it cited {step.predecessor}, which {step.base_cite} followed"
    changes: list[Change] = []
    for run in citations_of(step.body).runs(text):
        if _HISTORY.match(text, run.end):
            continue  # what the predecessor did is history
        for i, item in enumerate(run.items):
            if item.cite != step.predecessor or (item.dated and base_date is None):
                continue
            new = step.base_cite + (f" of {base_date}" if item.dated else "")
            last = i == len(run.items) - 1
            if len(run.items) == 1:
                changes.append(Change(item.start, item.end, new, why))
            elif last:
                # the series listed: the base joins the end of the list
                before = run.items[i - 1].end
                changes.append(Change(before, item.start, ", ", why))
                changes.append(Change(item.end, item.end, f" and {new}", why))
    return changes


# --- periods -------------------------------------------------------------------------------

_PERIOD = re.compile(r"(?<![\w/.–-])(?P<first>(?:19|20)\d\d)/(?P<second>\d\d|(?:19|20)\d\d)"
                     r"(?![\w/]|\.\d)")
_SPAN = re.compile(rf"\bfrom (?P<d1>\d{{1,2}})(?: (?P<m1>{_MONTH}))?(?: (?P<y1>(?:19|20)\d\d))?"
                   rf" to (?P<d2>\d{{1,2}}) (?P<m2>{_MONTH}) (?P<y2>(?:19|20)\d\d)\b")
_ENDED = re.compile(rf"\b(?:period ended|period ending|as at) {DATE}\b")


def _periods(text: str, step: Step) -> list[Change]:
    changes: list[Change] = []
    for m in _PERIOD.finditer(text):
        first, second = int(m.group("first")), m.group("second")
        end = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if end != first + 1 or end < step.base_year:
            continue  # not a year's period, or one that is over
        new_first = first + step.years
        written = str(new_first + 1) if len(second) == 4 else f"{(new_first + 1) % 100:02d}"
        changes.append(Change(m.start(), m.end(), f"{new_first}/{written}",
                              "a reporting period, a year on"))
    for m in _SPAN.finditer(text):
        if _budget_period(m) and int(m.group("y2")) >= step.base_year - 1:
            changes += _span_years(m, step, "a budget period, a year on")
    for m in _ENDED.finditer(text):
        if int(m.group("year")) < step.base_year - 1:
            continue  # long over
        changes.append(_year_change(m, "year", step, "the end of a reporting period, a year on"
                                    if "period" in m.group() else "figures as at a date, a "
                                    "year on"))
    return changes


def _budget_period(m: re.Match[str]) -> bool:
    """'from 1 July 2023 to 30 June 2024', 'from 1 July to 31 December 2024': a period that
    starts on a month's first day and ends on a month's last, within a year."""
    y2 = int(m.group("y2"))
    y1 = int(m.group("y1")) if m.group("y1") else y2
    m1 = m.group("m1") or m.group("m2")
    if m.group("d1") != "1" or y2 - y1 not in (0, 1):
        return False
    try:
        start = dt.date(y1, MONTHS.index(m1) + 1, 1)
        end = dt.date(y2, MONTHS.index(m.group("m2")) + 1, int(m.group("d2")))
    except ValueError:
        return False
    return (end + dt.timedelta(days=1)).day == 1 and start < end <= dt.date(y1 + 1, start.month,
                                                                           1)


def _span_years(m: re.Match[str], step: Step, why: str) -> list[Change]:
    return [_year_change(m, group, step, why) for group in ("y1", "y2") if m.group(group)]


def _year_change(m: re.Match[str], group: str, step: Step, why: str) -> Change:
    return Change(m.start(group), m.end(group), str(int(m.group(group)) + step.years), why)


# --- sessions ------------------------------------------------------------------------------

_ORDINAL = r"(?:\d{1,3}(?:st|nd|rd|th)|(?:[A-Za-z]+-)?[A-Za-z]+(?:st|nd|rd|th))"
_SESSION = re.compile(rf"\b(?:(?P<from>{_ORDINAL}) to )?(?P<ord>{_ORDINAL}) (?P<what>"
                      r"(?:regular |resumed )?sessions?)\b")
# A body's name standing before 'at its ... session' within the clause: whose session it is.
_NAMED = re.compile(r"((?:[A-Z][\w-]*\s)*(?:Council|Commission|Conference|Committee|Board|"
                    r"Assembly|Forum|Parties|Group|Meeting))\b")


# 'for the eighteenth consecutive year': a count that a yearly text takes one further
_CONSECUTIVE = re.compile(rf"\b(?P<ord>{_ORDINAL}) consecutive (?:year|time)\b")


def _consecutive(text: str, step: Step) -> list[Change]:
    changes = []
    for m in _CONSECUTIVE.finditer(text):
        value = _ordinal_value(m.group("ord"), step.language)
        if value is not None:
            changes.append(_ordinal_change(m, value + step.years, step,
                                           "a yearly count, a year on"))
    return changes


# 'starting at its eighty-first session', 'with effect from the eightieth session'
_STARTING = re.compile(r"\b(?:starting|beginning|commencing|effective|(?:as|with effect) from)"
                       r"(?: (?:at|from|with|in))? (?:its|the)\s*$")


def _sessions(text: str, step: Step) -> list[Change]:
    if step.session is None or step.body is None or not step.body.sessions.held \
            or step.body.sessions.by_year:
        return []
    changes = []
    ahead = step.sessions
    for m in _SESSION.finditer(text):
        value = _ordinal_value(m.group("ord"), step.language)
        if value is None or not _own_session(text, m, step.body):
            continue
        if m.group("from") is not None:
            start = _ordinal_value(m.group("from"), step.language)
            if start is not None and start < value == step.session:
                changes.append(_ordinal_change(m, value + ahead, step,
                                               "sessions up to the present one, one session on"))
            continue
        if m.group("what").endswith("sessions") or _STARTING.search(text, 0, m.start()):
            continue  # a set of sessions, or the one a decision takes effect from: fixed
        if _DECIDED.search(text, 0, m.start()):
            continue  # what a cited resolution decided ('in which it decided ... at its
            # eightieth session'): history, however far it names its sessions
        if step.session < value <= step.session + 2 * ahead:
            changes.append(_ordinal_change(m, value + ahead, step,
                                           "a coming session, one session on"))
            changes += _session_dates(text, m.end(), step)
    return changes


# A relative clause telling what a resolution did, running on (no ';') to the session named
_DECIDED = re.compile(r"\b(?:in which|whereby|by which|through which|wherein)\b[^;]*\Z")


# The dates a coming session is held on, after its name and within its clause: 'its
# nineteenth session from 7 to 17 December 2020', '... session, in The Hague, in 2020'.
_SESSION_YEAR = re.compile(rf"[^;:]{{0,80}}?\b(?:{_MONTH}|in) (?P<year>(?:19|20)\d\d)\b(?![/–-]\d)")


def _session_dates(text: str, end: int, step: Step) -> list[Change]:
    """The year of a coming session's dates moves with the session (its days are the
    reader's to check: a session's days are set afresh)."""
    m = _SESSION_YEAR.match(text, end)
    if m is None or not step.base_year <= int(m.group("year")) <= step.base_year + 2 * step.years:
        return []
    return [_year_change(m, "year", step, "the year of that session's dates; check its days")]


def _own_session(text: str, m: re.Match[str], body: Body) -> bool:
    """Whether the session is the body's own: no other body named in the clause before it
    ('the Human Rights Council at its fifty-fourth session'), nor after it ('the
    fifty-seventh session of the Human Rights Council')."""
    after = re.match(r" of the ((?:[A-Z][\w-]*\s?)+)", text[m.end():])
    if after:
        return _names(after.group(1).strip(), body)
    clause = re.split(r"[;:]|, (?=and |while |which |as )", text[:m.start()])[-1]
    named = [n.group(1).strip() for n in _NAMED.finditer(clause)]
    return _names(named[-1], body) if named else True


def _names(name: str, body: Body) -> bool:
    """Whether `name` ('General Assembly', 'the Assembly', 'Assembly of States Parties') is
    the body's: its name's end, or its name's start up to a word's end."""
    return body.name.endswith(name) or name.endswith(body.name) or \
        body.name.startswith(name + " ")


def _ordinal_value(word: str, language: Language) -> int | None:
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else language.parse_ordinal_word(word.lower())


def _ordinal_change(m: re.Match[str], value: int, step: Step, why: str) -> Change:
    """The match's ordinal ('ord') made `value`, written as it was."""
    return Change(m.start("ord"), m.end("ord"), _ordinal_like(m.group("ord"), value, step), why)


def _ordinal_like(old: str, value: int, step: Step) -> str:
    """`value` written as `old` was: '80th', 'eightieth', 'Eightieth'."""
    if old[0].isdigit():
        return step.language.ordinal(value)
    word = step.language.ordinal_word(value)
    return word[0].upper() + word[1:] if old[0].isupper() else word


# --- years ---------------------------------------------------------------------------------

_FOR_YEAR = re.compile(r"\bfor (?P<year>(?:19|20)\d\d)\b(?![/–-]\d)")


def _years(text: str, step: Step) -> list[Change]:
    """A year's report, programme or scale 'for 2024', of the base's year or the next.

    A date to come is left for review: a meeting's days move with its year, and a one-off
    event's (a conference 'to be held from 27 to 30 May 2024') do not move at all.
    """
    changes = []
    for m in _FOR_YEAR.finditer(text):
        if step.base_year <= int(m.group("year")) <= step.base_year + step.years:
            changes.append(_year_change(m, "year", step, "a year's report or scale, a year on"))
    return changes
