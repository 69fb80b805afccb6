"""Document -> JSON (`show --format json`), in the shape the README's "Formats" section gives
(`{"meta": {...}, "paragraphs": [...]}`), which scripts rely on."""

from __future__ import annotations

import json
from typing import Any

from asp_draft.model import Document, Paragraph


def paragraph_data(p: Paragraph) -> dict[str, Any]:
    """One paragraph in the stable JSON shape (`heading` appears only on headings)."""
    data: dict[str, Any] = {"part": p.part, "number": p.number, "level": p.level,
                            "lead": p.lead, "text": p.text, "clause": p.clause,
                            "version": p.version,
                            "footnotes": [{"text": n.text, "at": n.at} for n in p.footnotes]}
    if p.heading:
        data["heading"] = True
    if p.part == "annex":
        data["annex"] = p.annex
    return data


def document_data(document: Document) -> dict[str, Any]:
    """The document as plain data."""
    meta = dict(document.meta)
    meta.setdefault("chapeau", None)
    return {"meta": meta, "paragraphs": [paragraph_data(p) for p in document.paragraphs]}


def render_json(document: Document) -> str:
    """Pretty JSON, UTF-8 characters as they are."""
    return json.dumps(document_data(document), ensure_ascii=False, indent=2) + "\n"
