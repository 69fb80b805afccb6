"""Delegations' proposals against a base text, merged into one compilation.

Each proposal is diffed against the base. A base paragraph that one delegation changed keeps
that change in place; a base paragraph that several delegations changed is followed by each
delegation's version as an alternative. New paragraphs stand where their proposal put them,
in the order the proposals were given. A paragraph a proposal moved counts as deleted where
it stood and inserted where it went (a compilation shows positions, not move markup). A
paragraph past the end of a partial base stays in its proposal, as an insertion; each
delegation's changed leads (weaker, stronger) are in the summary, and each is a comment under
its name in the Word file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from asp_draft.model import Diff, Document, LeadChange, MetaChange, Paragraph, WordOp, labels
from asp_draft.textfile import plain_name


@dataclass(frozen=True)
class Proposal:
    """One delegation's text."""

    name: str
    document: Document
    source: str = ""


@dataclass(frozen=True)
class Touch:
    """One delegation's change to one base paragraph."""

    delegation: str
    op: Literal["modified", "deleted"]
    paragraph: Paragraph | None = None  # the delegation's version (None when deleted)
    words: tuple[WordOp, ...] | None = None
    strength: LeadChange | None = None  # the lead it changed, weaker or stronger


@dataclass(frozen=True)
class Item:
    """One stop in reading order: a base paragraph with its touches, or an insertion."""

    base_index: int | None
    paragraph: Paragraph
    touches: tuple[Touch, ...] = ()
    inserted_by: str | None = None

    @property
    def overlapping(self) -> bool:
        """True when two or more delegations changed this base paragraph."""
        return len({t.delegation for t in self.touches}) > 1


@dataclass
class Compilation:
    """The base, the proposals, and the merged reading order."""

    base: Document
    proposals: tuple[Proposal, ...]
    items: list[Item] = field(default_factory=list)
    # delegation -> (base index, its change of lead) for each paragraph whose lead it changed
    leads: dict[str, list[tuple[int, LeadChange]]] = field(default_factory=dict)
    # delegation -> its changes of the printed head (chapeau, title)
    heads: dict[str, list[MetaChange]] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """Who touched which paragraph (by label), how its leads changed, and where proposals
        overlap."""
        base_labels = labels(self.base.paragraphs)
        rows: dict[str, dict[str, Any]] = {
            p.name: {"name": p.name, "source": p.source, "modified": [], "deleted": [],
                     "inserted": [], "strength": [
                         {"paragraph": base_labels[i], "old": s.old, "new": s.new,
                          "direction": s.direction} for i, s in self.leads.get(p.name, [])],
                     "head": [{"key": m.key, "old": m.old, "new": m.new}
                              for m in self.heads.get(p.name, [])]}
            for p in self.proposals}
        overlaps = []
        previous = "the start"
        for item in self.items:
            if item.base_index is None:
                rows[str(item.inserted_by)]["inserted"].append(f"after {previous}")
                continue
            label = base_labels[item.base_index]
            previous = label
            for touch in item.touches:
                rows[touch.delegation][touch.op].append(label)
            if item.overlapping:
                overlaps.append({"paragraph": label, "index": item.base_index,
                                 "delegations": [t.delegation for t in item.touches]})
        return {"base": {"symbol": self.base.meta.symbol, "year": self.base.meta.year},
                "proposals": list(rows.values()), "overlaps": overlaps}


def compile_proposals(base: Document, proposals: Sequence[Proposal], diffs: Sequence[Diff]
                      ) -> Compilation:
    """Merge each proposal's diff against `base` into one reading order."""
    touches: dict[int, list[Touch]] = {i: [] for i in range(len(base.paragraphs))}
    # insertions[k]: paragraphs proposed right after base paragraph k (-1: before the first)
    insertions: dict[int, list[tuple[str, Paragraph]]] = {}
    leads: dict[str, list[tuple[int, LeadChange]]] = {}
    for proposal, diff in zip(proposals, diffs, strict=True):
        last_old = -1
        for change in diff.changes:
            if change.strength is not None and change.old_index is not None:
                leads.setdefault(proposal.name, []).append((change.old_index, change.strength))
            if change.op in ("equal", "modified", "deleted") and change.old_index is not None:
                last_old = change.old_index
            if change.op == "modified" and change.old_index is not None:
                assert change.new_index is not None
                touches[change.old_index].append(Touch(
                    proposal.name, "modified", diff.new.paragraphs[change.new_index],
                    change.words, change.strength))
            elif change.op in ("deleted", "moved") and change.old_index is not None:
                touches[change.old_index].append(Touch(proposal.name, "deleted"))
            # a proposal's paragraph past a partial base's end is the proposal's text all
            # the same: it stands where the proposal puts it
            if change.op in ("inserted", "moved", "not-held") and change.new_index is not None:
                insertions.setdefault(last_old, []).append(
                    (proposal.name, diff.new.paragraphs[change.new_index]))
    order = {p.name: i for i, p in enumerate(proposals)}
    heads = {p.name: list(d.printed_changes)
             for p, d in zip(proposals, diffs, strict=True) if d.printed_changes}
    result = Compilation(base=base, proposals=tuple(proposals), leads=leads, heads=heads)

    def add_insertions(after: int) -> None:
        # Stable sort: the order the proposals were given, then each proposal's own order.
        for name, paragraph in sorted(insertions.get(after, []), key=lambda x: order[x[0]]):
            result.items.append(Item(None, paragraph, inserted_by=name))

    add_insertions(-1)
    for index, paragraph in enumerate(base.paragraphs):
        result.items.append(Item(index, paragraph, tuple(touches[index])))
        add_insertions(index)
    return result


def parse_proposal_arg(arg: str) -> tuple[str | None, str]:
    """`NAME=FILE` -> (NAME, FILE); a plain FILE (even one with '=' in its name) -> (None, FILE)."""
    name, sep, ref = arg.partition("=")
    if sep and name.strip() and ref and not Path(arg).exists():
        return plain_name(name.strip(), "the delegation's name"), ref
    return None, arg


def default_name(document: Document, ref: str) -> str:
    """The delegation's name: the file's author/proposer metadata, else the file name."""
    for key in ("author", "proposer", "delegation"):
        value = (document.meta.text(key) or "").strip()
        if value:
            return plain_name(value, f"the {key} of {ref}")
    return Path(ref).stem if ref != "-" else "stdin"
