"""Where a wording came from: the record of agreed language and `blame` over it.

The record is every paragraph of every adopted resolution the library holds (each session or
resolution file rendered for its year, cited by its symbol), plus the other agreed texts the
library cites (the Rome Statute preamble) and the proposals it carries. Wordings are compared
with typography folded, so the 2015 copy's straight quotation marks do not make a new wording.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from asp_draft.errors import TemplateError, UnknownClauseError
from asp_draft.model import ADOPTED, Document, Paragraph, Part, labels

if TYPE_CHECKING:  # the record's readers (jinja2, yaml) and the word diff (rapidfuzz) load
    # only when a record is built or blamed: a cached search prints hits without them
    from asp_draft.library.load import Library
    from asp_draft.model.library import Clause, Version
    from asp_draft.model.spec import Entry as SpecEntry
    from asp_draft.model.spec import Spec
    from asp_draft.text.words import Op

# The closest paragraph is looked for among the wordings sharing most runs of SHINGLE words
# with the text (SHORTLIST of them, compared word by word); a run in more than COMMON_SHINGLE
# wordings ("of the international") does not count.
SHINGLE = 3
_WORD = re.compile(r"\w+")
SHORTLIST = 25
COMMON_SHINGLE = 100
# A shared library may hold a clause that cannot render (a typo, or a template bomb the
# sandbox refuses). The record leaves it out, says so once on stderr, and goes on: search and
# blame over the other clauses do not depend on it. Its paragraphs stand as this placeholder
# while the resolution is assembled, so the labels of the others stay right.
_LEFT_OUT = "[left out of the record]"
_BROKEN = (TemplateError, UnknownClauseError)

Warn = Callable[[str], None]


def wording_key(text: str) -> str:
    """What two printings of one wording share: typography folded, spaces collapsed."""
    from asp_draft.compare.diff import fold_typography

    return fold_typography(text)


@dataclass(frozen=True)
class Entry:
    """One paragraph of agreed or proposed language as a text printed it."""

    text: str
    part: Part
    status: str  # adopted | proposed
    year: int | None
    symbol: str | None  # None for a proposal
    label: str | None  # PP3, OP2(a); None where the position is not recorded
    clause: str | None
    version: int | None
    proposer: str | None = None

    @property
    def key(self) -> str:
        """The wording this entry prints, typography folded."""
        return wording_key(self.text)

    @property
    def wording(self) -> str:
        """Which wording this is, for search: its words without the punctuation between them.

        Copies that differ only in quotation marks or spacing (the 2011 copy that lost its
        quotation marks) are one wording; a template that printed other words in another
        year (an anniversary counted on) is another.
        """
        return " ".join(_WORD.findall(self.text))


@dataclass
class Record:
    """All entries, and the adopted ones grouped by wording."""

    entries: list[Entry] = field(default_factory=list)
    by_key: dict[str, list[Entry]] = field(default_factory=dict)
    # (clause, version) -> the first entry printing it: a version's text as first adopted
    first_printing: dict[tuple[str, int | None], Entry] = field(default_factory=dict)
    held: int = 0  # resolutions held
    partial: int = 0  # of them, those whose record holds only part of the text
    _shingled: tuple[list[Entry], dict[tuple[str, ...], list[int]]] | None = None

    def shingle_index(self) -> tuple[list[Entry], dict[tuple[str, ...], list[int]]]:
        """One entry per adopted wording, and which of them each three-word run occurs in."""
        if self._shingled is None:
            adopted = self.distinct_adopted()
            index: dict[tuple[str, ...], list[int]] = {}
            for i, entry in enumerate(adopted):
                for shingle in _shingles(entry.key.lower().split()):
                    index.setdefault(shingle, []).append(i)
            self._shingled = (adopted, index)
        return self._shingled

    def add(self, entry: Entry) -> None:
        """Add one entry (adopted entries are indexed by wording)."""
        self.entries.append(entry)
        if entry.status == ADOPTED:
            self.by_key.setdefault(entry.key, []).append(entry)
        if entry.clause:
            self.first_printing.setdefault((entry.clause, entry.version), entry)

    def distinct_adopted(self) -> list[Entry]:
        """One adopted entry per wording: its latest printing."""
        return [max(entries, key=lambda e: e.year or 0) for entries in self.by_key.values()]


def build_record(library: Library, warn: Warn | None = None) -> Record:
    """Every adopted resolution's paragraphs (omnibus or not, by year), then the library's
    other agreed texts and proposals; a clause that cannot render is left out, with a
    warning through `warn`."""
    library.require_record()
    record = Record()
    skipped = _Skipped(warn)
    seen: set[tuple[str, int | None]] = set()
    for spec in library.held():
        year = spec.year
        document = _assemble_held(spec, library, skipped)
        record.held += 1
        record.partial += document.meta.partial
        symbol = document.meta.symbol or str(year)
        for paragraph, label in zip(document.paragraphs, labels(document.paragraphs),
                                    strict=True):
            if paragraph.heading or paragraph.text == _LEFT_OUT:
                continue
            record.add(Entry(text=paragraph.text, part=paragraph.part, status=ADOPTED,
                             year=year, symbol=symbol, label=label, clause=paragraph.clause,
                             version=paragraph.version))
            if paragraph.clause:
                seen.add((paragraph.clause, paragraph.version))
    for clause in sorted(library.clauses.values(), key=lambda c: c.id):
        for version in clause.versions:
            if (clause.id, version.since) in seen or clause.id in skipped.clauses:
                continue
            try:
                text = _render_version(clause, version, library)
            except _BROKEN as e:
                skipped.add(clause.id, e)
                continue
            _add_unprinted(record, clause, version, text)
    return record


def _add_unprinted(record: Record, clause: Clause, version: Version, text: str) -> None:
    """A version no held resolution prints: agreed elsewhere, or proposed."""
    if version.status == ADOPTED:
        # Agreed outside the omnibus resolutions (the Rome Statute preamble).
        for symbol, year in zip(version.adopted, version.years, strict=True):
            record.add(Entry(text=text, part=clause.part, status=ADOPTED, year=year,
                             symbol=symbol, label=None, clause=clause.id,
                             version=version.since))
    else:
        record.add(Entry(text=text, part=clause.part, status=version.status,
                         year=version.since, symbol=None, label=None, clause=clause.id,
                         version=version.since, proposer=version.proposer))


class _Skipped:
    """The clauses left out of the record, each warned about once."""

    def __init__(self, warn: Warn | None) -> None:
        self.warn = warn
        self.clauses: set[str] = set()

    def add(self, clause_id: str, error: Exception) -> None:
        """Leave `clause_id` out, saying why the first time."""
        if clause_id in self.clauses:
            return
        self.clauses.add(clause_id)
        if self.warn is not None:
            self.warn(f"warning: {error}; left out of the record")


def _assemble_held(spec: Spec, library: Library, skipped: _Skipped) -> Document:
    """A held resolution, its clauses that cannot render standing as placeholders."""
    from asp_draft.library.assemble import assemble

    try:
        return assemble(spec, library)
    except _BROKEN:
        pass  # find which entries fail, one by one, and assemble without them
    preamble = tuple(_probe(spec, library, "preamble", e, skipped) for e in spec.preamble)
    operative = tuple(_probe(spec, library, "operative", e, skipped) for e in spec.operative)
    annexes = tuple(dataclasses.replace(
        annex, entries=tuple(_probe(spec, library, "annex", e, skipped, annex)
                             for e in annex.entries)) for annex in spec.annexes)
    return assemble(dataclasses.replace(spec, preamble=preamble, operative=operative,
                                        annexes=annexes), library)


def _probe(spec: Spec, library: Library, part: str, entry: SpecEntry, skipped: _Skipped,
           annex: Any = None) -> SpecEntry:
    """`entry` if it renders alone in its part, else a placeholder (its clause skipped)."""
    from asp_draft.library.assemble import assemble

    if entry.heading is not None:
        return entry
    only = (entry,)
    alone = dataclasses.replace(
        spec, preamble=only if part == "preamble" else (),
        operative=only if part == "operative" else (),
        annexes=(dataclasses.replace(annex, entries=only),) if annex is not None else ())
    try:
        assemble(alone, library)
        return entry
    except _BROKEN as e:
        skipped.add(_failing_clause(entry, e), e)
    return dataclasses.replace(entry, clause=None, pin=None, text=_LEFT_OUT, footnotes=(),
                               sub=())


def _failing_clause(entry: SpecEntry, error: Exception) -> str:
    """The clause an entry's error is about (a sub-paragraph's, or the entry's own)."""
    ids = [e.clause for e in (entry, *entry.sub) if e.clause]
    return next((c for c in ids if f"clause {c}," in str(error) or repr(c) in str(error)),
                ids[0] if ids else f"inline text at line {entry.line}")


