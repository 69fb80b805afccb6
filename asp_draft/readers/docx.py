"""Word files (.docx) -> Document: parts, leads, numbers, sub-paragraphs, headings, footnotes.

Files asp-draft wrote are recognised by their paragraph styles; other files (Word's,
LibreOffice's, a delegation's) by their numbering, italics and wording. Tracked changes are
read as accepted (insertions kept, deletions and moved-away text dropped) or, with
`as_old`, as rejected. Every part is opened through asp_draft.docx_safety.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asp_draft.docx_safety import Package, open_package
from asp_draft.leads import find_lead
from asp_draft.model import Document, Paragraph, Part
from asp_draft.readers.text import (
    CHAPEAU,
    OPERATIVE,
    SUB,
    head_meta,
    normalise_meta,
    sub_level,
)
from asp_draft.writers.docx import (
    HEAD_STYLES,
    STYLE_CHAPEAU,
    STYLE_HEADING,
    STYLE_NAMES,
    STYLE_OPERATIVE,
    STYLE_PREAMBLE,
    STYLE_SUB,
    format_number,
    w,
)

_OWN_BODY = {STYLE_PREAMBLE: 0, STYLE_OPERATIVE: 0, STYLE_SUB[1]: 1, STYLE_SUB[2]: 2}
_OWN_LABEL = re.compile(r"(?P<label>[^\t]{1,24}?)\.\t(?P<rest>.*)", re.S)
_OWN_SUB_LABEL = re.compile(r"\((?P<label>[^\t]{1,12}?)\)\t(?P<rest>.*)", re.S)
_FALSE = {"0", "false", "off", "none"}
_LEVEL_OF_FORMAT = {"decimal": 0, "upperRoman": 0, "upperLetter": 0, "decimalZero": 0,
                    "lowerLetter": 1, "lowerRoman": 2}
_HEADING_STYLE = re.compile(r"(?i)heading ?\d|title|subtitle")
_OWN_BY_NAME = {name.replace(" ", "").lower(): sid for sid, name in STYLE_NAMES.items()}
_DC = "{http://purl.org/dc/elements/1.1/}"


@dataclass
class _Raw:
    """One w:p as the chosen view shows it."""

    chars: list[tuple[str, bool]] = field(default_factory=list)  # (text, italic) pieces
    notes: list[str] = field(default_factory=list)
    style: str | None = None
    num: tuple[str, int] | None = None  # (numId, ilvl)
    mark_gone: bool = False  # the paragraph mark is deleted in this view: joins the next

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.chars)


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

    def own_id(self, style_id: str | None) -> str | None:
        """asp-draft's id for one of its styles, also after another program renamed the id
        (LibreOffice derives ids from names: 'ASP Preambular Paragraph' -> ASPPreambular...)."""
        if style_id in STYLE_NAMES:
            return style_id
        key = self.name(style_id).replace(" ", "").lower()
        return _OWN_BY_NAME.get(key, style_id)

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        node = style.find(w("name")) if style is not None else None
        return (node.get(w("val")) or "") if node is not None else (style_id or "")

    def italic(self, style_id: str | None) -> bool:
        for style in self._chain(style_id):
            flag = _flag(style.find(w("rPr")), "i")
            if flag is not None:
                return flag
        return False

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        for style in self._chain(style_id):
            ppr = style.find(w("pPr"))
            num_pr = ppr.find(w("numPr")) if ppr is not None else None
            if num_pr is not None:
                return _num_pr(num_pr, default_level=0)
        return None


def _flag(rpr: Any, tag: str) -> bool | None:
    if rpr is None:
        return None
    node = rpr.find(w(tag))
    if node is None:
        return None
    return (node.get(w("val")) or "true").lower() not in _FALSE


def _num_pr(num_pr: Any, *, default_level: int) -> tuple[str, int] | None:
    num_id = num_pr.find(w("numId"))
    level = num_pr.find(w("ilvl"))
    if num_id is None:
        return None
    value = num_id.get(w("val")) or "0"
    try:
        ilvl = int(level.get(w("val"))) if level is not None else default_level
    except (TypeError, ValueError):
        ilvl = default_level
    return value, ilvl


class _Counter:
    """Numbers as Word counts them: per abstract list, startOverride on a num's first use."""

    def __init__(self, root: Any) -> None:
        self.abstract: dict[str, dict[int, dict[str, Any]]] = {}
        self.nums: dict[str, tuple[str, dict[int, dict[str, Any]]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.seen: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(w("abstractNum")):
            self.abstract[abstract.get(w("abstractNumId")) or ""] = {
                lvl_id: _level(lvl) for lvl_id, lvl in _levels(abstract)}
        for num in root.iter(w("num")):
            ref = num.find(w("abstractNumId"))
            overrides: dict[int, dict[str, Any]] = {}
            for override in num.iter(w("lvlOverride")):
                try:
                    ilvl = int(override.get(w("ilvl")) or "0")
                except ValueError:
                    continue
                entry: dict[str, Any] = {}
                start = override.find(w("startOverride"))
                if start is not None:
                    entry["start"] = _int(start.get(w("val")), 1)
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    entry["lvl"] = _level(lvl)
                overrides[ilvl] = entry
            self.nums[num.get(w("numId")) or ""] = (
                (ref.get(w("val")) or "") if ref is not None else "", overrides)

    def _definition(self, num_id: str, ilvl: int) -> dict[str, Any] | None:
        if num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        override = overrides.get(ilvl, {})
        if "lvl" in override:
            return dict(override["lvl"])
        return self.abstract.get(abstract_id, {}).get(ilvl)

    def count(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """(label, number format) for the next paragraph of list `num_id` at level `ilvl`."""
        definition = self._definition(num_id, ilvl)
        if definition is None or num_id == "0":
            return None
        abstract_id, overrides = self.nums[num_id]
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.seen:
            self.seen.add(num_id)
            for level, override in overrides.items():
                if "start" in override:
                    counters[level] = override["start"] - 1
                    for deeper in [k for k in counters if k > level]:
                        del counters[deeper]
        value = counters.get(ilvl, definition["start"] - 1) + 1
        counters[ilvl] = value
        for deeper in [k for k in counters if k > ilvl]:
            restart = (self._definition(num_id, deeper) or {}).get("restart", True)
            if restart:
                del counters[deeper]
        fmt = definition["format"]
        if fmt in ("bullet", "none"):
            return None
        return format_number(value, fmt), fmt


def _levels(abstract: Any) -> list[tuple[int, Any]]:
    return [(_int(lvl.get(w("ilvl")), 0), lvl) for lvl in abstract.findall(w("lvl"))]


def _level(lvl: Any) -> dict[str, Any]:
    start = lvl.find(w("start"))
    fmt = lvl.find(w("numFmt"))
    restart = lvl.find(w("lvlRestart"))
    return {"start": _int(start.get(w("val")) if start is not None else None, 1),
            "format": (fmt.get(w("val")) or "decimal") if fmt is not None else "decimal",
            "restart": restart is None or restart.get(w("val")) != "0"}


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Walker:
    """Collects the text of paragraphs under one view of the tracked changes."""

    def __init__(self, styles: _Styles, *, as_old: bool) -> None:
        self.styles = styles
        self.as_old = as_old
        self.skip = {w("del"), w("moveFrom")} if not as_old else {w("ins"), w("moveTo")}
        self.enter = {w("ins"), w("moveTo"), w("del"), w("moveFrom"), w("hyperlink"),
                      w("smartTag"), w("sdt"), w("sdtContent"), w("customXml"),
                      w("fldSimple"), w("dir"), w("bdo")}

    def paragraph(self, p: Any) -> _Raw:
        raw = _Raw()
        ppr = p.find(w("pPr"))
        if ppr is not None and self.as_old:
            change = ppr.find(w("pPrChange"))
            if change is not None and change.find(w("pPr")) is not None:
                ppr = change.find(w("pPr"))
        style_node = ppr.find(w("pStyle")) if ppr is not None else None
        raw.style = style_node.get(w("val")) if style_node is not None else None
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        raw.num = _num_pr(num_pr, default_level=0) if num_pr is not None \
            else self.styles.numbering(raw.style)
        mark = p.find(w("pPr"))
        mark_rpr = mark.find(w("rPr")) if mark is not None else None
        if mark_rpr is not None:
            gone = ("del", "moveFrom") if not self.as_old else ("ins", "moveTo")
            raw.mark_gone = any(mark_rpr.find(w(tag)) is not None for tag in gone)
        base_italic = self.styles.italic(raw.style)
        self._children(p, raw, base_italic)
        return raw

    def _children(self, node: Any, raw: _Raw, base_italic: bool) -> None:
        for child in node:
            tag = child.tag
            if tag == w("r"):
                self._run(child, raw, base_italic)
            elif tag in self.skip:
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
                    raw.chars.append((child.text or "", italic))
            elif tag == w("tab"):
                raw.chars.append(("\t", False))
            elif tag in (w("br"), w("cr")):
                raw.chars.append((" ", False))
            elif tag == w("noBreakHyphen"):
                raw.chars.append(("-", italic))
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                kind = "f" if tag == w("footnoteReference") else "e"
                raw.notes.append(f"{kind}{child.get(w('id'))}")


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
            raw = _Raw(chars=carry.chars + raw.chars, notes=carry.notes + raw.notes,
                       style=keeper.style, num=keeper.num, mark_gone=raw.mark_gone)
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
        if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = [walker.paragraph(p).text for p in note.iter(w("p"))]
        out[f"{kind}{note.get(w('id'))}"] = " ".join(" ".join(texts).split())
    return out


def _lead_and_text(chars: list[tuple[str, bool]], *, use_italics: bool, part: Part,
                   level: int) -> tuple[str | None, str]:
    text = " ".join("".join(t for t, _ in chars).split())
    if not use_italics:
        return (find_lead(text, part) if level == 0 else None), text
    lead = ""
    started = False
    for piece, italic in chars:
        if not started and not piece.strip():
            continue
        if not italic:
            if piece.strip():
                break
            lead += piece
            continue
        started = True
        lead += piece
    lead = " ".join(lead.split()).rstrip(" ,;:")
    if lead and text.startswith(lead):
        return lead, text
    return None, text


def _drop_label(chars: list[tuple[str, bool]], length: int) -> list[tuple[str, bool]]:
    """The pieces after the first `length` characters."""
    out: list[tuple[str, bool]] = []
    for piece, italic in chars:
        if length >= len(piece):
            length -= len(piece)
            continue
        out.append((piece[length:], italic))
        length = 0
    return out


def _core_meta(package: Package) -> tuple[dict[str, Any], str | None]:
    """Metadata lines asp-draft keeps in the description property, and the title."""
    name = next((t for k, t in package.relationships("_rels/.rels").values()
                 if k.endswith("/core-properties")), None)
    root = package.optional_xml(name)
    if root is None:
        return {}, None
    raw: dict[str, Any] = {}
    description = root.find(f"{_DC}description")
    for line in (description.text or "").splitlines() if description is not None else []:
        m = re.fullmatch(r"#\s*([A-Za-z_][\w-]*)\s*:\s?(.*)", line.strip())
        if m:
            raw[m.group(1).lower()] = m.group(2).strip()
    title = root.find(f"{_DC}title")
    return normalise_meta(raw), (title.text or None) if title is not None else None


def read_docx(path: Path, *, as_old: bool = False) -> Document:
    """Read a Word file; tracked changes as accepted, or as rejected when `as_old`."""
    package = open_package(Path(path))
    root = package.xml(package.main)
    body = root.find(w("body"))
    if body is None:
        package.fail(f"{package.main} has no body; it is not a Word document")
    styles = _Styles(package.optional_xml(package.related(package.main, "styles")))
    counter = _Counter(package.optional_xml(package.related(package.main, "numbering")))
    walker = _Walker(styles, as_old=as_old)
    notes = _notes(package, package.related(package.main, "footnotes"), walker, "f")
    notes.update(_notes(package, package.related(package.main, "endnotes"), walker, "e"))
    raws = _merge([walker.paragraph(p) for p in _block_paragraphs(body)])
    for raw in raws:
        raw.style = styles.own_id(raw.style)
    meta, core_title = _core_meta(package)
    if next(body.iter(w("ins"), w("del"), w("moveFrom"), w("moveTo")), None) is not None:
        meta["tracked_changes"] = "rejected" if as_old else "accepted"
    return _document(raws, styles, counter, notes, meta, core_title)


def _block_paragraphs(body: Any) -> list[Any]:
    """Body paragraphs in reading order (content controls opened; tables skipped)."""
    out: list[Any] = []
    for child in body:
        if child.tag == w("p"):
            out.append(child)
        elif child.tag in (w("sdt"), w("customXml")):
            out.extend(child.iter(w("p")))
    return out


def _document(raws: list[_Raw], styles: _Styles, counter: _Counter, notes: dict[str, str],
              meta: dict[str, Any], core_title: str | None) -> Document:
    own = any(r.style in _OWN_BODY or r.style in HEAD_STYLES or r.style == STYLE_HEADING
              for r in raws)
    use_italics = own or any(italic and piece.strip() for r in raws for piece, italic in r.chars
                             if r.style not in HEAD_STYLES)
    # labels first: Word counts every numbered paragraph, empty ones included
    labelled = [(raw, counter.count(*raw.num) if raw.num else None) for raw in raws]
    texts = [" ".join(r.text.split()) for r in raws]
    head: list[list[str]] = []
    start = 0
    if own:
        while start < len(raws) and (raws[start].style in HEAD_STYLES or not texts[start]):
            if texts[start] and raws[start].style == STYLE_CHAPEAU:
                meta["chapeau"] = texts[start]
            elif texts[start]:
                head.append([texts[start]])
            start += 1
    else:
        firsts = [i for i, t in enumerate(texts) if t][:10]
        chapeau = next((i for i in firsts if CHAPEAU.fullmatch(texts[i])), None)
        if chapeau is not None and all(not texts[i].endswith((",", ";")) for i in firsts
                                       if i < chapeau):
            head = [[texts[i]] for i in range(chapeau) if texts[i]]
            meta["chapeau"] = texts[chapeau]
            start = chapeau + 1
    found = head_meta(head) if head else {}
    meta.update(found)
    # the writer falls back to the symbol for the Word title; that is no title of the text
    if core_title and "title" not in meta and core_title != meta.get("symbol"):
        meta["title"] = core_title
    paragraphs: list[Paragraph] = []
    part: Part = "preamble"
    last_letter = last_roman = ""
    for raw, numbered in labelled[start:]:
        text = " ".join(raw.text.split())
        footnotes = tuple(notes.get(ref, "") for ref in raw.notes)
        if not text and not footnotes:
            continue
        chars = raw.chars
        style_name = styles.name(raw.style)
        number: str | None = None
        level = 0
        if raw.style == STYLE_HEADING or (not own and _HEADING_STYLE.fullmatch(style_name)):
            paragraphs.append(Paragraph(part="operative", text=text, heading=True,
                                        footnotes=footnotes))
            part = "operative"
            continue
        if own and raw.style in _OWN_BODY:
            level = _OWN_BODY[raw.style]
            if raw.style == STYLE_PREAMBLE:
                part = "preamble"
            elif level == 0:
                part = "operative"
            if numbered:
                number = numbered[0]
            else:
                flat = "".join(t for t, _ in chars).lstrip()
                m = (_OWN_LABEL if level == 0 else _OWN_SUB_LABEL).match(flat)
                if m and raw.style != STYLE_PREAMBLE:
                    number = m.group("label")
                    skip = len("".join(t for t, _ in chars)) - len(flat) + m.start("rest")
                    chars = _drop_label(chars, skip)
        elif numbered:
            label, fmt = numbered
            level = _LEVEL_OF_FORMAT.get(fmt, 0)
            if level == 2 and not last_letter:
                level = 1
            number = label
            if level == 0:
                part = "operative"
        else:
            flat = " ".join("".join(t for t, _ in chars).split())
            m_op = OPERATIVE.fullmatch(flat)
            m_sub = SUB.fullmatch(flat)
            if m_op:
                number = " ".join(m_op.group("num").split())
                part = "operative"
                chars = _drop_label(_squeeze(chars), m_op.start("rest"))
            elif m_sub and paragraphs:
                number = m_sub.group("num")
                level = sub_level(number, last_letter, last_roman)
                chars = _drop_label(_squeeze(chars), m_sub.start("rest"))
            elif part == "operative" and not text.endswith((",", ";", ".", ":")):
                paragraphs.append(Paragraph(part="operative", text=text, heading=True,
                                            footnotes=footnotes))
                continue
        if level == 0:
            last_letter = last_roman = ""
        elif level == 1:
            last_letter, last_roman = number or last_letter, ""
        else:
            last_roman = number or last_roman
        if level and paragraphs:
            part = paragraphs[-1].part
        lead, text = _lead_and_text(chars, use_italics=use_italics, part=part, level=level)
        paragraphs.append(Paragraph(part=part, text=text, lead=lead, number=number,
                                    level=level, footnotes=footnotes))
    return Document(meta=meta, paragraphs=tuple(paragraphs))


def _squeeze(chars: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """The pieces with runs of whitespace made single spaces and the start trimmed."""
    out: list[tuple[str, bool]] = []
    last_space = True
    for piece, italic in chars:
        squeezed = ""
        for ch in piece:
            if ch.isspace():
                if not last_space:
                    squeezed += " "
                last_space = True
            else:
                squeezed += ch
                last_space = False
        if squeezed:
            out.append((squeezed, italic))
    return out
