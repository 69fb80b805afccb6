"""A Word file converted from a PDF: the text in its text boxes, as the PDF's page lines.

LibreOffice (its PDF import) and other converters set each piece of a PDF's text in a text box
of its own, anchored at the piece's place on the page; the document's own paragraphs are empty.
`box_text` reads such a file as pdftotext would: the boxes in lines, top to bottom and left to
right, pages apart (a form feed between them), so that the pasted-text reader repairs it as it
does a PDF's copy (page furniture, footnotes, broken paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from asp_draft.ooxml.names import w

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_VML = "{urn:schemas-microsoft-com:vml}"
_EMU_PER_POINT = 12700
# `margin-left:72.5pt`: a VML shape's place (a length that is no number places no box)
_STYLE_POINTS = re.compile(r"([\w-]+)\s*:\s*(-?(?:\d{1,9}(?:\.\d*)?|\.\d+))pt")
_COLUMN_GAP = 3  # a gap this many characters wide parts two columns (as `pdftotext -layout`)


@dataclass(frozen=True)
class _Box:
    """One text box: its text and its place (EMU from its anchor)."""

    text: str
    left: int
    top: int
    width: int
    height: int

    @property
    def middle(self) -> int:
        """The box's vertical middle (a raised mark's middle stays within its line)."""
        return self.top + self.height // 2


def box_text(body: Any) -> tuple[str, int] | None:
    """(the boxes' text as page lines, how many boxes) when the body's text is all in text
    boxes; None when the body's own paragraphs hold text (or no box does)."""
    own = any((t.text or "").strip() for t in body.iter(w("t")) if not _in_box(t))
    if own:
        return None
    boxes = [box for box in map(_box, _box_nodes(body)) if box is not None]
    if not any(b.text.strip() for b in boxes):
        return None
    pages = "\f".join("\n".join(_lines(page)) for page in _pages(boxes))
    return pages + "\n", len(boxes)


def box_paragraphs(paragraph: Any) -> list[Any]:
    """The paragraphs of the text boxes anchored in a paragraph (each box once: a file may
    give a box twice, as DrawingML and as its VML fallback)."""
    return [p for box in paragraph.iter(w("txbxContent"))
            if not any(a.tag == f"{_MC}Fallback" for a in box.iterancestors())
            for p in box.iter(w("p"))]


def _in_box(node: Any) -> bool:
    """Whether a text node stands inside a text box."""
    return any(a.tag == w("txbxContent") for a in node.iterancestors())


def _box_nodes(body: Any) -> list[Any]:
    """Each text box's node with its place, in document order (one of each alternative)."""
    out: list[Any] = []
    for node in body.iter(f"{_WP}anchor", f"{_VML}shape", f"{_VML}rect"):
        fallback = any(a.tag == f"{_MC}Fallback" for a in node.iterancestors())
        if not fallback and next(node.iter(w("txbxContent")), None) is not None:
            out.append(node)
    return out


def _box(node: Any) -> _Box | None:
    """The box a node anchors: a DrawingML anchor or a VML shape with its style."""
    text = " ".join("".join(t.text or "" for t in p.iter(w("t")))
                    for p in next(node.iter(w("txbxContent"))).iter(w("p")))
    if node.tag == f"{_WP}anchor":
        left = _offset(node.find(f"{_WP}positionH"))
        top = _offset(node.find(f"{_WP}positionV"))
        extent = node.find(f"{_WP}extent")
        if left is None or top is None or extent is None:
            return None
        return _Box(text, left, top, _int(extent.get("cx")), _int(extent.get("cy")))
    style = dict(re.findall(_STYLE_POINTS, node.get("style") or ""))
    if "margin-left" not in style or "margin-top" not in style:
        return None
    points = {k: int(float(v) * _EMU_PER_POINT) for k, v in style.items()}
    return _Box(text, points["margin-left"], points["margin-top"], points.get("width", 0),
                points.get("height", 0))


def _offset(position: Any) -> int | None:
    """A DrawingML position's offset, if it gives one."""
    if position is None or position.findtext(f"{_WP}posOffset") is None:
        return None
    return _int(position.findtext(f"{_WP}posOffset"))


def _int(value: str | None) -> int:
    """A whole number from an attribute (0 when it is none)."""
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _pages(boxes: list[_Box]) -> list[list[_Box]]:
    """The boxes of each page: a converter writes a page's boxes before the next page's, all
    placed from the same corner, so a box far above the last one opens a new page."""
    pages: list[list[_Box]] = [[]]
    deepest = max((b.top for b in boxes), default=0)
    for box in boxes:
        if pages[-1] and box.top < pages[-1][-1].top - deepest * 0.4:
            pages.append([])
        pages[-1].append(box)
    return pages


def _lines(page: list[_Box]) -> list[str]:
    """A page's boxes as lines of text: boxes whose middles lie close are one line."""
    heights = sorted(b.height for b in page if b.text.strip())
    if not heights:
        return []
    near = heights[len(heights) // 2] // 2  # half a line: a raised mark is nearer than that
    rows: list[list[_Box]] = []
    for box in sorted((b for b in page if b.text.strip()), key=lambda b: b.middle):
        if rows and box.middle - rows[-1][0].middle <= near:
            rows[-1].append(box)
        else:
            rows.append([box])
    return [_row_text(sorted(row, key=lambda b: b.left)) for row in rows]


def _row_text(row: list[_Box]) -> str:
    """One line's boxes as text, left to right: columns apart, pieces of a word together."""
    out = ""
    end = 0
    for box in row:
        width = box.width / max(len(box.text), 1)  # a character's width in this box
        apart = out and not out.endswith(" ") and not box.text.startswith(" ")
        if apart and box.left - end > _COLUMN_GAP * width:
            out += " " * _COLUMN_GAP
        elif apart and box.left - end > width / 4:  # a word space the PDF set as a gap
            out += " "
        out += box.text
        end = box.left + box.width
    return out.rstrip()
