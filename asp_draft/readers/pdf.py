"""PDF files -> Source (and Document through `structure.classify`), read from the page layout.

Plain text loses what the layout of an official PDF still says: the italic lead (its font),
the footnote marks (small and raised) and the footnote texts (small, at the foot of the page),
the running head and foot repeated on every page, and where a paragraph ends. This reader
takes the text objects of each page (pdfium, through pypdfium2: text, font, size, position),
rebuilds lines and paragraphs, and hands the classifier blocks whose runs carry the italics
and the footnote marks at their places.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from asp_draft.errors import InputError
from asp_draft.model import Document
from asp_draft.readers.pdf_objects import Piece as _Piece
from asp_draft.readers.pdf_objects import extract as _extract
from asp_draft.symbols import printed_symbol
from asp_draft.text.heads import JOB_NUMBER, PAGE_NUMBER
from asp_draft.text.leads import find_lead
from asp_draft.text.structure import (
    CHAPEAU,
    PARAGRAPH_ENDS,
    SENTENCE_ENDS,
    Block,
    Notify,
    Run,
    Source,
    classify,
    quiet,
)

HEAD_LINES = 30  # the chapeau stands among a first page's first lines
_LABEL = re.compile(r"(?:\d{1,3}(?: (?:bis|ter|quater))?\.|\([a-z]{1,4}\)) ")
_SPACE = re.compile(r"\s+")
_RULE = re.compile(r"_{5,}(?:\s*_+)*")  # the rule that sets the footnotes apart from the text
_NAMED_LABEL = re.compile(r"[A-Z][a-z]+ \d{1,3}[.:] ")  # `Action 6. We will ...`, `Rule 5:`
_BULLET = re.compile(r"[\u2022\u25aa\u25cf\u2013-]\s+")  # an unnumbered item's bullet or dash
_STARRED = re.compile(r"\*+(?:,\s?\*+)*\s")  # the note on an asterisk: `* On behalf of ...`
_CLOSING = re.compile(r"[,.;:)\]\u201d\u2019!?]")  # what runs on after a mark, no space between
_RECYCLE = re.compile(r"Please\s+recycle\W*", re.I)  # the recycling mark on a first page's foot


@dataclass
class _Line:
    """One line of a page: its pieces left to right, baseline and body size."""

    pieces: list[_Piece]
    page: int
    base: float
    size: float
    _text: str | None = None

    @property
    def x0(self) -> float:
        """Where the line starts."""
        return self.pieces[0].x0

    @property
    def x1(self) -> float:
        """Where the line ends."""
        return self.pieces[-1].x1

    @property
    def text(self) -> str:
        """The line's words without its footnote marks (worked out once: it is asked often)."""
        if self._text is None:
            text = "".join(p.text for p in self.pieces if not p.raised)
            self._text = (_SPACE.sub(" ", text) if "  " in text or "\t" in text else text).strip()
        return self._text


@dataclass
class _Page:
    """A page's lines sorted into body, footnote area, and running head or foot."""

    number: int
    body: list[_Line] = field(default_factory=list)
    notes: list[_Line] = field(default_factory=list)
    furniture: list[_Line] = field(default_factory=list)
    aside: list[_Line] = field(default_factory=list)  # small print kept as text, not a note
    ruled: bool = False  # a footnote rule (`______`) sets the notes apart


def read_pdf(path: Path, notify: Notify = quiet) -> Document:
    """Read a resolution from a PDF file."""
    return classify(read_pdf_source(path, notify), notify)


def read_pdf_source(path: Path, notify: Notify = quiet) -> Source:
    """A PDF's blocks, footnote texts and what its layout declares, for the classifier."""
    pages = [_lines(n, pieces) for n, pieces in enumerate(_extract(path, notify), 1)]
    if not any(pages):
        raise InputError("the PDF has no text layer (it is probably a scan); "
                         "run it through OCR or use the Word file", source=path)
    body_size = _body_size([line for page in pages for line in page])
    sorted_pages, meta = _sort_pages(pages, body_size)
    notes, marks = _notes(sorted_pages, notify)
    blocks = _page_blocks(sorted_pages, marks, notify)
    italics = any(r.italic and r.text.strip() for b in blocks for r in b.runs[:3])
    return Source(name=str(path), blocks=blocks, notes=notes, meta=meta, italics=italics)


