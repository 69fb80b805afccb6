"""An adopted resolution into a library: its session or resolution file and clause versions.

Each top-level paragraph is matched to the library (all layers): the same wording as an
adopted version; the same words in other typography (a new `printed:` copy of that version);
a new version of the clause whose wording is closest, when it is at least SAME_CLAUSE_MIN
alike (asp_draft.compare.likeness, the measure blame and import use); or else a new clause, named
from its lead and subject. Sub-paragraphs, headings and annex paragraphs stay in the
session file's entries (an annex under its `annexes:`), written inline.

Nothing is written until the library with the additions, loaded through the same validators
as any library, prints the file's paragraphs exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from asp_draft.compare.likeness import SAME_CLAUSE_MIN, likeness, likeness_words
from asp_draft.errors import AspDraftError, InputError, RequestError
from asp_draft.library.adopt_files import (
    ClauseDraft,
    clause_data,
    clause_text,
    draft_of,
    entries_for,
    escape,
    session_text,
)
from asp_draft.library.assemble import (
    assemble,
    library_bodies,
    render_paragraph,
    spec_language,
    variables_for,
)
from asp_draft.library.bodies import body_session, document_body
from asp_draft.library.facts import FACTS_BODY
from asp_draft.library.load import (
    Library,
    clause_from_data,
)
from asp_draft.library.spec_reader import parse_spec
from asp_draft.library.symbol_files import resolution_path
from asp_draft.library.yamlio import load_yaml
from asp_draft.model import (
    ADOPTED,
    PARTS,
    Document,
    Meta,
    Paragraph,
    Part,
    labels,
)
from asp_draft.model.library import Clause, Version
from asp_draft.model.spec import Spec
from asp_draft.refs import meta_line
from asp_draft.text.markup import with_marks

OMNIBUS_TITLE = "Strengthening the International Criminal Court and the Assembly of States Parties"
_WORD = re.compile(r"\w+")
SHORTLIST = 25  # versions compared word by word with a paragraph that matched none exactly
# How many (version, run) pairs a shortlist counts at most: the rarest runs come first
SHORTLIST_POSTINGS = 400
_COPIED_META = ("venue", "plenary", "adoption", "source", "reproduced_in", "completeness",
                "note")


@dataclass(frozen=True)
class Match:
    """What one paragraph of the adopted text became in the library."""

    index: int
    label: str
    kind: str  # same | printing | version | clause | heading | sub | annex
    clause: str | None = None
    since: int | None = None  # the version it takes (for `version`: the one it resembles)
    like: int | None = None  # the latest year of the version it matched or resembles
    similarity: float | None = None

    def describe(self) -> str:
        """'same as 2017', 'new version, 81% like 2017's', 'new clause' ..."""
        if self.kind == "same":
            return f"same as {self.like}"
        if self.kind == "printing":
            return f"same wording as {self.like}, new printing (typography)"
        if self.kind == "version":
            return f"new version, {round(100 * (self.similarity or 0))}% like {self.like}'s"
        if self.kind == "clause":
            return "new clause"
        if self.kind == "heading":
            return "heading (in the resolution file)"
        if self.kind == "annex":
            return "annex paragraph (in the resolution file)"
        return "sub-paragraph (in the resolution file)"

    def as_json(self) -> dict[str, Any]:
        """The stable shape of `adopt --json` paragraphs."""
        return {"index": self.index, "label": self.label, "match": self.kind,
                "clause": self.clause, "version": self.since, "like": self.like,
                "similarity": None if self.similarity is None else round(self.similarity, 3)}


