"""Plain text from other UN bodies and text copied out of PDFs reads as the resolution it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from asp_draft.readers.pasted import _FURNITURE_MAX, _page_key
from asp_draft.readers.text import parse_text, read_text_file
from asp_draft.text.heads import adoption_meta, head_meta
from asp_draft.writers.text import render_text

PDF_COPY = """\
Resolution ICC-ASP/16/Res.6
Adopted at the 13th plenary meeting, on 14 December 2017, by consensus

ICC-ASP/16/Res.6
Strengthening the International Criminal Court and the
Assembly of States Parties

The Assembly of States Parties,

Mindful that each individual State has the responsibility to protect
its population from the crime of genocide,

Recalling the report of the International

Criminal Court on its activities,2

12

1. Welcomes the report of the Bureau
on cooperation;

A. Universality

2. Requests the Court to report to the Assembly at its
next session, in accordance with resolution 2024/25; 4

3. Decides to remain seized of the
\f
matter.

2 See ICC-ASP/16/20, vol. I,
part III.
4 Ibid.
"""


def test_pdf_copy() -> None:
    doc = parse_text(PDF_COPY, "copy.txt")
    assert {k: doc.meta[k] for k in ("symbol", "plenary", "adopted", "adoption", "title",
                                      "year", "session", "chapeau")} == {
        "symbol": "ICC-ASP/16/Res.6", "plenary": 13, "adopted": "2017-12-14",
        "adoption": "by consensus", "year": 2017, "session": 16,
        "title": "Strengthening the International Criminal Court and the Assembly of States "
                 "Parties", "chapeau": "The Assembly of States Parties,"}
    assert [(p.part, p.number, p.lead, p.heading, p.text, p.note_texts)
            for p in doc.paragraphs] == [
        ("preamble", None, "Mindful", False, "Mindful that each individual State has the "
         "responsibility to protect its population from the crime of genocide,", ()),
        ("preamble", None, "Recalling", False, "Recalling the report of the International "
         "Criminal Court on its activities,", ("See ICC-ASP/16/20, vol. I, part III.",)),
        ("operative", "1", "Welcomes", False, "Welcomes the report of the Bureau on "
         "cooperation;", ()),
        ("operative", None, None, True, "A. Universality", ()),
        ("operative", "2", "Requests", False, "Requests the Court to report to the Assembly at "
         "its next session, in accordance with resolution 2024/25;", ("Ibid.",)),
        ("operative", "3", "Decides", False, "Decides to remain seized of the matter.", ())]


UNGA = """\
The General Assembly,

Recalling its resolution 71/1 of 19 September 2016,

1. Requests the Secretary-General to report;

Budget matters

2. Decides to include the item in the provisional agenda of its seventy-third session.

