"""adopt: adopted texts into a library; many resolutions per year; --no-bundled; roll-forward."""

from __future__ import annotations

import itertools
import json
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asp_draft.compare.likeness import SAME_CLAUSE_MIN, likeness
from asp_draft.errors import InputError, LibraryError
from asp_draft.library.adopt import plan_adoption
from asp_draft.library.adopt_files import draft_of, new_clause_id
from asp_draft.library.load import load_layers, load_library
from asp_draft.library.rolling import roll, ties
from asp_draft.model import Document, Paragraph
from asp_draft.readers.text import read_text_file
from tests.conftest import Result, one_line_error

COOPERATION = "\n\n".join([
    "# symbol: ICC-ASP/18/Res.3\n# title: Cooperation\n# year: 2019\n# adopted: 2019-12-06",
    "The Assembly of States Parties,",
    "Recalling the provisions of the Rome Statute, the Declaration on cooperation (RC/Dec.2)[^1]"
    " agreed by States Parties at the Review Conference in Kampala,",
    "Emphasizing the importance of effective and comprehensive cooperation and assistance by "
    "States Parties,",
    "1. Calls upon States Parties to comply with their obligations under the Rome Statute, in "
    "particular the obligation to cooperate in accordance with Part 9;",
    "2. Requests the Bureau to continue its work on non-cooperation, and to report thereon to "
    "the Assembly at its nineteenth session;",
    "3. Decides:",
    "(a) to convene a plenary session on cooperation at its nineteenth session;",
    "(b) to keep the matter under review;",
    "4. Convinced also that justice and peace are complementary and mutually reinforce each "
    "other;",
    "[^1]: RC/Dec.2, adopted on 8 June 2010.\n",
])


def error_line(result: Result) -> str:
    """Exit 2 with one error line and no traceback (a reader's notes about its guesses, on
    the lines before, are not errors)."""
    assert "Traceback" not in result.err
    errors = [line for line in result.err.splitlines() if line.startswith("asp-draft: error:")]
    assert len(errors) == 1, result.err
    return one_line_error(Result(result.code, result.out, errors[0]))


def body(shown: str) -> str:
    """A shown document without its metadata lines."""
    return "\n".join(line for line in shown.splitlines() if not line.startswith("# "))


def clause_files(folder: Path) -> dict[str, str]:
    """Every file under a library folder and its text."""
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*.yaml"))}


# --- re-deriving the bundled record from the corpus -------------------------------------------

def test_adopting_the_corpus_in_order_rederives_the_bundled_record(cli, corpus: Path,
                                                                   tmp_path: Path) -> None:
    lib = tmp_path / "record"
    files = sorted(corpus.glob("ICC-ASP_*.txt"))
    assert len(files) == 7
    for path in files:
        result = cli("--no-bundled", "adopt", str(path), "--into", str(lib))
        assert result.code == 0, result.err
    bundled = load_library()
    for year in sorted(bundled.sessions):
        ours = cli("--no-bundled", "--library", str(lib), "show", str(year))
        assert ours.code == 0, ours.err
        assert body(ours.out) == body(cli("show", str(year)).out)
        symbol = bundled.sessions[year].meta["symbol"]
        printed = next(p for p in files if p.stem == symbol.replace("/", "_"))
        assert body(ours.out) == body(cli("show", str(printed)).out)
    derived = load_layers([lib])
    assert _structure(derived) == _structure(bundled)
    mine = json.loads(cli("--no-bundled", "-L", str(lib), "blame", "2018", "--json").out)
    theirs = json.loads(cli("blame", "2018", "--json").out)
    assert [(b["since"], b["years"]) for b in mine] == [(b["since"], b["years"]) for b in theirs]
    assert [b["years"] for b in mine][1] == [2011, 2012, 2014, 2015, 2016, 2017, 2018]


