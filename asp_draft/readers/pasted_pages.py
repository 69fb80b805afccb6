"""The Secretariat's page in a pdftotext copy: running head, footnote rule, notes, page foot.

Every official UN document sets its pages alike. Each page after the first opens with a
running head: the symbol on one side and the title (over one to three lines) on the other,
swapping sides from page to page; a draft's head has the symbol only. The foot of a page with
footnotes opens with a short rule (`_______________`), then each note: its number, then its
text over one or more lines (a note may run over to the next page's foot). Below stand the
page number (`2/5`) and the job number (`24-19997`); the first page's foot has the job number
with `(E)` and the barcode text (`*2419997*`). A mark stands after its word as a raised
figure, which pdftotext prints after a space (`Court 1`, `Court, 2 and`, `2023/24; 4`).

pdftotext prints the running head as lines at the top of the page (one line, the two sides
apart, with `-layout`), and the notes' numbers apart from their texts and in an order of its
own (`A/58/874.` `Articles 10 ...` `4` `A/79/198.` `5` `United ...` `2` `3`): the texts keep
the page's order from top to bottom, so the n-th text is the n-th note of the page.
`official_pages` reads such a copy page by page: the head and foot gone, each note's text in
`notes` and its mark, found on the note's own page, turned into `[^pdfN]`.
"""

from __future__ import annotations

import re
from collections import Counter

from asp_draft.text.heads import JOB_NUMBER, SYMBOL_LINE
from asp_draft.text.structure import Notify

Lines = list[tuple[int, str]]  # (line number in the file, the line), as in readers/pasted.py
BREAK = "\f"
RULE = re.compile(r"_{5,}")  # the rule above a page's footnotes
_PAGE_OF = re.compile(r"\d{1,4}\s?/\s?\d{1,4}")  # `2/5`: a lone `2` in a foot is a note's number
_PRINTED = re.compile(r"\d{6}")  # the date the job was printed, `211223`, on a line of its own
_RECYCLE = re.compile(r"Please recycle\W*", re.I)
_LONE = re.compile(r"\d{1,3}")
_NOTE = re.compile(r"(?P<num>\d{1,3})\s+(?P<text>[^\s\d].*)")
_ABBREVIATIONS = frozenset(  # a line ending in one of these does not end a footnote
    "para paras chap chaps vol vols no nos p pp art arts sect sects see cf e.g i.e".split())  # noqa: SIM905
# Words after which a number belongs to the sentence, never to a footnote mark.
NUMBER_TAKERS = frozenset("""
    article articles paragraph paragraphs para paras rule rules resolution resolutions decision
    decisions annex annexes chapter chapters section sections part parts item items page pages
    no no. number volume vol vol. session principle principles recommendation recommendations
    goal goals target targets and or to of in on within from than by at for over under about
    some nearly all its the agenda
""".split())  # noqa: SIM905
# ... and words before which it does (`3 per cent`); a pattern `re` compiles when first used
UNITS = (r"(?:per|percent|%|years?|months?|weeks?|days?|hours?|times|States|members?|"
         r"countries|persons|people|cases|million|billion|January|February|March|April|May|"
         r"June|July|August|September|October|November|December)\b")
_CHAPEAU = re.compile(r"The [A-Z][^.;:]{2,80},")
# what may follow a mark: a space, a line's end, punctuation, or a word it was glued to
# (`Treaty 6and`; but `7th` is an ordinal)
_MARK_AFTER = r"(?=\s|$|[,;:.)](?:\s|$)|(?!(?:st|nd|rd|th)\b)[A-Za-z])"


def is_official(lines: Lines) -> bool:
    """Whether a paged copy has the Secretariat's page: a footnote rule or a job number."""
    return any(RULE.fullmatch(t.strip()) or JOB_NUMBER.fullmatch(" ".join(t.split()))
               for _, t in lines if t != BREAK)


def has_rule(lines: Lines) -> bool:
    """Whether a page of the copy has the rule above its footnotes."""
    return any(RULE.fullmatch(t.strip()) for _, t in lines)


