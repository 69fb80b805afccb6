"""Document -> Word (.docx) in its body's layout, with real numbering and real footnotes.

The package is written part by part with lxml (python-docx has no footnotes API, and writing
the parts directly keeps the file small and the build fast); the plumbing every Word part
needs (names, the package, list counting, style ids) is in asp_draft.ooxml. The pieces here
are public so the redline writer can reuse them: `Skeleton` holds the parts (styles,
numbering, footnotes, one id counter), `Numbering` gives each numbered paragraph its list and
level, and `paragraph_element` builds one paragraph from its runs.

Layout (README, "Word output"): A4, margins 2.5 cm; Times New Roman 12 pt, justified, single
spacing, 12 pt after each paragraph; first-line indent 1.25 cm for preambular paragraphs and
the chapeau; operative numbers "1." at 1.25 cm with the text from 2.5 cm, wrapping to the
margin; (a) at 1.25 cm hanging to 2.5 cm; (i) at 2.5 cm hanging to 3.75 cm; footnotes 10 pt;
the title 14 pt bold; each annex on a new page under a centred "Annex" and its title.

A document of another body of the table (a General Assembly resolution, a Security Council
resolution, a draft with its sponsors) is laid out as the United Nations prints it: the cover
block and closing lines that writers/cover.py gives, each line in a style of its own, the
text set against a line (the symbol, `Distr.: General`, the date) in a column at a tab stop.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asp_draft.language import ENGLISH, language_tag
from asp_draft.model import Document, Meta, Paragraph
from asp_draft.ooxml.comments import Comments, attach
from asp_draft.ooxml.names import CT, NO_BREAK_HYPHEN, R_NS, XML_SPACE, el, to_bytes, w
from asp_draft.ooxml.numbering import Level, ListState
from asp_draft.ooxml.package import PackageWriter, open_package
from asp_draft.ooxml.styles import (
    NO_ROLE_NAMES,
    STYLE_ADOPTION,
    STYLE_ANNEX,
    STYLE_ANNEX_TEXT,
    STYLE_ANNEX_TITLE,
    STYLE_CHAPEAU,
    STYLE_COVER_ADOPTED,
    STYLE_COVER_AGENDA,
    STYLE_COVER_ASIDE,
    STYLE_COVER_COLUMN,
    STYLE_COVER_ISSUER,
    STYLE_COVER_LABEL,
    STYLE_COVER_ORGAN,
    STYLE_COVER_REFERENCE,
    STYLE_COVER_RULE,
    STYLE_COVER_SESSION,
    STYLE_COVER_TITLE,
    STYLE_DRAFT,
    STYLE_HEADING,
    STYLE_MEETING,
    STYLE_NAMES,
    STYLE_NOTE_REF,
    STYLE_NOTE_TEXT,
    STYLE_OPERATIVE,
    STYLE_PREAMBLE,
    STYLE_RESOLUTION,
    STYLE_SUB,
    STYLE_SYMBOL,
    STYLE_TITLE,
    STYLE_VOTE_NOTE,
)
from asp_draft.text.labels import roman
from asp_draft.writers import cover as un

if TYPE_CHECKING:
    from asp_draft.library.bodies import Table

# Layout values, in twentieths of a point (twips) unless said otherwise.
FONT = "Times New Roman"
BODY_HALF_POINTS = 24  # 12 pt
NOTE_HALF_POINTS = 20  # 10 pt
TITLE_HALF_POINTS = 28  # 14 pt
A4_TWIPS = (11906, 16838)
MARGIN = 1418  # 2.5 cm
INDENT = 709  # 1.25 cm
AFTER = 240  # 12 pt after each paragraph
ANNEX_LINE = "Annex"
TEXT_WIDTH = A4_TWIPS[0] - 2 * MARGIN
COVER_COLUMN = 6237  # 11 cm: where a UN cover sets the distribution and the date
COVER_HALF_POINTS = 20  # 10 pt: the cover block's small print
ORGAN_HALF_POINTS = 36  # 18 pt: `General Assembly` on the cover
# Where the number of each level sits: (left indent, first line (+) or hanging (-)).
LEVEL_INDENTS = ((0, INDENT), (2 * INDENT, -INDENT), (3 * INDENT, -INDENT))
LEVEL_TEXT_STOP = (2 * INDENT, 2 * INDENT, 3 * INDENT)
LEVEL_FORMATS = (("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)"))


def number_value(label: str | None, level: int) -> int | None:
    """The counter value Word would need to print `label` at `level` in LEVEL_FORMATS;
    None if it cannot."""
    if not label:
        return None
    if level == 0:
        return int(label) if label.isdigit() and not label.startswith("0") else None
    if level == 1:
        if re.fullmatch(r"([a-z])\1*", label):
            return (len(label) - 1) * 26 + ord(label[0]) - ord("a") + 1
        return None
    for n in range(1, 400):
        if roman(n) == label:
            return n
    return None


# --- numbering ---------------------------------------------------------------------------

class Numbering:
    """The numbering part: one abstract list per list instance, numbers counted as Word does.

    A paragraph whose label Word can print (1, 2 ...; a, b ...; i, ii ...) joins a list; when
    the label is not the next one Word would print (a gap, a restart, (a) after a `bis`), a new
    list instance starts at that value. Labels Word cannot print (`12 bis`) are typed. With
    `follow`, a printable label always takes the next number of the current list (the redline
    interleaves two texts, and Word numbers each view from one list).
    """

    def __init__(self) -> None:
        self.root = el("numbering")
        self.state = ListState()
        self._next = 1
        # per section (0: the resolution, k: its k-th annex), the list level-0 paragraphs
        # continue and the list sub-paragraphs continue
        self._sections: dict[int, list[str | None]] = {}
        self._section = 0

    def section(self, key: int) -> None:
        """Number the next paragraphs in section `key`; a new section counts from 1 (an annex)."""
        self._section = key

    def restart(self) -> None:
        """The next numbered paragraph starts a section of its own."""
        self._section = max(self._sections, default=0) + 1

    def _new_list(self, starts: tuple[int, int, int]) -> str:
        number = self._next
        self._next += 1
        abstract = el("abstractNum", {"abstractNumId": number})
        el("nsid", {"val": f"{0x5A000000 + number:08X}"}, parent=abstract)
        el("multiLevelType", {"val": "multilevel"}, parent=abstract)
        for level, ((fmt, text), (left, first), stop) in enumerate(
                zip(LEVEL_FORMATS, LEVEL_INDENTS, LEVEL_TEXT_STOP, strict=True)):
            lvl = el("lvl", {"ilvl": level}, parent=abstract)
            el("start", {"val": starts[level]}, parent=lvl)
            el("numFmt", {"val": fmt}, parent=lvl)
            el("lvlText", {"val": text}, parent=lvl)
            el("lvlJc", {"val": "left"}, parent=lvl)
            ppr = el("pPr", parent=lvl)
            tabs = el("tabs", parent=ppr)
            el("tab", {"val": "num", "pos": stop}, parent=tabs)
            el("ind", _indent_attrs(left, first), parent=ppr)
        # abstractNum elements must precede num elements in the part
        nums = self.root.findall(w("num"))
        if nums:
            nums[0].addprevious(abstract)
        else:
            self.root.append(abstract)
        num = el("num", {"numId": number}, parent=self.root)
        el("abstractNumId", {"val": number}, parent=num)
        self.state.add(str(number), str(number), {
            i: Level(start, fmt) for i, (start, (fmt, _)) in enumerate(
                zip(starts, LEVEL_FORMATS, strict=True))})
        return str(number)

    def assign(self, paragraph: Paragraph, *, follow: bool = False) -> tuple[int, int] | None:
        """(numId, ilvl) for a numbered paragraph, or None when its label must be typed."""
        level = min(max(paragraph.level, 0), 2)
        value = number_value(paragraph.number, level)
        if value is None:
            return None
        current = self._sections.setdefault(self._section, [None, None])
        num_id = current[0] if level == 0 else current[1]
        if num_id is None or (not follow and self.state.peek(num_id, level) != value):
            starts = [1, 1, 1]
            starts[level] = value
            num_id = self._new_list((starts[0], starts[1], starts[2]))
            current[0 if level == 0 else 1] = num_id
        if level == 0:
            current[1] = num_id
        self.state.count(num_id, level)
        return int(num_id), level


def _indent_attrs(left: int, first: int) -> dict[str, str | int]:
    attrs: dict[str, str | int] = {"left": left}
    if first >= 0:
        attrs["firstLine"] = first
    else:
        attrs["hanging"] = -first
    return attrs


# --- styles ------------------------------------------------------------------------------

def _rpr(parent: Any, *, bold: bool = False, italic: bool = False,
         size: int | None = None, font: bool = False, vertical: str | None = None) -> Any:
    rpr = el("rPr", parent=parent)
    if font:
        el("rFonts", {"ascii": FONT, "hAnsi": FONT, "cs": FONT, "eastAsia": FONT}, parent=rpr)
    if bold:
        el("b", parent=rpr)
    if italic:
        el("i", parent=rpr)
    if vertical:
        el("vertAlign", {"val": vertical}, parent=rpr)
    if size:
        el("sz", {"val": size}, parent=rpr)
        el("szCs", {"val": size}, parent=rpr)
    return rpr


def _style(styles: Any, style_id: str, name: str | None = None, *, kind: str = "paragraph",
           based_on: str | None = "Normal", next_style: str | None = None,
           jc: str | None = None, after: int | None = None, before: int | None = None,
           indent: tuple[int, int] | None = None, keep_next: bool = False,
           bold: bool = False, italic: bool = False, size: int | None = None,
           vertical: str | None = None, tab: int | None = None, tab_align: str = "left",
           page_break: bool = False, rule: bool = False) -> Any:
    style = el("style", {"type": kind, "styleId": style_id}, parent=styles)
    el("name", {"val": name or STYLE_NAMES[style_id]}, parent=style)
    if based_on:
        el("basedOn", {"val": based_on}, parent=style)
    if next_style:
        el("next", {"val": next_style}, parent=style)
    el("qFormat", parent=style)
    if kind == "paragraph":
        ppr = el("pPr", parent=style)
        if keep_next:
            el("keepNext", parent=ppr)
        if page_break:
            el("pageBreakBefore", parent=ppr)
        if rule:
            borders = el("pBdr", parent=ppr)
            el("bottom", {"val": "single", "sz": 12, "space": 1, "color": "auto"},
               parent=borders)
        if tab is not None:
            tabs = el("tabs", parent=ppr)
            el("tab", {"val": tab_align, "pos": tab}, parent=tabs)
        if after is not None or before is not None:
            el("spacing", {"before": before or 0, "after": after or 0}, parent=ppr)
        if indent is not None:
            el("ind", _indent_attrs(*indent), parent=ppr)
        if jc:
            el("jc", {"val": jc}, parent=ppr)
    if bold or italic or size or vertical:
        _rpr(style, bold=bold, italic=italic, size=size, vertical=vertical)
    return style


def default_styles() -> Any:
    """styles.xml with Normal (Times New Roman 12 pt, justified) and the asp-draft styles."""
    styles = el("styles")
    defaults = el("docDefaults", parent=styles)
    rpr_default = el("rPrDefault", parent=defaults)
    _rpr(rpr_default, font=True, size=BODY_HALF_POINTS)
    el("lang", {"val": "en-GB"}, parent=rpr_default[0])
    ppr_default = el("pPrDefault", parent=defaults)
    ppr = el("pPr", parent=ppr_default)
    el("spacing", {"after": 0, "line": 240, "lineRule": "auto"}, parent=ppr)
    normal = _style(styles, "Normal", "Normal", based_on=None, jc="both")
    normal.set(w("default"), "1")
    font = el("style", {"type": "character", "styleId": "DefaultParagraphFont"}, parent=styles)
    font.set(w("default"), "1")
    el("name", {"val": "Default Paragraph Font"}, parent=font)
    el("uiPriority", {"val": 1}, parent=font)
    el("semiHidden", parent=font)
    for style in own_styles():
        styles.append(style)
    return styles


def mark_language(styles: Any, meta: Meta) -> None:
    """Word's w:lang (what spell-checkers read) from a document that names its language."""
    tag = language_tag(meta.language)
    if tag is None:
        return
    rpr = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    if rpr is None:
        return
    lang = rpr.find(w("lang"))
    if lang is None:
        lang = el("lang", parent=rpr)
    lang.set(w("val"), tag)


