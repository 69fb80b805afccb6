"""A body's whole record: 1,000 made-up resolutions adopted in one command, then read back.

Run: python benchmarks/bench_library.py            (100, 1,000 and 2,000 resolutions)
     python benchmarks/bench_library.py --quick    (20 and 100: a check that it runs)
     python benchmarks/bench_library.py --sizes 100 1000

The generator writes the plain-text copies of SESSIONS sessions of a General Assembly-like
body, each of N/SESSIONS resolutions (A/RES/<session>/<n>), from a fixed seed. A resolution
follows its predecessor of the previous session, as agenda items do: about half its paragraphs
repeat last year's wording, a quarter rewrite a few of its words (a new version of the clause)
and a quarter are new language. The texts are made from the phrases resolutions are made of,
and each agenda item has its own names (its programmes, bodies and places), so the common
words repeat across resolutions as a real record's do while each item's language stays its own.

Printed for each size: `adopt FOLDER` (one command, wall), then `show`, `blame` and `new
--from` of one resolution against `asp-draft --version` (fresh processes; the first blame,
which scans the resolution files and keeps the scan in the cache folder, apart), and a first
and a second `search`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import cli_seconds

SESSIONS = 10
FIRST_YEAR = 2030
FIRST_SESSION = 85
BUDGET_ADOPT_1000 = 150.0

_PRE_LEADS = ("Recalling", "Reaffirming", "Recognizing", "Noting with appreciation",
              "Welcoming", "Bearing in mind", "Commending", "Appreciating", "Emphasizing",
              "Acknowledging", "Taking note of", "Stressing")
_OP_LEADS = ("Requests", "Encourages", "Calls upon", "Urges", "Invites", "Decides",
             "Welcomes", "Reaffirms", "Stresses", "Notes", "Recognizes", "Emphasizes")
_ACTORS = ("Member States", "the Secretary-General", "the specialized agencies",
           "the United Nations system", "regional organizations", "civil society",
           "the international community", "States parties", "the relevant bodies",
           "the Human Rights Council", "donor countries", "national institutions")
_VERBS = ("to strengthen", "to continue to support", "to promote", "to consider",
          "to ensure the full implementation of", "to enhance cooperation on",
          "to report on", "to contribute voluntarily to", "to take into account",
          "to give due consideration to", "to intensify efforts towards",
          "to build capacity for")
_THINGS = ("sustainable development", "the rule of law", "human rights", "gender equality",
           "disaster risk reduction", "the eradication of poverty", "access to justice",
           "the protection of civilians", "climate change adaptation", "public health",
           "education for all", "the rights of the child", "migration governance",
           "food security", "oceans and the law of the sea", "peacebuilding",
           "the prevention of violence", "technical cooperation", "financial inclusion",
           "the digital divide", "biological diversity", "decent work", "road safety",
           "the rights of indigenous peoples")
_TAILS = ("in accordance with their national legislation", "within existing resources",
          "at the national, regional and international levels",
          "in close cooperation with relevant stakeholders",
          "taking into account national circumstances", "as a matter of priority",
          "in a coordinated and coherent manner", "through voluntary contributions",
          "with a view to achieving the agreed goals", "on the basis of reliable data")
_ASPECTS = ("framework", "programme", "strategy", "mechanism", "trust fund", "plan of action",
            "initiative", "partnership", "network", "centre", "platform", "guidelines")
_BODIES = ("Commission", "Conference", "Committee", "Forum", "Agency", "Office", "Institute",
           "Council", "Working Group", "Panel")
_SYLLABLES = ("ka", "lo", "mi", "ra", "te", "su", "vo", "ne", "da", "ri", "po", "zu", "fe",
              "ga", "shi", "ton", "bel", "mar")
_TOPICS = ("Cooperation on", "Promotion of", "Strengthening", "Implementation of",
           "International action on", "Follow-up to the conference on")


def _names(rng: random.Random) -> list[str]:
    """The words an agenda item's resolutions speak of: its programmes, bodies and places."""
    return ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
            for _ in range(60)]


_LINKS = ("the", "of", "and", "for", "in", "on", "its", "with", "by", "through", "under")