def _structure(library: object) -> set[tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """Each omnibus clause as its versions' symbols and printed copies, ids aside."""
    out = set()
    for clause in library.clauses.values():  # type: ignore[attr-defined]
        versions = tuple((v.adopted, tuple(sorted(v.printed))) for v in clause.versions
                         if any(s.startswith("ICC-ASP/") for s in v.adopted))
        if versions:
            out.add(versions)
    return out


def test_the_threshold_separates_rewrites_from_other_clauses() -> None:
    library = load_library()
    omnibus = [c for c in library.clauses.values()
               if any(s.startswith("ICC-ASP/") for v in c.versions for s in v.adopted)]
    texts = {c.id: [v.text for v in c.versions] for c in omnibus}
    same = [likeness(a, b) for t in texts.values() for a, b in itertools.pairwise(t)]
    other = [likeness(a, b) for x, y in itertools.combinations(texts, 2)
             for a in texts[x] for b in texts[y]]
    assert min(same) >= SAME_CLAUSE_MIN > max(other)


# --- a made-up resolution, as text, Markdown and Word ---------------------------------------

def written_as(cli, stem: Path, text: str, suffix: str) -> Path:  # type: ignore[no-untyped-def]
    """The text as a file of `suffix`: written as .txt, then built to the format by asp-draft."""
    plain = stem.with_suffix(".txt")
    plain.write_text(text, encoding="utf-8")
    if suffix == ".txt":
        return plain
    source = stem.with_suffix(suffix)
    assert cli("build", str(plain), "-o", str(source)).code == 0
    return source


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx"])
def test_a_resolution_adopts_from_each_format_beside_the_omnibus(cli, tmp_path: Path,
                                                                 suffix: str) -> None:
    source = written_as(cli, tmp_path / "coop", COOPERATION, suffix)
    text = source.with_suffix(".txt")
    lib = tmp_path / "lib"
    result = cli("adopt", str(source), "--into", str(lib))
    assert result.code == 0, result.err
    assert "requests-bureau-non-cooperation" in result.out
    assert "new clause" in result.out and "resolutions/icc-asp-18-res-3.yaml" in result.out
    held = clause_files(lib)
    assert "resolutions/icc-asp-18-res-3.yaml" in held
    assert "sessions/2019.yaml" not in held  # not the omnibus: the year still means 2019's
    shown = cli("--library", str(lib), "show", "ICC-ASP/18/Res.3")
    assert body(shown.out) == body(cli("show", str(text)).out)
    found = json.loads(cli("-L", str(lib), "search", "non-cooperation", "--json").out)
    assert [h["symbol"] for h in found] == ["ICC-ASP/18/Res.3"]
    blamed = json.loads(cli("-L", str(lib), "blame", "ICC-ASP/18/Res.3", "--json").out)
    assert blamed[3]["clause"] == "requests-bureau-non-cooperation"
    assert blamed[3]["since"] == 2019
    assert cli("-L", str(lib), "show", "2018").code == 0  # the omnibus is still there


def test_same_wording_new_printing_new_version_and_new_clause(cli, tmp_path: Path) -> None:
    text = tmp_path / "res.txt"
    text.write_text(
        "# symbol: ICC-ASP/18/Res.6\n# title: Strengthening the International Criminal Court "
        "and the Assembly of States Parties\n# adopted: 2019-12-06\n\n"
        "The Assembly of States Parties,\n\n"
        "Convinced also that justice and peace are complementary and mutually reinforce each "
        "other,\n\n"
        "Convinced that the International Criminal Court (‘the Court’) is an essential means "
        "of promoting respect for international humanitarian law and human rights, thus "
        "contributing to freedom, security, justice and the rule of law, as well as to the "
        "prevention of armed conflicts, the preservation of peace and the strengthening of "
        "international security and the advancement of post-conflict peacebuilding and "
        "reconciliation with a view to achieving sustainable peace, in accordance with the "
        "purposes and principles of the Charter of the United Nations,\n\n"
        "Convinced also that justice and peace are complementary, indivisible and mutually "
        "reinforce each other,\n\n"
        "Welcoming the election of the Prosecutor by consensus,\n", encoding="utf-8")
    lib = tmp_path / "lib"
    result = cli("adopt", str(text), "--into", str(lib), "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [(p["match"], p["clause"]) for p in data["paragraphs"]] == [
        ("same", "justice-and-peace"), ("printing", "icc-essential-means"),
        ("clause", "convinced-also-justice-peace"), ("clause", "welcoming-election-prosecutor")]
    assert data["status"] == "new" and data["kind"] == "omnibus"
    copied = yaml.safe_load((lib / "preamble" / "icc-essential-means.yaml").read_text())
    assert "ICC-ASP/18/Res.6" in copied["versions"][0]["printed"]  # the whole clause, copied
    assert "note" in copied["versions"][0]
    assert (lib / "sessions" / "2019.yaml").is_file()


def test_a_rewritten_paragraph_is_a_new_version_of_its_clause(cli, tmp_path: Path) -> None:
    text = tmp_path / "res.txt"
    text.write_text(
        "# symbol: ICC-ASP/18/Res.6\n# title: Strengthening the International Criminal Court "
        "and the Assembly of States Parties\n# adopted: 2019-12-06\n\n"
        "The Assembly of States Parties,\n\n"
        "Convinced also that justice and peace are complementary, indivisible and mutually "
        "reinforce each other,\n", encoding="utf-8")
    lib = tmp_path / "lib"
    data = json.loads(cli("adopt", str(text), "--into", str(lib), "--json").out)
    assert data["paragraphs"][0]["match"] == "version"
    assert data["paragraphs"][0]["clause"] == "justice-and-peace"
    assert data["paragraphs"][0]["like"] == 2018
    clause = load_library([lib]).clause("justice-and-peace")
    assert [v.since for v in clause.versions] == [2011, 2015, 2019]
    assert load_library().clause("justice-and-peace").versions[-1].since == 2015  # bundled


def test_a_corrected_copy_replaces_the_one_held(cli, tmp_path: Path) -> None:
    first = tmp_path / "coop.txt"
    first.write_text(COOPERATION, encoding="utf-8")
    lib = tmp_path / "lib"
    assert cli("adopt", str(first), "--into", str(lib)).code == 0
    fixed = tmp_path / "coop-corrigendum.txt"
    fixed.write_text(COOPERATION.replace("to the Assembly at", "to the Assembly in writing at"),
                     encoding="utf-8")
    result = cli("adopt", str(fixed), "--into", str(lib))
    assert result.code == 0, result.err
    assert "ICC-ASP/18/Res.3 is already held; this copy replaces it (1 modified;" in result.err
    clause = load_library([lib]).clause("requests-bureau-non-cooperation")
    assert len(clause.versions) == 1  # the wording it replaces was only ever in this copy
    assert "in writing" in clause.versions[0].text
    shown = cli("-L", str(lib), "show", "ICC-ASP/18/Res.3")
    assert body(shown.out) == body(cli("show", str(fixed)).out)


def test_nothing_is_written_when_the_library_would_print_otherwise(tmp_path: Path) -> None:
    # A lead that does not open the text: no file or markup can say that, so it is refused.
    document = Document(meta={"symbol": "ICC-ASP/18/Res.9", "title": "T", "year": 2019,
                              "adopted": "2019-12-06"},
                        paragraphs=(Paragraph(part="operative", text="The Bureau is asked;",
                                              lead="Requests", number="1"),))
    lib = tmp_path / "lib"
    with pytest.raises(InputError, match=r"OP1: the library would not print it as the file "
                                         r"does \(lead: None instead of 'Requests'\)"):
        plan_adoption(document, load_library(), lib, source="x.txt")
    assert not lib.exists()


def test_a_clause_file_s_data_is_what_its_text_reads_back(tmp_path: Path) -> None:
    """The check before writing reads a clause file's data, not its text: they must agree."""
    source = tmp_path / "coop.txt"
    source.write_text(COOPERATION.replace("Part 9", "Part 9 of the Statute"), encoding="utf-8")
    plan = plan_adoption(read_text_file(source), load_library(), tmp_path / "lib",
                         source=str(source))
    clauses = [f for f in plan.files if f.path.parent.name in ("preamble", "operative")]
    assert clauses and all(f.data is not None and f.text is not None for f in clauses)
    for change in clauses:
        assert yaml.safe_load(change.text or "") == change.data, change.path.name
    assert any("Part 9 of the Statute" in v["text"] for f in clauses
               for v in (f.data or {})["versions"])


# --- idempotence and --dry-run, as properties --------------------------------------------------

_WORDS = st.sampled_from(["court", "states", "parties", "bureau", "cooperation", "victims",
                          "budget", "report", "justice", "peace", "review", "mandate"])
_SENTENCE = st.lists(_WORDS, min_size=4, max_size=12).map(" ".join)


@st.composite
def resolutions(draw: st.DrawFn) -> str:
    """A small resolution in the text format: preamble and numbered operative paragraphs."""
    preamble = draw(st.lists(_SENTENCE, min_size=1, max_size=3))
    operative = draw(st.lists(_SENTENCE, min_size=0, max_size=3))
    lines = ["# symbol: ICC-ASP/18/Res.4", "# title: Generated", "# adopted: 2019-12-06", "",
             "The Assembly of States Parties,", ""]
    lines += [f"Recalling the {p},\n" for p in preamble]
    lines += [f"{i}. Requests the {p};\n" for i, p in enumerate(operative, 1)]
    return "\n".join(lines)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=resolutions())
