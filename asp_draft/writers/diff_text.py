"""Diff -> plain text (`[-deleted-]{+inserted+}`, labels in the margin) and Markdown.

Both show every paragraph of the new document, deleted ones where they stood, so the result
reads as a complete redline (the rows and their labels come from compare/view.py). The text margin
holds the label (PP3, OP12 bis, OP3(a)) and a sign: blank for equal, `~` modified, `+`
inserted, `-` deleted, `>` moved, `?` not in the other side's held record. A changed lead
opens its paragraph's line: `(weaker: Urges → Encourages)`. The metadata that changed comes
first, one line a key: `chapeau: 'The Assembly of States Parties,' → 'The General Assembly,'`.
"""

from __future__ import annotations

import re

from asp_draft.compare.view import (
    describe,
    meta_change_text,
    rows,
    shown_meta,
    strength_text,
    text_mark,
    wrap_ops,
)
from asp_draft.model import Diff

SIGNS = {"equal": " ", "modified": "~", "inserted": "+", "deleted": "-", "moved": ">",
         "not-held": "?"}


def render_diff_text(diff: Diff) -> str:
    """The diff for e-mail and pipes: one block per paragraph, label and sign in the margin."""
    all_rows = list(rows(diff))
    width = max((len(r.label) for r in all_rows), default=3) + 1
    out = [f"--- {describe(diff.old, 'old')}", f"+++ {describe(diff.new, 'new')}", ""]
    meta = shown_meta(diff)
    if meta:
        out += [*(meta_change_text(m) for m in meta), ""]
    for r in all_rows:
        body = wrap_ops(r.ops, text_mark)
        if r.change.op == "moved":
            body = f"(moved from {r.old_label}) {body}"
        strength = strength_text(r.change)
        if strength:
            body = f"({strength}) {body}"
        if r.note:
            body += f" ({r.note})"
        out += [f"{r.label.ljust(width)}{SIGNS[r.change.op]} {body}", ""]
    leads = diff.leads_line()
    if leads:
        out += [f"Leads: {leads}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>#|])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_mark(op: str, text: str) -> str:
    return f"~~{text}~~" if op == "delete" else f"**{text}**"


def render_diff_markdown(diff: Diff) -> str:
    """The diff in Markdown: `~~deleted~~`, `**inserted**`, one paragraph per block."""
    out = [f"Changes from {_md_escape(describe(diff.old, 'old'))} to "
           f"{_md_escape(describe(diff.new, 'new'))}", ""]
    meta = shown_meta(diff)
    if meta:
        out += [*(f"- {_md_escape(meta_change_text(m))}" for m in meta), ""]
    for r in rows(diff):
        escaped = tuple((op, _md_escape(t)) for op, t in r.ops)
        body = wrap_ops(escaped, _md_mark)
        if r.change.op == "moved":
            body = f"*(moved from {r.old_label})* {body}"
        if r.note:
            body += f" *({_md_escape(r.note)})*"
        strength = strength_text(r.change)
        label = f"{r.label} · {strength.replace('`', chr(39))}" if strength else r.label
        out += [f"`{label}` {body}", ""]
    leads = diff.leads_line()
    if leads:
        out += [f"Leads: {leads}", ""]
    return "\n".join(out).rstrip("\n") + "\n"
