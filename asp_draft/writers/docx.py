"""Document -> Word (.docx) in the ASP's layout, with real numbering and real footnotes.

The package is written part by part with lxml (python-docx has no footnotes API, and writing
the parts directly keeps the file small and the build fast). The pieces are public so the
redline writer can reuse them: `Skeleton` holds the parts (styles, numbering, footnotes, one
id counter), `Numbering` gives each operative paragraph its list and level, and
`paragraph_element` builds one paragraph with a hook that produces its runs.

Layout (README "Word layout"): A4, margins 2.5 cm; Times New Roman 12 pt, justified, single
spacing, 12 pt after each paragraph; first-line indent 1.25 cm for preambular paragraphs and
the chapeau; operative numbers "1." at 1.25 cm with the text from 2.5 cm, wrapping to the
margin; (a) at 1.25 cm hanging to 2.5 cm; (i) at 2.5 cm hanging to 3.75 cm; footnotes 10 pt;
the title 14 pt bold.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from asp_draft import facts
from asp_draft.facts import letters, roman
from asp_draft.model import Document, Paragraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
NSMAP = {"w": W_NS, "r": R_NS}

# Layout values, in twentieths of a point (twips) unless said otherwise.
FONT = "Times New Roman"
BODY_HALF_POINTS = 24  # 12 pt
NOTE_HALF_POINTS = 20  # 10 pt
TITLE_HALF_POINTS = 28  # 14 pt
A4_TWIPS = (11906, 16838)
MARGIN = 1418  # 2.5 cm
INDENT = 709  # 1.25 cm
AFTER = 240  # 12 pt after each paragraph

# Paragraph styles asp-draft writes; the reader recognises its own files by them.
STYLE_RESOLUTION = "AspResolutionLine"
STYLE_ADOPTION = "AspAdoptionLine"
STYLE_SYMBOL = "AspSymbol"
STYLE_DRAFT = "AspDraftLabel"
STYLE_TITLE = "AspTitle"
STYLE_CHAPEAU = "AspChapeau"
STYLE_PREAMBLE = "AspPreamble"
STYLE_OPERATIVE = "AspOperative"
STYLE_SUB = ("AspOperative", "AspSubparagraph1", "AspSubparagraph2")
STYLE_HEADING = "AspHeading"
STYLE_NOTE_TEXT = "FootnoteText"
STYLE_NOTE_REF = "FootnoteReference"
HEAD_STYLES = frozenset({STYLE_RESOLUTION, STYLE_ADOPTION, STYLE_SYMBOL, STYLE_DRAFT,
                         STYLE_TITLE, STYLE_CHAPEAU})
STYLE_NAMES = {STYLE_RESOLUTION: "ASP Resolution Line", STYLE_ADOPTION: "ASP Adoption Line",
               STYLE_SYMBOL: "ASP Symbol", STYLE_DRAFT: "ASP Draft Label",
               STYLE_TITLE: "ASP Title", STYLE_CHAPEAU: "ASP Chapeau",
               STYLE_PREAMBLE: "ASP Preambular Paragraph",
               STYLE_OPERATIVE: "ASP Operative Paragraph", STYLE_SUB[1]: "ASP Subparagraph 1",
               STYLE_SUB[2]: "ASP Subparagraph 2", STYLE_HEADING: "ASP Heading"}
# Where the number of each level sits: (left indent, first line (+) or hanging (-)).
LEVEL_INDENTS = ((0, INDENT), (2 * INDENT, -INDENT), (3 * INDENT, -INDENT))
LEVEL_TEXT_STOP = (2 * INDENT, 2 * INDENT, 3 * INDENT)
LEVEL_FORMATS = (("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)"))


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: w('p') -> '{...main}p'."""
    return f"{{{W_NS}}}{tag}"


