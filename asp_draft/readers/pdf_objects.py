"""A PDF's pages as text objects, through pdfium (pypdfium2): each object's text, box,
baseline, size and whether its font is italic. The layout reader (`readers/pdf.py`) makes
lines and paragraphs of them; this module is the only one that talks to pdfium.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as raw  # type: ignore[import-untyped]

from asp_draft.errors import InputError

MAX_BYTES = 100 * 1024 * 1024  # an untrusted file: no resolution is anywhere near this
MAX_PAGES = 500
_ITALIC = re.compile(r"Italic|Oblique|-It\b|-It[A-Z]|,It\b|Slanted|Kursiv", re.I)
_HYPHENS = str.maketrans({"\ufffe": "-", "\x02": "-", "\u00ad": "-"})


@dataclass(slots=True)
class Piece:
    """One text object of a page: its text, where it stands and how it is set."""

    text: str
    x0: float
    x1: float
    base: float  # baseline, in PDF units from the foot of the page
    size: float
    italic: bool
    raised: bool = False  # a superscript: smaller and above the baseline of its line



# --- reading the file --------------------------------------------------------------------

def _open(path: Path) -> Any:
    """The pdfium document, or one line saying why the file cannot be read."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", source=path) from None
    if b"%PDF-" not in head:
        raise InputError("not a PDF file (it does not start with %PDF-)", source=path)
    if size > MAX_BYTES:
        raise InputError(f"the PDF is too large to read ({size // 2**20} MB; the limit is "
                         f"{MAX_BYTES // 2**20} MB)", source=path)
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError("the PDF is encrypted (password-protected); save an unprotected "
                             "copy", source=path) from None
        raise InputError(f"the PDF is damaged or incomplete ({exc})", source=path) from None
    pages = len(document)
    if pages > MAX_PAGES:
        document.close()
        raise InputError(f"the PDF has {pages} pages; a resolution has far fewer "
                         f"(the limit is {MAX_PAGES})", source=path)
    return document


def extract(path: Path) -> Iterator[list[Piece]]:
    """The text objects of each page, one list per page."""
    document = _open(path)
    try:
        for index in range(len(document)):
            page = raw.FPDF_LoadPage(document.raw, index)
            if not page:
                raise InputError("the PDF is damaged: a page cannot be read", source=path,
                                 line=index + 1)
            try:
                yield _page_pieces(page)
            finally:
                raw.FPDF_ClosePage(page)
    finally:
        document.close()


class _Buffers:
    """ctypes out-parameters reused for every object: allocating them is most of the cost."""

    def __init__(self) -> None:
        self.left, self.bottom = ctypes.c_float(), ctypes.c_float()
        self.right, self.top = ctypes.c_float(), ctypes.c_float()
        self.size = ctypes.c_float()
        self.matrix = raw.FS_MATRIX()
        self.text = (ctypes.c_ushort * 4096)()
        self.name = ctypes.create_string_buffer(256)
        self.fonts: dict[int | None, bool] = {}

    def italic(self, font: Any) -> bool:
        """Whether a font is italic, from its name (cached by the font's handle)."""
        key = ctypes.cast(font, ctypes.c_void_p).value
        known = self.fonts.get(key)
        if known is None:
            raw.FPDFFont_GetBaseFontName(font, self.name, 256)
            name = self.name.value.decode("latin-1")
            known = self.fonts[key] = bool(_ITALIC.search(name))
        return known


def _page_pieces(page: Any) -> list[Piece]:
    """Every text object of one page with its text, box, baseline, size and italics."""
    textpage = raw.FPDFText_LoadPage(page)
    b = _Buffers()
    pieces: list[Piece] = []
    # looked up once: this loop runs for every text object of every page
    get_object, get_type, get_text = raw.FPDFPage_GetObject, raw.FPDFPageObj_GetType, \
        raw.FPDFTextObj_GetText
    get_size, get_matrix, get_bounds = raw.FPDFTextObj_GetFontSize, raw.FPDFPageObj_GetMatrix, \
        raw.FPDFPageObj_GetBounds
    get_font, text_kind, view = raw.FPDFTextObj_GetFont, raw.FPDF_PAGEOBJ_TEXT, \
        memoryview(b.text).cast("B")
    try:
        for k in range(raw.FPDFPage_CountObjects(page)):
            obj = get_object(page, k)
            if get_type(obj) != text_kind:
                continue
            length = get_text(obj, textpage, b.text, 8192)
            if length <= 2:
                continue
            text = bytes(view[:length - 2]).decode("utf-16-le", "replace").translate(_HYPHENS)
            if not text.strip():
                continue
            get_size(obj, b.size)
            get_matrix(obj, b.matrix)
            get_bounds(obj, b.left, b.bottom, b.right, b.top)
            scale = abs(b.matrix.d) or 1.0
            pieces.append(Piece(text, b.left.value, b.right.value, b.matrix.f,
                                 round(b.size.value * scale, 1), b.italic(get_font(obj))))
    finally:
        raw.FPDFText_ClosePage(textpage)
    return pieces
