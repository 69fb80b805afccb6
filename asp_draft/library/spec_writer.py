"""Draft specs -> YAML text (what `new` and `import` write)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from asp_draft.model.spec import Annex, Entry, Spec


def entry_data(entry: Entry, *, keep_pins: bool = False) -> Any:
    """One spec entry as YAML data: a bare clause id where possible, else a mapping."""
    if entry.heading is not None:
        return {"heading": entry.heading, "footnotes": list(entry.footnotes)} \
            if entry.footnotes else {"heading": entry.heading}
    data: dict[str, Any] = {}
    if entry.clause is not None:
        ref = entry.clause + (f"@{entry.pin}" if keep_pins and entry.pin else "")
        if not (entry.sub or entry.footnotes or entry.number or _printed(entry) or
                entry.text is not None):
            return ref
        data["clause"] = ref
        if entry.text is not None:  # the clause's paragraph in words of its own (rolled)
            data["text"] = entry.text
    else:
        data["template" if entry.template else "text"] = entry.text
    if entry.number:
        data["number"] = entry.number
    data.update(_printed(entry))
    if entry.footnotes:
        data["footnotes"] = list(entry.footnotes)
    if entry.sub:
        data["sub"] = [entry_data(s, keep_pins=keep_pins) for s in entry.sub]
    return data


def _printed(entry: Entry) -> dict[str, Any]:
    """The keys saying what the printed paragraph lacks or where it stands, when not the
    default."""
    data: dict[str, Any] = {}
    if not entry.numbered:
        data["numbered"] = False
    if not entry.lead:
        data["lead"] = False
    if entry.level:
        data["level"] = entry.level
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


def render_spec(spec: Spec, *, header: Sequence[str] = (),
                comments: Mapping[tuple[str, int], str] | None = None,
                keep_pins: bool = False) -> str:
    """The one spec writer: `header` comment lines, the metadata, the variables, each part's
    entries (a comment above an entry where `comments[(part, index)]` says one), the annexes.

    `keep_pins` writes `id@YEAR` where an entry is pinned; without it every clause takes its
    latest version when built (a draft rolled forward).
    """
    lines = list(header)
    lines.append(_yaml(dict(spec.meta)))
    if spec.variables:
        lines.append(_yaml({"variables": dict(spec.variables)}))
    for part in ("preamble", "operative"):
        entries: tuple[Entry, ...] = getattr(spec, part)
        if not entries:
            lines.append(f"{part}: []")
            continue
        lines.append(f"{part}:")
        for index, entry in enumerate(entries):
            note = (comments or {}).get((part, index))
            if note:
                lines.append(f"  # {note}")
            lines.extend(_item(entry_data(entry, keep_pins=keep_pins)))
    if spec.annexes:
        lines.append("annexes:")
    for annex in spec.annexes:
        lines.extend(_item(annex_data(annex, keep_pins=keep_pins)))
    return "\n".join(line for line in lines if line) + "\n"


def _yaml(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=96).rstrip()


# A clause id, pinned or not, is a plain YAML scalar as it stands: no dump needed
_PLAIN_ID = re.compile(r"[a-z][a-z0-9-]*(?:@\d{4})?")


def _item(data: Any) -> list[str]:
    """One list item of a part, indented under its key."""
    if isinstance(data, str) and _PLAIN_ID.fullmatch(data) and data not in _YAML_WORDS:
        return [f"  - {data}"]
    return ["  " + line for line in _yaml([data]).split("\n")]


# Plain words YAML reads as something other than text
_YAML_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan",
                         "inf"})
