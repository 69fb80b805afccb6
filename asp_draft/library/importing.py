"""A document (from .docx, .txt or .md) -> a draft spec that cites library clauses.

Each paragraph is matched to the clause version whose text it equals; paragraphs that only
resemble a clause (a changed word, other typography) are written inline with a comment naming
the closest clause, so building the spec gives back exactly the text that was imported. Annex
paragraphs go inline into the spec's `annexes`, one per annex, numbered as the file numbers them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from asp_draft.compare.likeness import SAME_CLAUSE_MIN, closest, likeness_words
from asp_draft.errors import AspDraftError, RequestError
from asp_draft.library.assemble import assemble, render_paragraph, variables_for
from asp_draft.library.load import Library
from asp_draft.library.spec_reader import META_KEYS, parse_spec
from asp_draft.library.spec_writer import render_spec
from asp_draft.model import Document, Meta, Paragraph
from asp_draft.model.library import Clause, Version
from asp_draft.model.spec import Annex, Entry, Spec
from asp_draft.text.labels import letters, roman
from asp_draft.text.markup import split_lead, take_marks, with_marks

RESEMBLES = SAME_CLAUSE_MIN  # likeness from which a clause is named as the closest
_DEFAULT_CHAPEAU = "The Assembly of States Parties,"


@dataclass(frozen=True)
class Match:
    """How one imported paragraph relates to the library."""

    index: int  # in the imported document's paragraphs
    clause: str | None
    version: int | None
    exact: bool
    score: float


@dataclass(frozen=True)
class Imported:
    """The spec text and what each paragraph matched."""

    text: str
    spec: Spec
    matches: tuple[Match, ...]

    @property
    def cited(self) -> int:
        """How many paragraphs cite a library clause."""
        return sum(1 for m in self.matches if m.exact)


@dataclass
class _Item:
    entry: Entry
    index: int
    comment: str | None = None
    subs: list[_Item] | None = None


@dataclass
class _AnnexItems:
    """An annex being imported: its title, whether every paragraph is numbered, its items."""

    title: str | None
    numbered: bool
    items: list[_Item]
    number: int = 0  # the last number given, for the next paragraph's

    def annex(self) -> Annex:
        """The spec's annex."""
        return Annex(line=0, title=self.title, entries=tuple(_entry(i) for i in self.items),
                     numbered=self.numbered)


def annexes_opened(paragraphs: tuple[Paragraph, ...]) -> dict[int, bool]:
    """The index of each annex's first paragraph, and whether all its paragraphs are numbered."""
    opened: dict[int, bool] = {}
    start: int | None = None
    for i, p in enumerate(paragraphs):
        if p.part != "annex":
            start = None
            continue
        if start is None or p.annex != paragraphs[start].annex:
            start = i
            opened[i] = True
        if p.level == 0 and not p.heading and not p.number:
            opened[start] = False
    return opened


def _label(previous: int, given: str | None) -> tuple[str | None, int]:
    """The `number:` an entry needs (None when the count gives it) and the count after it."""
    auto = previous + 1
    digits = re.match(r"\d+", given or "")
    number = int(digits.group()) if digits and given else auto
    return (given if given and given != str(auto) else None), number


def spec_meta(document: Document, library: Library, year: int | None,
              source: str | None = None) -> Meta:
    """The spec's metadata: year (given, known, or from the symbol or adoption date) and the
    document's symbol, title, session, venue and adoption data."""
    meta = document.meta
    found = year or meta.year
    if found is None and meta.symbol:
        found = library.facts.year_of_symbol(meta.symbol)
    if found is None and meta.adopted:
        found = int(meta.adopted[:4])
    if found is None:
        raise RequestError("cannot tell the year of the text (no year, known symbol or "
                           "adoption date); give its year", source=source, wants=("year",))
    out: dict[str, Any] = {"year": found}
    for key in META_KEYS:  # the keys a spec holds, copied as the document gives them
        value = meta.value(key)
        if key == "year" or value is None or value == "" or isinstance(value, dict | list):
            continue
        if key == "chapeau" and value == _DEFAULT_CHAPEAU:
            continue
        if key in ("session", "plenary") and not isinstance(value, int):
            continue
        out[key] = value
    return Meta.of(out)