def official_pages(lines: Lines, notes: dict[str, str], source: str, notify: Notify) -> Lines:
    """The copy's lines without running heads and page feet, notes in `notes`, marks tied."""
    pages = split_pages(lines)
    cover = " ".join(" ".join(t.split()) for _, t in pages[0])
    symbol = own_symbol(pages[0])
    reader = _Feet(notes, source, notify)
    out: Lines = []
    dropped: list[str] = []
    for index, page in enumerate(pages):
        head: Lines = []
        if index:
            out.append((page[0][0] if page else 0, BREAK))
            kept = _without_running_head(page, symbol, cover)
            dropped += [t for _, t in page[:len(page) - len(kept)] if t.strip()]
            page = kept
        else:  # the cover block keeps its layout: its columns and groups are read later
            chapeau = next((at for at, (_, t) in enumerate(page)
                            if _CHAPEAU.fullmatch(t.strip())), -1)
            head, page = page[:chapeau + 1], page[chapeau + 1:]
        rule = next((at for at, (_, t) in enumerate(page) if RULE.fullmatch(t.strip())), None)
        above = page if rule is None else page[:rule]
        kept = _without_foot(above)
        dropped += [t for _, t in above[len(kept):] if t.strip()]
        body = [(n, _squeezed(t)) for n, t in kept]
        if rule is not None:
            body = reader.page(body, page[rule + 1:])
        out.extend(head + _paragraph_starts(body))
    if dropped:
        shown = ", ".join(repr(" ".join(d.split())) for d in dict.fromkeys(dropped))
        notify(f"{source}: dropped {len(dropped)} page line(s) as running heads, feet and page "
               f"numbers: {shown[:160]}")
    if reader.moved:
        notify(f"{source}: read the footnotes under the rule at the foot of "
               f"{reader.pages} page(s): {reader.moved} note(s), each tied to its mark on its "
               "own page")
    return out


def _squeezed(line: str) -> str:
    """The line with its words one space apart (`-layout` spreads them), its indent kept."""
    return line[:len(line) - len(line.lstrip())] + " ".join(line.split())


def own_symbol(lines: Lines) -> str:
    """The document's symbol: the first on its first page, alone or (`-layout`) beside
    `United Nations`."""
    for _, line in lines:
        if line == BREAK:
            break
        for piece in re.split(r"\s{3,}", line.strip()):
            if SYMBOL_LINE.fullmatch(piece):
                return piece
    return ""


def split_pages(lines: Lines) -> list[Lines]:
    """The lines of each page (the page breaks left out)."""
    pages: list[Lines] = [[]]
    for number, line in lines:
        if line == BREAK:
            pages.append([])
        else:
            pages[-1].append((number, line))
    return pages


def _groups(page: Lines, most: int) -> list[tuple[int, int]]:
    """(start, end) of the first `most` runs of lines with text."""
    out: list[tuple[int, int]] = []
    at = 0
    while at < len(page) and len(out) < most:
        if not page[at][1].strip():
            at += 1
            continue
        end = at
        while end < len(page) and page[end][1].strip():
            end += 1
        out.append((at, end))
        at = end
    return out


def _without_running_head(page: Lines, symbol: str, cover: str) -> Lines:
    """The page without the running head at its top (the symbol and the title, either side)."""
    groups = _groups(page, 3)
    cut = 0
    for n, (start, end) in enumerate(groups):
        texts = [" ".join(t.split()) for _, t in page[start:end]]
        if _holds_symbol(page[start:end], symbol) and end - start <= 4:
            cut = end
            continue
        # the title: a few short lines that the cover block prints too, beside the symbol
        beside = any(_holds_symbol(page[s:e], symbol) for s, e in groups[max(n - 1, 0):n + 2])
        title = " ".join(texts)
        if beside and end - start <= 3 and len(title) >= 12 and f" {title} " in f" {cover} " \
                and all(len(t) <= 100 for t in texts):
            cut = end
            continue
        # no blank line below the head (a Word file's boxes): its first lines only
        head = _symbol_line(page[start:start + 3], symbol) if n == 0 else None
        if head is not None:
            cut = start + head + 1
        break
    return page[cut:]