def own_styles() -> list[Any]:
    """The asp-draft paragraph and character styles (added to a reference doc's when missing)."""
    holder = el("styles")
    _style(holder, STYLE_RESOLUTION, jc="left", bold=True, keep_next=True)
    _style(holder, STYLE_ADOPTION, jc="left", italic=True, after=AFTER,
           keep_next=True)
    _style(holder, STYLE_SYMBOL, jc="left", bold=True, keep_next=True)
    _style(holder, STYLE_DRAFT, jc="left", italic=True, keep_next=True)
    _style(holder, STYLE_TITLE, jc="left", bold=True, size=TITLE_HALF_POINTS,
           after=AFTER * 2, before=AFTER // 2, keep_next=True)
    _style(holder, STYLE_CHAPEAU, indent=(0, INDENT), after=AFTER,
           next_style=STYLE_PREAMBLE, keep_next=True)
    _style(holder, STYLE_PREAMBLE, indent=(0, INDENT), after=AFTER)
    _style(holder, STYLE_OPERATIVE, indent=(0, INDENT), after=AFTER,
           tab=2 * INDENT)
    _style(holder, STYLE_SUB[1], indent=(2 * INDENT, -INDENT),
           after=AFTER, tab=2 * INDENT)
    _style(holder, STYLE_SUB[2], indent=(3 * INDENT, -INDENT),
           after=AFTER, tab=3 * INDENT)
    _style(holder, STYLE_HEADING, jc="left", bold=True, keep_next=True,
           after=AFTER, before=AFTER)
    _style(holder, STYLE_ANNEX, jc="center", bold=True, keep_next=True, after=AFTER,
           page_break=True)
    _style(holder, STYLE_ANNEX_TITLE, jc="center", bold=True, keep_next=True, after=AFTER * 2)
    _style(holder, STYLE_ANNEX_TEXT, indent=(0, INDENT), after=AFTER)
    _style(holder, STYLE_NOTE_TEXT, "footnote text", jc="both", size=NOTE_HALF_POINTS,
           indent=(0, 0))
    _style(holder, STYLE_NOTE_REF, "footnote reference", kind="character",
           based_on="DefaultParagraphFont", vertical="superscript")
    return list(holder)


def add_cover_styles(styles: Any) -> Any:
    """styles.xml with the styles of a UN layout's cover block and closing lines added where
    it lacks them (a reference doc's own win); the ASP's layout has no use for them."""
    have = {s.get(w("styleId")) for s in styles.iter(w("style"))}
    holder = el("styles")
    _cover_styles(holder)
    for style in list(holder):
        if style.get(w("styleId")) not in have:
            styles.append(style)
    return styles


def _cover_styles(holder: Any) -> None:
    """The styles of a UN document's cover block and closing lines (writers/cover.py)."""
    small = COVER_HALF_POINTS
    _style(holder, STYLE_COVER_ISSUER, jc="left", keep_next=True, tab=TEXT_WIDTH,
           tab_align="right")
    _style(holder, STYLE_COVER_ORGAN, jc="left", bold=True, size=ORGAN_HALF_POINTS,
           keep_next=True, tab=COVER_COLUMN)
    _style(holder, STYLE_COVER_ASIDE, jc="left", size=small, keep_next=True, tab=COVER_COLUMN)
    _style(holder, STYLE_COVER_RULE, jc="left", size=small, keep_next=True, after=AFTER,
           rule=True)
    _style(holder, STYLE_COVER_SESSION, jc="left", bold=True, size=small, keep_next=True)
    _style(holder, STYLE_COVER_AGENDA, jc="left", size=small, keep_next=True)
    indented = (2 * INDENT, 0)
    _style(holder, STYLE_COVER_ADOPTED, jc="left", bold=True, size=TITLE_HALF_POINTS - 2,
           indent=indented, before=AFTER * 2, after=AFTER, keep_next=True)
    _style(holder, STYLE_COVER_REFERENCE, jc="left", italic=True, indent=indented,
           after=AFTER, keep_next=True)
    _style(holder, STYLE_COVER_LABEL, jc="left", bold=True, indent=indented, before=AFTER * 2,
           after=AFTER, keep_next=True)
    # `79/6.` at the margin, the title from 2.5 cm (a draft's title: there alone)
    _style(holder, STYLE_COVER_TITLE, jc="left", bold=True, size=TITLE_HALF_POINTS - 2,
           indent=(2 * INDENT, -2 * INDENT), tab=2 * INDENT, after=AFTER, keep_next=True)
    _style(holder, STYLE_MEETING, NO_ROLE_NAMES[STYLE_MEETING], jc="right", italic=True)
    _style(holder, STYLE_VOTE_NOTE, NO_ROLE_NAMES[STYLE_VOTE_NOTE], before=AFTER)
    column = _style(holder, STYLE_COVER_COLUMN, NO_ROLE_NAMES[STYLE_COVER_COLUMN],
                    kind="character", based_on="DefaultParagraphFont", size=small)
    # the column's small print is not bold, also on the bold `General Assembly` line
    column.find(w("rPr")).insert(0, el("b", {"val": 0}))


def merge_styles(styles: Any) -> Any:
    """A reference doc's styles.xml with the asp-draft styles it lacks added (its own win)."""
    have = {s.get(w("styleId")) for s in styles.iter(w("style"))}
    for style in own_styles():
        if style.get(w("styleId")) not in have:
            styles.append(style)
    return styles


# --- footnotes ---------------------------------------------------------------------------

class Footnotes:
    """The footnotes part: separators first, then one footnote per note, ids from the skeleton."""

    def __init__(self) -> None:
        self.root = el("footnotes")
        for note_id, kind, tag in ((-1, "separator", "separator"),
                                   (0, "continuationSeparator", "continuationSeparator")):
            note = el("footnote", {"type": kind, "id": note_id}, parent=self.root)
            p = el("p", parent=note)
            ppr = el("pPr", parent=p)
            el("spacing", {"after": 0, "line": 240, "lineRule": "auto"}, parent=ppr)
            r = el("r", parent=p)
            el(tag, parent=r)
        self._count = 0
        # where ids come from; the skeleton points it at its one counter for the whole file
        self.id_source: Callable[[], int] = self._own_id

    def _own_id(self) -> int:
        return self._count + 1

    def __len__(self) -> int:
        return self._count

    def add(self, runs: Iterable[Any]) -> int:
        """A footnote holding `runs` (after its own reference mark); returns its id."""
        note_id = self.id_source()
        self._count += 1
        note = el("footnote", {"id": note_id}, parent=self.root)
        p = el("p", parent=note)
        ppr = el("pPr", parent=p)
        el("pStyle", {"val": STYLE_NOTE_TEXT}, parent=ppr)
        mark = el("r", parent=p)
        rpr = el("rPr", parent=mark)
        el("rStyle", {"val": STYLE_NOTE_REF}, parent=rpr)
        el("footnoteRef", parent=mark)
        p.append(text_run(" "))
        for run in runs:
            p.append(run)
        return note_id

    def add_marked(self, mark: str, runs: Iterable[Any]) -> int:
        """A footnote under a mark of its own (the cover's `*`), not numbered; returns its id."""
        note_id = self.add(runs)
        ref = self.root[-1].find(f"{w('p')}/{w('r')}")
        ref.remove(ref.find(w("footnoteRef")))
        t = el("t", parent=ref)
        t.text = mark
        return note_id

    def reference(self, text: str) -> Any:
        """A new footnote with `text`, and the mark in the body that points at it."""
        return footnote_reference_run(self.add([text_run(text)]))


# --- runs and paragraphs -----------------------------------------------------------------

def text_run(text: str, *, italic: bool = False, bold: bool = False) -> Any:
    """One w:r with text (spaces kept; a non-breaking hyphen as Word's own element)."""
    run = el("r")
    if italic or bold:
        rpr = el("rPr", parent=run)
        if bold:
            el("b", parent=rpr)
        if italic:
            el("i", parent=rpr)
    for k, part in enumerate(text.split("\t") if "\t" in text else (text,)):
        if k:
            el("tab", parent=run)  # a cover line's column (a tab inside w:t is no tab)
        for i, piece in enumerate(part.split(NO_BREAK_HYPHEN)):
            if i:
                # Word writes U+2011 as w:noBreakHyphen; a U+2011 inside w:t shows as a box
                # in fonts without the glyph
                el("noBreakHyphen", parent=run)
            if piece or not text:
                t = el("t", parent=run)
                t.text = piece
                t.set(XML_SPACE, "preserve")
    return run


def footnote_reference_run(note_id: int) -> Any:
    """The superscript mark in the text that points at footnote `note_id`."""
    run = el("r")
    rpr = el("rPr", parent=run)
    el("rStyle", {"val": STYLE_NOTE_REF}, parent=rpr)
    el("footnoteReference", {"id": note_id}, parent=run)
    return run


def label_runs(label: str) -> list[Any]:
    """A typed number (`12 bis.`) and the tab that leads to the text."""
    run = text_run(label)
    el("tab", parent=run)
    return [run]


def lead_length(paragraph: Paragraph) -> int:
    """How many characters at the start of the text are the italic lead (0 for none)."""
    lead = paragraph.lead
    if lead and not paragraph.heading and paragraph.text.startswith(lead):
        return len(lead)
    return 0


def text_runs(text: str, start: int, lead: int) -> list[Any]:
    """Runs for `text` standing at offset `start` of a paragraph whose first `lead` characters
    are the italic lead: split where the lead ends."""
    if start >= lead:
        return [text_run(text)]
    cut = lead - start
    runs = [text_run(text[:cut], italic=True)]
    if text[cut:]:
        runs.append(text_run(text[cut:]))
    return runs


def plain_runs(paragraph: Paragraph, footnotes: Footnotes) -> list[Any]:
    """The runs of a paragraph: the lead in italics, the rest plain, each footnote's mark
    where it stands in the text (new footnotes in `footnotes`)."""
    lead = lead_length(paragraph)
    out: list[Any] = []
    pos = 0
    for text, note in paragraph.pieces():
        if text or (not out and note is None):
            out += text_runs(text, pos, lead)
            pos += len(text)
        if note is not None:
            out.append(footnotes.reference(note.text))
    return out


def typed_label(paragraph: Paragraph) -> str | None:
    """How a number Word cannot count is typed: `12 bis.`, `(aa)`."""
    if not paragraph.number:
        return None
    return f"{paragraph.number}." if paragraph.level == 0 else f"({paragraph.number})"


def paragraph_style(paragraph: Paragraph) -> str:
    """The asp-draft paragraph style of a body paragraph."""
    if paragraph.heading:
        return STYLE_HEADING
    if paragraph.level:
        return STYLE_SUB[min(paragraph.level, 2)]
    if paragraph.part == "annex":
        return STYLE_OPERATIVE if paragraph.number else STYLE_ANNEX_TEXT
    return STYLE_PREAMBLE if paragraph.part == "preamble" else STYLE_OPERATIVE


def paragraph_element(paragraph: Paragraph, skeleton: Skeleton, *,
                      runs: list[Any] | None = None, follow: bool = False) -> Any:
    """One w:p for a body paragraph: style, numbering (or typed label), then its runs.

    `runs` replaces the plain runs (the redline writer passes runs wrapped in w:ins / w:del,
    footnote marks included); `follow` is passed to Numbering.assign.
    """
    p = el("p")
    ppr = el("pPr", parent=p)
    el("pStyle", {"val": paragraph_style(paragraph)}, parent=ppr)
    numbered = None
    if not paragraph.heading and (paragraph.part != "preamble" or paragraph.level):
        numbered = skeleton.numbering.assign(paragraph, follow=follow)
    if numbered is not None:
        num_pr = el("numPr", parent=ppr)
        el("ilvl", {"val": numbered[1]}, parent=num_pr)
        el("numId", {"val": numbered[0]}, parent=num_pr)
    else:
        label = None if paragraph.heading else typed_label(paragraph)
        if label:
            for run in label_runs(label):
                p.append(run)
    for run in runs if runs is not None else plain_runs(paragraph, skeleton.footnotes):
        p.append(run)
    return p


def head_paragraph(text: str, style: str) -> Any:
    """A head line (resolution line, adoption line, symbol, title, chapeau; a cover line) in
    its style. A cover line's text after a tab is set in its column: the symbol bold, the
    distribution and the date in the column's small print."""
    p = el("p")
    ppr = el("pPr", parent=p)
    el("pStyle", {"val": style}, parent=ppr)
    line, tab, column = text.partition("\t")
    if not tab or style not in _COLUMN_STYLES:
        p.append(text_run(text))
        return p
    if line:
        p.append(text_run(line))
    run = text_run("\t" + column, bold=style == STYLE_COVER_ISSUER)
    if style != STYLE_COVER_ISSUER:
        rpr = el("rPr")
        el("rStyle", {"val": STYLE_COVER_COLUMN}, parent=rpr)
        run.insert(0, rpr)
    p.append(run)
    return p


_COLUMN_STYLES = frozenset({STYLE_COVER_ISSUER, STYLE_COVER_ORGAN, STYLE_COVER_ASIDE})


def annex_lines(paragraph: Paragraph) -> list[tuple[str, str]]:
    """(style, text) of the lines that open the annex `paragraph` starts: `Annex`, its title."""
    lines = [(STYLE_ANNEX, ANNEX_LINE)]
    if paragraph.annex:
        lines.append((STYLE_ANNEX_TITLE, paragraph.annex))
    return lines


def opens_annex(paragraph: Paragraph, previous: Paragraph | None) -> bool:
    """True when `paragraph` is the first of an annex (after the resolution or another annex)."""
    if paragraph.part != "annex":
        return False
    return previous is None or previous.part != "annex" or previous.annex != paragraph.annex


def adoption_line(meta: Meta) -> str | None:
    """`Adopted at the 13th plenary meeting, on 14 December 2017, by consensus`, if known."""
    if not meta.adopted:
        return None
    try:
        day = date.fromisoformat(meta.adopted)
    except ValueError:
        return None
    line = "Adopted"
    if meta.plenary is not None:
        line += f" at the {ENGLISH.ordinal(meta.plenary)} plenary meeting,"
    line += f" on {ENGLISH.long_date(day)}"
    if meta.adoption:
        line += f", {meta.adoption}"
    return line


# The style of each kind of line of a UN layout (writers/cover.py).
COVER_LINE_STYLES = {
    un.ISSUER: STYLE_COVER_ISSUER, un.ORGAN: STYLE_COVER_ORGAN, un.ASIDE: STYLE_COVER_ASIDE,
    un.RULE: STYLE_COVER_RULE, un.ISSUED_BY: STYLE_COVER_SESSION,
    un.SESSION: STYLE_COVER_SESSION, un.COMMITTEE: STYLE_COVER_SESSION,
    un.AGENDA: STYLE_COVER_AGENDA,
    un.ADOPTED_BY: STYLE_COVER_ADOPTED, un.REFERENCE: STYLE_COVER_REFERENCE,
    un.TITLE: STYLE_COVER_TITLE, un.COUNCIL_NUMBER: STYLE_RESOLUTION,
    un.COUNCIL_ADOPTED: STYLE_ADOPTION, un.LABEL: STYLE_COVER_LABEL, un.CHAPEAU: STYLE_CHAPEAU,
    un.MEETING: STYLE_MEETING, un.VOTE_NOTE: STYLE_VOTE_NOTE}


def cover_lines(lines: Sequence[un.Line]) -> list[tuple[str, str]]:
    """(style, text) of UN layout lines; a column's text after a tab."""
    return [(COVER_LINE_STYLES[line.kind],
             line.text if line.aside is None else f"{line.text}\t{line.aside}")
            for line in lines]


def head_lines(document: Document, table: Table | None = None) -> list[tuple[str, str]]:
    """(style, text) of the head: a UN body's cover block (writers/cover.py), or the
    resolution head as the ASP prints it, or the ASP's draft head."""
    layout = un.cover(document, table)
    if layout is not None:
        return cover_lines(layout.head)
    meta = document.meta
    symbol, title = meta.symbol, meta.title
    adoption = adoption_line(meta)
    out: list[tuple[str, str]] = []
    if adoption:
        out.append((STYLE_RESOLUTION, f"Resolution {symbol}" if symbol else "Resolution"))
        out.append((STYLE_ADOPTION, adoption))
        if symbol:
            out.append((STYLE_SYMBOL, symbol))
    else:
        if symbol:
            out.append((STYLE_SYMBOL, symbol))
        out.append((STYLE_DRAFT, "Draft resolution"))
    if title:
        out.append((STYLE_TITLE, title))
    if document.chapeau:  # None: the text has none, and none is invented
        out.append((STYLE_CHAPEAU, document.chapeau))
    return out


def head_elements(document: Document, table: Table | None = None,
                  footnotes: Footnotes | None = None) -> list[Any]:
    """The head lines as paragraphs; with `footnotes`, a cover line's note (a draft's note on
    its sponsors) as a footnote marked `*` where the cover sets its asterisk."""
    layout = un.cover(document, table)
    if layout is None or footnotes is None:
        return [head_paragraph(text, style) for style, text in head_lines(document, table)]
    out = []
    for (style, text), line in zip(cover_lines(layout.head), layout.head, strict=True):
        p = head_paragraph(text, style)
        if line.note is not None:
            _asterisk(p, text, line.asterisk, footnotes.add_marked("*", [text_run(line.note)]))
        out.append(p)
    return out


def _asterisk(p: Any, text: str, at: int, note_id: int) -> None:
    """The runs of head paragraph `p` (of `text`) again, with the mark of footnote `note_id`,
    an asterisk, after its first `at` characters."""
    for run in p.findall(w("r")):
        p.remove(run)
    mark = el("r")
    rpr = el("rPr", parent=mark)
    el("rStyle", {"val": STYLE_NOTE_REF}, parent=rpr)
    el("footnoteReference", {"id": note_id, "customMarkFollows": 1}, parent=mark)
    star = el("t", parent=mark)
    star.text = "*"
    p.extend([text_run(text[:at]), mark, *([text_run(text[at:])] if text[at:] else [])])


def tail_lines(document: Document, table: Table | None = None) -> list[tuple[str, str]]:
    """(style, text) of the lines under the text: a UN resolution's meeting line and date
    (and a Council's note of its vote); none for the ASP's layout or a draft."""
    layout = un.cover(document, table)
    return cover_lines(layout.tail) if layout is not None else []


# --- the package -------------------------------------------------------------------------

def section_properties() -> Any:
    """A4 portrait, 2.5 cm margins, footnotes numbered from 1."""
    sect = el("sectPr")
    note_pr = el("footnotePr", parent=sect)
    el("numFmt", {"val": "decimal"}, parent=note_pr)
    el("pgSz", {"w": A4_TWIPS[0], "h": A4_TWIPS[1]}, parent=sect)
    el("pgMar", {"top": MARGIN, "right": MARGIN, "bottom": MARGIN, "left": MARGIN,
                 "header": INDENT, "footer": INDENT, "gutter": 0}, parent=sect)
    el("cols", {"space": INDENT}, parent=sect)
    return sect


@dataclass
class Reference:
    """What a user's reference .docx lends: styles, theme, fonts, page setup."""

    styles: Any
    theme: bytes | None = None
    font_table: bytes | None = None
    section: Any = None


def read_reference(path: Path) -> Reference:
    """Take styles (and theme, font table, page size and margins) from a user's .docx."""
    package = open_package(path)
    main = package.xml(package.main)
    styles_name = package.related(package.main, "styles")
    styles = package.optional_xml(styles_name)
    if styles is None:
        package.fail("has no styles part to take styles from")
    theme_name = package.related(package.main, "theme")
    fonts_name = package.related(package.main, "fontTable")
    theme = package.read(theme_name) if theme_name in package.names else None
    fonts = package.read(fonts_name) if fonts_name in package.names else None
    section = None
    body = main.find(w("body"))
    if body is not None:
        last = body.find(w("sectPr"))
        if last is not None:
            section = el("sectPr")
            # page geometry only: headers and footers would need their parts and relations
            for tag in ("pgSz", "pgMar", "cols"):
                found = last.find(w(tag))
                if found is not None:
                    section.append(found)
    return Reference(styles=merge_styles(styles), theme=theme, font_table=fonts,
                     section=section)


class Skeleton:
    """An empty Word document in the ASP layout: body, styles, numbering, footnotes, ids.

    `next_id()` is the one counter for ids a writer needs beyond footnotes (the redline
    writer's w:ins/w:del/move ids come from it).
    """

    def __init__(self, reference: Reference | None = None) -> None:
        self.document = el("document")
        self.body = el("body", parent=self.document)
        self.reference = reference
        self.styles = reference.styles if reference else default_styles()
        self.numbering = Numbering()
        self.footnotes = Footnotes()
        self._id = 0
        self.footnotes.id_source = self.next_id
        self.comments = Comments(self.next_id)
        self.settings_extra: list[Any] = []
        # lines printed at the top of the first page, outside the text (a redline's note that
        # the record is partial): in the page header, so accepting or rejecting changes and
        # reading the file back never see them
        self.first_page_note: list[str] = []

    def next_id(self) -> int:
        """A fresh id, unique across the file."""
        self._id += 1
        return self._id

    def append(self, element: Any) -> None:
        """Add a block (paragraph) to the body."""
        self.body.append(element)

    def _section(self, header: str | None = None) -> Any:
        section = self.reference.section if self.reference and self.reference.section \
            is not None else None
        if section is None:
            out = section_properties()
        else:
            out = el("sectPr")
            note_pr = el("footnotePr", parent=out)
            el("numFmt", {"val": "decimal"}, parent=note_pr)
            for child in section:
                out.append(child)
        if header is not None:  # the first page's own header; later pages have none
            out.insert(0, el("headerReference", {"type": "first", f"{{{R_NS}}}id": header}))
            el("titlePg", parent=out)
        return out

    def to_bytes(self, properties: Mapping[str, str]) -> bytes:
        """The .docx: every part, its relationship and content type."""
        package = PackageWriter()
        package.add("word/styles.xml", to_bytes(self.styles), CT + "styles+xml", "styles")
        package.add("word/numbering.xml", to_bytes(self.numbering.root),
                    CT + "numbering+xml", "numbering")
        package.add("word/footnotes.xml", to_bytes(self.footnotes.root),
                    CT + "footnotes+xml", "footnotes")
        package.add("word/settings.xml", to_bytes(self._settings()), CT + "settings+xml",
                    "settings")
        if self.reference and self.reference.theme:
            package.add("word/theme/theme1.xml", self.reference.theme,
                        "application/vnd.openxmlformats-officedocument.theme+xml", "theme")
        if self.reference and self.reference.font_table:
            package.add("word/fontTable.xml", self.reference.font_table,
                        CT + "fontTable+xml", "fontTable")
        if len(self.comments):
            self.comments.renumber(self.body)  # after every footnote's id: see ooxml/comments
            package.add("word/comments.xml", to_bytes(self.comments.root),
                        CT + "comments+xml", "comments")
        header = None
        if self.first_page_note:
            header = package.add("word/header1.xml", to_bytes(note_header(self.first_page_note)),
                                 CT + "header+xml", "header")
        self.body.append(self._section(header))
        return package.to_bytes(to_bytes(self.document), properties)

    def _settings(self) -> Any:
        settings = el("settings")
        el("defaultTabStop", {"val": INDENT}, parent=settings)
        el("characterSpacingControl", {"val": "doNotCompress"}, parent=settings)
        note_pr = el("footnotePr", parent=settings)
        for note_id in (-1, 0):
            el("footnote", {"id": note_id}, parent=note_pr)
        for extra in self.settings_extra:
            settings.append(extra)
        el("compat", parent=settings)
        return settings


def document_properties(document: Document, table: Table | None = None) -> dict[str, str]:
    """Core properties for a document: title, subject, keywords, and the metadata as comments."""
    from asp_draft.writers.text import meta_lines

    meta = document.meta
    symbol = meta.symbol or ""
    year = str(meta.year or "")
    layout = un.cover(document, table)
    if layout is None:
        adopted = meta.adopted is not None
        subject = "Resolution of the Assembly of States Parties to the Rome Statute" if adopted \
            else "Draft resolution of the Assembly of States Parties to the Rome Statute"
        keywords = "; ".join(k for k in ("ICC", "Assembly of States Parties", "Rome Statute",
                                         "omnibus resolution", symbol, year) if k)
    else:
        adopted = not layout.draft
        name = layout.body.name
        subject = f"{'Resolution' if adopted else 'Draft resolution'} of the {name}"
        keywords = "; ".join(k for k in ("United Nations", name, symbol, year) if k)
    return {"title": meta.title or symbol or "Resolution",
            "subject": f"{symbol}: {subject}" if symbol else subject,
            "keywords": keywords,
            # the metadata lines of the text format, so reading the file back restores them
            "description": "\n".join(meta_lines(meta)),
            "category": "resolution" if adopted else "draft resolution",
            "creator": "asp-draft"}


def note_header(lines: Sequence[str]) -> Any:
    """A page header holding `lines`, bold, 10 pt, left-aligned."""
    header = el("hdr")
    for line in lines:
        p = el("p", parent=header)
        ppr = el("pPr", parent=p)
        el("spacing", {"after": 60}, parent=ppr)
        el("jc", {"val": "left"}, parent=ppr)
        run = el("r", parent=p)
        _rpr(run, bold=True, size=NOTE_HALF_POINTS)
        t = el("t", parent=run)
        t.text = line
        t.set(XML_SPACE, "preserve")
    return header


def comment_date(value: str | None = None) -> str:
    """A comment's date as Word writes it (`2018-12-12T00:00:00Z`); now when None."""
    return value or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_docx(document: Document, *, reference_doc: Path | None = None,
                annotations: Sequence[str | None] | None = None, author: str = "asp-draft",
                date: str | None = None, bodies: Table | None = None) -> bytes:
    """The document as a .docx in its body's layout (styles from `reference_doc` if given);
    `annotations`, one per paragraph, become Word comments on their paragraphs. `bodies`
    is the table the body is looked up in (default: the bundled one)."""
    skeleton = Skeleton(read_reference(reference_doc) if reference_doc else None)
    mark_language(skeleton.styles, document.meta)
    when = comment_date(date)
    layout = un.cover(document, bodies)
    if layout is not None:
        add_cover_styles(skeleton.styles)
    for element in head_elements(document, bodies, skeleton.footnotes):
        skeleton.append(element)
    # a UN resolution's meeting line closes its text, before any annex
    tail = [head_paragraph(text, style) for style, text in tail_lines(document, bodies)]
    previous: Paragraph | None = None
    for index, paragraph in enumerate(document.paragraphs):
        if opens_annex(paragraph, previous):
            for element in tail:
                skeleton.append(element)
            tail = []
            skeleton.numbering.restart()
            for style, text in annex_lines(paragraph):
                skeleton.append(head_paragraph(text, style))
        element = paragraph_element(paragraph, skeleton)
        skeleton.append(element)
        if annotations and annotations[index]:
            attach(element, skeleton.comments.add([str(annotations[index])], author, when))
        previous = paragraph
    for element in tail:
        skeleton.append(element)
    return skeleton.to_bytes(document_properties(document, bodies))
