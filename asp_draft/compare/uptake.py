"""What became of a proposal: each proposed wording against the adopted record, year by year.

For every proposed version and every held year from its year on: the adopted paragraph that
answers it, the proposal's words split three ways (already in the baseline, the answering
clause's wording before the proposal; entered that year; never adopted), and a verdict. A year
whose record is partial and does not hold the answering paragraph cannot tell: the bundled
2017 and 2018 texts stop after four paragraphs, and silence there is not a rejection.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asp_draft.compare.diff import fold_typography
from asp_draft.compare.history import Entry, Record, year_runs
from asp_draft.compare.likeness import SAME_CLAUSE_MIN, likeness
from asp_draft.errors import RequestError
from asp_draft.model import ADOPTED, PROPOSED, Meta
from asp_draft.text.words import diff_tokens, tokenize

if TYPE_CHECKING:
    from asp_draft.library.load import Library
    from asp_draft.model.library import Clause, Version

# Without a clause sharing the proposal's topic or named by `amends`, a paragraph answers a
# proposal only if it is at least this alike: "recognisably the same paragraph rewritten", the
# measure blame, adopt and the diff share (different clauses of the record score at most 0.33).
ANSWER_MIN = SAME_CLAUSE_MIN

TAKEN_UP, IN_PART, NOT_TAKEN_UP, CANNOT_TELL = "taken-up", "in-part", "not-taken-up", \
    "cannot-tell"
BEFORE, ENTERED, NEVER = "before", "entered", "never"
# How the answering paragraph was found.
BY_TOPIC, BY_AMENDS, BY_LIKENESS = "topic", "amends", "likeness"

_EDGE_PUNCTUATION = re.compile(r"^\W+|\W+$")


@dataclass(frozen=True)
class Word:
    """A run of the proposal's words and what became of them."""

    op: str  # before | entered | never
    text: str


@dataclass(frozen=True)
class Answer:
    """The adopted paragraph that answers a proposal in one year."""

    symbol: str
    label: str | None
    clause: str | None
    text: str


@dataclass(frozen=True)
class YearUptake:
    """One held year's verdict on a proposal."""

    year: int
    verdict: str
    answer: Answer | None  # None: the record cannot tell, or nothing answers it
    symbol: str | None  # the year's resolution where no paragraph answers; else the answer's
    similarity: float | None
    share: float | None  # of the words not in the baseline, the share that entered
    words: tuple[Word, ...]
    found_by: str | None  # topic | amends | likeness
    baseline: Entry | None  # the answering clause's wording before the proposal

    def as_json(self) -> dict[str, Any]:
        """The issue's shape: symbol, label, similarity and share null where it cannot tell."""
        return {"year": self.year, "symbol": self.symbol,
                "label": self.answer.label if self.answer else None,
                "similarity": self.similarity, "verdict": self.verdict, "share": self.share,
                "words": [{"op": w.op, "text": w.text} for w in self.words]}


@dataclass(frozen=True)
class Uptake:
    """What became of one proposed version of a clause."""

    clause: str
    proposer: str | None
    proposed: int
    text: str
    years: tuple[YearUptake, ...]

    def as_json(self) -> dict[str, Any]:
        """`{"clause", "proposer", "proposed", "years": [...]}` for scripts."""
        return {"clause": self.clause, "proposer": self.proposer, "proposed": self.proposed,
                "years": [y.as_json() for y in self.years]}


def proposals(library: Library, names: Sequence[str] = ()) -> list[tuple[Clause, Version]]:
    """The proposed versions the arguments name (all of them when none is given): a clause id
    where one matches, else a part of a proposer's name (any case)."""
    every = [(c, v) for c in sorted(library.clauses.values(), key=lambda c: c.id)
             for v in c.versions if v.status == PROPOSED and v.since is not None]
    if not names:
        return every
    chosen: list[tuple[Clause, Version]] = []
    for name in names:
        found = [(c, v) for c, v in every if c.id == name]
        if not found and name in library.clauses:
            raise RequestError(f"clause {name!r} has no proposed version (asp-draft clause "
                             f"{name} shows its versions)")
        found = found or [(c, v) for c, v in every
                          if v.proposer and name.strip().lower() in v.proposer.lower()]
        if not found:
            raise RequestError(f"no proposed clause or proposer matches {name!r}"
                             f"{_proposers_hint(every)}")
        chosen += [p for p in found if p not in chosen]
    return chosen


