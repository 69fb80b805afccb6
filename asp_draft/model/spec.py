"""Draft specs and session files: what `build` assembles into a Document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from asp_draft.model import Meta


@dataclass(frozen=True)
class Entry:
    """One paragraph of a spec: a library clause (maybe pinned), inline text, or a heading."""

    line: int
    clause: str | None = None
    pin: int | None = None
    text: str | None = None
    template: bool = False  # `template:` rather than `text:`: the text is a Jinja2 template
    heading: str | None = None
    number: str | None = None
    footnotes: tuple[str, ...] = ()
    sub: tuple[Entry, ...] = ()
    # what a printed paragraph may lack: its number or letter (`numbered: false`), its lead
    # (`lead: false`: set upright, none found from its words); and the level it stands at
    # when it is no entry's sub-paragraph (`level: 1`: an (a) under a heading)
    numbered: bool = True
    lead: bool = True
    level: int = 0


@dataclass(frozen=True)
class Annex:
    """An annex of a spec: its title (None for a bare `Annex`) and its paragraphs' entries.

    A numbered annex numbers its paragraphs from 1 as the operative part does; in one that is
    not, only entries that give a `number` have one.
    """

    line: int
    title: str | None
    entries: tuple[Entry, ...]
    numbered: bool = True


@dataclass(frozen=True)
class Spec:
    """A draft spec or session file: metadata, variables and the entries of each part.

    `meta` may be given as any mapping; it is kept as a Meta.
    """

    meta: Meta
    variables: dict[str, Any]
    preamble: tuple[Entry, ...]
    operative: tuple[Entry, ...]
    source: str
    lines: dict[str, int] = field(default_factory=dict)
    annexes: tuple[Annex, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.meta, Meta):
            object.__setattr__(self, "meta", Meta.of(self.meta))

    @property
    def year(self) -> int:
        """The spec's year (the reader refuses a spec without one)."""
        year = self.meta.year
        if year is None:  # a spec made by hand without one: a fault of the code that made it
            raise ValueError(f"{self.source}: a spec without a year")
        return year