# --- lines ---------------------------------------------------------------------------------

def _lines(page: int, pieces: list[_Piece]) -> list[_Line]:
    """Pieces on one baseline make a line; a row of small raised pieces (footnote marks)
    joins the line just below it, whose marks they are."""
    rows: list[_Line] = []
    for piece in sorted(pieces, key=lambda p: (-round(p.base, 1), p.x0)):
        if rows and abs(rows[-1].base - piece.base) < 0.3 * min(piece.size, rows[-1].size):
            rows[-1].pieces.append(piece)
            rows[-1].size = max(rows[-1].size, piece.size)
        else:
            rows.append(_Line([piece], page, piece.base, piece.size))
    lines: list[_Line] = []
    pending: list[_Piece] = []
    for at, row in enumerate(rows):
        below = rows[at + 1] if at + 1 < len(rows) else None
        if below and row.size < 0.8 * below.size and 0 < row.base - below.base < 0.6 * below.size:
            for piece in row.pieces:
                piece.raised = True
            pending.extend(row.pieces)
            continue
        row.pieces.extend(pending)
        pending = []
        lines.append(row)
    out: list[_Line] = []
    for line in lines:
        line.pieces.sort(key=lambda p: p.x0)
        for part in _split_columns(line):
            part.size = _main_size(part.pieces) or part.size
            out.append(part)
    return out


def _split_columns(line: _Line) -> list[_Line]:
    """A line with a wide gap (the cover's symbol set against the right margin) is two."""
    wide = 8 * line.size
    pieces = line.pieces
    if all(b.x0 - a.x1 <= wide for a, b in pairwise(pieces)):
        return [line]
    out = [_Line([line.pieces[0]], line.page, line.base, line.pieces[0].size)]
    for prev, piece in pairwise(line.pieces):
        if not piece.raised and piece.x0 - prev.x1 > 8 * line.size:
            out.append(_Line([piece], line.page, line.base, piece.size))
        else:
            out[-1].pieces.append(piece)
            if not piece.raised:
                out[-1].size = max(out[-1].size, piece.size)
    return out


def _main_size(pieces: list[_Piece]) -> float:
    """The size most of a line's letters are set in: a comma in a larger font (`11` in a
    line of `10`) does not make the line another size, which would break its paragraph."""
    sizes: Counter[float] = Counter()
    for piece in pieces:
        if not piece.raised:
            sizes[piece.size] += len(piece.text.strip())
    return max(sizes, key=lambda size: (sizes[size], size)) if sizes else 0.0


def _body_size(lines: list[_Line]) -> float:
    """The size most of the text is set in (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        for piece in line.pieces:
            if not piece.raised:
                sizes[piece.size] += len(piece.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


# --- running heads, footnote areas ------------------------------------------------------

def _shape(line: _Line) -> str:
    """A line's text with its digits blurred, so "3/10" on one page matches "4/10"."""
    return re.sub(r"\d+", "#", line.text)


