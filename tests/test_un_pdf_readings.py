"""Official UN PDFs read as printed: each held to a reading written down by hand.

tests/un_pdf_readings.yaml holds, for each PDF of ../shared/corpus/un-pdfs, what a correct reading
is (the metadata of the cover block and the meeting line, and every paragraph: part, number,
level, lead, first and last words, footnotes); its header says how it was made. The test reads
each PDF with asp-draft's PDF reader and lists every difference, so that the reader's author sees
at once which file, which paragraph and what was expected.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from asp_draft.errors import AspDraftError
from asp_draft.model import Document, Footnote, Meta, Paragraph
from asp_draft.readers.pdf import read_pdf

READINGS = Path(__file__).with_name("un_pdf_readings.yaml")
PDFS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "un-pdfs"
SHOWN = 25  # differences listed per file; the count of the rest is given


@cache
def _readings() -> dict[str, dict[str, Any]]:
    """The hand-made readings, by file name (read once: the file is large)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it
    data = yaml.load(READINGS.read_text(encoding="utf-8"), Loader=loader)
    assert isinstance(data, dict)
    return data


def _words(text: str, count: int, *, end: bool = False) -> str:
    """The first (or last) `count` words of a text, whitespace normalised."""
    words = text.split()
    return " ".join(words[-count:] if end else words[:count])


def _same(expected: Any, got: Any) -> bool:
    """Metadata values equal, a list of names as a list, anything else as printed text."""
    if isinstance(expected, list):
        return isinstance(got, (list, tuple)) and [str(g) for g in got] == expected
    if isinstance(expected, int):
        return isinstance(got, int) and got == expected
    return got is not None and " ".join(str(got).split()) == " ".join(str(expected).split())


def _meta_differences(expected: dict[str, Any], document: Document) -> list[str]:
    """One line per metadata key whose value is not the printed one."""
    return [f"meta[{key!r}]: expected {value!r}, got {document.meta.get(key)!r}"
            for key, value in expected.items() if not _same(value, document.meta.get(key))]


def _annex_titles(reading: dict[str, Any]) -> dict[int, str | None]:
    """The annex title each annex paragraph should carry, by paragraph index."""
    annexes = sorted(reading.get("annexes") or [], key=lambda a: a["from"])
    out: dict[int, str | None] = {}
    count = len(reading.get("paragraphs") or [])
    for k, annex in enumerate(annexes):
        stop = annexes[k + 1]["from"] if k + 1 < len(annexes) else count
        for index in range(annex["from"], stop):
            out[index] = annex.get("title")
    return out


def _paragraph_differences(index: int, want: dict[str, Any], got: Paragraph,
                           notes: dict[int, str], annex: str | None) -> list[str]:
    """One line per property of one paragraph that differs from the reading."""
    out: list[str] = []
    where = f"paragraph {index}"
    expected_props = {"part": want["part"], "number": want.get("number"),
                      "level": want.get("level", 0), "lead": want.get("lead"),
                      "heading": bool(want.get("heading", False))}
    got_props = {"part": got.part, "number": got.number, "level": got.level,
                 "lead": " ".join(got.lead.split()) if got.lead else None, "heading": got.heading}
    for key, value in expected_props.items():
        if got_props[key] != value:
            out.append(f"{where}: {key} expected {value!r}, got {got_props[key]!r}"
                       f" (text {_words(got.text, 8)!r})")
    for key, end in (("first", False), ("last", True)):
        words = _words(got.text, len(want[key].split()), end=end)
        if words != " ".join(want[key].split()):
            out.append(f"{where}: {key} words expected {want[key]!r}, got {words!r}")
    expected_notes = [notes[n] for n in want.get("notes", [])]
    got_notes = [_words(note.text, 5) for note in got.footnotes]
    if got_notes != expected_notes:
        out.append(f"{where}: footnotes expected {expected_notes!r}"
                   f" (numbers {want.get('notes', [])}), got {got_notes!r}")
    if annex is not None and annex not in " ".join((got.annex or "").split()):
        out.append(f"{where}: annex title expected to hold {annex!r}, got {got.annex!r}")
    return out