@dataclass(frozen=True)
class FileChange:
    """One file of the library folder the adoption writes, replaces or removes."""

    path: Path
    action: str  # create | replace | delete
    text: str | None = None
    # a clause file's data, as `text` reads back (YAML round-trips plain data exactly)
    data: dict[str, Any] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Adoption:
    """The plan: what each paragraph matched, the files to write, and what a correction changes."""

    symbol: str
    year: int
    kind: str  # omnibus | resolution
    status: str  # new | unchanged | corrected
    matches: tuple[Match, ...]
    files: tuple[FileChange, ...]
    into: Path
    changes: dict[str, int] | None = None  # diff summary against the copy held before
    # the library once the files are written (what the next adoption of a run matches)
    library: Library | None = field(default=None, compare=False, repr=False)

    def as_json(self, *, dry_run: bool) -> dict[str, Any]:
        """The stable shape of `adopt --json` (documented in clauses/README.md)."""
        return {"symbol": self.symbol, "year": self.year, "kind": self.kind,
                "status": self.status, "dry_run": dry_run, "changes": self.changes,
                "paragraphs": [m.as_json() for m in self.matches],
                "files": [{"path": str(f.path.relative_to(self.into)), "action": f.action}
                          for f in self.files]}


@dataclass(frozen=True)
class _Candidate:
    clause: Clause
    version: Version
    template: str  # the template (text or a printed copy) that rendered `rendered`
    rendered: str
    order: tuple[str, int, int]  # clause id, version, printing: the first wins a tie


_Key = tuple[dict[tuple[str, str], list["_Candidate"]], tuple[str, str]]


@dataclass(frozen=True)
class _Indexed:
    """A clause as the index holds it: its ids in `similar`, its keys in `exact`, `words`."""

    clause: Clause
    ids: list[int]
    keys: list[_Key]


def _first(*found: list[_Candidate] | None) -> _Candidate | None:
    """The candidate that comes first in the library's order, among the lists found."""
    return min((c for cs in found if cs for c in cs), key=lambda c: c.order, default=None)


class MatchIndex:
    """Every adopted version's wording, by exact text, by words and by three-word runs.

    Plain wordings read the same in every year, so they are indexed once and kept up to
    date as a run of adoptions changes clauses (`update`); templates are rendered for the
    year being adopted (`for_year`). Looking a paragraph up costs the same however large
    the library grows.
    """

    def __init__(self) -> None:
        self.exact: dict[tuple[str, str], list[_Candidate]] = {}
        self.words: dict[tuple[str, str], list[_Candidate]] = {}
        self.similar: dict[int, tuple[list[str], _Candidate]] = {}
        self.runs: dict[tuple[str, ...], set[int]] = {}
        self.templates: dict[str, list[tuple[Version, int, int, str]]] = {}
        self.indexed: dict[str, _Indexed] = {}
        self._next = 0

    @classmethod
    def of(cls, library: Library) -> MatchIndex:
        """The index of a library's clauses."""
        index = cls()
        index.update(library)
        return index

    def update(self, library: Library, ids: Iterable[str] | None = None) -> None:
        """Follow the library: clauses added, changed (a new object) or gone; only those of
        `ids` when the caller knows which changed."""
        look = list(self.indexed) if ids is None else [i for i in ids if i in self.indexed]
        for clause_id in [c for c in look if c not in library.clauses]:
            old = self.indexed.pop(clause_id)
            self._remove(old, old.ids)
            self.templates.pop(clause_id, None)  # a template of a clause gone is read no more
        clauses = library.clauses.values() if ids is None else \
            [library.clauses[i] for i in ids if i in library.clauses]
        for clause in clauses:
            held = self.indexed.get(clause.id)
            if held is None or held.clause is not clause:
                self._add(clause, held)

    def _add(self, clause: Clause, old: _Indexed | None) -> None:
        """Index `clause`, in place of `old` (its wordings' words and runs reused: a clause
        that gains a version keeps the others)."""
        known: dict[str, list[int]] = {}
        for n in old.ids if old else ():
            known.setdefault(self.similar[n][1].template, []).append(n)
        ids: list[int] = []
        keys: list[_Key] = []
        self.templates.pop(clause.id, None)
        for vi, version in enumerate(clause.versions):
            if version.status != ADOPTED or not version.adopted:
                continue
            for ti, template in enumerate(dict.fromkeys([version.text,
                                                         *version.printed.values()])):
                if "{" in template:  # a template: rendered for the year adopted
                    self.templates.setdefault(clause.id, []).append((version, vi, ti, template))
                    continue
                rendered = _plain(template)
                candidate = _Candidate(clause, version, template, rendered, (clause.id, vi, ti))
                for table, key in ((self.exact, (clause.part, rendered)),
                                   (self.words, (clause.part, _words(rendered)))):
                    table.setdefault(key, []).append(candidate)
                    keys.append((table, key))
                if ti:
                    continue
                if known.get(template):
                    n = known[template].pop()
                    self.similar[n] = (self.similar[n][0], candidate)
                    ids.append(n)
                else:
                    ids.append(self._add_similar(likeness_words(rendered), candidate))
        if old is not None:
            self._remove(old, [n for left in known.values() for n in left])
        self.indexed[clause.id] = _Indexed(clause, ids, keys)

    def _add_similar(self, words: list[str], candidate: _Candidate) -> int:
        n = self._next
        self._next += 1
        self.similar[n] = (words, candidate)
        for run in _runs(words):
            self.runs.setdefault(run, set()).add(n)
        return n

    def _remove(self, old: _Indexed, gone: Iterable[int]) -> None:
        """Take out `old`'s keys and, of its wordings, those numbered in `gone`."""
        for n in gone:
            words, _ = self.similar.pop(n)
            for run in _runs(words):
                self.runs[run].discard(n)
        for table, key in old.keys:
            left = [c for c in table.get(key, ()) if c.clause is not old.clause]
            if left:
                table[key] = left
            else:
                table.pop(key, None)

    def for_year(self, values: dict[str, Any], held: set[str]) -> _YearIndex:
        """The index as the year being adopted reads it: its templates rendered."""
        extra = _Index()
        for clause_id in sorted(self.templates):
            clause = self.indexed[clause_id].clause
            for version, vi, ti, template in self.templates[clause_id]:
                rendered = render_or_none(template, values, clause.id)
                if rendered is None:
                    continue  # a template this year's values cannot fill
                candidate = _Candidate(clause, version, template, rendered, (clause.id, vi, ti))
                extra.exact.setdefault((clause.part, rendered), []).append(candidate)
                extra.words.setdefault((clause.part, _words(rendered)), []).append(candidate)
                if ti == 0:
                    extra.add_similar(likeness_words(rendered), candidate)
        return _YearIndex(self, extra, held)


