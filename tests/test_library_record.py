"""The library never lies: adopt is one transaction (locked, all or nothing, finished by the
next run after a kill), symbols never share a file, and a held resolution shows only what it
adopted.

Adopts run as real processes: several at once into one folder, stopped at each named point
of the write (ASP_DRAFT_TEST_STOP_AT) and killed there, or made to fail partway by a folder
put where a file goes. Afterwards every symbol shows exactly its adopted text or is not held.
"""

from __future__ import annotations

import errno
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asp_draft.library import journal
from asp_draft.library.journal import STATE, Change, commit, locked, recover, settled
from asp_draft.library.load import symbol_slug
from asp_draft.library.symbol_files import resolution_path, same_symbol, slug, stems, unique_stem
from asp_draft.refs import Resolver
from tests.conftest import ROOT, Result, one_line_error
from tests.library_files import write_library

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="POSIX signals")

COMMON = ("Recalling that cooperation with the Court is an obligation of every State Party "
          "under Part 9 of the Rome Statute,")
_SUBJECTS = [
    "the protection of witnesses appearing before the chambers",
    "the arrears of contributions owed by several States",
    "the premises of the Court and their long-term maintenance",
    "the recruitment of staff from under-represented regions",
    "the enforcement of sentences in national prisons",
    "the legal aid system for indigent defendants",
    "the archives of the Registry and their preservation",
    "the outreach programme in situation countries",
    "the reparations ordered for victims of crimes",
    "the election of judges and the nomination procedure",
]


def made_up(n: int, *, version: int = 1, symbol: str | None = None) -> str:
    """A made-up resolution: a paragraph every one shares (one clause they all cite), two of
    its own; a later `version` (a corrected copy) rewrites one, drops one and adds one."""
    own = _SUBJECTS[n % len(_SUBJECTS)]
    other = _SUBJECTS[(n + 3) % len(_SUBJECTS)]
    preamble = [COMMON, f"Mindful of the report on {own}, submitted in resolution {n},"]
    operative = [f"Requests the Registrar to report on {other}, as resolution {n} asks;"]
    if version == 1:
        operative.append(f"Decides to keep {own} under review until resolution {n} ends;")
    else:
        preamble[1] = f"Mindful of the revised report on {own}, submitted in resolution {n},"
        operative.append(f"Invites the Bureau to consult widely on {other} for resolution {n};")
    head = (f"# symbol: {symbol or f'A/RES/90/{n}'}\n# title: Made-up resolution {n}\n"
            f"# year: 2035\n# adopted: 2035-12-{n % 28 + 1:02d}\n")
    paragraphs = [*preamble, *(f"{i}. {p}" for i, p in enumerate(operative, 1))]
    return "\n\n".join([head, "The Assembly of States Parties,", *paragraphs]) + "\n"


