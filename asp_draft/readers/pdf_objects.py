"""A PDF's pages as text objects, through pdfium (pypdfium2): each object's text, box,
baseline, size, whether its font is italic or bold, and where a space that ends it stands
(pdfium's text page says which spaces it made up itself; those inside a word are left out).
The layout reader (`readers/pdf.py`) makes lines and paragraphs of them; this module is the
only one that talks to pdfium.

A PDF is untrusted, and pdfium does its heaviest work (inflating and parsing a page's content
streams, form objects within form objects) inside one call, where no budget of ours can
reach. So the whole of pdfium's work runs in a forked child with a memory and CPU limit, and
its answer comes back as JSON through a pipe: a bomb kills the child, and the reader says so
in one line. Walking a page, the child keeps its own budget of depth and objects. Where fork
is missing (or threads make it unsafe) the same code runs in process, with the budget only.
"""

from __future__ import annotations

import ctypes
import functools
import json
import math
import os
import re
import select
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as raw  # type: ignore[import-untyped]

from asp_draft.errors import InputError
from asp_draft.textfile import check_input

MAX_BYTES = 100 * 1024 * 1024  # an untrusted file: no resolution is anywhere near this
MAX_PAGES = 500
MAX_DEPTH = 8  # form objects within form objects; printed documents use one or two
# objects on one page, forms' contents counted: the densest page of 78 official PDFs has 732,
# and pdfium's time per text object grows with the page's (19,000 take 7 s)
MAX_OBJECTS = 5_000
# text objects in the whole PDF: the 78 official PDFs have 88 a page (382 at most), 4,922 in
# the longest (56 pages); and the layout reader takes about a second for 20,000
MAX_PIECES = 40_000
MAX_TEXT = 1 << 20  # UTF-16 units in one text object; a whole resolution is a tenth of it
MEMORY = 512 << 20  # what the child may map beyond the parent's: ten times a long PDF's need
# the child's CPU time, and (with one more) the wall time the parent waits: with start-up
# and the layout of MAX_PIECES, a PDF is read or refused within 10 s
SECONDS = 6
MAX_ANSWER = 64 * 1024 * 1024  # bytes of JSON the child may send: the text of 500 full pages
_ITALIC = re.compile(r"Italic|Oblique|-It\b|-It[A-Z]|,It\b|Slanted|Kursiv", re.I)
_BOLD = re.compile(r"Bold|Black|Heavy|Semibold|Demi|-Bd\b|,Bd\b", re.I)
BOLD_WEIGHT = 600  # FPDFFont_GetWeight: 400 regular, 700 bold; a name without a weight asks it
_HYPHENS = str.maketrans({"\ufffe": "-", "\x02": "-", "\u00ad": "-"})
# C0 and C1 controls but tab, the bidi embeddings, overrides and isolates, and lone
# surrogates: a PDF's text must not move the terminal's cursor, turn the text around on
# screen, or fail to print
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# what pdfium gives for a glyph it has no Unicode for: U+FFFD, private use, control codes
_UNMAPPED = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0b-\x1f\x7f-\x9f]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew, Arabic, Syriac ...
_SPACES = re.compile(r"\s")
_RUNS_ON = "-,.;:)]\u201d\u2019!?"  # a word goes on in these, with no space before them
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

Notify = Callable[[str], None]
Matrix = tuple[float, float, float, float, float, float]


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
    bold: bool = False
    # where the space character that ends the text starts (None: no space ends it, or one
    # pdfium made up, which is left out of the text): a space the next object starts
    # inside was taken back by the typesetter and is no word space
    space: float | None = None


def _quiet(message: str) -> None:
    """Say nothing (the default for `notify`)."""


# --- the parent: check the file, run pdfium bounded, judge the text ----------------------

def extract(path: Path, notify: Notify = _quiet) -> Iterator[list[Piece]]:
    """The text objects of each page, one list per page; InputError (one line) for a file
    that is not a readable PDF, that pdfium cannot read within the limits, or whose text is
    glyphs without a Unicode map."""
    check_input(path, MAX_BYTES, "a PDF file")
    if b"%PDF-" not in _head(path):
        raise InputError("not a PDF file (it does not start with %PDF-)", source=path)
    read = _bounded(path) if _can_fork() else list(_read_pages(path))
    pages = [pieces for pieces, _ in read]
    _refuse_unmapped(pages, [unmapped for _, unmapped in read], path)
    _say_right_to_left(pages, notify)
    _say_two_columns(pages, notify)
    for page in pages:
        for piece in page:
            if _CONTROLS.search(piece.text):
                piece.text = _CONTROLS.sub("", piece.text)
        yield [p for p in page if p.text.strip()]


