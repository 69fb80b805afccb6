"""The data every module shares: clauses and their versions, documents and paragraphs.

Plain frozen dataclasses with no I/O, so readers, writers, the diff and the CLI can pass them
around freely.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Part = Literal["preamble", "operative", "annex"]
PARTS: tuple[Part, ...] = ("preamble", "operative")  # the parts a library clause belongs to

PROPOSED = "proposed"
ADOPTED = "adopted"


@dataclass(frozen=True)
class Version:
    """One wording of a clause: a Jinja2 template and where it was adopted or who proposed it."""

    text: str
    since: int | None  # first year adopted (or proposed)
    adopted: tuple[str, ...] = ()  # document symbols the wording appears in
    years: tuple[int, ...] = ()  # the years of those symbols, in order
    status: str = ADOPTED
    proposer: str | None = None
    # symbol -> the text as that copy prints it (typography of the copy)
    printed: Mapping[str, str] = field(default_factory=dict)
    note: str | None = None
    # How the wording rolls into next year's draft: `advance` (a template that counts on),
    # `keep` (a past event, word for word) or `review` (a person looks); None: as it renders.
    rolls: str | None = None

    def text_for(self, symbol: str | None) -> str:
        """The template as the document `symbol` printed it (typography of that copy included)."""
        if symbol is not None and symbol in self.printed:
            return self.printed[symbol]
        return self.text


@dataclass(frozen=True)
class Clause:
    """One paragraph of agreed or proposed language, with all its versions, oldest first."""

    id: str
    part: Part
    topic: str
    tags: tuple[str, ...]
    versions: tuple[Version, ...]
    source: str = ""  # the file it was read from, for messages

    @property
    def latest_adopted(self) -> Version | None:
        """The version adopted most recently, or None for a clause never adopted."""
        adopted = [v for v in self.versions if v.status == ADOPTED and v.years]
        return max(adopted, key=lambda v: (max(v.years), v.since or 0), default=None)

    @property
    def latest(self) -> Version:
        """The latest adopted version, or for a proposal the latest proposed one."""
        return self.latest_adopted or self.versions[-1]

    @property
    def status(self) -> str:
        """`adopted` if any version was adopted, else `proposed`."""
        return ADOPTED if self.latest_adopted else PROPOSED

    def version_since(self, year: int) -> Version | None:
        """The version first adopted (or proposed) in `year`."""
        return next((v for v in self.versions if v.since == year), None)

    def version_in(self, symbol: str) -> Version | None:
        """The version that the document `symbol` adopted."""
        return next((v for v in self.versions if symbol in v.adopted), None)


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


@dataclass(frozen=True)
class Document:
    """A rendered resolution: metadata (symbol, title, year, chapeau ...) and paragraphs."""

    meta: Mapping[str, Any]
    paragraphs: tuple[Paragraph, ...]

    @property
    def chapeau(self) -> str | None:
        """The opening line as printed (`The General Assembly,`), or None when the text has none.

        Never a default: putting the ASP's chapeau on another body's text would invent words.
        """
        value = self.meta.get("chapeau")
        return str(value) if value else None


def labels(paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> list[str]:
    """Labels as drafters say them: PP1, PP2 ...; OP1, OP12 bis, OP3(a), OP3(a)(i); headings H1."""
    out: list[str] = []
    pp = 0
    heads = 0
    unnumbered = 0
    stack: list[str] = []  # the number at each level of the current operative paragraph
    for p in paragraphs:
        if p.heading:
            heads += 1
            out.append(f"H{heads}")
            continue
        if p.part == "preamble":
            pp += 1
            out.append(f"PP{pp}")
            continue
        if p.level == 0:
            if p.number:
                stack = [p.number]
            else:
                unnumbered += 1
                stack = [f"?{unnumbered}"]
            out.append(f"OP{stack[0]}")
            continue
        stack = [*stack[: p.level], f"({p.number or '?'})"]
        out.append("OP" + stack[0] + "".join(stack[1:]))
    return out


ChangeOp = Literal["equal", "modified", "inserted", "deleted", "moved"]
WordOp = tuple[str, str]  # ("equal" | "insert" | "delete", text)


@dataclass(frozen=True)
class Change:
    """How one paragraph fared between two documents.

    `old_index`/`new_index` are 0-based over the paragraphs (None where the paragraph is
    absent on that side). `words` is given for `modified` and `moved`: joining the equal and
    delete texts gives the old paragraph, the equal and insert texts the new one, exactly.
    """

    op: ChangeOp
    old_index: int | None
    new_index: int | None
    similarity: float = 1.0
    words: tuple[WordOp, ...] | None = None


@dataclass(frozen=True)
class Diff:
    """The alignment of two documents: every paragraph of both exactly once, in the reading
    order of the new document, deleted paragraphs where they stood."""

    old: Document
    new: Document
    changes: tuple[Change, ...]

    def summary(self) -> dict[str, int]:
        """Counts per operation, in the order DESIGN.md gives them."""
        counts = dict.fromkeys(("equal", "modified", "inserted", "deleted", "moved"), 0)
        for change in self.changes:
            counts[change.op] += 1
        return counts

    @property
    def differs(self) -> bool:
        """True when anything but `equal` was found."""
        return any(c.op != "equal" for c in self.changes)