def _sort_pages(pages: list[list[_Line]], body_size: float) -> tuple[list[_Page], dict[str, Any]]:
    """Split each page into running head and foot, body, and footnote area."""
    edges: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        for line in {id(x): x for x in lines[:2] + lines[-2:]}.values():
            edges[_edge(line)] += 1
    meta: dict[str, Any] = {}
    out: list[_Page] = []
    for number, lines in enumerate(pages, 1):
        page = _Page(number)
        rest = list(lines)
        while rest and (_is_foot(rest[-1]) or (any(rest[-1] is x for x in lines[-2:]) and
                        _is_furniture(rest[-1], edges, len(pages)))):
            page.furniture.append(rest.pop())  # the foot: page and job numbers, barcode
        head = _running_head(rest, body_size) if number > 1 else 0
        while head < min(2, len(rest)) and _is_furniture(rest[head], edges, len(pages)):
            head += 1  # a running head set in the text's size, repeated on every page
        page.furniture.extend(rest[:head])
        rest = rest[head:]
        rule = next((i for i, x in enumerate(rest) if _RULE.fullmatch(x.text)), None)
        if rule is not None:  # the footnote rule: the notes are below it
            page.furniture.append(rest[rule])
            page.ruled = True
            page.body, page.notes = rest[:rule], rest[rule + 1:]
        else:  # no rule: the text ends at its last line in the body's size
            end = max((i for i, x in enumerate(rest) if x.size >= 0.92 * body_size),
                      default=-1) + 1
            page.body, page.notes = rest[:end], rest[end:]
        out.append(page)
        for line in page.furniture:
            found = printed_symbol(line.text)
            if found and edges[_edge(line)] > 1:
                meta.setdefault("symbol", found)
    return out, meta


def _edge(line: _Line) -> tuple[str, int]:
    """A line at a page's edge as a running head or foot repeats it: text and height."""
    return _shape(line), round(line.base / 4)


def _running_head(lines: list[_Line], body_size: float) -> int:
    """How many of a page's first lines are its running head: the small print above the text
    (the symbol, a title over up to three lines), set apart from it by more than a line."""
    first = next((i for i, x in enumerate(lines) if x.size >= 0.92 * body_size), None)
    if not first:
        return 0
    if lines[first - 1].base - lines[first].base < 1.5 * body_size:
        return 0  # small print that runs into the text (a note, a table) is the text's
    return first


def _is_furniture(line: _Line, edges: Counter[tuple[str, int]], pages: int) -> bool:
    """A running head or foot: repeated at the same height on other pages, or a page or
    job number on its own."""
    if pages > 1 and edges[_edge(line)] > 1:
        return True
    return _is_foot(line)


def _is_foot(line: _Line) -> bool:
    """A line of a page's foot: page number, job number, barcode digits, "Please recycle"."""
    text = line.text
    return bool(PAGE_NUMBER.fullmatch(text) or JOB_NUMBER.fullmatch(text) or
                _RECYCLE.fullmatch(text))


def _note_start(line: _Line, last: str | None, edge: float | None
                ) -> tuple[str, list[_Piece]] | None:
    """A footnote text's number and the rest of its line, when the line begins one.

    A note's second line may open with a figure too (`2013 (S/INF/68).`, `3` of `3–14 June`):
    where the numbers hang left of the notes' text (`edge`), a line that starts at the text
    goes on; a number set on the line (as LibreOffice sets them) begins a note only when it is
    the next one after the note `last`."""
    first = line.pieces[0]
    if edge is not None and line.x0 > edge - 1.0:
        return None
    number = first.text.strip()
    if first.raised and number.isdigit():
        return number, line.pieces[1:]
    # isdecimal, not isdigit: a raised `²` taken for a number is no figure int() reads
    due = last is None or (last.split("-", 1)[0].isdecimal() and
                           first.text.lstrip().startswith(str(int(last.split("-", 1)[0]) + 1)))
    if not due:
        return None
    if number.isdigit() and len(line.pieces) > 1:
        return number, line.pieces[1:]
    m = re.match(r"(\d{1,3})\s+(?=\S)", first.text)
    if m and not first.raised:
        rest = _Piece(first.text[m.end():], first.x0, first.x1, first.base, first.size,
                      first.italic)
        return m.group(1), [rest, *line.pieces[1:]]
    return None