def _head(path: Path) -> bytes:
    """The file's first kilobyte, never waiting on a pipe put in its place since the check."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            return os.read(fd, 1024) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from None


def _can_fork() -> bool:
    """Whether pdfium can run in a forked child: fork exists, and no other thread holds a
    lock the child would inherit locked."""
    return hasattr(os, "fork") and threading.active_count() == 1


Page = tuple[list[Piece], bool]  # a page's pieces, and whether pdfium found glyphs unmapped


def _bounded(path: Path) -> list[Page]:
    """Every page's pieces, read by a forked child under a memory and CPU limit."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's cleanup
        os.close(read_end)
        _child(path, write_end)
    os.close(write_end)
    status = None
    try:
        answer, complete = _receive(read_end, time.monotonic() + SECONDS + 1, path)
    finally:
        os.close(read_end)
        status = _reap(pid)
    return _pages_from(answer, complete, status, path)


def _receive(fd: int, deadline: float, path: Path) -> tuple[bytes, bool]:
    """What the child wrote until it closed the pipe; False when the deadline passed first.
    An answer past MAX_ANSWER is refused."""
    chunks: list[bytes] = []
    size = 0
    poller = select.poll()  # not select(): a descriptor past 1024 is fine
    poller.register(fd, select.POLLIN)
    while (left := deadline - time.monotonic()) > 0:
        if not poller.poll(left * 1000):
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks), True
        size += len(chunk)
        if size > MAX_ANSWER:
            raise InputError(f"the PDF holds more than {MAX_ANSWER // 2**20} MB of text; a "
                             "resolution holds far less, refusing it", source=path)
        chunks.append(chunk)
    return b"".join(chunks), False


def _reap(pid: int) -> int | None:
    """End the child if it still runs (it is ours, by its id), collect it, and return how it
    ended (an exit code, or minus the signal that killed it)."""
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
        if not done:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)
    except ChildProcessError:  # already collected (a SIGCHLD handler of the embedding app)
        return None


def _pages_from(answer: bytes, complete: bool, status: int | None, path: Path) -> list[Page]:
    """The pages the child sent, or the one-line reason it gave or died of."""
    pages: list[Page] = []
    for line in answer.splitlines():
        try:
            record = json.loads(line)
        except ValueError:  # the last line cut off when the child was killed
            break
        if isinstance(record, dict):
            if "bug" in record:  # ours, not the file's: shown as the internal error it is
                raise RuntimeError(f"reading {path}, page {len(pages) + 1}: {record['bug']}")
            if "error" in record:
                page = record.get("page")
                raise InputError(_CONTROLS.sub("", str(record["error"])), source=path,
                                 line=page if isinstance(page, int) else None)
            if record.get("done") and complete:
                return pages
            pages.append(_page_from(record, path))
    if not complete or status in (-signal.SIGXCPU, -signal.SIGKILL):
        cause = f"took more than {SECONDS} s"
    else:
        cause = f"needed more than {MEMORY // 2**20} MB of memory, or crashed pdfium"
    raise InputError(f"reading this page {cause}; the PDF is built to exhaust the reader or "
                     "badly damaged, refusing it", source=path, line=len(pages) + 1)


def _page_from(record: dict[str, Any], path: Path) -> Page:
    """One page of the child's answer, checked: pdfium ran on hostile input in that
    process, so what comes back is untrusted too."""
    try:
        pieces = [Piece(str(t), float(x0), float(x1), float(base), float(size), bool(it),
                        bold=bool(bd), space=None if sp is None else float(sp))
                  for t, x0, x1, base, size, it, bd, sp in record["p"]]
        unmapped = bool(record["u"])
    except (KeyError, TypeError, ValueError):
        raise InputError("the PDF reader's child process sent a malformed answer; refusing "
                         "the PDF", source=path) from None
    return [p for p in pieces if all(map(math.isfinite, (p.x0, p.x1, p.base, p.size)))
            and (p.space is None or math.isfinite(p.space))], \
        unmapped