def write(folder: Path, name: str, text: str) -> Path:
    """The text as a .txt file in `folder`."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASP_DRAFT_")}
    env.update({"NO_COLOR": "1", "COLUMNS": "200", "ASP_DRAFT_NO_BUNDLED": "1"})
    return env


def adopt_command(source: Path, lib: Path) -> list[str]:
    """`asp-draft adopt SOURCE --into LIB` as a process of its own, without the bundled
    library (made-up texts need none)."""
    return [sys.executable, "-m", "asp_draft", "--no-bundled", "adopt", str(source),
            "--into", str(lib)]


def adopt(source: Path, lib: Path) -> Result:
    """Run one adopt to its end in a process of its own."""
    done = subprocess.run(adopt_command(source, lib), env=_env(), cwd=ROOT, text=True,
                          capture_output=True, timeout=120, check=False)
    return Result(done.returncode, done.stdout, done.stderr)


def body(shown: str) -> str:
    """A shown document without its metadata lines."""
    return "\n".join(line for line in shown.splitlines() if not line.startswith("# "))


def assert_record(cli, lib: Path, held: dict[str, Path | None]) -> None:  # type: ignore[no-untyped-def]
    """Each symbol shows exactly the paragraphs of its file, or (None) is not held."""
    for symbol, source in held.items():
        shown = cli("--no-bundled", "--library", str(lib), "show", symbol)
        if source is None:
            assert "no adopted resolution with symbol" in one_line_error(shown), symbol
            continue
        assert shown.code == 0, shown.err
        assert body(shown.out) == body(cli("--no-bundled", "show", str(source)).out), symbol
    assert sorted(p.name for p in (lib / STATE).iterdir()) == ["adopt.lock", "apply.lock"]


def library_files(lib: Path) -> dict[str, bytes]:
    """Every file of a library folder (its machinery aside) and its bytes."""
    return {p.relative_to(lib).as_posix(): p.read_bytes() for p in sorted(lib.rglob("*"))
            if p.is_file() and STATE not in p.relative_to(lib).parts}


# --- stopping a real adopt at a named point ---------------------------------------------------

class Stopped:
    """An adopt run in its own process that stops itself at named points."""

    def __init__(self, source: Path, lib: Path, points: str) -> None:
        env = {**_env(), journal.STOP_ENV: points}
        self.process = subprocess.Popen(adopt_command(source, lib), env=env, cwd=ROOT,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.err: list[str] = []

    def wait_for(self, point: str, timeout: float = 120) -> None:
        """Read stderr until the process says it stopped at `point`."""
        assert self.process.stderr is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.process.stderr], [], [], 1)
            if not ready:
                continue
            line = self.process.stderr.readline().decode("utf-8", "replace")
            if not line:
                raise AssertionError(f"ended before {point}: {''.join(self.err)}")
            self.err.append(line)
            if line.startswith(f"asp-draft: test: stopped at {point} "):
                # it has said so; wait until it has stopped, or a SIGCONT could come first
                _, status = os.waitpid(self.process.pid, os.WUNTRACED)
                assert os.WIFSTOPPED(status), status
                return
        raise AssertionError(f"never reached {point}: {''.join(self.err)}")

    def kill(self) -> None:
        """kill -9, as a crash would."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def go_on(self) -> Result:
        """Let it run to its end."""
        self.process.send_signal(signal.SIGCONT)
        rest = self.process.communicate(timeout=120)[1].decode("utf-8", "replace")
        return Result(self.process.returncode, "", "".join(self.err) + rest)

    def close(self) -> None:
        """Never leave a stopped process behind."""
        if self.process.poll() is None:
            self.kill()
        if self.process.stderr is not None:
            self.process.stderr.close()


def kill_at(source: Path, lib: Path, point: str) -> None:
    """Adopt `source` into `lib` in its own process and kill -9 it at `point`."""
    run = Stopped(source, lib, point)
    try:
        run.wait_for(point)
        run.kill()
    finally:
        run.close()


@pytest.fixture(scope="module")
def held_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A library holding A/RES/90/1 (first copy) and A/RES/90/2, which share a clause; and the
    folder of texts. Each test works on a copy."""
    texts = tmp_path_factory.mktemp("texts")
    lib = texts / "lib"
    write(texts, "a1.txt", made_up(1))
    write(texts, "a2.txt", made_up(1, version=2))
    write(texts, "b.txt", made_up(2))
    write(texts, "c.txt", made_up(3))
    for name in ("a1.txt", "b.txt"):
        result = adopt(texts / name, lib)
        assert result.code == 0, result.err
    return texts, lib


@pytest.fixture
def pair(held_pair: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A copy of `held_pair`'s library, beside its texts."""
    texts, lib = held_pair
    mine = tmp_path / "lib"
    shutil.copytree(lib, mine)
    return texts, mine


# Where a kill leaves the corrected copy A/RES/90/1: before the journal names the change, the
# library is as it was; from the rename on, the change is decided and the next run finishes it.
_KILLED = [("locked", "a1.txt"), ("staged", "a1.txt"), ("committed", "a2.txt"),
           ("applying", "a2.txt"), ("applied", "a2.txt")]


def test_every_point_a_change_passes_is_killed_at() -> None:
    """Every point the journal stops at is listed in POINTS and killed at by a test below
    (undoing by its own): a new point without one fails here."""
    import inspect
    import re

    called = set(re.findall(r'on_point\("(\w+)"\)', inspect.getsource(journal)))
    assert called == set(journal.POINTS)
    assert [point for point, _ in _KILLED] + ["undoing"] == list(journal.POINTS)


@pytest.mark.parametrize(("point", "shows"), _KILLED)
def test_an_adopt_killed_at_each_point_is_as_it_was_or_as_adopted(cli, pair: tuple[Path, Path],
                                                                   point: str,
                                                                   shows: str) -> None:
    texts, lib = pair
    before = library_files(lib)
    kill_at(texts / "a2.txt", lib, point)
    if shows == "a1.txt":  # before the journal's rename: not a byte of the library changed
        assert library_files(lib) == before
    # The next adopt (another text) finishes or drops what the killed one left.
    result = adopt(texts / "c.txt", lib)
    assert result.code == 0, result.err
    assert_record(cli, lib, {"A/RES/90/1": texts / shows, "A/RES/90/2": texts / "b.txt",
                             "A/RES/90/3": texts / "c.txt"})


