"""Draft specs and session files (YAML) -> Spec, validated, with line numbers for errors.

A session file is a draft spec that also carries the adoption data of a resolution, so one
reader serves both. After the preamble and the operative part a spec may carry `annexes`, each
with its `title`, whether its paragraphs are numbered (`numbered`, by default from 1 in each
annex), and its `paragraphs`: entries as in the operative part.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from asp_draft.errors import InputError
from asp_draft.library.yamlcheck import check_keys, expect, line_of
from asp_draft.library.yamlio import load_yaml
from asp_draft.model import Meta
from asp_draft.model.spec import Annex, Entry, Spec
from asp_draft.textfile import read_text

META_KEYS = ("year", "symbol", "body", "title", "session", "venue", "chapeau", "adopted", "plenary",
             "adoption", "status", "author", "proposer", "source", "reproduced_in",
             "completeness", "note", "typography", "language")
SPEC_KEYS = frozenset((*META_KEYS, "variables", "preamble", "operative", "annexes"))
ENTRY_KEYS = frozenset(("clause", "version", "text", "template", "sub", "footnotes", "number",
                        "heading", "numbered", "lead", "level"))
ANNEX_KEYS = frozenset(("title", "numbered", "paragraphs"))
CLAUSE_REF = re.compile(r"(?P<id>[a-z0-9][a-z0-9-]*)(?:@(?P<year>\d{4}))?")


def read_spec(path: Path) -> Spec:
    """Read a draft spec or session file from disk."""
    text = read_text(path)
    return parse_spec(text, str(path))


def parse_spec(text: str, source: str) -> Spec:
    """Parse and validate the YAML of a spec."""
    if not text.strip():
        raise InputError("the file is empty", source=source)
    data = load_yaml(text, source)
    if not isinstance(data, dict):
        raise InputError("a draft spec must be a YAML mapping (year:, preamble:, operative:)",
                         source=source, line=1)
    _check_keys(data, SPEC_KEYS, source, "draft spec")
    if "year" not in data:
        raise InputError("the spec has no 'year'", source=source, line=1)
    year = data["year"]
    if not isinstance(year, int) or not 1998 <= year <= 2200:
        raise InputError(f"'year' must be a year such as 2019, not {year!r}", source=source,
                         line=_line(data, "year"))
    for key in ("session", "plenary"):
        if data.get(key) is not None:
            expect(data[key], int, what=f"'{key}'", source=source, line=_line(data, key))
    # text: a symbol; a body's key (ga, sc), which the table checks; the chapeau as printed
    for key in ("symbol", "body", "chapeau"):
        if data.get(key) is not None:
            expect(data[key], str, what=f"'{key}'", source=source, line=_line(data, key))
    found = {k: data[k] for k in META_KEYS if k in data}
    if data.get("adopted") is not None:
        found["adopted"] = _iso_date(data["adopted"], source, _line(data, "adopted"))
    variables = data.get("variables") or {}
    if not isinstance(variables, dict):
        raise InputError("'variables' must be a mapping of names to values", source=source,
                         line=_line(data, "variables"))
    parts = {}
    for part in ("preamble", "operative"):
        items = data.get(part) or []
        if not isinstance(items, list):
            raise InputError(f"'{part}' must be a list of clauses", source=source,
                             line=_line(data, part))
        parts[part] = tuple(_entry(item, _line(items, i) or _line(data, part) or 1, source, 0)
                            for i, item in enumerate(items))
    return Spec(meta=Meta.of(found), variables=dict(variables), preamble=parts["preamble"],
                operative=parts["operative"], source=source,
                lines={k: _line(data, k) or 1 for k in data},
                annexes=_annexes(data, source))


def _annexes(data: dict[str, Any], source: str) -> tuple[Annex, ...]:
    """The spec's `annexes`: a list of {title, numbered, paragraphs}."""
    items = data.get("annexes") or []
    if not isinstance(items, list):
        raise InputError("'annexes' must be a list of annexes (title:, paragraphs:)",
                         source=source, line=_line(data, "annexes"))
    out = []
    for i, item in enumerate(items):
        line = _line(items, i) or _line(data, "annexes") or 1
        if not isinstance(item, dict):
            raise InputError("an annex must be a mapping (title:, paragraphs:)", source=source,
                             line=line)
        _check_keys(item, ANNEX_KEYS, source, "annex")
        title = item.get("title")
        if title is not None and (not isinstance(title, str) or not title.strip()):
            raise InputError("an annex's 'title' must be text (or left out for a bare "
                             "'Annex')", source=source, line=_line(item, "title") or line)
        numbered = item.get("numbered", True)
        if not isinstance(numbered, bool):
            raise InputError(f"an annex's 'numbered' must be true or false, not {numbered!r}",
                             source=source, line=_line(item, "numbered") or line)
        paragraphs = item.get("paragraphs")
        if not isinstance(paragraphs, list) or not paragraphs:
            raise InputError("an annex needs 'paragraphs', a non-empty list of entries",
                             source=source, line=_line(item, "paragraphs") or line)
        entries = tuple(_entry(p, _line(paragraphs, j) or line, source, 0)
                        for j, p in enumerate(paragraphs))
        out.append(Annex(line=line, title=title, entries=entries,
                         numbered=numbered))
    return tuple(out)


