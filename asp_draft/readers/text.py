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
CHAPEAU, OPERATIVE, SUB = _CHAPEAU, _OPERATIVE, _SUB  # shared with the Word reader
_RESOLUTION_LINE = re.compile(r"Resolution ([A-Z][A-Za-z]*(?:[-/.][A-Za-z0-9.]+)+)")
_SYMBOL_LINE = re.compile(r"[A-Z][A-Za-z]*(?:[-/][A-Za-z0-9.]+)+/[A-Za-z0-9.()]+")
_ADOPTION_LINE = re.compile(
    r"Adopted(?: at the (?P<plenary>\d+)(?:st|nd|rd|th) plenary meeting,?)?"
    r" on (?P<date>\d{1,2} [A-Z][a-z]+ \d{4}),? ?(?P<how>by [a-z ]+|without a vote)?\.?")
_MEETING_LINE = re.compile(r"(?P<plenary>\d+)(?:st|nd|rd|th) plenary meeting,?"
                           r" (?P<date>\d{1,2} [A-Z][a-z]+ \d{4})\.?")
_PAGE_NUMBER = re.compile(r"-? ?\d{1,4} ?-?")
_NOTE_TEXT = re.compile(r"(?P<num>\d{1,3}) (?P<text>(?!bis\b|ter\b)[^\s.].*)")
_GLUED_MARK = re.compile(r"(?<=[,;.:])\s?(?P<num>\d{1,3})$")
_FUNCTION_WORDS = frozenset(  # a page break after these words is never a heading's end
    "a an and as at by for from in into of on or the to with which that its their".split())  # noqa: SIM905


@dataclass
class Block:
    """A run of non-blank lines, joined, with the line it starts on and the lines themselves."""

    text: str
    line: int
    lines: tuple[str, ...] = ()


def read_text_file(path: Path) -> Document:
    """Read a plain-text resolution from disk."""
    return parse_text(read_text(path), str(path))


def parse_text(text: str, source: str) -> Document:
    """Parse the plain-text resolution format (also UN texts and text copied out of PDFs)."""
    lines = text.replace("\r\n", "\n").replace("\f", "\n\n").split("\n")
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
            blocks.append(Block(_join_lines(current), begin, tuple(current)))
            current = []
    return blocks