def test_adopting_twice_changes_nothing_and_a_dry_run_writes_nothing(cli, text: str) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        source = folder / "res.txt"
        source.write_text(text, encoding="utf-8")
        lib = folder / "lib"
        dry = cli("adopt", str(source), "--into", str(lib), "--dry-run", "--json")
        assert dry.code == 0, dry.err
        assert not lib.exists()
        real = cli("adopt", str(source), "--into", str(lib), "--json")
        assert real.code == 0, real.err
        planned, done = json.loads(dry.out), json.loads(real.out)
        assert planned.pop("dry_run") is True and done.pop("dry_run") is False
        assert planned == done
        assert sorted(f["path"] for f in done["files"]) == sorted(clause_files(lib))
        before = clause_files(lib)
        again = cli("adopt", str(source), "--into", str(lib), "--json")
        assert again.code == 0
        assert json.loads(again.out)["status"] == "unchanged"
        assert "already held" in again.err and "nothing changes" in again.err
        assert clause_files(lib) == before
        dry_again = cli("adopt", str(source), "--into", str(lib), "--dry-run")
        assert dry_again.code == 0 and clause_files(lib) == before
    finally:
        shutil.rmtree(folder)


# --- bad input: one line, exit 2 ------------------------------------------------------------

def test_a_draft_is_named_as_one(cli, tmp_path: Path) -> None:
    text = tmp_path / "draft.txt"
    text.write_text("# symbol: A/80/L.9\n# title: Sport\n# status: draft\n\n"
                    "The General Assembly,\n\nRecalling the Charter,\n", encoding="utf-8")
    assert error_line(cli("adopt", str(text), "--into", str(tmp_path / "lib"))).endswith(
        "the file is a draft (A/80/L.9), not a text the body adopted; adopt the resolution as "
        "adopted, or, if this draft was adopted as it stands, say so: the file does not say "
        "when it was adopted; give its adoption date (YYYY-MM-DD) (--adopted YYYY-MM-DD)")


