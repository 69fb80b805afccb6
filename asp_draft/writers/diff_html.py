"""Diff -> one self-contained HTML page (inline CSS, nothing fetched): inline and side by side."""

from __future__ import annotations

from html import escape

from asp_draft.compare.view import (
    Row,
    describe,
    list_change_text,
    meta_value_text,
    rows,
    shown_meta,
    strength_text,
)
from asp_draft.model import Diff, MetaChange

CSS = """
body { font-family: "Times New Roman", Times, serif; margin: 2em auto; max-width: 72em;
       line-height: 1.4; padding: 0 1em; }
nav a { margin-right: 1.5em; } h1 { font-size: 1.2em; } h2 { font-size: 1.05em; }
.summary { color: #444; }
del { color: #a40000; text-decoration: line-through; background: #fde8e8; }
ins { color: #006100; text-decoration: underline; background: #e6f6e6; }
.row { display: flex; gap: 1em; margin: 0.6em 0; }
.label { flex: 0 0 6em; font-family: monospace; color: #555; }
.op { font-size: 0.8em; color: #777; display: block; }
.body { flex: 1; text-align: justify; }
.deleted .body { background: #fdf2f2; } .inserted .body { background: #f0faf0; }
.moved .body { border-left: 3px solid #1f5fa8; padding-left: 0.5em; }
.not-held .body { color: #666; background: #f4f4f4; }
.strength { display: block; font-size: 0.8em; font-weight: bold; padding: 0 0.2em; }
.strength.weaker { color: #fff; background: #a40000; }
.strength.stronger { color: #fff; background: #006100; }
.strength.changed { color: #000; background: #f2d600; }
table.side { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.side td { vertical-align: top; border-top: 1px solid #ddd; padding: 0.4em 0.6em;
                text-align: justify; }
table.side td.label { width: 6em; font-family: monospace; color: #555; }
table.side th { text-align: left; padding: 0.4em 0.6em; }
table.meta { border-collapse: collapse; margin: 0.6em 0; }
table.meta th, table.meta td { text-align: left; vertical-align: top; padding: 0.2em 0.6em; }
table.meta th { font-family: monospace; font-weight: normal; color: #555; }
table.meta .how { font-size: 0.8em; color: #777; }
table.meta tr.counts th { font-weight: bold; color: #000; }
table.meta .old { color: #a40000; } table.meta .new { color: #006100; }
"""


def _marked(ops: tuple[tuple[str, str], ...], keep: str) -> str:
    """Escaped words; `keep` is "both" (inline), "old" or "new" (one side of the table)."""
    out = []
    for op, text in ops:
        if op == "equal":
            out.append(escape(text))
        elif op == "delete" and keep in ("both", "old"):
            out.append(f"<del>{escape(text)}</del>")
        elif op == "insert" and keep in ("both", "new"):
            out.append(f"<ins>{escape(text)}</ins>")
    return "".join(out)


def _what(r: Row) -> str:
    what: str = r.change.op.replace("-", " ")
    if r.change.op == "moved":
        what = f"moved from {r.old_label}"
    if r.note:
        what += f"; {r.note}"
    return escape(what)


def _strength(r: Row) -> str:
    """The changed lead in the paragraph's label: `weaker: Urges → Encourages`."""
    text = strength_text(r.change)
    if text is None or r.change.strength is None:
        return ""
    return f'<span class="strength {r.change.strength.direction}">{escape(text)}</span>'


def _inline(r: Row) -> str:
    op = "" if r.change.op == "equal" else f'<span class="op">{_what(r)}</span>'
    return (f'<div class="row {r.change.op}"><div class="label">{escape(r.label)}{op}'
            f'{_strength(r)}</div>'
            f'<div class="body">{_marked(r.ops, "both")}</div></div>')


def _side(r: Row) -> str:
    old_only = r.change.op == "deleted" or (r.change.op == "not-held"
                                            and r.change.new_index is None)
    new_only = r.change.op == "inserted" or (r.change.op == "not-held"
                                             and r.change.old_index is None)
    old = "" if new_only else _marked(r.ops, "old")
    new = "" if old_only else _marked(r.ops, "new")
    old_label = escape(r.old_label or "")
    new_label = "" if old_only else escape(r.label)
    if r.change.op in ("moved", "not-held"):
        new_label += f'<span class="op">{_what(r)}</span>'
    new_label += _strength(r)
    return (f'<tr class="{r.change.op}"><td class="label">{old_label}</td><td>{old}</td>'
            f'<td class="label">{new_label}</td><td>{new}</td></tr>')


def _meta_row(change: MetaChange) -> str:
    """One changed key: the old value and the new (a list by the names it gained and lost),
    and whether it counts as a difference. Only printed text is marked deleted and inserted,
    as the paragraphs' words are; a changed session or date is no deletion from the text."""
    if isinstance(change.old, list) and isinstance(change.new, list):
        values = escape(list_change_text(change.old, change.new))
    else:
        old, new = (escape(meta_value_text(v, quote=False)) for v in (change.old, change.new))
        values = (f"<del>{old}</del> → <ins>{new}</ins>" if change.counts else
                  f'<span class="old">{old}</span> → <span class="new">{new}</span>')
    how = "printed text: a difference" if change.counts else "listed"
    return (f'<tr class="{"counts" if change.counts else "listed"}"><th>{escape(change.key)}'
            f'</th><td>{values}</td><td class="how">{how}</td></tr>')


def _meta_table(diff: Diff) -> list[str]:
    """The metadata that changed, before the paragraphs; nothing when none did."""
    meta = shown_meta(diff)
    if not meta:
        return []
    return ['<table class="meta">', *(_meta_row(m) for m in meta), "</table>"]


def render_diff_html(diff: Diff) -> str:
    """The diff as an HTML page: an inline redline, then the two texts side by side."""
    old_name, new_name = escape(describe(diff.old, "old")), escape(describe(diff.new, "new"))
    summary = diff.summary_line()
    leads = diff.leads_line()
    all_rows = list(rows(diff))
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>Changes from {old_name} to {new_name}</title>",
           f"<style>{CSS}</style></head><body>",
           f"<h1>Changes from {old_name} to {new_name}</h1>",
           f'<p class="summary">{escape(summary)}</p>',
           *([f'<p class="summary">Leads: {escape(leads)}</p>'] if leads else []),
           *_meta_table(diff),
           '<nav><a href="#inline">Inline</a><a href="#side">Side by side</a></nav>',
           '<section id="inline"><h2>Inline</h2>']
    out += [_inline(r) for r in all_rows]
    out += ["</section>", '<section id="side"><h2>Side by side</h2>',
            '<table class="side"><colgroup><col style="width:6em"><col>'
            '<col style="width:6em"><col></colgroup>',
            f'<tr><th colspan="2">{old_name}</th><th colspan="2">{new_name}</th></tr>']
    out += [_side(r) for r in all_rows]
    out += ["</table></section>", "</body></html>"]
    return "\n".join(out) + "\n"