def _without_foot(page: Lines) -> Lines:
    """The page without the job number, page number and print date at its end."""
    end = len(page)
    while end and (not page[end - 1][1].strip() or
                   _is_foot_furniture(" ".join(page[end - 1][1].split()))):
        end -= 1
    return page[:end]


def _holds_symbol(lines: Lines, symbol: str) -> bool:
    """Whether one of the lines is the symbol alone or beside the title (`-layout`)."""
    if not symbol:
        return False
    return _symbol_line(lines, symbol) is not None


def _symbol_line(lines: Lines, symbol: str) -> int | None:
    """The index of the last line that is the symbol alone or set apart beside the title."""
    found = None
    for at, (_, line) in enumerate(lines):
        pieces = re.split(r"\s{3,}", line.strip())
        if symbol and symbol in (pieces[0], pieces[-1]):
            found = at
    return found


def _paragraph_starts(body: Lines) -> Lines:
    """A `-layout` page's lines, a blank line before each line set in as a paragraph opens."""
    indents = Counter(len(t) - len(t.lstrip()) for _, t in body if len(t.strip()) > 40)
    if not indents:
        return body
    margin = indents.most_common(1)[0][0]
    if margin < 4:  # pdftotext's plain copy sets every line at the margin
        return body
    out: Lines = []
    for number, line in body:
        indent = len(line) - len(line.lstrip())
        if line.strip() and indent >= margin + 3 and out and out[-1][1].strip():
            out.append((number, ""))
        out.append((number, line))
    return out


class _Feet:
    """Reads the notes at each page's foot and ties them to their marks above."""

    def __init__(self, notes: dict[str, str], source: str, notify: Notify) -> None:
        self.notes = notes
        self.source = source
        self.notify = notify
        self.expected = 1  # the next note's number
        self.last: str | None = None  # the last note read, which may run over a page
        self.moved = 0
        self.pages = 0

    def page(self, body: Lines, foot: Lines) -> Lines:
        """The body with the marks of the notes at `foot` tied to their texts."""
        items = [(n, " ".join(t.split())) for n, t in foot]
        items = [(n, t) for n, t in items if t and not _is_foot_furniture(t)]
        numbered, before = self._read(items)
        if before and self.last is not None:
            self.notes[self.last] = join_tight([self.notes[self.last], *before])
        elif before:
            where = items[0][0]
            self.notify(f"{self.source}:{where}: '{_short(' '.join(before))}' under the "
                        "footnote rule is no note's text; it is dropped")
        body = list(body)
        place = (0, 0)
        for number, text in numbered:
            key = f"pdf{number}"
            self.notes[key] = text
            place = self._tie(body, number, key, place)
            self.last = key
        if numbered:
            self.expected = numbered[-1][0] + 1
            self.moved += len(numbered)
            self.pages += 1
        return body

    def _read(self, items: Lines) -> tuple[list[tuple[int, str]], list[str]]:
        """The page's notes as (number, text), and text that goes on the last page's note."""
        tokens: list[tuple[int | None, str]] = []  # (a note's number, or None and a text line)
        for _, text in items:
            lone = _LONE.fullmatch(text)
            m = _NOTE.fullmatch(text)
            if lone and self.expected <= int(text) <= self.expected + 30:
                tokens.append((int(text), ""))
            elif m and self.expected <= int(m.group("num")) <= self.expected + 30 and \
                    opens_note(m.group("text")) and not re.match(UNITS, m.group("text")):
                tokens += [(int(m.group("num")), ""), (None, m.group("text"))]
            else:
                tokens.append((None, text))
        tokens = _consecutive(tokens, self.expected)
        numbers = [n for n, _ in tokens if n is not None]
        if not numbers:
            return [], [t for _, t in tokens]
        ordered = _in_place(tokens)
        if ordered is not None:
            return ordered
        return self._matched(tokens, sorted(numbers))

    def _matched(self, tokens: list[tuple[int | None, str]],
                 numbers: list[int]) -> tuple[list[tuple[int, str]], list[str]]:
        """Numbers printed apart from their texts: the n-th text is the n-th number's."""
        texts = [t for n, t in tokens if n is None]
        units = note_units(texts)
        if len(units) < len(numbers):  # a note may open with a figure (`2010 Review ...`)
            units = note_units(texts, figures=True)
        before: list[str] = []
        if len(units) == len(numbers) + 1 and (self.last is not None or not opens_note(
                units[0][0])):
            before = units.pop(0)
        if len(units) != len(numbers):
            # the numbers that stand right above a text say where their notes begin
            starts = {i for i, (n, _) in enumerate(tokens) if n is not None
                      and i + 1 < len(tokens) and tokens[i + 1][0] is None}
            units = _cut_at(tokens, starts, units)
        if len(units) != len(numbers):
            self.notify(f"{self.source}: footnotes {numbers[0]}–{numbers[-1]} could not be "
                        "told apart at their page's foot; their texts are kept as one note")
            units = [[t for u in units for t in u]] + [[] for _ in numbers[1:]]
        return [(n, join_tight(u)) for n, u in zip(numbers, units, strict=True)], before

    def _tie(self, body: Lines, number: int, key: str, place: tuple[int, int]) -> tuple[int, int]:
        """Put note `number`'s mark where it stands on the page; the place after it."""
        hit = find_mark([t for _, t in body], number, place)
        if hit is None:
            at = max((i for i, (_, t) in enumerate(body) if t.strip()), default=-1)
            if at < 0:
                return place
            line, text = body[at]
            body[at] = (line, text.rstrip() + f"[^{key}]")
            self.notify(f"{self.source}:{line}: the mark of footnote {number} was not found on "
                        "its page; the note is put at the end of the page's last line")
            return place
        at, start, end = hit
        line, text = body[at]
        after = text[end:]
        # the mark's own spaces go: one space stays before a word, none before punctuation
        gap = " " if after[:1].isspace() or after[:1].isalnum() else ""
        text = text[:start] + f"[^{key}]" + (gap + after.lstrip() if after.strip() else "")
        body[at] = (line, text)
        return at, start + len(key) + 3