def _note_edge(pages: list[_Page]) -> float | None:
    """Where the notes' text starts when their raised numbers hang left of it (the
    Secretariat's layout), or None."""
    starts = sorted(line.pieces[1].x0 for page in pages for line in page.notes
                    if len(line.pieces) > 1 and line.pieces[0].raised and
                    line.pieces[0].text.strip().isdigit())
    if not starts:
        return None
    edge = starts[len(starts) // 2]
    numbers = [line.x0 for page in pages for line in page.notes if line.pieces[0].raised]
    return edge if numbers and min(numbers) < edge - 2.0 else None


def _notes(pages: list[_Page], notify: Notify) -> tuple[dict[str, str], dict[tuple[int, str], str]]:
    """Footnote texts by key, and (page, printed number) -> key for the marks in the body.

    A note that runs over the foot of a page goes on at the top of the next page's area."""
    notes: dict[str, list[str]] = {}
    marks: dict[tuple[int, str], str] = {}
    last: str | None = None
    edge = _note_edge(pages)
    ruled = any(page.ruled for page in pages)
    for page in pages:
        if ruled and not page.ruled:
            # where the notes stand under a rule, small print on a page without one is the
            # text's (a table), never a note going on from the page before
            last = None
        for line in page.notes:
            start = _note_start(line, last, edge)
            if start:
                number, pieces = start
                last = number if number not in notes else f"{number}-p{page.number}"
                notes[last] = []
                marks[(page.number, number)] = last
            elif last is None or _STARRED.match(line.text) or (ruled and not page.ruled):
                # the note on a cover's asterisk (`* On behalf of ...`), or small print of no
                # kind: the classifier reads it; a later line goes on with it, not a footnote
                if not page.aside:
                    notify(f"page {page.number}: small print below the text that is not a "
                           "numbered footnote was kept as text")
                page.aside.append(line)
                last = None
                continue
            else:
                pieces = line.pieces
            notes[last].append(_SPACE.sub(" ", "".join(p.text for p in pieces)).strip())
    return {key: _join_texts(parts) for key, parts in notes.items()}, marks


def _join_texts(lines: list[str]) -> str:
    """Lines of one paragraph as one text: a hyphen at a line end keeps the word whole."""
    out = ""
    for line in lines:
        if not line:
            continue
        out = line if not out else out + ("" if _joins_tight(out, line) else " ") + line
    return out


def _joins_tight(before: str, after: str) -> bool:
    """A line ending in a hyphen inside a word ("peace-" / "building", "ICC-" / "ASP")
    runs on without a space; a dash standing alone ("the Court -") does not."""
    return before.endswith("-") and len(before) > 1 and not before[-2].isspace() and \
        bool(after) and not after[0].isspace()


# --- paragraphs ----------------------------------------------------------------------------

@dataclass
class _Layout:
    """What the whole document says about its body: line pitch per size, margins."""

    pitch: dict[float, float]
    left: float
    right: float
    word_gap: float = 0.2  # a gap between pieces wider than this (times the size) is a space

    @classmethod
    def of(cls, pages: list[_Page]) -> _Layout:
        """Learn the layout from the body lines of every page."""
        gaps: dict[float, Counter[float]] = {}
        lefts: Counter[int] = Counter()
        ends: list[float] = []
        for page in pages:
            for a, b in pairwise(page.body):
                if a.size == b.size and a.base - b.base > 0.5 * a.size:
                    gaps.setdefault(a.size, Counter())[round((a.base - b.base) * 2) / 2] += 1
            for line in page.body:
                lefts[round(line.x0)] += 1
                ends.append(line.x1)
        # a size seen on a few lines only (a title, the annex heading) keeps the usual
        # single spacing: its gaps are as likely to be between paragraphs as lines; two
        # lines side by side (the cover's symbol against the margin) have no gap at all
        pitch = {size: min(g for g, n in counts.items() if n >= counts.most_common(1)[0][1] / 3)
                 for size, counts in gaps.items() if counts.most_common(1)[0][1] >= 3}
        left = float(lefts.most_common(1)[0][0]) if lefts else 0.0
        # the right edge of the text: where the longest tenth of lines end (justified text
        # ends there), not the furthest line, which may be the cover's symbol in the margin
        ends.sort()
        right = ends[int(0.9 * (len(ends) - 1))] if ends else 0.0
        return cls(pitch, left, right, _word_gap(pages))

    def indented(self, line: _Line) -> bool:
        """Whether a line starts right of the text's left edge (a first-line indent)."""
        return line.x0 > self.left + 0.5 * line.size

    def centred(self, line: _Line) -> bool:
        """Whether a line stands in the middle of the measure (a heading), clear of both
        edges: a full line set in a little is not centred."""
        before, after = line.x0 - self.left, self.right - line.x1
        return min(before, after) > 2 * line.size and abs(before - after) < 2 * line.size

    def full(self, line: _Line, next_word: str) -> bool:
        """Whether the line was broken because the next word did not fit (so it runs on): it
        spans the measure, from the left edge (or a first-line indent) to the right edge; a
        line set against the right margin (the meeting line's date) does not run on."""
        return line.x1 + (len(next_word) + 1) * 0.5 * line.size >= self.right - 1 and \
            line.x0 < self.left + 4 * line.size


def _word_gap(pages: list[_Page]) -> float:
    """How wide a gap between two pieces of a line must be to be a word space.

    A PDF that sets its word spaces as characters (the Secretariat's, LibreOffice's: most
    pieces hold spaces) cuts words at kerning and justification too, with gaps up to a
    quarter of the size (`public|ations`, `1|0 December`): there only a wide gap is a space.
    A PDF that places each word apart has no spaces to go by: a fifth of the size is one."""
    spaced = total = 0
    for page in pages:
        for line in page.body:
            for piece in line.pieces:
                if not piece.raised:
                    total += 1
                    spaced += " " in piece.text.strip()
    return 0.5 if total and spaced >= total / 2 else 0.2


def _chapeau_line(pages: list[_Page]) -> _Line | None:
    """The chapeau (`The Assembly of States Parties,`), a paragraph of its own whatever the
    spacing around it: a line of the first page's head that is one, with its comma.

    The head ends at the first line that ends as a paragraph's does or opens with a lead: a
    text without a chapeau may wrap a line that looks like one (`The Hague Working Group,`).
    """
    for line in pages[0].body[:HEAD_LINES] if pages else ():
        text = line.text.strip()
        m = CHAPEAU.fullmatch(text)
        if m and m.group("comma"):
            return line
        if text.endswith(PARAGRAPH_ENDS) or find_lead(text):
            return None
    return None


def _breaks(a: _Line, b: _Line, layout: _Layout) -> bool:
    """Whether line `b` starts a new paragraph after line `a` on the same page."""
    if abs(a.size - b.size) > 0.5 or b.base > a.base - 0.5 * b.size:
        return True  # another size, or the other column of one line (the cover's symbol)
    pitch = layout.pitch.get(a.size, 1.2 * a.size)
    if a.base - b.base > 1.25 * pitch:
        return True
    if _STARRED.match(b.text):
        return True  # each note on an asterisk is a paragraph of its own
    a_text = a.text
    ended = a_text.endswith(PARAGRAPH_ENDS)
    if _LABEL.match(b.text) and ended:
        return True
    words = b.text.split(" ", 1)
    return ended and layout.indented(b) and not layout.full(a, words[0])


def _page_blocks(pages: list[_Page], marks: dict[tuple[int, str], str],
                 notify: Notify) -> list[Block]:
    """Body lines -> blocks; a paragraph that a page break cut in two is joined again."""
    layout = _Layout.of(pages)
    blocks: list[Block] = []
    chapeau = _chapeau_line(pages)
    asides: list[Block] = []  # small print below a page's text, after that page's blocks
    for page in pages:
        for at, group in enumerate(_groups(page.body, layout, chapeau)):
            block = _block(group, marks, notify, layout.word_gap)
            block.inset = all(layout.indented(x) and not layout.centred(x) for x in group)
            block.lefts = tuple(x.x0 for x in group) if all(map(layout.indented, group)) \
                else ()
            if at == 0 and blocks and _runs_on(blocks[-1], block, layout, notify):
                blocks[-1] = _joined(blocks[-1], block)
                blocks.extend(asides)  # the page's small print after its last paragraph
            else:
                blocks.extend(asides)
                blocks.append(block)
            asides = []
        asides.extend(_block(group, marks, notify, layout.word_gap)
                      for group in _groups(page.aside, layout, None))
    blocks.extend(asides)
    _list_items(blocks, notify)
    return blocks


def _groups(lines: list[_Line], layout: _Layout, chapeau: _Line | None) -> list[list[_Line]]:
    """A page's lines in paragraphs: a line goes on the one before unless the layout breaks."""
    groups: list[list[_Line]] = []
    for line in lines:
        if groups and not _breaks(groups[-1][-1], line, layout) and \
                line is not chapeau and groups[-1][-1] is not chapeau:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _list_items(blocks: list[Block], notify: Notify) -> None:
    """Unlabelled items of a list that a paragraph opens with a colon (`as follows:`), set
    in from the left edge on every line, are one level below the paragraph that opens it."""
    level = 0  # the level of the list's items, while a list goes on
    columns = _item_columns(blocks)
    for block in blocks:
        assert isinstance(block, _PdfBlock)
        text = block.text.strip()
        inset = block.inset or (bool(block.lefts) and all(round(x) in columns
                                                          for x in block.lefts))
        if level and inset and not _LABEL.match(text):
            block.level = level
            first = block.runs[0] if block.runs else None
            bullet = _BULLET.match(first.text) if first is not None else None
            if first is not None and bullet and first.note is None:
                # the bullet is the item's label, as `(a)` is: not its words
                block.runs[0] = Run(first.text[bullet.end():], first.italic)
            continue
        level = 0
        if text.endswith(":"):
            level = 2 if re.match(r"\([a-z]{1,4}\) ", text) else 1
    for prev, block in pairwise(blocks):
        if block.level and not prev.level:
            notify(f"page {block.line}: lines set in without a label after "
                   f"\u2026{prev.text.strip()[-25:]} read as the items of its list")


def _item_columns(blocks: list[Block]) -> set[int]:
    """Where the lines of list items start: a short item set in at that column may stand
    as far from both edges as a centred title (`Tuesday, 10 June: panel 3 ...`), and is an
    item all the same. Each column is given with its neighbours, for a point's wobble."""
    return {round(x) + d for b in blocks if isinstance(b, _PdfBlock) and b.inset
            for x in b.lefts for d in (-1, 0, 1)}


@dataclass
class _PdfBlock(Block):
    """A block that remembers its first and last line, to judge a page break."""

    first: _Line | None = None
    last: _Line | None = None
    inset: bool = False  # every line set in from the left edge (an item of a list)
    lefts: tuple[float, ...] = ()  # where each line starts, when every one is set in


def _runs_on(prev: Block, block: Block, layout: _Layout, notify: Notify) -> bool:
    """Whether the first block of a page is the rest of the last block of the page before."""
    assert isinstance(prev, _PdfBlock) and isinstance(block, _PdfBlock)
    before, after = prev.text.rstrip(), block.text.lstrip()
    if not before or not after or _LABEL.match(after):
        return False
    lower = after[0].islower()
    assert prev.last is not None and block.first is not None
    if before.endswith(SENTENCE_ENDS):
        # a paragraph opens indented and with a capital; words at the left edge in lower
        # case go on the paragraph before, whose sentence went on after a semicolon
        if lower and not layout.indented(block.first) and before.endswith(";"):
            notify(f"page {block.line}: the page opens in lower case at the left edge "
                   f"({after[:30]}\u2026); read as the rest of the paragraph before")
            return True
        if layout.full(prev.last, after.split(" ", 1)[0]) and \
                not layout.indented(block.first) and after.endswith(PARAGRAPH_ENDS) and \
                not _NAMED_LABEL.match(after):
            # a full line ends the page, and the next opens unlabelled at the left edge
            # and ends as a paragraph does: the paragraph's next sentence, not a heading
            notify(f"page {block.line}: the page opens unlabelled at the left edge after a "
                   f"full line ({after[:30]}\u2026); read as the rest of the paragraph before")
            return True
        return False
    if lower:
        return True
    if layout.full(prev.last, after.split(" ", 1)[0]) and not layout.indented(block.first):
        return True  # a full line, and the page opens at the left edge, not indented
    if before.endswith(","):
        return False
    if layout.full(prev.last, after.split(" ", 1)[0]):
        notify(f"page {block.line}: the text before the page break ends without punctuation "
               f"(\u2026{before[-30:]}); the next paragraph was kept apart")
    return False


def _joined(prev: Block, block: Block) -> Block:
    """Two blocks as one, joined like two lines of a paragraph."""
    assert isinstance(prev, _PdfBlock) and isinstance(block, _PdfBlock)
    glue = "" if _joins_tight(prev.text.rstrip(), block.text.lstrip()) else " "
    runs = _tidy([*prev.runs, Run(glue), *block.runs])
    return _PdfBlock(runs, line=prev.line, lines=prev.lines + block.lines, first=prev.first,
                     bold=prev.bold and block.bold,
                     last=block.last, inset=prev.inset and block.inset)


def _block(lines: list[_Line], marks: dict[tuple[int, str], str], notify: Notify,
           word_gap: float) -> _PdfBlock:
    """One paragraph's lines -> a block of runs, footnote marks as note runs."""
    runs: list[Run] = []
    text = ""
    for line in lines:
        line_runs = _line_runs(line, marks, notify, word_gap)
        line_text = "".join(r.text for r in line_runs).strip()
        if text and line_text:
            glue = "" if _joins_tight(text.rstrip(), line_text) else " "
            runs.append(Run(glue))
            text = text.rstrip() + glue
        runs.extend(line_runs)
        text += line_text
    # bold throughout: every piece with letters (a mark's number may be set upright)
    bold = all(p.bold for x in lines for p in x.pieces if not p.raised and p.text.strip())
    return _PdfBlock(_tidy(runs), line=lines[0].page, lines=tuple(x.text for x in lines),
                     bold=bold,
                     first=lines[0], last=lines[-1])


def _line_runs(line: _Line, marks: dict[tuple[int, str], str], notify: Notify,
               word_gap: float = 0.2) -> list[Run]:
    """A line's pieces as runs: a gap between pieces is a space, a raised number a mark.

    A mark stands between two words, and the word space goes after it whether the gap is set
    before the mark, after it or inside its own text (`Court,5 and`, `Court,5and`): a mark is
    never inside a word, so only punctuation runs on after it (`Statute5,`).
    """
    runs: list[Run] = []
    prev: _Piece | None = None
    gap = False  # a word space seen since the last word (beside a mark, say)
    for at, piece in enumerate(line.pieces):
        if runs and runs[-1].note is not None and piece.text.strip() == "," and \
                at + 1 < len(line.pieces) and line.pieces[at + 1].raised:
            continue  # the comma between two marks (`conflict,10,11`) is the marks'
        # a word space is a quarter of the size; an italic letter's box can end short of
        # its advance, so the gap before the next letter is not quite zero
        if prev is not None and piece.x0 - prev.x1 > _gap_needed(prev, piece, word_gap):
            gap = True
        if piece.raised:
            number = piece.text.strip()
            key = marks.get((line.page, number))
            if key is not None:
                runs.append(Run("", note=key))
                gap = gap or bool(_SPACE.search(piece.text)) or prev is not None
            else:
                if number.isdigit():
                    notify(f"page {line.page}: raised {number} has no footnote text at the foot "
                           "of the page; kept as text")
                runs.append(Run(number))
            prev = piece
            continue
        text = piece.text
        if _CLOSING.match(text):
            # no word space before a comma or full stop: a gap there is the glyph's box (a
            # label's `1` set apart from its `.`), or a mark set before the comma (`Statute5,`)
            gap = False
        if gap and runs and not text[:1].isspace():
            text = " " + text
        elif prev is not None and not prev.raised and _space_taken_back(prev, piece):
            runs[-1] = Run(runs[-1].text[:-1], runs[-1].italic)
        runs.append(Run(text, italic=piece.italic))
        prev, gap = piece, False
    return runs


def _gap_needed(before: _Piece, after: _Piece, word_gap: float) -> float:
    """How wide the gap between two pieces of a line must be to be a word space. A word
    of letters and a number set a visible gap apart (`December|1960`, a word space set as a
    gap in a PDF that otherwise sets spaces as characters) are two words: a kerning cut
    falls inside a word, between letters or between digits."""
    size = min(before.size, after.size)
    if before.text[-1:].isalpha() and after.text[:1].isdigit() and not before.raised and \
            not after.raised:
        return min(word_gap, 0.15) * size
    return word_gap * size


def _space_taken_back(before: _Piece, after: _Piece) -> bool:
    """Whether the space that ends `before` is no word space: the next piece starts inside
    it (`self- |determination`: the typesetter set a space, then moved back over it) or,
    where pdfium did not say where the space stands, the space looks made up (below)."""
    if before.space is None:
        return _inside_word(before, after)
    # an italic letter's box reaches back over the space before it (`Recognizing |further`)
    return before.text.endswith(" ") and not (before.italic or after.italic) and \
        after.x0 < before.space + 0.1 * before.size


def _inside_word(before: _Piece, after: _Piece) -> bool:
    """Whether the space that ends `before` is one pdfium made up between two pieces of one
    word (`public |ations`, `Secretary |-General`): the pieces stand closer than a word space
    (a fifth of the size; upright letters, whose boxes are their advances) and the word goes
    on in lower case or a hyphen."""
    text, nxt = before.text, after.text
    if len(text) < 2 or text[-1] != " " or not (text[-2].isalpha() or text[-2] == "-"):
        return False
    if nxt[:1] != "-" and len(text.split()[-1]) < 3:
        return False  # `of |the`: a word of one or two letters stands whole more often
    if not (nxt[:1].islower() or nxt[:1] == "-") or before.italic or after.italic:
        return False
    return after.x0 - before.x1 < 0.195 * min(before.size, after.size)


def _tidy(runs: list[Run]) -> list[Run]:
    """One space between words, none at the ends, no italic spaces; like runs merged."""
    out: list[Run] = []
    for run in runs:
        if run.note is not None:
            out.append(run)
            continue
        text = run.text
        if "  " in text or "\t" in text or "\n" in text or "\r" in text:
            text = _SPACE.sub(" ", text)
        # the text before a mark ends where the mark stands: a space there is the words'
        tail = next((r.text for r in reversed(out) if r.note is None), "")
        if text.startswith(" ") and (tail.endswith(" ") or not tail):
            text = text[1:]
        if not text:
            continue
        italic = run.italic and bool(text.strip())
        if italic and text != text.lstrip():
            out.append(Run(" "))
            text = text.lstrip()
        trail = italic and text != text.rstrip()
        text = text.rstrip() if trail else text
        if out and out[-1].note is None and out[-1].italic == italic:
            out[-1] = Run(out[-1].text + text, italic)
        else:
            out.append(Run(text, italic))
        if trail:
            out.append(Run(" "))
    while out and out[-1].note is None and not out[-1].text.strip():
        out.pop()
    if out and out[-1].note is None:
        out[-1] = Run(out[-1].text.rstrip(), out[-1].italic)
    return out