def el(tag: str, attrs: Mapping[str, str | int] | None = None, *children: Any,
       parent: Any = None) -> Any:
    """A w: element with w: attributes (values as text), optionally appended to `parent`."""
    node = etree.Element(w(tag), nsmap=NSMAP) if parent is None \
        else etree.SubElement(parent, w(tag))
    for key, value in (attrs or {}).items():
        node.set(w(key) if ":" not in key else key, str(value))
    for child in children:
        node.append(child)
    return node


# --- numbers as Word counts them ---------------------------------------------------------

def format_number(value: int, fmt: str) -> str:
    """A counter value in a Word number format (decimal, lowerLetter, lowerRoman ...)."""
    if fmt == "lowerLetter":
        return letters(value)
    if fmt == "upperLetter":
        return letters(value).upper()
    if fmt == "lowerRoman":
        return roman(value)
    if fmt == "upperRoman":
        return roman(value).upper()
    return str(value)


def number_value(label: str | None, level: int) -> int | None:
    """The counter value Word would need to print `label` at `level`; None if it cannot."""
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


@dataclass
class _ListInstance:
    num_id: int
    counters: list[int | None] = field(default_factory=lambda: [None, None, None])

    def next_value(self, level: int, starts: tuple[int, ...]) -> int:
        current = self.counters[level]
        return starts[level] if current is None else current + 1

    def use(self, level: int, value: int) -> None:
        self.counters[level] = value
        for deeper in range(level + 1, len(self.counters)):
            self.counters[deeper] = None


class Numbering:
    """The numbering part: one abstract list per list instance, numbers checked as Word counts.

    A paragraph whose label Word can print (1, 2 ...; a, b ...; i, ii ...) joins a list; when
    the label is not the next one Word would print (a gap, a restart, (a) after a `bis`), a new
    list instance starts at that value. Labels Word cannot print (`12 bis`) are typed.
    """

    def __init__(self, root: Any | None = None) -> None:
        self.root = root if root is not None else el("numbering")
        used_abs = [int(a.get(w("abstractNumId"), "0")) for a in self.root.iter(w("abstractNum"))]
        used_num = [int(n.get(w("numId"), "0")) for n in self.root.iter(w("num"))]
        self._next_abstract = max(used_abs, default=-1) + 1
        self._next_num = max(used_num, default=0) + 1
        self._main: _ListInstance | None = None
        self._sub: _ListInstance | None = None
        self._parent_auto = False
        self._starts: dict[int, tuple[int, ...]] = {}

    def _new_list(self, starts: tuple[int, int, int]) -> _ListInstance:
        abstract_id, num_id = self._next_abstract, self._next_num
        self._next_abstract += 1
        self._next_num += 1
        abstract = el("abstractNum", {"abstractNumId": abstract_id})
        el("nsid", {"val": f"{0x5A000000 + abstract_id:08X}"}, parent=abstract)
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
        num = el("num", {"numId": num_id}, parent=self.root)
        el("abstractNumId", {"val": abstract_id}, parent=num)
        instance = _ListInstance(num_id)
        self._starts[num_id] = starts
        return instance

    def assign(self, paragraph: Paragraph) -> tuple[int, int] | None:
        """(numId, ilvl) for an operative paragraph, or None when its label must be typed."""
        level = min(max(paragraph.level, 0), 2)
        value = number_value(paragraph.number, level)
        if value is None:
            if level == 0:
                self._parent_auto = False
            return None
        if level == 0:
            self._parent_auto = True
            main = self._main
            if main is None or main.next_value(0, self._starts[main.num_id]) != value:
                main = self._main = self._new_list((value, 1, 1))
            main.use(0, value)
            self._sub = main
            return main.num_id, 0
        sub = self._sub
        if sub is None or sub.next_value(level, self._starts[sub.num_id]) != value:
            starts = [1, 1, 1]
            starts[level] = value
            sub = self._sub = self._new_list((starts[0], starts[1], starts[2]))
        sub.use(level, value)
        return sub.num_id, level


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
           vertical: str | None = None, tab: int | None = None) -> Any:
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
        if tab is not None:
            tabs = el("tabs", parent=ppr)
            el("tab", {"val": "left", "pos": tab}, parent=tabs)
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
    _style(holder, STYLE_NOTE_TEXT, "footnote text", jc="both", size=NOTE_HALF_POINTS,
           indent=(0, 0))
    _style(holder, STYLE_NOTE_REF, "footnote reference", kind="character",
           based_on="DefaultParagraphFont", vertical="superscript")
    return list(holder)


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


