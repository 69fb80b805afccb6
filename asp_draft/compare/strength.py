"""How strongly a lead commits: is *Encourages* after *Urges* weaker, *Reaffirming* after
*Recalling* stronger?

The scale is data: `strength.txt` in the bundled library (ranks of operative and preambular
leads, strongest first; intensifiers; neutral words), which a `strength.txt` in a user library
folder refines. A lead is read case-blind: neutral words (*also*, *further*) are set aside,
intensifiers (*strongly*, *with concern*) counted, and what is left is its head. Two leads
rank against each other when both heads stand in one section of the scale, or when they are
the same head with more or fewer intensifiers; anything else is `changed`, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from asp_draft.folders import bundled_path
from asp_draft.model import LeadChange
from asp_draft.textfile import section_lines

STRENGTH_FILE = "strength.txt"
SCALES = ("operative", "preamble")
WEAKER, STRONGER, CHANGED = "weaker", "stronger", "changed"
_WEIGHT = re.compile(r"^(.*?)\s+(\d+)$")


@dataclass
class Scale:
    """The ranks of leads by section, the intensifiers with their weights, the neutral words."""

    ranks: dict[str, tuple[str, int]] = field(default_factory=dict)  # head -> (section, rank)
    intensifiers: dict[str, int] = field(default_factory=dict)
    neutral: set[str] = field(default_factory=set)
    _phrases: list[str] | None = None

    @property
    def phrases(self) -> list[str]:
        """Intensifiers and neutral words, longest first ("with deep concern" before "with
        concern"), as a lead is read."""
        if self._phrases is None:
            self._phrases = sorted([*self.intensifiers, *self.neutral], key=len, reverse=True)
        return self._phrases

    def add_file(self, path: Path) -> None:
        """Add one strength.txt: its scale sections replace these, its word lists add."""
        given: dict[str, list[list[str]]] = {}
        for section, entry in section_lines(path, (*SCALES, "intensifiers", "neutral")):
            line = " ".join(entry.split()).lower()
            if section in SCALES:
                given.setdefault(section, []).append(
                    [h.strip() for h in line.split("/") if h.strip()])
            elif section == "intensifiers":
                found = _WEIGHT.match(line)
                words, weight = (found.group(1), int(found.group(2))) if found else (line, 1)
                self.intensifiers[words] = weight
            elif section == "neutral":
                self.neutral.add(line)
        self._phrases = None
        for name, lines in given.items():
            self.ranks = {h: r for h, r in self.ranks.items() if r[0] != name}
            for rank, heads in enumerate(lines):
                self.ranks.update({head: (name, rank) for head in heads})


@dataclass(frozen=True)
class Reading:
    """A lead as the scale sees it: its head, its intensity, and its words in a fixed order."""

    head: str
    intensity: int
    words: tuple[str, ...]  # head then intensifiers, sorted: word-order variants read alike


@cache
def _files(folders: tuple[Path, ...]) -> tuple[Path, ...]:
    """The bundled strength.txt, then those of `folders` (the bundled one not twice)."""
    bundled = bundled_path() / STRENGTH_FILE
    found = tuple(f / STRENGTH_FILE for f in folders if (f / STRENGTH_FILE).is_file()
                  and (f / STRENGTH_FILE).resolve() != bundled.resolve())
    return ((bundled,) if bundled.is_file() else ()) + found


@cache
def _scale(files: tuple[Path, ...]) -> Scale:
    scale = Scale()
    for path in files:
        scale.add_file(path)
    return scale


def scale(folders: Sequence[Path] = ()) -> Scale:
    """The scale in force: the bundled strength.txt refined by those of `folders` (the user's
    library folders of the run)."""
    return _scale(_files(tuple(folders)))


def read_lead(lead: str, in_force: Scale | None = None) -> Reading:
    """The head, intensity and normalised words of a lead (`Strongly urges` -> urges, 1)."""
    s = in_force or scale()
    text = " " + " ".join(lead.lower().strip(" ,;:.").split()) + " "
    intensity = 0
    found: list[str] = []
    for phrase in s.phrases:
        while f" {phrase} " in text:
            text = text.replace(f" {phrase} ", " ", 1)
            if phrase in s.intensifiers:
                intensity += s.intensifiers[phrase]
                found.append(phrase)
    head = " ".join(text.split())
    return Reading(head, intensity, (head, *sorted(found)))


def compare(old: str | None, new: str | None, in_force: Scale | None = None) -> str | None:
    """`stronger`, `weaker` or `changed` from lead `old` to `new`; None when it is the same
    lead (word order and neutral words aside)."""
    if old == new:
        return None
    if old is None or new is None:
        return CHANGED
    s = in_force or scale()
    a, b = read_lead(old, s), read_lead(new, s)
    if a.words == b.words:
        return None
    if a.head == b.head:
        rank_a = rank_b = 0  # one head: only the intensifiers tell them apart
    else:
        place_a, place_b = s.ranks.get(a.head), s.ranks.get(b.head)
        if place_a is None or place_b is None or place_a[0] != place_b[0]:
            return CHANGED
        rank_a, rank_b = place_a[1], place_b[1]
    # a smaller rank is stronger; within a rank, more intensity is
    key_a, key_b = (-rank_a, a.intensity), (-rank_b, b.intensity)
    if key_a == key_b:
        return CHANGED
    return STRONGER if key_b > key_a else WEAKER


def lead_change(old: str | None, new: str | None,
                folders: Sequence[Path] = ()) -> LeadChange | None:
    """The change of lead between two paragraphs, with its direction on the scale of
    `folders` (see scale); None when unchanged."""
    direction = compare(old, new, scale(folders))
    if direction is None:
        return None
    return LeadChange(old, new, direction)
