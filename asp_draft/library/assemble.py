"""Session files and draft specs + the library -> Document."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from asp_draft.errors import InputError, RequestError, UnknownClauseError
from asp_draft.language import DEFAULT as DEFAULT_LANGUAGE
from asp_draft.language import ENGLISH, Language, language_for
from asp_draft.library.bodies import Body, Table, document_body, table
from asp_draft.library.facts import FACTS_BODY, body_values
from asp_draft.library.load import Library
from asp_draft.model import ADOPTED, Document, Meta, Paragraph, Part
from asp_draft.model.library import Clause, Version
from asp_draft.model.spec import Entry, Spec
from asp_draft.text.labels import letters, roman
from asp_draft.text.markup import place_notes, split_lead


def library_bodies(library: Library) -> Table:
    """The table of bodies as the library's folders extend it: the one way the library's
    modules get it."""
    return table(library.roots)


def spec_body(spec: Spec, library: Library) -> Body | None:
    """The body a spec is the text of (its `body`, symbol or chapeau; a spec naming none is
    the omnibus's); an unknown `body` is an error at its line."""
    return _body_in(spec, library_bodies(library))


def _body_in(spec: Spec, bodies: Table) -> Body | None:
    """spec_body, with the library's table at hand."""
    return document_body(spec.meta, bodies, source=spec.source,
                         line=spec.lines.get("body")) or bodies.get(FACTS_BODY)


def variables_for(spec: Spec, library: Library, overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Template variables in rising priority: the year's facts (an ASP text's) or its own
    body's session, the spec, the values given with the command (`overrides`)."""
    bodies = library_bodies(library)
    return _variables(spec, library, overrides, _body_in(spec, bodies), bodies)


def _variables(spec: Spec, library: Library, overrides: Mapping[str, Any], body: Body | None,
               bodies: Table) -> dict[str, Any]:
    """variables_for, with the spec's body and the library's table at hand."""
    values = body_values(library.facts, spec.year, spec.meta, body, bodies)
    values.update((k, v) for k, v in spec.meta.items() if k in _SPEC_VALUES)
    values.update(spec.variables)
    values.update(overrides)
    return values


# what a spec's own metadata says over the year's facts, for its templates
_SPEC_VALUES = ("session", "venue", "symbol", "title")


def select_version(clause: Clause, entry: Entry, symbol: str | None, spec: Spec) -> Version:
    """The version an entry asks for: pinned by year, else the one `symbol` adopted; a draft
    (no `symbol`) takes the latest, proposals included.

    A held resolution shows only what it adopted: a clause version that does not list its
    symbol (a missing version, a proposal) is an error naming both, never another wording.
    """
    if entry.pin is not None:
        found = clause.version_since(entry.pin)
        if found is None:
            years = ", ".join(str(v.since) for v in clause.versions)
            raise UnknownClauseError(f"clause {clause.id!r} has no version from {entry.pin} "
                                     f"(its versions: {years})", source=spec.source,
                                     line=entry.line)
        if symbol and found.status != ADOPTED:
            raise UnknownClauseError(f"{symbol}: clause {clause.id!r} is pinned to "
                                     f"{entry.pin}, a proposal, not an adopted version; the "
                                     "library does not hold the text it adopted",
                                     source=spec.source, line=entry.line)
        return found
    if not symbol:
        return clause.latest
    adopted_here = clause.version_in(symbol)
    if adopted_here is None:
        # an unknown version, as a pinned one missing: blame leaves it out of the record
        raise UnknownClauseError(f"{symbol}: clause {clause.id!r} has no version adopted in "
                                 f"{symbol} (its versions in {clause.source}: "
                                 f"{_versions(clause)}); the library does not hold the text "
                                 "it adopted", source=spec.source, line=entry.line)
    return adopted_here


def _versions(clause: Clause) -> str:
    """'2015, 2019 proposed': a clause's versions as a message lists them."""
    return ", ".join(f"{v.since}" + ("" if v.status == ADOPTED else f" {v.status}")
                     for v in clause.versions) or "none"


def assemble(spec: Spec, library: Library, overrides: Mapping[str, Any] | None = None) -> Document:
    """Render a spec into a document: clauses at their versions, templates filled in."""
    bodies = library_bodies(library)  # read once: the body and its session both need it
    body = _body_in(spec, bodies)
    values = _variables(spec, library, overrides or {}, body, bodies)
    language = spec_language(spec, library)
    own = spec.meta
    # a draft is not the adopted text: it takes the symbol facts.yaml lists for its year only
    # when it is adopted or says so itself
    symbol = values.get("symbol") if own.adopted or own.symbol else None
    meta: dict[str, Any] = {
        "symbol": symbol,
        "body": body.key if body is not None else None,
        "title": values.get("title", language.title),
        "year": spec.year,
        "session": values.get("session"),
    }
    if values.get("venue"):
        meta["venue"] = values["venue"]
    meta.update({k: v for k, v in own.items() if k not in meta})
    # the omnibus's chapeau in the draft's language; another body's as the table prints it
    meta.setdefault("chapeau", language.chapeau if body is None or body.key == FACTS_BODY
                    else body.chapeau)
    # English goes unsaid, as in every file read; another language is named
    if own.language or language.code != DEFAULT_LANGUAGE:
        meta["language"] = language.code
    if not own.adopted:
        meta.setdefault("status", "draft")
    paragraphs: list[Paragraph] = []
    # a held resolution prints the versions its symbol adopted; a draft, the latest
    emit = _Emitter(values, library, spec, symbol if own.adopted else None, paragraphs,
                    language)
    for part in ("preamble", "operative"):
        emit.part(getattr(spec, part), part, numbered=part == "operative")
    for annex in spec.annexes:
        emit.part(annex.entries, "annex", numbered=annex.numbered, annex=annex.title)
    return Document(meta=Meta.of(meta), paragraphs=tuple(paragraphs))


def spec_language(spec: Spec, library: Library) -> Language:
    """The language a spec is drafted in (its own, its folder's, the library's)."""
    try:
        return language_for(library.language_of(spec))
    except RequestError as e:  # a code language_for does not know
        raise InputError(e.message, source=spec.source, line=spec.lines.get("language")) \
            from None


def unfold(text: str) -> str:
    """Literal text as one paragraph: the line breaks YAML folding leaves become spaces."""
    return re.sub(r"[ \t]*\n\s*", " ", text.strip())


def render(text: str, values: Mapping[str, Any], **where: Any) -> str:
    """A template rendered; plain language (most clauses) as it is, without loading the
    template engine (jinja2 costs start-up time a plain library need not pay)."""
    if "{" not in text:
        return text
    from asp_draft.library.templating import render as render_template

    return render_template(text, values, **where)


def render_paragraph(template: str, values: Mapping[str, Any], *, where: str,
                     source: str | None = None, line: int | None = None,
                     language: Language = ENGLISH) -> str:
    """A template rendered as one paragraph: its white space (YAML folding) collapsed."""
    return re.sub(r"\s+", " ", render(template.strip(), values, where=where, source=source,
                                      line=line, language=language)).strip()


def _next_number(previous: int, given: str | None) -> int:
    if given:
        m = re.match(r"\d+", given)
        return int(m.group()) if m else previous
    return previous + 1


class _Emitter:
    """Renders a spec's entries into paragraphs, part by part."""

    def __init__(self, values: Mapping[str, Any], library: Library, spec: Spec,
                 symbol: str | None, out: list[Paragraph], language: Language) -> None:
        self.values, self.library, self.spec = values, library, spec
        self.symbol, self.out, self.language = symbol, out, language
        self.annex: str | None = None

    def part(self, entries: tuple[Entry, ...], part: Part, *, numbered: bool,
             annex: str | None = None) -> None:
        """One part (or one annex): headings, and paragraphs numbered from 1 when `numbered`."""
        self.annex = annex
        heading_part: Part = "annex" if part == "annex" else "operative"
        number = 0
        for entry in entries:
            if entry.heading is not None:
                # a heading is printed as written, its footnotes placed at their marks
                text, notes = place_notes(entry.heading, [unfold(f) for f in entry.footnotes])
                self.out.append(Paragraph(part=heading_part, text=text, heading=True,
                                          annex=annex, footnotes=notes))
                continue
            if entry.level:  # a sub-paragraph printed apart from its paragraph: no count
                self.emit(entry, part, entry.number, entry.level)
                continue
            label = entry.number
            if numbered and entry.numbered:
                number = _next_number(number, entry.number)
                label = entry.number or str(number)
            self.emit(entry, part, label, 0)

    def emit(self, entry: Entry, part: Part, number: str | None, level: int) -> None:
        """One entry's paragraph, then its sub-paragraphs (a), (i)."""
        template, where, source, line, clause_id, since = self._template(entry, part, level)
        values = self.values
        if entry.text is not None and not entry.template:
            # inline `text:` is the delegation's words (or a clause's, rolled forward), never
            # run as a template
            rendered = unfold(template)
            notes = [unfold(f) for f in entry.footnotes]
        else:
            rendered = render_paragraph(template, values, where=where, source=source, line=line,
                                        language=self.language)
            notes = [render_paragraph(f, values, where=f"footnote of {where}",
                                      source=self.spec.source, line=entry.line,
                                      language=self.language)
                     for f in entry.footnotes]
        # an annex has no lead words of its own: the readers look for them with no part
        lead_part = None if part == "annex" else part
        if not entry.lead:  # printed upright: no lead, whatever its words
            lead, text = None, split_lead(rendered, lead_part, self.language)[1]
        elif level and not rendered.startswith("*"):
            lead, text = None, rendered
        else:
            lead, text = split_lead(rendered, lead_part, self.language)
        text, footnotes = place_notes(text, notes)
        self.out.append(Paragraph(part=part, text=text, lead=lead, number=number, level=level,
                                  footnotes=footnotes, clause=clause_id, version=since,
                                  annex=self.annex if part == "annex" else None))
        for i, sub in enumerate(entry.sub):
            label = None if not sub.numbered else \
                sub.number or (letters(i + 1) if level == 0 else roman(i + 1))
            self.emit(sub, part, label, level + 1)

    def _template(self, entry: Entry, part: Part, level: int
                  ) -> tuple[str, str, str | None, int | None, str | None, int | None]:
        """The entry's template, where it is for messages, and the clause version it is."""
        spec = self.spec
        if entry.clause is None:
            return (entry.text or "", f"inline text at line {entry.line}", spec.source,
                    entry.line, None, None)
        clause = self.library.clause(entry.clause, source=spec.source, line=entry.line)
        # an annex may quote agreed language of either part
        if clause.part != part and level == 0 and part != "annex":
            raise UnknownClauseError(f"clause {clause.id!r} is a {clause.part} clause; it "
                                     f"cannot stand in the {part} part", source=spec.source,
                                     line=entry.line)
        if entry.text is not None and self.symbol:
            # a held resolution prints what it adopted: a clause in words of its own is a draft's
            raise InputError(f"{self.symbol}: clause {clause.id!r} carries words of its own "
                             "('text:'); a held resolution prints its clauses as adopted",
                             source=spec.source, line=entry.line)
        version = select_version(self._in_language(clause, entry), entry, self.symbol, spec)
        words = entry.text if entry.text is not None else version.text_for(self.symbol)
        return (words, f"clause {clause.id}, version {version.since}",
                clause.source, None, clause.id, version.since)

    def _in_language(self, clause: Clause, entry: Entry) -> Clause:
        """The clause's versions in the document's language, or why it has none."""
        found = clause.in_language(self.language.code)
        if found is None:
            raise UnknownClauseError(
                f"clause {clause.id!r} has no version in {self.language.code} (it is in "
                f"{', '.join(clause.languages)})", source=self.spec.source, line=entry.line)
        return found
