"""Redline benchmark: the diff benchmark's pair (300 paragraphs, ~20,000 words, ~5% changed,
moves included) written as a Word file with tracked changes, at 1x and 10x.

Prints the in-process time of diff + redline (budget 1.5 s at 300 paragraphs) and the wall
time of `asp-draft diff a.txt b.txt -o redline.docx`. Run: python benchmarks/bench_redline.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench_diff import generate  # the same generated pair as the diff benchmark
from timing import cli_seconds

from asp_draft.compare.diff import diff_documents
from asp_draft.readers.text import read_text_file
from asp_draft.writers.redline import render_redline

BUDGET = 1.5


def bench(folder: Path, paragraphs: int, runs: int) -> float:
    """Print and return the median in-process seconds for one size."""
    old_text, new_text = generate(paragraphs, seed=paragraphs)
    a, b = folder / f"a{paragraphs}.txt", folder / f"b{paragraphs}.txt"
    a.write_text(old_text, encoding="utf-8")
    b.write_text(new_text, encoding="utf-8")
    old, new = read_text_file(a), read_text_file(b)
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        data = render_redline(diff_documents(old, new), date="2019-10-01T00:00:00Z")
        times.append(time.perf_counter() - start)
        size = len(data)
    median = statistics.median(times)
    summary = ", ".join(f"{n} {op}" for op, n in diff_documents(old, new).summary().items())
    print(f"{len(old.paragraphs)} paragraphs: {summary}")
    print(f"  in-process diff + redline   {median * 1000:8.1f} ms  (median of {runs}; "
          f"{size / 1024:.0f} KiB .docx)")
    out = folder / f"r{paragraphs}.docx"
    wall = cli_seconds(["diff", str(a), str(b), "-o", str(out), "--force"], 3)
    print(f"  asp-draft diff -o x.docx    {wall * 1000:8.1f} ms  (wall, median of 3)")
    return median


def main() -> None:
    """Run at 300 and 3,000 paragraphs."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = bench(folder, 300, runs=7)
        print(f"  budget {BUDGET} s: {'within' if small < BUDGET else 'OVER'}")
        large = bench(folder, 3000, runs=3)
        print(f"10x paragraphs: {large / small:.1f}x the time (linear would be ~10x)")


if __name__ == "__main__":
    main()
