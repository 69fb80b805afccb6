"""Markdown resolutions (.md) -> Document: YAML front matter, `*Lead*` markup, `#` headings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from asp_draft.errors import InputError
from asp_draft.model import Document
from asp_draft.readers.text import normalise_meta, parse_body
from asp_draft.yamlio import load_yaml, read_text


def read_markdown_file(path: Path) -> Document:
    """Read a Markdown resolution from disk."""
    return parse_markdown(read_text(path), str(path))


def parse_markdown(text: str, source: str) -> Document:
    """Parse Markdown: front matter between `---` lines, then the body rules of plain text."""
    lines = text.split("\n")
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
    meta = normalise_meta(meta)
    return parse_body(lines[start:], source, meta, first_line=start + 1, markdown=True)