def _render_version(clause: Clause, version: Version, library: Library) -> str:
    """A version's text as it reads in its own year, lead markup removed."""
    from asp_draft.library.assemble import library_bodies, render_paragraph
    from asp_draft.library.bodies import document_body
    from asp_draft.library.facts import body_values
    from asp_draft.text.markup import split_lead

    year = version.since or 0
    values = library.facts.for_year(year)
    if "{" in version.text and version.adopted:
        # a template of another body's text takes that body's session, none of the ASP's
        bodies = library_bodies(library)
        meta = {"symbol": version.adopted[0]}
        values = body_values(library.facts, year, meta, document_body(meta, bodies), bodies)
    text = render_paragraph(version.text, values,
                            where=f"clause {clause.id}, version {version.since}",
                            source=clause.source)
    return split_lead(text, clause.part)[1]


@dataclass(frozen=True)
class Earlier:
    """An earlier wording of a paragraph's clause and what changed from it to the next."""

    since: int
    symbols: tuple[str, ...]
    years: tuple[int, ...]
    text: str
    replaced_by: str  # the wording that came next, as first adopted

    @functools.cached_property
    def changes(self) -> tuple[Op, ...]:
        """The word changes from this wording to the one that replaced it, typography
        folded: worked out when shown (--history), so blame --json never loads the diff."""
        from asp_draft.compare.diff import fold_typography
        from asp_draft.text.words import diff_words

        return tuple(diff_words(fold_typography(self.text), fold_typography(self.replaced_by)))


