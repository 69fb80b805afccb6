"""Blocks -> Document: the one place that decides what each piece of a resolution is.

Every format reader (text, Markdown, Word, PDF) turns its file into a `Source`: *blocks* of
text with the hints its format gives (italic runs, footnote marks, Word numbering and level,
its own paragraph styles) and the footnote texts. `classify` then finds the head, the chapeau,
the preambular and operative paragraphs, sub-paragraphs, headings, annexes, leads and the
footnote marks' places, the same way for every format.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from asp_draft.errors import InputError
from asp_draft.language import LANGUAGES, Language, document_language
from asp_draft.model import Document, Footnote, Meta, Paragraph, Part
from asp_draft.text.heads import adoption_meta, closing_meta, cover_lines, head_kind, head_meta
from asp_draft.text.labels import BULLET, OPERATIVE, SUB, sub_level
from asp_draft.text.leads import find_lead
from asp_draft.text.words import squeeze

Role = Literal["head", "chapeau", "preamble", "operative", "heading", "annex", "annex-title"]
Notify = Callable[[str], None]


def quiet(_: str) -> None:
    """A notify that says nothing (the default when no one is listening)."""


class Run(NamedTuple):
    """A piece of a block's text with one formatting; `note` marks a footnote reference.

    A footnote reference is a run with empty text and `note` set to the key of its text in
    `Source.notes`; its mark stands after the text before it. (A named tuple, as `_Flat`:
    every reader makes thousands, and the class costs a dataclass's start-up time.)
    """

    text: str
    italic: bool = False
    note: str | None = None


@dataclass
class Block:
    """One paragraph of the source as its format gives it, with the format's hints.

    `line` says where it starts (a line of a text file, a paragraph of a Word file, a page of
    a PDF) for messages. `number`/`level` are a number the format itself produced (Word
    numbering: "3", "a", "ii" at level 0, 1, 2); typed labels ("12.", "(a)") stay in the text
    and are found by the classifier. `role` is what the format says the block is (asp-draft's
    own Word styles); None leaves it to the classifier. `lines` are the source lines, for head
    lines that a block joins (a title broken over two lines). `bold` says the whole block is
    set in bold, as a heading is (`Action 1. We will ...`, `Targets:`): a hint, given by the
    formats that know it.
    """

    runs: list[Run]
    line: int = 0
    number: str | None = None
    level: int | None = None
    role: Role | None = None
    lines: tuple[str, ...] = ()
    bold: bool = False

    @property
    def text(self) -> str:
        """The block's text without its footnote marks."""
        if len(self.runs) == 1:  # most blocks
            return self.runs[0].text
        return "".join([r.text for r in self.runs])


@dataclass
class Source:
    """What a reader hands the classifier: blocks, footnote texts and declared metadata.

    `italics` says whether italic runs in this source mean a lead (a Word file or PDF whose
    leads are set in italics, Markdown's `*Lead*`); without it the lead is found from the
    words. `meta` is what the format declares (`# key: value` lines, front matter, document
    properties); the head lines found in the text add to it without overriding it.
    """

    name: str
    blocks: list[Block]
    notes: dict[str, str] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    italics: bool = False


# --- classification --------------------------------------------------------------------

# How a sentence ends, and a paragraph: a preambular paragraph ends with a comma, an operative
# one with a semicolon or a full stop, one that opens sub-paragraphs with a colon. Readers that
# join lines broken across a page ask the first (readers/pdf.py, pasted.py, markdown.py): a
# text cut after a comma may be a paragraph's end or a list of names going on, which only the
# next line's first words tell, while a text cut after a full stop or semicolon has ended.
SENTENCE_ENDS = (".", ";", ":")
PARAGRAPH_ENDS = (*SENTENCE_ENDS, ",")
_BREAK = re.compile("[ ]*[\t\n\r\f\v][ \t\n\r\f\v]*")  # U+00A0 is text, not a break
CHAPEAU = re.compile(r"The [A-Z][^.;:,]{2,80}(?P<comma>,?)")
ANNEX_LINE = re.compile(r"Annex(?:es)?(?: (?P<n>[IVXLC]+|\d{1,2}|[A-Z]))?\.?(?:: (?P<title>.+))?",
                    re.S)
# italic leads a document must have before an upright lead word is taken for a slip of the
# typesetter rather than no lead at all
SLIP_AMONG = 4
HEAD_WINDOW = 12  # the chapeau stands among the first blocks, after the head and cover


class _Flat(NamedTuple):
    """A block's text with its white space made one line, its italic spans, and its marks."""

    text: str
    italic: list[tuple[int, int]]  # (start, end) of each italic stretch, in order
    marks: list[tuple[str, int]]  # (note key, offset after which the mark stands)

    def cut(self, n: int) -> _Flat:
        """The same without its first `n` characters (a typed label) and the space after."""
        rest = self.text[n:]
        skip = n + len(rest) - len(rest.lstrip())
        spans = [(max(a - skip, 0), b - skip) for a, b in self.italic if b > skip]
        return _Flat(self.text[skip:], spans,
                     [(key, max(at - skip, 0)) for key, at in self.marks])

    def italic_opening(self) -> int:
        """How far the text opens in italics (spaces between italic words included); 0 if not."""
        end = 0
        for start, stop in self.italic:
            if start > end and self.text[end:start].strip(" "):
                break
            end = stop
        return end if self.italic and self.italic[0][0] == 0 else 0


def flatten(runs: list[Run]) -> _Flat:
    """Runs -> one line of text, trimmed, marks moved onto the word before them (`Statute 2
    reaffirms` -> the mark after `Statute`).

    Line breaks and tabs become one space; spaces the text itself has are kept (a double
    space is the text's, and lint should see it).
    """
    if len(runs) == 1 and runs[0].note is None:  # most blocks: one run, no footnote
        text = runs[0].text
        if any(c in text for c in "\t\n\r\f\v"):
            text = _BREAK.sub(" ", text)
        text = text.strip(" ")
        return _Flat(text, [(0, len(text))] if runs[0].italic and text else [], [])
    line = _Line()
    marks: list[tuple[str, int]] = []
    for run in runs:
        if run.note is not None:
            marks.append((run.note, line.length))
        line.add(run.text, run.italic)
    text, spans = line.finish()
    placed = []
    for key, at in marks:
        at = min(at, len(text))
        while at > 0 and text[at - 1] == " ":
            at -= 1
        placed.append((key, at))
    return _Flat(text, spans, placed)


class _Line:
    """Text built up run by run: a break or tab (with the spaces around it) is one space,
    spaces the text has are kept, the line trimmed at both ends."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.spans: list[tuple[int, int]] = []

    def add(self, text: str, italic: bool) -> None:
        """Append one run's text."""
        if any(c in text for c in "\t\n\r\f\v"):  # most runs hold no break at all
            text = _BREAK.sub(" ", text)
        if not self.length:
            text = text.lstrip(" ")
        if not text:
            return
        begin = self.length
        self.pieces.append(text)
        self.length += len(text)
        if italic:
            if self.spans and self.spans[-1][1] == begin:
                begin = self.spans.pop()[0]
            self.spans.append((begin, self.length))

    def finish(self) -> tuple[str, list[tuple[int, int]]]:
        """The text with trailing spaces trimmed, and the italic spans within it."""
        text = "".join(self.pieces).rstrip(" ")
        spans = [(a, min(b, len(text))) for a, b in self.spans if a < len(text)]
        return text, spans


def classify(source: Source, notify: Notify = quiet) -> Document:
    """Decide what every block is and build the Document, the same way for every format."""
    meta = dict(source.meta)
    blocks = [b for b in source.blocks if b.text.strip() or any(r.note for r in b.runs)]
    start = _head(blocks, meta, lambda message: notify(f"{source.name}: {message}"))
    body = _closing(blocks[start:], meta, source.name, notify)
    found = Meta.of(meta)
    _refuse_amendment(found, body, blocks[start - 1] if start else None, source.name)
    reader = _Body(source, notify, _lead_language(found, source.name, notify))
    chapeau = found.chapeau or ""
    if chapeau and not chapeau.endswith(",") and body and not find_lead(body[0].text, "preamble"):
        # `The General Assembly` / `Resolves that:`: a chapeau without its comma runs on
        # into the operative part (a text with a preamble prints the comma)
        reader.part = "operative"
    paragraphs = reader.read(body)
    if not paragraphs and not found:
        raise InputError("no paragraphs found (the file is empty)", source=source.name)
    return Document(meta=found, paragraphs=tuple(paragraphs))


def _head(blocks: list[Block], meta: dict[str, Any], notify: Notify) -> int:
    """Take the head and the chapeau into `meta`; the index of the first body block."""
    if any(b.role in ("head", "chapeau") for b in blocks):
        start = 0
        lines: list[list[str]] = []
        while start < len(blocks) and blocks[start].role in ("head", "chapeau"):
            text = squeeze(blocks[start].text)
            if blocks[start].role == "chapeau":
                meta.setdefault("chapeau", text)
            else:
                lines.append([text])
            start += 1
        _add(meta, head_meta(lines, notify))
        return start
    for at, block in enumerate(blocks[:HEAD_WINDOW]):
        text = squeeze(block.text)
        if block.role is not None or text.endswith((";", ".")) or (
                text.endswith(",") and not CHAPEAU.fullmatch(text)):
            break  # a paragraph before any chapeau: the text has none
        m = CHAPEAU.fullmatch(text)
        if m and (m.group("comma") or _opens_body(blocks[at + 1:at + 2])):
            meta.setdefault("chapeau", text)
            _add(meta, head_meta([_lines(b) for b in blocks[:at]], notify))
            return at + 1
    end = _cover_end(blocks)
    if end:
        _add(meta, head_meta([_lines(b) for b in blocks[:end]], notify))
        notify(f"no chapeau ('The General Assembly,'): read the {end} block(s) before "
               f"'{squeeze(blocks[end].text)[:30] if end < len(blocks) else ''}…' as the cover")
    return end


def _lines(block: Block) -> list[str]:
    """A head block's lines as the source broke them (a title over two lines)."""
    return list(block.lines or (block.text,))


def _cover_end(blocks: list[Block]) -> int:
    """Where a cover block without a chapeau after it ends (a draft decision, an amendment):
    after its last line of a known kind and the title under it; 0 when the text opens with
    no cover block."""
    end = 0
    for at, block in enumerate(blocks[:HEAD_WINDOW]):
        if block.role is not None:
            break
        if any(head_kind(line) for line in cover_lines(_lines(block))):
            end = at + 1  # a cover block (the agenda item's title may stand in it)
        elif squeeze(block.text).endswith((*PARAGRAPH_ENDS, "]")) or \
                OPERATIVE.fullmatch(block.text) or find_lead(block.text):
            break
    for _ in range(2):  # the title under the cover (a copy may part a long one in two)
        if not (end and end < len(blocks) and _title_like(blocks[end].text) and
                blocks[end].role is None and not find_lead(blocks[end].text) and
                not _AMENDING.fullmatch(squeeze(blocks[end].text))):
            break
        end += 1
    return end


def _closing(blocks: list[Block], meta: dict[str, Any], name: str,
             notify: Notify) -> list[Block]:
    """The body without its closing lines (the meeting line, the adoption date under it, a
    Council's bracketed adoption note and vote) and the cover's asterisk notes, which go
    into `meta`."""
    body: list[Block] = []
    state: _Closing | None = None  # after a meeting line: what the closing lines said so far
    for block in blocks:
        taken = _closing_block(block, state or _Closing()) if block.role is None else None
        if taken is not None:
            state = taken
            _add(meta, state.found)
            continue
        state = None
        asterisk = _ASTERISK_NOTE.fullmatch(squeeze(block.text)) if block.role is None and \
            block.text.lstrip()[:1] in ("*", "\u2217", "_") else None
        if asterisk and _has_cover(meta):
            meta["cover_note"] = " ".join(filter(None, (Meta.of(meta).cover_note,
                                                        asterisk.group(1))))
            notify(f"{name}: read '{asterisk.group(0)[:40]}…' as the note on the cover's "
                   "asterisk, not a paragraph")
            continue
        body.append(block)
    return body


# the note on a cover's asterisk; a pasted copy may keep the rule above it on its line
_ASTERISK_NOTE = re.compile(r"(?:_{5,} ?)?[*\u2217]+ ?([A-Z].{0,400})")
_AMENDING = re.compile(r"(?:Insert|Replace|Delete|Add|Amend|After|Before|In)\b.{0,120}?"
                       r"\b(?:preambular|operative) paragraphs?\b.*[:.]", re.S)


@dataclass
class _Closing:
    """Where the closing lines stand: after a meeting line, inside a bracketed note."""

    after: bool = False
    note: str = ""  # the bracketed adoption note read so far, while it is open
    found: dict[str, Any] = field(default_factory=dict)


def _closing_block(block: Block, state: _Closing) -> _Closing | None:
    """The state after a block of closing lines (the meeting line, the date under it, a
    Council's bracketed note, or several of them as one block), or None when it is text."""
    found = _closing_pieces([block.text], state)
    if found is None and len(block.lines) > 1 and \
            closing_meta(block.lines[0], bool(state.note), state.after) is not None:
        found = _closing_pieces([line for line in block.lines if line.strip()], state)
    return found


def _closing_pieces(pieces: list[str], state: _Closing) -> _Closing | None:
    """The state after closing lines read one after another; None if one of them is text."""
    out = _Closing(state.after, state.note)
    for piece in pieces:
        step = closing_meta(piece, bool(out.note), out.after)
        if step is None:
            return None
        found, still_open = step
        if still_open or out.note:  # a note's figures are read when it closes
            out.note = f"{out.note} {squeeze(piece)}".strip()
            found = {} if still_open else adoption_meta(out.note)
            out.note = out.note if still_open else ""
        out.after = True
        out.found = {**found, **out.found}
    return out


def _has_cover(meta: dict[str, Any]) -> bool:
    """Whether the text has a UN cover block (whose asterisks have notes)."""
    return any(key in meta for key in ("distribution", "sponsors", "agenda_item", "original"))


def _refuse_amendment(meta: Meta, body: list[Block], last_head: Block | None,
                      name: str) -> None:
    """An amendment says what to change in a draft; it is not one: refuse it in one line."""
    # what an amendment says to do opens its text, under at most a title or two
    first = next((b for b in body[:3] if b.role is None and _AMENDING.fullmatch(squeeze(b.text))),
                 None)
    amending = first is not None
    if meta.status != "amendment" and not amending:
        return
    line = (last_head or first or Block([])).line or None
    what = f"draft resolution {meta.amends}" if meta.amends else "a draft resolution"
    by = f" by {', '.join(meta.sponsors)}" if meta.sponsors else ""
    raise InputError(f"this is an amendment{by} to {what} (it says what to change in it), not "
                     "a resolution or a draft; apply it to the draft and read that", source=name,
                     line=line)


def _lead_language(meta: Meta, name: str, notify: Notify) -> Language | None:
    """The language whose lead words find the leads of a text that lost its italics."""
    code = document_language(meta)
    known = LANGUAGES.get(code)
    if known is None:
        notify(f"{name}: no lead words are known for language {code!r}; leads are taken from "
               "italics only")
    return known


def _opens_body(following: list[Block]) -> bool:
    """Whether the block after a comma-less `The General Assembly` is a paragraph's start."""
    if not following:
        return False
    text = following[0].text.strip()
    return bool(OPERATIVE.fullmatch(text) or find_lead(text) or following[0].number)


def _add(meta: dict[str, Any], found: dict[str, Any]) -> None:
    for key, value in found.items():
        meta.setdefault(key, value)


class _Body:
    """Walks the body blocks in order, keeping the state a reader keeps: part, annex, labels."""

    def __init__(self, source: Source, notify: Notify, language: Language | None) -> None:
        self.language = language  # None: no lead words known, leads from italics alone
        self.source = source
        self.notify = notify
        self.part: Part = "preamble"
        self.annex: str | None = None
        self.last_letter = ""
        self.last_roman = ""
        self.out: list[Paragraph] = []
        self.italic_leads = 0  # blocks of the body that open in italics

    def read(self, blocks: list[Block]) -> list[Paragraph]:
        """The paragraphs of the body."""
        if self.source.italics:
            self.italic_leads = sum(1 for b in blocks if b.runs and b.runs[0].italic
                                    and b.runs[0].text.strip())
        at = 0
        while at < len(blocks):
            block = blocks[at]
            annex = _annex_heading(block)
            if annex is not None:
                self.annex, at = self._annex_title(*annex, blocks, at)
                self.part = "annex"
                self.last_letter = self.last_roman = ""
                continue
            following = blocks[at + 1] if at + 1 < len(blocks) else None
            self.block(block, following)
            at += 1
        return self.out

    def _annex_title(self, label: str, title: str | None, blocks: list[Block],
                     at: int) -> tuple[str | None, int]:
        """The annex's name: `Annex II: Title`, the title alone, or the label alone."""
        nxt = blocks[at + 1] if at + 1 < len(blocks) else None
        if title is None and nxt is not None and (nxt.role == "annex-title" or (
                nxt.role is None and nxt.number is None and _title_like(nxt.text))):
            title, at = squeeze(nxt.text), at + 1
        if label and title:
            return f"{label}: {title}", at + 1
        return title or label or None, at + 1

    def block(self, block: Block, following: Block | None) -> None:
        """Classify one block and add its paragraph."""
        flat = flatten(block.runs)
        number, level = block.number, block.level or 0
        if block.role == "heading":
            self.add(flat, block, heading=True)
            return
        if number is not None:
            if level == 2 and not self.last_letter:
                level = 1
        elif block.role in (None, "operative", "preamble") and (
                m := OPERATIVE.fullmatch(flat.text)):
            number, level = " ".join(m.group("num").split()), 0
            flat = flat.cut(m.start("rest"))
        elif self.out and (m := SUB.fullmatch(flat.text)):
            number = m.group("num")
            level = sub_level(number, self.last_letter, self.last_roman)
            flat = flat.cut(m.start("rest"))
        elif self.out and (m := BULLET.fullmatch(flat.text)):
            level = 1  # the bullet is the item's label, as `(a)` is
            flat = flat.cut(m.start("rest"))
        elif self._is_heading(block, flat, following) or self._bold_heading(block, level):
            self.add(flat, block, heading=True)
            return
        if level == 0:
            self.last_letter = self.last_roman = ""
        elif level == 1:
            self.last_letter, self.last_roman = number or self.last_letter, ""
        else:
            self.last_roman = number or self.last_roman
        self._set_part(block, number, level, flat)
        self.add(flat, block, number=number, level=level)

    def _set_part(self, block: Block, number: str | None, level: int, flat: _Flat) -> None:
        if self.part == "annex":
            return
        if level and self.out:
            self.part = self.out[-1].part
        elif block.role == "preamble":
            self.part = "preamble"
        elif block.role == "operative" or (number is not None and level == 0):
            self.part = "operative"
        elif self.part == "preamble" and flat.text.endswith(".") and \
                find_lead(flat.text, "operative") and not find_lead(flat.text, "preamble"):
            self.part = "operative"  # an unnumbered operative paragraph ends in a full stop

    def _is_heading(self, block: Block, flat: _Flat, following: Block | None) -> bool:
        """A heading: unpunctuated, in the operative part or just before its first paragraph."""
        if block.role is not None or flat.text.endswith(PARAGRAPH_ENDS) or not flat.text or \
                block.level:
            return False  # an item of a list (its level given by the format) is no heading
        if self.part in ("operative", "annex"):
            return True
        return following is not None and bool(
            (following.number is not None and (following.level or 0) == 0)
            or OPERATIVE.fullmatch(following.text.strip()))

    def _bold_heading(self, block: Block, level: int) -> bool:
        """A block set in bold throughout, without a label and not an item of a list, is a
        heading however it ends (`Action 1. We will ...`, `Targets:`), once the body's
        paragraphs have begun: the cover's bold lines are no headings."""
        return block.bold and block.role is None and not level and bool(self.out)

    def add(self, flat: _Flat, block: Block, *, heading: bool = False,
            number: str | None = None, level: int = 0) -> None:
        """Append the paragraph, its lead and its footnotes at their places."""
        notes = []
        for key, at in flat.marks:
            if key not in self.source.notes:
                raise InputError(f"footnote [^{key}] has no text ([^{key}]: ... is missing)",
                                 source=self.source.name, line=block.line or None)
            notes.append(Footnote(self.source.notes[key], at))
        part: Part = "operative" if heading and self.part == "preamble" else self.part
        if heading:
            self.part = part
        lead = None if heading else self._lead(flat, part, level)
        self.out.append(Paragraph(part=part, text=flat.text, lead=lead, number=number,
                                  level=level, footnotes=tuple(notes), heading=heading,
                                  annex=self.annex if part == "annex" else None))

    def _lead(self, flat: _Flat, part: Part, level: int) -> str | None:
        opening = flat.italic_opening()
        if opening:
            lead = flat.text[:opening].rstrip(" ,;:")
            return lead or None
        if level:
            return None
        if self.source.italics:
            # the leads are set in italics, but a typesetting slip may set one upright: a
            # known lead word opening a preambular paragraph is its lead all the same (as in
            # a pasted copy), where the document sets its leads in italics throughout (a
            # tool that marked a few in italics marked only those); an operative
            # paragraph's words are left alone
            if part != "preamble" or self.language is None or self.italic_leads < SLIP_AMONG:
                return None
            return find_lead(flat.text, part, self.language)
        if self.language is None:
            return None
        return find_lead(flat.text, None if part == "annex" else part, self.language)


def _annex_heading(block: Block) -> tuple[str, str | None] | None:
    """(`Annex II` or '', a title given on the same line) for an annex's heading, else None."""
    if block.role not in (None, "annex") or block.number is not None:
        return None
    if block.role is None and not block.text.lstrip().startswith("Annex"):
        return None  # most blocks: no need to look further
    m = ANNEX_LINE.fullmatch(squeeze(block.text))
    if not m and len(block.lines) > 1 and not block.lines[0].rstrip().endswith(PARAGRAPH_ENDS):
        # a PDF block of the heading's line and the title's under it (`Annex` / `Our ocean`)
        m = ANNEX_LINE.fullmatch(squeeze(block.lines[0]))
        title = squeeze(" ".join(block.lines[1:]))
        if m and not m.group("title") and _title_like(title):
            return (f"Annex {m.group('n')}" if m.group("n") else ""), title
        m = None
    if not m:
        if block.role == "annex":
            return "", squeeze(block.text) or None
        return None
    return (f"Annex {m.group('n')}" if m.group("n") else ""), m.group("title")


def _title_like(text: str) -> bool:
    """An annex's title: one unpunctuated line (or a long title wrapped over a few)."""
    text = squeeze(text)
    return 0 < len(text) <= 400 and not text.endswith(PARAGRAPH_ENDS) and not (
        OPERATIVE.fullmatch(text) or SUB.fullmatch(text))