@pytest.mark.parametrize(("point", "shows"), _KILLED)
def test_a_reader_finishes_what_a_killed_adopt_left(cli, pair: tuple[Path, Path], point: str,
                                                    shows: str) -> None:
    texts, lib = pair
    kill_at(texts / "a2.txt", lib, point)
    with settled(lib):  # what the library loader holds while it reads a folder
        assert not (lib / STATE / journal.JOURNAL).exists()
        assert not (lib / STATE / journal.UNDO).exists()
    with locked(lib):  # staging of a run killed before the rename is dropped by the next
        pass
    assert_record(cli, lib, {"A/RES/90/1": texts / shows, "A/RES/90/2": texts / "b.txt"})


def _last_new_file(lib: Path) -> Path:
    """The last file the staged change creates (none is there yet)."""
    import json

    (stage,) = (lib / STATE).glob("staging-*")
    entries = json.loads(stage.read_text(encoding="utf-8"))["entries"]
    created = [e["path"] for e in entries if e["old"] is None and e["new"] is not None]
    assert created, entries
    return lib / created[-1]


def test_a_reader_never_sees_half_an_adopt(pair: tuple[Path, Path]) -> None:
    """While a reader reads the folder, an adopt may plan and stage but not rename a file."""
    texts, lib = pair
    before = library_files(lib)
    with settled(lib):
        run = Stopped(texts / "a2.txt", lib, "staged,committed")
        try:
            run.wait_for("staged")
            run.process.send_signal(signal.SIGCONT)
            with pytest.raises(AssertionError, match="never reached committed"):
                run.wait_for("committed", timeout=3)
            assert library_files(lib) == before
        except BaseException:
            run.close()
            raise
    try:
        run.wait_for("committed")
        result = run.go_on()
    finally:
        run.close()
    assert result.code == 0, result.err
    assert library_files(lib) != before


def test_a_write_that_fails_partway_is_undone_and_says_so(cli, pair: tuple[Path, Path]) -> None:
    texts, lib = pair
    before = library_files(lib)
    run = Stopped(texts / "a2.txt", lib, "staged")
    try:
        run.wait_for("staged")
        blocker = _last_new_file(lib)
        (blocker / "in-the-way").mkdir(parents=True)  # a folder where a file goes
        result = run.go_on()
    finally:
        run.close()
    line = next(ln for ln in result.err.splitlines() if ln.startswith("asp-draft: error:"))
    assert result.code == 2 and "Traceback" not in result.err
    assert str(blocker) in line and "it is a folder" in line
    assert "the change was undone" in line and "A/RES/90/1 is not recorded" in line
    assert "unchanged" not in line
    assert library_files(lib) == before  # every file as it was, none added
    assert_record(cli, lib, {"A/RES/90/1": texts / "a1.txt", "A/RES/90/2": texts / "b.txt"})
    shutil.rmtree(blocker)
    assert adopt(texts / "a2.txt", lib).code == 0
    assert_record(cli, lib, {"A/RES/90/1": texts / "a2.txt", "A/RES/90/2": texts / "b.txt"})


def test_an_adopt_killed_while_undoing_is_undone_by_the_next(cli,
                                                             pair: tuple[Path, Path]) -> None:
    texts, lib = pair
    before = library_files(lib)
    run = Stopped(texts / "a2.txt", lib, "staged,undoing")
    try:
        run.wait_for("staged")
        blocker = _last_new_file(lib)
        blocker.mkdir(parents=True)
        run.process.send_signal(signal.SIGCONT)
        run.wait_for("undoing")
        run.kill()
    finally:
        run.close()
    assert (lib / STATE / journal.UNDO).exists()
    blocker.rmdir()
    with locked(lib):  # the next run undoes it: every file as it was
        assert library_files(lib) == before
    assert adopt(texts / "c.txt", lib).code == 0
    assert_record(cli, lib, {"A/RES/90/1": texts / "a1.txt", "A/RES/90/2": texts / "b.txt",
                             "A/RES/90/3": texts / "c.txt"})