73rd plenary meeting
14 December 2017
"""


def test_general_assembly_text() -> None:
    doc = parse_text(UNGA, "unga.txt")
    assert doc.chapeau == "The General Assembly,"
    assert doc.meta["plenary"] == 73 and doc.meta["adopted"] == "2017-12-14"
    assert [(p.number, p.heading) for p in doc.paragraphs] == [
        (None, False), ("1", False), (None, True), ("2", False)]


@pytest.mark.parametrize(("line", "meta"), [
    ("Adopted at the 13th plenary meeting, on 14 December 2017, by consensus",
     {"plenary": 13, "adopted": "2017-12-14", "adoption": "by consensus"}),
    ("Adopted at the 1st plenary meeting on 2 May 2019, without a vote",
     {"plenary": 1, "adopted": "2019-05-02", "adoption": "without a vote"}),
    ("73rd plenary meeting 14 December 2017", {"plenary": 73, "adopted": "2017-12-14"}),
    ("Adopted at the 13th plenary meeting, on 31 Smarch 2017", {}),
    ("Recalling its resolution,", {}),
])
def test_adoption_lines(line: str, meta: dict[str, object]) -> None:
    assert adoption_meta(line) == meta


def test_head_lines() -> None:
    assert head_meta([["ICC-ASP/18/Res.6"], ["Draft resolution"], ["Strengthening the Court"]]) \
        == {"symbol": "ICC-ASP/18/Res.6", "status": "draft", "title": "Strengthening the Court",
            "session": 18}


def test_headings_without_punctuation_stay_headings() -> None:
    doc = parse_text("The Assembly,\n\n1. Urges States;\n\nLegal aid\n\n2. Notes the report;\n\n"
                     "Victims and affected communities\n\nCooperation\n\n3. Calls upon States;\n",
                     "h.txt")
    assert [p.heading for p in doc.paragraphs] == [False, True, False, True, True, False]


def test_glued_numbers_without_a_note_are_left_alone() -> None:
    doc = parse_text("The Assembly,\n\n1. Notes resolution 2024/25; 4\n", "x.txt")
    assert doc.paragraphs[0].text == "Notes resolution 2024/25; 4"


def test_corpus_reads_as_before(corpus: Path) -> None:
    """No block in the record is merged, dropped or taken for a head line."""
    for path in sorted(corpus.glob("*.txt")):
        doc = read_text_file(path)
        body = path.read_text().split("\n\n")
        blocks = [b for b in body if b.strip() and not b.lstrip().startswith("#")]
        assert len(doc.paragraphs) + 1 == len(blocks), path.name  # +1: the chapeau


# A General Assembly resolution as a PDF viewer copies it: the cover block, a running head and
# foot on each page (symbol, job number, page), footnote texts at each page's foot, their marks
# glued to the words mid-sentence, and a paragraph cut by the page break. Made up for the test.
GA_COPY = """\
United Nations A/RES/80/999
General Assembly
Distr.: General
20 December 2025
Eightieth session
Agenda item 12
Resolution adopted by the General Assembly on 15 December 2025
[on the report of the Sixth Committee (A/80/555)]
80/999. Cooperation with the Court in a made-up matter
The General Assembly,
Recalling the Rome Statute of the International Criminal Court1 and its article 3 of the
Statute, which sets out the seat of the Court,
Ever mindful of the Relationship Agreement,2 and of the report of the Court,3
Noting the 25 States that acceded in 2024,
1. Welcomes the report of the Court for 2024/25;4
25-99999 (E) 030126
*2599999*
1 United Nations, Treaty Series, vol. 2187, No. 38544.
2 See A/58/874.
3 A/80/300.
4 A/80/301.
A/RES/80/999 Cooperation with the Court in a made-up matter
2/2 25-99999
2. Urgently calls upon all States that have not yet done so to cooperate with
the Court, in accordance with paragraph 2 of the Statute 5 and to report;
3. Decides to include in the provisional agenda of its eighty-first session the item.
45th plenary meeting
15 December 2025
5 Article 86.
"""


def test_general_assembly_pdf_copy() -> None:
    notes: list[str] = []
    doc = parse_text(GA_COPY, "ga.txt", notes.append)
    assert doc.chapeau == "The General Assembly,"
    assert {k: doc.meta.get(k) for k in ("symbol", "body", "adopted", "committee", "session",
                                          "agenda_item", "distribution", "number", "title",
                                          "plenary")} == {
        "symbol": "A/RES/80/999", "body": "General Assembly", "adopted": "2025-12-15",
        "committee": "on the report of the Sixth Committee (A/80/555)", "session": 80,
        "agenda_item": "12", "distribution": "General", "number": "80/999",
        "title": "Cooperation with the Court in a made-up matter", "plenary": 45}
    texts = [(p.part, p.number, p.lead, p.text) for p in doc.paragraphs]
    assert texts == [
        ("preamble", None, "Recalling", "Recalling the Rome Statute of the International "
         "Criminal Court and its article 3 of the Statute, which sets out the seat of the Court,"),
        ("preamble", None, "Ever mindful", "Ever mindful of the Relationship Agreement, and of "
         "the report of the Court,"),
        ("preamble", None, "Noting", "Noting the 25 States that acceded in 2024,"),
        ("operative", "1", "Welcomes", "Welcomes the report of the Court for 2024/25;"),
        ("operative", "2", "Urgently calls upon", "Urgently calls upon all States that have not "
         "yet done so to cooperate with the Court, in accordance with paragraph 2 of the Statute "
         "and to report;"),
        ("operative", "3", "Decides", "Decides to include in the provisional agenda of its "
         "eighty-first session the item.")]
    marks = [[(n.text, p.text[:n.at].rsplit(" ", 1)[-1]) for n in p.footnotes]
             for p in doc.paragraphs]
    assert marks == [
        [("United Nations, Treaty Series, vol. 2187, No. 38544.", "Court")],
        [("See A/58/874.", "Agreement,"), ("A/80/300.", "Court,")], [],
        [("A/80/301.", "2024/25;")], [("Article 86.", "Statute")], []]
    # every guess is said, one line each: the dropped page lines and the spaced mark
    assert any("running heads" in n and "'A/RES/80/999 Cooperation" in n for n in notes)
    assert any("'5' after 'statute'" in n for n in notes)
    assert all("\n" not in n for n in notes)


def test_a_comma_less_chapeau_and_a_lone_operative_paragraph() -> None:
    doc = parse_text("The General Assembly\n\nAdopts the declaration annexed to the present "
                     "resolution.\n\nAnnex\n\nDeclaration on a made-up matter\n\nThe States "
                     "declare the following.\n", "one.txt")
    assert doc.chapeau == "The General Assembly"
    assert [(p.part, p.lead, p.annex, p.text) for p in doc.paragraphs] == [
        ("operative", "Adopts", None, "Adopts the declaration annexed to the present "
         "resolution."),
        ("annex", None, "Declaration on a made-up matter", "The States declare the following.")]


def test_no_chapeau_is_invented() -> None:
    doc = parse_text("Recalling its resolution,\n\n1. Decides to act.\n", "bare.txt")
    assert doc.chapeau is None
    assert "The Assembly" not in render_text(doc)


def test_lint_finds_no_artefact_of_reading_in_a_faithful_copy(cli, tmp_path: Path) -> None:
    """Page lines, marks and broken paragraphs are gone, so lint has nothing to report."""
    copy = tmp_path / "ga.txt"
    copy.write_text(GA_COPY, encoding="utf-8")
    result = cli("lint", copy)
    assert (result.code, result.out) == (0, ""), result.err
    assert "no problems in A/RES/80/999" in result.err
    assert "footnote 5" in result.err  # the guess is said on stderr, not hidden


def test_a_spec_on_standard_input_is_read_as_a_spec(cli, tmp_path: Path) -> None:
    spec = cli("new", "2019", "-o", "-")
    assert spec.code == 0 and spec.out.startswith("#")
    built = cli("show", "-", "--format", "json", stdin=spec.out)
    assert built.code == 0, built.err
    assert '"clause": "responsibility-to-protect"' in built.out and '"year": 2019' in built.out


@given(st.lists(st.sampled_from(["Court", " ", "\t", "\t\t\t\t", "\u00a0", "’", "\x0c", "\x1f",
                                 "\r", "17"]), max_size=200))
@example(["Court", "\t" * 170, "Court"])  # tabs that squeeze away
@example(["Court", "\x1c" * 170])
@settings(max_examples=300, deadline=None)
def test_a_line_kept_unsqueezed_is_never_short_enough_for_furniture(pieces: list[str]) -> None:
    """Page furniture is told from the squeezed line; a line left as it is squeezes too long."""
    line = "".join(pieces)
    squeezed = " ".join(line.split())
    key = _page_key(line)
    assert key == squeezed or (key == line and len(squeezed) > _FURNITURE_MAX)


@pytest.mark.parametrize("line", [
    "3", "- 3 -", "–3–", "3 -", "3/10", "3 / 10", "Page 3", "Page 3 of 10", "3 of 10",
    "17-22015 (E)", "17-22015 (E) 181217", "17-22015 (E)    181217    *1722015*", "*1722015*",
    "2/5 17-22015 (E)", "17-22015 (E) 181217 *1722015* Please recycle",
    "17-22015 (F) 181217 ICC-ASP/16/Res.6"])
def test_every_reader_drops_the_same_page_and_job_numbers(line: str) -> None:
    """One table of a page's own numbers serves the PDF reader and the pasted-text repairs."""
    from asp_draft.text.heads import JOB_NUMBER, PAGE_NUMBER

    assert PAGE_NUMBER.fullmatch(line) or JOB_NUMBER.fullmatch(line)