@dataclass
class _Index:
    """The templates' wordings rendered for one year (a handful; compared with every one)."""

    exact: dict[tuple[str, str], list[_Candidate]] = field(default_factory=dict)
    words: dict[tuple[str, str], list[_Candidate]] = field(default_factory=dict)
    similar: list[tuple[list[str], _Candidate]] = field(default_factory=list)

    def add_similar(self, words: list[str], candidate: _Candidate) -> None:
        """A version a new wording may be a rewrite of."""
        self.similar.append((words, candidate))


@dataclass
class _YearIndex:
    """The match index for one adoption: plain wordings and this year's templates."""

    plain: MatchIndex
    templates: _Index
    held: set[str]  # symbols of held resolutions: only their clauses take new versions

    def exact(self, part: str, text: str) -> _Candidate | None:
        """The version that prints `text` exactly."""
        return _first(self.plain.exact.get((part, text)), self.templates.exact.get((part, text)))

    def same_words(self, part: str, text: str) -> _Candidate | None:
        """The version that prints the same words in other typography."""
        key = (part, _words(text))
        return _first(self.plain.words.get(key), self.templates.words.get(key))

    def shortlist(self, words: list[str], part: str,
                  used: set[str]) -> list[tuple[list[str], _Candidate]]:
        """The versions of `part` sharing most three-word runs with `words`, clauses in `used`
        aside: comparing those, not all, keeps adoption linear in the size of the library.

        The rarest runs are counted first, and a run found in many versions ("the rule of
        law") only while few have been counted: it tells nothing apart.
        """
        postings = sorted((self.plain.runs[r] for r in _runs(words) if r in self.plain.runs),
                          key=len)
        shared: Counter[int] = Counter()
        counted = 0
        for ids in postings:
            if counted and counted + len(ids) > SHORTLIST_POSTINGS:
                break
            shared.update(ids)
            counted += len(ids)
        out: list[tuple[list[str], _Candidate]] = []
        for n, _ in shared.most_common():
            choice, candidate = self.plain.similar[n]
            if self._fits(candidate, part, used):
                out.append((choice, candidate))
                if len(out) == SHORTLIST:
                    break
        out += [(w, c) for w, c in self.templates.similar if self._fits(c, part, used)]
        return out

    def _fits(self, candidate: _Candidate, part: str, used: set[str]) -> bool:
        # Only clauses of adopted resolutions take new versions: the Rome Statute's preamble
        # is not renegotiated in an omnibus paragraph that quotes it.
        return candidate.clause.part == part and candidate.clause.id not in used \
            and not self.held.isdisjoint(candidate.version.adopted)