@dataclass(frozen=True)
class Closest:
    """The adopted paragraph most like a wording that was never adopted."""

    symbol: str
    year: int
    label: str | None
    similarity: float
    text: str


@dataclass(frozen=True)
class Blame:
    """Where one paragraph's wording came from."""

    index: int
    label: str
    text: str
    clause: str | None
    since: int | None
    years: tuple[int, ...]
    symbols: tuple[str, ...]
    history: tuple[Earlier, ...]
    closest: Closest | None
    exact: bool  # False when the adopted template reads differently this year (facts moved on)
    heading: bool = False

    def as_json(self) -> dict[str, Any]:
        """The paragraph as `blame --json` prints it (history entries also carry their years
        and text)."""
        return {
            "index": self.index, "label": self.label, "clause": self.clause,
            "since": self.since, "years": list(self.years),
            "history": [{"since": h.since, "symbols": list(h.symbols), "years": list(h.years),
                         "text": h.text} for h in self.history],
            "closest": None if self.closest is None else {
                "symbol": self.closest.symbol, "year": self.closest.year,
                "label": self.closest.label, "similarity": self.closest.similarity},
        }


def blame(document: Document, library: Library, record: Record | None = None,
          warn: Warn | None = None) -> list[Blame]:
    """For every paragraph: its present wording's first adopted year, years, history, closest."""
    record = record or build_record(library, warn)
    out: list[Blame] = []
    for index, (paragraph, label) in enumerate(zip(document.paragraphs,
                                                   labels(document.paragraphs), strict=True)):
        out.append(_blame_one(index, label, paragraph, library, record))
    return out


def _blame_one(index: int, label: str, paragraph: Paragraph, library: Library,
               record: Record) -> Blame:
    matches = [] if paragraph.heading else record.by_key.get(wording_key(paragraph.text), [])
    clause_id = paragraph.clause or next((e.clause for e in matches if e.clause), None)
    clause = library.clauses.get(clause_id) if clause_id else None
    # The clause version is the authority on which years share a wording (copies differ in
    # typography); without one, the years whose text is the same are.
    version_since = paragraph.version if paragraph.clause else next(
        (e.version for e in matches if e.clause), None)
    present = clause.version_since(version_since) if clause and version_since else None
    if present is not None and not (present.status == ADOPTED and present.years):
        present = None
    if present is not None:
        # Where the text is not in the record, a template adopted in one year renders
        # differently in another (an anniversary counted on): the facts moved on.
        years, symbols = present.years, present.adopted
    else:
        years = tuple(sorted({e.year for e in matches if e.year is not None}))
        symbols = tuple(dict.fromkeys(e.symbol for e in _by_year(matches) if e.symbol))
    exact = bool(matches)
    since = years[0] if years else None
    history = _history(clause, present, lambda c, v: _printed(c, v, library, record)) \
        if clause and present else ()
    closest = None
    if since is None and not paragraph.heading:
        closest = _closest(paragraph.text, record)
    return Blame(index=index, label=label, text=paragraph.text, clause=clause_id, since=since,
                 years=tuple(years), symbols=tuple(symbols), history=history, closest=closest,
                 exact=exact, heading=paragraph.heading)