def _proposers_hint(every: Iterable[tuple[Clause, Version]]) -> str:
    names = sorted({v.proposer for _, v in every if v.proposer})
    return f" (proposers: {', '.join(names)})" if names else " (the library holds no proposal)"


def uptake(library: Library, record: Record, names: Sequence[str] = (),
           since: int | None = None) -> list[Uptake]:
    """What became of each proposal the arguments name, in each held year from its year
    (or `since`, if later) on."""
    years = _Years(library, record)
    proposed = {(e.clause, e.version): e for e in record.entries if e.status == PROPOSED}
    out = []
    for clause, version in proposals(library, names):
        proposal = proposed.get((clause.id, version.since))
        if proposal is None:  # left out of the record: it cannot render (already warned)
            continue
        answering = _Answering(candidates=answering_clauses(clause, version, library),
                               amends=amends_of(version))
        start = max(version.since or 0, since or 0)
        out.append(Uptake(
            clause=clause.id, proposer=version.proposer, proposed=version.since or 0,
            text=proposal.text,
            years=tuple(_one_year(year, proposal, answering, years)
                        for year in years.from_year(start))))
    return out


@dataclass(frozen=True)
class _Answering:
    """The clauses whose paragraph answers a proposal, and the one its `amends` names."""

    candidates: list[str]
    amends: str | None

    @property
    def found_by(self) -> str:
        """How they were found: the topic, or (no clause sharing it) `amends`."""
        return BY_AMENDS if self.amends and self.candidates == [self.amends] else BY_TOPIC


class _Years:
    """The held record by year: each year's adopted paragraphs, and whether it is partial."""

    def __init__(self, library: Library, record: Record) -> None:
        self.symbols: dict[int, list[str]] = {}
        self.partial: dict[int, bool] = {}
        for spec in library.held():
            meta = Meta.of(spec.meta)
            self.symbols.setdefault(spec.year, []).append(meta.symbol or str(spec.year))
            self.partial[spec.year] = self.partial.get(spec.year, False) or meta.partial
        held = {s for symbols in self.symbols.values() for s in symbols}
        self.entries: dict[int, list[Entry]] = {}
        self._printed: dict[tuple[int, str], Entry] = {}
        for entry in record.entries:
            # only paragraphs of held resolutions: agreed texts such as the Rome Statute are
            # not a year's answer
            if entry.status == ADOPTED and entry.year is not None and entry.symbol in held:
                self.entries.setdefault(entry.year, []).append(entry)
                if entry.clause:
                    self._printed.setdefault((entry.year, entry.clause), entry)

    def from_year(self, start: int) -> list[int]:
        """The held years from `start` on."""
        return sorted(y for y in self.symbols if y >= start)

    def printing(self, clause_id: str, year: int) -> Entry | None:
        """The clause's paragraph in that year's record."""
        return self._printed.get((year, clause_id))

    def before(self, clause_ids: Iterable[str], year: int) -> Entry | None:
        """The first of the clauses' wordings in the latest year before `year` whose record
        holds one."""
        ids = list(clause_ids)
        for earlier in sorted((y for y in self.entries if y < year), reverse=True):
            found = next((e for e in (self.printing(c, earlier) for c in ids) if e), None)
            if found is not None:
                return found
        return None


def answering_clauses(clause: Clause, version: Version, library: Library) -> list[str]:
    """The adopted clauses whose paragraph answers the proposal: the proposal's own clause if
    it was ever adopted, those sharing its topic (the one `amends` names first), else the one
    `amends` names."""
    amends = amends_of(version)
    topic = _topic(clause.topic)
    own = [clause.id] if clause.latest_adopted else []
    shared = [c.id for c in sorted(library.clauses.values(), key=lambda c: c.id)
              if c.id != clause.id and topic and _topic(c.topic) == topic and c.latest_adopted]
    shared.sort(key=lambda c: c != amends)
    if own or shared:
        return own + shared
    return [amends] if amends and amends in library.clauses else []