def _plain(text: str) -> str:
    """A wording without template syntax as render_paragraph prints it, in any year."""
    return " ".join(text.split())


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < 3:
        return {tuple(words)}
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def resolution_meta(document: Document, library: Library, *, symbol: str | None,
                    year: int | None, title: str | None, adopted: str | None,
                    source: str, alone: bool = True) -> Meta:
    """The session file's metadata: what was given with the file first, then what the file
    says, then facts.

    What the file lacks is said in one message: to give it, when the file is adopted `alone`;
    else (one of several files, which each say their own) to add it or adopt the file alone.
    """
    meta = document.meta
    symbol = symbol or meta.symbol
    adopted = adopted or meta.adopted
    title = title or meta.title
    day = None
    if adopted:  # a malformed date is said before what the file lacks
        try:
            day = date.fromisoformat(adopted)
        except ValueError:
            given = ("adopted",) if adopted != meta.adopted else ()  # not the file's own
            raise RequestError(f"adoption date {adopted!r}: write it as YYYY-MM-DD",
                               source=source, wants=given) from None
    lacking = [(what, value, key) for what, value, key, given in (
        ("its symbol", "its symbol (e.g. ICC-ASP/18/Res.6)", "symbol", symbol),
        ("when it was adopted", "its adoption date (YYYY-MM-DD)", "adopted", adopted),
        ("its title", "its title", "title", title)) if not given]
    if lacking:
        whats = _joined([w for w, _, _ in lacking], "or")
        them = "it" if len(lacking) == 1 else "them"
        how = f"give {_joined([v for _, v, _ in lacking], 'and')}" if alone else \
            f"add {them} to the file, or adopt the file alone to give {them}"
        said = f"the file does not say {whats}; {how}"
        if not adopted and meta.status == "draft":
            said = (f"the file is a draft ({meta.name('no symbol')}), not a text the body "
                    f"adopted; adopt the resolution as adopted, or, if this draft was adopted as "
                    f"it stands, say so: {said}")
        raise RequestError(said, source=source,
                           wants=tuple(key for _, _, key in lacking) if alone else ())
    assert symbol is not None and day is not None and title is not None
    found = year or meta.year or library.year_of_symbol(symbol) or day.year
    bodies = library_bodies(library)
    known = meta.with_(symbol=symbol, adopted=day.isoformat())
    body = document_body(known, bodies, source=source, line=meta_line(source, "body")) or \
        bodies[FACTS_BODY]
    out: dict[str, Any] = {"year": found, "symbol": symbol, "body": body.key, "title": title}
    # its body's session: as the file prints it, else its symbol's or its adoption date's
    session = meta.session if meta.session is not None else body_session(known, body, bodies)
    if session is not None:
        out["session"] = session
    out["adopted"] = day.isoformat()
    for key in _COPIED_META:  # as the file gives them
        value = meta.value(key)
        if isinstance(value, str | int) and value != "":
            out[key] = value
    # the chapeau as printed, so that the library prints it so whatever the body's table says
    out["chapeau"] = document.chapeau or body.chapeau
    return Meta.of(out)


def _joined(words: list[str], conjunction: str) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def is_omnibus(meta: Meta, library: Library) -> bool:
    """The year's omnibus resolution: its title, or the symbol facts give for the year."""
    title = " ".join((meta.title or "").split()).lower()
    facts = library.facts.years.get(meta.year, {}) if meta.year is not None else {}
    return title == OMNIBUS_TITLE.lower() or meta.symbol == facts.get("symbol")


