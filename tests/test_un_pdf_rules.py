"""Every official UN PDF of the dev set read by the rules any correct reading keeps.

No reading is written down here (tests/test_un_pdf_readings.py holds those): these are the rules
the Secretariat's layout implies for every resolution, so a reader that breaks one has read the
page wrong. No page furniture (job number, barcode, footnote rule, "Please recycle", the running
head's symbol) in any paragraph or heading; top-level operative paragraphs numbered 1..N (a `bis`
after its number, numbering afresh after a heading, annexes apart); preambular paragraphs ending
with a comma or a colon, operative ones with a semicolon, full stop or colon; every footnote mark
where it is printed (after a word, one space after it) and every footnote read once, in the order
of its number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest

from asp_draft.errors import InputError
from asp_draft.model import Document, Paragraph
from asp_draft.readers.pdf import read_pdf, read_pdf_source

PDFS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "un-pdfs"
NAMES = sorted(p.name for p in PDFS.glob("*.pdf")) if PDFS.is_dir() else []
FURNITURE = re.compile(r"\b\d{2}-\d{5}\s*\(E\)|\*\d{7}\*|_{5,}|\bPlease recycle\b")
# files whose operative numbering is known to break, with the cause (none now: the Pact for
# the Future's bold "Action 1. We will ..." lines are headings since the reader sees bold)
KNOWN: dict[str, str] = {}


@cache
def _read(name: str) -> Document | str:
    """The document read from one PDF of the dev set, or the one-line refusal."""
    try:
        return read_pdf(PDFS / name)
    except InputError as exc:
        return str(exc)


def _document(name: str) -> Document:
    """The document, skipping a PDF that is refused as an amendment (it is no resolution)."""
    if not NAMES:
        pytest.skip("../shared/corpus/un-pdfs is not beside this checkout")
    doc = _read(name)
    if isinstance(doc, str):
        assert "amendment" in doc and "\n" not in doc, doc
        pytest.skip(f"refused in one line: {doc}")
    return doc


def _symbol(name: str) -> str:
    """The document symbol the file is named for (A_RES_79_6.pdf -> A/RES/79/6)."""
    return name.removesuffix(".pdf").replace("_", "/")


def _body(doc: Document) -> list[Paragraph]:
    """The resolution's own paragraphs, headings and annexes left out."""
    return [p for p in doc.paragraphs if not p.heading and p.part != "annex"]


def _ending(p: Paragraph) -> str:
    """A paragraph's text without its closing quotes and brackets."""
    return p.text.rstrip().rstrip("\u201d\u2019\"')]")


def operative_numbering(paragraphs: Sequence[Paragraph]) -> list[str]:
    """What breaks the numbering 1..N of top-level operative paragraphs (empty when none)."""
    expected, restart, bad = 1, False, []
    top = [p for p in paragraphs if p.heading or (p.part == "operative" and not p.level)]
    numbered = [p for p in top if not p.heading]
    if len(numbered) == 1 and numbered[0].number is None:
        return []  # a single operative paragraph is printed without a number
    if numbered and numbered[0].number is None and numbered[0].text.endswith(":"):
        # one unnumbered paragraph may open what follows (`Resolves that:`, `Adopts the
        # following Pact for the Future and its annexes:`): the paragraphs after it are numbered
        top = top[top.index(numbered[0]) + 1:]
    for p in top:
        if p.heading:
            restart = True  # after a heading, numbering goes on or starts again at 1
            continue
        number = p.number
        extra = re.fullmatch(r"(\d+) (?:bis|ter|quater|quinquies)", number or "")
        if extra and int(extra.group(1)) == expected - 1:
            continue
        if number == str(expected) or (restart and number == "1"):
            expected, restart = int(number) + 1, False
        else:
            bad.append(f"{number!r} where {expected} was due: {p.text[:50]!r}")
            expected, restart = expected + 1, False
    return bad


@pytest.mark.parametrize("name", NAMES)
def test_no_page_furniture_in_any_paragraph(name: str) -> None:
    doc = _document(name)
    symbol = _symbol(name)
    found = [p.text for p in doc.paragraphs
             if FURNITURE.search(p.text) or " ".join(p.text.split()).endswith(symbol)]
    assert not found


@pytest.mark.parametrize("name", NAMES)
def test_operative_paragraphs_numbered_one_to_n(name: str) -> None:
    if name in KNOWN:
        pytest.xfail(KNOWN[name])
    assert operative_numbering(_document(name).paragraphs) == []


@pytest.mark.parametrize("name", NAMES)
def test_paragraphs_end_as_their_part_does(name: str) -> None:
    body = _body(_document(name))
    wrong = [(p.part, _ending(p)[-40:]) for p in body
             if (p.part == "preamble" and not _ending(p).endswith((",", ";", ":")))
             or (p.part == "operative" and not _ending(p).endswith((";", ".", ":", ",")))]
    assert not [w for w in wrong if not w[1].endswith((" and", " or"))]


@pytest.mark.parametrize("name", NAMES)
def test_footnote_marks_stand_where_printed(name: str) -> None:
    doc = _document(name)
    misplaced = []
    for p in doc.paragraphs:
        assert "  " not in p.text, p.text
        for note in p.footnotes:
            before, after = p.text[:note.at], p.text[note.at:]
            # after a word (a space before a mark is the gap after it), and then a space,
            # closing punctuation or the end: never glued to the next word
            if not before or before[-1] == " " or re.match(r"[\w(\u201c\u2018]", after):
                misplaced.append(f"{before[-20:]}[^]{after[:20]}")
    assert not misplaced


@pytest.mark.parametrize("name", NAMES)
def test_every_footnote_read_once_in_the_order_of_its_number(name: str) -> None:
    doc = _document(name)
    notes = read_pdf_source(PDFS / name).notes
    numbered = sorted((int(key), text) for key, text in notes.items() if key.isdigit())
    read = [note.text for p in doc.paragraphs for note in p.footnotes]
    assert read == [text for _, text in numbered]
    assert [n for n, _ in numbered] == list(range(1, len(numbered) + 1))


# --- the rules themselves, on paragraphs made for them ---------------------------------------

def _op(number: str | None, text: str = "Decides;", *, heading: bool = False,
        level: int = 0) -> Paragraph:
    return Paragraph(part="operative", text=text, number=number, heading=heading, level=level)


@pytest.mark.parametrize(("numbers", "broken"), [
    (["1", "2", "2 bis", "3"], False),
    (["1", "2", "H", "1", "2"], False),  # afresh after a heading
    (["1", "2", "H", "3", "4"], False),  # or going on
    ([None], False),  # a single operative paragraph has no number
    (["Opens:", "1", "2"], False),  # `Resolves that:` opens the numbered paragraphs
    (["1", "Opens:", "2"], True),
    ([None, "1"], True),  # an unnumbered paragraph that opens nothing
    (["1", None, "2"], True),
    (["2", "3"], True),
    (["1", "3"], True),
    (["1", "1"], True),
])
def test_numbering_rule(numbers: list[str | None], broken: bool) -> None:
    paragraphs = [_op(None, "Title", heading=True) if n == "H" else
                  _op(None, "Resolves that:") if n == "Opens:" else _op(n) for n in numbers]
    assert bool(operative_numbering(paragraphs)) is broken


def test_sub_paragraphs_are_not_counted() -> None:
    paragraphs = [_op("1", "Decides:"), _op("a", "to act;", level=1), _op("2")]
    assert operative_numbering(paragraphs) == []