class _Index:
    """Every clause version rendered for the imported year, by part, for matching."""

    def __init__(self, library: Library, spec: Spec) -> None:
        values = variables_for(spec, library, {})
        symbol = spec.meta.symbol if spec.meta.adopted else None
        self.exact: dict[tuple[str, str], list[tuple[Clause, Version]]] = {}
        self.choices: dict[str, list[tuple[str, Clause, Version]]] = {"preamble": [],
                                                                       "operative": []}
        for clause in library.clauses.values():
            for version in clause.versions:
                try:
                    rendered = render_paragraph(version.text_for(symbol), values,
                                                where=f"clause {clause.id}")
                except AspDraftError:
                    continue  # a template this year's variables cannot fill
                # a paragraph's text carries no footnote marks (its notes say where they
                # stand): a wording with marks is found by its words, its marks checked after
                text = take_marks(split_lead(rendered, clause.part)[1])[0]
                self.exact.setdefault((clause.part, text), []).append((clause, version))
                self.choices[clause.part].append((text, clause, version))

    def find(self, paragraph: Paragraph) -> tuple[Clause, Version] | None:
        found = self.exact.get((paragraph.part, paragraph.text))
        if not found:
            return None
        # the newest wording that reads so
        return max(found, key=lambda cv: (max(cv[1].years, default=0), cv[1].since or 0))

    def closest(self, paragraph: Paragraph) -> tuple[Clause, Version, float] | None:
        pool = self.choices.get(paragraph.part, [])
        best = closest(paragraph.text, [likeness_words(t) for t, _, _ in pool], RESEMBLES)
        if best is None:
            return None
        at, score = best
        return pool[at][1], pool[at][2], 100 * score


def _pin(clause: Clause, version: Version, symbol: str | None) -> int | None:
    """Pin when the version is not the one an unpinned id would give."""
    unpinned = (clause.version_in(symbol) if symbol else None) or clause.latest
    if version is clause.latest and unpinned is version:
        return None
    return version.since


def import_document(document: Document, library: Library, *, source: str,
                    year: int | None = None) -> Imported:
    """A draft spec for `document`: library clauses where the text equals one, else inline."""
    meta = spec_meta(document, library, year, source)
    probe = Spec(meta=meta, variables={}, preamble=(), operative=(), source=source)
    index = _Index(library, probe)
    symbol = meta.symbol if meta.adopted else None
    parts: dict[str, list[_Item]] = {"preamble": [], "operative": []}
    annexes: list[_AnnexItems] = []
    opened = annexes_opened(document.paragraphs)
    matches: list[Match] = []
    number = 0
    for i, paragraph in enumerate(document.paragraphs):
        if i in opened:
            annexes.append(_AnnexItems(paragraph.annex, opened[i], []))
        if paragraph.part == "annex":
            part = annexes[-1].items
        else:
            part = parts["operative" if paragraph.heading else paragraph.part]
        if paragraph.heading:
            part.append(_Item(Entry(line=0, heading=paragraph.text), i))
            matches.append(Match(i, None, None, False, 0.0))
            continue
        if paragraph.level and part and part[-1].subs is not None:
            _add_sub(part[-1], paragraph, i, matches)
            continue
        label = None
        if paragraph.part == "operative":
            label, number = _label(number, paragraph.number)
        elif paragraph.part == "annex":
            label = paragraph.number
            if annexes[-1].numbered:
                label, annexes[-1].number = _label(annexes[-1].number, paragraph.number)
        part.append(_import_one(paragraph, i, label, index, symbol, matches))
    return _finish(document, library, meta, parts, annexes, matches, source)


