"""Undo what copying out of a PDF does to a resolution's text, saying so where it guesses.

A PDF viewer or `pdftotext` gives the page as printed: a running head and foot on every page
(the symbol, a short title, the job number, the page number), the footnote texts at the foot
of the page, their marks glued to the words (`Statute2`, `Parties,5 and`, `Treaty 6and`),
and paragraphs cut in two by page breaks. `repair` takes the lines of a plain-text file and
gives back its blocks with the page furniture gone, the broken paragraphs joined, and each
footnote's mark turned into `[^pdfN]` with its text in `notes`.
"""

from __future__ import annotations

import itertools
import re

from asp_draft.facts import parse_long_date
from asp_draft.heads import SYMBOL_LINE
from asp_draft.labels import OPERATIVE, SUB
from asp_draft.leads import find_lead
from asp_draft.structure import ANNEX_LINE, Notify

Lines = list[tuple[int, str]]  # (line number in the file, the line)
_BREAK = "\f"
_ENDS = (",", ";", ".", ":")
_CHAPEAU = re.compile(r"The [A-Z][^.;:]{2,80},?")
_PAGE_NUMBER = re.compile(r"(?:[-–] ?)?\d{1,4}(?: ?[-–])?|\d{1,4} ?/ ?\d{1,4}|Page \d+(?: of \d+)?")
_JOB = re.compile(r"(?:\d{1,4}/\d{1,4}\s+)?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\d{6})?"
                  r"(?:\s+\d{1,4}/\d{1,4})?(?:\s+\*\d+\*)?|\*\d{5,}\*")
# A running head: the symbol and the short title (or the title and the symbol) on one line.
_HEAD_WITH_SYMBOL = re.compile(
    rf"(?:{SYMBOL_LINE.pattern})\s+\S.*|.*\S\s+(?:{SYMBOL_LINE.pattern})")
_NOTE_LINE = re.compile(r"(?P<num>\d{1,3})\s+(?P<text>(?!bis\b|ter\b)[^\s.].*)")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_GLUED_END = re.compile(r"([,;.:]) ?\d{1,3}$")  # `Court,3`: a paragraph's end and a mark
_FUNCTION_WORDS = frozenset(  # a page break after these words is never a heading's end
    "a an and as at by for from in into of on or the to with which that its their".split())  # noqa: SIM905
# Words after which a number belongs to the sentence, never to a footnote mark.
_NUMBER_TAKERS = frozenset("""
    article articles paragraph paragraphs para paras rule rules resolution resolutions decision
    decisions annex annexes chapter chapters section sections part parts item items page pages
    no no. number volume vol vol. session principle principles recommendation recommendations
    goal goals target targets and or to of in on within from than by at for over under about
    some nearly all its the
""".split())  # noqa: SIM905
_UNITS = re.compile(r"(?:per|percent|%|years?|months?|weeks?|days?|hours?|times|States|"
                    r"members?|countries|persons|people|cases|million|billion|January|February|"
                    r"March|April|May|June|July|August|September|October|November|December)\b")


def repair(lines: Lines, notes: dict[str, str], source: str, notify: Notify) -> list[Lines]:
    """The blocks of the text with PDF page furniture dropped, paragraphs broken by a page
    joined, and footnote texts found at page feet tied to their marks in `notes`."""
    marked = _pages(lines)
    head_end = _head_end(marked)
    body = _drop_furniture(marked, head_end, source, notify)
    lines = _labels_on_their_lines(marked[:head_end] + body)
    dense = _without_blank_lines(lines)
    split = _split_paragraphs(lines, loose=dense)
    if len(split) > len(lines):
        notify(f"{source}: paragraphs ran together without blank lines; they were told apart "
               "by their line ends and lead words (a guess: check where a line ends in a comma)")
    lines = split
    blocks = _blocks(lines)
    blocks, found = _page_notes(blocks)
    blocks = _join(blocks, head_end, source, notify)
    if found:
        _place_marks(blocks, found, notes, source, notify)
    return [[(n, t) for n, t in b if t != _BREAK] for b in blocks if any(t != _BREAK
                                                                             for _, t in b)]


