"""`build` of a 300-paragraph document to .docx (budget 1 s), and at 10x to check linear growth.

Run: python benchmarks/bench_build.py   (in-process render, plus a full CLI run of the spec)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from timing import cli_seconds, median_seconds

BUDGET_S = 1.0
RUNS = 5
_PROSE = ("the Assembly requests the Court to continue its work on cooperation with States "
          "Parties and to report on the implementation of its mandate in accordance with the "
          "Rome Statute and the relevant resolutions")
_WORDS = _PROSE.split(" ")


def spec_text(paragraphs: int) -> str:
    """A draft spec of `paragraphs` paragraphs: preamble, numbered paragraphs, (a)-(c), notes
    (mid-sentence and at the end)."""
    preamble = [{"text": f"*Recalling* {' '.join(_WORDS[: 20 + i % 15])},"}
                for i in range(paragraphs // 5)]
    operative: list[object] = []
    count = len(preamble)
    i = 0
    while count < paragraphs:
        entry: dict[str, object] = {"text": f"*Requests* {' '.join(_WORDS[: 25 + i % 10])};"}
        if i % 7 == 3:
            entry["sub"] = [f"to {' '.join(_WORDS[:12])};" for _ in range(3)]
            count += 3
        if i % 11 == 5:
            # one mark mid-sentence, one at the end: the runs are cut at each mark
            words = _WORDS[: 25 + i % 10]
            entry["text"] = (f"*Requests* {' '.join(words[:8])}[^1] {' '.join(words[8:])};"
                             "[^2]")
            entry["footnotes"] = [f"ICC-ASP/18/{i}, para. {i}.", f"Rome Statute, art. {i}."]
        if i % 40 == 20:
            operative.append({"heading": f"Section {i}"})
            count += 1
        operative.append(entry)
        count += 1
        i += 1
    return yaml.safe_dump({"year": 2019, "symbol": "ICC-ASP/18/Res.6", "preamble": preamble,
                           "operative": operative}, sort_keys=False)


def render_time(spec: Path) -> tuple[float, int]:
    """Median seconds to resolve and render the spec in-process, and the paragraph count."""
    from asp_draft.refs import Resolver
    from asp_draft.writers.docx import render_docx

    resolver = Resolver()
    document = resolver.resolve(str(spec))
    return median_seconds(lambda: render_docx(resolver.resolve(str(spec))), RUNS), \
        len(document.paragraphs)


def cli_time(spec: Path, out: Path) -> float:
    """Seconds for `asp-draft build SPEC -o OUT.docx` in a fresh process (start-up included)."""
    return cli_seconds(["build", str(spec), "-o", str(out), "--force"], 1)


def main() -> None:
    """Print the timings and whether the budget holds."""
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for size in (300, 3000):
            spec = Path(tmp) / f"spec{size}.yaml"
            spec.write_text(spec_text(size))
            seconds, count = render_time(spec)
            whole = cli_time(spec, Path(tmp) / f"out{size}.docx")
            results[size] = seconds
            print(f"build {count:5d} paragraphs: render {seconds * 1000:7.1f} ms in-process, "
                  f"CLI {whole * 1000:7.1f} ms wall")
        ratio = results[3000] / results[300]
        print(f"10x the paragraphs: {ratio:.1f}x the time (linear is ~10x)")
        verdict = "within" if results[300] < BUDGET_S else "OVER"
        print(f"300 paragraphs: {verdict} the {BUDGET_S:.0f} s budget")


if __name__ == "__main__":
    main()
