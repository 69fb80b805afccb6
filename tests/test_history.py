"""blame: where each paragraph's wording came from, checked against the record."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from rich.console import Console

from asp_draft.compare.history import Record, blame, build_record, wording_key
from asp_draft.library.assemble import assemble
from asp_draft.library.load import Library, load_library
from asp_draft.model import Document, Paragraph
from asp_draft.text.words import new_text, old_text
from tests.conftest import one_line_error
from tests.library_files import write_library

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
    from asp_draft.library.rolling import roll
    from asp_draft.library.spec_reader import parse_spec

    text = roll(library, 2019).text
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
    lib = write_library(tmp_path / "lib", {
        "preamble/bomb.yaml":
            "id: bomb\npart: preamble\ntopic: Bomb\nversions:\n"
            "  - adopted: [ICC-ASP/18/Res.6]\n    text: \"*Recalling* {{ 'x' * 10**9 }},\"\n"
            "  - proposed: 2020\n    text: \"*Recalling* {{ 2**100000 }},\"\n",
        "sessions/2019.yaml":
            "year: 2019\nsymbol: ICC-ASP/18/Res.6\nadopted: 2019-12-06\npreamble:\n"
            "  - justice-and-peace@2015\n  - bomb\n  - responsibility-to-protect@2017\n"})
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


# --- blame of a held resolution without the record (blame_held) ------------------------------

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


def _generate(folder: Path, count: int) -> list[str]:
    """bench_library's made-up record: `count` resolutions over ten sessions, as text files."""
    sys.path.insert(0, str(BENCHMARKS))  # bench_library imports its neighbour timing.py
    try:
        found = importlib.util.spec_from_file_location("bench_library",
                                                       BENCHMARKS / "bench_library.py")
        assert found is not None and found.loader is not None
        module = importlib.util.module_from_spec(found)
        found.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    return module.generate(folder, count)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A library of 30 made-up resolutions (ten sessions of three, each following its
    predecessor: clauses with several versions) adopted in one command."""
    from asp_draft.cli.main import main

    tmp = tmp_path_factory.mktemp("generated")
    symbols = _generate(tmp / "texts", 30)
    with pytest.raises(SystemExit) as done:
        main(["--no-bundled", "adopt", str(tmp / "texts"), "--into", str(tmp / "lib")])
    assert done.value.code in (0, None)
    return tmp / "lib", symbols


def _same_blame(library: Library, extra: list[Path]) -> int:
    """Every held resolution blamed both ways: the record's (blame) and blame_held over the
    library load_held reads (the whole one for an omnibus); the Blames, so their JSON and
    text, must be equal, paragraph by paragraph. Returns how many took the fast path."""
    from asp_draft.cli.console_history import print_blame
    from asp_draft.compare.history import blame_held, printed_as_held
    from asp_draft.library.load import load_held

    record = build_record(library)
    fast = 0
    for spec in library.held():
        symbol = str(spec.meta["symbol"])
        document = assemble(spec, library)
        slow = blame(document, library, record)
        part = load_held(extra, symbol) or library
        held = part.find_symbol(symbol)
        assert held is not None
        shown = assemble(held, part)
        assert printed_as_held(shown, held, part), symbol
        quick = blame_held(shown, part)
        if quick is None:
            continue
        fast += 1
        assert [b.as_json() for b in quick] == [b.as_json() for b in slow], symbol
        assert quick == slow, symbol  # exact, heading, the word changes of each history
        texts = []
        for blames in (quick, slow):
            console = Console(record=True, width=120, no_color=True)
            print_blame(console, symbol, blames, history=True)
            texts.append(console.export_text())
        assert texts[0] == texts[1], symbol
    return fast


def test_blame_of_a_held_resolution_is_the_records_on_the_bundled_library(
        library: Library) -> None:
    """Every bundled omnibus resolution, blamed without the record, reads as with it."""
    assert _same_blame(library, []) == len(library.held()) == 7


def test_blame_of_a_held_resolution_is_the_records_on_a_generated_record(
        generated: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """The 30 made-up resolutions, alone and layered over the bundled library: each
    clause's versions first printed by an earlier resolution, found by the file scan."""
    folder, symbols = generated
    monkeypatch.setenv("ASP_DRAFT_NO_BUNDLED", "1")
    alone = load_library([folder])
    assert _same_blame(alone, [folder]) == len(symbols) == 30
    histories = sum(len(b.history) for s in alone.held()
                    for b in blame(assemble(s, alone), alone))
    assert histories > 10  # the comparison covers earlier wordings, not only present ones
    monkeypatch.delenv("ASP_DRAFT_NO_BUNDLED")
    layered = load_library([folder])
    assert _same_blame(layered, [folder]) == 30 + 7


