"""PDFs read from their layout: every made PDF reads back to exactly the text written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asp_draft.errors import InputError
from asp_draft.model import Document, Footnote
from asp_draft.readers.pdf import (
    _join_texts,
    _Line,
    _line_runs,
    _list_items,
    _note_start,
    _PdfBlock,
    _tidy,
    read_pdf,
    read_pdf_source,
)
from asp_draft.readers.pdf_objects import Piece
from asp_draft.text.structure import Block, Run, Source, classify, flatten
from tests.pdf_fixtures import (
    _LONG_NOTE,
    MadePdf,
    Resolution,
    expected_blocks,
    leads,
    made_pdfs,
    pieces,
    plain,
    scanned_pdf,
    write_minimal_pdf,
)

NAMES = ["ga-docx", "ga-odt", "asp-docx", "asp-odt"]


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, MadePdf]:
    """Every made PDF, built once per session (LibreOffice takes seconds)."""
    return made_pdfs(tmp_path_factory)


def source_blocks(source: Source) -> list[tuple[str, list[tuple[int, str]]]]:
    """Each block's text and its notes as (offset after which the mark stands, note text)."""
    out = []
    for block in source.blocks:
        text = ""
        notes = []
        for run in block.runs:
            if run.note is not None:
                notes.append((len(text), source.notes[run.note]))
            text += run.text
        out.append((text, notes))
    return out


# --- the Source: blocks, marks, heads -----------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_blocks_read_back_exactly(made: dict[str, MadePdf], name: str) -> None:
    said: list[str] = []
    source = read_pdf_source(made[name].pdf, said.append)
    assert source_blocks(source) == expected_blocks(made[name].resolution)
    assert said == []  # nothing was a guess


@pytest.mark.parametrize("name", NAMES)
def test_leads_are_the_italic_runs(made: dict[str, MadePdf], name: str) -> None:
    source = read_pdf_source(made[name].pdf)
    italic = [r.text for b in source.blocks for r in b.runs if r.italic]
    assert italic == leads(made[name].resolution)
    assert source.italics


@pytest.mark.parametrize("name", NAMES)
def test_running_head_and_foot_dropped(made: dict[str, MadePdf], name: str) -> None:
    res = made[name].resolution
    source = read_pdf_source(made[name].pdf)
    lines = [line for b in source.blocks for line in b.lines]
    assert not [x for x in lines if x.startswith((res.short_title, res.symbol + " "))]
    foot = re.compile(r"(?:17-22953 )?\d+/\d+|- ?\d+ ?-|17-22953(?: \(E\))?")
    assert not [x for x in lines if foot.fullmatch(x)]
    assert "17-22953" not in "\n".join(lines)
    # the head was there to drop: pdftotext keeps it on every page but the first (Word's)
    assert made[name].text.count(res.short_title) >= 2
    assert source.meta == {"symbol": res.symbol}


def test_footnote_running_over_a_page_is_joined(made: dict[str, MadePdf]) -> None:
    copy = made["asp-docx"].text
    # the note does run over: its last words stand on a later page than its first
    first_page_ends = copy.index("\f", copy.index("See ICC-ASP/1/"))
    assert copy.index("annexes to those resolutions") > first_page_ends
    source = read_pdf_source(made["asp-docx"].pdf)
    assert _LONG_NOTE in source.notes.values()


def test_paragraph_broken_across_pages_is_one_block(made: dict[str, MadePdf]) -> None:
    res = made["asp-docx"].resolution
    source = read_pdf_source(made["asp-docx"].pdf)
    eighth = next(e for e in res.entries if e.label == "8.")
    block = next(b for b in source.blocks if b.text.startswith("8. "))
    assert block.text == plain(eighth)[0]
    assert len({line for line in block.lines}) == len(block.lines) >= 2
    page_two = made["asp-docx"].text.split("\f")[1]
    assert block.text.split()[-1] in page_two  # its end stands on the next page


def test_pdftotext_copies_saved_beside(made: dict[str, MadePdf]) -> None:
    for m in made.values():
        assert m.extras[".txt"].read_text(encoding="utf-8") == m.text
        assert "   " in m.layout_text and m.resolution.entries[0].text in m.text