def amends_of(version: Version) -> str | None:
    """The clause id a proposed version's `amends:` names, where the library records one."""
    return version.amends


def _topic(topic: str) -> str:
    return " ".join(topic.lower().split())


def _one_year(year: int, proposal: Entry, answering: _Answering,
              years: _Years) -> YearUptake:
    """The verdict of one year on one proposal."""
    printed = [e for e in (years.printing(c, year) for c in answering.candidates) if e]
    answer = max(printed, key=lambda e: likeness(proposal.text, e.text), default=None)
    found_by = answering.found_by
    if answer is None:
        answer, found_by = _closest_in_year(proposal, years.entries.get(year, ())), BY_LIKENESS
    if answer is None:
        if years.partial.get(year):
            return YearUptake(year=year, verdict=CANNOT_TELL, answer=None, symbol=None,
                              similarity=None, share=None, words=(), found_by=None,
                              baseline=None)
        # the whole text is held and nothing in it answers: the clause was dropped, or
        # never there; the words the Assembly had before still count as before
        return _judged(year, proposal, None,
                       years.before(answering.candidates, proposal.year or year),
                       None, years.symbols[year][0])
    own = [answer.clause] if answer.clause else []
    return _judged(year, proposal, answer, years.before(own, proposal.year or year),
                   found_by, answer.symbol or str(year))


def _judged(year: int, proposal: Entry, answer: Entry | None, baseline: Entry | None,
            found_by: str | None, symbol: str) -> YearUptake:
    """A year that can tell: the proposal's words split against the baseline and the answer
    (none: nothing entered)."""
    words = split_words(proposal.text, baseline.text if baseline else "",
                        answer.text if answer else "")
    share = 0.0 if answer is None else entered_share(words)
    return YearUptake(
        year=year, verdict=NOT_TAKEN_UP if answer is None else verdict_of(share),
        share=None if share is None else round(share, 2),
        answer=None if answer is None else Answer(
            symbol=symbol, label=answer.label, clause=answer.clause, text=answer.text),
        symbol=symbol,
        similarity=None if answer is None else round(likeness(proposal.text, answer.text), 2),
        words=words, found_by=found_by, baseline=baseline)


def _closest_in_year(proposal: Entry, entries: Iterable[Entry]) -> Entry | None:
    """The year's paragraph most like the proposal, if at least ANSWER_MIN alike."""
    scored = [(likeness(proposal.text, e.text, ANSWER_MIN), e) for e in entries
              if e.part == proposal.part]
    best = max(scored, key=lambda s: s[0], default=None)
    return best[1] if best is not None and best[0] else None


def verdict_of(share: float | None) -> str:
    """taken-up when every new word entered, not-taken-up when none did, else in-part."""
    if share is None or share >= 1.0:
        return TAKEN_UP  # nothing new to take up: the Assembly already had every word
    return NOT_TAKEN_UP if share <= 0.0 else IN_PART


def entered_share(words: Iterable[Word]) -> float | None:
    """Of the proposal's words not in the baseline, the share that entered; None when every
    word was there before."""
    counts = {BEFORE: 0, ENTERED: 0, NEVER: 0}
    for word in words:
        counts[word.op] += len(word.text.split())
    new = counts[ENTERED] + counts[NEVER]
    return counts[ENTERED] / new if new else None


def _key(token: str) -> str:
    """What a word is compared by: typography folded, any case, edge punctuation aside."""
    word = fold_typography(token).strip().lower()
    return (_EDGE_PUNCTUATION.sub("", word) or word) + " "


def _aligned(a: Sequence[str], b: Sequence[str]) -> dict[int, int]:
    """Index in `a` -> index in `b` of the words the word diff keeps equal."""
    pairs: dict[int, int] = {}
    i = j = 0
    for op, text in diff_tokens(list(a), list(b)):
        n = len(tokenize(text))
        if op == "equal":
            pairs.update((i + k, j + k) for k in range(n))
        i += n if op != "insert" else 0
        j += n if op != "delete" else 0
    return pairs