def test_bad_input_is_one_line(cli, tmp_path: Path) -> None:
    text = tmp_path / "res.txt"
    text.write_text("The Assembly of States Parties,\n\nRecalling the Statute,\n",
                    encoding="utf-8")
    lib = str(tmp_path / "lib")
    assert error_line(cli("adopt", str(text), "--into", lib)).endswith(
        "the file does not say its symbol, when it was adopted or its title; give its symbol "
        "(e.g. ICC-ASP/18/Res.6), its adoption date (YYYY-MM-DD) and its title (--symbol, "
        "--adopted YYYY-MM-DD and --title)")
    assert "does not say when it was adopted or its title" in error_line(
        cli("adopt", str(text), "--into", lib, "--symbol", "ICC-ASP/18/Res.9"))
    assert error_line(cli("adopt", str(text), "--into", lib, "--symbol", "X/1", "--adopted",
                          "6 Dec")).endswith(
        "adoption date '6 Dec': write it as YYYY-MM-DD (--adopted YYYY-MM-DD)")
    dated = tmp_path / "dated.txt"  # a date the file prints wrong: no option to name
    dated.write_text("# adopted: 6 Dec\n\nThe Assembly of States Parties,\n\nRecalling it,\n",
                     encoding="utf-8")
    assert error_line(cli("adopt", str(dated), "--into", lib, "--symbol", "X/1")).endswith(
        "adoption date '6 Dec': write it as YYYY-MM-DD")
    assert "is the bundled library" in error_line(
        cli("adopt", str(text), "--into", str(Path("clauses").resolve()), "--symbol", "X/1"))
    assert "is a file" in error_line(cli("adopt", str(text), "--into", str(text)))
    assert "no such file" in error_line(cli("adopt", "nope.txt", "--into", lib))
    assert not Path(lib).exists()


