"""Word files (.docx) -> blocks -> Document.

The reader turns each paragraph into a block for asp_draft.text.structure: runs with their italics,
footnote and endnote references as marks where they stand, the number Word's numbering shows
(counted as Word counts it), and the role asp-draft's own styles give. `classify` decides the
rest, as for every format. Tracked changes are read as accepted (insertions kept, deletions
and moved-away text dropped) or, with `as_old`, as rejected. Every part is opened through
the safety checks of asp_draft.ooxml.package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from asp_draft.model import Document
from asp_draft.ooxml.names import NO_BREAK_HYPHEN, w
from asp_draft.ooxml.numbering import ListState
from asp_draft.ooxml.package import Package, open_package
from asp_draft.ooxml.styles import (
    COVER_STYLES,
    STYLE_ADOPTION,
    STYLE_ANNEX,
    STYLE_ANNEX_TEXT,
    STYLE_ANNEX_TITLE,
    STYLE_CHAPEAU,
    STYLE_DRAFT,
    STYLE_HEADING,
    STYLE_OPERATIVE,
    STYLE_PREAMBLE,
    STYLE_RESOLUTION,
    STYLE_SUB,
    STYLE_SYMBOL,
    STYLE_TITLE,
    own_style,
)
from asp_draft.readers.docx_boxes import box_paragraphs, box_text
from asp_draft.readers.text import text_source
from asp_draft.text.heads import normalise_meta
from asp_draft.text.labels import letters, roman
from asp_draft.text.structure import Block, Notify, Role, Run, Source, classify, quiet
from asp_draft.text.words import squeeze
from asp_draft.textfile import CONTROL

_FALSE = {"0", "false", "off", "none"}
_HEADING_STYLE = re.compile(r"(?i)heading ?\d|title|subtitle")
_META_LINE = re.compile(r"#\s*([A-Za-z_][\w-]*)\s*:\s?(.*)")
# the typed label asp-draft writes before the text of a number Word cannot count
_OWN_LABEL = re.compile(r"\s*(?P<label>[^\t]{1,24}?)\.\t")
_OWN_SUB_LABEL = re.compile(r"\s*\((?P<label>[^\t]{1,12}?)\)\t")
_OWN_LEVEL = {STYLE_SUB[1]: 1, STYLE_SUB[2]: 2}
# What each of asp-draft's styles says a paragraph is (structure.Block.role)
ROLES: dict[str, Role] = {
    **dict.fromkeys((STYLE_RESOLUTION, STYLE_ADOPTION, STYLE_SYMBOL, STYLE_DRAFT,
                     STYLE_TITLE, *COVER_STYLES), "head"),
    STYLE_CHAPEAU: "chapeau", STYLE_PREAMBLE: "preamble", STYLE_OPERATIVE: "operative",
    STYLE_SUB[1]: "operative", STYLE_SUB[2]: "operative", STYLE_HEADING: "heading",
    STYLE_ANNEX: "annex", STYLE_ANNEX_TITLE: "annex-title", STYLE_ANNEX_TEXT: "operative"}
# The level a Word number format means in a resolution: 1. / (a) / (i)
LEVEL_OF_FORMAT = {"decimal": 0, "upperRoman": 0, "upperLetter": 0, "decimalZero": 0,
                   "lowerLetter": 1, "lowerRoman": 2}
_SKIPPED_NOTES = ("separator", "continuationSeparator", "continuationNotice")


@dataclass
class _Raw:
    """One w:p as the chosen view shows it."""

    runs: list[Run] = field(default_factory=list)
    style: str | None = None  # asp-draft's style id when the style is one of ours
    style_name: str = ""
    num: tuple[str, int] | None = None  # (numId, ilvl)
    mark_gone: bool = False  # the paragraph mark is deleted in this view: joins the next
    line: int = 0

    @property
    def text(self) -> str:
        """The text this view shows, without footnote marks."""
        return "".join(r.text for r in self.runs)

    def add(self, text: str, italic: bool) -> None:
        """Append text, joining it to the last run when the formatting is the same."""
        if CONTROL.search(text):  # C1 controls are legal XML; none reaches the screen
            text = CONTROL.sub("", text)
        last = self.runs[-1] if self.runs else None
        if last is not None and last.note is None and last.italic == italic:
            self.runs[-1] = Run(last.text + text, italic)
        else:
            self.runs.append(Run(text, italic))


class _Styles:
    """Paragraph/character styles: names, italics and numbering, following basedOn."""

    def __init__(self, root: Any) -> None:
        self.by_id: dict[str, Any] = {}
        if root is not None:
            for style in root.iter(w("style")):
                self.by_id[style.get(w("styleId")) or ""] = style

    def _chain(self, style_id: str | None) -> list[Any]:
        out: list[Any] = []
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return out

    def name(self, style_id: str | None) -> str:
        """The style's name (what survives when another program renames the id)."""
        style = self.by_id.get(style_id or "")
        node = style.find(w("name")) if style is not None else None
        return (node.get(w("val")) or "") if node is not None else (style_id or "")

    def italic(self, style_id: str | None) -> bool:
        """Whether the style (or one it is based on) sets italics."""
        for style in self._chain(style_id):
            flag = _flag(style.find(w("rPr")), "i")
            if flag is not None:
                return flag
        return False

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        """(numId, ilvl) the style numbers its paragraphs with, if any."""
        for style in self._chain(style_id):
            ppr = style.find(w("pPr"))
            num_pr = ppr.find(w("numPr")) if ppr is not None else None
            if num_pr is not None:
                return _num_pr(num_pr)
        return None