def _entry(item: Any, line: int, source: str, depth: int) -> Entry:
    if isinstance(item, str):
        if depth:
            return Entry(line=line, text=item)
        return _clause_entry(item, None, line, source)
    if not isinstance(item, dict):
        raise InputError(f"an entry must be a clause id or a mapping, not {item!r}",
                         source=source, line=line)
    _check_keys(item, ENTRY_KEYS, source, "entry")
    given = [k for k in ("clause", "text", "template", "heading") if k in item]
    if given == ["clause", "text"]:  # a clause's paragraph as rolled forward: its own words
        given = ["clause"]
    if len(given) != 1:
        raise InputError("an entry needs exactly one of 'clause', 'text', 'template' or 'heading'",
                         source=source, line=line)
    number = item.get("number")
    footnotes = item.get("footnotes") or []
    if isinstance(footnotes, str):
        footnotes = [footnotes]
    if not isinstance(footnotes, list) or not all(isinstance(f, str) for f in footnotes):
        raise InputError("'footnotes' must be a list of texts", source=source,
                         line=_line(item, "footnotes"))
    sub_items = item.get("sub") or []
    if not isinstance(sub_items, list):
        raise InputError("'sub' must be a list of sub-paragraphs", source=source,
                         line=_line(item, "sub"))
    if sub_items and depth >= 2:
        raise InputError("sub-paragraphs go two levels deep at most: (a), then (i)",
                         source=source, line=_line(item, "sub"))
    sub = tuple(_entry(s, _line(sub_items, i) or line, source, depth + 1)
                for i, s in enumerate(sub_items))
    label = str(number) if number is not None else None
    if "heading" in item:
        if not isinstance(item["heading"], str):
            raise InputError("'heading' must be text", source=source, line=line)
        return Entry(line=line, heading=item["heading"], number=label,
                     footnotes=tuple(footnotes))
    printed = _printed(item, line, source, depth, label)
    for key in ("text", "template"):
        if key in item and "clause" not in item:
            if not isinstance(item[key], str) or not item[key].strip():
                raise InputError(f"'{key}' must be non-empty text", source=source, line=line)
            return Entry(line=line, text=item[key], template=key == "template", number=label,
                         footnotes=tuple(footnotes), sub=sub, **printed)
    base = _clause_entry(str(item["clause"]), item.get("version"), line, source)
    text = item.get("text")
    if text is not None and (not isinstance(text, str) or not text.strip()):
        raise InputError("'text' must be non-empty text", source=source, line=line)
    return Entry(line=line, clause=base.clause, pin=base.pin, text=text, number=label,
                 footnotes=tuple(footnotes), sub=sub, **printed)


def _printed(item: dict[str, Any], line: int, source: str, depth: int,
             label: str | None) -> dict[str, Any]:
    """An entry's `numbered`, `lead` and `level`: how its paragraph is printed, checked."""
    out: dict[str, Any] = {}
    for key in ("numbered", "lead"):
        if key in item:
            if not isinstance(item[key], bool):
                raise InputError(f"'{key}' must be true or false, not {item[key]!r}",
                                 source=source, line=_line(item, key) or line)
            out[key] = item[key]
    if out.get("numbered") is False and label is not None:
        raise InputError("an entry with 'numbered: false' cannot give a 'number'",
                         source=source, line=_line(item, "numbered") or line)
    if "level" in item:
        level = item["level"]
        where = _line(item, "level") or line
        if depth:
            raise InputError("'level' stands on a part's entry, not on a sub-paragraph (its "
                             "level is its depth)", source=source, line=where)
        if isinstance(level, bool) or level not in (0, 1, 2):
            raise InputError(f"'level' must be 0, 1 for (a) or 2 for (i), not {level!r}",
                             source=source, line=where)
        if level + _depth(item) > 2:
            raise InputError("sub-paragraphs go two levels deep at most: (a), then (i)",
                             source=source, line=_line(item, "sub") or where)
        out["level"] = level
    return out


def _depth(item: dict[str, Any]) -> int:
    """How many levels of `sub` an entry holds."""
    subs = item.get("sub") or []
    return 1 + max((_depth(s) for s in subs if isinstance(s, dict)), default=0) if subs else 0


def _clause_entry(ref: str, version: Any, line: int, source: str) -> Entry:
    m = CLAUSE_REF.fullmatch(ref.strip())
    if not m:
        raise InputError(f"{ref!r} is not a clause id (lower-case words joined by '-', "
                         "optionally @YEAR); write new language as 'text: ...'",
                         source=source, line=line)
    pin = int(m.group("year")) if m.group("year") else None
    if version is not None:
        if not isinstance(version, int):
            raise InputError(f"'version' must be a year, not {version!r}", source=source,
                             line=line)
        pin = version
    return Entry(line=line, clause=m.group("id"), pin=pin)


def _check_keys(data: dict[str, Any], allowed: frozenset[str], source: str, what: str) -> None:
    check_keys(data, allowed, source=source, what=what)


_line = line_of  # the line of a key or item, as yamlcheck finds it


def _iso_date(value: Any, source: str, line: int | None) -> str:
    """An adoption date as ISO text (YAML reads 2017-12-14 as a date); anything else refused."""
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise InputError(f"'adopted' must be a date such as 2019-12-06, not {value!r}",
                         source=source, line=line) from None
