"""Rolling a recurring resolution forward: how much of next year's text the draft already has.

Run: python benchmarks/bench_series.py             (../shared/corpus/un-pdfs/series.tsv's pairs)
     python benchmarks/bench_series.py --tsv FILE  (pairs of PDFs named in another list)
     python benchmarks/bench_series.py --verbose   (and each later paragraph the draft missed)

For each pair (the earlier and the later text of one resolution, a session apart), the
earlier PDF is adopted into an empty library (`asp-draft adopt`), rolled forward for the
session after its own (`asp-draft new YEAR --from SYMBOL`) and the draft built as plain text
(`asp-draft build`). Then, of the later text's paragraphs:

- draft: the share equal word for word to a paragraph of the draft;
- copy: the share equal to a paragraph of the earlier text (what a plain copy gives);
- lost: how many the later text kept unchanged from the earlier, which the draft changed.

Paragraphs compare by their printed words: white space normalised, footnote marks aside and
the operative number left out (a number follows from the paragraphs before it). A pair whose
earlier text cannot be adopted or rolled is listed with the reason and left out of the totals.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "un-pdfs"
GAIN_NEEDED = 4.0  # points over the plain copy, the bar


@dataclass(frozen=True)
class Pair:
    """One pair of series.tsv: the file stems of the earlier and later texts, and the title."""

    earlier: str
    later: str
    title: str


@dataclass(frozen=True)
class Result:
    """One pair's counts (later paragraphs, equal in the draft, equal in the copy, lost)."""

    pair: Pair
    total: int
    draft: int
    copy: int
    lost: int
    missed: tuple[str, ...] = ()


def pairs(tsv: Path) -> list[Pair]:
    """The pairs a series list names (a header line, then earlier, later, title)."""
    rows = [line.split("\t") for line in tsv.read_text(encoding="utf-8").splitlines()[1:]
            if line.strip()]
    return [Pair(r[0], r[1], r[2] if len(r) > 2 else "") for r in rows]


def asp_draft(*args: str) -> subprocess.CompletedProcess[str]:
    """`asp-draft ARGS` in a fresh process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "asp_draft", *args], capture_output=True,
                          text=True, check=False)


class Failed(Exception):
    """A step of one pair failed: the step and asp-draft's own message."""


def run(step: str, *args: str) -> str:
    """Run one step; its stdout, or Failed with the last line it printed on stderr."""
    done = asp_draft(*args)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()] or ["no message"]
        raise Failed(f"{step}: {lines[-1].strip()}")
    return done.stdout


def paragraphs(ref: str, *library: str) -> list[str]:
    """The printed words of each paragraph of REF, as `show --format json` reads them."""
    shown = json.loads(run(f"show {Path(ref).name}", *library, "show", ref, "--format", "json"))
    return [" ".join(p["text"].split()) for p in shown["paragraphs"]]


def session_year(meta: dict[str, object]) -> tuple[str, int]:
    """The earlier text's symbol and the YEAR `new` drafts the next session for."""
    from asp_draft.library import bodies
    table = bodies.table()
    body = table.of_meta(meta)
    session = meta.get("session")
    if body is None or not body.sessions.held or not isinstance(session, int):
        return str(meta["symbol"]), int(str(meta["year"])) + 1  # a text a year, by its year
    year = body.sessions.year_of(body.sessions.next(session))
    return str(meta["symbol"]), int(year or 0)


def measure(pair: Pair, folder: Path, work: Path) -> Result:
    """Adopt, roll and build one pair's earlier text; compare with the later."""
    earlier, later = folder / f"{pair.earlier}.pdf", folder / f"{pair.later}.pdf"
    library = work / "library"
    run("adopt", "adopt", str(earlier), "--into", str(library))
    lib = ("--library", str(library))
    meta = json.loads(run("show", *lib, "show", str(earlier), "--format", "json"))["meta"]
    symbol, year = session_year(meta)
    spec, draft = work / "draft.yaml", work / "draft.txt"
    run("new", *lib, "new", str(year), "--from", symbol, "-o", str(spec))
    run("build", *lib, "build", str(spec), "-o", str(draft))
    old, new, rolled = (paragraphs(str(earlier)), paragraphs(str(later)),
                        paragraphs(str(draft), *lib))
    old_set, rolled_set = set(old), set(rolled)
    missed = tuple(p for p in new if p not in rolled_set)
    return Result(pair=pair, total=len(new), draft=sum(p in rolled_set for p in new),
                  copy=sum(p in old_set for p in new),
                  lost=sum(p in old_set and p not in rolled_set for p in new), missed=missed)


def share(part: int, whole: int) -> float:
    """Percent, 0 for nothing."""
    return 100.0 * part / whole if whole else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tsv", type=Path, default=SHARED / "series.tsv",
                        help="the list of pairs (its folder holds the PDFs)")
    parser.add_argument("--verbose", action="store_true",
                        help="print each later paragraph the draft does not have")
    args = parser.parse_args()
    if not args.tsv.is_file():
        print(f"no list of pairs at {args.tsv}", file=sys.stderr)
        return 2
    results: list[Result] = []
    failed: list[tuple[Pair, str]] = []
    print(f"{'earlier':<14} {'later':<14} {'paras':>5} {'copy':>6} {'draft':>6} {'gain':>6} "
          f"{'lost':>4}")
    for pair in pairs(args.tsv):
        with tempfile.TemporaryDirectory(prefix="bench-series-") as tmp:
            try:
                result = measure(pair, args.tsv.parent, Path(tmp))
            except Failed as e:
                failed.append((pair, str(e)))
                print(f"{pair.earlier:<14} {pair.later:<14} failed: {e}")
                continue
        results.append(result)
        copy, draft = share(result.copy, result.total), share(result.draft, result.total)
        print(f"{pair.earlier:<14} {pair.later:<14} {result.total:>5} {copy:>5.1f}% "
              f"{draft:>5.1f}% {draft - copy:>+5.1f} {result.lost:>4}")
        if args.verbose:
            for text in result.missed:
                print(f"    missed: {text[:150]}")
    total = sum(r.total for r in results)
    copy = share(sum(r.copy for r in results), total)
    draft = share(sum(r.draft for r in results), total)
    lost = sum(r.lost for r in results)
    print(f"{'total':<29} {total:>5} {copy:>5.1f}% {draft:>5.1f}% {draft - copy:>+5.1f} "
          f"{lost:>4}")
    print(f"{len(results)} pair(s) measured, {len(failed)} failed; done when the draft gains "
          f"at least {GAIN_NEEDED:g} points over the copy and loses none: "
          f"{'yes' if draft - copy >= GAIN_NEEDED and lost == 0 else 'no'}")
    for pair, why in failed:
        print(f"  failed: {pair.earlier}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