def _flag(rpr: Any, tag: str) -> bool | None:
    if rpr is None:
        return None
    node = rpr.find(w(tag))
    if node is None:
        return None
    return (node.get(w("val")) or "true").lower() not in _FALSE


def _num_pr(num_pr: Any) -> tuple[str, int] | None:
    num_id = num_pr.find(w("numId"))
    level = num_pr.find(w("ilvl"))
    if num_id is None:
        return None
    try:
        ilvl = int(level.get(w("val"))) if level is not None else 0
    except (TypeError, ValueError):
        ilvl = 0
    return num_id.get(w("val")) or "0", ilvl


class _Walker:
    """Collects the runs of paragraphs under one view of the tracked changes."""

    def __init__(self, styles: _Styles, *, as_old: bool) -> None:
        self.styles = styles
        self.as_old = as_old
        self.skip = {w("del"), w("moveFrom")} if not as_old else {w("ins"), w("moveTo")}
        self.enter = {w("ins"), w("moveTo"), w("del"), w("moveFrom"), w("hyperlink"),
                      w("smartTag"), w("sdt"), w("sdtContent"), w("customXml"),
                      w("fldSimple"), w("dir"), w("bdo")}
        self.links: dict[Any, str] = {}  # a raised link to a note's paragraph -> the note's key
        self.back: set[Any] = set()  # the links from a note back to its mark, which are no text

    def paragraph(self, p: Any, line: int = 0) -> _Raw:
        """The paragraph's style, numbering, runs and whether this view removes its mark."""
        raw = _Raw(line=line)
        ppr = p.find(w("pPr"))
        if ppr is not None and self.as_old:
            change = ppr.find(w("pPrChange"))
            if change is not None and change.find(w("pPr")) is not None:
                ppr = change.find(w("pPr"))
        style_node = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = style_node.get(w("val")) if style_node is not None else None
        raw.style_name = self.styles.name(style_id)
        raw.style = own_style(style_id, raw.style_name)
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        raw.num = _num_pr(num_pr) if num_pr is not None else self.styles.numbering(style_id)
        mark = p.find(w("pPr"))
        mark_rpr = mark.find(w("rPr")) if mark is not None else None
        if mark_rpr is not None:
            gone = ("del", "moveFrom") if not self.as_old else ("ins", "moveTo")
            raw.mark_gone = any(mark_rpr.find(w(tag)) is not None for tag in gone)
        self._children(p, raw, self.styles.italic(style_id))
        return raw

    def _children(self, node: Any, raw: _Raw, base_italic: bool) -> None:
        for child in node:
            tag = child.tag
            if tag == w("r"):
                self._run(child, raw, base_italic)
            elif child in self.links:
                raw.runs.append(Run("", base_italic, note=self.links[child]))
            elif tag in self.skip or child in self.back:
                continue
            elif tag in self.enter:
                self._children(child, raw, base_italic)

    def _run(self, run: Any, raw: _Raw, base_italic: bool) -> None:
        rpr = run.find(w("rPr"))
        if rpr is not None and self.as_old:
            change = rpr.find(w("rPrChange"))
            if change is not None and change.find(w("rPr")) is not None:
                rpr = change.find(w("rPr"))
        italic = base_italic
        style = rpr.find(w("rStyle")) if rpr is not None else None
        if style is not None and self.styles.italic(style.get(w("val"))):
            italic = True
        flag = _flag(rpr, "i")
        if flag is not None:
            italic = flag
        for child in run:
            tag = child.tag
            if tag in (w("t"), w("delText")):
                if tag == w("t") or self.as_old:
                    raw.add(child.text or "", italic)
            elif tag == w("tab"):
                raw.add("\t", False)
            elif tag in (w("br"), w("cr")):
                raw.add(" ", False)
            elif tag == w("noBreakHyphen"):
                raw.add(NO_BREAK_HYPHEN, italic)
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                kind = "f" if tag == w("footnoteReference") else "e"
                raw.runs.append(Run("", italic, note=f"{kind}{child.get(w('id'))}"))


