"""Reading an official 5-page resolution PDF, start-up included, vs `asp-draft --version`
(budget: within 2.5x); and a made 10-page PDF vs the same text pasted, in process (within 3x).

Run: python benchmarks/bench_pdf.py            (the official PDF: needs ../shared/corpus/un-pdfs)
     python benchmarks/bench_pdf.py --made     (also the made PDF: needs soffice and pdftotext)
     python benchmarks/bench_pdf.py --compare  (also: what pdfplumber, pypdfium2 and pypdf
                                                take to give characters with font and place)
"""

from __future__ import annotations

import ctypes
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timing import cli_seconds, median_seconds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the made documents live with the tests

BUDGET = 3.0  # the made PDF read in process, against its pasted text
OFFICIAL_BUDGET = 2.5  # `show` of an official PDF, against `--version`, fresh processes
RUNS = 9
OFFICIAL = ROOT.parent / "shared" / "corpus" / "un-pdfs" / "A_RES_79_6.pdf"


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of `work` in milliseconds (one warm-up run first)."""
    return median_seconds(work, runs, warm_up=True) * 1000


def _plumber(path: Path) -> int:
    import pdfplumber  # type: ignore[import-not-found]  # optional: only for --compare

    with pdfplumber.open(path) as pdf:
        return sum(len([(c["text"], c["fontname"], c["size"], c["x0"], c["top"])
                        for c in page.chars]) for page in pdf.pages)


def _pdfium_chars(path: Path) -> int:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    import pypdfium2.raw as raw  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(str(path))
    name, flags = ctypes.create_string_buffer(128), ctypes.c_int()
    x, y = ctypes.c_double(), ctypes.c_double()
    count = 0
    for index in range(len(document)):
        textpage = document[index].get_textpage()
        for k in range(raw.FPDFText_CountChars(textpage.raw)):
            raw.FPDFText_GetUnicode(textpage.raw, k)
            raw.FPDFText_GetCharOrigin(textpage.raw, k, x, y)
            raw.FPDFText_GetFontSize(textpage.raw, k)
            raw.FPDFText_GetFontInfo(textpage.raw, k, name, 128, flags)
            count += 1
    return count


def _pypdf(path: Path) -> int:
    import pypdf

    chunks: list[Any] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text:
            chunks.append((text, font.get("/BaseFont") if font else None, size, tm[4], tm[5]))

    for page in pypdf.PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return len(chunks)


def compare(pdf: Path) -> None:
    """Each library's time to give every character (or chunk) with font, size and place."""
    from asp_draft.readers.pdf_objects import extract as _extract

    candidates: list[tuple[str, Callable[[Path], int], str]] = [
        ("pdfplumber", _plumber, "chars: text, fontname, size, x0/x1, top/bottom"),
        ("pypdfium2, per char", _pdfium_chars, "chars: unicode, origin, size, font name"),
        ("pypdfium2, per object", lambda p: sum(len(x) for x in _extract(p)),
         "text objects: text, box, baseline, size, font (asp-draft's reader)"),
        ("pypdf", _pypdf, "text chunks: text, matrix, font dict, size; no per-char place"),
    ]
    for name, work, gives in candidates:
        try:
            items = work(pdf)
            ms = median_ms(lambda w=work: w(pdf), runs=3)  # type: ignore[misc]
        except ImportError:
            print(f"{name:22s}  not installed")
            continue
        print(f"{name:22s} {ms:8.1f} ms  {items:6d} items  {gives}")


def official() -> None:
    """`asp-draft show` of an official resolution PDF against `asp-draft --version`."""
    if not OFFICIAL.is_file():
        print(f"{OFFICIAL} is not here: the official PDF is not measured")
        return
    cli_seconds(["show", str(OFFICIAL)], 1)  # the first run fills the disk cache
    version = cli_seconds(["--version"], RUNS)
    show = cli_seconds(["show", str(OFFICIAL)], RUNS)
    ratio = show / version
    verdict = "within" if ratio <= OFFICIAL_BUDGET else "OVER"
    print(f"asp-draft --version:          {version * 1000:7.1f} ms  (median of {RUNS} processes)")
    print(f"asp-draft show {OFFICIAL.name}: {show * 1000:7.1f} ms")
    print(f"ratio {ratio:.2f}x: {verdict} the {OFFICIAL_BUDGET}x budget")


def made() -> None:
    """Make the 10-page PDF, time both readings and say whether the budget holds."""
    from asp_draft.readers.pdf import read_pdf
    from asp_draft.readers.text import parse_text
    from tests.pdf_fixtures import make_pdfs

    with tempfile.TemporaryDirectory() as tmp:
        made = make_pdfs(Path(tmp))["ga-docx"]
        pdf, pasted = made.pdf, made.text
        pages = pasted.count("\f")
        pdf_ms = median_ms(lambda: read_pdf(pdf))
        text_ms = median_ms(lambda: parse_text(pasted, "pasted.txt"))
        ratio = pdf_ms / text_ms
        print(f"{pages}-page resolution, {len(read_pdf(pdf).paragraphs)} paragraphs")
        print(f"read the PDF:         {pdf_ms:7.1f} ms")
        print(f"read the pasted text: {text_ms:7.1f} ms  (pdftotext's copy, parse_text)")
        verdict = "within" if ratio <= BUDGET else "OVER"
        print(f"ratio {ratio:.2f}x: {verdict} the {BUDGET:.0f}x budget")
        if "--compare" in sys.argv[1:]:
            compare(pdf)


def main() -> None:
    """The official PDF always; the made one when asked."""
    official()
    if {"--made", "--compare"} & set(sys.argv[1:]):
        made()


if __name__ == "__main__":
    main()
