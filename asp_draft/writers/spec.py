"""Draft specs -> YAML text (what `new` and `import` write)."""

from __future__ import annotations

from typing import Any

import yaml

from asp_draft.library import Library
from asp_draft.readers.spec import Annex, Entry, Spec


def entry_data(entry: Entry, *, keep_pins: bool = False) -> Any:
    """One spec entry as YAML data: a bare clause id where possible, else a mapping."""
    if entry.heading is not None:
        return {"heading": entry.heading}
    data: dict[str, Any] = {}
    if entry.clause is not None:
        ref = entry.clause + (f"@{entry.pin}" if keep_pins and entry.pin else "")
        if not (entry.sub or entry.footnotes or entry.number):
            return ref
        data["clause"] = ref
    else:
        data["template" if entry.template else "text"] = entry.text
    if entry.number:
        data["number"] = entry.number
    if entry.footnotes:
        data["footnotes"] = list(entry.footnotes)
    if entry.sub:
        data["sub"] = [entry_data(s, keep_pins=keep_pins) for s in entry.sub]
    return data


def annex_data(annex: Annex, *, keep_pins: bool = False) -> dict[str, Any]:
    """One annex as YAML data: its title, `numbered: false` when so, and its paragraphs."""
    data: dict[str, Any] = {}
    if annex.title is not None:
        data["title"] = annex.title
    if not annex.numbered:
        data["numbered"] = False
    data["paragraphs"] = [entry_data(e, keep_pins=keep_pins) for e in annex.entries]
    return data


def dump_spec(header: list[str], meta: dict[str, Any], base: Spec, library: Library) -> str:
    """A commented YAML draft spec with `meta` and the entries of `base` (unpinned)."""
    del library  # entries are written as ids; the library resolves them when built
    data: dict[str, Any] = dict(meta)
    data["preamble"] = [entry_data(e) for e in base.preamble]
    data["operative"] = [entry_data(e) for e in base.operative]
    if base.annexes:
        data["annexes"] = [annex_data(a) for a in base.annexes]
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=96,
                          default_flow_style=False)
    return "\n".join(header) + "\n" + body
