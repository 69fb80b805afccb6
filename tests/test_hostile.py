"""Hostile libraries and a hostile machine: every bomb refused in time, every failure one line.

Each row of a table asserts the exit code, one error line naming the file, that nothing was
written or lost and, for the template bombs, a time bound.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asp_draft import output
from asp_draft.errors import OutputError, TemplateError
from asp_draft.library.templating import render
from tests.conftest import one_line_error
from tests.library_files import write_library

WHERE = "clause bomb, version 2019"

# Each kind of bomb: numbers, strings, sequences, recursion, loops, output, and the ways
# around them (padding, joining, replacing, formatting, methods, nested lists).
BOMBS = [
    ("power", "{{ 7**99999999 % 10 }}"),
    ("big power", "{{ 2**100000 }}"),
    ("power of a power", "{{ (2**900)**2 }}"),
    ("product of numbers", "{{ " + "9" * 200 + " * " + "9" * 200 + " }}"),
    ("string times", "{{ 'x' * 10**9 }}"),
    ("list times", "{{ [1, 2] * 10**9 }}"),
    ("nested list times", "{{ [[1] * 10000] * 10000 }}"),
    ("range", "{{ range(10**8) | list | length }}"),
    ("recursive macro", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"),
    ("doubling macro",
     "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(30) }}"),
    ("nested loops",
     "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"),
    ("recursive loop", "{% for x in range(100) recursive %}{{ loop(range(100)) }}{% endfor %}"),
    ("long paragraph", "{% for i in range(9000) %}{{ 'x' * 100 }}{% endfor %}"),
    ("macro writing", "{% macro m() %}{% for i in range(5000) %}{{ 'y' * 500 }}{% endfor %}"
                      "{% endmacro %}{{ m() | length }}"),
    ("concatenation", "{{ ('x' * 90000) ~ ('y' * 90000) }}"),
    ("join", "{% set a = 'x' * 50000 %}{{ [a, a, a] | join }}"),
    ("center filter", "{{ 'abc' | center(10**9) }}"),
    ("indent filter", "{{ ('x\n' * 30000) | indent('y' * 1000) }}"),
    ("replace filter", "{{ ('a' * 300) | replace('', 'b' * 1000) }}"),
    ("batch filter", "{{ ['x'] | batch(10**9, 'y') | list }}"),
    ("map and join", "{{ range(10) | map('center', 99999) | join }}"),
    ("printf width", "{{ '%0999999999d' % 1 }}"),
    ("printf star", "{{ '%*d' % (999999999, 1) }}"),
    ("format filter", "{{ '%0999999999d' | format(1) }}"),
    ("str.format", "{{ '{:>999999999}'.format(1) }}"),
    ("padding method", "{{ 'x'.center(10**9) }}"),
    ("int method", "{{ (5).to_bytes(10**9) }}"),
    ("list doubling", "{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) }}{% endfor %}"),
    ("huge literal", "{{ " + "9" * 5000 + " }}"),
    ("deep brackets", "{{ " + "[" * 2000 + "]" * 2000 + " }}"),
]


def render_in_time(template: str, seconds: float) -> tuple[BaseException | str | None, float]:
    """Render in a thread, so a bomb that is not refused fails the test instead of hanging it."""
    outcome: list[BaseException | str] = []

    def run() -> None:
        try:
            outcome.append(render(template, {"year": 2019, "session": 18}, where=WHERE,
                                  source="lib/preamble/bomb.yaml"))
        except BaseException as e:
            outcome.append(e)

    start = time.monotonic()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    elapsed = time.monotonic() - start
    assert not worker.is_alive(), f"still rendering after {seconds} s"
    return (outcome[0] if outcome else None), elapsed


@pytest.mark.parametrize(("kind", "template"), BOMBS, ids=[k for k, _ in BOMBS])
def test_a_template_bomb_is_refused_within_a_second(kind: str, template: str) -> None:
    result, elapsed = render_in_time(template, 5.0)
    assert isinstance(result, TemplateError), (kind, result)
    message = str(result)
    assert "\n" not in message
    assert message.startswith(f"lib/preamble/bomb.yaml: {WHERE}: "), message
    assert elapsed < 1.0, (kind, elapsed)


@pytest.mark.parametrize(("template", "expected"), [
    ("{% for i in range(3) %}{{ i }}{% endfor %}", "012"),
    ("{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(1) }}{{ m(2) }}", "[1][2]"),
    ("{{ 'a b c' | replace(' ', '-') }}", "a-b-c"),
    ("{{ ['x', 'y'] | join(', ') }}", "x, y"),
    ("{{ 'ab' * 3 }} {{ 2**10 }} {{ 7 // 2 }} {{ '%03d' % 7 }}", "ababab 1024 3 007"),
    ("{{ session | ordinal_word }} {{ 'Court' ~ 's' }} {{ 'x'.upper() }}", "eighteenth Courts X"),
    ("{{ 'word' | center(10) | trim }} {{ [3, 1, 2] | sort | first }}", "word 1"),
])
def test_ordinary_templates_still_render(template: str, expected: str) -> None:
    assert render(template, {"year": 2019, "session": 18}, where=WHERE) == expected


# -- a hostile clause in a shared library ---------------------------------------------------

def bomb_library(root: Path, template: str = "{{ 7**99999999 % 10 }}") -> Path:
    """A library layer holding one hostile clause, adopted (in 2019) and proposed, between
    two sound clauses adopted in the same resolution (a held resolution shows only the
    versions that list its symbol)."""
    clauses = {"peace": "*Convinced also* that justice and peace mutually reinforce each other,",
               "bomb": f"*Recalling* {template},",
               "protect": "*Recalling also* the responsibility to protect,"}
    return write_library(root, {
        **{f"preamble/{name}.yaml":
           f"id: {name}\npart: preamble\ntopic: {name.title()}\nversions:\n"
           f"  - adopted: [ICC-ASP/18/Res.6]\n    text: \"{text}\"\n"
           for name, text in clauses.items()},
        "sessions/2019.yaml":
            "year: 2019\nsymbol: ICC-ASP/18/Res.6\nadopted: 2019-12-06\n"
            "preamble:\n  - peace\n  - bomb\n  - protect\n"})


def test_a_hostile_clause_does_not_take_down_search(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lib = bomb_library(tmp_path / "lib")
    start = time.monotonic()
    result = cli("--library", lib, "search", "mutually reinforce", "--json")
    assert time.monotonic() - start < 5
    assert result.code == 0, result.err
    warnings = [line for line in result.err.splitlines() if "warning" in line]
    assert len(warnings) == 1, result.err
    assert "bomb.yaml" in warnings[0] and "clause bomb, version 2019" in warnings[0]
    assert "left out of the record" in warnings[0]
    assert '"ICC-ASP/18/Res.6"' in result.out  # the session's other paragraphs are searched


def test_a_hostile_clause_does_not_take_down_blame_or_clauses(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lib = bomb_library(tmp_path / "lib")
    result = cli("--library", lib, "blame", "2017", "--json")
    assert result.code == 0, result.err
    assert sum("warning" in line for line in result.err.splitlines()) == 1
    assert cli("--library", lib, "clauses").code == 0


@pytest.mark.parametrize("command", [("show", "2019"), ("build", "2019", "-o", "out.txt")])
def test_a_command_using_the_hostile_clause_fails_in_one_line(  # type: ignore[no-untyped-def]
        cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]) -> None:
    lib = bomb_library(tmp_path / "lib")
    monkeypatch.chdir(tmp_path)
    start = time.monotonic()
    line = one_line_error(cli("--library", lib, *command))
    assert time.monotonic() - start < 5
    assert "bomb.yaml" in line and WHERE in line and "limit" in line
    assert not (tmp_path / "out.txt").exists()


# -- the machine says no --------------------------------------------------------------------

class FullDisk:
    """A file that takes nothing: every write says the disk is full."""

    def __init__(self, fd: int, *args: Any, **kwargs: Any) -> None:
        self.fd = fd

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def fileno(self) -> int:
        return self.fd

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def full_disk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(os, "fdopen", FullDisk)  # only the output writer opens this way


def unwritable_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The tests may run as root, whom a chmod does not stop: the system's answer is simulated.
    def refuse(path: Path) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path.parent))

    monkeypatch.setattr(output, "_temporary", refuse)


def nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No change to the machine."""


