"""The timing every benchmark shares: medians of in-process calls and of fresh processes.

A median, not a mean: this machine's noise comes in bursts that a mean would carry.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence


def median_seconds(work: Callable[[], object], runs: int, *, warm_up: bool = False) -> float:
    """Median seconds of `runs` calls of `work` (after one uncounted call with `warm_up`)."""
    if warm_up:
        work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command_seconds(command: Sequence[str], runs: int, *, env: dict[str, str] | None = None,
                    check: bool = True) -> float:
    """Median wall seconds of `runs` runs of `command` in fresh processes, output dropped."""
    return median_seconds(lambda: subprocess.run(
        list(command), env=env, check=check, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL), runs)


def cli_seconds(args: Sequence[str], runs: int, *, env: dict[str, str] | None = None) -> float:
    """Median wall seconds of `asp-draft ARGS` in fresh processes (start-up included)."""
    return command_seconds([sys.executable, "-m", "asp_draft", *args], runs, env=env)