def test_a_full_disk_while_writing_the_journal_writes_nothing(cli,
                                                              pair: tuple[Path, Path]) -> None:
    """A file-size limit stands for a full disk: the journal, the largest file an adopt
    writes, cannot be written, so nothing is."""
    import resource

    texts, lib = pair
    before = library_files(lib)

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG, not a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    done = subprocess.run(adopt_command(texts / "a2.txt", lib), env=_env(), cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False,
                          preexec_fn=small_files)
    line = one_line_error(Result(done.returncode, "", done.stderr))
    assert "cannot write (File too large); nothing was written; A/RES/90/1 is not recorded" \
        in line
    assert library_files(lib) == before
    assert_record(cli, lib, {"A/RES/90/1": texts / "a1.txt", "A/RES/90/2": texts / "b.txt"})


def test_a_folder_where_a_file_goes_stops_before_anything_is_written(cli,
                                                                     pair: tuple[Path, Path]
                                                                     ) -> None:
    texts, lib = pair
    before = library_files(lib)
    blocker = lib / "resolutions" / f"{slug('A/RES/90/3')}.yaml"
    blocker.mkdir()
    result = adopt(texts / "c.txt", lib)
    line = one_line_error(result)
    assert str(blocker) in line and "folder" in line, line
    assert "unchanged" not in line
    assert library_files(lib) == before


# --- concurrent adopts ------------------------------------------------------------------------