def _pages(lines: Lines) -> Lines:
    """Lines with every form feed (a page break in pdftotext's output) as a line of its own."""
    out: Lines = []
    for number, line in lines:
        pieces = line.split(_BREAK)
        for i, piece in enumerate(pieces):
            if i:
                out.append((number, _BREAK))
            if piece.strip() or not i:
                out.append((number, piece))
    return out


def _head_end(lines: Lines) -> int:
    """Where the chapeau line stands (the head before it is never page furniture)."""
    seen = 0
    for at, (_, line) in enumerate(lines):
        if line.strip():
            seen += 1
            if _CHAPEAU.fullmatch(line.strip()):
                return at
            if seen > 60:
                break
    return 0


def _drop_furniture(lines: Lines, head_end: int, source: str, notify: Notify) -> Lines:
    """The body lines with running heads, feet and page numbers replaced by page breaks."""
    head = {" ".join(t.split()) for _, t in lines[:head_end] if t.strip()}
    counts: dict[str, int] = {}
    for _, line in lines[head_end:]:
        key = " ".join(line.split())
        counts[key] = counts.get(key, 0) + 1
    out: Lines = []
    dropped: list[str] = []
    for number, line in lines[head_end:]:
        key = " ".join(line.split())
        if key and _is_furniture(key, counts[key], key in head):
            dropped.append(key)
            line = _BREAK
        if line == _BREAK and out and out[-1][1] == _BREAK:
            continue
        out.append((number, line))
    if dropped:
        shown = ", ".join(repr(d) for d in dict.fromkeys(dropped))
        notify(f"{source}: dropped {len(dropped)} page line(s) as running heads, feet and "
               f"page numbers: {shown[:160]}")
    return out


_LONE_LABEL = re.compile(r"\d{1,3}(?: [a-z]+)?\.|\([a-z]{1,4}\)")


def _labels_on_their_lines(lines: Lines) -> Lines:
    """`1.` or `(a)` alone on a line (a tab after the number, as Word sets it) joined with the
    paragraph's first line after it."""
    out: Lines = []
    label: tuple[int, str] | None = None
    for number, line in lines:
        text = line.strip()
        if label is not None and text and text != _BREAK:
            out.append((label[0], f"{label[1]} {text}"))
            label = None
            continue
        if _LONE_LABEL.fullmatch(text):
            label = (number, text)
            continue
        if label is None or text == _BREAK:
            out.append((number, line))
    if label is not None:
        out.append(label)
    return out


def _without_blank_lines(lines: Lines) -> bool:
    """A copy that runs its paragraphs together (as most PDF viewers copy them)."""
    text = [t for _, t in lines if t != _BREAK]
    blank = sum(1 for t in text if not t.strip())
    return len(text) - blank > 3 and blank * 10 < len(text) - blank


def _split_paragraphs(lines: Lines, *, loose: bool) -> Lines:
    """Blank lines put where a line ends a paragraph: after its closing punctuation before a
    capital or a label, around the chapeau, after a date line."""
    out: Lines = []
    previous = ""
    for number, line in lines:
        text = line.strip()
        if text and text != _BREAK and previous and _ends_paragraph(previous, text, loose):
            out.append((number, ""))
        out.append((number, line))
        previous = text  # a blank line already parts two paragraphs
    return out


def _ends_paragraph(before: str, line: str, loose: bool) -> bool:
    if before == _BREAK:
        return False
    if OPERATIVE.fullmatch(line) or SUB.fullmatch(line) or _CHAPEAU.fullmatch(before) or \
            _CHAPEAU.fullmatch(line) or parse_long_date(before) is not None:
        return True
    ended = before.endswith(_ENDS) or _GLUED_END.search(before)
    if not ended:
        return False
    if not loose:  # blank lines are the rule here: split only before a paragraph's lead
        return find_lead(line) is not None
    return line[:1].isupper() or line[:1].isdigit() or line[:1] in "(["