Setup = Callable[[pytest.MonkeyPatch, Path], None]
MACHINE: list[tuple[str, Setup, list[str], str, str]] = [
    # (case, setup, arguments with OUT for the output, the file named, the cause)
    ("folder cannot be written", unwritable_folder, ["build", "SPEC", "-o", "OUT/new.txt"],
     "new.txt", "Permission denied"),
    ("full disk, new file", full_disk, ["build", "SPEC", "-o", "OUT/new.txt"],
     "new.txt", "No space left on device"),
    ("full disk, replacing", full_disk, ["build", "SPEC", "-o", "OUT/kept.txt", "--force"],
     "kept.txt", "No space left on device"),
    ("name too long", nothing, ["build", "SPEC", "-o", "OUT/" + "n" * 300 + ".txt"],
     "nnnn.txt", "too long"),
    ("folder given as the output", nothing, ["build", "SPEC", "-o", "OUT/folder.txt"],
     "folder.txt", "is a folder"),
    ("file given as a folder", nothing, ["build", "SPEC", "-o", "OUT/kept.txt/new.txt"],
     "kept.txt/new.txt", "is a file, not a folder"),
    ("folder given as the input", nothing, ["show", "OUT/folder.txt"],
     "folder.txt", "folder"),
    ("output exists", nothing, ["build", "SPEC", "-o", "OUT/kept.txt"],
     "kept.txt", "already exists"),
    ("limit too large for SQLite", nothing, ["search", "court", "--limit", str(2**64)],
     "--limit", "too large"),
    ("since too large for SQLite", nothing, ["search", "court", "--since", str(2**64)],
     "--since", "too large"),
]


