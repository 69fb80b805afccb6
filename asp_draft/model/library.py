"""A library's clauses and their versions: the wordings a document is assembled from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from asp_draft.model import ADOPTED, PROPOSED, Part


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
    language: str = "eng"  # ISO 639-3: a clause may hold its wordings in several languages
    amends: str | None = None  # a proposal: the id of the clause whose wording it amends

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

    @property
    def languages(self) -> tuple[str, ...]:
        """The ISO 639-3 codes the clause has versions in, in the order first met."""
        return tuple(dict.fromkeys(v.language for v in self.versions))

    def in_language(self, code: str) -> Clause | None:
        """The clause with only its versions in `code`, or None when it has none in it."""
        versions = tuple(v for v in self.versions if v.language == code)
        if not versions:
            return None
        return self if len(versions) == len(self.versions) else replace(self, versions=versions)