def blame_held(document: Document, library: Library) -> list[Blame] | None:
    """`blame` of a held resolution as the library prints it, without the record.

    Every paragraph of an adopted resolution was adopted, so its years, symbols and history
    come from its clause's versions and the first printing of each (found among the held
    resolutions naming that clause, by year then symbol, as the record finds it): nothing
    is closest, and nothing else is rendered. `document` must be that printing (the caller
    checks, with printed_as_held). None when a paragraph is not an adopted clause version
    (inline words, a version whose adopting texts are unknown): the record is needed then.
    """
    first = _FirstPrintings(library, (p.clause for p in document.paragraphs if p.clause))
    out: list[Blame] = []
    for index, (paragraph, label) in enumerate(zip(document.paragraphs,
                                                   labels(document.paragraphs), strict=True)):
        if paragraph.heading:
            out.append(Blame(index=index, label=label, text=paragraph.text, clause=None,
                             since=None, years=(), symbols=(), history=(), closest=None,
                             exact=False, heading=True))
            continue
        clause = library.clauses.get(paragraph.clause) if paragraph.clause else None
        present = clause.version_since(paragraph.version) \
            if clause and paragraph.version else None
        if clause is None or present is None or not (present.status == ADOPTED and
                                                      present.years):
            return None
        out.append(Blame(index=index, label=label, text=paragraph.text, clause=clause.id,
                         since=present.years[0], years=present.years, symbols=present.adopted,
                         history=_history(clause, present, first.text), closest=None,
                         exact=True))
    return out


def printed_as_held(document: Document, spec: Spec, library: Library) -> bool:
    """Whether `document` is `spec` as the record prints it: the same paragraphs, each of
    the same clause version (blame_held may stand for the record then)."""
    from asp_draft.library.assemble import assemble

    try:
        held = assemble(spec, library)
    except _BROKEN:
        return False
    return _shape(held) == _shape(document)


def _shape(document: Document) -> list[tuple[Any, ...]]:
    return [(p.text, p.part, p.clause, p.version, p.heading) for p in document.paragraphs]


class _FirstPrintings:
    """Each clause version's text as the first held resolution printing it prints it (the
    record's first_printing), reading only the resolutions that name that clause and
    rendering only their entries of the clauses asked about (a paragraph's text does not
    depend on the others)."""

    def __init__(self, library: Library, wanted: Iterable[str] = ()) -> None:
        self.library = library
        # the clauses blame will ask about: a resolution is rendered once for all of them
        self.wanted = frozenset(wanted)
        self.found: dict[tuple[str, int | None], str] = {}
        # a clause -> the held texts naming it not yet looked at, in the record's order
        self.unread: dict[str, Iterator[Spec]] = {}
        # a held text (by id, kept alive here) -> the clauses whose entries were rendered,
        # and those entries' paragraphs
        self.rendered: dict[int, tuple[Spec, frozenset[str], tuple[Paragraph, ...]]] = {}

    def text(self, clause: Clause, version: Version) -> str | None:
        """The version as first adopted; rendered in its own year where no held text
        prints it (None when it cannot render). The texts naming the clause are rendered in
        order only until one prints the version."""
        key = (clause.id, version.since)
        if clause.id not in self.unread:
            self.unread[clause.id] = iter(self.library.citing(clause.id))
        unread = self.unread[clause.id]
        while key not in self.found:
            spec = next(unread, None)
            if spec is None:
                return _rendered(clause, version, self.library)
            for paragraph in self._printing(spec, clause.id):
                if paragraph.clause == clause.id and not paragraph.heading and \
                        paragraph.text != _LEFT_OUT:
                    self.found.setdefault((clause.id, paragraph.version), paragraph.text)
        return self.found[key]

    def _printing(self, spec: Spec, clause_id: str) -> tuple[Paragraph, ...]:
        """`spec`'s entries of the wanted clauses and `clause_id`, rendered once for all;
        alone where another clause's entry stops the spec (as the record would not have
        read it for this clause)."""
        from asp_draft.errors import AspDraftError

        done = self.rendered.get(id(spec))
        if done is not None and done[0] is spec and clause_id in done[1]:
            return done[2]
        covered = self.wanted | {clause_id}
        try:
            paragraphs = self._entries(spec, covered)
        except AspDraftError:
            return self._entries(spec, {clause_id})
        self.rendered[id(spec)] = (spec, covered, paragraphs)
        return paragraphs

    def _entries(self, spec: Spec, clause_ids: Collection[str]) -> tuple[Paragraph, ...]:
        """`spec`'s entries that print one of `clause_ids` (themselves or in a
        sub-paragraph), as the record assembles them."""
        from asp_draft.library.load import cited

        def keep(entries: tuple[SpecEntry, ...]) -> tuple[SpecEntry, ...]:
            return tuple(e for e in entries if _names(e, clause_ids))

        only = dataclasses.replace(
            spec, preamble=keep(spec.preamble), operative=keep(spec.operative),
            annexes=tuple(dataclasses.replace(a, entries=keep(a.entries))
                          for a in spec.annexes))
        self.library.add_clauses(cited(only))
        return _assemble_held(only, self.library, _Skipped(None)).paragraphs