def plan_adoption(document: Document, library: Library, into: Path, *, source: str,
                  symbol: str | None = None, year: int | None = None,
                  title: str | None = None, adopted: str | None = None,
                  index: MatchIndex | None = None, alone: bool = True) -> Adoption:
    """Match every paragraph, draft the files, and check the result prints the document.

    `index` is the library's MatchIndex when a run of adoptions keeps one up to date;
    the plan's `library` is the library as it will be once the files are written.
    """
    meta = resolution_meta(document, library, symbol=symbol, year=year, title=title,
                           adopted=adopted, source=source, alone=alone)
    sym, in_year = meta.symbol, meta.year
    assert sym is not None and in_year is not None  # resolution_meta stops without them
    kind = "omnibus" if is_omnibus(meta, library) else "resolution"
    held = library.find_symbol(sym)
    changes = None
    if held is not None:
        from asp_draft.compare.diff import diff_documents

        found = diff_documents(assemble(held, library), document)
        if not found.differs and held.year == in_year:
            return Adoption(sym, in_year, kind, "unchanged", (), (), into, library=library)
        changes = found.summary()
    path = into / "sessions" / f"{in_year}.yaml" if kind == "omnibus" else \
        resolution_path(into, sym)
    if kind == "omnibus":
        _check_slot(library, sym, in_year, source)
    drafts = _without_symbol(library, sym)
    matches, entries = _match_all(document, library, index or MatchIndex.of(library), drafts,
                                  meta, sym, source)
    text = session_text(meta, entries, source)
    files = _files(library, into, drafts, path, text, held)
    after = _verify(document, library, files, sym, source)
    return Adoption(sym, in_year, kind, "corrected" if held else "new",
                    tuple(matches), tuple(files), into, changes, library=after)


def _check_slot(library: Library, symbol: str, year: int, source: str) -> None:
    """An omnibus year already held under another symbol is not silently replaced."""
    other = library.sessions.get(year)
    if other is not None and other.meta.symbol != symbol:
        raise RequestError(f"the library's omnibus resolution for {year} is "
                           f"{other.meta.symbol} ({other.source}), not {symbol}; check the "
                           "symbol and the year given", source=source,
                           wants=("symbol", "year"))


def _without_symbol(library: Library, symbol: str) -> dict[str, ClauseDraft]:
    """Drafts of the clauses that cite `symbol`, with it taken out (a correction re-adds it)."""
    drafts: dict[str, ClauseDraft] = {}
    if library.year_of_symbol(symbol) is None:
        return drafts  # a version may cite only symbols whose year the library knows
    for clause in library.clauses.values():
        if any(symbol in v.adopted for v in clause.versions):
            draft = _draft_of(clause)
            for version in draft.versions:
                if symbol in version.get("adopted", []):
                    version["adopted"].remove(symbol)
                    version.get("printed", {}).pop(symbol, None)
            drafts[clause.id] = draft
    return drafts


def render_or_none(template: str, values: dict[str, Any], clause_id: str) -> str | None:
    """The template rendered, or None when this year's values cannot fill it."""
    try:
        return render_paragraph(template, values, where=f"clause {clause_id}")
    except AspDraftError:
        return None


def _words(text: str) -> str:
    """What printings of one wording share: the lead markup aside, the same words in order."""
    return " ".join(_WORD.findall(text))


