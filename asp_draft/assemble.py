"""Session files and draft specs + the library -> Document; and rolling a year forward."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from asp_draft import facts as factlib
from asp_draft.errors import UnknownClauseError
from asp_draft.library import Library
from asp_draft.markup import place_notes, split_lead
from asp_draft.model import Clause, Document, Paragraph, Part, Version
from asp_draft.readers.spec import Entry, Spec
from asp_draft.templating import render


def parse_vars(pairs: list[str] | None) -> dict[str, Any]:
    """`KEY=VALUE` strings -> a dict; whole numbers become ints so filters can count with them."""
    from asp_draft.errors import UsageError

    out: dict[str, Any] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key.strip()):
            raise UsageError(f"--var {pair!r}: write it as NAME=VALUE, "
                             "e.g. --var venue='The Hague'")
        out[key.strip()] = int(value) if re.fullmatch(r"-?\d+", value.strip()) else value
    return out


def variables_for(spec: Spec, library: Library, overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Template variables in rising priority: facts for the year, the spec, --var."""
    values = library.facts.for_year(spec.year)
    for key in ("session", "venue", "symbol", "title"):
        if key in spec.meta:
            values[key] = spec.meta[key]
    values.update(spec.variables)
    values.update(overrides)
    return values


def select_version(clause: Clause, entry: Entry, symbol: str | None, spec: Spec) -> Version:
    """The version an entry asks for: pinned by year, else the one `symbol` adopted, else latest."""
    if entry.pin is not None:
        found = clause.version_since(entry.pin)
        if found is None:
            years = ", ".join(str(v.since) for v in clause.versions)
            raise UnknownClauseError(f"clause {clause.id!r} has no version from {entry.pin} "
                                     f"(its versions: {years})", source=spec.source,
                                     line=entry.line)
        return found
    if symbol:
        adopted_here = clause.version_in(symbol)
        if adopted_here:
            return adopted_here
    return clause.latest


def assemble(spec: Spec, library: Library, overrides: Mapping[str, Any] | None = None) -> Document:
    """Render a spec into a document: clauses at their versions, templates filled in."""
    values = variables_for(spec, library, overrides or {})
    meta: dict[str, Any] = {
        "symbol": values.get("symbol"),
        "title": values.get("title", "Strengthening the International Criminal Court and "
                                     "the Assembly of States Parties"),
        "year": spec.year,
        "session": values.get("session"),
    }
    if values.get("venue"):
        meta["venue"] = values["venue"]
    meta.update({k: v for k, v in spec.meta.items() if k not in meta})
    meta.setdefault("chapeau", "The Assembly of States Parties,")
    if "adopted" not in meta:
        meta.setdefault("status", "draft")
    symbol = meta.get("symbol") if "adopted" in spec.meta else None
    paragraphs: list[Paragraph] = []
    for part in ("preamble", "operative"):
        number = 0
        for entry in getattr(spec, part):
            if entry.heading is not None:
                paragraphs.append(Paragraph(part="operative", text=entry.heading, heading=True))
                continue
            if part == "operative":
                number = _next_number(number, entry.number)
                label = entry.number or str(number)
            else:
                label = None
            _emit(entry, part, label, 0, values, library, spec, symbol, paragraphs)
    return Document(meta=meta, paragraphs=tuple(paragraphs))


def render_paragraph(template: str, values: Mapping[str, Any], *, where: str,
                     source: str | None = None, line: int | None = None) -> str:
    """A template rendered as one paragraph: its white space (YAML folding) collapsed."""
    return re.sub(r"\s+", " ", render(template.strip(), values, where=where, source=source,
                                      line=line)).strip()


def _next_number(previous: int, given: str | None) -> int:
    if given:
        m = re.match(r"\d+", given)
        return int(m.group()) if m else previous
    return previous + 1


def _emit(entry: Entry, part: Part, number: str | None, level: int, values: Mapping[str, Any],
          library: Library, spec: Spec, symbol: str | None, out: list[Paragraph]) -> None:
    clause_id: str | None = None
    since: int | None = None
    if entry.clause is not None:
        clause = library.clause(entry.clause, source=spec.source, line=entry.line)
        if clause.part != part and level == 0:
            raise UnknownClauseError(f"clause {clause.id!r} is a {clause.part} clause; it "
                                     f"cannot stand in the {part} part", source=spec.source,
                                     line=entry.line)
        version = select_version(clause, entry, symbol, spec)
        template = version.text_for(symbol)
        where = f"clause {clause.id}, version {version.since}"
        clause_id, since = clause.id, version.since
        source = clause.source
        line = None
    else:
        template = entry.text or ""
        where = f"inline text at line {entry.line}"
        source, line = spec.source, entry.line
    rendered = render_paragraph(template, values, where=where, source=source, line=line)
    notes = [render_paragraph(f, values, where=f"footnote of {where}", source=spec.source,
                              line=entry.line) for f in entry.footnotes]
    if level:
        lead, text = None, rendered
        if rendered.startswith("*"):
            lead, text = split_lead(rendered, part)
    else:
        lead, text = split_lead(rendered, part)
    text, footnotes = place_notes(text, notes)
    out.append(Paragraph(part=part, text=text, lead=lead, number=number, level=level,
                         footnotes=footnotes, clause=clause_id, version=since))
    for i, sub in enumerate(entry.sub):
        label = sub.number or (factlib.letters(i + 1) if level == 0 else factlib.roman(i + 1))
        _emit(sub, part, label, level + 1, values, library, spec, symbol, out)


def roll_forward(library: Library, year: int, *, ref: str | None = None,
                 symbol: str | None = None) -> tuple[Spec, str]:
    """The resolution to roll forward (REF, else the latest omnibus before `year`) and the
    draft spec text for `year`, its review list in the header (asp_draft.rolling.roll also
    gives the list itself)."""
    from asp_draft.rolling import roll

    rolled = roll(library, year, ref=ref, symbol=symbol)
    return rolled.base, rolled.text