def _child(path: Path, fd: int) -> None:
    """The forked child: limits set, every page read and written to `fd` as a JSON line."""
    code = 1
    try:
        fd = _silence(fd)
        _limit()
        with os.fdopen(fd, "w", encoding="utf-8", buffering=1 << 16) as out:
            try:
                for page, unmapped in _read_pages(path):
                    out.write(json.dumps({"p": [[p.text, p.x0, p.x1, p.base, p.size, p.italic,
                                                  p.bold, p.space]
                                                for p in page], "u": unmapped},
                                         ensure_ascii=False) + "\n")
                out.write('{"done": true}\n')
            except InputError as e:
                out.write(json.dumps({"error": e.message, "page": e.line}) + "\n")
            except MemoryError:
                pass  # the parent says it: no page after this one came
            except Exception as e:  # a bug: told to the parent, not lost
                out.write(json.dumps({"bug": f"{type(e).__name__}: {e}"}) + "\n")
        code = 0
    finally:
        os._exit(code)


def _silence(fd: int) -> int:
    """Standard input, output and error on /dev/null in the child, so that only the pipe
    speaks for it (a crash report, pdfium's or faulthandler's, would be a second line);
    returns the pipe's descriptor, moved above them if it was one of them."""
    import faulthandler
    import fcntl

    faulthandler.disable()
    if fd <= 2:  # the parent ran with a standard stream closed
        fd = fcntl.fcntl(fd, fcntl.F_DUPFD, 3)
    null = os.open(os.devnull, os.O_RDWR)
    for standard in (0, 1, 2):
        os.dup2(null, standard)
    return fd


def _limit() -> None:
    """Memory, CPU time, no core file: what a hostile page may take before the child dies."""
    import resource

    try:
        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        mapped = 0
    memory = mapped + MEMORY  # what the parent had mapped stays mapped in the child
    for kind, soft, hard in ((resource.RLIMIT_AS, memory, memory),
                             (resource.RLIMIT_CPU, SECONDS, SECONDS + 1),
                             (resource.RLIMIT_CORE, 0, 0)):
        try:
            _, old = resource.getrlimit(kind)
            if old != resource.RLIM_INFINITY:
                soft, hard = min(soft, old), min(hard, old)
            resource.setrlimit(kind, (soft, hard))
        except (ValueError, OSError):  # a limit the system does not have or let us set
            pass


def _refuse_unmapped(pages: list[list[Piece]], flagged: list[bool], path: Path) -> None:
    """One line naming the pages whose text is glyphs without a Unicode map: pdfium says
    so, or the text comes out as U+FFFD, private-use or control characters."""
    bad = []
    for number, (page, unmapped_font) in enumerate(zip(pages, flagged, strict=True), 1):
        text = "".join(p.text for p in page)
        unmapped = len(_UNMAPPED.findall(text))
        letters = len(text) - len(_SPACES.findall(text))
        if unmapped_font or (unmapped >= 3 and unmapped * 10 > letters):
            bad.append(number)
    if bad:
        raise InputError(f"{_pages_named(bad)}: the text is in a font without a Unicode map "
                         "(it comes out as unknown characters, not letters); export the PDF "
                         "again with its fonts' text, or give the .docx", source=path)


def _say_right_to_left(pages: list[list[Piece]], notify: Notify) -> None:
    """One line when pages hold right-to-left text (Arabic, Hebrew): the layout reader sets
    a line's objects left to right, so such a line may read in the wrong order."""
    rtl = [n for n, page in enumerate(pages, 1)
           if any(_RTL.search(p.text) for p in page)]
    if rtl:
        notify(f"{_pages_named(rtl)}: right-to-left text (Arabic or Hebrew script); asp-draft "
               "reads a line left to right, so its words may come out in the wrong order")


def _say_two_columns(pages: list[list[Piece]], notify: Notify) -> None:
    """One line when pages set their text in two columns (or a wide table): most lines
    have a gap down the middle of the text, where a resolution's lines run across."""
    two = [n for n, page in enumerate(pages, 1) if _two_columns(page)]
    if two:
        notify(f"{_pages_named(two)}: text in two columns (or a table); asp-draft reads a "
               "page's lines across, so the columns may come out interleaved")