def test_an_omnibus_year_held_under_another_symbol_is_not_replaced(cli, tmp_path: Path) -> None:
    text = tmp_path / "res.txt"
    text.write_text("# symbol: ICC-ASP/17/Res.9\n# title: Strengthening the International "
                    "Criminal Court and the Assembly of States Parties\n# adopted: 2018-12-12\n"
                    "\nThe Assembly of States Parties,\n\nRecalling the Statute,\n",
                    encoding="utf-8")
    assert "the library's omnibus resolution for 2018 is ICC-ASP/17/Res.5" in error_line(
        cli("adopt", str(text), "--into", str(tmp_path / "lib")))


# --- --no-bundled ---------------------------------------------------------------------------

@pytest.mark.parametrize("args", [("show", "2018"), ("show", "ICC-ASP/17/Res.5"),
                                  ("blame", "2018"), ("search", "peace"), ("clauses",),
                                  ("new", "2019", "-o", "-")])
def test_an_empty_library_says_so_in_one_line(cli, tmp_path: Path,
                                              args: tuple[str, ...]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    line = one_line_error(cli("--no-bundled", "--library", str(empty), *args))
    assert "the library is empty" in line and line.endswith("; add one with asp-draft adopt")


def test_no_bundled_from_the_environment(cli, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASP_DRAFT_NO_BUNDLED", "1")
    assert "the library is empty" in one_line_error(cli("show", "2018"))
    monkeypatch.delenv("ASP_DRAFT_NO_BUNDLED")
    assert cli("show", "2018").code == 0
    assert "the library is empty" in one_line_error(cli("--no-bundled", "show", "2018"))
    assert cli("show", "2018").code == 0  # the option lasts one run


# --- the honest roll-forward ----------------------------------------------------------------

def test_rolling_2018_forward_keeps_the_anniversary_and_lists_it() -> None:
    rolled = roll(load_library(), 2019)
    data = yaml.safe_load(rolled.text)
    assert data["symbol"] is None  # not ICC-ASP/18/Res.6: that is the adopted text's
    assert "a draft is not ICC-ASP/18/Res.6" in rolled.text
    assert data["preamble"][:3] == ["responsibility-to-protect", "icc-essential-means",
                                    "justice-and-peace"]
    assert "the 20th anniversary of the Rome Statute, which reaffirmed" in \
        data["preamble"][3]["text"]
    assert [r.line() for r in rolled.review] == [
        "PP4 rome-statute-anniversary: kept word for word as adopted in 2018 (rolls: keep); "
        "it names an anniversary ('20th anniversary')"]
    assert "#   PP4 rome-statute-anniversary: kept word for word" in rolled.text
    assert yaml.safe_load(roll(load_library(), 2019, symbol="ICC-ASP/18/L.4").text)[
        "symbol"] == "ICC-ASP/18/L.4"


def test_rolling_any_held_resolution_forward(cli, tmp_path: Path) -> None:
    text = tmp_path / "coop.txt"
    text.write_text(COOPERATION, encoding="utf-8")
    lib = tmp_path / "lib"
    assert cli("adopt", str(text), "--into", str(lib)).code == 0
    rolled = roll(load_library([lib]), 2020, ref="ICC-ASP/18/Res.3")
    assert rolled.base.meta["symbol"] == "ICC-ASP/18/Res.3"
    # the coming session a literal text names moves on with the draft, and says so
    assert [r.line() for r in rolled.review] == [
        "OP2 requests-bureau-non-cooperation: advanced 'nineteenth' -> 'twentieth'; a coming "
        "session, one session on",
        "OP3(a) (inline text): advanced 'nineteenth' -> 'twentieth'; a coming session, one "
        "session on"]
    assert yaml.safe_load(rolled.text)["title"] == "Cooperation"


def test_a_template_that_counts_on_is_listed_as_advanced(tmp_path: Path) -> None:
    (tmp_path / "operative").mkdir()
    (tmp_path / "operative" / "decides-next-session.yaml").write_text(
        "id: decides-next-session\nversions:\n  - adopted: [ICC-ASP/17/Res.5]\n    rolls: "
        "advance\n    text: \"*Decides* to hold its {{ (session + 1) | ordinal_word }} session "
        "in The Hague;\"\n", encoding="utf-8")
    (tmp_path / "sessions").mkdir()
    (tmp_path / "sessions" / "2018.yaml").write_text(
        "year: 2018\nsymbol: ICC-ASP/17/Res.5\nadopted: 2018-12-12\noperative:\n"
        "  - decides-next-session\n", encoding="utf-8")
    library = load_library([tmp_path])
    assert library.clause("decides-next-session").versions[0].rolls == "advance"
    rolled = roll(library, 2019)
    assert [r.line() for r in rolled.review] == [
        "OP1 decides-next-session: advanced by its template: 'eighteenth' -> 'nineteenth'; "
        "it names a session ('eighteenth session')"]


@pytest.mark.parametrize(("text", "found"), [
    ("at its present session", ["the present session ('present session')"]),
    ("the programme budget for 2024/25", ["a period ('2024/25')"]),
    ("adopted on 17 July 1998", ["a date ('17 July 1998')"]),
    ("this year, at its eighteenth session", ["a session ('eighteenth session')",
                                              "this year ('this year')"]),
    ("the Court's work", []),
])
def test_what_ties_a_paragraph_to_its_year(text: str, found: list[str]) -> None:
    assert ties(text) == found


# --- ids and help ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lead", "taken", "expected"), [
    ("Requests the Bureau to continue its work on non-cooperation;", "Requests", set(),
     "requests-bureau-non-cooperation"),
    ("Requests the Bureau to continue its work on non-cooperation;", "Requests",
     {"requests-bureau-non-cooperation"}, "requests-bureau-non-cooperation-2"),
    ("Requests the Bureau to report on non-cooperation;", "Requests",
     {"requests-bureau-report"}, "requests-bureau-report-non-cooperation"),
    ("Convinced also that justice and peace are complementary,", "Convinced also", set(),
     "convinced-also-justice-peace"),
    ("Decides:", "Decides", {"decides"}, "decides-2"),
])
def test_new_clause_ids_are_readable_unique_and_stable(text: str, lead: str, taken: set[str],
                                                       expected: str) -> None:
    paragraph = Paragraph(part="operative", text=text, lead=lead)
    assert new_clause_id(paragraph, taken) == expected
    assert new_clause_id(paragraph, taken) == new_clause_id(paragraph, set(taken))


