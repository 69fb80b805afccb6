"""Plain-text resolutions (.txt, standard input) -> blocks -> Document.

The format (README, "Formats"): optional `# key: value` metadata lines, the chapeau line, then one
paragraph per block of lines; line breaks inside a block are spaces. Operative paragraphs open
with their number (`12.`, `12 bis.`), sub-paragraphs with `(a)` or `(i)`; a footnote mark is
`[^1]` where it stands, its text a `[^1]: ...` block. Text copied out of a PDF is repaired
first (readers/pasted.py); what each block is, is decided by asp_draft.text.structure.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from asp_draft.model import Document
from asp_draft.readers.pasted import Lines, repair
from asp_draft.text.heads import normalise_meta
from asp_draft.text.structure import Block, Notify, Run, Source, classify, quiet
from asp_draft.textfile import read_text

# a `# key: value` line, compiled by `re` when a text has one
_META = r"#\s*(?P<key>[A-Za-z_][\w-]*)\s*:\s?(?P<value>.*)"
_FOOTNOTE_DEF = re.compile(r"\[\^(?P<id>[^\]\s]+)\]:\s*(?P<text>.*)", re.S)
_FOOTNOTE_REF = re.compile(r"\[\^(?P<id>[^\]\s]+)\]")


def read_text_file(path: Path, notify: Notify = quiet) -> Document:
    """Read a plain-text resolution from disk."""
    return parse_text(read_text(path), str(path), notify)


def parse_text(text: str, source: str, notify: Notify = quiet) -> Document:
    """Parse the plain-text resolution format (also UN texts and text copied out of PDFs)."""
    return classify(text_source(text, source, notify), notify)


def text_source(text: str, source: str, notify: Notify = quiet) -> Source:
    """The blocks of a plain-text resolution, PDF-copy repairs done."""
    lines = split_lines(text)
    declared, start = _meta_lines(lines)
    numbered = list(enumerate(lines[start:], start + 1))
    notes: dict[str, str] = {}
    groups = repair(numbered, notes, source, notify)
    return body_source(groups, notes, declared, source)


def split_lines(text: str) -> list[str]:
    """A text's lines, whichever way they end (CR LF, CR or LF): how the text and the
    Markdown readers open a text."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _meta_lines(lines: list[str]) -> tuple[dict[str, Any], int]:
    """The `# key: value` lines a text opens with, and the index of the line after them."""
    declared: dict[str, Any] = {}
    for start, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            return declared, start
        m = re.fullmatch(_META, stripped)
        if m:
            declared[m.group("key").lower()] = m.group("value").strip()
    return declared, len(lines)


def body_source(groups: list[Lines], notes: dict[str, str], declared: dict[str, Any],
                source: str, *, markdown: bool = False) -> Source:
    """Blocks of lines and the metadata the text declares as it was written -> a Source:
    `[^id]:` blocks are footnote texts, `[^id]` marks runs; `*Lead*` italic in Markdown."""
    meta = normalise_meta(declared)
    blocks: list[Block] = []
    for group in groups:
        text = join_lines([line for _, line in group])
        m = _FOOTNOTE_DEF.fullmatch(text)
        if m:
            notes[m.group("id")] = m.group("text").strip()
            continue
        blocks.append(Block(runs=runs_of(text, markdown=markdown), line=group[0][0],
                            lines=tuple(line for _, line in group)))
    return Source(name=source, blocks=blocks, notes=notes, meta=meta, italics=False)


_LEAD_MARKUP = re.compile(r"\*(?P<lead>[^*\n]+?)\*(?=[\s,:;\[]|$)")
_LABEL = re.compile(r"(?:\d{1,3}(?:\s+[a-z]+)?\.|\([a-z]{1,4}\))\s+")


def runs_of(text: str, *, markdown: bool) -> list[Run]:
    """A block's text as runs: footnote marks as note runs; in Markdown, `*Lead*` italic."""
    italic_end = 0
    if markdown:
        label = _LABEL.match(text)
        at = label.end() if label else 0
        m = _LEAD_MARKUP.match(text, at)
        if m:
            text = text[:at] + m.group("lead") + text[m.end():]
            italic_end = at + len(m.group("lead"))
    runs: list[Run] = []
    start = 0
    for m in _FOOTNOTE_REF.finditer(text):
        runs += _pieces(text, start, m.start(), italic_end)
        runs.append(Run("", note=m.group("id")))
        start = m.end()
    runs += _pieces(text, start, len(text), italic_end)
    return runs


def _pieces(text: str, start: int, end: int, italic_end: int) -> list[Run]:
    cut = min(max(italic_end, start), end)
    out = [Run(text[start:cut], italic=True)] if cut > start else []
    if end > cut:
        out.append(Run(text[cut:end]))
    return out


def join_lines(lines: list[str]) -> str:
    """Lines of one block as one text; a word broken at a line-end hyphen is kept whole."""
    out = lines[0].strip() if lines else ""
    for line in lines[1:]:
        line = line.strip()
        # a PDF copy breaks "peace-" / "building" at the hyphen: keep the word whole
        if re.search(r"[a-z]-$", out) and line[:1].islower():
            out += line
        else:
            out += " " + line
    return out