def _in_place(tokens: list[tuple[int | None, str]]) -> tuple[list[tuple[int, str]],
                                                               list[str]] | None:
    """Notes whose numbers each stand right above their texts, in order; else None."""
    numbered: list[tuple[int, list[str]]] = []
    before: list[str] = []
    for number, text in tokens:
        if number is not None:
            if numbered and (not numbered[-1][1] or number != numbered[-1][0] + 1):
                return None
            numbered.append((number, []))
        elif numbered:
            numbered[-1][1].append(text)
        else:
            before.append(text)
    if not numbered[-1][1]:
        return None
    return [(n, join_tight(t)) for n, t in numbered], before


def _consecutive(tokens: list[tuple[int | None, str]],
                 expected: int) -> list[tuple[int | None, str]]:
    """The tokens with only the run of note numbers from the first one on (`30 June` is text)."""
    found = {n for n, _ in tokens if n is not None}
    start = expected if expected in found else min(found, default=expected)
    run = set()
    while start in found:
        run.add(start)
        start += 1
    out: list[tuple[int | None, str]] = []
    for at, (number, text) in enumerate(tokens):
        if number is None or number in run:
            out.append((number, text))
        elif at + 1 < len(tokens) and tokens[at + 1][0] is None and tokens[at + 1][1] and \
                not (at and tokens[at - 1][0] is not None):
            out.append((None, f"{number} {tokens[at + 1][1]}"))
            tokens[at + 1] = (None, "")  # the text it opens: taken here
        else:
            out.append((None, str(number)))
    return [(n, t) for n, t in out if n is not None or t]