@pytest.mark.parametrize(("lines", "joined"), [
    (["the peace-", "building efforts"], "the peace-building efforts"),
    (["document ICC-", "ASP/16/20"], "document ICC-ASP/16/20"),
    (["the Court -", "as the organ"], "the Court - as the organ"),
    (["the Court", "as the organ"], "the Court as the organ"),
    (["", "alone"], "alone"),
])
def test_line_joins(lines: list[str], joined: str) -> None:
    assert _join_texts(lines) == joined


# --- the Document -------------------------------------------------------------------------

def expected_paragraphs(res: Resolution) -> list[tuple[object, ...]]:
    """(part, number, level, lead, heading, annex title, text, footnotes) for each paragraph."""
    out: list[tuple[object, ...]] = []
    annex: str | None = None
    kinds = {"preamble": ("preamble", 0), "operative": ("operative", 0), "sub1": (None, 1),
             "sub2": (None, 2), "annex": ("annex", 0), "heading": ("operative", 0)}
    part = "preamble"
    for entry in res.entries:
        if entry.kind == "annex-title":
            annex = entry.text if entry.text != "Annex" else annex
            continue
        if entry.kind not in kinds:
            continue
        kind, level = kinds[entry.kind]
        part = kind or part
        text, notes = plain(entry)
        label = f"{entry.label} " if entry.label else ""
        number = entry.label.strip("().") or None
        lead = next((v for k, v in pieces(entry.text) if k == "lead"), None)
        out.append((part, number, level, None if level else lead, entry.kind == "heading",
                    annex if part == "annex" else None, text[len(label):],
                    tuple(Footnote(t, at - len(label)) for at, t in notes)))
    return out


def got_paragraphs(doc: Document) -> list[tuple[object, ...]]:
    return [(p.part, p.number, p.level, p.lead, p.heading, p.annex, p.text, p.footnotes)
            for p in doc.paragraphs]


@pytest.mark.parametrize("name", NAMES)
def test_document_reads_back_exactly(made: dict[str, MadePdf], name: str) -> None:
    said: list[str] = []
    doc = read_pdf(made[name].pdf, said.append)
    assert got_paragraphs(doc) == expected_paragraphs(made[name].resolution)
    assert said == []


def test_general_assembly_metadata(made: dict[str, MadePdf]) -> None:
    doc = read_pdf(made["ga-docx"].pdf)
    assert doc.chapeau == "The General Assembly,"
    assert {k: doc.meta.get(k) for k in ("symbol", "adopted", "plenary", "session")} == {
        "symbol": "A/RES/72/321", "adopted": "2017-12-14", "plenary": 73, "session": 72}
    assert "Sixth Committee (A/72/999)" in str(doc.meta.get("committee"))


def test_general_assembly_title(made: dict[str, MadePdf]) -> None:
    doc = read_pdf(made["ga-docx"].pdf)
    assert doc.meta["title"] == ("Cooperation between international courts and regional "
                                 "organizations in the peaceful settlement of disputes")


def test_asp_metadata(made: dict[str, MadePdf]) -> None:
    doc = read_pdf(made["asp-odt"].pdf)
    assert doc.chapeau == "The Assembly of States Parties,"
    assert {k: doc.meta.get(k) for k in ("symbol", "title", "adopted", "plenary", "adoption",
                                         "session")} == {
        "symbol": "ICC-ASP/16/Res.9", "adopted": "2017-12-14", "plenary": 12,
        "adoption": "by consensus", "session": 16,
        "title": "Strengthening the review of the working methods of the Assembly of States "
                 "Parties"}


# --- files that cannot be read: one line each -------------------------------------------

def _refused(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_pdf_source(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path))
    return message


def test_scan_without_text_layer(tmp_path: Path) -> None:
    assert "no text layer (it is probably a scan)" in _refused(scanned_pdf(tmp_path / "s.pdf"))


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_text("Dear colleagues,\n", encoding="utf-8")
    assert "not a PDF file" in _refused(path)


def test_truncated_pdf(made: dict[str, MadePdf], tmp_path: Path) -> None:
    data = made["asp-docx"].pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    assert "damaged or incomplete" in _refused(path)


