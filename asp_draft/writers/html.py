"""Document -> one self-contained HTML page (inline CSS, nothing fetched); with annotations,
a note under each paragraph saying where its wording was agreed."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from asp_draft.model import Document, Paragraph, labels
from asp_draft.writers import cover as un

if TYPE_CHECKING:
    from asp_draft.library.bodies import Table

CSS = """
body { font-family: "Times New Roman", Times, serif; max-width: 42em; margin: 2em auto;
       line-height: 1.4; text-align: justify; }
.head { text-align: center; } .title { font-weight: bold; text-align: center; }
p.pp { text-indent: 2.5em; } p.op { margin-left: 2.5em; text-indent: -2.5em; }
p.sub1 { margin-left: 5em; text-indent: -2.5em; } p.sub2 { margin-left: 7.5em;
text-indent: -2.5em; } h2 { font-size: 1em; text-align: center; }
.fn { font-size: 0.85em; }
.note { font-size: 0.8em; color: #444; text-indent: 0; text-align: left;
        margin: -0.6em 0 1em 2.5em; padding-left: 0.6em; border-left: 2px solid #999; }
.cover { text-align: left; margin: 0; } .cover .column { float: right; width: 40%; }
.cover-organ { font-size: 1.5em; font-weight: bold; } .cover-organ .column { font-size: 0.55em;
font-weight: normal; } .cover-aside, .cover-agenda { font-size: 0.85em; }
.cover-rule { border-bottom: 3px solid #000; margin: 0.4em 0 1em; }
.cover-session, .cover-issued-by, .cover-committee { font-size: 0.85em; font-weight: bold; }
.cover-adopted-by, .cover-label, .cover-title, .cover-council-number { font-weight: bold;
margin: 1em 0 0.6em 2.5em; } .cover-reference { font-style: italic; margin-left: 2.5em; }
.cover-title { margin-left: 0; } .cover-title .number { display: inline-block; width: 2.5em; }
.meeting { text-align: right; font-style: italic; margin: 0; }
"""


def render_html(document: Document, *, annotations: Sequence[str | None] | None = None,
                bodies: Table | None = None) -> str:
    """The document as an HTML page, leads in italics, footnotes at the end; `annotations`
    (one per paragraph) as a note under each paragraph; `bodies` is the table its body is
    looked up in (default: the bundled one)."""
    meta = document.meta
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{escape(meta.name('Resolution'))}"
           "</title>", f"<style>{CSS}</style></head><body>"]
    layout = un.cover(document, bodies)
    body = layout.body.key if layout is not None else meta.body
    if body:  # whose text it is (its key in the table of bodies), for tools that read the page
        out.insert(2, f'<meta name="body" content="{escape(str(body))}">')
    if layout is not None:  # another body's cover block, as the United Nations prints it
        out += [_cover_line(line) for line in layout.head]
    else:
        if meta.symbol:
            out.append(f'<p class="head">{escape(meta.symbol)}</p>')
        if meta.title:
            out.append(f'<p class="title">{escape(meta.title)}</p>')
        if document.chapeau:
            out.append(f"<p>{escape(document.chapeau)}</p>")
    tail = [_cover_line(line) for line in layout.tail] if layout is not None else []
    notes: list[str] = []
    annex: str | None = None
    names = labels(document.paragraphs) if annotations else []
    for index, p in enumerate(document.paragraphs):
        if annotations and index and annotations[index - 1]:
            out.append(_note(names[index - 1], annotations[index - 1]))
        if p.part == "annex" and tail:
            out += tail  # the meeting line closes the resolution, before its annexes
            tail = []
        if p.part == "annex" and p.annex != annex:
            out.append("<h2>Annex</h2>")
            if p.annex:
                out.append(f'<p class="title">{escape(p.annex)}</p>')
        annex = p.annex if p.part == "annex" else None
        body = _body(p, len(notes) + 1)
        notes += p.note_texts
        if p.heading:
            out.append(f"<h2>{body}</h2>")
            continue
        if p.part == "preamble":
            out.append(f'<p class="pp">{body}</p>')
        elif p.level == 0:
            out.append(f'<p class="op">{escape(p.number or "")}.&emsp;{body}</p>')
        else:
            out.append(f'<p class="sub{p.level}">({escape(p.number or "")})&emsp;{body}</p>')
    if annotations and annotations[-1]:
        out.append(_note(names[-1], annotations[-1]))
    out += tail
    marked = [line.note for line in layout.head if line.note] if layout is not None else []
    if notes or marked:
        out.append("<hr>")
        out += [f'<p class="fn" id="fn-star">* {escape(n)}</p>' for n in marked]
        out += [f'<p class="fn" id="fn{i}">{i}. {escape(n)}</p>' for i, n in enumerate(notes, 1)]
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _cover_line(line: un.Line) -> str:
    """One line of a UN cover block or its closing lines, the text set against it floated
    to the right (a numbered title's number before it)."""
    if line.kind == un.CHAPEAU:
        return f"<p>{escape(line.text)}</p>"
    if line.kind in (un.MEETING, un.VOTE_NOTE):
        kind = "meeting" if line.kind == un.MEETING else "pp"
        return f'<p class="{kind}">{escape(line.text)}</p>'
    text = escape(line.text)
    if line.note is not None:  # the asterisk of the note on the sponsors
        at = line.asterisk
        text = f'{escape(line.text[:at])}<sup><a href="#fn-star">*</a></sup>' \
               f'{escape(line.text[at:])}'
    if line.kind == un.TITLE:
        text = f'<span class="number">{text}</span>{escape(line.aside or "")}'
    elif line.aside is not None:
        text = f'<span class="column">{escape(line.aside)}</span>{text}'
    return f'<p class="cover cover-{line.kind}">{text}</p>'


def _note(label: str, text: str | None) -> str:
    return f'<aside class="note"><b>{escape(label)}</b> {escape(text or "")}</aside>'


def _body(p: Paragraph, first: int) -> str:
    """The paragraph's text escaped, its lead in italics and its footnote marks in place."""
    lead = len(p.lead) if p.lead and p.text.startswith(p.lead) and not p.heading else 0
    out = []
    start = 0
    number = first
    for piece, note in p.pieces():
        cut = min(max(lead - start, 0), len(piece))
        if cut:
            out.append(f"<em>{escape(piece[:cut])}</em>")
        out.append(escape(piece[cut:]))
        start += len(piece)
        if note is not None:
            out.append(f'<sup><a href="#fn{number}">{number}</a></sup>')
            number += 1
    return "".join(out)
