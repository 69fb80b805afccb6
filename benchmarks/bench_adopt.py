"""adopt: a 130-paragraph resolution into a generated library of 10 years x 130 paragraphs.

Run: python benchmarks/bench_adopt.py   (P = 130, then 10x to check how the time grows)

The library is bench_history's (P clauses, a third reworded half-way through the decade, ten
session files). The resolution adopted is the last year's text for the next year with one
paragraph in ten rewritten (a new version of its clause) and one in twenty new, so every kind
of match is made; it is given as plain text, as a pasted copy would be.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

from bench_history import YEARS, sentence, vocabulary, write_library
from timing import cli_seconds, median_seconds

SYMBOL = "ICC-ASP/39/Res.1"


def write_resolution(library_dir: Path, out: Path, seed: int = 11) -> int:
    """The next year's text as a .txt file; returns its number of paragraphs."""
    from asp_draft.library.assemble import assemble
    from asp_draft.library.load import load_layers
    from asp_draft.model import Paragraph
    from asp_draft.writers.text import render_text

    rng = random.Random(seed)
    words = vocabulary(rng)
    library = load_layers([library_dir])
    last = assemble(library.session(max(YEARS)), library)
    paragraphs: list[Paragraph] = []
    for i, p in enumerate(last.paragraphs):
        text = p.text
        if i % 10 == 4:  # rewritten: a new version of its clause
            tokens = text.split(" ")
            tokens[3:5] = sentence(rng, words, 3).split(" ")
            text = " ".join(tokens)
        elif i % 20 == 7:  # new language: a new clause
            text = f"{p.lead} {sentence(rng, words, 40)}{text[-1]}"
        paragraphs.append(Paragraph(part=p.part, text=text, lead=p.lead, number=p.number))
    meta = {"symbol": SYMBOL, "title": "Generated", "year": max(YEARS) + 1,
            "adopted": f"{max(YEARS) + 1}-12-09", "chapeau": "The Assembly of States Parties,"}
    out.write_text(render_text(type(last)(meta=meta, paragraphs=tuple(paragraphs))),
                   encoding="utf-8")
    return len(paragraphs)


def measure(paragraphs: int, runs: int) -> float:
    """Print the figures for one size; return the in-process adoption time."""
    from asp_draft.library.adopt import plan_adoption
    from asp_draft.library.load import load_layers
    from asp_draft.readers.text import read_text_file

    with tempfile.TemporaryDirectory() as tmp:
        lib_dir, _ = write_library(Path(tmp) / "lib", paragraphs)
        source = Path(tmp) / "adopted.txt"
        count = write_resolution(lib_dir, source)
        into = Path(tmp) / "mine"
        document = read_text_file(source)
        library = load_layers([lib_dir])
        t_load = median_seconds(lambda: load_layers([lib_dir]), runs)
        t_plan = median_seconds(lambda: plan_adoption(document, library, into,
                                                   source=str(source)), runs)
        plan = plan_adoption(document, library, into, source=str(source))
        kinds: dict[str, int] = {}
        for match in plan.matches:
            kinds[match.kind] = kinds.get(match.kind, 0) + 1
        env = {**os.environ, "ASP_DRAFT_NO_BUNDLED": "1", "ASP_DRAFT_CACHE": str(tmp)}
        args = ["--library", str(lib_dir), "adopt", str(source), "--into", str(into)]
        t_wall = cli_seconds([*args, "--dry-run"], 1, env=env)
        print(f"{count}-paragraph resolution into {paragraphs} paragraphs a year x "
              f"{len(YEARS)} years; matched: "
              + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
        print(f"  load the library          {t_load * 1000:8.1f} ms  (median of {runs})")
        print(f"  adopt (match, draft, check) {t_plan * 1000:6.1f} ms  (in-process, median of "
              f"{runs}; the library loaded)")
        print(f"  asp-draft adopt --dry-run {t_wall * 1000:8.1f} ms  (wall)")
        return t_plan


def main() -> None:
    """P = 130, then 1,200 (9.2x)."""
    sys.setrecursionlimit(10_000)
    small = measure(130, 5)
    large = measure(1200, 3)  # operative numbers stay under 1,000, as the text format reads them
    print(f"10x paragraphs: {large / small:.1f}x the adoption time (linear would be ~9.2x)")


if __name__ == "__main__":
    main()
