"""search: FTS5 over the record, one hit per wording, citations, filters and the cached index."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asp_draft.compare.history import build_record
from asp_draft.compare.search import fts_query, open_index, search
from asp_draft.errors import RequestError
from asp_draft.folders import library_dirs
from asp_draft.library.load import load_library
from tests.conftest import one_line_error
from tests.library_files import write_library

REINFORCE = ("ICC-ASP/14/Res.4", "ICC-ASP/15/Res.5", "ICC-ASP/16/Res.6", "ICC-ASP/17/Res.5")
EVERY_YEAR = ("ICC-ASP/10/Res.5", "ICC-ASP/11/Res.8", "ICC-ASP/13/Res.5", "ICC-ASP/14/Res.4",
              "ICC-ASP/15/Res.5", "ICC-ASP/16/Res.6", "ICC-ASP/17/Res.5")


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    connection = open_index(library_dirs(), lambda: build_record(load_library()))
    yield connection
    connection.close()


@pytest.mark.parametrize(("query", "expected"), [
    ("impunity", '"impunity"'),
    ("mutually reinforce", '"mutually" "reinforce"'),
    ('"mutually reinforce"', '"mutually reinforce"'),
    ("“mutually reinforce”", '"mutually reinforce"'),
    ("complement*", '"complement"*'),
    ("States-Parties Court's", '"States Parties" "Court s"'),
    ("peace OR justice NOT impunity", '"peace" OR "justice" NOT "impunity"'),
    ("OR peace AND", '"peace"'),  # a dangling operator is dropped, not a syntax error
    ('"unclosed phrase', '"unclosed phrase"'),
])
def test_queries_become_safe_fts5(query: str, expected: str) -> None:
    assert fts_query(query) == expected


@pytest.mark.parametrize("query", ["", "   ", '""', "*", "-- ;", "OR"])
def test_a_query_without_words_is_refused(query: str) -> None:
    with pytest.raises(RequestError, match="nothing to search for"):
        fts_query(query)


def test_a_wording_adopted_four_times_is_one_hit_citing_the_latest(
        db: sqlite3.Connection) -> None:
    hits = search(db, "mutually reinforce")
    assert len(hits) == 1  # no stemming: the proposal's "mutually reinforcing" is not this
    hit = hits[0]
    assert (hit.symbol, hit.year, hit.label, hit.status) == (
        "ICC-ASP/17/Res.5", 2018, "PP3", "adopted")
    assert hit.symbols == REINFORCE and hit.years == (2015, 2016, 2017, 2018)
    assert hit.text == ("Convinced also that justice and peace are complementary and mutually "
                        "reinforce each other,")
    assert "\x02mutually\x03 \x02reinforce\x03" in hit.highlighted


def test_a_prefix_finds_both_forms(db: sqlite3.Connection) -> None:
    hits = search(db, "mutually reinforc*")
    assert {(h.status, h.clause) for h in hits} == {
        ("adopted", "justice-and-peace"), ("proposed", "cicc-justice-and-peace")}
    proposal = next(h for h in hits if h.status == "proposed")
    assert (proposal.symbol, proposal.year, proposal.symbols) == (None, 2017, ())
    assert proposal.proposer == "Coalition for the International Criminal Court"


def test_filters_cite_the_latest_copy_in_range_as_it_is_printed(
        db: sqlite3.Connection) -> None:
    # One wording in every year; the 2015 and 2016 copies print straight quotation marks.
    [hit] = search(db, '"essential means" "Charter of the United Nations"', until=2016,
                   since=2015)
    assert (hit.symbol, hit.year, hit.label) == ("ICC-ASP/15/Res.5", 2016, "PP2")
    assert '("the Court")' in hit.text
    assert hit.symbols == EVERY_YEAR  # every resolution with the wording, whatever the range
    [latest] = [h for h in search(db, '"essential means" "Charter of the United Nations"')
                if h.status == "adopted"]
    assert latest.symbol == "ICC-ASP/17/Res.5" and "(“the Court”)" in latest.text
    [first] = search(db, '"essential means" "Charter of the United Nations"', until=2011)
    assert first.symbol == "ICC-ASP/10/Res.5" and "( the Court )" in first.text


def test_year_part_and_limit_filters(db: sqlite3.Connection) -> None:
    assert search(db, "impunity", since=2019) == []
    assert search(db, "impunity", part="operative") == []  # the record holds no operative part
    assert len(search(db, "the", limit=3)) == 3
    older = search(db, "complementary", until=2014)
    assert older and all(h.year is not None and h.year <= 2014 for h in older)
    assert "Rome Statute, preamble" in {h.symbol for h in older}  # agreed in 1998


def test_bad_filters_are_request_errors_naming_the_values(db: sqlite3.Connection) -> None:
    """The core names the value and the cause; the options are the command line's to say."""
    with pytest.raises(RequestError, match="part 'annex': choose preamble or operative") as e:
        search(db, "peace", part="annex")
    assert "--" not in str(e.value)
    with pytest.raises(RequestError, match="the years from 2018 until 2011: 2018 is after 2011"):
        search(db, "peace", since=2018, until=2011)