def _join_lines(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        # a PDF copy breaks "peace-" / "building" at the hyphen: keep the word whole
        if re.search(r"[a-z]-$", out) and line[:1].islower():
            out += line
        else:
            out += " " + line
    return out


def head_meta(groups: list[list[str]]) -> dict[str, Any]:
    """Metadata from head lines: `Resolution SYMBOL`, the adoption line, symbol, title.

    `groups` are the lines of each block (or paragraph); unrecognised lines of one group are
    one text (a title broken over two lines), and the last such text is the title.
    """
    meta: dict[str, Any] = {}
    rest: list[str] = []
    for group in groups:
        pending: list[str] = []
        for raw in group:
            line = " ".join(raw.split())
            if _head_line(line, meta):
                if pending:
                    rest.append(_join_lines(pending))
                    pending = []
            else:
                pending.append(line)
        if pending:
            rest.append(_join_lines(pending))
    if rest:
        meta["title"] = rest[-1]
    symbol = str(meta.get("symbol") or "")
    session = re.match(r"ICC-ASP/(\d+)/", symbol)
    if session:
        meta.setdefault("session", int(session.group(1)))
    if meta.get("adopted"):
        meta.setdefault("year", int(str(meta["adopted"])[:4]))
    return meta


def _head_line(line: str, meta: dict[str, Any]) -> bool:
    """Take what one head line says into `meta`; False when it is not a known kind."""
    m = _RESOLUTION_LINE.fullmatch(line)
    if m:
        meta.setdefault("symbol", m.group(1))
        return True
    adoption = adoption_meta(line)
    if adoption:
        for key, value in adoption.items():
            meta.setdefault(key, value)
        return True
    if _SYMBOL_LINE.fullmatch(line):
        meta.setdefault("symbol", line)
        return True
    if line.lower() == "draft resolution":
        meta["status"] = "draft"
        return True
    return False


def adoption_meta(line: str) -> dict[str, Any]:
    """`Adopted at the 13th plenary meeting, on 14 December 2017, by consensus` or a UN
    meeting line (`73rd plenary meeting 14 December 2017`) -> plenary, adopted, adoption."""
    text = " ".join(line.split())
    m = _ADOPTION_LINE.fullmatch(text) or _MEETING_LINE.fullmatch(text)
    if not m:
        return {}
    out: dict[str, Any] = {}
    if m.group("plenary"):
        out["plenary"] = int(m.group("plenary"))
    day = parse_long_date(m.group("date"))
    if day is None:
        return {}
    out["adopted"] = day.isoformat()
    how = m.groupdict().get("how")
    if how:
        out["adoption"] = how
    return out


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
    if not markdown:
        body = _pdf_repairs(body, meta, notes)
    if body and _CHAPEAU.fullmatch(body[0].text.replace("*", "")):
        meta.setdefault("chapeau", body[0].text.replace("*", ""))
        body = body[1:]
    paragraphs: list[Paragraph] = []
    part: Part = "preamble"
    last_letter = ""
    last_roman = ""
    for at, block in enumerate(body):
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
            level = sub_level(token, last_letter, last_roman)
            if level == 1:
                last_letter, last_roman = token, ""
            else:
                last_roman = token
            number = token
            text = m_sub.group("rest")
            part = paragraphs[-1].part
        elif not _FOOTNOTE_REF.sub("", text).endswith(_ENDS) and (
                part == "operative" or (at + 1 < len(body) and not markdown
                                        and _OPERATIVE.fullmatch(body[at + 1].text))):
            # a heading: in the operative part, or just before its first paragraph
            paragraphs.append(Paragraph(part="operative", text=text, heading=True))
            part = "operative"
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


def _pdf_repairs(body: list[Block], meta: dict[str, Any], notes: dict[str, str]) -> list[Block]:
    """Undo what copying out of a PDF (or a UN web page) does to the plain-text format.

    Head lines before the chapeau become metadata, meeting lines anywhere too; page numbers
    go; a paragraph broken in two by a page break is joined again; numbered footnote texts
    after the last paragraph are tied to the marks glued to paragraph ends (`Court,2`).
    """
    body = [b for b in body if not _PAGE_NUMBER.fullmatch(b.text)]
    chapeau_at = next((i for i, b in enumerate(body[:8])
                       if _CHAPEAU.fullmatch(b.text.replace("*", ""))), None)
    if chapeau_at and all(not b.text.endswith((",", ";")) for b in body[:chapeau_at]):
        found = head_meta([list(b.lines) for b in body[:chapeau_at]])
        for key, value in found.items():
            meta.setdefault(key, value)
        body = body[chapeau_at:]
    kept: list[Block] = []
    for block in body:
        adoption = adoption_meta(block.text)
        if adoption:
            for key, value in adoption.items():
                meta.setdefault(key, value)
        else:
            kept.append(block)
    body = _trailing_notes(kept, notes)
    merged: list[Block] = []
    operative = False
    for block in body:
        starts_label = bool(_OPERATIVE.fullmatch(block.text) or _SUB.fullmatch(block.text))
        if merged and not starts_label and _continues(merged[-1], block, operative,
                                                      len(merged) == 1 and chapeau_at == 0):
            prev = merged[-1]
            merged[-1] = Block(_join_lines([prev.text, block.text]), prev.line,
                               prev.lines + block.lines)
            continue
        operative = operative or bool(_OPERATIVE.fullmatch(block.text))
        merged.append(block)
    return merged


def _continues(prev: Block, block: Block, operative: bool, prev_is_chapeau: bool) -> bool:
    """Whether `block` is the rest of `prev`, cut off by a page break."""
    text = _FOOTNOTE_REF.sub("", prev.text)
    if text.endswith(_ENDS) or prev_is_chapeau or _FOOTNOTE_REF.search(prev.text):
        return False
    if block.text[:1].islower():
        return True
    if not operative:
        return True  # no headings in a preamble: an unfinished paragraph goes on
    last_word = text.rsplit(" ", 1)[-1]
    return last_word in _FUNCTION_WORDS


def _trailing_notes(body: list[Block], notes: dict[str, str]) -> list[Block]:
    """Footnote texts (`2 ICC-ASP/16/20, vol. I.`) after the last paragraph, tied to marks."""
    found: dict[str, str] = {}
    end = len(body)
    while end > 1 and _NOTE_TEXT.match(body[end - 1].text):
        end -= 1
    for block in body[end:]:
        current: str | None = None
        for line in block.lines:
            m = _NOTE_TEXT.match(line)
            if m:
                current = m.group("num")
                found[current] = m.group("text")
            elif current:
                found[current] = _join_lines([found[current], line])
    if not found:
        return body
    marks = {m.group("num") for b in body[:end] if (m := _GLUED_MARK.search(b.text))}
    if not marks & set(found):
        return body
    out: list[Block] = []
    for block in body[:end]:
        m = _GLUED_MARK.search(block.text)
        if m and m.group("num") in found:
            key = f"pdf{m.group('num')}"
            notes[key] = found[m.group("num")]
            block = Block(block.text[:m.start("num")].rstrip() + f"[^{key}]", block.line,
                          block.lines)
        out.append(block)
    return out


def sub_level(token: str, last_letter: str, last_roman: str) -> int:
    """The level of a sub-paragraph label: 1 for (a), 2 for (i) under a lettered one."""
    return _sub_level(token, last_letter, last_roman)


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
