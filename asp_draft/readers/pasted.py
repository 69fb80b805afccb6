"""Undo what copying out of a PDF does to a resolution's text, saying so where it guesses.

A PDF viewer or `pdftotext` gives the page as printed: a running head and foot on every page
(the symbol, a short title, the job number, the page number), the footnote texts at the foot
of the page, their marks glued to the words (`Statute2`, `Parties,5 and`, `Treaty 6and`),
and paragraphs cut in two by page breaks. pdftotext's copy (pages end in form feeds) adds
its own: footnote numbers printed apart from their texts (a column `1` `2` `3` then the
texts, or each number on a line above its text), a body line printed among the notes, a
note run over to the next page's foot, nested labels printed before their texts, a
paragraph's last line printed before its first, hyphens dropped where it joined a line
broken at one. `repair` takes the lines of a plain-text file and gives back its blocks with
the page furniture gone, the broken paragraphs joined, and each footnote's mark turned into
`[^pdfN]` with its text in `notes`; every guess is said, one line each.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from asp_draft.language import ENGLISH
from asp_draft.readers.pasted_pages import (
    BREAK,
    has_rule,
    is_official,
    official_pages,
    own_symbol,
    split_pages,
)
from asp_draft.readers.pasted_pages import NUMBER_TAKERS as _NUMBER_TAKERS
from asp_draft.readers.pasted_pages import UNITS as _UNITS
from asp_draft.readers.pasted_pages import ends_note as _ends_note
from asp_draft.readers.pasted_pages import join_tight as _join_tight
from asp_draft.readers.pasted_pages import opens_note as _opens_note
from asp_draft.symbols import SYMBOL_LINE
from asp_draft.text.heads import JOB_NUMBER, PAGE_NUMBER, adoption_meta
from asp_draft.text.labels import OPERATIVE, SUB
from asp_draft.text.leads import find_lead
from asp_draft.text.structure import ANNEX_LINE, PARAGRAPH_ENDS, SENTENCE_ENDS, Notify

Lines = list[tuple[int, str]]  # (line number in the file, the line)
_BREAK = BREAK  # a page break in pdftotext's output
_CHAPEAU = re.compile(r"The [A-Z][^.;:]{2,80},?")
# A running head: the symbol and the short title (or the title and the symbol) on one line.
_HEAD_WITH_SYMBOL = re.compile(
    rf"(?:{SYMBOL_LINE.pattern})\s+\S.*|.*\S\s+(?:{SYMBOL_LINE.pattern})")
_NOTE_LINE = re.compile(r"(?P<num>\d{1,3})\s+(?P<text>(?!bis\b|ter\b)[^\s.].*)")
# Patterns only some copies need are strings: `re` compiles (and keeps) each when first used.
_SECTION = r"(?:[A-Z]|[IVXL]+)\.\s+[A-Z]"  # a heading's label: `A. General matters`
_FOOTNOTE_REF = r"\[\^[^\]\s]+\]"
_NOTE_DEF = r"\[\^[^\]\s]+\]:"  # `[^1]: text`, a footnote's text, which goes on no paragraph
_TRAILING_REFS = r"(?:\[\^[^\]\s]+\])+$"
_GLUED_END = r"([,;.:]) ?\d{1,3}$"  # `Court,3`: a paragraph's end and a mark
_HEADING_MAX = 120  # no heading inside a resolution runs longer (they are one or two lines)
_OPENING_LABEL = r"(?:\d{1,3}(?: [a-z]+)?\.|\([a-z]{1,4}\))\s"  # `12.`, `(b)`: no heading's
_FURNITURE_MAX = 160  # a running head or foot is one short line
_FUNCTION_WORDS = frozenset(  # a page break after these words is never a heading's end
    "a an and as at by for from in into of on or the to with which that its their".split())  # noqa: SIM905


def repair(lines: Lines, notes: dict[str, str], source: str, notify: Notify) -> list[Lines]:
    """The text's blocks: page furniture dropped, broken paragraphs joined, notes tied."""
    marked = _pages(lines)
    paged = any(t == _BREAK for _, t in marked)  # pdftotext's copy: pages end in form feeds
    # the Secretariat's page: its head, and the notes under the rule, read as they stand
    official = paged and is_official(marked)
    ruled = official and has_rule(marked)
    if official:
        marked = official_pages(marked, notes, source, notify)
    if paged:
        marked = _restore_hyphens(marked, source, notify)
    if paged and not ruled:
        marked = _page_feet(marked, source, notify)
    if official:
        marked = _spread_words(marked, source, notify)
    body = _drop_furniture(marked, _head_end(marked), source, notify,
                           own=own_symbol(marked) if official else None)
    body = _head_columns(body, _head_end(body))
    lines = _labels_on_their_lines(_first_lines_first(body, source, notify), source, notify)
    dense = _without_blank_lines(lines)
    split = _split_paragraphs(lines, loose=dense, paged=paged)
    if len(split) > len(lines):
        notify(f"{source}: paragraphs ran together without blank lines; they were told apart "
               "by their line ends and lead words (a guess: check where a line ends in a comma)")
    lines = split
    blocks = _blocks(lines)
    blocks, found = _page_notes(blocks) if not ruled else (blocks, {})
    blocks = _join(blocks, source, notify)
    if found:
        _place_marks(blocks, found, notes, source, notify)
    return [_tight_block([(n, t) for n, t in b if t != _BREAK]) for b in blocks
            if any(t != _BREAK for _, t in b)]


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


