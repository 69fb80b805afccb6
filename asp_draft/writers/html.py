"""Document -> one self-contained HTML page (inline CSS, nothing fetched)."""

from __future__ import annotations

from html import escape

from asp_draft.model import Document

CSS = """
body { font-family: "Times New Roman", Times, serif; max-width: 42em; margin: 2em auto;
       line-height: 1.4; text-align: justify; }
.head { text-align: center; } .title { font-weight: bold; text-align: center; }
p.pp { text-indent: 2.5em; } p.op { margin-left: 2.5em; text-indent: -2.5em; }
p.sub1 { margin-left: 5em; text-indent: -2.5em; } p.sub2 { margin-left: 7.5em;
text-indent: -2.5em; } h2 { font-size: 1em; text-align: center; }
.fn { font-size: 0.85em; }
"""


def render_html(document: Document) -> str:
    """The document as an HTML page, leads in italics, footnotes at the end."""
    meta = document.meta
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{escape(str(meta.get('symbol') or meta.get('title') or 'Resolution'))}"
           "</title>", f"<style>{CSS}</style></head><body>"]
    if meta.get("symbol"):
        out.append(f'<p class="head">{escape(str(meta["symbol"]))}</p>')
    if meta.get("title"):
        out.append(f'<p class="title">{escape(str(meta["title"]))}</p>')
    out.append(f"<p>{escape(document.chapeau)}</p>")
    notes: list[str] = []
    for p in document.paragraphs:
        if p.heading:
            out.append(f"<h2>{escape(p.text)}</h2>")
            continue
        body = escape(p.text)
        if p.lead and p.text.startswith(p.lead):
            body = f"<em>{escape(p.lead)}</em>{escape(p.text[len(p.lead):])}"
        for n in p.footnotes:
            notes.append(n)
            body += f'<sup><a href="#fn{len(notes)}">{len(notes)}</a></sup>'
        if p.part == "preamble":
            out.append(f'<p class="pp">{body}</p>')
        elif p.level == 0:
            out.append(f'<p class="op">{escape(p.number or "")}.&emsp;{body}</p>')
        else:
            out.append(f'<p class="sub{p.level}">({escape(p.number or "")})&emsp;{body}</p>')
    if notes:
        out.append("<hr>")
        out += [f'<p class="fn" id="fn{i}">{i}. {escape(n)}</p>' for i, n in enumerate(notes, 1)]
    out.append("</body></html>")
    return "\n".join(out) + "\n"