def _clause(rng: random.Random, names: list[str]) -> str:
    """A phrase of a resolution: an actor, a verb and its object in the item's own words."""
    own = [rng.choice(names) if rng.random() < 0.8 else rng.choice(_LINKS)
           for _ in range(rng.randint(14, 24))]
    return (f"{rng.choice(_ACTORS)} {rng.choice(_VERBS)} the {' '.join(own)} "
            f"{rng.choice(_ASPECTS)} of the {rng.choice(names).capitalize()} "
            f"{rng.choice(_BODIES)}")


def _paragraph(rng: random.Random, part: str, names: list[str]) -> tuple[str, str]:
    """(lead, body) of a new paragraph of one or two phrases."""
    lead = rng.choice(_PRE_LEADS if part == "preamble" else _OP_LEADS)
    body = _clause(rng, names)
    if rng.random() < 0.5:
        body += f", {rng.choice(_TAILS)}"
    if rng.random() < 0.4:
        body += f", and {_clause(rng, names)}"
    return lead, body


def _reword(rng: random.Random, body: str) -> str:
    """A few words of a paragraph changed, as a negotiation changes them."""
    words = body.split(" ")
    at = rng.randrange(max(1, len(words) - 3))
    words[at:at + 2] = rng.choice(_THINGS).removeprefix("the ").split(" ")
    return " ".join(words)


def _next_year(rng: random.Random, paragraphs: list[tuple[str, str, str]],
               names: list[str]) -> list[tuple[str, str, str]]:
    """Last year's text for this year: half kept, a quarter reworded, a quarter new."""
    out: list[tuple[str, str, str]] = []
    for part, lead, body in paragraphs:
        roll = rng.random()
        if roll < 0.5:
            out.append((part, lead, body))
        elif roll < 0.75:
            out.append((part, lead, _reword(rng, body)))
        else:
            out.append((part, *_paragraph(rng, part, names)))
    return out


def _first_year(rng: random.Random, names: list[str]) -> list[tuple[str, str, str]]:
    return [("preamble", *_paragraph(rng, "preamble", names))
            for _ in range(rng.randint(5, 12))] + \
        [("operative", *_paragraph(rng, "operative", names)) for _ in range(rng.randint(6, 16))]


def _text(symbol: str, title: str, year: int, adopted: str,
          paragraphs: list[tuple[str, str, str]]) -> str:
    """A plain-text copy of a resolution, as asp-draft reads one."""
    lines = [f"# symbol: {symbol}", f"# title: {title}", f"# year: {year}",
             f"# adopted: {adopted}", "", "The General Assembly,", ""]
    preamble = [(lead, body) for part, lead, body in paragraphs if part == "preamble"]
    operative = [(lead, body) for part, lead, body in paragraphs if part == "operative"]
    for lead, body in preamble:
        lines += [f"{lead} {body},", ""]
    for n, (lead, body) in enumerate(operative, 1):
        end = "." if n == len(operative) else ";"
        lines += [f"{n}. {lead} {body}{end}", ""]
    return "\n".join(lines)


def generate(folder: Path, count: int, seed: int = 2030) -> list[str]:
    """`count` resolutions in SESSIONS sessions as .txt files in `folder`; their symbols."""
    rng = random.Random(seed)
    per = max(1, count // SESSIONS)
    folder.mkdir(parents=True, exist_ok=True)
    texts: dict[int, list[tuple[str, str, str]]] = {}
    titles = {n: f"{rng.choice(_TOPICS)} {rng.choice(_THINGS)} ({n})" for n in range(1, per + 1)}
    names = {n: _names(rng) for n in range(1, per + 1)}
    symbols: list[str] = []
    for s in range(SESSIONS):
        year, session = FIRST_YEAR + s, FIRST_SESSION + s
        for n in range(1, per + 1):
            texts[n] = _next_year(rng, texts[n], names[n]) if n in texts else \
                _first_year(rng, names[n])
            symbol = f"A/RES/{session}/{n}"
            day = 1 + n * 20 // per
            text = _text(symbol, titles[n], year, f"{year}-12-{min(day, 22):02d}", texts[n])
            (folder / f"a-res-{session}-{n:04d}.txt").write_text(text, encoding="utf-8")
            symbols.append(symbol)
    return symbols


def _run(args: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "asp_draft", *args], env=env, text=True,
                          capture_output=True, check=False)
    return time.perf_counter() - start, done