def test_adopt_has_help_with_an_example(cli) -> None:
    result = cli("adopt", "--help")
    assert result.code == 0 and "Example: asp-draft adopt" in result.out
    assert "--no-bundled" in cli("--help").out


# --- annexes -----------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_a_resolution_with_annexes_adopts_and_shows_exactly(cli, tmp_path: Path,
                                                            suffix: str) -> None:
    from tests.test_import import ANNEXED, ANNEXES_DATA, paragraphs_json

    source = written_as(cli, tmp_path / "review", ANNEXED, suffix)
    text = source.with_suffix(".txt")
    lib = tmp_path / "lib"
    result = cli("adopt", str(source), "--into", str(lib))
    assert result.code == 0, result.err
    rows = [line.split("│")[1:4] for line in result.out.splitlines() if "Annex" in line]
    assert [[c.strip() for c in row] for row in rows] == [
        ["Annex I 1", "—", "annex paragraph (in the resolution file)"],
        ["Annex I 2", "—", "annex paragraph (in the resolution file)"],
        ["Annex I 2(a)", "—", "sub-paragraph (in the resolution file)"],
        ["Annex I 2(b)", "—", "sub-paragraph (in the resolution file)"],
        ["Annex II ¶1", "—", "annex paragraph (in the resolution file)"],
        ["Annex II 4", "—", "annex paragraph (in the resolution file)"]]
    held = yaml.safe_load((lib / "resolutions" / "icc-asp-18-res-9.yaml").read_text())
    subs = held["annexes"][0]["paragraphs"][2]["sub"]
    assert subs == ["governance;", "the judiciary;"]  # bare text, as sub-paragraphs are
    held["annexes"][0]["paragraphs"][2]["sub"] = [{"text": s} for s in subs]
    assert held["annexes"] == ANNEXES_DATA
    assert not list((lib / "operative").glob("*experts*"))  # annex paragraphs are no clauses
    shown = cli("-L", str(lib), "show", "ICC-ASP/18/Res.9")
    assert body(shown.out) == body(cli("show", str(text)).out)
    assert "\nAnnex\n\nAnnex II: Timetable\n\nThe experts begin" in shown.out
    assert paragraphs_json(cli, str(text)) == [
        {**p, "clause": None, "version": None} if p["part"] != "annex" else p
        for p in json.loads(cli("-L", str(lib), "show", "ICC-ASP/18/Res.9", "--format",
                                "json").out)["paragraphs"]]
    again = cli("adopt", str(source), "--into", str(lib))
    assert again.code == 0 and "nothing changes" in again.err