def _names(entry: SpecEntry, clause_ids: Collection[str]) -> bool:
    """Whether an entry or one of its sub-paragraphs is of one of `clause_ids`."""
    return entry.clause in clause_ids or any(_names(e, clause_ids) for e in entry.sub)


def _by_year(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.year or 0))


def _history(clause: Clause, present: Version,
             printed: Callable[[Clause, Version], str | None]) -> tuple[Earlier, ...]:
    """The clause's adopted wordings before `present`, oldest first, each with the wording
    that replaced it (a wording that cannot render, already warned about by the record, is
    passed over); `printed` gives a version's text as first adopted."""
    wordings = [v for v in clause.versions
                if v.status == ADOPTED and v.years and (v.since or 0) < (present.since or 0)]
    if not wordings:  # nothing earlier: no wording need be found (each may cost a parse)
        return ()
    texts = [(v, printed(clause, v)) for v in [*wordings, present]]
    shown = [(v, text) for v, text in texts if text is not None]
    return tuple(
        Earlier(since=v.since or 0, symbols=v.adopted, years=v.years, text=text,
                replaced_by=shown[i + 1][1])
        for i, (v, text) in enumerate(shown[:-1]))


def _printed(clause: Clause, version: Version, library: Library,
             record: Record) -> str | None:
    """The version as first adopted (from the record where it is there); None when it
    cannot render."""
    entry = record.first_printing.get((clause.id, version.since))
    if entry:
        return entry.text
    return _rendered(clause, version, library)


def _rendered(clause: Clause, version: Version, library: Library) -> str | None:
    """A version no held resolution prints, as its own year reads it; None when it cannot
    render."""
    try:
        return _render_version(clause, version, library)
    except _BROKEN:
        return None


def _shingles(words: Sequence[str]) -> set[tuple[str, ...]]:
    """Runs of three words (a shorter text: its words), what similar paragraphs share."""
    if len(words) < SHINGLE:
        return {(w,) for w in words}
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _closest(text: str, record: Record) -> Closest | None:
    """The adopted paragraph sharing most words with `text`, in order (latest year on a tie).

    Similarity is over words, as the diff measures it (characters would find half of any two
    English sentences alike). Candidates are the wordings sharing most three-word runs with
    the text, found through an index, so the time does not grow with the record's size.
    Below "recognisably the same paragraph" (SAME_CLAUSE_MIN) an adopted one is not worth
    naming.
    """
    from asp_draft.compare.likeness import SAME_CLAUSE_MIN, likeness, likeness_words

    adopted, index = record.shingle_index()
    words = likeness_words(text)
    shared: Counter[int] = Counter()
    for shingle in _shingles(words):
        postings = index.get(shingle, ())
        if len(postings) <= COMMON_SHINGLE:  # runs found everywhere tell nothing apart
            shared.update(postings)
    best: tuple[float, int] | None = None
    found: Entry | None = None
    for i, _ in shared.most_common(SHORTLIST):
        entry = adopted[i]
        score = likeness(words, likeness_words(entry.key), SAME_CLAUSE_MIN)
        rank = (score, entry.year or 0)
        if score and (best is None or rank > best):
            best, found = rank, entry
    if found is None or best is None:
        return None
    return Closest(symbol=found.symbol or "", year=found.year or 0, label=found.label,
                   similarity=round(best[0], 3), text=found.text)


def year_runs(years: Sequence[int]) -> str:
    """(2011, 2012, 2014, 2015, 2016) -> '2011–2012, 2014–2016'."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


RECORD_NOTE = "the record holds only the opening of each year's preamble"


def record_note(library: Library) -> str:
    """` (...)` saying how much of the library's record is partial, or '' when none of it is."""
    held = library.held()
    return partial_note(len(held), sum(spec.meta.partial for spec in held))


def partial_note(held: int, partial: int) -> str:
    """` (...)` saying how many of the `held` resolutions the record holds in part, or ''."""
    if not partial:
        return ""
    if partial == held:
        return f" ({RECORD_NOTE})"
    return f" (the record of {partial} of the {held} resolutions held is partial)"