def _merge(raws: list[_Raw]) -> list[_Raw]:
    """Join paragraphs whose mark this view removes with the paragraph after them.

    The joined paragraph keeps the properties of the part that has text (a wholly deleted
    paragraph disappears into the next; text before a removed mark keeps its own style).
    """
    out: list[_Raw] = []
    carry: _Raw | None = None
    for raw in raws:
        if carry is not None:
            keeper = carry if carry.text.strip() else raw
            raw = replace(keeper, runs=carry.runs + raw.runs, mark_gone=raw.mark_gone)
            carry = None
        if raw.mark_gone:
            carry = raw
            continue
        out.append(raw)
    if carry is not None:
        out.append(carry)
    return out


def _notes(package: Package, part: str | None, walker: _Walker, kind: str) -> dict[str, str]:
    root = package.optional_xml(part)
    out: dict[str, str] = {}
    if root is None:
        return out
    tag = w("footnote") if kind == "f" else w("endnote")
    for note in root.iter(tag):
        if note.get(w("type")) in _SKIPPED_NOTES:
            continue
        texts = [walker.paragraph(p).text for p in note.iter(w("p"))]
        out[f"{kind}{note.get(w('id'))}"] = squeeze(" ".join(texts))
    return out


def _linked_notes(paragraphs: list[Any], walker: _Walker) -> dict[int, str]:
    """{index of a note's paragraph: its key}: the notes of a Word file made from HTML.

    HTML has no footnotes: its notes are paragraphs at the end, each marked by a raised link
    (`1`) to a bookmark opening the note's paragraph, which links back. Such links become the
    walker's note marks, and the links back are left out of the notes' text.
    """
    where: dict[str, int] = {}
    for at, p in enumerate(paragraphs):
        for mark in p.iter(w("bookmarkStart")):
            where.setdefault(mark.get(w("name")) or "", at)
    targets: dict[int, str] = {}
    for at, p in enumerate(paragraphs):
        for link in p.iter(w("hyperlink")):
            anchor = link.get(w("anchor")) or ""
            target = where.get(anchor, -1)
            label = "".join(t.text or "" for t in link.iter(w("t"))).strip()
            if target <= at or not 0 < len(label) <= 4 or " " in label:
                continue
            back = [b for b in paragraphs[target].iter(w("hyperlink"))
                    if where.get(b.get(w("anchor")) or "", -1) == at]
            if not back and not _raised(link):
                continue
            key = f"h{anchor}"
            walker.links[link] = key
            walker.back.update(back)
            targets[target] = key
    return targets


def _raised(link: Any) -> bool:
    """Whether a link's text is set as a superscript or raised above the line."""
    for rpr in link.iter(w("rPr")):
        align = rpr.find(w("vertAlign"))
        position = rpr.find(w("position"))
        if align is not None and align.get(w("val")) == "superscript":
            return True
        if position is not None and (position.get(w("val")) or "0").lstrip("-").isdecimal() \
                and int(position.get(w("val")) or "0") > 0:
            return True
    return False


def _declared_meta(package: Package) -> tuple[dict[str, Any], str | None]:
    """The metadata lines asp-draft keeps in the description property, and the title
    property when the file declares no metadata of its own."""
    properties = package.core_properties()
    raw: dict[str, Any] = {}
    for line in properties.get("description", "").splitlines():
        m = _META_LINE.fullmatch(line.strip())
        if m:
            raw[m.group(1).lower()] = m.group(2).strip()
    return normalise_meta(raw), None if raw else properties.get("title")


def _block_paragraphs(body: Any) -> list[Any]:
    """Body paragraphs in reading order (content controls opened; tables skipped); a text
    box's paragraphs after the paragraph it is anchored in."""
    out: list[Any] = []
    for child in body:
        if child.tag == w("p"):
            out.append(child)
            out.extend(box_paragraphs(child))
        elif child.tag in (w("sdt"), w("customXml")):
            out.extend(child.iter(w("p")))
    return out