def test_the_check_before_writing_compares_each_paragraphs_annex(tmp_path: Path) -> None:
    from asp_draft.library.adopt import _compare
    from asp_draft.refs import Resolver
    from tests.test_import import ANNEXED

    (tmp_path / "review.txt").write_text(ANNEXED, encoding="utf-8")
    read = Resolver().resolve(str(tmp_path / "review.txt"))
    _compare(read, read, "review.txt")
    moved = tuple(replace(p, annex="Annex II: Timetable") if p.text.startswith("The review")
                  else p for p in read.paragraphs)
    with pytest.raises(InputError, match=r"Annex I 2: the library would not print it as the "
                                         r"file does \(annex: 'Annex II: Timetable' instead"):
        _compare(read, Document(read.meta, moved), "review.txt")


def test_rolling_a_resolution_with_annexes_carries_them_and_reviews_them(cli,
                                                                          tmp_path: Path) -> None:
    from tests.test_import import ANNEXED, ANNEXES_DATA

    text = tmp_path / "review.txt"
    text.write_text(ANNEXED, encoding="utf-8")
    lib = tmp_path / "lib"
    assert cli("adopt", str(text), "--into", str(lib)).code == 0
    rolled = roll(load_library([lib]), 2020, ref="ICC-ASP/18/Res.9")
    assert [r.line() for r in rolled.review] == [
        "Annex I 1 (inline text): advanced 'nineteenth' -> 'twentieth'; a coming session, one "
        "session on"]
    data = yaml.safe_load(rolled.text)
    rolled_annexes = yaml.safe_dump(ANNEXES_DATA).replace("at its nineteenth session",
                                                          "at its twentieth session")
    assert data["annexes"] == yaml.safe_load(rolled_annexes)


def test_a_draft_asked_for_a_version_it_was_not_drafted_with_says_so_in_one_line() -> None:
    """A clause drafted from one reading of the library and matched in another (the library
    changed under the run) is refused naming the clause's file, never a bare KeyError."""
    clause = next(c for c in load_library().clauses.values() if c.versions)
    again = replace(clause.versions[0])  # the same version, read again: another object
    with pytest.raises(LibraryError) as err:
        draft_of(clause).version_for(again)
    assert err.value.source == clause.source
    assert str(err.value).endswith(f"clause {clause.id!r} was drafted without the version from "
                                   f"{again.since} that a paragraph matched (the library changed "
                                   "while it was adopted); adopt the file again")