def _against_version(args: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median seconds of `asp-draft ARGS`, and the median of its ratio to `--version` run
    just before it in each round: this machine's load changes faster than a median of
    separate runs can follow."""
    times, ratios = [], []
    for _ in range(runs):
        version = cli_seconds(["--version"], 1, env=env)
        took = cli_seconds(args, 1, env=env)
        times.append(took)
        ratios.append(took / version)
    return statistics.median(times), statistics.median(ratios)


def measure(count: int, runs: int) -> dict[str, float]:
    """Adopt `count` generated resolutions in one command and time the reads; print them."""
    with tempfile.TemporaryDirectory() as tmp:
        texts, lib = Path(tmp) / "texts", Path(tmp) / "lib"
        symbols = generate(texts, count)
        env = {**os.environ, "ASP_DRAFT_NO_BUNDLED": "1", "ASP_DRAFT_CACHE": str(Path(tmp) / "c"),
               # compiled once and kept, as an installed asp-draft is (pip compiles it), and
               # outside the checkout: otherwise every run compiles every module it imports
               "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        took, done = _run(["adopt", str(texts), "--into", str(lib)], env)
        if done.returncode != 0:
            sys.exit(f"adopt failed ({done.returncode}): {done.stderr[-2000:]}")
        clauses = sum(1 for _ in lib.glob("*/*.yaml")) - len(symbols)
        print(f"{len(symbols)} resolutions ({SESSIONS} sessions), {clauses} clause files")
        print(f"  adopt FOLDER (one command)  {took:8.1f} s   ({took / len(symbols) * 1000:.0f}"
              " ms a resolution)")
        one = symbols[len(symbols) // 2 + 1]
        common = ["--library", str(lib)]
        version = cli_seconds(["--version"], runs, env=env)
        figures = {"adopt": took, "version": version}
        print(f"  asp-draft --version         {version * 1000:8.1f} ms  (median of {runs})")
        # the first blame reads every resolution file and keeps its scan for the next ones
        cold, done = _run([*common, "blame", one, "--json"], env)
        if done.returncode != 0:
            sys.exit(f"blame failed: {done.stderr[-2000:]}")
        print(f"  blame, first (files scanned) {cold * 1000:7.1f} ms")
        for name, args in (("show", ["show", one]),
                           ("blame", ["blame", one, "--json"]),
                           ("new --from", ["new", str(FIRST_YEAR + SESSIONS), "--from", one,
                                           "-o", str(Path(tmp) / "draft.yaml"), "--force"])):
            t, ratio = _against_version([*common, *args], runs, env)
            figures[name] = t
            print(f"  asp-draft {name:17} {t * 1000:8.1f} ms  {ratio:.2f}x --version "
                  f"(budget 2x; median of {runs} rounds)")
        shutil.rmtree(Path(tmp) / "c", ignore_errors=True)
        first, done = _run([*common, "search", "sustainable development"], env)
        if done.returncode != 0:
            sys.exit(f"search failed: {done.stderr[-2000:]}")
        second, ratio = _against_version([*common, "search", "rule of law"], runs, env)
        figures.update({"first search": first, "search": second})
        print(f"  search, first (index built) {first * 1000:8.1f} ms  (budget 10 s)")
        print(f"  search, cached index        {second * 1000:8.1f} ms  {ratio:.2f}x "
              f"--version (budget 1.5x)")
        return figures


def main() -> None:
    """100, 1,000 and 2,000 resolutions (--quick: 20 and 100)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 and 100 resolutions")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per figure")
    parser.add_argument("--sizes", type=int, nargs="+", metavar="N",
                        help="these numbers of resolutions instead (the first is the base)")
    options = parser.parse_args()
    sizes = tuple(options.sizes or ((20, 100) if options.quick else (100, 1000, 2000)))
    found = {n: measure(n, options.runs) for n in sizes}
    small, *rest = sizes
    for n in rest:
        ratio = n / small
        grew = ", ".join(f"{k} {found[n][k] / found[small][k]:.1f}x"
                         for k in ("adopt", "show", "blame", "new --from", "first search"))
        print(f"{small} -> {n} resolutions ({ratio:.0f}x): {grew}")
    if 1000 in found:
        verdict = "within" if found[1000]["adopt"] <= BUDGET_ADOPT_1000 else "OVER"
        print(f"adopt of 1,000: {found[1000]['adopt']:.1f} s, {verdict} the 150 s budget")


if __name__ == "__main__":
    main()
