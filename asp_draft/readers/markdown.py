"""Markdown resolutions (.md) -> blocks -> Document: front matter, `*Lead*`, `#` headings.

`# Annex` (and the `# Title` after it) opens an annex; other `#` lines are headings in the
operative part. The body rules are those of plain text (readers/text.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from asp_draft.errors import InputError
from asp_draft.heads import normalise_meta
from asp_draft.model import Document
from asp_draft.readers.pasted import Lines
from asp_draft.readers.text import body_source
from asp_draft.structure import Notify, Role, Run, Source, classify, quiet
from asp_draft.textfile import read_text
from asp_draft.yamlio import load_yaml

_ANNEX = re.compile(r"#\s+Annex(?:es)?\b.*")


def read_markdown_file(path: Path, notify: Notify = quiet) -> Document:
    """Read a Markdown resolution from disk."""
    return parse_markdown(read_text(path), str(path), notify)


def parse_markdown(text: str, source: str, notify: Notify = quiet) -> Document:
    """Parse Markdown: front matter between `---` lines, then the body rules of plain text."""
    return classify(markdown_source(text, source), notify)


def markdown_source(text: str, source: str) -> Source:
    """The blocks of a Markdown resolution, with `#` lines as headings and annexes."""
    lines = text.replace("\r\n", "\n").split("\n")
    meta: dict[str, Any] = {}
    start = 0
    if lines and lines[0].strip() == "---":
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
        except StopIteration:
            raise InputError("front matter opened with '---' is never closed", source=source,
                             line=1) from None
        data = load_yaml("\n".join(lines[1:end]), source)
        if data is not None and not isinstance(data, dict):
            raise InputError("front matter must be a YAML mapping", source=source, line=2)
        meta = {str(k): (v if isinstance(v, int | str | float | bool) or v is None else str(v))
                for k, v in (data or {}).items()}
        start = end + 1
    groups: list[Lines] = []
    current: Lines = []
    for number, line in enumerate(lines[start:], start + 1):
        # a `#` line is a block of its own, blank lines around it or not
        if not line.strip() or line.lstrip().startswith("#"):
            if current:
                groups.append(current)
                current = []
            if line.strip():
                groups.append([(number, line.strip())])
            continue
        current.append((number, line))
    if current:
        groups.append(current)
    roles: list[Role | None] = []
    for group in groups:
        first = group[0][1]
        if _ANNEX.fullmatch(first) and first.startswith("# "):
            roles.append("annex")
        elif first.startswith("# ") and roles and roles[-1] == "annex":
            roles.append("annex-title")
        else:
            roles.append("heading" if first.startswith("#") else None)
    found = body_source(groups, {}, normalise_meta(meta), source, italics=False, markdown=True)
    return _with_roles(found, groups, roles)


def _with_roles(found: Source, groups: list[Lines], roles: list[Role | None]) -> Source:
    """Set the roles the `#` lines give, and take the `#` marks out of their text."""
    by_line = {g[0][0]: r for g, r in zip(groups, roles, strict=True)}
    for block in found.blocks:
        role = by_line.get(block.line)
        if role is None:
            continue
        block.role = role
        first = block.runs[0]
        block.runs[0] = Run(first.text.lstrip("#").lstrip(), first.italic, first.note)
    return found