def split_words(proposal: str, baseline: str, adopted: str) -> tuple[Word, ...]:
    """The proposal's words: in the baseline (before), in the adopted paragraph where it is
    new against the baseline (entered), or in neither (never); runs of one kind joined."""
    tokens = tokenize(proposal)
    keys = [_key(t) for t in tokens]
    base = [_key(t) for t in tokenize(baseline)]
    year = [_key(t) for t in tokenize(adopted)]
    kept = set(_aligned(base, year).values())  # the adopted words the baseline already had
    had = _aligned(keys, base)
    took = _aligned(keys, year)
    words: list[Word] = []
    for i, token in enumerate(tokens):
        if i in had:
            op = BEFORE
        elif i in took and took[i] not in kept:
            op = ENTERED
        else:
            op = NEVER
        if words and words[-1].op == op:
            words[-1] = Word(op, words[-1].text + token)
        else:
            words.append(Word(op, token))
    return tuple(words)


def heading(u: Uptake) -> str:
    """`cicc-essential-means: proposed 2017 by the Coalition ...`."""
    who = f" by {u.proposer}" if u.proposer else ""
    return f"{u.clause}: proposed {u.proposed}{who}"


def where(y: YearUptake) -> str:
    """The answering paragraph (`ICC-ASP/16/Res.6, PP1`), or why there is none."""
    if y.answer is not None:
        return ", ".join(x for x in (y.answer.symbol, y.answer.label) if x)
    if y.verdict == CANNOT_TELL:
        return "not in the record (partial)"
    return f"{y.symbol}: no paragraph alike"


def same_words_runs(years: Sequence[YearUptake]) -> list[tuple[list[int], YearUptake]]:
    """The years that can tell, grouped where the words came out the same: (years, first)."""
    runs: list[tuple[list[int], YearUptake]] = []
    for y in years:
        if not y.words:
            continue
        if runs and runs[-1][1].words == y.words and runs[-1][1].baseline == y.baseline:
            runs[-1][0].append(y.year)
        else:
            runs.append(([y.year], y))
    return runs


def summary(uptakes: Sequence[Uptake]) -> str:
    """`4 proposal(s); verdicts over 8 year(s): 6 not-taken-up, 2 cannot-tell`."""
    counts: dict[str, int] = {}
    for y in (y for u in uptakes for y in u.years):
        counts[y.verdict] = counts.get(y.verdict, 0) + 1
    said = ", ".join(f"{counts[v]} {v}" for v in (TAKEN_UP, IN_PART, NOT_TAKEN_UP, CANNOT_TELL)
                     if v in counts)
    return f"{len(uptakes)} proposal(s); verdicts over {sum(counts.values())} year(s): " \
           f"{said or 'none (no held year from the proposal on)'}"


def _markdown_words(words: Iterable[Word]) -> str:
    """Before plain, entered in bold, never adopted struck through."""
    out = []
    for w in words:
        body = w.text.rstrip()
        tail = w.text[len(body):]
        marks = {ENTERED: "**", NEVER: "~~"}.get(w.op, "")
        out.append(f"{marks}{body}{marks}{tail}" if marks else w.text)
    return "".join(out).rstrip()


def to_markdown(uptakes: Sequence[Uptake]) -> str:
    """A report to send: per proposal a table of its years and its words under it."""
    lines = ["# What became of the proposals", "",
             "Words the Assembly had before are plain, words that entered **bold**, words "
             "never adopted ~~struck through~~.", ""]
    for u in uptakes:
        lines += [f"## {heading(u)}", "", "| Year | Answered by | Alike | Verdict | Entered |",
                  "|---|---|---|---|---|"]
        for y in u.years:
            alike = "—" if y.similarity is None else f"{y.similarity:.0%}"
            share = "—" if y.share is None else f"{y.share:.0%}"
            lines.append(f"| {y.year} | {where(y)} | {alike} | {y.verdict} | {share} |")
        lines.append("")
        for years, shown in same_words_runs(u.years):
            lines += [f"**{year_runs(years)}**: {_markdown_words(shown.words)}", ""]
    return "\n".join(lines)