def test_hits_are_ranked_best_first(db: sqlite3.Connection) -> None:
    hits = search(db, "peace", limit=50)
    scores = [h.score for h in hits]
    assert len(hits) > 3 and scores == sorted(scores, reverse=True)
    assert len({(h.clause, h.symbol, h.text) for h in hits}) == len(hits)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab "*-():^+ORNDTc\'’“'), max_size=30))
def test_any_query_either_searches_or_is_refused(query: str) -> None:
    connection = open_index(library_dirs(), lambda: build_record(load_library()))
    try:
        hits = search(connection, query)
    except RequestError as e:
        assert "nothing to search for" in str(e)
    else:
        assert isinstance(hits, list)
    finally:
        connection.close()


def test_the_index_is_cached_and_rebuilt_when_the_library_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "lib"
    (user / "preamble").mkdir(parents=True)
    clause = user / "preamble" / "zanzibar-proposal.yaml"
    clause.write_text("id: zanzibar-proposal\npart: preamble\ntopic: t\nversions:\n"
                      "  - proposed: 2019\n    proposer: Zanzibar\n"
                      "    text: \"*Noting* the zanzibar proposal,\"\n", encoding="utf-8")
    builds: list[int] = []

    def record() -> object:
        builds.append(1)
        return build_record(load_library([user]))

    def hits(word: str) -> list[str | None]:
        connection = open_index(library_dirs([user]), record)  # type: ignore[arg-type]
        try:
            return [h.proposer for h in search(connection, word)]
        finally:
            connection.close()

    assert hits("zanzibar") == ["Zanzibar"]
    assert hits("zanzibar") == ["Zanzibar"] and len(builds) == 1  # reused, not rebuilt
    clause.write_text(clause.read_text(encoding="utf-8").replace("the zanzibar", "the zambezi"),
                      encoding="utf-8")
    assert hits("zanzibar") == [] and hits("zambezi") == ["Zanzibar"]
    assert len(builds) == 2
    cached = sorted((tmp_path / ".cache").glob("search-*.sqlite"))
    assert len(cached) == 2