def test_garbage_after_header(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    assert "damaged or incomplete" in _refused(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    plain_pdf = write_minimal_pdf(tmp_path / "open.pdf", b"BT ET")
    writer = pypdf.PdfWriter(clone_from=str(plain_pdf))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    assert "encrypted (password-protected)" in _refused(locked)


def test_too_many_pages(monkeypatch: pytest.MonkeyPatch, made: dict[str, MadePdf]) -> None:
    monkeypatch.setattr("asp_draft.readers.pdf_objects.MAX_PAGES", 2)
    assert "the limit is 2" in _refused(made["asp-docx"].pdf)


def test_missing_file(tmp_path: Path) -> None:
    assert _refused(tmp_path / "absent.pdf").endswith(": no such file")


@pytest.mark.parametrize("name", NAMES)
def test_lint_finds_nothing_that_reading_made(made: dict[str, MadePdf], name: str) -> None:
    """What lint says of the read PDF is what it says of the text as written, no more."""
    from asp_draft.compare.lint import lint
    from asp_draft.model import Paragraph

    doc = read_pdf(made[name].pdf)
    written = Document(meta=doc.meta, paragraphs=tuple(
        Paragraph(part=part, number=number, level=level, lead=lead, heading=heading,
                  annex=annex, text=text, footnotes=notes)  # type: ignore[arg-type]
        for part, number, level, lead, heading, annex, text, notes
        in expected_paragraphs(made[name].resolution)))
    assert [(f.rule, f.index) for f in lint(doc)] == \
        [(f.rule, f.index) for f in lint(written)]


def test_an_adopted_pdf_is_shown_back_as_read(cli, made: dict[str, MadePdf],  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    """adopt takes a PDF into a library; the library then shows the PDF's paragraphs."""
    import json

    pdf = made["asp-odt"].pdf
    library = tmp_path / "lib"
    adopted = cli("adopt", pdf, "--into", library)
    assert adopted.code == 0, adopted.err
    held = json.loads(cli("--library", library, "show", "ICC-ASP/16/Res.9", "--format",
                          "json").out)["paragraphs"]
    read = json.loads(cli("show", pdf, "--format", "json").out)["paragraphs"]

    def words(paragraphs: list[dict[str, object]]) -> list[dict[str, object]]:
        return [{k: v for k, v in p.items() if k not in ("clause", "version")}
                for p in paragraphs]

    assert len(held) == 27 and words(held) == words(read)
    assert any(p["part"] == "annex" for p in held)
    assert any(n["at"] < len(p["text"]) for p in held for n in p["footnotes"])


@pytest.mark.parametrize("title", ["", None])
def test_our_own_draft_printed_to_pdf_reads_back(tmp_path: Path, title: str | None) -> None:
    """A draft built to Word and printed to PDF by LibreOffice, titled or not: the chapeau
    stands apart from `Draft resolution` above it and the first paragraph below."""
    from asp_draft.readers.text import parse_text
    from asp_draft.writers.docx import render_docx
    from tests.docx_helpers import convert

    head = "# status: draft\n" + (f"# title: {title}\n" if title is not None else "")
    draft = parse_text(head + "\nThe Assembly of States Parties,\n\n*Recalling* its earlier "
                       "resolutions,\n\n*Noting* the report of the Bureau,\n\n1. *Decides* to "
                       "meet again.\n", "draft.txt")
    path = tmp_path / "draft.docx"
    path.write_bytes(render_docx(draft))
    back = read_pdf(convert([path], "pdf", tmp_path)[0])
    assert back.chapeau == "The Assembly of States Parties,"
    assert back.meta.draft and back.meta.title is None
    assert [(p.lead, p.number, p.text) for p in back.paragraphs] == [
        (p.lead, p.number, p.text) for p in draft.paragraphs]


def test_a_wrapped_line_that_looks_like_a_chapeau_stays_in_its_paragraph(tmp_path: Path) -> None:
    """A text without a chapeau whose paragraph wraps at `The Hague Working Group ...,`: the
    line is no chapeau, as the head ended with the paragraph's first line."""
    import docx

    from tests.docx_helpers import convert

    document = docx.Document()
    document.add_paragraph("Strengthening the Court")
    wrapped = document.add_paragraph()
    wrapped.add_run("Recalling the mandate given by the Bureau to its two working groups,")
    wrapped.add_run().add_break()
    wrapped.add_run("The Hague Working Group and the New York Working Group,")
    document.add_paragraph("1. Decides to continue the work of the Bureau;")
    path = tmp_path / "wrapped.docx"
    document.save(str(path))
    back = read_pdf(convert([path], "pdf", tmp_path)[0])
    assert back.chapeau is None
    assert [p.text for p in back.paragraphs][-2:] == [
        "Recalling the mandate given by the Bureau to its two working groups, The Hague Working "
        "Group and the New York Working Group,", "Decides to continue the work of the Bureau;"]


# --- footnote marks between words, however the gap is set ----------------------------------

# where a line's word space stands around a mark: before it, after it, inside the mark's own
# text, or nowhere (the mark tight on both sides): each is found in official PDFs
_MARK_GAPS = {"before": (2.6, 0.4, "5"), "after": (1.2, 3.2, "5"), "inside": (1.2, 0.9, "5 "),
              "tight": (1.0, 1.0, "5")}
_WORDS = st.lists(st.tuples(st.from_regex(r"[A-Za-z]{1,8}[,;]?", fullmatch=True),
                            st.sampled_from([None, "gap", "text", *_MARK_GAPS])),
                  min_size=1, max_size=8)


def _set_line(words: list[tuple[str, str | None]]) -> tuple[_Line, dict[tuple[int, str], str]]:
    """The pieces a PDF has for these words: a word space as a gap or in the text, and a
    raised mark after a word where asked, its gaps set as `_MARK_GAPS` says."""
    pieces: list[Piece] = []
    marks: dict[tuple[int, str], str] = {}
    x = 100.0
    for k, (word, after) in enumerate(words):
        text = word + " " if after == "text" else word
        pieces.append(Piece(text, x, x + 5 * len(word), 700.0, 10.0, False))
        x += 5 * len(word)
        if after in _MARK_GAPS:
            before, behind, mark = _MARK_GAPS[after]
            pieces.append(Piece(mark, x + before, x + before + 3.5, 703.0, 6.5, False, True))
            marks[(1, mark.strip())] = f"n{k}"
            x += before + 3.5 + behind
        else:
            x += 2.6  # a word space; a piece's box ends before its own trailing space
    return _Line(pieces, 1, 700.0, 10.0), marks


@given(_WORDS)
def test_a_mark_leaves_one_space_and_stands_after_its_word(
        words: list[tuple[str, str | None]]) -> None:
    # one mark a line (each line's mark is looked up by its printed number)
    seen = False
    kept = []
    for word, after in words:
        marked = after in _MARK_GAPS and not seen
        seen = seen or marked
        kept.append((word, after if marked or after not in _MARK_GAPS else "gap"))
    line, marks = _set_line(kept)
    flat = flatten(_tidy(_line_runs(line, marks, lambda _: None)))
    assert flat.text == " ".join(word for word, _ in kept)
    ends = [len(" ".join(w for w, _ in kept[:k + 1])) for k, (_, a) in enumerate(kept)
            if a in _MARK_GAPS]
    assert [at for _, at in flat.marks] == ends


def test_a_mark_before_a_comma_takes_no_space() -> None:
    pieces = [Piece("Statute", 100.0, 135.0, 700.0, 10.0, False),
              Piece("1", 136.0, 139.5, 703.0, 6.5, False, True),
              Piece(", reaffirms", 140.0, 190.0, 700.0, 10.0, False)]
    flat = flatten(_tidy(_line_runs(_Line(pieces, 1, 700.0, 10.0), {(1, "1"): "1"},
                                    lambda _: None)))
    assert (flat.text, flat.marks) == ("Statute, reaffirms", [("1", 7)])


@pytest.mark.parametrize(("left", "right", "gap", "joined"), [
    ("the two public ", "ations;", 1.9, "the two publications;"),  # pdfium's made-up space
    ("the Secretary ", "-General", 1.8, "the Secretary-General"),
    ("the two public ", "ations;", 2.6, "the two public ations;"),  # a word space's width
    ("the report of ", "Action", 1.4, "the report of Action"),  # a capital opens a word
    ("taking note of ", "the report", 1.7, "taking note of the report"),  # a short word
])
def test_a_space_inside_a_word_is_dropped(left: str, right: str, gap: float,
                                          joined: str) -> None:
    assert _line_text(_gap_apart(left, right, gap), 0.5) == joined


def _gap_apart(left: str, right: str, gap: float) -> list[Piece]:
    """Two upright pieces of one line, five points a character, `gap` points apart."""
    end = 100.0 + 5 * len(left)
    return [Piece(left, 100.0, end, 700.0, 10.0, False),
            Piece(right, end + gap, end + gap + 5 * len(right), 700.0, 10.0, False)]


def _line_text(pieces: list[Piece], word_gap: float) -> str:
    """The text one line of these pieces (no marks) reads as, at the document's word gap."""
    return flatten(_tidy(_line_runs(_Line(pieces, 1, 700.0, 10.0), {}, lambda _: None,
                                    word_gap))).text


def test_a_comma_between_two_marks_is_theirs() -> None:
    pieces = [Piece("in a single conflict,", 100.0, 200.0, 700.0, 10.0, False),
              Piece("10", 200.5, 205.0, 703.0, 6.5, False, True),
              Piece(",", 205.2, 206.5, 700.0, 10.0, False),
              Piece("11", 206.8, 211.0, 703.0, 6.5, False, True)]
    runs = _line_runs(_Line(pieces, 1, 700.0, 10.0), {(1, "10"): "10", (1, "11"): "11"},
                      lambda _: None)
    flat = flatten(_tidy(runs))
    assert (flat.text, flat.marks) == ("in a single conflict,", [("10", 21), ("11", 21)])


def test_lines_set_in_under_a_colon_are_its_items() -> None:
    def block(text: str, *, inset: bool = False) -> _PdfBlock:
        return _PdfBlock([Run(text)], line=3, inset=inset)

    blocks = [block("10. Decides that the meetings will be held as follows:"),
              block("\u2022 Monday, 9 June: from 9 a.m. to 1 p.m.", inset=True),
              block("(b) The panels will address the following themes:", inset=True),
              block("Panel 1: Addressing the risk;", inset=True),
              block("(c) Each panel will be co-chaired;", inset=True),
              block("Recalling its resolution 78/6,", inset=True)]
    said: list[str] = []
    _list_items(blocks, said.append)
    assert [(b.level, b.text) for b in blocks] == [
        (None, "10. Decides that the meetings will be held as follows:"),
        (1, "Monday, 9 June: from 9 a.m. to 1 p.m."),  # the bullet is the item's label
        (None, "(b) The panels will address the following themes:"),
        (2, "Panel 1: Addressing the risk;"),  # under a sub-paragraph: a level below it
        (None, "(c) Each panel will be co-chaired;"),
        (None, "Recalling its resolution 78/6,")]  # no list open: a one-line paragraph
    assert len(said) == 2 and all("read as the items of its list" in x for x in said)


@pytest.mark.parametrize(("left", "right", "space", "joined"), [
    # pdfium said where the space that ends the piece stands: the next piece starting inside
    # it means the typesetter moved back over it (`self- |determination`)
    ("self- ", "determination", 142.0, "self-determination"),
    ("self- ", "determination", 138.0, "self- determination"),  # the space stands clear
    ("Recognizing ", "further", 142.0, "Recognizing further"),  # italic: boxes overhang
])
def test_a_space_the_next_piece_starts_inside_is_no_word_space(
        left: str, right: str, space: float, joined: str) -> None:
    italic = left.startswith("Recognizing")
    pieces = [Piece(left, 100.0, 144.0, 700.0, 10.0, italic, space=space),
              Piece(right, 142.5, 200.0, 700.0, 10.0, False)]
    assert _line_text(pieces, 0.5) == joined


def test_a_note_after_one_numbered_by_a_superscript_glyph_is_read_on() -> None:
    """A raised `²` opens a note line as a raised `2` does; the line after, set with a figure
    on the line, is not taken for the next note by counting on from `²`."""
    def line(*pieces: Piece) -> _Line:
        return _Line(list(pieces), 1, pieces[0].base, 8.0)

    first = _note_start(line(Piece("\u00b2", 50.0, 55.0, 100.0, 6.0, False, True),
                             Piece("See the report.", 56.0, 150.0, 100.0, 8.0, False)),
                        None, None)
    assert first is not None and first[0] == "\u00b2"
    assert _note_start(line(Piece("3", 50.0, 55.0, 90.0, 8.0, False),
                            Piece("See the other.", 56.0, 150.0, 90.0, 8.0, False)),
                       first[0], None) is None
    assert _note_start(line(Piece("3", 50.0, 55.0, 90.0, 8.0, False),
                            Piece("See the other.", 56.0, 150.0, 90.0, 8.0, False)),
                       "2", None) is not None  # after a `2` it is the next note


@pytest.mark.parametrize(("left", "right", "gap", "joined"), [
    ("of 14 December", "1960,", 2.0, "of 14 December 1960,"),  # a word, a number: two
    ("of 14 December", "1960,", 1.0, "of 14 December1960,"),  # too close to be a space
    ("the rights of", "peoples", 2.0, "the rights ofpeoples"),  # letters: a kerning cut
    ("resolution 1", "0", 2.0, "resolution 10"),  # digits: a kerning cut too
])
def test_a_word_and_a_number_a_gap_apart_are_two_words(left: str, right: str, gap: float,
                                                       joined: str) -> None:
    assert _line_text(_gap_apart(left, right, gap), 0.5) == joined


@given(st.floats(0.0, 4.0), st.sampled_from(["word", "Two", "14"]),
       st.sampled_from(["word", "1960", "-State"]))
def test_a_gap_past_the_word_gap_is_always_a_space(gap: float, left: str, right: str) -> None:
    """Whatever the two pieces hold, a gap wider than the document's word gap is a space,
    and no gap at all never is."""
    pieces = [Piece(left, 100.0, 130.0, 700.0, 10.0, False),
              Piece(right, 130.0 + gap, 160.0, 700.0, 10.0, False)]
    text = _line_text(pieces, 0.3)
    if gap > 3.0:
        assert text == f"{left} {right}"
    if gap == 0.0:
        assert text == left + right


def _classified(*blocks: Block, italics: bool = True) -> list[tuple[bool, str | None, str]]:
    """(heading, lead, text) of each paragraph the blocks classify as."""
    document = classify(Source(name="t.pdf", blocks=list(blocks), italics=italics))
    return [(p.heading, p.lead, p.text) for p in document.paragraphs]


def test_a_block_set_in_bold_is_a_heading_however_it_ends() -> None:
    action = "Action 1. We will take bold, ambitious, accelerated action."
    read = _classified(Block([Run("Recalling", italic=True), Run(" its resolution 78/1,")]),
                       Block([Run("1. Adopts the Pact;")]),
                       Block([Run(action)], bold=True),
                       Block([Run("Targets:")], bold=True),
                       Block([Run("2. We decide to act.")]),
                       Block([Run("Action 2. We will act.")]))
    assert read == [(False, "Recalling", "Recalling its resolution 78/1,"),
                    (False, None, "Adopts the Pact;"),
                    (True, None, action),
                    (True, None, "Targets:"),
                    (False, None, "We decide to act."),
                    (False, None, "Action 2. We will act.")]  # upright: a paragraph


def test_an_upright_lead_among_italic_ones_is_found_by_its_words() -> None:
    italic = [Block([Run(lead, italic=True), Run(" its decision,")])
              for lead in ("Noting", "Welcoming", "Bearing in mind", "Recognizing")]
    operative = [Block([Run("1. Decides to convene a conference;")]),
                 Block([Run("2. Requests the Secretary-General to report.")])]
    read = _classified(Block([Run("Recalling the report of the Committee,")]), *italic,
                       *operative)
    assert [lead for _, lead, _ in read] == [
        "Recalling", "Noting", "Welcoming", "Bearing in mind", "Recognizing", None, None]
    # a few italic leads only: a tool marked those, and the upright paragraph has none
    read = _classified(Block([Run("Recalling the report of the Committee,")]),
                       *italic[:2], *operative)
    assert [lead for _, lead, _ in read] == [None, "Noting", "Welcoming", None, None]
