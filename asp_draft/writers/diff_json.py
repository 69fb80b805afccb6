"""Diff -> JSON (`diff --format json`): `old` and `new` (symbol and year), `summary` (how many
paragraphs of each kind, `not-held` included, and the leads made weaker and stronger),
`changes` (one per paragraph: op, indexes, similarity, the words of a modified or moved one, a
changed lead's `strength`), and `meta`, the metadata that changed (README, "A short tour"),
present only when some did, as `strength` is, so that a diff of two texts whose metadata agree
keeps the shape scripts know."""

from __future__ import annotations

import json
from typing import Any

from asp_draft.model import Change, Diff, Document, MetaChange


def _side(document: Document) -> dict[str, Any]:
    return {"symbol": document.meta.symbol, "year": document.meta.year}


def change_data(change: Change) -> dict[str, Any]:
    """One change; `words` only for `modified` and `moved`, the ops whose words differ."""
    data: dict[str, Any] = {"op": change.op, "old_index": change.old_index,
                            "new_index": change.new_index,
                            "similarity": round(change.similarity, 3)}
    if change.words is not None and change.op in ("modified", "moved"):
        data["words"] = [{"op": op, "text": text} for op, text in change.words]
    if change.strength is not None:
        s = change.strength
        data["strength"] = {"old": s.old, "new": s.new, "direction": s.direction}
    return data


def meta_data(change: MetaChange) -> dict[str, Any]:
    """One changed key: its old and new values (null where a text has none), and whether it
    `counts` as a difference (printed text: the chapeau, the title)."""
    return {"key": change.key, "old": change.old, "new": change.new, "counts": change.counts}


def diff_data(diff: Diff) -> dict[str, Any]:
    """The diff as plain data."""
    leads = diff.lead_counts()
    summary = {**diff.summary(), "weaker": leads["weaker"], "stronger": leads["stronger"]}
    data: dict[str, Any] = {"old": _side(diff.old), "new": _side(diff.new)}
    if diff.meta:
        data["meta"] = [meta_data(m) for m in diff.meta]
    return {**data, "summary": summary, "changes": [change_data(c) for c in diff.changes]}


def render_diff_json(diff: Diff) -> str:
    """Pretty JSON, UTF-8 characters as they are."""
    return json.dumps(diff_data(diff), ensure_ascii=False, indent=2) + "\n"