# --- runs and paragraphs -----------------------------------------------------------------

def text_run(text: str, *, italic: bool = False, bold: bool = False) -> Any:
    """One w:r with text (spaces kept)."""
    run = el("r")
    if italic or bold:
        rpr = el("rPr", parent=run)
        if bold:
            el("b", parent=rpr)
        if italic:
            el("i", parent=rpr)
    t = el("t", parent=run)
    t.text = text
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


def plain_runs(paragraph: Paragraph) -> list[Any]:
    """The default run hook: the lead in italics, then the rest of the text."""
    lead = paragraph.lead
    text = paragraph.text
    if lead and text.startswith(lead) and not paragraph.heading:
        runs = [text_run(lead, italic=True)]
        if len(text) > len(lead):
            runs.append(text_run(text[len(lead):]))
        return runs
    return [text_run(text)]


RunHook = Callable[[Paragraph], list[Any]]


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
    return STYLE_PREAMBLE if paragraph.part == "preamble" else STYLE_OPERATIVE


def paragraph_element(paragraph: Paragraph, skeleton: Skeleton, *,
                      runs: RunHook = plain_runs,
                      note_runs: Callable[[str], list[Any]] | None = None) -> Any:
    """One w:p for a body paragraph: style, numbering (or typed label), runs, footnote marks.

    `runs` produces the text runs (the redline writer passes one that wraps them in w:ins /
    w:del); `note_runs` does the same for each footnote's text.
    """
    p = el("p")
    ppr = el("pPr", parent=p)
    el("pStyle", {"val": paragraph_style(paragraph)}, parent=ppr)
    numbered = None
    if not paragraph.heading and (paragraph.part == "operative" or paragraph.level):
        numbered = skeleton.numbering.assign(paragraph)
    if numbered is not None:
        num_pr = el("numPr", parent=ppr)
        el("ilvl", {"val": numbered[1]}, parent=num_pr)
        el("numId", {"val": numbered[0]}, parent=num_pr)
    else:
        label = None if paragraph.heading else typed_label(paragraph)
        if label:
            for run in label_runs(label):
                p.append(run)
    for run in runs(paragraph):
        p.append(run)
    for note in paragraph.footnotes:
        made = note_runs(note) if note_runs else [text_run(note)]
        p.append(footnote_reference_run(skeleton.footnotes.add(made)))
    return p


def head_paragraph(text: str, style: str) -> Any:
    """A head line (resolution line, adoption line, symbol, title, chapeau) in its style."""
    p = el("p")
    ppr = el("pPr", parent=p)
    el("pStyle", {"val": style}, parent=ppr)
    p.append(text_run(text))
    return p


def adoption_line(meta: Mapping[str, Any]) -> str | None:
    """`Adopted at the 13th plenary meeting, on 14 December 2017, by consensus`, if known."""
    adopted = meta.get("adopted")
    if not adopted:
        return None
    try:
        day = date.fromisoformat(str(adopted))
    except ValueError:
        return None
    line = "Adopted"
    plenary = meta.get("plenary")
    if isinstance(plenary, int) or (isinstance(plenary, str) and plenary.isdigit()):
        line += f" at the {facts.ordinal(int(plenary))} plenary meeting,"
    line += f" on {facts.long_date(day)}"
    if meta.get("adoption"):
        line += f", {meta['adoption']}"
    return line


