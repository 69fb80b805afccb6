"""Start-up and foundation timings: `asp-draft --help` (budget 200 ms), show, new, build.

Run: python benchmarks/bench_startup.py   (prints the median of several runs, wall time)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 9


# The floor DESIGN.md's budget is set against: a typer app with two commands and rich help.
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


def wall(args: list[str], command: list[str] | None = None) -> float:
    """Median wall time in ms of running the CLI with `args` in a fresh process."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([*(command or [sys.executable, "-m", "asp_draft"]), *args], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print one line per measured command."""
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


def wall_python() -> float:
    """Median wall time of a bare interpreter start, for scale."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    main()
