"""blame: where each paragraph's wording came from, checked against the record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asp_draft.assemble import assemble
from asp_draft.history import Record, blame, build_record, wording_key
from asp_draft.library import Library, load_library
from asp_draft.model import Document, Paragraph
from asp_draft.words import new_text, old_text
from tests.conftest import one_line_error

YEARS = (2011, 2012, 2014, 2015, 2016, 2017, 2018)
R2P_2018 = ("Mindful that each individual State has the responsibility to protect its population "
            "from the crime of genocide, war crimes, and crimes against humanity, that the "
            "conscience of humanity continues to be deeply shocked by unimaginable atrocities in "
            "various parts of the world, and that the need to prevent and the duty to end the most "
            "serious crimes of concern to the international community and to put an end to the "
            "impunity of the perpetrators of such crimes is now widely acknowledged,")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def record(library: Library) -> Record:
    return build_record(library)


def one(text: str) -> Document:
    return Document(meta={}, paragraphs=(Paragraph(part="preamble", text=text),))


def test_the_2018_pp1_wording_first_appeared_in_2017(library: Library, record: Record) -> None:
    pp1 = blame(assemble(library.session(2018), library), library, record)[0]
    assert (pp1.label, pp1.clause, pp1.since, pp1.years) == (
        "PP1", "responsibility-to-protect", 2017, (2017, 2018))
    assert [(h.since, h.symbols) for h in pp1.history] == [
        (2011, ("ICC-ASP/10/Res.5", "ICC-ASP/11/Res.8")),
        (2014, ("ICC-ASP/13/Res.5", "ICC-ASP/14/Res.4")),
        (2016, ("ICC-ASP/15/Res.5",)),
    ]
    # Each earlier wording's changes lead to the next one: 2016 -> 2017 added "the duty to".
    last = pp1.history[-1]
    assert [t for op, t in last.changes if op == "insert"] == ["the duty to "]
    assert old_text(list(last.changes)) == wording_key(last.text)
    assert new_text(list(last.changes)) == wording_key(R2P_2018)
    assert pp1.closest is None


def test_mutually_reinforce_stood_from_2015_to_2018(library: Library, record: Record) -> None:
    pp3 = blame(assemble(library.session(2016), library), library, record)[2]
    assert (pp3.since, pp3.years) == (2015, (2015, 2016, 2017, 2018))
    assert pp3.symbols == ("ICC-ASP/14/Res.4", "ICC-ASP/15/Res.5", "ICC-ASP/16/Res.6",
                           "ICC-ASP/17/Res.5")
    assert [h.since for h in pp3.history] == [2011]
    assert "no lasting peace without justice" in pp3.history[0].text


def test_copies_that_differ_in_typography_share_one_wording(library: Library,
                                                            record: Record) -> None:
    # 2011 lost the quotation marks around "the Court"; 2015/16 print straight ones.
    for year in YEARS:
        pp2 = blame(assemble(library.session(year), library), library, record)[1]
        assert (pp2.clause, pp2.since) == ("icc-essential-means", 2011), year
        assert pp2.years == (2011, 2012, 2014, 2015, 2016, 2017, 2018)


@pytest.mark.parametrize("year", YEARS)
def test_every_adopted_paragraph_was_adopted_by_its_year(year: int, library: Library,
                                                         record: Record) -> None:
    for b in blame(assemble(library.session(year), library), library, record):
        assert b.since is not None and b.since <= year and year in b.years, (year, b.label)
        assert b.exact and b.closest is None
        assert all(h.since < b.since for h in b.history)


def test_a_wording_never_adopted_names_the_closest_adopted_paragraph(
        library: Library, record: Record) -> None:
    edited = R2P_2018.replace("the duty to end", "the obligation to end")
    b = blame(one(edited), library, record)[0]
    assert (b.since, b.years, b.history, b.clause) == (None, (), (), None)
    assert b.closest is not None
    # 2017 and 2018 share the wording: the latest is named.
    assert (b.closest.symbol, b.closest.label) == ("ICC-ASP/17/Res.5", "PP1")
    assert 0.95 < b.closest.similarity < 1


def test_nothing_close_means_no_closest(library: Library, record: Record) -> None:
    b = blame(one("Requests the Bureau to report on the budget of the secretariat;"), library,
              record)[0]
    assert b.since is None and b.closest is None


def test_plain_text_is_matched_to_its_clause_by_wording(library: Library, record: Record) -> None:
    b = blame(one(R2P_2018), library, record)[0]
    assert (b.clause, b.since, b.years) == ("responsibility-to-protect", 2017, (2017, 2018))
    assert len(b.history) == 3


def test_a_template_rolled_forward_keeps_its_adopted_year(library: Library,
                                                          record: Record) -> None:
    from asp_draft.assemble import roll_forward
    from asp_draft.readers.spec import parse_spec

    _, text = roll_forward(library, 2019)
    blames = blame(assemble(parse_spec(text, "draft.yaml"), library), library, record)
    anniversary = next(b for b in blames if b.clause == "rome-statute-anniversary")
    # `rolls: keep`: a statement about a past event stays word for word, so it is agreed language
    assert "20th anniversary" in anniversary.text
    assert (anniversary.since, anniversary.years, anniversary.exact) == (2018, (2018,), True)


def test_blame_json_has_designs_shape(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("blame", "2018", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [d["label"] for d in data] == ["PP1", "PP2", "PP3", "PP4"]
    assert data[0] == {
        "index": 0, "label": "PP1", "clause": "responsibility-to-protect", "since": 2017,
        "years": [2017, 2018],
        "history": [
            {"since": 2011, "symbols": ["ICC-ASP/10/Res.5", "ICC-ASP/11/Res.8"],
             "years": [2011, 2012], "text": data[0]["history"][0]["text"]},
            {"since": 2014, "symbols": ["ICC-ASP/13/Res.5", "ICC-ASP/14/Res.4"],
             "years": [2014, 2015], "text": data[0]["history"][1]["text"]},
            {"since": 2016, "symbols": ["ICC-ASP/15/Res.5"], "years": [2016],
             "text": data[0]["history"][2]["text"]},
        ],
        "closest": None,
    }
    assert data[0]["history"][0]["text"].startswith("Mindful that each individual State")
    assert "4 paragraph(s): 4 in adopted wording, 0 never adopted" in result.err


def test_blame_table_and_history_on_a_draft(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "draft.md"
    draft.write_text("The Assembly of States Parties,\n\n"
                     f"*Mindful* {R2P_2018[len('Mindful '):].replace('duty', 'obligation')}\n\n"
                     "*Convinced also* that justice and peace are complementary and mutually "
                     "reinforce each other,\n", encoding="utf-8")
    result = cli("blame", str(draft), "--history")
    assert result.code == 0, result.err
    rows = [line for line in result.out.splitlines() if line.startswith("│ PP")]
    assert "never adopted; closest ICC-ASP/17/Res.5, PP1 (99% alike)" in rows[0]
    assert "│ 2015  │ 2015–2018 │ justice-and-peace" in rows[1]
    assert "PP2: wording since 2015; earlier wordings" in result.out
    assert "2011–2012, 2014 (ICC-ASP/10/Res.5, ICC-ASP/11/Res.8, ICC-ASP/13/Res.5)" in result.out
    assert "{+mutually reinforce each other,+}" in " ".join(result.out.split())
    assert "1 never adopted" in result.err


def test_blame_reads_the_corpus_copy_as_found(cli, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("blame", str(corpus / "ICC-ASP_10_Res.5.txt"), "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [(d["label"], d["clause"], d["since"]) for d in data] == [
        ("PP1", "responsibility-to-protect", 2011), ("PP2", "icc-essential-means", 2011),
        ("PP3", "justice-and-peace", 2011), ("PP4", "fight-against-impunity", 2011),
        ("PP5", "central-role-of-the-court", 2011)]


def test_blame_of_a_missing_file_is_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    line = one_line_error(cli("blame", str(tmp_path / "nope.yaml")))
    assert "nope.yaml: no such file" in line


def test_headings_are_named_not_blamed(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = tmp_path / "draft.yaml"
    spec.write_text("year: 2019\npreamble:\n  - justice-and-peace\noperative:\n"
                    "  - heading: Cooperation\n"
                    "  - text: \"*Requests* the Bureau to report on cooperation.\"\n",
                    encoding="utf-8")
    result = cli("blame", str(spec))
    assert result.code == 0, result.err
    rows = [line for line in result.out.splitlines() if line.startswith("│ ")]
    assert [r.split("│")[1].strip() for r in rows] == ["PP1", "H1", "OP1"]
    assert rows[1].rstrip("│ ").endswith("heading")
    assert "nothing adopted is close" in rows[2]
    assert "3 paragraph(s): 1 in adopted wording, 1 never adopted" in result.err


def test_blame_reads_standard_input(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("blame", "-", stdin="The Assembly of States Parties,\n\n" + R2P_2018 + "\n")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].strip() == "standard input"
    assert "│ PP1  │ 2017  │ 2017–2018 │ responsibility-to-protect │" in result.out


def test_a_clause_that_cannot_render_is_left_out_of_the_record(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    (lib / "preamble").mkdir(parents=True)
    (lib / "sessions").mkdir()
    (lib / "preamble" / "bomb.yaml").write_text(
        "id: bomb\npart: preamble\ntopic: Bomb\nversions:\n"
        "  - adopted: [ICC-ASP/18/Res.6]\n    text: \"*Recalling* {{ 'x' * 10**9 }},\"\n"
        "  - proposed: 2020\n    text: \"*Recalling* {{ 2**100000 }},\"\n", encoding="utf-8")
    (lib / "sessions" / "2019.yaml").write_text(
        "year: 2019\nsymbol: ICC-ASP/18/Res.6\nadopted: 2019-12-06\n"
        "preamble:\n  - justice-and-peace@2015\n  - bomb\n  - responsibility-to-protect@2017\n",
        encoding="utf-8")
    warnings: list[str] = []
    record = build_record(load_library([lib]), warnings.append)
    assert len(warnings) == 1  # once, though two versions and a session hold it
    assert "bomb.yaml: clause bomb, version 2019" in warnings[0]
    held = [(e.label, e.clause) for e in record.entries if e.symbol == "ICC-ASP/18/Res.6"]
    # the others keep their places: PP2 is the clause left out
    assert held == [("PP1", "justice-and-peace"), ("PP3", "responsibility-to-protect")]
    assert not [e for e in record.entries if e.clause == "bomb"]


def test_blame_passes_over_an_earlier_wording_that_cannot_render(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    (lib / "preamble").mkdir(parents=True)
    (lib / "preamble" / "justice-and-peace.yaml").write_text(
        "id: justice-and-peace\npart: preamble\ntopic: Peace and justice\nversions:\n"
        "  - adopted: [ICC-ASP/10/Res.5]\n    text: \"*Convinced* {{ range(10**8) | list }}\"\n"
        "  - adopted: [ICC-ASP/14/Res.4, ICC-ASP/15/Res.5, ICC-ASP/16/Res.6, ICC-ASP/17/Res.5]\n"
        "    text: \"*Convinced also* that justice and peace are complementary and mutually "
        "reinforce each other,\"\n", encoding="utf-8")
    library = load_library([lib])
    warnings: list[str] = []
    document = assemble(library.session(2017), library)
    [pp3] = [b for b in blame(document, library, warn=warnings.append) if b.label == "PP3"]
    assert pp3.clause == "justice-and-peace" and pp3.since == 2015 and pp3.history == ()
    assert len(warnings) == 1 and "version 2011" in warnings[0]


def test_search_says_the_record_is_partial_only_when_it_is(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The note is read from the index, cached or not: bundled (partial), a full library, a
    mixed one."""
    for _ in range(2):  # built, then read from the cache
        assert cli("search", "Statute").err.strip().endswith(
            "(the record holds only the opening of each year's preamble)")
    (tmp_path / "sessions").mkdir()
    (tmp_path / "sessions" / "2030.yaml").write_text(
        "year: 2030\nsymbol: ICC-ASP/29/Res.1\nadopted: 2030-12-06\n"
        "preamble:\n  - text: \"*Recalling* its earlier resolutions,\"\n", encoding="utf-8")
    for _ in range(2):
        full = cli("--no-bundled", "--library", tmp_path, "search", "earlier")
        assert full.err.strip() == "asp-draft: 1 hit(s) for 'earlier'", full.err
    mixed = cli("--library", tmp_path, "search", "earlier")
    assert mixed.err.strip().endswith("(the record of 7 of the 8 resolutions held is partial)")


def test_blame_says_the_record_is_partial_only_when_it_is(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The bundled record is partial and says so; a library of full texts does not."""
    assert "(the record holds only the opening of each year's preamble)" in \
        cli("blame", "2018").err
    (tmp_path / "sessions").mkdir()
    (tmp_path / "sessions" / "2030.yaml").write_text(
        "year: 2030\nsymbol: ICC-ASP/29/Res.1\nadopted: 2030-12-06\n"
        "preamble:\n  - text: \"*Recalling* its earlier resolutions,\"\n", encoding="utf-8")
    full = cli("--no-bundled", "--library", tmp_path, "blame", "2030")
    assert full.code == 0, full.err
    assert full.err.strip().endswith("1 in adopted wording, 0 never adopted")