@pytest.mark.parametrize(("case", "setup", "args", "named", "cause"), MACHINE,
                         ids=[c[0] for c in MACHINE])
def test_the_machine_says_no_in_one_line(  # type: ignore[no-untyped-def]
        cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, setup: Setup,
        args: list[str], named: str, cause: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "kept.txt").write_text("the previous file\n", encoding="utf-8")
    (out / "folder.txt").mkdir()
    spec = tmp_path / "draft.yaml"  # a draft: an adopted year would add a note on stderr
    spec.write_text("year: 2019\npreamble:\n  - justice-and-peace\n", encoding="utf-8")
    before = sorted(p.name for p in out.iterdir())
    setup(monkeypatch, tmp_path)
    line = one_line_error(cli(*[a.replace("OUT", str(out)).replace("SPEC", str(spec))
                                for a in args]))
    assert named in line and cause in line, line
    assert "internal error" not in line
    assert sorted(p.name for p in out.iterdir()) == before  # no temporary file left
    assert (out / "kept.txt").read_text(encoding="utf-8") == "the previous file\n"


def test_a_closed_standard_input_is_one_line(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "stdin", None)
    line = one_line_error(cli("show", "-"))
    assert "<stdin>" in line and "closed" in line


def test_a_full_standard_output_is_one_line(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    env = {**os.environ, "ASP_DRAFT_CACHE": str(tmp_path / "cache")}
    with open("/dev/full", "w") as full:
        run = subprocess.run([sys.executable, "-m", "asp_draft", "show", "2017"], stdout=full,
                             stderr=subprocess.PIPE, text=True, env=env, timeout=60,
                             check=False)
    errors = [line for line in run.stderr.splitlines() if "error" in line]
    assert run.returncode == 2, run.stderr
    assert errors == ["asp-draft: error: <stdout>: cannot write: No space left on device"]
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr


def test_search_works_when_the_cache_path_is_a_folder(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("ASP_DRAFT_CACHE", str(cache))
    assert cli("search", "court").code == 0
    (index,) = cache.iterdir()
    index.unlink()
    index.mkdir()  # where the index file should be, a folder
    result = cli("search", "court", "--json")
    assert result.code == 0, result.err
    assert result.out.startswith("[")
    assert f"{index}: cannot write the search cache (Is a directory); searching from memory" \
        in result.err


def test_search_works_when_the_cache_is_a_file(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    cache.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ASP_DRAFT_CACHE", str(cache))
    result = cli("search", "court")
    assert result.code == 0, result.err
    assert "is a file, not a folder); searching from memory" in result.err
    assert cache.read_text(encoding="utf-8") == "not a folder"


def test_search_on_a_full_disk_builds_its_index_in_memory(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from asp_draft.compare import search as search_module
    real = search_module._fill

    def fill(db: sqlite3.Connection, record: Any, *rest: Any) -> None:
        if db.execute("PRAGMA database_list").fetchone()[2]:  # a file, not :memory:
            raise sqlite3.OperationalError("database or disk is full")
        real(db, record, *rest)

    monkeypatch.setattr(search_module, "_fill", fill)
    result = cli("search", "court", "--json")
    assert result.code == 0, result.err
    assert "database or disk is full); searching from memory" in result.err
    assert not [p for p in (tmp_path / ".cache").iterdir() if p.suffix == ".tmp"]


def test_no_cache_folder_under_a_home_that_does_not_exist(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "gone"
    monkeypatch.delenv("ASP_DRAFT_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    result = cli("search", "court")
    assert result.code == 0, result.err
    assert not home.exists()
    assert "searching from memory" in result.err


# -- no race --------------------------------------------------------------------------------

def race(path: Path, *, force: bool, writers: int = 8) -> list[str | BaseException]:
    """`writers` threads writing `path` at once, each its own 2 MB; what each one got."""
    start = threading.Barrier(writers)
    results: list[str | BaseException] = [""] * writers

    def write(i: int) -> None:
        start.wait()
        try:
            output.write_atomic(path, str(i) * 2_000_000, force=force)
            results[i] = "wrote"
        except OutputError as e:
            results[i] = e

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_of_eight_writers_of_a_new_file_exactly_one_wins(tmp_path: Path) -> None:
    out = tmp_path / "same.docx"
    results = race(out, force=False)
    winners = [i for i, r in enumerate(results) if r == "wrote"]
    assert len(winners) == 1, results
    assert all("already exists" in str(r) for r in results if r != "wrote")
    assert out.read_text(encoding="utf-8") == str(winners[0]) * 2_000_000
    assert [p.name for p in tmp_path.iterdir()] == ["same.docx"]


def test_eight_writers_with_force_each_replace_the_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "same.docx"
    out.write_text("old", encoding="utf-8")
    assert race(out, force=True) == ["wrote"] * 8
    text = out.read_text(encoding="utf-8")
    assert len(text) == 2_000_000 and len(set(text)) == 1  # one writer's file, not a mix
    assert [p.name for p in tmp_path.iterdir()] == ["same.docx"]


def test_eight_build_processes_of_a_new_file(tmp_path: Path) -> None:
    env = {**os.environ, "ASP_DRAFT_CACHE": str(tmp_path / "cache"), "NO_COLOR": "1"}
    out = tmp_path / "same.txt"
    runs = [subprocess.Popen([sys.executable, "-m", "asp_draft", "build", "2017", "-o", str(out)],
                             stderr=subprocess.PIPE, text=True, env=env) for _ in range(8)]
    codes, errs = zip(*((p.wait(120), p.communicate()[1]) for p in runs), strict=True)
    assert sorted(codes) == [0] + [2] * 7, errs
    assert sum("already exists" in e for e in errs) == 7
    assert "# symbol: ICC-ASP/16/Res.6\n" in out.read_text(encoding="utf-8")


_VML_BOX = ('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="position:'
            'absolute;margin-left:{x}pt;margin-top:{y}pt;width:200pt;height:12pt"><v:textbox>'
            '<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox>'
            '</v:shape></w:pict></w:r></w:p>')


@pytest.mark.parametrize("place", ["1..5", "9" * 400, "-"])
def test_a_text_box_placed_by_no_number_is_left_out(cli, tmp_path: Path, place: str) -> None:  # type: ignore[no-untyped-def]
    """A Word file converted from a PDF whose VML box gives a place that is no number (or
    one too large for a page): that box places nothing, the others are read."""
    from tests.docx_helpers import make_docx

    body = "".join(_VML_BOX.format(x=x, y=y, text=text) for x, y, text in [
        ("72", "72", "The General Assembly,"), (place, "96", "2. Hidden;"),
        ("72", "120", "1. Decides to act;")])
    result = cli("show", str(make_docx(tmp_path / "boxes.docx", body)))
    assert result.code == 0, result.err
    assert "1. Decides to act;" in result.out and "Hidden" not in result.out


def test_a_link_raised_by_no_number_is_no_note_mark(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A Word file made from HTML whose link to a later paragraph is 'raised' by a position
    that is no number int() reads (`²`): not a note's mark, and no internal error."""
    from tests.docx_helpers import make_docx

    body = ('<w:p><w:r><w:t>The General Assembly,</w:t></w:r></w:p>'
            '<w:p><w:r><w:t xml:space="preserve">1. Decides to act, as said </w:t></w:r>'
            '<w:hyperlink w:anchor="n1"><w:r><w:rPr><w:position w:val="\u00b2"/></w:rPr>'
            '<w:t>1</w:t></w:r></w:hyperlink><w:r><w:t>;</w:t></w:r></w:p>'
            '<w:p><w:bookmarkStart w:id="0" w:name="n1"/><w:r><w:t>2. Decides also to stay;</w:t>'
            '</w:r><w:bookmarkEnd w:id="0"/></w:p>')
    result = cli("show", str(make_docx(tmp_path / "linked.docx", body)))
    assert result.code == 0, result.err
    assert "2. Decides also to stay;" in result.out and "footnote" not in result.err