_HYPHENATED = r"\b([A-Za-z]+)-([A-Za-z]+)\b"


def _restore_hyphens(lines: Lines, source: str, notify: Notify) -> Lines:
    """Hyphens that pdftotext dropped joining a line broken at one (`longterm`) put back."""
    # Only a line longer than any the page sets can be two lines joined; a word in it is
    # restored when the text writes it with the hyphen elsewhere and never without.
    lengths = sorted(len(t.strip()) for _, t in lines if len(t.strip()) > 60)
    if len(lengths) < 5:
        return lines
    longest = lengths[len(lengths) * 3 // 4] * 1.3  # beyond what one printed line holds
    hyphenated: dict[str, str] = {}
    for _, line in lines:
        for m in re.finditer(_HYPHENATED, line):
            hyphenated.setdefault(m.group(1) + m.group(2), m.group(0))
    plain = {w for _, t in lines if len(t.strip()) <= longest for w in re.findall(r"\w+", t)}
    out: Lines = []
    for number, line in lines:
        if len(line.strip()) > longest:
            line = _rehyphenate(line, hyphenated, plain, f"{source}:{number}", notify)
        out.append((number, line))
    return out


def _rehyphenate(line: str, hyphenated: dict[str, str], plain: set[str], where: str,
                 notify: Notify) -> str:
    """The words of one joined line that lost their hyphen, given it back (each said)."""
    def put_back(m: re.Match[str]) -> str:
        """The word with its hyphen, if it lost one."""
        word = m.group(0)
        if word in hyphenated and word not in plain:
            notify(f"{where}: read '{word}' as '{hyphenated[word]}' (a line broken at its "
                   "hyphen was joined without it)")
            return hyphenated[word]
        return word
    return re.sub(r"\b[A-Za-z]+\b", put_back, line)


_FRAGMENT = r"[a-z\d][^\s]*(?: \S+){0,5}"  # a few words that open in lower case or a figure


def _spread_words(lines: Lines, source: str, notify: Notify) -> Lines:
    """Words pdftotext printed apart, one group each below a paragraph, put back in their line.

    A justified line whose words stand far apart comes out short (`Determined`), its words
    after the paragraph, each between blank lines (`to`, `work`, `collectively towards`): they
    go back, in order, at the end of the paragraph's last short line that ends no sentence.
    """
    out: Lines = []
    at = 0
    while at < len(lines):
        pieces, end = _fragments(lines, at)
        block = _block_before(out) if pieces else 0
        target = _spread_line(out, block) if block else None
        if target is None:
            out.append(lines[at])
            at += 1
            continue
        number, text = out[target]
        out[target] = (number, " ".join([text.rstrip(), *pieces]))
        notify(f"{source}:{number}: put back the words {', '.join(repr(p) for p in pieces)} "
               "printed apart from their line (a line whose words stand far apart)")
        at = end
    return out


def _fragments(lines: Lines, at: int) -> tuple[list[str], int]:
    """The one-line groups between blank lines from `at` on, up to a paragraph, and the end."""
    pieces: list[str] = []
    end = at
    while end + 1 < len(lines) and not lines[end][1].strip() and lines[end][1] != _BREAK:
        text = lines[end + 1][1].strip()
        after = lines[end + 2][1] if end + 2 < len(lines) else ""
        if not re.fullmatch(_FRAGMENT, text) or re.fullmatch(_LONE_NUMBER, text) or \
                _is_page_line(text) or after.strip() or text.endswith(SENTENCE_ENDS):
            break
        pieces.append(text)
        end += 2
    return (pieces, end) if pieces and end < len(lines) and not lines[end][1].strip() and \
        _next_opens(lines, end) else ([], at)


def _next_opens(lines: Lines, at: int) -> bool:
    """Whether the next line with text opens a paragraph (its lead or its label)."""
    following = _next_text(lines, at)
    if following is None:
        return True
    text = lines[following][1].strip()
    return bool(find_lead(text) or re.match(_OPENING_LABEL, text) or _LONE_LABEL.fullmatch(text))


def _block_before(out: Lines) -> int:
    """How many lines with text the last lines of `out` hold in a row."""
    count = 0
    while count < len(out) and out[-1 - count][1].strip() and out[-1 - count][1] != _BREAK:
        count += 1
    return count


def _spread_line(out: Lines, block: int) -> int | None:
    """The index of the block's last short line before its last that ends no sentence."""
    lines = out[len(out) - block:]
    longest = max(len(t.strip()) for _, t in lines)
    for i in range(len(lines) - 2, -1, -1):
        text = lines[i][1].strip()
        if len(text) < longest * 0.7 and not text.endswith(SENTENCE_ENDS):
            return len(out) - block + i
    return None


_LONE_NUMBER = r"\d{1,3}"


@dataclass
class _Feet:
    """What the pages before tell a page's foot: the next note number, the last note's line."""

    source: str
    notify: Notify
    expected: int = 1
    open_note: tuple[Lines, int] | None = None


def _page_feet(lines: Lines, source: str, notify: Notify) -> Lines:
    """Each page's footnotes as one `N text` line a note at its foot, whatever form they had."""
    # pdftotext prints a column of numbers apart from the texts (`1` `2` `3`, then the
    # texts), or each number on a line above its text, or `N text`; it may print a body line
    # among the notes, and a note may run over to the next page's foot.
    feet = _Feet(source, notify)
    pages = [_page_foot(page, feet) for page in split_pages(lines)]  # may touch earlier pages
    out: Lines = []
    for at, page in enumerate(pages):
        if at:
            out.append((page[0][0] if page else 0, _BREAK))
        out.extend(page)
    return out


def _page_foot(page: Lines, feet: _Feet) -> Lines:
    """One page with its footnotes read (see `_page_feet`)."""
    paired = _numbers_above_texts(page, feet)
    if paired is not None:
        return paired
    column = _note_column(page, feet.expected)
    if column is None:
        return _inline_notes(_run_over(page, feet), feet)
    start, end = column
    first = int(page[start][1])
    count = end - start
    feet.expected = first + count
    texts = [(n, t.strip()) for n, t in page[end:] if t.strip() and not _is_page_line(t)]
    rest = [(n, t) for n, t in page[end:] if not t.strip() or _is_page_line(t)]
    before = page[:start]
    label = next((t.strip() for _, t in reversed(before) if t.strip()), "")
    split = _split_notes([t for _, t in texts], count, _LONE_LABEL.fullmatch(label) is not None)
    if split is None:
        feet.notify(f"{feet.source}:{page[start][0]}: the footnote numbers {first}–"
                    f"{first + count - 1} stand apart from their texts and could not be "
                    "matched to them; they are left as printed")
        feet.open_note = None
        return page
    lead, units = split
    moved = texts[:lead]
    if moved and feet.open_note and _continues_note(moved[0][1], first):
        _extend_note(feet, _join_tight([t for _, t in moved]))
        moved = []
    for number, text in moved:
        feet.notify(f"{feet.source}:{number}: the line '{_short(text)}' was printed among the "
                    "footnotes; put back in the paragraph before them")
    notes = [(texts[lead + sum(len(u) for u in units[:i])][0], f"{first + i} {_join_tight(u)}")
             for i, u in enumerate(units)]
    feet.notify(f"{feet.source}:{page[start][0]}: footnote numbers {first}–{first + count - 1} "
                f"were printed apart from their texts; matched to the {count} texts at the "
                "foot of the page, in order")
    new = before + moved + [(page[start][0], "")] + notes + rest
    feet.open_note = (new, len(before) + len(moved) + len(notes))
    return new


def _numbers_above_texts(page: Lines, feet: _Feet) -> Lines | None:
    """The page with notes whose numbers stand each on a line above its text, else None."""
    end = _foot_end(page)
    for start in range(end):
        text = page[start][1].strip()
        if not re.fullmatch(_LONE_NUMBER, text) or \
                not feet.expected <= int(text) <= feet.expected + 5:
            continue
        notes: Lines = []
        at, number = start, int(text)
        while at < end and page[at][1].strip() == str(number):
            after = at + 1
            while after < end and page[after][1].strip() and \
                    not re.fullmatch(_LONE_NUMBER, page[after][1].strip()):
                after += 1
            if after == at + 1:
                break
            notes.append((page[at][0], f"{number} "
                          f"{_join_tight([t.strip() for _, t in page[at + 1:after]])}"))
            at, number = after, number + 1
        if notes and at == end:
            feet.notify(f"{feet.source}:{page[start][0]}: read the numbers standing alone above "
                        f"the texts at the foot of the page as footnotes {text}–{number - 1}")
            out = [*page[:start], (page[start][0], ""), *notes, *page[end:]]
            feet.expected, feet.open_note = number, (out, start + len(notes))
            return out
    return None


def _foot_end(page: Lines) -> int:
    """Where the page's text ends, before its trailing blank lines and page numbers."""
    end = len(page)
    while end and (not page[end - 1][1].strip() or _is_page_line(page[end - 1][1])):
        end -= 1
    return end


def _note_column(page: Lines, expected: int) -> tuple[int, int] | None:
    """(start, end) of the lines that are footnote numbers alone, one a line, in a row."""
    at = 0
    while at < len(page):
        end = at
        while end < len(page) and re.fullmatch(_LONE_NUMBER, page[end][1].strip()) and (
                end == at or int(page[end][1]) == int(page[end - 1][1]) + 1):
            end += 1
        if end - at >= 2 or (end - at == 1 and int(page[at][1]) == expected and any(
                t.strip() and not _is_page_line(t) for _, t in page[end:])):
            return at, end
        at = max(end, at + 1)
    return None


def _is_page_line(line: str) -> bool:
    """A page number or job number line (what stands between a page's notes and its end)."""
    key = " ".join(line.split())
    return bool(PAGE_NUMBER.fullmatch(key) or JOB_NUMBER.fullmatch(key))


def _split_notes(lines: list[str], count: int,
                 label_waits: bool) -> tuple[int, list[list[str]]] | None:
    """(how many leading lines are not notes, the lines of each of `count` notes) or None."""
    # What stands before the notes is body text printed among them: always some when the
    # body ends in a label still waiting for its text.
    for lead in range(1 if label_waits else 0, len(lines) - count + 1):
        units = _note_units(lines[lead:])
        if len(units) == count and (lead == 0 or _opens_note(lines[lead])):
            return lead, units
    lead = len(lines) - count
    if lead == (1 if label_waits else 0):  # one line a note, whatever they end with
        return lead, [[line] for line in lines[lead:]]
    return None


def _note_units(lines: list[str]) -> list[list[str]]:
    """Lines grouped into notes: a note ends in a full stop, the next opens with a capital."""
    units: list[list[str]] = []
    for at, line in enumerate(lines):
        if not units or (_ends_note(lines[at - 1]) and _opens_note(line)):
            units.append([line])
        else:
            units[-1].append(line)
    return units


def _tight_block(block: Lines) -> Lines:
    """A block whose lines broken inside a word are one line (so the word stays whole)."""
    out: Lines = []
    for number, line in block:
        before = out[-1][1] if out else ""
        if before.endswith("-") and len(before) > 1 and not before[-2].isspace() and \
                line.strip():
            out[-1] = (out[-1][0], before + line.strip())
        else:
            out.append((number, line.rstrip()))
    return out


def _continues_note(text: str, expected: int) -> bool:
    """Whether a line can be the rest of a footnote, not a paragraph's or the next note's."""
    own = _NOTE_LINE.fullmatch(text)
    next_note = own is not None and expected <= int(own.group("num")) <= expected + 5
    return (text[:1].islower() or text[:1].isdigit()) and not (
        OPERATIVE.fullmatch(text) or SUB.fullmatch(text) or _LONE_LABEL.fullmatch(text)
        or next_note)


def _extend_note(feet: _Feet, text: str) -> None:
    """Join text at a page's foot to the last note of the page before, saying so."""
    assert feet.open_note is not None
    page, at = feet.open_note
    number, note = page[at]
    page[at] = (number, _join_tight([note, text]))
    feet.notify(f"{feet.source}:{number}: read '{_short(text)}' at the foot of the next page as "
                "the rest of the footnote before it")
    feet.open_note = None


def _run_over(page: Lines, feet: _Feet) -> Lines:
    """The page without the block at its foot that is the rest of the last page's last note."""
    if feet.open_note is None:
        return page
    end = _foot_end(page)
    start = end
    while start and page[start - 1][1].strip():
        start -= 1
    above = next((t.strip() for _, t in reversed(page[:start]) if t.strip()), "")
    if start == end or not above.endswith(PARAGRAPH_ENDS) or _LONE_LABEL.fullmatch(above) or \
            not _continues_note(page[start][1].strip(), feet.expected):
        feet.open_note = None
        return page
    _extend_note(feet, _join_tight([t.strip() for _, t in page[start:end]]))
    return page[:start] + page[end:]


def _inline_notes(page: Lines, feet: _Feet) -> Lines:
    """The page with its own `N text` notes one line each, set apart from the body above."""
    # pdftotext may run the notes on from the body's last line, and a note's second line
    # may open with a number (`6; ICC-ASP/...`) that must not read as a note of its own
    end = _foot_end(page)
    at, first = end, None
    low, high = feet.expected, feet.expected + 5
    while at and page[at - 1][1].strip():
        at -= 1
        m = _NOTE_LINE.fullmatch(page[at][1].strip())
        if m and low <= int(m.group("num")) <= high:
            first, high = at, int(m.group("num")) - 1
    if first is None:
        return page
    notes: Lines = []
    for number, line in page[first:end]:
        m = _NOTE_LINE.fullmatch(line.strip())
        if m and (not notes or (feet.expected <= int(m.group("num")) <= feet.expected + 5
                                and _opens_note(m.group("text")))):
            feet.expected = int(m.group("num")) + 1
            notes.append((number, line.strip()))
        else:
            notes[-1] = (notes[-1][0], _join_tight([notes[-1][1], line]))
    page = [*page[:first], (page[first][0], ""), *notes, *page[end:]]
    feet.open_note = (page, first + len(notes))
    return page


def _head_columns(lines: Lines, head_end: int) -> Lines:
    """Head lines that set two things apart (`General Assembly    Distr.: General`) split."""
    out: Lines = []
    for at, (number, line) in enumerate(lines):
        if at < head_end and re.search(r"\S {3,}\S", line):
            out.extend((number, piece) for piece in re.split(r" {3,}", line.strip()))
        else:
            out.append((number, line))
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


def _drop_furniture(lines: Lines, head_end: int, source: str, notify: Notify, *,
                    own: str | None = None) -> Lines:
    """The lines with running heads, feet and page numbers replaced by page breaks.

    Given the document's `own` symbol (the running heads are gone already), a short line that
    the text repeats or that the head holds stays: it is an annex's title or a heading.
    """
    repeats = own is None
    # the head before the chapeau is kept, but for a first page's running head above it
    keys = [_page_key(t) for _, t in lines]
    head = {key for key in keys[:head_end] if key} if repeats else set()
    counts = Counter(keys[head_end:] if repeats else ())
    top = _first_page_head(lines, head_end)
    out: Lines = []
    dropped: list[str] = []
    for at, ((number, line), key) in enumerate(zip(lines, keys, strict=True)):
        if at < top or (at >= head_end and key and _is_furniture(key, counts[key], key in head,
                                                                 own=own)):
            dropped.append(" ".join(line.split()))
            line = _BREAK
        if line == _BREAK and (not out or out[-1][1] == _BREAK):
            continue
        out.append((number, line))
    if dropped:
        shown = ", ".join(repr(d) for d in dict.fromkeys(dropped))
        notify(f"{source}: dropped {len(dropped)} page line(s) as running heads, feet and "
               f"page numbers: {shown[:160]}")
    return out


def _first_page_head(lines: Lines, head_end: int) -> int:
    """How many top lines are the running head that every later page opens with too."""
    tops = [[" ".join(t.split()) for t in itertools.islice((t for _, t in page if t.strip()), 3)]
            for page in split_pages(lines)[1:]]
    first: list[str] = tops[0] if tops and head_end else []
    for top in tops[1:]:  # what every later page opens with
        first = _common_prefix(first, top)
    at, matched = 0, 0
    while at < head_end and matched < len(first):
        key = " ".join(lines[at][1].split())
        if key and key != first[matched]:
            break
        matched += bool(key)
        at += 1
    return at if matched else 0


def _common_prefix(a: list[str], b: list[str]) -> list[str]:
    """The lines both lists open with."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


# A label set alone on its line (Word's tab after it), or a GA resolution's number before
# its title (`72/321.`).
_LONE_LABEL = re.compile(r"\d{1,3}(?: [a-z]+)?\.|\([a-z]{1,4}\)|\d{1,3}/\d{1,4}\.")


def _labels_on_their_lines(lines: Lines, source: str, notify: Notify) -> Lines:
    """`1.` or `(a)` alone on a line joined with the paragraph's first line after it."""
    # pdftotext may print nested labels first and their texts after (`(c)`, `(i)`, the text
    # of (i), `(ii)`, its text, then the text of (c)): each text that opens a block takes the
    # label printed last, and a label whose text came later is said.
    out: Lines = []
    pending: list[tuple[int, str, int]] = []  # (line number, label, len(out) when read)
    fresh = True  # the next line opens a block
    for number, line in lines:
        text = line.strip()
        if _LONE_LABEL.fullmatch(text):
            pending.append((number, text, len(out)))
            fresh = True
            continue
        if not text:  # a blank line or a page break (the form feed strips away too)
            fresh = True
            if not pending or line == _BREAK:
                out.append((number, line))
            continue
        if pending and (fresh or len(pending) == 1):
            at, label, seen = pending.pop()
            if len(out) > seen:
                notify(f"{source}:{number}: label {label} (line {at}) was printed apart from "
                       f"its text; joined to '{_short(text)}'")
            out.append((at, f"{label} {text}"))
        else:
            out.append((number, line))
        fresh = text.endswith(PARAGRAPH_ENDS)
    out.extend((at, label) for at, label, _ in pending)
    return out


def _short(text: str, words: int = 6) -> str:
    """The first words of a text, for a message."""
    cut = text.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")


def _first_lines_first(lines: Lines, source: str, notify: Notify) -> Lines:
    """A paragraph whose last line pdftotext printed before its first, put in order."""
    # After a label alone on its line: a lone line that ends a paragraph but opens in lower
    # case (`resources;`), then a block that opens with a capital but does not end.
    out = list(lines)
    at = 0
    while at < len(out):
        if not _LONE_LABEL.fullmatch(out[at][1].strip()):
            at += 1
            continue
        first = _next_text(out, at + 1)
        lone = first is not None and first + 1 < len(out) and not out[first + 1][1].strip()
        second = _next_text(out, first + 1) if first is not None and lone else None
        if first is None or second is None:
            at += 1
            continue
        last, opening = out[first][1].strip(), out[second][1].strip()
        end = second
        while end + 1 < len(out) and out[end + 1][1].strip() and \
                not _LONE_LABEL.fullmatch(out[end + 1][1].strip()):
            end += 1
        if last[:1].islower() and last.endswith(PARAGRAPH_ENDS) and opening[:1].isupper() and \
                not out[end][1].strip().endswith(PARAGRAPH_ENDS):
            notify(f"{source}:{out[first][0]}: the line '{last}' was printed before the first "
                   f"line of its paragraph ('{_short(opening)}'); put at its end")
            out[first:end + 1] = [*out[second:end + 1], out[first]]
        at += 1
    return out


def _next_text(lines: Lines, at: int) -> int | None:
    """The index of the first line with text at or after `at` (None past a page break)."""
    while at < len(lines):
        if lines[at][1] == _BREAK:
            return None
        if lines[at][1].strip():
            return at
        at += 1
    return None


def _without_blank_lines(lines: Lines) -> bool:
    """A copy that runs its paragraphs together (as most PDF viewers copy them)."""
    text = [t for _, t in lines if t != _BREAK]
    blank = sum(1 for t in text if not t.strip())
    return len(text) - blank > 3 and blank * 10 < len(text) - blank


def _split_paragraphs(lines: Lines, *, loose: bool, paged: bool) -> Lines:
    """Blank lines put where a line ends a paragraph (punctuation, then a capital or label)."""
    out: Lines = []
    previous = ""
    for number, line in lines:
        text = line.strip()
        if text and text != _BREAK and previous and _ends_paragraph(previous, text, loose, paged):
            out.append((number, ""))
        out.append((number, line))
        # a blank line already parts two paragraphs; a mark after a paragraph's end is no word
        previous = re.sub(_TRAILING_REFS, "", text) if text.endswith("]") else text
    return out


def _ends_paragraph(before: str, line: str, loose: bool, paged: bool) -> bool:
    """Whether `line` opens a new paragraph after the line `before`."""
    if before == _BREAK:
        return False
    if OPERATIVE.fullmatch(line) or SUB.fullmatch(line) or _CHAPEAU.fullmatch(before) or \
            ANNEX_LINE.fullmatch(before) or \
            _CHAPEAU.fullmatch(line) or ENGLISH.parse_long_date(before) is not None:
        return True
    ended = before.endswith(PARAGRAPH_ENDS) or re.search(_GLUED_END, before)
    if not ended:
        return False
    # a meeting line stands alone; in a page's copy (pdftotext's, lines as printed) a
    # heading may follow a paragraph's `;` or full stop directly
    if adoption_meta(line) or (paged and (re.match(_SECTION, line) or (line[:1].isupper() and (
            before.endswith((";", ":")) or _ends_note(before))))):
        return True
    if not loose:  # blank lines are the rule here: split only before a paragraph's lead
        return find_lead(line) is not None
    if paged and before.endswith(","):  # a line as printed may end in a comma mid-paragraph:
        # the paragraph after a preambular one opens with its lead or its label
        return find_lead(line) is not None or re.match(_OPENING_LABEL, line) is not None
    return line[:1].isupper() or line[:1].isdigit() or line[:1] in "(["


def _page_key(line: str) -> str:
    """The line as the page sets it (white space squeezed), to tell the lines a page repeats.

    A line longer than any furniture is returned as it is, told without squeezing it (which
    is most of a long text's reading time): in an ASCII line that holds no white space but the
    space, the characters but the spaces already outnumber what furniture has.
    """
    if len(line) - line.count(" ") > _FURNITURE_MAX and line.isascii() and not any(
            c in line for c in "\t\n\v\f\r\x1c\x1d\x1e\x1f"):
        return line
    return " ".join(line.split())


def _is_furniture(line: str, count: int, in_head: bool, *, own: str | None = None) -> bool:
    """Whether a body line is page furniture: a page or job number, a symbol, a running head.

    Given the document's `own` symbol (its running heads are gone already but where pdftotext
    printed one amid the text), only a line that is that symbol goes: another symbol, or a
    line ending in one, is the text's (`Brazil:* amendment to draft resolution A/80/L.22`).
    """
    if len(line) > _FURNITURE_MAX:
        return False  # a running head is one short line; a paragraph's line is spared the tests
    if _LONE_LABEL.fullmatch(line):
        return False  # `(a)` alone on its line: a label printed apart from its text
    if PAGE_NUMBER.fullmatch(line) or JOB_NUMBER.fullmatch(line):
        return True
    if own is not None:
        if line == own:
            return True
    elif SYMBOL_LINE.fullmatch(line) or (
            _HEAD_WITH_SYMBOL.fullmatch(line) and not line.endswith(PARAGRAPH_ENDS)):
        return True
    if OPERATIVE.fullmatch(line) or SUB.fullmatch(line) or line.endswith(PARAGRAPH_ENDS):
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
    """Blocks without the page-foot notes, and {number: (text, index of the block after)}."""
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
    """Whether a block opens with a footnote's `N text` line."""
    m = _NOTE_LINE.fullmatch(block[0][1])
    return bool(m) and block[0][1] != _BREAK and ENGLISH.parse_long_date(block[0][1]) is None \
        and not OPERATIVE.fullmatch(block[0][1])


def _in_order(numbers: list[int]) -> bool:
    """Whether the note numbers rise with no gap over five (a gap means a misread)."""
    return bool(numbers) and all(a < b <= a + 5 for a, b in itertools.pairwise(numbers))


def _join(blocks: list[Lines], source: str, notify: Notify) -> list[Lines]:
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
    return out


def _continues(prev: Lines, text: str, operative: bool, broken: bool) -> bool:
    """Whether `text` is the rest of the paragraph `prev`."""
    end = prev[-1][1][-1:]
    if end in SENTENCE_ENDS or (end == "," and not broken):
        return False  # most paragraphs: what the tests below conclude, without their work
    last = re.sub(_GLUED_END, r"\1", re.sub(_FOOTNOTE_REF, "", " ".join(t for _, t in prev)))
    if _CHAPEAU.fullmatch(last) or re.match(_NOTE_DEF, prev[0][1]) or ANNEX_LINE.fullmatch(
            last) or ANNEX_LINE.fullmatch(text):
        return False
    if last.endswith(SENTENCE_ENDS):
        return False
    if last.endswith(","):
        return broken and text[:1].islower()
    if text[:1].islower():
        return True
    if broken and (len(last) > _HEADING_MAX or re.match(_OPENING_LABEL, last)):
        return True  # numbered, or longer than a heading, and unfinished: the page cut it
    if not operative:
        return True  # no headings in a preamble: an unfinished paragraph goes on
    return last.rsplit(" ", 1)[-1] in _FUNCTION_WORDS


def _place_marks(blocks: list[Lines], found: dict[int, tuple[str, int]], notes: dict[str, str],
                 source: str, notify: Notify) -> None:
    """Find each footnote's mark, in order, in the text before its page foot."""
    texts = [_join_tight([t for _, t in b]) for b in blocks]
    # never in the head: `ICC-ASP/16/Res.1` ends in a number, not a mark
    block = next((at + 1 for at, text in enumerate(texts[:60]) if _CHAPEAU.fullmatch(text)), 0)
    offset = 0
    for number in sorted(found):
        note, _ = found[number]
        hit = _find_mark(texts, number, block, offset)
        key = f"pdf{number}"
        notes[key] = note
        if hit is None:
            # the mark is lost in the copy: the note stays, at the end of the paragraph last read
            at = min(block, len(texts) - 1)
            if at < 0 or (at < block and _CHAPEAU.fullmatch(texts[at])):
                # below no paragraph at all: what was read as a note is kept as a paragraph
                del notes[key]
                line = blocks[at][-1][0] if at >= 0 else 0
                texts.insert(at + 1, f"{number} {note}")
                blocks.insert(at + 1, [(line, f"{number} {note}")])
                block = at + 2
                notify(f"{source}: '{number} {_short(note)}' at a page's foot stands below no "
                       "paragraph it could be the footnote of; it is kept as a paragraph")
                continue
            texts[at] = texts[at] + f"[^{key}]"
            notify(f"{source}: the mark of footnote {number} was not found; its text is "
                   f"put at the end of the paragraph at line {blocks[at][0][0]}")
            continue
        block, start, end, how, glue = hit
        rest = texts[block][end:]
        # the mark's own spaces go: one space stays before a word, none before punctuation
        if rest[:1].isspace() and rest.strip():
            glue = " " if rest.lstrip()[:1].isalnum() or rest.lstrip()[:1] in "(“‘\"[" else ""
        texts[block] = texts[block][:start] + f"[^{key}]{glue}" + rest.lstrip()
        offset = start + len(key) + 3
        if how:
            notify(f"{source}:{blocks[block][0][0]}: read {how} as the mark of footnote "
                   f"{number}")
    for i, text in enumerate(texts):
        if text != _join_tight([t for _, t in blocks[i]]):
            blocks[i] = [(blocks[i][0][0], text)]


def _find_mark(texts: list[str], number: int, block: int,
               offset: int) -> tuple[int, int, int, str, str] | None:
    """(block, start, end, what was guessed, a space to keep) of mark `number`, from a place."""
    glued = re.compile(rf"(?<=[^\s\d/.\-–])(?P<n>{number})(?=[\s,.;:)]|[a-z]|$)"
                       rf"|(?<=[a-z]\.)(?P<end>{number})(?=$| [A-Z])")
    spaced = re.compile(rf"(?<= )(?P<n>{number})(?=[a-z]|\s+[a-z]|[,;.:]?$)")  # `Court, 7  and`
    for i in range(block, len(texts)):
        text = texts[i]
        start = offset if i == block else 0
        for pattern, certain in ((glued, True), (spaced, False)):
            for m in pattern.finditer(text, start):
                before = text[:m.start()].rstrip()
                word = before.rsplit(" ", 1)[-1].lower().strip("(")
                after = text[m.end():].lstrip()
                symbol = m.groupdict().get("end") is not None and "/" in word  # `A/RES/1/Res.2`
                if word in _NUMBER_TAKERS or re.match(_UNITS, after) or symbol or (
                        not certain and not before[-1:].isalpha() and before[-1:] not in ",;)"):
                    continue
                cut_start = len(before) if not certain else m.start()
                how = "" if certain else f"'{number}' after '{word}'"
                glue = " " if text[m.end():m.end() + 1].isalpha() else ""
                return i, cut_start, m.end(), how, glue
    return None