def _match_all(document: Document, library: Library, matcher: MatchIndex,
               drafts: dict[str, ClauseDraft], meta: Meta, symbol: str,
               source: str) -> tuple[list[Match], dict[str, list[Any]]]:
    """Every paragraph's match, the drafts updated, and the session file's entries."""
    probe = Spec(meta=meta, variables={}, preamble=(), operative=(), source=source)
    values = variables_for(probe, library, {})
    index = matcher.for_year(values, library.held_symbols() | {symbol})
    matches: dict[int, Match] = {}
    clause_of: dict[int, str] = {}
    used: set[str] = set()
    pending: list[tuple[int, str, Paragraph, str]] = []
    for i, (p, label) in enumerate(zip(document.paragraphs, labels(document.paragraphs),
                                       strict=True)):
        if p.heading or p.level or p.part == "annex":
            kind = "heading" if p.heading else "sub" if p.level else "annex"
            matches[i] = Match(i, label, kind)
            continue
        markup = with_marks(p, markup=True)
        hit = index.exact(p.part, markup)
        kind = "same"
        if hit is None:
            hit, kind = index.same_words(p.part, markup), "printing"
        if hit is None:
            pending.append((i, label, p, markup))
            continue
        _adopt_in(drafts, hit, symbol, None if kind == "same" else markup)
        matches[i] = Match(i, label, kind, hit.clause.id, hit.version.since,
                           max(hit.version.years, default=None))
        clause_of[i] = hit.clause.id
        used.add(hit.clause.id)
    ordered_pending, shortlists = _by_likeness(pending, index, used)
    taken = set(library.clauses) | set(drafts)  # clause ids a new clause may not take
    for i, label, p, markup in ordered_pending:
        match = _new_version_or_clause(i, label, p, markup, shortlists[i], used, drafts,
                                       taken, symbol)
        taken.add(str(match.clause))
        matches[i] = match
        clause_of[i] = str(match.clause)
        used.add(str(match.clause))
    ordered = [matches[i] for i in range(len(document.paragraphs))]
    return ordered, entries_for(document, clause_of, spec_language(probe, library))


def _by_likeness(pending: list[tuple[int, str, Paragraph, str]], index: _YearIndex,
                 used: set[str]) -> tuple[list[tuple[int, str, Paragraph, str]],
                                          dict[int, list[tuple[list[str], _Candidate]]]]:
    """The paragraphs most like an adopted clause first, so each clause goes to its best;
    and each one's shortlist."""
    shortlists = {item[0]: index.shortlist(likeness_words(item[3]), item[2].part, used)
                  for item in pending}

    def best(item: tuple[int, str, Paragraph, str]) -> float:
        words = likeness_words(item[3])
        return max((likeness(words, w) for w, _ in shortlists[item[0]]), default=0.0)

    return sorted(pending, key=lambda item: (-best(item), item[0])), shortlists


def _new_version_or_clause(i: int, label: str, p: Paragraph, markup: str,
                           shortlist: list[tuple[list[str], _Candidate]], used: set[str],
                           drafts: dict[str, ClauseDraft], taken: set[str],
                           symbol: str) -> Match:
    words = likeness_words(markup)
    best: tuple[float, int, _Candidate] | None = None
    for choice, candidate in shortlist:
        if candidate.clause.id in used:
            continue  # taken by a paragraph more like it
        score = likeness(words, choice, SAME_CLAUSE_MIN)
        rank = (score, max(candidate.version.years, default=0))
        if score and (best is None or rank > best[:2]):
            best = (score, rank[1], candidate)
    if best is not None:
        score, _, candidate = best
        draft = drafts.get(candidate.clause.id) or _draft_of(candidate.clause)
        drafts[draft.id] = draft
        draft.add_version({"adopted": [symbol], "text": escape(markup)})
        return Match(i, label, "version", draft.id, candidate.version.since,
                     max(candidate.version.years, default=None), score)
    draft = ClauseDraft.new(p, markup, symbol, taken=taken)
    drafts[draft.id] = draft
    return Match(i, label, "clause", draft.id)


def _draft_of(clause: Clause) -> ClauseDraft:
    """draft_of, reading the clause's file again only when it has a clause-level note (the
    one key the model does not carry): most have none, and parsing each costs."""
    source = Path(clause.source)
    try:
        noted = "note" in source.read_text(encoding="utf-8")  # anywhere: any YAML style
    except OSError:
        noted = False
    return draft_of(clause, noted=noted)