def test_two_states_of_a_library_sharing_a_cache_name_are_told_apart(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's name is a short checksum of the files' stamps; the index keeps the stamps
    themselves, so an index of another state under the same name is never searched."""
    import asp_draft.compare.search

    monkeypatch.setattr(asp_draft.compare.search, "_fingerprint", lambda stamps: "same")
    user = tmp_path / "lib"
    (user / "preamble").mkdir(parents=True)
    clause = user / "preamble" / "zanzibar-proposal.yaml"
    text = ("id: zanzibar-proposal\npart: preamble\ntopic: t\nversions:\n"
            "  - proposed: 2019\n    proposer: Zanzibar\n"
            "    text: \"*Noting* the {} proposal,\"\n")
    builds: list[int] = []

    def proposers(word: str) -> list[str | None]:
        def record() -> object:
            builds.append(1)
            return build_record(load_library([user]))

        connection = open_index(library_dirs([user]), record)  # type: ignore[arg-type]
        try:
            return [h.proposer for h in search(connection, word)]
        finally:
            connection.close()

    clause.write_text(text.format("zanzibar"), encoding="utf-8")
    assert proposers("zanzibar") == ["Zanzibar"] and len(builds) == 1
    clause.write_text(text.format("zambezi!"), encoding="utf-8")  # another size, same name
    assert proposers("zambezi") == ["Zanzibar"] and proposers("zanzibar") == []
    assert len(builds) == 2
    assert [p.name for p in (tmp_path / ".cache").glob("search-*.sqlite")] == [
        p.name for p in (tmp_path / ".cache").glob("search-*-same.sqlite")]


def test_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    connection = open_index(library_dirs(), lambda: build_record(load_library()))
    connection.close()
    [cached] = (tmp_path / ".cache").glob("search-*.sqlite")
    cached.write_bytes(b"not a database")
    connection = open_index(library_dirs(), lambda: build_record(load_library()))
    try:
        assert search(connection, "mutually reinforce")[0].symbols == REINFORCE
    finally:
        connection.close()


def test_without_a_writable_cache_search_works_from_memory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("ASP_DRAFT_CACHE", str(blocker / "cache"))
    connection = open_index(library_dirs(), lambda: build_record(load_library()))
    try:
        assert search(connection, "mutually reinforce")[0].label == "PP3"
    finally:
        connection.close()


def test_search_json_is_a_list_best_first(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("search", '"mutually reinforce"', "--json")
    assert result.code == 0, result.err
    [hit] = json.loads(result.out)
    assert {k: hit[k] for k in ("symbol", "year", "label", "symbols")} == {
        "symbol": "ICC-ASP/17/Res.5", "year": 2018, "label": "PP3", "symbols": list(REINFORCE)}
    assert hit["text"].endswith("mutually reinforce each other,") and hit["score"] > 0
    assert "1 hit(s)" in result.err


def test_search_prints_citations_and_highlights(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("search", "mutually", "reinforc*")
    assert result.code == 0, result.err
    out = " ".join(result.out.split())
    assert ("1. ICC-ASP/17/Res.5, PP3 (2018); adopted in 4 years: ICC-ASP/14/Res.4, "
            "ICC-ASP/15/Res.5, ICC-ASP/16/Res.6, ICC-ASP/17/Res.5") in out
    assert "complementary and **mutually** **reinforce** each other," in out
    assert ("Proposed 2017 by Coalition for the International Criminal Court "
            "(clause cicc-justice-and-peace); never adopted") in out
    assert "**mutually** **reinforcing**" in out


def test_a_wording_adopted_once_says_so(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("search", '"20th anniversary"')
    assert result.code == 0, result.err
    assert result.out.startswith("1. ICC-ASP/17/Res.5, PP4 (2018); adopted in 1 year\n")


def test_search_says_when_nothing_is_found(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("search", "xylophone")
    assert (result.code, result.out) == (0, "")
    assert "0 hit(s) for 'xylophone'; try fewer words or a prefix*" in result.err


@pytest.mark.parametrize(("args", "message"), [
    (["search", '""'], "nothing to search for"),
    (["search", "peace", "--part", "annex"], "--part 'annex': choose preamble or operative"),
    (["search", "peace", "--limit", "0"], "--limit"),
    (["search", "peace", "--since", "2018", "--until", "2011"],
     "the years from 2018 until 2011: 2018 is after 2011 (--since and --until)"),
    (["search", "peace", "--limit", str(2**64)],
     f"the number of hits {2**64} is too large for the index (at most {2**63 - 1}) (--limit)"),
    (["search", "peace", "--until", str(-2**64)], f"the year {-2**64} is too large"),
])
def test_search_usage_errors_are_one_line(cli, args: list[str], message: str,  # type: ignore[no-untyped-def]
                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused in one line, naming the option, before any index is built."""
    monkeypatch.setenv("ASP_DRAFT_CACHE", str(tmp_path / "cache"))
    assert message in one_line_error(cli(*args))
    assert not (tmp_path / "cache").exists()


def test_a_template_that_printed_other_words_each_year_is_two_wordings(
        cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    user = write_library(tmp_path / "lib", {
        "preamble/meeting.yaml":
            "id: meeting\npart: preamble\ntopic: t\nversions:\n"
            "  - adopted: [ICC-ASP/29/Res.1, ICC-ASP/30/Res.1]\n"
            "    text: \"*Noting* the meeting of {{ year }},\"\n",
        **{f"sessions/{year}.yaml":
           f"year: {year}\nsymbol: ICC-ASP/{year - 2001}/Res.1\ntitle: T\n"
           f"adopted: {year}-12-10\npreamble:\n  - meeting\n" for year in (2030, 2031)}})
    first = cli("search", "2030", "--json", "-L", str(user))
    assert first.code == 0, first.err
    assert [(h["symbol"], h["text"], h["symbols"]) for h in json.loads(first.out)] == [
        ("ICC-ASP/29/Res.1", "Noting the meeting of 2030,", ["ICC-ASP/29/Res.1"])]
    # The 2031 words were never printed in 2030: nothing to cite there, and no crash.
    before = cli("search", "2031", "--until", "2030", "--json", "-L", str(user))
    assert (before.code, json.loads(before.out)) == (0, [])


def test_piped_search_output_never_wraps_a_paragraph(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "40")  # a narrow terminal width must not reach a pipe
    result = cli("search", "court", "--limit", "3")
    assert result.code == 0, result.err
    [hit] = json.loads(cli("search", "court", "--limit", "1", "--json").out)
    lines = result.out.splitlines()
    assert lines[0].startswith("1. ") and len(lines[1]) > 40
    assert lines[1].strip().replace("**", "") == hit["text"]  # the whole paragraph, one line


@pytest.mark.parametrize("option", ["limit", "since", "until"])
def test_a_number_too_large_for_sqlite_is_a_request_error(db: sqlite3.Connection,
                                                        option: str) -> None:
    with pytest.raises(RequestError, match=f"the [a-z ]+ {2**64} is too large"):
        search(db, "court", **{option: 2**64})  # type: ignore[arg-type]


def test_a_cache_that_cannot_be_written_is_said_once(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("ASP_DRAFT_CACHE", str(blocker))
    said: list[str] = []
    connection = open_index(library_dirs(), lambda: build_record(load_library()), said.append)
    try:
        assert search(connection, "mutually reinforce")[0].label == "PP3"
    finally:
        connection.close()
    assert len(said) == 1
    assert said[0].startswith(f"{blocker}/search-") and "searching from memory" in said[0]


@pytest.mark.parametrize("mtime", ["bumped", "put back"])
@pytest.mark.parametrize("edited", ["operative/urges-wetlands.yaml",
                                    "resolutions/a-res-85-1.yaml"])
def test_a_file_edited_in_place_is_never_answered_from_the_stale_cache(
        cli, tmp_path: Path, edited: str, mtime: str) -> None:  # type: ignore[no-untyped-def]
    """A clause or resolution file rewritten in place, same size (no folder's time moves),
    its modification time bumped or even put back: the second search reads the new text."""
    import os

    lib = write_library(tmp_path / "lib", {
        "operative/urges-wetlands.yaml":
            "id: urges-wetlands\npart: operative\ntopic: wetlands\nversions:\n"
            "- text: '*Urges* States to protect the Nandor wetlands;'\n"
            "  adopted: [A/RES/85/1]\n",
        "resolutions/a-res-85-1.yaml":
            "year: 2030\nsymbol: A/RES/85/1\nadopted: 2030-12-01\noperative:\n"
            "- urges-wetlands\n- text: '*Invites* the Okavango commission to report;'\n"})
    run = ("--no-bundled", "--library", lib, "search", "--json")
    assert [h["symbol"] for h in json.loads(cli(*run, "Nandor").out)] == ["A/RES/85/1"]
    assert [h["symbol"] for h in json.loads(cli(*run, "Okavango").out)] == ["A/RES/85/1"]
    path = lib / edited
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = text.replace("Nandor", "Zambia").replace("Okavango", "Limpopo!")
    assert len(changed) == len(text) and changed != text
    with path.open("r+", encoding="utf-8") as file:  # in place: the same inode
        file.write(changed)
    if mtime == "bumped":
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    else:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_ino == before.st_ino and path.stat().st_size == before.st_size
    word = "Zambia" if edited.startswith("operative") else "Limpopo"
    gone = "Nandor" if edited.startswith("operative") else "Okavango"
    found = json.loads(cli(*run, word).out)
    assert [h["symbol"] for h in found] == ["A/RES/85/1"] and word in found[0]["text"]
    assert json.loads(cli(*run, gone).out) == []


@pytest.mark.parametrize("query", ["peace justice", "essential means", "impunity", "the"])
def test_hits_printed_to_a_pipe_are_what_rich_prints_there(db: sqlite3.Connection,
                                                            query: str) -> None:
    import io

    from rich.console import Console

    from asp_draft.cli.console_history import hits_text, print_hits

    hits = search(db, query)
    assert hits
    piped = io.StringIO()
    print_hits(Console(file=piped, highlight=False, width=60, no_color=True), hits)
    assert hits_text(hits) == piped.getvalue()
    assert "**" in hits_text(hits)


def test_a_cached_search_to_a_pipe_loads_no_rich(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    probe = ("import sys\nfrom asp_draft.cli.main import main\ntry:\n    main(sys.argv[1:])\n"
             "except SystemExit:\n    pass\nsys.stderr.write('rich' in sys.modules and 'RICH' "
             "or 'NO RICH')\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASP_DRAFT")}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    runs = [subprocess.run([sys.executable, "-c", probe, "search", "peace"], env=env,
                           capture_output=True, text=True, check=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and runs[1].stdout.startswith("1. ")
    assert runs[1].stderr.endswith("NO RICH")

