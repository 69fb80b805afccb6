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


def wall(args: list[str]) -> float:
    """Median wall time in ms of running the CLI with `args` in a fresh process."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "asp_draft", *args], check=True,
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
        for label, args, budget in cases:
            ms = wall(args)
            verdict = "" if budget is None else (" within" if ms < budget else " OVER") + \
                f" budget {budget:.0f} ms"
            print(f"{label:48} {ms:7.1f} ms{verdict}")


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