def head_elements(document: Document) -> list[Any]:
    """The resolution head as the ASP prints it, or a draft head when nothing was adopted."""
    meta = document.meta
    symbol = str(meta["symbol"]) if meta.get("symbol") else None
    title = str(meta["title"]) if meta.get("title") else None
    adoption = adoption_line(meta)
    out = []
    if adoption:
        out.append(head_paragraph(f"Resolution {symbol}" if symbol else "Resolution",
                                  STYLE_RESOLUTION))
        out.append(head_paragraph(adoption, STYLE_ADOPTION))
        if symbol:
            out.append(head_paragraph(symbol, STYLE_SYMBOL))
    else:
        if symbol:
            out.append(head_paragraph(symbol, STYLE_SYMBOL))
        out.append(head_paragraph("Draft resolution", STYLE_DRAFT))
    if title:
        out.append(head_paragraph(title, STYLE_TITLE))
    out.append(head_paragraph(document.chapeau, STYLE_CHAPEAU))
    return out


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
    from asp_draft.docx_safety import open_package

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
        self.settings_extra: list[Any] = []

    def next_id(self) -> int:
        """A fresh id, unique across the file."""
        self._id += 1
        return self._id

    def append(self, element: Any) -> None:
        """Add a block (paragraph) to the body."""
        self.body.append(element)

    def _section(self) -> Any:
        section = self.reference.section if self.reference and self.reference.section \
            is not None else None
        if section is None:
            return section_properties()
        out = el("sectPr")
        note_pr = el("footnotePr", parent=out)
        el("numFmt", {"val": "decimal"}, parent=note_pr)
        for child in section:
            out.append(child)
        return out

    def to_bytes(self, properties: Mapping[str, str]) -> bytes:
        """The .docx: every part, its relationship and content type."""
        self.body.append(self._section())
        parts: dict[str, bytes] = {
            "word/document.xml": _xml(self.document),
            "word/styles.xml": _xml(self.styles),
            "word/numbering.xml": _xml(self.numbering.root),
            "word/footnotes.xml": _xml(self.footnotes.root),
            "word/settings.xml": _xml(self._settings()),
            "docProps/core.xml": core_properties(properties),
            "docProps/app.xml": _app_properties(),
        }
        rels = [("styles", "styles.xml"), ("numbering", "numbering.xml"),
                ("footnotes", "footnotes.xml"), ("settings", "settings.xml")]
        overrides = {"/word/document.xml": CT + "document.main+xml",
                     "/word/styles.xml": CT + "styles+xml",
                     "/word/numbering.xml": CT + "numbering+xml",
                     "/word/footnotes.xml": CT + "footnotes+xml",
                     "/word/settings.xml": CT + "settings+xml",
                     "/docProps/core.xml":
                         "application/vnd.openxmlformats-package.core-properties+xml",
                     "/docProps/app.xml":
                         "application/vnd.openxmlformats-officedocument.extended-properties+xml"}
        if self.reference and self.reference.theme:
            parts["word/theme/theme1.xml"] = self.reference.theme
            rels.append(("theme", "theme/theme1.xml"))
            overrides["/word/theme/theme1.xml"] = \
                "application/vnd.openxmlformats-officedocument.theme+xml"
        if self.reference and self.reference.font_table:
            parts["word/fontTable.xml"] = self.reference.font_table
            rels.append(("fontTable", "fontTable.xml"))
            overrides["/word/fontTable.xml"] = CT + "fontTable+xml"
        parts["word/_rels/document.xml.rels"] = _relationships(
            [(f"rId{i}", REL + kind, target) for i, (kind, target) in enumerate(rels, 1)])
        parts["_rels/.rels"] = _relationships([
            ("rId1", REL + "officeDocument", "word/document.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                     "core-properties", "docProps/core.xml"),
            ("rId3", REL + "extended-properties", "docProps/app.xml")])
        parts["[Content_Types].xml"] = _content_types(overrides)
        buffer = io.BytesIO()
        order = ["[Content_Types].xml", "_rels/.rels", *[n for n in parts if n not in
                                                          ("[Content_Types].xml", "_rels/.rels")]]
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in order:
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, parts[name])
        return buffer.getvalue()

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