def test_blame_held_sees_a_later_folders_copy_of_a_resolution(
        generated: tuple[Path, list[str]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A later folder's file of a symbol replaces the earlier one's (it dropped the first
    printing of some wordings, which the next resolution then prints first)."""
    folder, symbols = generated
    monkeypatch.setenv("ASP_DRAFT_NO_BUNDLED", "1")
    source = next(p for p in (folder / "resolutions").glob("*.yaml")
                  if f"symbol: {symbols[0]}\n" in p.read_text(encoding="utf-8"))
    text = source.read_text(encoding="utf-8")
    operative = text.index("operative:\n")
    lines = text[operative:].splitlines(keepends=True)
    shortened = text[:operative] + "".join(lines[:2]) + \
        "".join(line for line in lines[2:] if not line.startswith("- "))
    (tmp_path / "resolutions").mkdir()
    (tmp_path / "resolutions" / source.name).write_text(shortened, encoding="utf-8")
    layered, alone = load_library([folder, tmp_path]), load_library([folder])
    later, earlier = layered.find_symbol(symbols[0]), alone.find_symbol(symbols[0])
    assert later is not None and earlier is not None
    assert len(assemble(later, layered).paragraphs) < len(assemble(earlier, alone).paragraphs)
    assert _same_blame(layered, [folder, tmp_path]) == 30


def test_blame_cli_of_a_held_symbol_prints_what_the_record_would(
        cli, generated: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The command's output, table with --history and JSON, stdout and stderr, with the
    fast path and with it turned off."""
    import asp_draft.compare.history

    folder, symbols = generated
    runs = [("blame", s, *extra) for s in (symbols[-1], symbols[14])
            for extra in (("--history",), ("--json",))]
    def no_record(*_: object) -> None:
        raise AssertionError("blame of a held symbol built the whole record")

    with monkeypatch.context() as patched:
        patched.setattr(asp_draft.compare.history, "build_record", no_record)
        fast = [cli("--no-bundled", "--library", folder, *args) for args in runs]
    monkeypatch.setattr(asp_draft.compare.history, "blame_held", lambda *_: None)
    slow = [cli("--no-bundled", "--library", folder, *args) for args in runs]
    assert fast == slow
    assert all(r.code == 0 for r in fast)
    blames = json.loads(fast[1].out)
    assert any(b["history"] for b in blames)  # earlier wordings, first printed elsewhere
    assert any(b["since"] < 2039 for b in blames) and "earlier wording" in fast[0].out


def test_blame_of_a_draft_still_names_the_closest(generated: tuple[Path, list[str]],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A paragraph not of an adopted clause version leaves blame_held to the record."""
    from asp_draft.compare.history import blame_held

    folder, _ = generated
    monkeypatch.setenv("ASP_DRAFT_NO_BUNDLED", "1")
    held = load_library([folder])
    assert blame_held(one("Recalling its earlier resolutions on wetlands,"), held) is None


def _held_file(folder: Path, year: int, symbol: str, *operative: str) -> None:
    slug = symbol.lower().replace("/", "-")
    (folder / "resolutions").mkdir(parents=True, exist_ok=True)
    (folder / "resolutions" / f"{slug}.yaml").write_text(
        f"year: {year}\nsymbol: {symbol}\nadopted: {year}-12-01\noperative:\n" +
        "".join(f"- {entry}\n" for entry in operative), encoding="utf-8")


def test_blame_of_a_held_symbol_beside_a_file_not_in_utf8_is_one_line(
        cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A clause's other printing in a file that is not UTF-8: its year cannot be read from its
    lines, and blame read in part says so in a line (exit 2), as for any broken file."""
    write_library(tmp_path, {"operative/urges-wetlands.yaml":
                             "id: urges-wetlands\npart: operative\ntopic: wetlands\nversions:\n"
                             "- text: '*Urges* States to protect the wetlands;'\n"
                             "  adopted: [A/RES/85/1, A/RES/86/1]\n"})
    _held_file(tmp_path, 2030, "A/RES/85/1", "urges-wetlands")
    (tmp_path / "resolutions" / "a-res-86-1.yaml").write_bytes(
        b"year: 2031\nsymbol: A/RES/86/1\ntitle: Caf\xe9\nadopted: 2031-12-01\n"
        b"operative:\n- urges-wetlands\n")
    result = cli("--no-bundled", "-L", str(tmp_path), "blame", "A/RES/85/1")
    assert result.code == 2 and "internal error" not in result.err, result.err
    line = result.err.strip().splitlines()[-1]  # after the warning that skipped the clause
    assert line.startswith("asp-draft: error: ")
    assert line.endswith("urges-wetlands.yaml:6: unknown symbol 'A/RES/86/1': add it to a "
                         "session file or to facts.yaml 'documents'")


@pytest.mark.parametrize("pinned", [False, True])
def test_an_earlier_wording_reads_as_its_first_printing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pinned: bool) -> None:
    """The history shows a wording as the first held text printing it printed it: with the
    typography of that copy (`printed`), or, when an older resolution pins the version, as
    that one printed it; not as the version renders alone. Both libraries, whole and read in
    part, find the same first printing."""
    from asp_draft.compare.history import blame_held
    from asp_draft.library.load import load_held

    monkeypatch.setenv("ASP_DRAFT_NO_BUNDLED", "1")
    (tmp_path / "operative").mkdir()
    (tmp_path / "operative" / "urges-wetlands.yaml").write_text(
        "id: urges-wetlands\npart: operative\ntopic: wetlands\nversions:\n"
        "- text: '*Urges* States to protect the \"Nandor\" wetlands by {{ year + 5 }};'\n"
        "  adopted: [A/RES/85/1, A/RES/86/1]\n"
        "  printed: {A/RES/85/1: '*Urges* States to protect the “Nandor” wetlands by "
        "{{ year + 5 }};'}\n"
        "- text: '*Urges* States to protect and restore the Nandor wetlands;'\n"
        "  adopted: [A/RES/87/1]\n", encoding="utf-8")
    _held_file(tmp_path, 2030, "A/RES/85/1", "urges-wetlands")
    _held_file(tmp_path, 2031, "A/RES/86/1", "urges-wetlands")
    _held_file(tmp_path, 2032, "A/RES/87/1", "urges-wetlands")
    first = "Urges States to protect the “Nandor” wetlands by 2035;"
    if pinned:  # a resolution of 2029 (its file read last) pins the 2030 wording: it
        # printed it first, plainly and in its own year
        _held_file(tmp_path, 2029, "A/RES/99/9", "urges-wetlands@2030")
        first = 'Urges States to protect the "Nandor" wetlands by 2034;'
    whole = load_library([tmp_path])
    part = load_held([tmp_path], "A/RES/87/1")
    assert part is not None and len(part.resolutions) == 1
    for library in (whole, part):
        spec = library.find_symbol("A/RES/87/1")
        assert spec is not None
        blames = blame_held(assemble(spec, library), library)
        assert blames is not None
        assert [h.text for h in blames[0].history] == [first]
        assert blames == blame(assemble(spec, whole), whole)


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The resolution files the scan reads from now on (each path once per read)."""
    import asp_draft.library.load

    read: list[str] = []
    bytes_of = asp_draft.library.load._bytes_of

    def counted(path: str) -> bytes:
        read.append(path)
        return bytes_of(path)

    monkeypatch.setattr(asp_draft.library.load, "_bytes_of", counted)
    return read


def _cited_by(folder: Path, clause_id: str) -> list[str]:
    """The symbols of the held resolutions that name `clause_id`, as blame finds them."""
    from asp_draft.library.load import load_held

    first = next(iter((folder / "resolutions").glob("*.yaml")))
    symbol = first.read_text(encoding="utf-8").split("symbol: ", 1)[1].split("\n", 1)[0]
    held = load_held([folder], symbol)
    assert held is not None
    return [str(s.meta["symbol"]) for s in held.citing(clause_id)]


def test_the_scan_of_resolution_files_is_kept_and_trusted_only_while_they_are_as_scanned(
        generated: tuple[Path, list[str]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A second blame reads no resolution file when none changed; a file that changed (in
    place, or added) is scanned anew, so a clause it now names is found in it."""
    import shutil

    import asp_draft.library.load

    monkeypatch.setenv("ASP_DRAFT_NO_BUNDLED", "1")
    folder = tmp_path / "lib"
    shutil.copytree(generated[0], folder)
    # no file counts as changed just before the scan was kept: only the stamps tell
    monkeypatch.setattr(asp_draft.library.load, "_RACY_NS", -10**18)
    read = _reads(monkeypatch)
    clause_id = sorted(p.stem for p in (folder / "operative").glob("*.yaml"))[0]
    before = _cited_by(folder, clause_id)
    assert before and len(read) == 30  # every file read once, then kept
    assert list((tmp_path / ".cache").glob("held-*.scan"))
    read.clear()
    assert _cited_by(folder, clause_id) == before and read == []
    # a resolution that did not name the clause names it now (its file grew: a new size)
    other = next(p for p in sorted((folder / "resolutions").glob("*.yaml"))
                 if clause_id not in p.read_text(encoding="utf-8"))
    text = other.read_text(encoding="utf-8")
    with other.open("a", encoding="utf-8") as appended:
        appended.write(f"- {clause_id}\n")
    symbol = text.split("symbol: ", 1)[1].split("\n", 1)[0]
    after = _cited_by(folder, clause_id)
    assert symbol in after and set(after) == {*before, symbol}
    assert len(read) == 30  # scanned anew, and kept again
    read.clear()
    assert _cited_by(folder, clause_id) == after and read == []
    # a file removed and another added changes no other file: the list of files tells
    gone = next(p for p in sorted((folder / "resolutions").glob("*.yaml"))
                if clause_id in p.read_text(encoding="utf-8") and p != other)
    gone_symbol = gone.read_text(encoding="utf-8").split("symbol: ", 1)[1].split("\n", 1)[0]
    gone.unlink()
    _held_file(folder, 2099, "A/RES/99/1", clause_id)
    read.clear()
    assert _cited_by(folder, clause_id) == [*(s for s in after if s != gone_symbol),
                                            "A/RES/99/1"]
    assert len(read) == 30


def test_a_scan_kept_just_after_its_files_changed_is_not_trusted(
        generated: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """A file changed within the file system clock's tick before the scan was kept may have
    changed again unseen (same size, same times): such a scan is read anew, not trusted."""
    import asp_draft.library.load

    monkeypatch.setenv("ASP_DRAFT_NO_BUNDLED", "1")
    folder = generated[0]
    clause_id = sorted(p.stem for p in (folder / "operative").glob("*.yaml"))[0]
    # the fixture's files were written moments ago: every scan of them is too close
    monkeypatch.setattr(asp_draft.library.load, "_RACY_NS", 10**18)
    read = _reads(monkeypatch)
    first = _cited_by(folder, clause_id)
    assert _cited_by(folder, clause_id) == first and len(read) == 60


@pytest.mark.parametrize("damage", [b"", b"not a scan", b"\0\0\0\0garbage",
                                    "truncated", "foreign"])
def test_a_damaged_or_foreign_scan_is_scanned_anew(
        generated: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        damage: bytes | str) -> None:
    """Whatever the kept scan holds (emptied, garbage, cut short, another library's), blame
    finds what the files say, and the scan is kept again, whole."""
    import shutil

    import asp_draft.library.load

    monkeypatch.setenv("ASP_DRAFT_NO_BUNDLED", "1")
    monkeypatch.setattr(asp_draft.library.load, "_RACY_NS", 0)
    folder = generated[0]
    clause_id = sorted(p.stem for p in (folder / "operative").glob("*.yaml"))[0]
    expected = _cited_by(folder, clause_id)
    [kept] = (tmp_path / ".cache").glob("held-*.scan")
    whole = kept.read_bytes()
    if damage == "truncated":
        kept.write_bytes(whole[:len(whole) // 2])
    elif damage == "foreign":  # another library's scan where this one's is looked for
        other = tmp_path / "other"
        shutil.copytree(folder, other)
        (other / "resolutions" / next(iter(
            sorted(p.name for p in (other / "resolutions").glob("*.yaml"))))).unlink()
        kept.unlink()
        _cited_by(other, clause_id)
        [foreign] = (tmp_path / ".cache").glob("held-*.scan")
        foreign.rename(kept)
    else:
        assert isinstance(damage, bytes)
        kept.write_bytes(damage)
    read = _reads(monkeypatch)
    assert _cited_by(folder, clause_id) == expected and len(read) == 30
    assert kept.read_bytes() == whole  # kept again as it was
    read.clear()
    assert _cited_by(folder, clause_id) == expected and read == []


def test_blame_with_a_kept_scan_prints_what_it_prints_without_one(
        cli, generated: tuple[Path, list[str]], tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's JSON and table, the scan read from the cache and with no cache at all."""
    import asp_draft.library.load

    monkeypatch.setattr(asp_draft.library.load, "_RACY_NS", 0)
    folder, symbols = generated
    runs = [("--no-bundled", "--library", folder, "blame", s, *extra)
            for s in (symbols[-1], symbols[20]) for extra in (("--json",), ("--history",))]
    cli(*runs[0])  # keeps the scan
    read = _reads(monkeypatch)
    kept = [cli(*args) for args in runs]
    assert read == []
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("ASP_DRAFT_CACHE", str(blocker / "cache"))
    assert [cli(*args) for args in runs] == kept and len(read) == 30 * len(runs)
    assert all(r.code == 0 for r in kept) and json.loads(kept[0].out)


def test_another_bodys_template_agreed_elsewhere_takes_its_own_session(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lib = tmp_path / "lib"
    (lib / "operative").mkdir(parents=True)
    (lib / "operative" / "decides-include-item.yaml").write_text(
        "id: decides-include-item\npart: operative\nversions:\n  - adopted: [A/RES/79/6]\n"
        "    text: \"*Decides* to include in the provisional agenda of its "
        "{{ (session + 1) | ordinal_word }} session the item.\"\n", encoding="utf-8")
    (lib / "facts.yaml").write_text("documents:\n  A/RES/79/6: 2024\n", encoding="utf-8")
    result = cli("-L", str(lib), "search", "provisional agenda", "--json")
    assert result.code == 0, result.err
    hits = json.loads(result.out)
    # the General Assembly's seventy-ninth session asks for its eightieth, not the ASP's 24th
    assert [h["text"] for h in hits] == [
        "Decides to include in the provisional agenda of its eightieth session the item."]