def test_concurrent_adopts_take_turns_and_each_shows_its_own_text(cli, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    sources = [write(tmp_path, f"r{n}.txt", made_up(n)) for n in range(1, 9)]
    env = _env()
    runs = [subprocess.Popen(adopt_command(s, lib), env=env, cwd=ROOT, text=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for s in sources]
    errors = [r.communicate(timeout=300)[1] for r in runs]
    assert [r.returncode for r in runs] == [0] * 8, errors
    assert_record(cli, lib, {f"A/RES/90/{n}": s for n, s in enumerate(sources, 1)})
    common = next(lib.glob("preamble/recalling-cooperation-*.yaml")).read_text(encoding="utf-8")
    assert all(f"A/RES/90/{n}" in common for n in range(1, 9))  # no adopt lost another's


def test_a_plan_another_adopt_overtook_is_refused(cli, tmp_path: Path) -> None:
    from asp_draft.library.adopt import plan_adoption
    from asp_draft.library.load import load_library
    from asp_draft.library.write import write_adoption

    lib = tmp_path / "lib"
    first, second = write(tmp_path, "r1.txt", made_up(1)), write(tmp_path, "r2.txt", made_up(2))
    assert cli("--no-bundled", "adopt", str(first), "--into", str(lib)).code == 0
    os.environ["ASP_DRAFT_NO_BUNDLED"] = "1"
    try:
        document = Resolver().resolve(str(second))
        stale = plan_adoption(document, load_library([lib]), lib, source=str(second))
        third = write(tmp_path, "r3.txt", made_up(3))
        assert cli("--no-bundled", "adopt", str(third), "--into", str(lib)).code == 0
        before = library_files(lib)
        with pytest.raises(Exception, match="another adopt changed this file after the plan "
                                            "was made; nothing was written"):
            write_adoption(stale, inputs=[str(second)])
    finally:
        del os.environ["ASP_DRAFT_NO_BUNDLED"]
    assert library_files(lib) == before
    assert_record(cli, lib, {"A/RES/90/1": first, "A/RES/90/2": None, "A/RES/90/3": third})


# --- names that cannot collide ----------------------------------------------------------------

def test_two_symbols_with_one_slug_never_share_a_file(cli, tmp_path: Path) -> None:
    """A/RES/80/7.1 and A/RES/80/7-1 have one slug: the second is written to a file of its
    own (the slug and its digest), never over the first, and each shows as adopted."""
    lib = tmp_path / "lib"
    dot = write(tmp_path, "dot.txt", made_up(4, symbol="A/RES/80/7.1"))
    dash = write(tmp_path, "dash.txt", made_up(5, symbol="A/RES/80/7-1"))
    assert cli("--no-bundled", "adopt", str(dot), "--into", str(lib)).code == 0
    first = (lib / "resolutions" / "a-res-80-7-1.yaml").read_bytes()
    assert cli("--no-bundled", "adopt", str(dash), "--into", str(lib)).code == 0
    assert (lib / "resolutions" / f"{unique_stem('A/RES/80/7-1')}.yaml").is_file()
    assert (lib / "resolutions" / "a-res-80-7-1.yaml").read_bytes() == first
    other = write(tmp_path, "other.txt", made_up(6))
    assert cli("--no-bundled", "adopt", str(other), "--into", str(lib)).code == 0
    # a symbol whose last part holds a dot is a symbol, not a file with a '.1' suffix
    assert_record(cli, lib, {"A/RES/80/7.1": dot, "A/RES/80/7-1": dash, "A/RES/90/6": other})


def test_a_second_symbol_with_a_held_slug_gets_a_name_of_its_own(tmp_path: Path) -> None:
    held = tmp_path / "resolutions" / "a-res-80-7-1.yaml"
    held.parent.mkdir()
    held.write_text("symbol: A/RES/80/7.1\nyear: 2025\n", encoding="utf-8")
    assert resolution_path(tmp_path, "A/RES/80/7.1") == held
    assert resolution_path(tmp_path, "a/res/80/7.1 ") == held  # one symbol, any case
    other = resolution_path(tmp_path, "A/RES/80/7-1")
    assert other.name == f"{unique_stem('A/RES/80/7-1')}.yaml" != held.name
    assert other.name.startswith("a-res-80-7-1.")
    assert resolution_path(tmp_path, "A/RES/80/8") == tmp_path / "resolutions/a-res-80-8.yaml"


_SYMBOL = st.from_regex(r"[A-Z]{1,4}(/[A-Za-z0-9.()-]{1,6}){1,4}", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(a=_SYMBOL, b=_SYMBOL)
def test_names_never_collide(a: str, b: str) -> None:
    assert slug(a) == symbol_slug(a)  # the plain name is the one libraries were written with
    if same_symbol(a, b):
        assert stems(a) == stems(b)
        return
    # a digest name is never a plain slug, and two symbols' digest names differ
    assert unique_stem(a) not in {slug(b), unique_stem(b)}
    assert "." not in slug(a)


# --- a held resolution shows only what it adopted ---------------------------------------------

def test_a_proposal_over_a_bundled_clause_is_never_shown_as_adopted(cli, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    (mine / "preamble").mkdir(parents=True)
    (mine / "preamble" / "responsibility-to-protect.yaml").write_text(
        "id: responsibility-to-protect\npart: preamble\ntopic: A proposal\nversions:\n"
        "  - proposed: 2019\n    proposer: A delegation\n"
        "    text: '*Mindful* of words no Assembly adopted,'\n", encoding="utf-8")
    for command in (["show", "2018"], ["lint", "2018"], ["blame", "2018"]):
        line = one_line_error(cli("--library", str(mine), *command))
        assert "sessions/2018.yaml:" in line, line
        assert ("ICC-ASP/17/Res.5: clause 'responsibility-to-protect' has no version adopted "
                "in ICC-ASP/17/Res.5 (its versions in ") in line
        assert "2019 proposed); the library does not hold the text it adopted" in line
    spec = write(tmp_path, "draft.yaml", "year: 2019\npreamble:\n  - responsibility-to-protect\n")
    drafted = cli("--library", str(mine), "show", str(spec))
    assert drafted.code == 0, drafted.err
    assert "Mindful of words no Assembly adopted," in drafted.out  # a draft may take it


def test_a_held_resolution_pinned_to_a_proposal_is_an_error(cli, tmp_path: Path) -> None:
    write_library(tmp_path, {
        "preamble/recalling-aims.yaml":
            "id: recalling-aims\npart: preamble\ntopic: Aims\nversions:\n"
            "  - adopted: [ICC-ASP/29/Res.1]\n    text: '*Recalling* its aims,'\n"
            "  - proposed: 2031\n    text: '*Recalling* its aims and more,'\n",
        "sessions/2030.yaml":
            "year: 2030\nsymbol: ICC-ASP/29/Res.1\nadopted: 2030-12-06\n"
            "preamble:\n  - recalling-aims@2031\n"})
    line = one_line_error(cli("--no-bundled", "-L", str(tmp_path), "show", "2030"))
    assert line.endswith("sessions/2030.yaml:5: ICC-ASP/29/Res.1: clause 'recalling-aims' is "
                         "pinned to 2031, a proposal, not an adopted version; the library "
                         "does not hold the text it adopted")
    (tmp_path / "sessions" / "2030.yaml").write_text(
        "year: 2030\nsymbol: ICC-ASP/29/Res.1\nadopted: 2030-12-06\n"
        "preamble:\n  - recalling-aims\n", encoding="utf-8")
    shown = cli("--no-bundled", "-L", str(tmp_path), "show", "2030")
    assert body(shown.out).strip().endswith("Recalling its aims,")


def test_a_held_resolution_missing_its_version_is_an_error_naming_it(cli,
                                                                    tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    source = write(tmp_path, "r1.txt", made_up(1))
    assert cli("--no-bundled", "adopt", str(source), "--into", str(lib)).code == 0
    (clause_file,) = lib.glob("preamble/mindful-*.yaml")
    text = clause_file.read_text(encoding="utf-8")
    clause_file.write_text(text.replace("adopted:\n  - A/RES/90/1", "proposed: 2035"),
                           encoding="utf-8")
    line = one_line_error(cli("--no-bundled", "-L", str(lib), "show", "A/RES/90/1"))
    assert f"A/RES/90/1: clause '{clause_file.stem}' has no version adopted in A/RES/90/1" \
        in line
    assert "resolutions/a-res-90-1.yaml:" in line


# --- the journal itself: any crash or failure, as a property ----------------------------------

class _Crash(BaseException):
    """A kill, in-process: nothing after it runs (not even the undo)."""


_NAMES = ["preamble/a.yaml", "preamble/b.yaml", "operative/c.yaml", "resolutions/d.yaml",
          "sessions/2035.yaml"]
_CONTENT = st.one_of(st.none(), st.binary(min_size=0, max_size=40))


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=st.fixed_dictionaries({n: _CONTENT for n in _NAMES}),
       new=st.dictionaries(st.sampled_from(_NAMES), _CONTENT, min_size=1),
       point=st.sampled_from(["staged", "committed", "applying", "applied", "never"]),
       nth=st.integers(0, 4), fail=st.booleans())
def test_a_change_is_all_or_nothing_whatever_stops_it(monkeypatch: pytest.MonkeyPatch,
                                                      old: dict[str, bytes | None],
                                                      new: dict[str, bytes | None],
                                                      point: str, nth: int,
                                                      fail: bool) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        for name, data in old.items():
            if data is not None:
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(data)
        before = _snapshot(folder)
        after = {**before, **new}
        after = {k: v for k, v in after.items() if v is not None}
        seen: list[str] = []

        def stop(reached: str) -> None:
            seen.append(reached)
            times = min(nth, len(new) - 1) + 1 if point == "applying" else 1
            if reached == point and seen.count(point) == times:
                if fail and point == "applying":
                    raise OSError(errno.ENOSPC, "No space left on device")
                raise _Crash

        monkeypatch.setattr(journal, "on_point", stop)
        outcome = "done"
        try:
            with locked(folder):
                commit(folder, [Change(folder / n, d) for n, d in new.items()])
        except _Crash:
            outcome = "crashed"
        except Exception as e:  # the failure under test
            assert "No space left on device" in str(e) and "was undone" in str(e)
            outcome = "failed"
        monkeypatch.setattr(journal, "on_point", lambda reached: None)
        with locked(folder):  # the next run
            pass
        decided = outcome == "done" or (outcome == "crashed" and point != "staged")
        assert _snapshot(folder) == (after if decided else before)
        assert recover(folder) is None
        assert {p.name for p in (folder / STATE).iterdir()} <= {"adopt.lock", "apply.lock"}
    finally:
        shutil.rmtree(folder)


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every library file and its bytes (the machinery and empty folders aside)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and STATE not in p.relative_to(folder).parts}


def test_a_folder_no_adopt_wrote_is_read_without_a_lock(tmp_path: Path) -> None:
    with settled(tmp_path):
        pass
    assert not (tmp_path / STATE).exists()  # reading never writes


def test_the_lock_is_held_for_the_whole_adopt(tmp_path: Path) -> None:
    """A second process waits for the first's lock (plan and write), then goes on."""
    lib = tmp_path / "lib"
    code = ("import sys, time; from pathlib import Path; "
            "from asp_draft.library.journal import locked\n"
            "with locked(Path(sys.argv[1])):\n"
            "    print('in', time.monotonic(), flush=True); time.sleep(float(sys.argv[2]))\n")
    first = subprocess.Popen([sys.executable, "-c", code, str(lib), "1.5"], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    assert first.stdout is not None
    entered = float(first.stdout.readline().split()[1])
    second = subprocess.run([sys.executable, "-c", code, str(lib), "0"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=True)
    first.communicate(timeout=60)
    assert float(second.stdout.split()[1]) - entered >= 1.4