def _xml(root: Any) -> bytes:
    etree.cleanup_namespaces(root)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _relationships(rels: list[tuple[str, str, str]]) -> bytes:
    root = etree.Element(f"{{{PKG_RELS_NS}}}Relationships", nsmap={None: PKG_RELS_NS})
    for rid, kind, target in rels:
        etree.SubElement(root, f"{{{PKG_RELS_NS}}}Relationship",
                         {"Id": rid, "Type": kind, "Target": target})
    return _xml(root)


def _content_types(overrides: Mapping[str, str]) -> bytes:
    root = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    etree.SubElement(root, f"{{{CT_NS}}}Default", {
        "Extension": "rels",
        "ContentType": "application/vnd.openxmlformats-package.relationships+xml"})
    etree.SubElement(root, f"{{{CT_NS}}}Default",
                     {"Extension": "xml", "ContentType": "application/xml"})
    for name, kind in overrides.items():
        etree.SubElement(root, f"{{{CT_NS}}}Override", {"PartName": name, "ContentType": kind})
    return _xml(root)


def core_properties(properties: Mapping[str, str]) -> bytes:
    """docProps/core.xml: title, subject, keywords, description, category, creator, dates."""
    nsmap = {"cp": CP_NS, "dc": DC_NS, "dcterms": DCTERMS_NS, "xsi": XSI_NS}
    root = etree.Element(f"{{{CP_NS}}}coreProperties", nsmap=nsmap)
    names = {"title": DC_NS, "subject": DC_NS, "creator": DC_NS, "keywords": CP_NS,
             "description": DC_NS, "category": CP_NS, "lastModifiedBy": CP_NS}
    for key, ns in names.items():
        if properties.get(key):
            etree.SubElement(root, f"{{{ns}}}{key}").text = properties[key]
    stamp = properties.get("created") or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for key in ("created", "modified"):
        node = etree.SubElement(root, f"{{{DCTERMS_NS}}}{key}")
        node.set(f"{{{XSI_NS}}}type", "dcterms:W3CDTF")
        node.text = stamp
    return _xml(root)


def _app_properties() -> bytes:
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns})
    etree.SubElement(root, f"{{{ns}}}Application").text = "asp-draft"
    return _xml(root)


def document_properties(document: Document) -> dict[str, str]:
    """Core properties for a document: title, subject, keywords, and the metadata as comments."""
    from asp_draft.writers.text import meta_lines

    meta = document.meta
    symbol = str(meta.get("symbol") or "")
    year = str(meta.get("year") or "")
    adopted = bool(meta.get("adopted"))
    subject = "Resolution of the Assembly of States Parties to the Rome Statute" if adopted \
        else "Draft resolution of the Assembly of States Parties to the Rome Statute"
    keywords = "; ".join(k for k in ("ICC", "Assembly of States Parties", "Rome Statute",
                                     "omnibus resolution", symbol, year) if k)
    return {"title": str(meta.get("title") or symbol or "Resolution"),
            "subject": f"{symbol}: {subject}" if symbol else subject,
            "keywords": keywords,
            # the metadata lines of the text format, so reading the file back restores them
            "description": "\n".join(meta_lines(meta)),
            "category": "resolution" if adopted else "draft resolution",
            "creator": "asp-draft"}


def render_docx(document: Document, *, reference_doc: Path | None = None) -> bytes:
    """The document as a .docx in the ASP's layout (styles from `reference_doc` if given)."""
    skeleton = Skeleton(read_reference(reference_doc) if reference_doc else None)
    for element in head_elements(document):
        skeleton.append(element)
    for paragraph in document.paragraphs:
        skeleton.append(paragraph_element(paragraph, skeleton))
    return skeleton.to_bytes(document_properties(document))
