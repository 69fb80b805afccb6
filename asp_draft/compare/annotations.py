"""Agreed language in the margin (`--annotate`): one note per paragraph from its blame.

- wording adopted before: `Agreed language: ICC-ASP/10/Res.5 PP2 (2011), unchanged through
  ICC-ASP/17/Res.5`, and when it replaced an earlier wording, `modified from` that wording's
  latest printing;
- wording never adopted: `New language`, with the closest adopted paragraph and its likeness.

Headings get no note. The Word writers turn the notes into comments, Markdown and HTML into a
note beside each paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from asp_draft.compare.history import (
    Blame,
    Record,
    Warn,
    blame,
    build_record,
    record_note,
    wording_key,
)
from asp_draft.library.load import Library
from asp_draft.model import Document


@dataclass(frozen=True)
class _Labels:
    """Where each wording stood in each resolution: (symbol, clause, version) and
    (symbol, wording) -> label."""

    by_clause: dict[tuple[str | None, str | None, int | None], str]
    by_text: dict[tuple[str | None, str], str]

    @classmethod
    def of(cls, record: Record) -> _Labels:
        """The labels of every printed paragraph of the record."""
        by_clause: dict[tuple[str | None, str | None, int | None], str] = {}
        by_text: dict[tuple[str | None, str], str] = {}
        for e in record.entries:
            if e.label:
                by_text.setdefault((e.symbol, e.key), e.label)
                if e.clause:
                    by_clause.setdefault((e.symbol, e.clause, e.version), e.label)
        return cls(by_clause, by_text)

    def cite(self, symbol: str, year: int | None, text: str, clause: str | None,
             version: int | None) -> str:
        """`ICC-ASP/10/Res.5 PP2 (2011)` (the label left out where it is not recorded)."""
        label = self.by_text.get((symbol, wording_key(text))) or \
            self.by_clause.get((symbol, clause, version))
        where = f"{symbol} {label}" if label else symbol
        return f"{where} ({year})" if year else where


def annotate(document: Document, library: Library, warn: Warn | None = None,
             record: Record | None = None) -> list[str | None]:
    """One note per paragraph of `document` (None for headings)."""
    record = record or build_record(library, warn)
    labels = _Labels.of(record)
    return [note_for(b, labels) for b in blame(document, library, record, warn)]


def annotate_saying(document: Document, library: Library, notify: Warn) -> list[str | None]:
    """annotate(), then a line through `notify` counting the notes (and how much of the
    record is partial)."""
    notes = annotate(document, library, notify)
    notify(f"annotated {summary(notes)}{record_note(library)}")
    return notes


def note_for(b: Blame, labels: _Labels) -> str | None:
    """The note for one paragraph's blame."""
    if b.heading:
        return None
    if b.since is None:
        if b.closest is None:
            return "New language; no adopted paragraph is close to it"
        c = b.closest
        where = f"{c.symbol} {c.label}" if c.label else c.symbol
        return f"New language; closest adopted: {where} ({c.year}), {c.similarity:.0%} alike"
    first = b.symbols[0] if b.symbols else None
    version = b.since if b.clause else None
    text = "Agreed language: " + (labels.cite(first, b.since, b.text, b.clause, version)
                                  if first else str(b.since))
    if len(b.symbols) > 1:
        text += f", unchanged through {b.symbols[-1]}"
    if not b.exact:
        text += " (its dates and numbers brought up to this year)"
    if b.history:
        earlier = b.history[-1]
        symbol = earlier.symbols[-1] if earlier.symbols else None
        year = earlier.years[-1] if earlier.years else earlier.since
        if symbol:
            text += "; modified from " + labels.cite(symbol, year, earlier.text, b.clause,
                                                     earlier.since)
    return text


def summary(notes: list[str | None]) -> str:
    """`4 paragraph(s): 3 agreed language, 1 new language`."""
    agreed = sum(1 for n in notes if n and n.startswith("Agreed"))
    fresh = sum(1 for n in notes if n and n.startswith("New"))
    return f"{len(notes)} paragraph(s): {agreed} agreed language, {fresh} new language"
