"""The data every module shares: documents, paragraphs, their metadata, and diffs.

Plain frozen dataclasses with no I/O, so readers, writers, the diff and the CLI can pass them
around freely. The library's clauses and versions are in `model.library`, draft specs in
`model.spec`: a diff of two texts, the command run most often, loads neither.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

Part = Literal["preamble", "operative", "annex"]
PARTS: tuple[Part, ...] = ("preamble", "operative")  # the parts a library clause belongs to

PROPOSED = "proposed"
ADOPTED = "adopted"


@dataclass(frozen=True)
class Footnote:
    """A footnote: its text, and where its mark stands in the paragraph.

    `at` is the character offset in the paragraph's `text` after which the mark stands (most
    marks in UN texts stand mid-sentence, after a cited document); `len(text)` for a mark at
    the end.
    """

    text: str
    at: int


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a rendered document.

    `text` is the paragraph as printed, lead included, number left out. Headings inside the
    operative part are paragraphs with `heading=True` and no number. Annex paragraphs have
    part `annex` and the annex's title in `annex`; their numbering starts afresh.
    """

    part: Part
    text: str
    lead: str | None = None
    number: str | None = None  # "3", "12 bis" at level 0; "a", "ii" below
    level: int = 0
    footnotes: tuple[Footnote, ...] = ()
    clause: str | None = None
    version: int | None = None
    heading: bool = False
    annex: str | None = None  # the title of the annex an annex paragraph stands in

    @property
    def note_texts(self) -> tuple[str, ...]:
        """The footnotes' texts, in the order their marks stand."""
        return tuple(n.text for n in self.footnotes)

    def pieces(self) -> list[tuple[str, Footnote | None]]:
        """The text cut at its footnote marks: (text, the note whose mark follows it)."""
        out: list[tuple[str, Footnote | None]] = []
        start = 0
        for note in sorted(self.footnotes, key=lambda n: n.at):
            at = min(max(note.at, start), len(self.text))
            out.append((self.text[start:at], note))
            start = at
        out.append((self.text[start:], None))
        return out


_INT_KEYS = frozenset({"year", "session", "plenary", "meeting"})