def _is_furniture(line: str, count: int, in_head: bool) -> bool:
    if _PAGE_NUMBER.fullmatch(line) or _JOB.fullmatch(line) or SYMBOL_LINE.fullmatch(line):
        return True
    if _HEAD_WITH_SYMBOL.fullmatch(line) and not line.endswith(_ENDS):
        return True
    if OPERATIVE.fullmatch(line) or SUB.fullmatch(line) or line.endswith(_ENDS):
        return False
    return len(line) <= 90 and (count >= 2 or in_head)


def _blocks(lines: Lines) -> list[Lines]:
    """Blocks separated by blank lines; a page break ends a block and stands as its own."""
    blocks: list[Lines] = []
    current: Lines = []
    for number, line in lines:
        if line == _BREAK or not line.strip():
            if current:
                blocks.append(current)
                current = []
            if line == _BREAK:
                blocks.append([(number, _BREAK)])
            continue
        current.append((number, line.strip()))
    if current:
        blocks.append(current)
    return blocks


def _page_notes(blocks: list[Lines]) -> tuple[list[Lines], dict[int, tuple[str, int]]]:
    """Footnote texts at the foot of a page (or after the last paragraph) taken out of the
    blocks: {number: (text, index of the first block after them)}."""
    found: dict[int, tuple[str, int]] = {}
    keep = [True] * len(blocks)
    for at in range(len(blocks), -1, -1):
        if at < len(blocks) and blocks[at][0][1] != _BREAK:
            continue
        # the blocks just before a page break (or the end) that open with a note's number
        start = at
        while start > 1 and _is_note_block(blocks[start - 1]):
            start -= 1
        for i in range(start, at):
            keep[i] = False
            current: int | None = None
            for _, line in blocks[i]:
                m = _NOTE_LINE.fullmatch(line)
                if m and (current is None or current < int(m.group("num")) <= current + 5):
                    current = int(m.group("num"))
                    found[current] = (m.group("text"), at)
                elif current is not None:
                    text, where = found[current]
                    found[current] = (f"{text} {line}", where)
    if not _in_order(sorted(found)):
        return blocks, {}
    return [b for b, k in zip(blocks, keep, strict=True) if k], found


def _is_note_block(block: Lines) -> bool:
    m = _NOTE_LINE.fullmatch(block[0][1])
    return bool(m) and block[0][1] != _BREAK and parse_long_date(block[0][1]) is None \
        and not OPERATIVE.fullmatch(block[0][1])


def _in_order(numbers: list[int]) -> bool:
    return bool(numbers) and all(a < b <= a + 5 for a, b in itertools.pairwise(numbers))


def _join(blocks: list[Lines], head_end: int, source: str, notify: Notify) -> list[Lines]:
    """Paragraphs that a page break (or a copy's stray blank line) cut in two, joined."""
    out: list[Lines] = []
    operative = False
    broken = False
    past_chapeau = False
    title_next = False
    sealed = 0  # blocks up to this count are never continued
    for block in blocks:
        if block[0][1] == _BREAK:
            broken = True
            continue
        text = " ".join(t for _, t in block)
        starts_label = bool(OPERATIVE.fullmatch(text) or SUB.fullmatch(text))
        joinable = out and len(out) > sealed and past_chapeau and not starts_label
        if joinable and _continues(out[-1], text, operative, broken):
            if broken:
                tail = " ".join(out[-1][-1][1].split()[-3:])
                notify(f"{source}:{block[0][0]}: joined a paragraph cut by a page break "
                       f"after '…{tail}'")
            out[-1] = out[-1] + block
            broken = False
            continue
        if _CHAPEAU.fullmatch(text):
            past_chapeau = True
        operative = operative or bool(OPERATIVE.fullmatch(text))
        if ANNEX_LINE.fullmatch(text):
            operative = True  # an annex has headings, as the operative part has
            title_next = True
        out.append(block)
        if title_next and not ANNEX_LINE.fullmatch(text):
            title_next = False
            sealed = len(out)  # an annex's title: the paragraph after it is its own
        broken = False
    del head_end
    return out


