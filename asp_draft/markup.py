"""The inline markup of clause text and Markdown: `*Lead words* the rest of the paragraph`."""

from __future__ import annotations

import re

from asp_draft.leads import find_lead
from asp_draft.model import Paragraph, Part

_LEAD = re.compile(r"\*(?P<lead>[^*\n]+?)\*(?=[\s,:;]|$)")


def split_lead(markup: str, part: Part | None) -> tuple[str | None, str]:
    """`*Convinced also* that ...` -> ("Convinced also", "Convinced also that ...").

    Text without the asterisks gets its lead from the known lead words.
    """
    m = _LEAD.match(markup)
    if m:
        lead = m.group("lead").strip()
        return lead, lead + markup[m.end():]
    return find_lead(markup, part), markup


def to_markup(paragraph: Paragraph) -> str:
    """The paragraph text with its lead in asterisks (Markdown italics)."""
    lead = paragraph.lead
    if lead and paragraph.text.startswith(lead):
        return f"*{lead}*{paragraph.text[len(lead):]}"
    return paragraph.text
