"""Plain-text resolutions (.txt) -> Document.

The format (DESIGN.md): optional `# key: value` metadata lines, the chapeau line, then one
paragraph per block; line breaks inside a block are spaces. Operative paragraphs open with
their number (`12.`, `12 bis.`), sub-paragraphs with `(a)` or `(i)`. Markdown shares the body
rules, with `*Lead*` markup and `#` headings, so the block parser lives here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asp_draft.errors import InputError
from asp_draft.facts import parse_long_date, parse_ordinal_word
from asp_draft.markup import split_lead
from asp_draft.model import Document, Paragraph, Part
from asp_draft.yamlio import read_text

_META = re.compile(r"#\s*(?P<key>[A-Za-z_][\w-]*)\s*:\s?(?P<value>.*)")
_OPERATIVE = re.compile(
    r"(?P<num>\d{1,3}(?:\s+(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies))?)"
    r"\.\s+(?P<rest>\S.*)", re.S)
_SUB = re.compile(r"\((?P<num>[a-z]{1,4})\)\s+(?P<rest>\S.*)", re.S)
_CHAPEAU = re.compile(r"The [A-Z][^.;:]{2,80},")
_FOOTNOTE_DEF = re.compile(r"\[\^(?P<id>[^\]\s]+)\]:\s*(?P<text>.*)", re.S)
_FOOTNOTE_REF = re.compile(r"\[\^(?P<id>[^\]\s]+)\]")
_ROMAN = tuple(
    "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split())  # noqa: SIM905
_ENDS = (",", ";", ".", ":")


@dataclass
class Block:
    """A run of non-blank lines, joined, with the line it starts on."""

    text: str
    line: int


def read_text_file(path: Path) -> Document:
    """Read a plain-text resolution from disk."""
    return parse_text(read_text(path), str(path))


def parse_text(text: str, source: str) -> Document:
    """Parse the plain-text resolution format."""
    lines = text.split("\n")
    meta: dict[str, Any] = {}
    start = 0
    for start, line in enumerate(lines):  # noqa: B007 - start is used after the loop
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _META.fullmatch(stripped)
        if m:
            meta[m.group("key").lower()] = m.group("value").strip()
    else:
        start = len(lines)
    meta = normalise_meta(meta)
    return parse_body(lines[start:], source, meta, first_line=start + 1, markdown=False)


def blocks_of(lines: list[str], first_line: int) -> list[Block]:
    """Group lines into blocks separated by blank lines; inner line breaks become spaces."""
    blocks: list[Block] = []
    current: list[str] = []
    begin = first_line
    for offset, line in enumerate([*lines, ""]):
        if line.strip():
            if not current:
                begin = first_line + offset
            current.append(line.strip())
        elif current:
            blocks.append(Block(" ".join(current), begin))
            current = []
    return blocks


def parse_body(lines: list[str], source: str, meta: dict[str, Any], *, first_line: int,
               markdown: bool) -> Document:
    """Blocks -> paragraphs, shared by the text and Markdown readers."""
    blocks = blocks_of(lines, first_line)
    notes: dict[str, str] = {}
    body: list[Block] = []
    for block in blocks:
        m = _FOOTNOTE_DEF.fullmatch(block.text)
        if m:
            notes[m.group("id")] = m.group("text").strip()
        else:
            body.append(block)
    if not body and not meta:
        raise InputError("no paragraphs found (the file is empty)", source=source)
    if body and _CHAPEAU.fullmatch(body[0].text.replace("*", "")):
        meta.setdefault("chapeau", body[0].text.replace("*", ""))
        body = body[1:]
    paragraphs: list[Paragraph] = []
    part: Part = "preamble"
    last_letter = ""
    last_roman = ""
    for block in body:
        text = block.text
        heading_md = markdown and text.startswith("#")
        m_op = _OPERATIVE.fullmatch(text)
        m_sub = _SUB.fullmatch(text)
        if heading_md:
            title = text.lstrip("#").strip()
            paragraphs.append(Paragraph(part="operative", text=title, heading=True))
            part = "operative"
            continue
        number: str | None = None
        level = 0
        if m_op:
            part = "operative"
            number = re.sub(r"\s+", " ", m_op.group("num"))
            text = m_op.group("rest")
            last_letter = last_roman = ""
        elif m_sub and paragraphs:
            token = m_sub.group("num")
            level = _sub_level(token, last_letter, last_roman)
            if level == 1:
                last_letter, last_roman = token, ""
            else:
                last_roman = token
            number = token
            text = m_sub.group("rest")
            part = paragraphs[-1].part
        elif part == "operative" and not text.endswith(_ENDS):
            paragraphs.append(Paragraph(part="operative", text=text, heading=True))
            continue
        refs = _FOOTNOTE_REF.findall(text)
        footnotes = []
        for ref in refs:
            if ref not in notes:
                raise InputError(f"footnote [^{ref}] has no text ([^{ref}]: ... is missing)",
                                 source=source, line=block.line)
            footnotes.append(notes[ref])
        text = _FOOTNOTE_REF.sub("", text)
        lead, plain = split_lead(text, part) if level == 0 or markdown else (None, text)
        if level and not markdown:
            lead = None
        paragraphs.append(Paragraph(part=part, text=plain, lead=lead, number=number,
                                    level=level, footnotes=tuple(footnotes)))
    return Document(meta=meta, paragraphs=tuple(paragraphs))


def _sub_level(token: str, last_letter: str, last_roman: str) -> int:
    """(i) after (h) is a letter; (i) after (a) opens the roman level below it."""
    if len(token) == 1 and last_letter and ord(token) == ord(last_letter[-1]) + 1:
        return 1
    if token in _ROMAN:
        if token == "i" and last_letter:
            return 2
        if last_roman and _ROMAN.index(token) == _ROMAN.index(last_roman) + 1:
            return 2
    return 1


def normalise_meta(raw: dict[str, Any]) -> dict[str, Any]:
    """Typed metadata from `# key: value` lines; unknown keys are kept as they are.

    The corpus writes the session as one line ('sixteenth session (New York); adopted at
    the 13th plenary meeting, on 14 December 2017, by consensus'); it is taken apart into
    session, venue, plenary, adopted and adoption, and the line kept as `session_note`.
    """
    meta = dict(raw)
    year = meta.get("year")
    if isinstance(year, str):
        m = re.match(r"\s*(\d{4})\b(.*)", year)
        if m:
            meta["year"] = int(m.group(1))
            if m.group(2).strip():
                meta["year_note"] = year
    session = meta.get("session")
    if isinstance(session, str):
        if session.strip().isdigit():
            meta["session"] = int(session)
        else:
            _parse_session_line(session, meta)
    for key in ("plenary",):
        if isinstance(meta.get(key), str) and meta[key].isdigit():
            meta[key] = int(meta[key])
    return meta


def _parse_session_line(line: str, meta: dict[str, Any]) -> None:
    m = re.match(r"\s*([a-z-]+) session(?: \(([^)]+)\))?", line)
    number = parse_ordinal_word(m.group(1)) if m else None
    if m is None or number is None:
        return
    meta["session_note"] = line
    meta["session"] = number
    if m.group(2):
        meta.setdefault("venue", m.group(2))
    plenary = re.search(r"(\d+)(?:st|nd|rd|th) plenary meeting", line)
    if plenary:
        meta.setdefault("plenary", int(plenary.group(1)))
    when = re.search(r"\bon (\d{1,2} [A-Z][a-z]+ \d{4})", line)
    day = parse_long_date(when.group(1)) if when else None
    if day:
        meta.setdefault("adopted", day.isoformat())
    how = re.search(r"\b(by consensus|by a recorded vote|without a vote|by vote)", line)
    if how:
        meta.setdefault("adoption", how.group(1))