def _differences(reading: dict[str, Any], document: Document) -> list[str]:
    """Every way the document read differs from the hand-made reading."""
    out = _meta_differences(reading["meta"], document)
    wanted = reading.get("paragraphs") or []
    got = document.paragraphs
    until = reading.get("compare_until")
    if until is not None:  # a table follows: only the paragraphs before it are held
        wanted = wanted[:until]
        if len(got) < until:
            out.append(f"paragraph count: expected at least {until} before the table,"
                       f" got {len(got)}")
        got = got[:until]
    elif len(got) != len(wanted):
        out.append(f"paragraph count: expected {len(wanted)}, got {len(got)}")
    notes = {int(k): " ".join(str(v).split()) for k, v in (reading.get("notes") or {}).items()}
    annexes = _annex_titles(reading)
    # the counts are compared above; the paragraphs both hold are compared one by one
    for index, (want, paragraph) in enumerate(zip(wanted, got, strict=False)):
        out += _paragraph_differences(index, want, paragraph, notes, annexes.get(index))
    return out


def _report(name: str, differences: list[str]) -> str:
    """The failure message: the file, then the first differences, one a line."""
    shown = "\n  ".join(differences[:SHOWN])
    more = len(differences) - SHOWN
    tail = f"\n  ... and {more} more" if more > 0 else ""
    return f"{name}: {len(differences)} differences from the hand reading\n  {shown}{tail}"


@pytest.mark.parametrize("name", sorted(_readings()))
def test_official_pdf_reads_as_printed(name: str) -> None:
    """The PDF's metadata and paragraphs are those written down by hand from the printed page."""
    path = PDFS / name
    if not path.is_file():
        pytest.skip(f"{path} is not beside this checkout")
    reading = _readings()[name]
    if reading.get("kind") == "amendment":
        # An amendment amends a draft rather than being one: read as what it is, or refused.
        try:
            document = read_pdf(path)
        except AspDraftError as error:
            assert "\n" not in str(error).strip(), f"{name}: refusal is not one line: {error}"
            return
        differences = _meta_differences(reading["meta"], document)
        assert not differences, _report(name, differences)
        return
    differences = _differences(reading, read_pdf(path))
    assert not differences, _report(name, differences)


def test_readings_are_well_formed() -> None:
    """Every reading names its file's symbol, and every footnote it cites is written down."""
    for name, reading in _readings().items():
        symbol = reading["meta"]["symbol"]
        assert name.removesuffix(".pdf") == symbol.replace("/", "_"), name
        notes = set((reading.get("notes") or {}).keys())
        cited = [n for p in reading.get("paragraphs") or [] for n in p.get("notes", [])]
        assert set(cited) <= notes, (name, set(cited) - notes)
        assert cited == sorted(cited), (name, "footnote marks out of order")
        for paragraph in reading.get("paragraphs") or []:
            assert paragraph["part"] in ("preamble", "operative", "annex"), (name, paragraph)
            assert paragraph["first"] and paragraph["last"], (name, paragraph)


def _document_of(reading: dict[str, Any]) -> Document:
    """A document that reads exactly as a reading says: its first and last words joined."""
    notes = {int(k): str(v) for k, v in (reading.get("notes") or {}).items()}
    annexes = _annex_titles(reading)
    paragraphs = []
    for index, want in enumerate(reading.get("paragraphs") or []):
        first, last = want["first"], want["last"]
        text = first if first == last or len(first.split()) < 6 else f"{first} {last}"
        paragraphs.append(Paragraph(
            part=want["part"], text=text, lead=want.get("lead"), number=want.get("number"),
            level=want.get("level", 0), heading=bool(want.get("heading", False)),
            footnotes=tuple(Footnote(notes[n], len(text)) for n in want.get("notes", [])),
            annex=annexes.get(index)))
    return Document(meta=Meta.of(reading["meta"]), paragraphs=tuple(paragraphs))


def test_a_difference_is_named_with_its_paragraph() -> None:
    """The comparison finds nothing in a faithful document, and names the one thing changed."""
    reading = _readings()["A_RES_79_6.pdf"]
    faithful = _document_of(reading)
    assert _differences(reading, faithful) == []
    paragraphs = list(faithful.paragraphs)
    paragraphs[1] = replace(paragraphs[1], lead="Recalling", footnotes=())
    changed = Document(meta=Meta.of(dict(faithful.meta, adopted="2024-10-30")),
                       paragraphs=tuple(paragraphs))
    assert _differences(reading, changed) == [
        "meta['adopted']: expected '2024-10-29', got '2024-10-30'",
        "paragraph 1: lead expected 'Recalling also', got 'Recalling'"
        " (text 'Recalling also that the Rome Statute the Charter')",
        "paragraph 1: footnotes expected ['United Nations, Treaty Series, vol.'] (numbers [1]),"
        " got []",
    ]
    shorter = Document(meta=faithful.meta, paragraphs=faithful.paragraphs[:-1])
    assert _differences(reading, shorter) == [
        f"paragraph count: expected {len(faithful.paragraphs)}, got {len(faithful.paragraphs) - 1}"]
