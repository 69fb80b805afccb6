"""Numbers as Word counts them: one list state for the reader and both writers.

Word keeps one set of counters per abstract list (`w:abstractNum`); every list instance
(`w:num`) that points at it shares them, and an instance's `w:startOverride` takes effect the
first time that instance is used. Counting a level resets the levels below it (unless a level
says `w:lvlRestart w:val="0"`). The reader counts to learn the numbers a file shows; the
writers count to know when a label is the next one Word would print and when a new list must
start. What a value looks like printed (`(a)`, `(iv)`) is the reader's and the writers'
business: this module counts, and knows nothing of a resolution's labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from asp_draft.ooxml.names import w

_UNPRINTED = ("bullet", "none")  # number formats that print no number


@dataclass(frozen=True)
class Level:
    """One level of a list: where it starts, how it prints, whether a higher level resets it."""

    start: int = 1
    format: str = "decimal"
    restart: bool = True


@dataclass
class _Instance:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)  # lvlOverride/lvl per level


class ListState:
    """The lists of one file and the counters Word keeps while it reads the body in order."""

    def __init__(self) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, _Instance] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._used: set[str] = set()

    @classmethod
    def from_xml(cls, root: Any) -> ListState:
        """The lists a numbering part defines (None: a file without numbering)."""
        state = cls()
        if root is None:
            return state
        for abstract in root.iter(w("abstractNum")):
            state.abstracts[abstract.get(w("abstractNumId")) or ""] = {
                _int(lvl.get(w("ilvl")), 0): _level(lvl) for lvl in abstract.findall(w("lvl"))}
        for num in root.iter(w("num")):
            ref = num.find(w("abstractNumId"))
            instance = _Instance((ref.get(w("val")) or "") if ref is not None else "")
            for override in num.iter(w("lvlOverride")):
                ilvl = _int(override.get(w("ilvl")), -1)
                if ilvl < 0:
                    continue
                start = override.find(w("startOverride"))
                if start is not None:
                    instance.starts[ilvl] = _int(start.get(w("val")), 1)
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    instance.levels[ilvl] = _level(lvl)
            state.instances[num.get(w("numId")) or ""] = instance
        return state

    def add(self, num_id: str, abstract_id: str, levels: dict[int, Level]) -> None:
        """Define a new list instance with its own abstract list (the writers' lists)."""
        self.abstracts[abstract_id] = levels
        self.instances[num_id] = _Instance(abstract_id)

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """The definition of one level of a list instance; None when there is none."""
        instance = self.instances.get(num_id)
        if instance is None or num_id == "0":  # numId 0 means "no numbering"
            return None
        if ilvl in instance.levels:
            return instance.levels[ilvl]
        return self.abstracts.get(instance.abstract, {}).get(ilvl)

    def _state(self, num_id: str) -> dict[int, int]:
        """The counters this instance would count with (start overrides of a first use in)."""
        instance = self.instances[num_id]
        counters = dict(self._counters.get(instance.abstract, {}))
        if num_id not in self._used:
            for ilvl, start in sorted(instance.starts.items()):
                counters[ilvl] = start - 1
                for deeper in [k for k in counters if k > ilvl]:
                    del counters[deeper]
        return counters

    def peek(self, num_id: str, ilvl: int) -> int | None:
        """The value the next paragraph of this list at `ilvl` would get, without counting it."""
        definition = self.level(num_id, ilvl)
        if definition is None:
            return None
        return self._state(num_id).get(ilvl, definition.start - 1) + 1

    def count(self, num_id: str, ilvl: int) -> int | None:
        """Count one paragraph of list `num_id` at `ilvl`; its value (None: not a list)."""
        definition = self.level(num_id, ilvl)
        if definition is None:
            return None
        counters = self._state(num_id)
        self._used.add(num_id)
        value = counters.get(ilvl, definition.start - 1) + 1
        counters[ilvl] = value
        for deeper in [k for k in counters if k > ilvl]:
            below = self.level(num_id, deeper)
            if below is None or below.restart:
                del counters[deeper]
        self._counters[self.instances[num_id].abstract] = counters
        return value

    def numbered(self, num_id: str, ilvl: int) -> tuple[int, str] | None:
        """Count one paragraph and give (its value, the number format it prints in); None
        for bullets and paragraphs outside a list."""
        value = self.count(num_id, ilvl)
        definition = self.level(num_id, ilvl)
        if value is None or definition is None or definition.format in _UNPRINTED:
            return None
        return value, definition.format


def _level(lvl: Any) -> Level:
    start = lvl.find(w("start"))
    fmt = lvl.find(w("numFmt"))
    restart = lvl.find(w("lvlRestart"))
    return Level(start=_int(start.get(w("val")) if start is not None else None, 1),
                 format=(fmt.get(w("val")) or "decimal") if fmt is not None else "decimal",
                 restart=restart is None or restart.get(w("val")) != "0")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