def _import_one(paragraph: Paragraph, i: int, label: str | None, index: _Index,
                symbol: str | None, matches: list[Match]) -> _Item:
    """The item of one top-level paragraph: its clause where the text equals one, else inline."""
    notes = paragraph.note_texts
    found = index.find(paragraph)
    if found:
        clause, version = found
        entry = Entry(line=0, clause=clause.id, pin=_pin(clause, version, symbol),
                      number=label, footnotes=notes)
        matches.append(Match(i, clause.id, version.since, True, 100.0))
        return _Item(entry, i, subs=[])
    close = index.closest(paragraph)
    comment = None
    if close:
        clause, version, score = close
        comment = f"resembles {clause.id}@{version.since} ({score:.0f}%)"
        matches.append(Match(i, clause.id, version.since, False, score))
    else:
        matches.append(Match(i, None, None, False, 0.0))
    entry = Entry(line=0, text=with_marks(paragraph, markup=True), number=label,
                  footnotes=notes)
    return _Item(entry, i, comment, subs=[])


def _add_sub(parent: _Item, paragraph: Paragraph, index: int, matches: list[Match]) -> None:
    assert parent.subs is not None
    holder = parent
    if paragraph.level >= 2 and parent.subs and parent.subs[-1].subs is not None:
        holder = parent.subs[-1]
    assert holder.subs is not None
    position = len(holder.subs)
    level = 1 if holder is parent else 2
    auto = letters(position + 1) if level == 1 else roman(position + 1)
    label = paragraph.number if paragraph.number and paragraph.number != auto else None
    entry = Entry(line=0, text=with_marks(paragraph, markup=True), number=label,
                  footnotes=paragraph.note_texts)
    holder.subs.append(_Item(entry, index, subs=[] if level == 1 else None))
    matches.append(Match(index, None, None, False, 0.0))


def _entry(item: _Item) -> Entry:
    subs = tuple(_entry(s) for s in item.subs or [])
    return replace(item.entry, sub=subs)


def _finish(document: Document, library: Library, meta: Meta,
            parts: dict[str, list[_Item]], annexes: list[_AnnexItems], matches: list[Match],
            source: str) -> Imported:
    """Check the spec builds to the same text; a cited clause that does not goes inline."""
    for _attempt in range(3):
        spec = Spec(meta=meta, variables={},
                    preamble=tuple(_entry(i) for i in parts["preamble"]),
                    operative=tuple(_entry(i) for i in parts["operative"]), source=source,
                    annexes=tuple(a.annex() for a in annexes))
        built = assemble(spec, library)
        wrong = _mismatches(document, built, [*parts.values(), *(a.items for a in annexes)])
        if not wrong:
            break
        for item in wrong:
            paragraph = document.paragraphs[item.index]
            item.entry = replace(item.entry, clause=None, pin=None,
                                 text=with_marks(paragraph, markup=True))
            item.comment = "the library clause renders differently here; kept inline"
            matches[item.index] = replace(matches[item.index], exact=False)
    comments = {(part, i): item.comment for part, items in parts.items()
                for i, item in enumerate(items) if item.comment}
    header = [f"# Draft spec imported by `asp-draft import` from {source}.",
              "# Clause ids (ID@YEAR when pinned) cite the library; other text is inline."]
    text = render_spec(spec, header=header, comments=comments, keep_pins=True)
    return Imported(text=text, spec=parse_spec(text, source), matches=tuple(matches))


def _mismatches(document: Document, built: Document,
                groups: list[list[_Item]]) -> list[_Item]:
    flat: list[_Item] = []

    def walk(items: list[_Item]) -> None:
        for item in items:
            flat.append(item)
            walk(item.subs or [])

    for items in groups:  # in reading order: preamble, operative part, annexes
        walk(items)
    wrong = []
    for item, paragraph in zip(flat, built.paragraphs, strict=False):
        wanted = document.paragraphs[item.index]
        if item.entry.clause and (paragraph.text, paragraph.footnotes) != (wanted.text,
                                                                           wanted.footnotes):
            wrong.append(item)
    return wrong

