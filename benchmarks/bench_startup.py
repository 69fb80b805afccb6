"""Start-up and foundation timings: `asp-draft --help` (budget 200 ms), show, new, build.

Then the diff start-up ratios: `diff a.txt b.txt --format json` on two generated 300-paragraph
texts (budget 1.5x `asp-draft --version`) and `diff 2017 2018 --format json` (budget 2x).
Run: python benchmarks/bench_startup.py   (prints the median of several runs, wall time)

The package is byte-compiled first, as `pip install` does: with PYTHONDONTWRITEBYTECODE set, an
editable checkout would otherwise compile every module from source on each run, which no
installed copy does. The diff runs are interleaved with `--version` runs, so that a machine
that slows down or speeds up part-way affects both sides of a ratio alike: each ratio is
the median of one round's diff against the same round's --version.
"""

from __future__ import annotations

import compileall
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_diff import generate  # the diff benchmark's 300-paragraph texts
from timing import command_seconds

RUNS = 9
ROUNDS = 31  # the diff ratios: the machine's noise is larger than what they measure


# The floor the --help budget is set against: a typer app with two commands and rich help.
BARE_TYPER = """
import typer
app = typer.Typer(rich_markup_mode="rich")
@app.command()
def one(x: int = 1) -> None:
    \"\"\"One.\"\"\"
@app.command()
def two(x: int = 1) -> None:
    \"\"\"Two.\"\"\"
app()
"""


def wall(args: list[str], command: list[str] | None = None, runs: int = RUNS) -> float:
    """Median wall time in ms of running the CLI with `args` in a fresh process."""
    return command_seconds([*(command or [sys.executable, "-m", "asp_draft"]), *args],
                           runs) * 1000


def main() -> None:
    """Print one line per measured command."""
    import asp_draft

    compileall.compile_dir(Path(asp_draft.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        spec = str(Path(tmp) / "draft.yaml")
        cases = [
            ("asp-draft --help", ["--help"], 200.0),
            ("asp-draft show 2018", ["show", "2018"], None),
            ("asp-draft show 2018 --format json", ["show", "2018", "--format", "json"], None),
            ("asp-draft new 2019 -o draft.yaml --force", ["new", "2019", "-o", spec, "--force"],
             None),
            ("asp-draft build draft.yaml -o draft.txt --force",
             ["build", spec, "-o", str(Path(tmp) / "draft.txt"), "--force"], None),
        ]
        bare = wall_python()
        print(f"{'python -c pass (interpreter floor)':48} {bare:7.1f} ms")
        typer_floor = wall(["--help"], [sys.executable, "-c", BARE_TYPER])
        print(f"{'bare typer app --help (the budget floor)':48} {typer_floor:7.1f} ms")
        for label, args, budget in cases:
            ms = wall(args)
            verdict = "" if budget is None else (" within" if ms < budget else " OVER") + \
                f" budget {budget:.0f} ms"
            print(f"{label:48} {ms:7.1f} ms{verdict}")
            if budget is not None:
                print(f"{'':48} {ms - typer_floor:+7.1f} ms over the bare typer app")
        diff_ratios(Path(tmp))


def diff_ratios(tmp: Path) -> None:
    """A negotiator's diffs against `asp-draft --version`: text to text, and year to year."""
    old, new = generate(300, seed=1)
    (tmp / "a.txt").write_text(old, encoding="utf-8")
    (tmp / "b.txt").write_text(new, encoding="utf-8")
    cases = [("asp-draft --version", ["--version"], None),
             ("asp-draft diff a.txt b.txt --format json",
              ["diff", str(tmp / "a.txt"), str(tmp / "b.txt"), "--format", "json"], 1.5),
             ("asp-draft diff 2017 2018 --format json",
              ["diff", "2017", "2018", "--format", "json"], 2.0)]
    times: list[list[float]] = [[] for _ in cases]
    for _ in range(ROUNDS):  # one round runs each command once, one after the other
        for at, (_, args, _) in enumerate(cases):
            times[at].append(wall(args, runs=1))
    for (label, _, budget), runs in zip(cases, times, strict=True):
        ms = statistics.median(runs)
        if budget is None:
            print(f"{label:48} {ms:7.1f} ms")
            continue
        # each run against the --version run of its own round, so that a busy moment of the
        # machine weighs on both sides of one ratio; the median of those ratios
        ratio = statistics.median(t / v for t, v in zip(runs, times[0], strict=True))
        verdict = "within" if ratio <= budget else "OVER"
        print(f"{label:48} {ms:7.1f} ms {ratio:5.2f}x --version, {verdict} budget {budget}x")


def wall_python() -> float:
    """Median wall time in ms of a bare interpreter start, for scale."""
    return command_seconds([sys.executable, "-c", "pass"], RUNS) * 1000


if __name__ == "__main__":
    main()