def _two_columns(page: list[Piece]) -> bool:
    """Whether a third of the page's lines, and at least five, break in its middle third."""
    if len(page) < 10:
        return False
    left, right = min(p.x0 for p in page), max(p.x1 for p in page)
    middle = (left + (right - left) / 3, right - (right - left) / 3)
    lines: dict[int, list[Piece]] = {}
    for piece in page:
        lines.setdefault(round(piece.base), []).append(piece)
    split = 0
    for pieces in lines.values():
        pieces.sort(key=lambda p: p.x0)
        split += any(b.x0 - a.x1 > 2 * max(a.size, b.size)
                     and middle[0] < (a.x1 + b.x0) / 2 < middle[1]
                     for a, b in pairwise(pieces))
    return split >= 5 and 3 * split >= len(lines)


def _pages_named(numbers: list[int]) -> str:
    """`page 3`, `pages 2-4, 7`: page numbers in runs."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    return ("page " if numbers == [numbers[0]] else "pages ") + ", ".join(parts)


# --- pdfium: the work the child does -----------------------------------------------------

def _open(path: Path) -> Any:
    """The pdfium document, or one line saying why the file cannot be read."""
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


def _read_pages(path: Path) -> Iterator[Page]:
    """The text objects of each page, and whether pdfium found its glyphs without a Unicode
    map (pdfium unbounded here: see _bounded)."""
    document = _open(path)
    pieces = 0
    try:
        for index in range(len(document)):
            page = raw.FPDF_LoadPage(document.raw, index)
            if not page:
                raise InputError("the PDF is damaged: a page cannot be read", source=path,
                                 line=index + 1)
            try:
                read = _page_pieces(page, path, index + 1)
            finally:
                raw.FPDF_ClosePage(page)
            pieces += len(read[0])
            if pieces > MAX_PIECES:
                raise InputError(f"the PDF has over {MAX_PIECES:,} text objects; a resolution "
                                 "has far fewer, refusing it", source=path, line=index + 1)
            yield read
    finally:
        document.close()


class _Buffers:
    """ctypes out-parameters reused for every object: allocating them is most of the cost."""

    UNITS = 4096

    def __init__(self) -> None:
        self.left, self.bottom = ctypes.c_float(), ctypes.c_float()
        self.right, self.top = ctypes.c_float(), ctypes.c_float()
        self.size = ctypes.c_float()
        self.matrix = raw.FS_MATRIX()
        self.text = (ctypes.c_ushort * self.UNITS)()
        self.view = memoryview(self.text).cast("B")
        self.name = ctypes.create_string_buffer(256)
        self.fonts: dict[int | None, tuple[bool, bool]] = {}
        self.box = raw.FS_RECTF()

    def italic_at(self, textpage: Any, index: int) -> bool:
        """Whether the font of a character of the text page is italic, from its name."""
        raw.FPDFText_GetFontInfo(textpage, index, self.name, 256, None)
        return bool(_ITALIC.search(self.name.value.decode("latin-1")))

    def style(self, font: Any) -> tuple[bool, bool]:
        """Whether a font is italic and whether bold, from its name or else its weight
        (cached by the font's handle)."""
        key = ctypes.cast(font, ctypes.c_void_p).value
        known = self.fonts.get(key)
        if known is None:
            raw.FPDFFont_GetBaseFontName(font, self.name, 256)
            name = self.name.value.decode("latin-1")
            bold = bool(_BOLD.search(name)) or raw.FPDFFont_GetWeight(font) >= BOLD_WEIGHT
            known = self.fonts[key] = (bool(_ITALIC.search(name)), bold)
        return known

    def text_of(self, obj: Any, textpage: Any) -> str | None:
        """A text object's text, whole however long: pdfium leaves a buffer too small for
        the text untouched and says how many bytes it needs, so ask again with that many."""
        length = raw.FPDFTextObj_GetText(obj, textpage, self.text, 2 * self.UNITS)
        if length <= 2:
            return None
        if length <= 2 * self.UNITS:
            data = bytes(self.view[:length - 2])
        elif length > 2 * MAX_TEXT:
            raise _Budget(f"a text object of {length // 2:,} characters; a whole resolution "
                          "has fewer")
        else:
            big = (ctypes.c_ushort * (length // 2 + 1))()
            length = min(raw.FPDFTextObj_GetText(obj, textpage, big, 2 * len(big)),
                         2 * len(big))
            data = bytes(memoryview(big).cast("B")[:max(length - 2, 0)])
        return data.decode("utf-16-le", "replace").translate(_HYPHENS)


class _Budget(Exception):
    """A page past a limit of the walk (depth, objects, text length)."""


def _page_pieces(page: Any, path: Path, number: int) -> Page:
    """Every text object of one page, forms' included, with text, box, baseline, size and
    italics, and whether the glyphs lack a Unicode map; InputError for a page past the
    walk's budget."""
    try:
        objects = _walk(page)
    except _Budget as e:
        raise InputError(f"{e}; refusing the PDF", source=path, line=number) from None
    textpage = raw.FPDFText_LoadPage(page)
    if not textpage:
        raise InputError("the PDF is damaged: the text of a page cannot be read", source=path,
                         line=number)
    b = _Buffers()
    ends = _object_ends(textpage, b)
    pieces: list[Piece] = []
    get_size, get_matrix, get_bounds = raw.FPDFTextObj_GetFontSize, raw.FPDFPageObj_GetMatrix, \
        raw.FPDFPageObj_GetBounds
    get_font = raw.FPDFTextObj_GetFont
    try:
        for obj, outer in objects:
            text = b.text_of(obj, textpage)
            if text is None or not text.strip():
                continue
            get_size(obj, b.size)
            get_matrix(obj, b.matrix)
            get_bounds(obj, b.left, b.bottom, b.right, b.top)
            m = b.matrix
            x0, x1 = b.left.value, b.right.value
            d, base = m.d, m.f
            if outer is not _IDENTITY:  # inside a form: its matrix takes it onto the page
                d, base = outer[1] * m.c + outer[3] * m.d, outer[1] * m.e + outer[3] * m.f \
                    + outer[5]
                xs = [outer[0] * x + outer[2] * y + outer[4]
                      for x in (x0, x1) for y in (b.bottom.value, b.top.value)]
                x0, x1 = min(xs), max(xs)
            if not all(map(math.isfinite, (x0, x1, base, d, b.size.value))):
                continue  # a degenerate matrix: the object stands nowhere on the page
            italic, bold = b.style(get_font(obj))
            made_up, space = ends.get(ctypes.cast(obj, ctypes.c_void_p).value, (False, None))
            if made_up and text.endswith(" "):
                text = text[:-1]
            if space is not None and outer is not _IDENTITY:
                space = outer[0] * space + outer[4]  # a form's object: onto the page
            pieces.append(Piece(text, x0, x1, base, round(b.size.value * (abs(d) or 1.0), 1),
                                italic, bold=bold, space=space))
        unmapped = _unmapped(textpage)
    except _Budget as e:
        raise InputError(f"{e}; refusing the PDF", source=path, line=number) from None
    finally:
        raw.FPDFText_ClosePage(textpage)
    return pieces, unmapped


def _object_ends(textpage: Any, b: _Buffers) -> dict[int | None, tuple[bool, float | None]]:
    """How each text object's text ends, by the object's handle: whether the space pdfium
    put after it is one it made up inside a word, and where the space that ends it starts.

    pdfium makes up a space wherever the next object stands apart (`Recalling|its`: the
    lead's italic object and the text's), inside words too (`public |ations`: a kerning cut).
    The gap between the glyphs' advances tells them apart: over the 78 official PDFs, a
    word's pieces stand at most 0.15 of the size apart, words at least 0.155."""
    count = max(raw.FPDFText_CountChars(textpage), 0)
    if not count:
        return {}
    # the page's characters in one call; the owners asked only around spaces, where an
    # object's text can end in one (a call a character would double the page's cost)
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    chars = bytes(memoryview(buffer).cast("B")[:2 * max(written - 1, 0)]).decode(
        "utf-16-le", "replace")
    owner = raw.FPDFText_GetTextObject
    ends: dict[int | None, tuple[bool, float | None]] = {}
    for index in (m.start() for m in re.finditer(" ", chars[:count])):
        if index == 0 or index + 1 >= count:
            continue
        this = ctypes.cast(owner(textpage, index), ctypes.c_void_p).value
        if this is None:  # made up by pdfium: it ends the object before it
            before = ctypes.cast(owner(textpage, index - 1), ctypes.c_void_p).value
            if before is not None:
                ends[before] = _end(textpage, b, index, True, count)
        elif ctypes.cast(owner(textpage, index + 1), ctypes.c_void_p).value != this:
            ends[this] = _end(textpage, b, index + 1, False, count)
    return ends


def _end(textpage: Any, b: _Buffers, index: int, made_up: bool,
         count: int) -> tuple[bool, float | None]:
    """(made up inside a word, where the space starts) for the object whose text ends just
    before character `index`, a character of pdfium's own when `made_up`."""
    unicode, box = raw.FPDFText_GetUnicode, b.box
    if not made_up:
        if unicode(textpage, index - 1) != 0x20:
            return False, None
        raw.FPDFText_GetLooseCharBox(textpage, index - 1, box)
        return False, box.left
    if unicode(textpage, index) != 0x20 or index + 1 >= count or \
            not raw.FPDFText_GetTextObject(textpage, index + 1):
        return False, None  # a line's end, or no object after it: nothing to measure
    size = raw.FPDFText_GetFontSize(textpage, index - 1)
    if abs(raw.FPDFText_GetFontSize(textpage, index + 1) - size) > 0.5 or size <= 0:
        return False, None  # a mark beside a word: the layout reader judges that gap
    after = chr(unicode(textpage, index + 1))
    if b.italic_at(textpage, index - 1) or b.italic_at(textpage, index + 1):
        return False, None  # an italic glyph's box ends short of its advance: no measure
    raw.FPDFText_GetLooseCharBox(textpage, index - 1, box)
    before = box.right
    raw.FPDFText_GetLooseCharBox(textpage, index + 1, box)
    # a word goes on in lower case, punctuation or after a hyphen (`Two|-|State`,
    # `jurisdiction|”.`); `of|World` is two words
    inside = after.islower() or after in _RUNS_ON or unicode(textpage, index - 1) == 0x2D
    if inside and box.left - before < 0.152 * size:
        return True, None
    return False, before


def _unmapped(textpage: Any) -> bool:
    """Whether many of the page's glyphs have no Unicode (pdfium then gives their codes, as
    `$EFGH` for `Agenda`): every eighth character asked, which is enough for a whole font."""
    count = raw.FPDFText_CountChars(textpage)
    asked = range(0, max(count, 0), 8)
    errors: int = sum(map(functools.partial(raw.FPDFText_HasUnicodeMapError, textpage), asked))
    return errors * 10 > len(asked) > 0


def _walk(page: Any) -> list[tuple[Any, Matrix]]:
    """The page's text objects in drawing order, each with the matrix that takes it onto the
    page (forms' contents included), within MAX_DEPTH forms deep and MAX_OBJECTS in all."""
    count = raw.FPDFPage_CountObjects(page)
    if count > MAX_OBJECTS:
        raise _Budget(f"the page has {count:,} objects; a resolution's page has far fewer "
                      f"(the limit is {MAX_OBJECTS:,})")
    walk = _Walk(count)
    walk.objects(raw.FPDFPage_GetObject, page, count, _IDENTITY, 0)
    return walk.found


class _Walk:
    """The walk of one page: the text objects found, and the objects counted so far."""

    def __init__(self, seen: int) -> None:
        self.found: list[tuple[Any, Matrix]] = []
        self.seen = seen
        self.matrix = raw.FS_MATRIX()

    def objects(self, get: Any, container: Any, count: int, outer: Matrix, depth: int) -> None:
        """The objects of a page or form, and (depth first, in order) the forms' objects."""
        text_kind, form_kind, get_type = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_FORM, \
            raw.FPDFPageObj_GetType
        for k in range(count):
            obj = get(container, k)
            kind = get_type(obj)
            if kind == text_kind:
                self.found.append((obj, outer))
            elif kind == form_kind:
                if depth == MAX_DEPTH:
                    raise _Budget(f"form objects nest more than {MAX_DEPTH} deep; a printed "
                                  "document nests one or two")
                inner = max(raw.FPDFFormObj_CountObjects(obj), 0)
                self.seen += inner
                if self.seen > MAX_OBJECTS:
                    raise _Budget(f"the page has over {MAX_OBJECTS:,} objects, forms' "
                                  "contents counted; a resolution's page has far fewer")
                raw.FPDFPageObj_GetMatrix(obj, self.matrix)
                self.objects(raw.FPDFFormObj_GetObject, obj, inner,
                             _times(outer, self.matrix), depth + 1)


def _times(outer: Matrix, m: Any) -> Matrix:
    """`outer` after a form's matrix `m`: where the form's own coordinates land."""
    a, b, c, d, e, f = outer
    if outer is _IDENTITY:
        return (m.a, m.b, m.c, m.d, m.e, m.f)
    return (a * m.a + c * m.b, b * m.a + d * m.b, a * m.c + c * m.d, b * m.c + d * m.d,
            a * m.e + c * m.f + e, b * m.e + d * m.f + f)
