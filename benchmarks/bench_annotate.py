"""build --annotate: a 300-paragraph draft against a ten-year library, and at 10x.

Run: python benchmarks/bench_annotate.py

The library and draft are bench_history's: P clauses adopted over ten years (a third reworded
half-way), and a draft that rewrites one paragraph in ten, so those notes name the closest
adopted paragraph. Measured: the notes (record + blame + citations), the Word file with a
comment on every paragraph, and the command in a fresh process, with and without --annotate.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bench_history import write_library
from timing import cli_seconds, median_seconds


def measure(paragraphs: int, runs: int) -> float:
    """Print the figures for one size; return the in-process notes + Word time."""
    from asp_draft.compare.annotations import annotate, summary
    from asp_draft.compare.history import build_record
    from asp_draft.folders import library_dirs
    from asp_draft.library.assemble import assemble
    from asp_draft.library.load import load_layers
    from asp_draft.library.spec_reader import read_spec
    from asp_draft.writers.docx import render_docx

    with tempfile.TemporaryDirectory() as tmp:
        lib_dir, spec = write_library(Path(tmp) / "lib", paragraphs)
        env = {**os.environ, "ASP_DRAFT_LIBRARY": str(lib_dir),
               "ASP_DRAFT_CACHE": str(Path(tmp) / "cache")}
        os.environ.update(ASP_DRAFT_LIBRARY=str(lib_dir))
        library = load_layers(library_dirs())
        draft = assemble(read_spec(spec), library)
        record = build_record(library)
        notes = annotate(draft, library, record=record)
        t_notes = median_seconds(lambda: annotate(draft, library), runs)
        t_cited = median_seconds(lambda: annotate(draft, library, record=record), runs)
        t_plain = median_seconds(lambda: render_docx(draft), runs)
        t_word = median_seconds(lambda: render_docx(draft, annotations=notes), runs)
        out = Path(tmp) / "out.docx"
        build = ["build", str(spec), "-o", str(out), "--force"]
        print(f"{paragraphs} paragraphs a year x 10 years; draft of {len(draft.paragraphs)} "
              f"paragraphs: {summary(notes)}")
        print(f"  notes, record included    {t_notes * 1000:8.1f} ms  (median of {runs})")
        print(f"  notes, record built       {t_cited * 1000:8.1f} ms")
        print(f"  Word, no comments         {t_plain * 1000:8.1f} ms")
        print(f"  Word, a comment each      {t_word * 1000:8.1f} ms")
        plain = cli_seconds(build, 3, env=env) * 1000
        annotated = cli_seconds([*build, "--annotate"], 3, env=env) * 1000
        print(f"  asp-draft build           {plain:8.1f} ms  (wall, median of 3)")
        print(f"  asp-draft build --annotate {annotated:7.1f} ms  (wall, median of 3)")
        return t_notes + t_word


def main() -> None:
    """P = 300, then 3,000."""
    small = measure(300, 5)
    large = measure(3000, 3)
    print(f"10x paragraphs: {large / small:.1f}x the notes + Word time (linear would be ~10x)")


if __name__ == "__main__":
    main()