def _own_label(raw: _Raw) -> tuple[list[Run], str | None]:
    """The runs after the typed label asp-draft writes (`12 bis.<tab>`, `(aa)<tab>`)."""
    pattern = _OWN_SUB_LABEL if raw.style in _OWN_LEVEL else _OWN_LABEL
    m = pattern.match(raw.text)
    if m is None or raw.style == STYLE_PREAMBLE:
        return raw.runs, None
    skip = m.end()
    runs: list[Run] = []
    for run in raw.runs:
        if skip >= len(run.text) and run.note is None:
            skip -= len(run.text)
            continue
        runs.append(Run(run.text[skip:], run.italic, run.note))
        skip = 0
    return runs, m.group("label")


def format_number(value: int, fmt: str) -> str:
    """A counter value as Word prints it in a number format (decimal, lowerLetter,
    lowerRoman ...): the letters and roman numerals of a resolution's labels."""
    if fmt == "lowerLetter":
        return letters(value)
    if fmt == "upperLetter":
        return letters(value).upper()
    if fmt == "lowerRoman":
        return roman(value)
    if fmt == "upperRoman":
        return roman(value).upper()
    return str(value)


def _block(raw: _Raw, counted: tuple[str, str] | None, body_started: bool) -> Block:
    """The block of one paragraph: its runs, the number Word shows, its role."""
    block = Block(runs=raw.runs, line=raw.line)
    if raw.style is not None:
        block.role = ROLES.get(raw.style)
        block.level = _OWN_LEVEL.get(raw.style, 0) if block.role == "operative" else None
        if counted is None and block.role == "operative":
            block.runs, block.number = _own_label(raw)
    elif body_started and _HEADING_STYLE.fullmatch(raw.style_name):
        block.role = "heading"  # a Word heading style; in the head it may be the title
    if counted is not None:
        block.number = counted[0]
        block.level = LEVEL_OF_FORMAT.get(counted[1], 0)
    return block


def _source(package: Package, *, as_old: bool,
            notify: Notify = quiet) -> tuple[Source, str | None]:
    """The Source, and the title property to fall back on."""
    root = package.xml(package.main)
    body = root.find(w("body"))
    if body is None:
        package.fail(f"{package.main} has no body; it is not a Word document")
    boxed = box_text(body)
    if boxed is not None:  # converted from a PDF: read as the PDF's lines are
        text, count = boxed
        notify(f"{package.source}: the text stands in {count} text boxes and none in the "
               "document's own paragraphs (a Word file converted from a PDF); read them as the "
               "PDF's lines")
        return text_source(text, package.source, notify), None
    styles = _Styles(package.optional_xml(package.related(package.main, "styles")))
    lists = ListState.from_xml(package.optional_xml(package.related(package.main,
                                                                    "numbering")))
    walker = _Walker(styles, as_old=as_old)
    notes = _notes(package, package.related(package.main, "footnotes"), walker, "f")
    notes.update(_notes(package, package.related(package.main, "endnotes"), walker, "e"))
    paragraphs = _block_paragraphs(body)
    linked = _linked_notes(paragraphs, walker)
    for at, key in linked.items():
        notes[key] = squeeze(walker.paragraph(paragraphs[at]).text)
    if linked:
        notify(f"{package.source}: read {len(linked)} paragraph(s) that raised links point to "
               "as footnotes (a Word file made from HTML, which has none of its own)")
    raws = _merge([walker.paragraph(p, i) for i, p in enumerate(paragraphs, 1)
                   if i - 1 not in linked])
    meta, title = _declared_meta(package)
    if next(body.iter(w("ins"), w("del"), w("moveFrom"), w("moveTo")), None) is not None:
        meta["tracked_changes"] = "rejected" if as_old else "accepted"
    blocks = []
    started = False
    for raw in raws:
        # Word counts every numbered paragraph, empty ones included
        numbered = lists.numbered(*raw.num) if raw.num else None
        counted = (format_number(*numbered), numbered[1]) if numbered else None
        blocks.append(_block(raw, counted, started))
        # the body has begun once a paragraph ends as the chapeau or a paragraph does
        started = started or raw.text.rstrip().endswith((",", ";", ":"))
    # our own files set every lead in italics; others do when any body run is italic
    italics = any(raw.style is not None for raw in raws) or any(
        r.italic and r.text.strip() for b in blocks if b.role != "head" for r in b.runs)
    return Source(name=package.source, blocks=blocks, notes=notes, meta=meta,
                  italics=italics), title


def read_docx(path: Path, *, as_old: bool = False, notify: Notify = quiet) -> Document:
    """Read a Word file; tracked changes as accepted, or as rejected when `as_old`."""
    source, title = _source(open_package(Path(path)), as_old=as_old, notify=notify)
    document = classify(source, notify)
    # the writer falls back to the symbol for the Word title; that is no title of the text
    if title and "title" not in document.meta and title != document.meta.symbol:
        return replace(document, meta=document.meta.with_(title=title))
    return document
