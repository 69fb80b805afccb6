"""A document (from .docx, .txt or .md) -> a draft spec that cites library clauses.

Each paragraph is matched to the clause version whose text it equals; paragraphs that only
resemble a clause (a changed word, other typography) are written inline with a comment naming
the closest clause, so building the spec gives back exactly the text that was imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import yaml

from asp_draft.assemble import assemble, render_paragraph, variables_for
from asp_draft.errors import AspDraftError, UsageError
from asp_draft.facts import letters, roman
from asp_draft.library import Library
from asp_draft.likeness import SAME_CLAUSE_MIN, closest, likeness_words
from asp_draft.markup import split_lead, with_marks
from asp_draft.model import Clause, Document, Paragraph, Version
from asp_draft.readers.spec import META_KEYS, Entry, Spec, parse_spec
from asp_draft.writers.spec import entry_data

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


def spec_meta(document: Document, library: Library, year: int | None) -> dict[str, Any]:
    """The spec's metadata: year (given, known, or from the symbol or adoption date) and the
    document's symbol, title, session, venue and adoption data."""
    meta = document.meta
    found = year or meta.get("year")
    if not isinstance(found, int) and meta.get("symbol"):
        found = library.facts.year_of_symbol(str(meta["symbol"]))
    if not isinstance(found, int) and meta.get("adopted"):
        found = int(str(meta["adopted"])[:4])
    if not isinstance(found, int):
        raise UsageError("cannot tell the year of the text (no year, known symbol or "
                         "adoption date); give --year YEAR")
    out: dict[str, Any] = {"year": found}
    for key in META_KEYS:
        value = meta.get(key)
        if key == "year" or value is None or value == "" or isinstance(value, dict | list):
            continue
        if key == "chapeau" and value == _DEFAULT_CHAPEAU:
            continue
        if key in ("session", "plenary") and not isinstance(value, int):
            continue
        out[key] = value
    return out


def _escape(text: str) -> str:
    """Text that must not be read as a template (it holds Jinja2 markers) is wrapped raw."""
    if re.search(r"\{[{%#]", text):
        return "{% raw %}" + text.replace("{% endraw %}", "") + "{% endraw %}"
    return text


class _Index:
    """Every clause version rendered for the imported year, by part, for matching."""

    def __init__(self, library: Library, spec: Spec) -> None:
        values = variables_for(spec, library, {})
        symbol = spec.meta.get("symbol") if "adopted" in spec.meta else None
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
                _lead, text = split_lead(rendered, clause.part)
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
    meta = spec_meta(document, library, year)
    probe = Spec(meta=meta, variables={}, preamble=(), operative=(), source=source)
    index = _Index(library, probe)
    symbol = meta.get("symbol") if "adopted" in meta else None
    parts: dict[str, list[_Item]] = {"preamble": [], "operative": []}
    matches: list[Match] = []
    number = 0
    for i, paragraph in enumerate(document.paragraphs):
        if paragraph.heading:
            parts["operative"].append(_Item(Entry(line=0, heading=paragraph.text), i))
            matches.append(Match(i, None, None, False, 0.0))
            continue
        part = parts[paragraph.part]
        if paragraph.level and part and part[-1].subs is not None:
            _add_sub(part[-1], paragraph, i, matches)
            continue
        label = None
        if paragraph.part == "operative":
            auto = number + 1
            digits = re.match(r"\d+", paragraph.number or "")
            number = int(digits.group()) if digits and paragraph.number else auto
            if paragraph.number and paragraph.number != str(auto):
                label = paragraph.number
        notes = tuple(_escape(n) for n in paragraph.note_texts)
        found = index.find(paragraph)
        if found:
            clause, version = found
            entry = Entry(line=0, clause=clause.id, pin=_pin(clause, version, symbol),
                          number=label, footnotes=notes)
            part.append(_Item(entry, i, subs=[]))
            matches.append(Match(i, clause.id, version.since, True, 100.0))
            continue
        close = index.closest(paragraph)
        comment = None
        if close:
            clause, version, score = close
            comment = f"resembles {clause.id}@{version.since} ({score:.0f}%)"
            matches.append(Match(i, clause.id, version.since, False, score))
        else:
            matches.append(Match(i, None, None, False, 0.0))
        entry = Entry(line=0, text=_escape(with_marks(paragraph, markup=True)), number=label,
                      footnotes=notes)
        part.append(_Item(entry, i, comment, subs=[]))
    return _finish(document, library, meta, parts, matches, source)


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
    entry = Entry(line=0, text=_escape(with_marks(paragraph, markup=True)), number=label,
                  footnotes=tuple(_escape(n) for n in paragraph.note_texts))
    holder.subs.append(_Item(entry, index, subs=[] if level == 1 else None))
    matches.append(Match(index, None, None, False, 0.0))


def _entry(item: _Item) -> Entry:
    subs = tuple(_entry(s) for s in item.subs or [])
    return replace(item.entry, sub=subs)


def _finish(document: Document, library: Library, meta: dict[str, Any],
            parts: dict[str, list[_Item]], matches: list[Match], source: str) -> Imported:
    """Check the spec builds to the same text; a cited clause that does not goes inline."""
    for _attempt in range(3):
        spec = Spec(meta=meta, variables={},
                    preamble=tuple(_entry(i) for i in parts["preamble"]),
                    operative=tuple(_entry(i) for i in parts["operative"]), source=source)
        built = assemble(spec, library)
        wrong = _mismatches(document, built, parts)
        if not wrong:
            break
        for item in wrong:
            paragraph = document.paragraphs[item.index]
            item.entry = replace(item.entry, clause=None, pin=None,
                                 text=_escape(with_marks(paragraph, markup=True)))
            item.comment = "the library clause renders differently here; kept inline"
            matches[item.index] = replace(matches[item.index], exact=False)
    text = dump(meta, parts, source)
    return Imported(text=text, spec=parse_spec(text, source), matches=tuple(matches))


def _mismatches(document: Document, built: Document,
                parts: dict[str, list[_Item]]) -> list[_Item]:
    flat: list[_Item] = []

    def walk(items: list[_Item]) -> None:
        for item in items:
            flat.append(item)
            walk(item.subs or [])

    walk(parts["preamble"])
    walk(parts["operative"])
    wrong = []
    for item, paragraph in zip(flat, built.paragraphs, strict=False):
        wanted = document.paragraphs[item.index]
        if item.entry.clause and (paragraph.text, paragraph.footnotes) != (wanted.text,
                                                                           wanted.footnotes):
            wrong.append(item)
    return wrong


def dump(meta: dict[str, Any], parts: dict[str, list[_Item]], source: str) -> str:
    """The YAML of the spec, with a comment above each entry that only resembles a clause."""
    lines = [f"# Draft spec imported by `asp-draft import` from {source}.",
             "# Clause ids (ID@YEAR when pinned) cite the library; other text is inline.",
             yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=96).rstrip()]
    for part in ("preamble", "operative"):
        if not parts[part]:
            lines.append(f"{part}: []")
            continue
        lines.append(f"{part}:")
        for item in parts[part]:
            if item.comment:
                lines.append(f"  # {item.comment}")
            data = entry_data(_entry(item), keep_pins=True)
            chunk = yaml.safe_dump([data], sort_keys=False, allow_unicode=True, width=96)
            lines.extend("  " + line for line in chunk.rstrip().split("\n"))
    return "\n".join(lines) + "\n"