def _continues(prev: Lines, text: str, operative: bool, broken: bool) -> bool:
    """Whether `text` is the rest of the paragraph `prev`."""
    last = _GLUED_END.sub(r"\1", _FOOTNOTE_REF.sub("", " ".join(t for _, t in prev)))
    if _CHAPEAU.fullmatch(last) or _FOOTNOTE_REF.search(prev[-1][1]) or ANNEX_LINE.fullmatch(
            last) or ANNEX_LINE.fullmatch(text):
        return False
    if last.endswith((";", ".", ":")):
        return False
    if last.endswith(","):
        return broken and text[:1].islower()
    if text[:1].islower():
        return True
    if not operative:
        return True  # no headings in a preamble: an unfinished paragraph goes on
    return last.rsplit(" ", 1)[-1] in _FUNCTION_WORDS


def _place_marks(blocks: list[Lines], found: dict[int, tuple[str, int]], notes: dict[str, str],
                 source: str, notify: Notify) -> None:
    """Find each footnote's mark, in order, in the text before its page foot."""
    texts = [" ".join(t for _, t in b) for b in blocks]
    block, offset = 0, 0
    for number in sorted(found):
        note, _ = found[number]
        hit = _find_mark(texts, number, block, offset)
        key = f"pdf{number}"
        notes[key] = note
        if hit is None:
            # the mark is lost in the copy: the note stays, at the end of the paragraph last read
            at = max(block, 0)
            texts[at] = texts[at] + f"[^{key}]"
            notify(f"{source}: the mark of footnote {number} was not found; its text is "
                   f"put at the end of the paragraph at line {blocks[at][0][0]}")
            continue
        block, start, end, how, glue = hit
        texts[block] = texts[block][:start] + f"[^{key}]{glue}" + texts[block][end:]
        offset = start + len(key) + 3
        if how:
            notify(f"{source}:{blocks[block][0][0]}: read {how} as the mark of footnote "
                   f"{number}")
    for i, text in enumerate(texts):
        if text != " ".join(t for _, t in blocks[i]):
            blocks[i] = [(blocks[i][0][0], text)]


def _find_mark(texts: list[str], number: int, block: int,
               offset: int) -> tuple[int, int, int, str, str] | None:
    """(block, start, end, what was guessed, a space to keep) of the mark `number` at or
    after the position."""
    glued = re.compile(rf"(?<=[^\s\d/.\-–])(?P<n>{number})(?=[\s,.;:)]|[a-z]|$)"
                       rf"|(?<=[a-z]\.)(?P<end>{number})(?=$| [A-Z])")
    spaced = re.compile(rf"(?<= )(?P<n>{number})(?=[a-z]| [a-z]|[,;.:]?$)")
    for i in range(block, len(texts)):
        text = texts[i]
        start = offset if i == block else 0
        for pattern, certain in ((glued, True), (spaced, False)):
            for m in pattern.finditer(text, start):
                before = text[:m.start()].rstrip()
                word = before.rsplit(" ", 1)[-1].lower().strip("(")
                after = text[m.end():].lstrip()
                if word in _NUMBER_TAKERS or _UNITS.match(after) or (
                        not certain and not before[-1:].isalpha() and before[-1:] not in ",;)"):
                    continue
                cut_start = len(before) if not certain else m.start()
                how = "" if certain else f"'{number}' after '{word}'"
                glue = " " if text[m.end():m.end() + 1].isalpha() else ""
                return i, cut_start, m.end(), how, glue
    return None
