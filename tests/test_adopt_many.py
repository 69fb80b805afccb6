"""adopt of many files in one run; the library's indexes; search's cache kept sound and pruned."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml

from asp_draft.compare.history import build_record
from asp_draft.compare.search import KEEP_CACHES, open_index, search
from asp_draft.folders import library_dirs
from asp_draft.library.adopt import MatchIndex
from asp_draft.library.adopt_batch import Run, read_all
from asp_draft.library.assemble import assemble
from asp_draft.library.load import load_held, load_layers, load_library
from asp_draft.library.rolling import roll
from asp_draft.readers.text import read_text_file
from tests.conftest import Result, one_line_error

SHARED = ("*Recalling* the Nandor Convention on the protection of migratory wetlands and the "
          "work of its secretariat in Geneva,")


def resolution(symbol: str, adopted: str | None, *paragraphs: str, title: str = "Wetlands"
               ) -> str:
    """A plain-text resolution with its metadata lines (adopted left out when None)."""
    head = [f"# symbol: {symbol}", f"# title: {title}"]
    if adopted:
        head.append(f"# adopted: {adopted}")
    return "\n\n".join(["\n".join(head), "The General Assembly,", *paragraphs]) + "\n"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


FIRST = resolution("A/RES/90/1", "2035-12-01", SHARED.replace("*", ""),
                   "1. Requests the Secretary-General to report on the Nandor wetlands at the "
                   "ninety-first session;")
SECOND = resolution("A/RES/91/1", "2036-12-01", SHARED.replace("*", ""),
                    "1. Invites the secretariat of the Nandor Convention to hold a meeting of "
                    "experts on coastal marshes in Lusaka;")
THIRD = resolution("A/RES/91/2", "2036-12-05", "Welcoming the first report of the "
                   "Okavango basin commission on the seasonal flood plains,",
                   "1. Encourages riparian States to share hydrological data with the "
                   "Okavango basin commission;", title="Flood plains")


def adopt(cli, *args: str) -> Result:  # type: ignore[no-untyped-def]
    """`asp-draft --no-bundled adopt ARGS`."""
    return cli("--no-bundled", "adopt", *args)  # type: ignore[no-any-return]


def clause_citing(lib: Path, words: str) -> dict[str, object]:
    """The clause file whose text holds `words`."""
    for path in sorted(lib.glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.parent.name in ("preamble", "operative") and \
                any(words in v["text"] for v in data["versions"]):
            return dict(data)
    raise AssertionError(f"no clause holds {words!r}")


# --- many files, in order ------------------------------------------------------------------

def test_files_are_adopted_in_the_order_given_each_matching_the_ones_before(
        cli, tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    files = [write(texts, "b.txt", FIRST), write(texts, "a.txt", SECOND)]
    lib = tmp_path / "lib"
    result = adopt(cli, *map(str, files), "--into", str(lib))
    assert result.code == 0, result.err
    assert result.err.splitlines()[-1] == (
        f"asp-draft: recorded 2 of 2 resolution(s) in {lib} (2 new; 6 file(s) written)")
    # the second file found the paragraph the first had just recorded: one clause, two symbols
    shared = clause_citing(lib, "Nandor Convention on the protection")
    assert shared["versions"] == [{"adopted": ["A/RES/90/1", "A/RES/91/1"],
                                   "text": SHARED}]
    shown = cli("--no-bundled", "--library", str(lib), "show", "A/RES/91/1")
    assert shown.code == 0 and "hold a meeting of experts on coastal marshes" in shown.out


def test_a_folder_is_adopted_by_adoption_date_then_name(cli, tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    write(texts, "1-latest.txt", THIRD)
    write(texts, "2-second.txt", SECOND)
    write(texts, "3-first.txt", FIRST)
    write(texts, "notes.csv", "not a resolution")  # not a format adopt reads: left alone
    result = adopt(cli, str(texts), "--into", str(tmp_path / "lib"), "--json")
    assert result.code == 0, result.err
    found = json.loads(result.out)
    assert [(Path(o["file"]).name, o["symbol"], o["status"]) for o in found] == [
        ("3-first.txt", "A/RES/90/1", "new"), ("2-second.txt", "A/RES/91/1", "new"),
        ("1-latest.txt", "A/RES/91/2", "new")]
    assert [p["match"] for p in found[1]["paragraphs"]] == ["same", "clause"]


def test_a_failing_file_is_listed_and_the_others_are_still_adopted(cli, tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    bad = write(texts, "bare.txt", "The General Assembly,\n\nRecalling the Convention,\n")
    good = [write(texts, "first.txt", FIRST), write(texts, "third.txt", THIRD)]
    lib = tmp_path / "lib"
    result = adopt(cli, str(good[0]), str(bad), str(good[1]), "--into", str(lib))
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines[-2] == (f"asp-draft: recorded 2 of 3 resolution(s) in {lib} (2 new; 6 file(s) "
                         "written); 1 failed:")
    # everything the file lacks, in one message, pointing at what can be done with several
    assert lines[-1] == (f"asp-draft: error: {bad}: the file does not say its symbol, when it "
                         "was adopted or its title; add them to the file, or adopt the file "
                         "alone to give them")
    assert "Traceback" not in result.err
    held = load_layers([lib])
    assert sorted(held.resolutions) == ["A/RES/90/1", "A/RES/91/2"]


def test_json_gives_one_object_per_file_errors_included(cli, tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    files = [write(texts, "first.txt", FIRST),
             write(texts, "undated.txt", resolution("A/RES/91/9", None, "Noting the report,"))]
    result = adopt(cli, *map(str, files), "--into", str(tmp_path / "lib"), "--json",
                   "--dry-run")
    assert result.code == 2
    first, undated = json.loads(result.out)
    assert first["file"] == str(files[0]) and first["dry_run"] is True
    assert [f["action"] for f in first["files"]] == ["create"] * 3
    assert undated == {"file": str(files[1]), "error": f"{files[1]}: the file does not say when "
                       "it was adopted; add it to the file, or adopt the file alone to give "
                       "it"}
    assert not (tmp_path / "lib").exists()  # a dry run writes nothing


def test_the_options_of_one_file_are_refused_with_several(cli, tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    files = [str(write(texts, "first.txt", FIRST)), str(write(texts, "second.txt", SECOND))]
    line = one_line_error(adopt(cli, *files, "--into", str(tmp_path / "lib"), "--symbol",
                                "A/RES/1/1", "--year", "2035"))
    assert line == ("asp-draft: error: --symbol, --year describe(s) one file; with several "
                    "files each file must say its own (adopt it alone to give them)")
    one_line_error(adopt(cli, str(texts), "--into", str(tmp_path / "lib"), "--adopted",
                         "2035-01-01"))
    assert not (tmp_path / "lib").exists()


def test_a_run_keeps_the_same_index_a_fresh_load_builds(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    for name, text in (("a.txt", FIRST), ("b.txt", SECOND), ("c.txt", THIRD)):
        write(texts, name, text)
    lib = tmp_path / "lib"
    run = Run([], lib, dry_run=False)
    outcomes = [run.adopt(s, several=True)
                for s in read_all([str(texts)], lambda n: read_text_file(Path(n)))]
    assert [o.error for o in outcomes] == [None, None, None]
    kept, index = run._current()
    fresh = MatchIndex.of(load_library([lib]))
    assert sorted(kept.clauses) == sorted(fresh.indexed)
    assert _tables(index) == _tables(fresh)


def test_a_template_clause_a_correction_drops_is_no_longer_matched(cli, tmp_path: Path) -> None:
    """A run whose first file takes the only use of a template clause away goes on with the
    next (the index forgot the clause's templates with the clause), dry run or not."""
    meeting = "2. Decides to meet again in the year 2035 at Geneva;"
    lib = tmp_path / "lib"
    adopted = write(tmp_path, "first.txt", FIRST + "\n" + meeting + "\n")
    assert adopt(cli, str(adopted), "--into", str(lib)).code == 0
    clause = lib / "operative" / "decides-meet-again.yaml"
    clause.write_text(clause.read_text(encoding="utf-8").replace("2035", "{{ year }}"),
                      encoding="utf-8")
    texts = tmp_path / "texts"
    corrected = write(texts, "a.txt", FIRST)  # without the meeting: the clause goes
    other = write(texts, "b.txt", THIRD)
    for dry in (["--dry-run"], []):
        result = adopt(cli, str(corrected), str(other), "--into", str(lib), *dry)
        assert result.code == 0, result.err
    assert not clause.exists()


def test_a_run_leaves_the_bundled_library_out_when_told(tmp_path: Path) -> None:
    """--no-bundled reaches the run as a parameter, not through the environment."""
    from asp_draft.folders import bundled_path

    lib = tmp_path / "lib"
    lib.mkdir()
    assert bundled_path() in Run([], lib, dry_run=True)._current()[0].roots
    assert Run([], lib, dry_run=True, bundled=False)._current()[0].roots == [lib]


def _tables(index: MatchIndex) -> tuple[object, ...]:
    def rows(table: dict[tuple[str, str], list[object]]) -> dict[tuple[str, str], list[object]]:
        return {k: [(c.order, c.template) for c in v] for k, v in table.items()}  # type: ignore[attr-defined]

    similar = sorted((c.order, tuple(w)) for w, c in index.similar.values())
    runs = {r: len(ids) for r, ids in index.runs.items() if ids}
    return rows(index.exact), rows(index.words), similar, runs  # type: ignore[arg-type]


# --- the unknown-symbol message stays short --------------------------------------------------

def test_an_unknown_symbol_names_the_count_and_a_few_close_ones(cli, tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    for n in range(1, 16):
        write(texts, f"r{n:02d}.txt", resolution(
            f"A/RES/92/{n}", f"2037-11-{n:02d}", f"Noting the report number {n} of the "
            f"Nandor secretariat on wetland {n * 7},", title=f"Wetlands {n}"))
    lib = tmp_path / "lib"
    assert adopt(cli, str(texts), "--into", str(lib)).code == 0
    line = one_line_error(cli("--no-bundled", "--library", str(lib), "show", "A/RES/92/99"))
    assert line.startswith("asp-draft: error: no adopted resolution with symbol 'A/RES/92/99' "
                           "(15 held; the closest: A/RES/92/")
    assert len(line) < 200


# --- search's cache --------------------------------------------------------------------------

def _hits(word: str) -> list[str | None]:
    connection = open_index(library_dirs(), lambda: build_record(load_library()))
    try:
        return [h.symbol for h in search(connection, word)]
    finally:
        connection.close()


def test_a_cache_that_still_counts_its_rows_but_lost_its_index_is_rebuilt(
        tmp_path: Path) -> None:
    expected = _hits('"mutually reinforce"')
    [cached] = (tmp_path / ".cache").glob("search-*.sqlite")
    damaged = sqlite3.connect(cached)
    damaged.execute("DROP TABLE wording")  # the full-text index gone, the rows still there
    damaged.commit()
    assert damaged.execute("SELECT count(*) FROM printing").fetchone()[0] > 0
    damaged.close()
    assert _hits('"mutually reinforce"') == expected != []
    sound = sqlite3.connect(cached)
    assert sound.execute("SELECT count(*) FROM wording").fetchone()[0] > 0
    sound.close()


def test_a_libraries_older_caches_are_pruned_to_the_newest_few(tmp_path: Path) -> None:
    _hits("court")
    [built] = (tmp_path / ".cache").glob("search-*.sqlite")
    key = built.name.split("-")[1]
    older = []
    for n in range(KEEP_CACHES + 2):
        stale = built.with_name(f"search-{key}-{n:024d}.sqlite")
        stale.write_bytes(b"an older state of the library")
        os.utime(stale, ns=(n * 10**9, n * 10**9))
        older.append(stale)
    other = built.with_name(f"search-{'f' * 12}-{'0' * 24}.sqlite")  # another library's
    other.write_bytes(b"kept")
    built.unlink()  # the library's state now has no cache: the next search builds one
    _hits("court")
    left = sorted(p.name for p in (tmp_path / ".cache").glob(f"search-{key}-*.sqlite"))
    assert len(left) == KEEP_CACHES
    assert built.name in left and older[-1].name in left and older[-2].name in left
    assert other.exists()


@pytest.mark.parametrize("damage", [b"", b"SQLite format 3\x00" + b"\x00" * 100])
def test_a_truncated_cache_is_rebuilt(tmp_path: Path, damage: bytes) -> None:
    expected = _hits("peace")
    [cached] = (tmp_path / ".cache").glob("search-*.sqlite")
    cached.write_bytes(damage)
    assert _hits("peace") == expected != []


# --- one held resolution, read without the rest of the library --------------------------------

def test_a_resolution_read_alone_shows_and_rolls_as_in_the_whole_library(
        cli, tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    for name, text in (("a.txt", FIRST), ("b.txt", SECOND), ("c.txt", THIRD)):
        write(texts, name, text)
    lib = tmp_path / "lib"
    assert adopt(cli, str(texts), "--into", str(lib)).code == 0
    whole = load_library([lib])
    for symbol in ("A/RES/90/1", "A/RES/91/1", "a/res/91/2"):
        alone = load_held([lib], symbol)
        assert alone is not None and len(alone.resolutions) == 1
        spec = alone.find_symbol(symbol)
        assert spec is not None
        assert assemble(spec, alone) == assemble(whole.session_by_symbol(symbol), whole)
        # the shared clause's versions know the year of the other symbol citing it
        assert roll(alone, 2040, ref=symbol).text == roll(whole, 2040, ref=symbol).text
    assert load_held([lib], "A/RES/99/1") is None  # not held: the whole library says so


def test_blame_of_a_held_symbol_reads_its_files_once(cli, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """show, then blame's check that the document is the held printing, share one reading."""
    import asp_draft.library.load as library_module

    texts = tmp_path / "texts"
    for name, text in (("a.txt", FIRST), ("b.txt", SECOND)):
        write(texts, name, text)
    lib = tmp_path / "lib"
    assert adopt(cli, str(texts), "--into", str(lib)).code == 0
    calls: list[str] = []
    real = library_module.load_held

    def counted(extra: Any, symbol: str, **given: Any) -> Any:
        calls.append(symbol)
        return real(extra, symbol, **given)

    monkeypatch.setattr(library_module, "load_held", counted)
    result = cli("--no-bundled", "--library", str(lib), "blame", "A/RES/91/1", "--json")
    assert result.code == 0, result.err
    assert [b["since"] for b in json.loads(result.out)] != []
    assert calls == ["A/RES/91/1"]


@pytest.mark.parametrize("quoted", [False, True])
def test_a_library_read_in_part_finds_a_clause_s_printings_in_the_record_s_order(
        cli, tmp_path: Path, quoted: bool) -> None:
    """citing, read lazily in the order the files' year and symbol lines tell (or parsed
    first where a line is not plain), gives what the whole library gives, in its order."""
    texts = tmp_path / "texts"
    for name, text in (("a.txt", FIRST), ("b.txt", SECOND), ("c.txt", THIRD)):
        write(texts, name, text)
    lib = tmp_path / "lib"
    assert adopt(cli, str(texts), "--into", str(lib)).code == 0
    if quoted:  # a symbol line YAML must interpret: its order is read from the parsed file
        path = sorted((lib / "resolutions").glob("*.yaml"))[0]
        text = path.read_text(encoding="utf-8")
        symbol = next(line for line in text.splitlines() if line.startswith("symbol: "))
        path.write_text(text.replace(symbol, f"symbol: '{symbol[8:]}'"), encoding="utf-8")
    whole = load_library([lib])
    for symbol in ("A/RES/90/1", "A/RES/91/1", "A/RES/91/2"):
        part = load_held([lib], symbol)
        assert part is not None
        for clause_id in sorted(whole.clauses):
            got = [s.meta["symbol"] for s in part.citing(clause_id)]
            assert got == [s.meta["symbol"] for s in whole.citing(clause_id)], clause_id