def _cut_at(tokens: list[tuple[int | None, str]], starts: set[int],
            units: list[list[str]]) -> list[list[str]]:
    """Text units cut again where a number stands right above a text."""
    flat: list[tuple[str, bool]] = []  # (text line, a note begins here)
    first = {i + 1 for i in starts}
    for i, (number, text) in enumerate(tokens):
        if number is None:
            flat.append((text, i in first))
    begins = set()
    at = 0
    for unit in units:
        begins.add(at)
        at += len(unit)
    out: list[list[str]] = []
    for at, (text, begins_here) in enumerate(flat):
        if not out or at in begins or begins_here:
            out.append([text])
        else:
            out[-1].append(text)
    return out


def _is_foot_furniture(text: str) -> bool:
    """A page or job number, the barcode text or `Please recycle` (a lone `3` is a note's)."""
    return bool(_PAGE_OF.fullmatch(text) or JOB_NUMBER.fullmatch(text) or
                _RECYCLE.fullmatch(text) or _PRINTED.fullmatch(text))


def find_mark(texts: list[str], number: int, place: tuple[int, int]) -> tuple[int, int, int] | None:
    """(line, start, end) of footnote mark `number` at or after `place`: `Court 1`, `Court,2`."""
    # raised after a space (`1949 2 and`, `Court, 3`) or glued to a word (`Statute2`)
    pattern = re.compile(rf"(?:(?<=[^\s/\-–(])(?P<space>\s+)|(?<=[^\s\d/.\-–(])){number}"
                         rf"{_MARK_AFTER}")
    # a number after a word (`article 3`) or before one (`7 States`) may be the sentence's:
    # such a place is taken only when the page has no other for the mark (a note's mark
    # stands on its own page): `resolutions 3 and`
    for strict in (True, False):
        for i in range(place[0], len(texts)):
            text = texts[i]
            for m in pattern.finditer(text, place[1] if i == place[0] else 0):
                if not strict or not _may_be_counted(text, m):
                    return i, m.start(), m.end()
    return None


def _may_be_counted(text: str, m: re.Match[str]) -> bool:
    """Whether the figure a match found may be the sentence's own: `article 3`, `7 States`."""
    if not m.group("space"):
        return False  # glued to its word (`Statute2`): a mark
    before = text[:m.start()]
    word = before.rsplit(None, 1)[-1].lower().strip("(") if before.strip() else ""
    counts = text[m.end():m.end() + 1].isspace() and re.match(UNITS, text[m.end():].lstrip())
    return word in NUMBER_TAKERS or bool(counts)


def note_units(lines: list[str], *, figures: bool = False) -> list[list[str]]:
    """Lines grouped into notes: a note ends in a full stop, the next opens with a capital
    (or, with `figures`, a figure)."""
    units: list[list[str]] = []
    for at, line in enumerate(lines):
        opens = opens_note(line) or (figures and line[:1].isdigit())
        if not units or (ends_note(lines[at - 1]) and opens):
            units.append([line])
        else:
            units[-1].append(line)
    return units


def ends_note(line: str) -> bool:
    """Whether a line can end a footnote: a full stop, not after an abbreviation (`para.`)."""
    m = re.search(r"(\S*)\.[”’\"')\]]*$", line)
    return m is not None and m.group(1).lower().strip("(") not in _ABBREVIATIONS


def opens_note(line: str) -> bool:
    """Whether a line can open a footnote (a continued one opens in lower case or a digit;
    a note that is an address opens with it)."""
    return line[:1].isupper() or line[:1] in "“‘\"([" or line.startswith(("http", "www."))


def join_tight(lines: list[str]) -> str:
    """Lines as one text, as the PDF reader joins them (`ICC-` / `ASP` runs on tight)."""
    # a dash standing alone (`the Court -`) is a dash, not a broken word
    out = ""
    for line in lines:
        line = line.strip()
        if not out or not line:
            out = out or line
            continue
        tight = out.endswith("-") and len(out) > 1 and not out[-2].isspace()
        out += line if tight else " " + line
    return out


def _short(text: str, words: int = 6) -> str:
    """The first words of a text, for a message."""
    cut = text.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")