@pytest.mark.parametrize("line", ["12. Decides", "(a)", "12 bis.", "ICC-ASP/16/Res.6",
                                  "Decides to meet in 2027", "Page three", "3 and 4"])
def test_a_body_line_is_no_page_or_job_number(line: str) -> None:
    from asp_draft.text.heads import JOB_NUMBER, PAGE_NUMBER

    assert not (PAGE_NUMBER.fullmatch(line) or JOB_NUMBER.fullmatch(line))


@pytest.mark.parametrize("foot", ["3 Official Records, 2017.",
                                  "3\nOfficial Records of the Assembly, 2017."])
def test_a_page_foot_note_below_no_paragraph_is_kept_as_one(foot: str) -> None:
    """Only a chapeau above a page's foot: what reads as a footnote has no paragraph to stand
    in, so it stays a paragraph, said on stderr, rather than failing or being dropped."""
    said: list[str] = []
    doc = parse_text(f"The Assembly of States Parties,\n\n{foot}\n\f\n", "foot.txt", said.append)
    assert doc.chapeau == "The Assembly of States Parties,"
    assert [p.text for p in doc.paragraphs] == [" ".join(foot.split())]
    assert said[-1].startswith("foot.txt: '3 Official Records") and \
        said[-1].endswith("it is kept as a paragraph")