class Meta(Mapping[str, Any]):
    """A document's metadata: read-only, typed where asp-draft relies on a key, in its order.

    `Meta.of` is the one place a mapping becomes metadata (whole numbers for year, session,
    plenary and meeting; text for the rest of the known keys; keys of a file's own kept as
    they are), and the mapping view (`meta["symbol"]`, `dict(meta)`) is the one way it is
    written out. The questions every command asks are properties: `partial`, `draft`, `name`.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Any] | None = None) -> None:
        self._items: dict[str, Any] = {str(k): _typed(str(k), v)
                                       for k, v in (items or {}).items()}

    @classmethod
    def of(cls, items: Mapping[str, Any] | Meta) -> Meta:
        """Metadata from a mapping (a Meta is returned as it is)."""
        return items if isinstance(items, Meta) else cls(items)

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Any:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self._items) == dict(other)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._items)))

    def __repr__(self) -> str:
        return f"Meta({self._items!r})"

    def text(self, key: str) -> str | None:
        """A key's value as text, or None when it is missing or empty (`""`, an empty list or
        mapping, `false`): for a key of a file's own, or one that a single module knows
        (`meta.text("agenda_item")`)."""
        value = self._items.get(key)
        if value is None or value is False or (isinstance(value, str | list | tuple | dict)
                                               and not value):
            return None
        return str(value)

    def integer(self, key: str) -> int | None:
        """A key's value as a whole number, or None when it is missing or not one."""
        value = self._items.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def names(self, key: str) -> tuple[str, ...]:
        """A key that holds a list of names (`sponsors`), as a tuple: one name written alone
        is a list of one; missing or empty is ()."""
        value = self._items.get(key)
        if value in (None, ""):
            return ()
        if isinstance(value, str):
            return (value,)
        return tuple(str(v) for v in value) if isinstance(value, list | tuple) else (str(value),)

    def value(self, key: str) -> Any:
        """A key's value as it was given (text, number, list or mapping), or None: for code that
        copies metadata through unchanged, such as a writer of every key."""
        return self._items.get(key)


    @property
    def symbol(self) -> str | None:
        """The document symbol (ICC-ASP/16/Res.6, A/RES/72/123), if the text has one."""
        return self.text("symbol")

    @property
    def title(self) -> str | None:
        """The resolution's title."""
        return self.text("title")

    @property
    def year(self) -> int | None:
        """The year of the text (of its adoption, or the draft's)."""
        return self.integer("year")

    @property
    def session(self) -> int | None:
        """The session number."""
        return self.integer("session")

    @property
    def plenary(self) -> int | None:
        """The plenary meeting that adopted it."""
        return self.integer("plenary")

    @property
    def meeting(self) -> int | None:
        """The Council's meeting that adopted it (`at its 10046th meeting`)."""
        return self.integer("meeting")

    @property
    def adopted(self) -> str | None:
        """The adoption date, ISO (2017-12-14)."""
        return self.text("adopted")

    @property
    def chapeau(self) -> str | None:
        """The opening line as printed, or None."""
        return self.text("chapeau")

    @property
    def body(self) -> str | None:
        """The key of the body whose text it is in the table of bodies (`asp`, `ga`, `sc`)."""
        return self.text("body")

    @property
    def status(self) -> str | None:
        """What the text is, when it says: `draft`, `amendment`, `adopted` ..."""
        return self.text("status")

    @property
    def date(self) -> str | None:
        """The date a draft or a document carries on its cover, ISO."""
        return self.text("date")

    @property
    def language(self) -> str | None:
        """The language of the text (`en`, `fr`), when it says."""
        return self.text("language")

    @property
    def number(self) -> str | None:
        """The number a resolution is printed with (`2758 (2024)`, `79/6`), as printed."""
        return self.text("number")

    @property
    def sponsors(self) -> tuple[str, ...]:
        """A draft's sponsors, in their order."""
        return self.names("sponsors")

    @property
    def amends(self) -> str | None:
        """The symbol of the draft an amendment amends."""
        return self.text("amends")

    @property
    def adoption(self) -> str | None:
        """How it was adopted (`without a vote`, `by a recorded vote`)."""
        return self.text("adoption")

    @property
    def vote(self) -> Any:
        """The recorded vote, as the source gives it (a mapping of counts, or text)."""
        return self.value("vote")

    @property
    def committee(self) -> str | None:
        """The Main Committee whose report it was adopted on, as printed."""
        return self.text("committee")

    @property
    def submitted_by(self) -> str | None:
        """Who submitted a text that has no sponsors (`President of the Assembly`)."""
        return self.text("submitted_by")

    @property
    def cover_note(self) -> str | None:
        """The note a cover's asterisk points to."""
        return self.text("cover_note")

    @property
    def venue(self) -> str | None:
        """Where it was adopted (`The Hague`)."""
        return self.text("venue")

    @property
    def partial(self) -> bool:
        """Whether the record holds only part of the text (`completeness: partial ...`)."""
        return (self.text("completeness") or "").lower().startswith("partial")

    @property
    def held(self) -> str | None:
        """What a partial record holds, as its `completeness` says (`chapeau + 4 paragraphs`),
        or None when the record is whole or does not say."""
        if not self.partial:
            return None
        held = (self.text("completeness") or "").split(":", 1)[-1].split(";")[0].strip()
        return held if held and held.lower() != "partial" else None

    @property
    def draft(self) -> bool:
        """A draft: said so, or never adopted."""
        return self.status == "draft" or (self.status is None and self.adopted is None)

    def name(self, fallback: str = "this text") -> str:
        """What to call the document in a message: its symbol, else its title, else the file
        it was read from, else `fallback`."""
        return self.symbol or self.title or self.text("file") or fallback

    def with_(self, **changes: Any) -> Meta:
        """The same metadata with some keys set (None removes a key)."""
        items = {**self._items, **changes}
        return Meta({k: v for k, v in items.items() if v is not None or k not in changes})


def _typed(key: str, value: Any) -> Any:
    """A known key's value in its type: whole numbers for year, session, plenary and
    meeting; a date (or a date and time) of any key in ISO text, as every reader gives it."""
    if key in _INT_KEYS and isinstance(value, str) and value.strip().isdecimal():
        return int(value)
    if isinstance(value, date):  # an Akoma Ntoso entry typed as a date, a YAML date
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Document:
    """A rendered resolution: metadata (symbol, title, year, chapeau ...) and paragraphs.

    `meta` may be given as any mapping; it is kept as a Meta.
    """

    meta: Meta
    paragraphs: tuple[Paragraph, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.meta, Meta):
            object.__setattr__(self, "meta", Meta.of(self.meta))

    @property
    def chapeau(self) -> str | None:
        """The opening line as printed (`The General Assembly,`), or None when the text has none.

        Never a default: putting the ASP's chapeau on another body's text would invent words.
        """
        return self.meta.chapeau