def _adopt_in(drafts: dict[str, ClauseDraft], hit: _Candidate, symbol: str,
              printed: str | None) -> None:
    """Add `symbol` to the version `hit` found (with its own printing when typography differs)."""
    draft = drafts.get(hit.clause.id) or _draft_of(hit.clause)
    drafts[draft.id] = draft
    version = draft.version_for(hit.version)
    if symbol not in version.setdefault("adopted", []):
        version["adopted"].append(symbol)
    if printed is not None:
        version.setdefault("printed", {})[symbol] = escape(printed)
    elif hit.template != hit.version.text:
        version.setdefault("printed", {})[symbol] = hit.template


def _files(library: Library, into: Path, drafts: dict[str, ClauseDraft], path: Path,
           text: str, held: Spec | None) -> list[FileChange]:
    """The files to create, replace or delete in `into` (unchanged ones left out)."""
    files: list[FileChange] = []
    _add(files, path, text)
    if held is not None and Path(held.source).resolve() != path.resolve() \
            and _inside(Path(held.source), into):
        files.append(FileChange(Path(held.source), "delete"))
    for draft in sorted(drafts.values(), key=lambda d: d.id):
        draft.prune()
        if not draft.changed:
            continue
        target = into / draft.part / f"{draft.id}.yaml"
        if draft.versions:
            # its data as well, checked without reading the text back
            _add(files, target, clause_text(draft), clause_data(draft))
        elif target.is_file():
            files.append(FileChange(target, "delete"))
    del library
    return files


def _add(files: list[FileChange], path: Path, text: str,
         data: dict[str, Any] | None = None) -> None:
    if path.is_file():
        if path.read_text(encoding="utf-8") == text:
            return
        files.append(FileChange(path, "replace", text, data))
    else:
        files.append(FileChange(path, "create", text, data))


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _verify(document: Document, library: Library, files: list[FileChange], symbol: str,
            source: str) -> Library:
    """Load the additions as a library would, check they print the document exactly, and
    return that library."""
    lib = library.copy()
    session: Spec | None = None
    for change in files:
        if change.action == "delete":
            if change.path.parent.name in PARTS:
                lib.clauses.pop(change.path.stem, None)
            continue
        assert change.text is not None
        if change.path.parent.name in PARTS:
            continue
        session = parse_spec(change.text, str(change.path))
    if session is None:  # the session file is unchanged on disk
        session = lib.find_symbol(symbol)
    assert session is not None
    if _resolution_kind(session) == "omnibus":
        lib.add_session(session)
    else:
        lib.add_resolution(session)
    for change in files:
        if change.text is not None and change.path.parent.name in PARTS:
            data = change.data if change.data is not None else \
                load_yaml(change.text, change.path)
            part: Part = "preamble" if change.path.parent.name == "preamble" else "operative"
            clause = clause_from_data(data, change.path, part, lib)
            lib.clauses[clause.id] = clause
    built = assemble(session, lib)
    _compare(document, built, source)
    return lib


def _resolution_kind(spec: Spec) -> str:
    """A held text's kind, as the folder it is in says."""
    return "omnibus" if Path(spec.source).parent.name == "sessions" else "resolution"


def _compare(document: Document, built: Document, source: str) -> None:
    """Stop, naming the paragraph, where the library would print other than the file."""
    if document.chapeau and built.chapeau != document.chapeau:
        raise InputError(f"the library would print the chapeau as {built.chapeau!r}, not "
                         f"{document.chapeau!r}; nothing was written", source=source)
    names = labels(document.paragraphs)
    for label, want, got in zip(names, document.paragraphs, built.paragraphs, strict=False):
        for what in ("part", "annex", "heading", "level", "number", "lead", "text",
                     "footnotes"):
            if getattr(want, what) != getattr(got, what):
                raise InputError(f"{label}: the library would not print it as the file does "
                                 f"({what}: {getattr(got, what)!r} instead of "
                                 f"{getattr(want, what)!r}); nothing was written",
                                 source=source)
    if len(built.paragraphs) != len(document.paragraphs):
        raise InputError(f"the library would print {len(built.paragraphs)} paragraphs, the "
                         f"file has {len(document.paragraphs)}; nothing was written",
                         source=source)