def labels(paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> list[str]:
    """Labels as drafters say them: PP1, PP2 ...; OP1, OP12 bis, OP3(a), OP3(a)(i); headings H1;
    an annex's paragraphs by their number in it (`Annex 2(a)`; `Annex II 4` when there are
    several annexes; `Annex ¶1` for the first unnumbered one)."""
    out: list[str] = []
    pp = heads = 0
    counters = {"operative": 0, "annex": 0}  # unnumbered paragraphs so far
    stack: list[str] = []  # the number at each level of the current paragraph
    annexes = _annex_names(paragraphs)
    for i, p in enumerate(paragraphs):
        if p.heading:
            heads += 1
            out.append(f"H{heads}")
            continue
        if p.part == "preamble":
            pp += 1
            out.append(f"PP{pp}")
            continue
        prefix, unknown = ("OP", "?") if p.part != "annex" else (f"{annexes[i]} ", "¶")
        if i in annexes and (i == 0 or annexes.get(i - 1) != annexes[i]):
            counters["annex"] = 0  # each annex counts its unnumbered paragraphs afresh
        if p.level == 0:
            if not p.number:
                counters[p.part] += 1
            stack = [p.number or f"{unknown}{counters[p.part]}"]
            out.append(prefix + stack[0])
            continue
        stack = [*stack[: p.level], f"({p.number or '?'})"]
        out.append(prefix + stack[0] + "".join(stack[1:]))
    return out


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _annex_names(paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> dict[int, str]:
    """`Annex`, or `Annex I`, `Annex II` ... when there are several, for each annex paragraph."""
    starts = [i for i, p in enumerate(paragraphs) if p.part == "annex" and (
        i == 0 or paragraphs[i - 1].part != "annex" or paragraphs[i - 1].annex != p.annex)]
    names: dict[int, str] = {}
    for k, start in enumerate(starts):
        name = "Annex" if len(starts) == 1 else f"Annex {_ROMAN[k] if k < 10 else k + 1}"
        end = starts[k + 1] if k + 1 < len(starts) else len(paragraphs)
        names.update({i: name for i in range(start, end) if paragraphs[i].part == "annex"})
    return names


ChangeOp = Literal["equal", "modified", "inserted", "deleted", "moved", "not-held"]
CHANGE_OPS: tuple[ChangeOp, ...] = ("equal", "modified", "inserted", "deleted", "moved",
                                    "not-held")
WordOp = tuple[str, str]  # ("equal" | "insert" | "delete", text)


@dataclass(frozen=True)
class LeadChange:
    """A paragraph's lead before and after, and whether the change made it `weaker`,
    `stronger`, or `changed` (the scale cannot rank the pair)."""

    old: str | None
    new: str | None
    direction: str


@dataclass(frozen=True)
class Change:
    """How one paragraph fared between two documents.

    `old_index`/`new_index` are 0-based over the paragraphs (None where the paragraph is
    absent on that side). `words` is given for `modified` and `moved`: joining the equal and
    delete texts gives the old paragraph, the equal and insert texts the new one, exactly.
    `not-held` is a paragraph of one side that may stand in the other beyond what its partial
    record holds: not compared. `strength` is given when a modified or moved paragraph's lead
    changed.
    """

    op: ChangeOp
    old_index: int | None
    new_index: int | None
    similarity: float = 1.0
    words: tuple[WordOp, ...] | None = None
    strength: LeadChange | None = None


@dataclass(frozen=True)
class MetaChange:
    """One metadata key whose value differs between the two documents (None where one has none).

    `counts` when the difference is printed text (the chapeau, the title): it makes the two
    documents differ as a changed paragraph does. Other keys (symbol, session, dates ...) are
    listed only.
    """

    key: str
    old: Any
    new: Any
    counts: bool = False


@dataclass(frozen=True)
class Diff:
    """The alignment of two documents: every paragraph of both exactly once, in the reading
    order of the new document, deleted paragraphs where they stood; and the metadata whose
    values differ (`meta`, the chapeau first)."""

    old: Document
    new: Document
    changes: tuple[Change, ...]
    meta: tuple[MetaChange, ...] = ()

    def summary(self) -> dict[str, int]:
        """Counts per operation, in the order of CHANGE_OPS (the order every view and the JSON
        `summary` list them in)."""
        counts: dict[str, int] = dict.fromkeys(CHANGE_OPS, 0)
        for change in self.changes:
            counts[change.op] += 1
        return counts

    def lead_counts(self) -> dict[str, int]:
        """How many leads became weaker, stronger, or changed beyond the scale's ranking."""
        counts = dict.fromkeys(("weaker", "stronger", "changed"), 0)
        for change in self.changes:
            if change.strength is not None:
                counts[change.strength.direction] += 1
        return counts

    @property
    def printed_changes(self) -> tuple[MetaChange, ...]:
        """The metadata changes that count: printed text (chapeau, title) that changed."""
        return tuple(m for m in self.meta if m.counts)

    def summary_line(self) -> str:
        """`3 equal, 1 modified, 1 inserted, 1 deleted, 0 moved` (and `, 2 not held` if any;
        `; chapeau changed` when a printed head line changed)."""
        line = ", ".join(f"{n} {op.replace('-', ' ')}" for op, n in self.summary().items()
                       if n or op != "not-held")
        printed = [m.key for m in self.printed_changes]
        return f"{line}; {' and '.join(printed)} changed" if printed else line

    def leads_line(self) -> str | None:
        """`2 weaker, 1 stronger` (and `, 1 lead changed`), or None when no lead changed."""
        counts = self.lead_counts()
        if not any(counts.values()):
            return None
        line = f"{counts['weaker']} weaker, {counts['stronger']} stronger"
        if counts["changed"]:
            line += f", {counts['changed']} lead{'s' if counts['changed'] > 1 else ''} changed"
        return line

    @property
    def differs(self) -> bool:
        """True when a paragraph is not `equal` or the printed chapeau or title changed."""
        return any(c.op != "equal" for c in self.changes) or bool(self.printed_changes)
