"""blame, search and lint over a generated record: ten adopted years of P paragraphs each.

Run: python benchmarks/bench_history.py   (P = 300, then 10x to check how the time grows)

The library is written to a temporary folder: P clauses (a fifth preambular), a third of them
reworded half-way through the decade, ten session files, and a draft that takes every clause
and rewrites one paragraph in ten, so blame looks for the closest adopted paragraph for those.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path

import yaml
from timing import cli_seconds, median_seconds

YEARS = range(2030, 2040)
QUERIES = ("cooperation", '"States Parties to"', "implement*", "Court NOT budget")


def vocabulary(rng: random.Random) -> list[str]:
    """Two thousand pronounceable words and the common words of resolutions."""
    syllables = ["ca", "de", "li", "mo", "nu", "ra", "se", "ti", "vo", "ze", "pa", "gu"]
    made = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(2600)}
    return sorted(made)[:2000] + ["the", "of", "and", "to", "Court", "States", "Parties",
                                  "cooperation", "implementation", "budget", "report"] * 20


def sentence(rng: random.Random, words: list[str], n: int) -> str:
    """n words of prose."""
    return " ".join(rng.choice(words) for _ in range(n))


def write_library(root: Path, paragraphs: int, seed: int = 7) -> tuple[Path, Path]:
    """The library folder and a draft spec; returns (library, draft)."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    ids: dict[str, list[str]] = {"preamble": [], "operative": []}
    texts: dict[str, str] = {}
    for i in range(paragraphs):
        part = "preamble" if i < paragraphs // 5 else "operative"
        clause_id = f"c{i:05d}"
        ids[part].append(clause_id)
        lead, end = ("*Recalling*", ",") if part == "preamble" else ("*Requests*", ";")
        first = f"{lead} {sentence(rng, words, rng.randint(30, 90))}{end}"
        symbols = [f"ICC-ASP/{y - 2001}/Res.1" for y in YEARS]
        if i % 3 == 0:
            changed = first.replace(" the ", " the said ", 1)
            versions = [{"adopted": symbols[:5], "text": first},
                        {"adopted": symbols[5:], "text": changed if changed != first
                         else first[:-1] + " again" + end}]
        else:
            versions = [{"adopted": symbols, "text": first}]
        texts[clause_id] = versions[-1]["text"]  # type: ignore[assignment]
        (root / part).mkdir(parents=True, exist_ok=True)
        (root / part / f"{clause_id}.yaml").write_text(yaml.safe_dump(
            {"id": clause_id, "part": part, "topic": "generated", "versions": versions},
            sort_keys=False), encoding="utf-8")
    (root / "sessions").mkdir(parents=True, exist_ok=True)
    for year in YEARS:
        (root / "sessions" / f"{year}.yaml").write_text(yaml.safe_dump(
            {"year": year, "symbol": f"ICC-ASP/{year - 2001}/Res.1", "title": "Generated",
             "adopted": f"{year}-12-10", "preamble": ids["preamble"],
             "operative": ids["operative"]}, sort_keys=False), encoding="utf-8")
    draft: dict[str, list[object]] = {"preamble": [], "operative": []}
    for part in ("preamble", "operative"):
        for n, clause_id in enumerate(ids[part]):
            if n % 10 == 4:  # rewritten: blame has to find the closest adopted paragraph
                text = texts[clause_id].split(" ")
                text[3:6] = sentence(rng, words, 4).split(" ")
                draft[part].append({"text": " ".join(text)})
            else:
                draft[part].append(clause_id)
    spec = root.parent / "draft.yaml"
    spec.write_text(yaml.safe_dump({"year": 2040, "symbol": "ICC-ASP/39/Res.1", **draft},
                                   sort_keys=False), encoding="utf-8")
    return root, spec


def measure(paragraphs: int, runs: int) -> float:
    """Print the figures for one size; return the in-process blame + lint + search time."""
    from asp_draft.compare.history import blame, build_record
    from asp_draft.compare.lint import lint
    from asp_draft.compare.search import open_index, search
    from asp_draft.folders import library_dirs
    from asp_draft.library.assemble import assemble
    from asp_draft.library.load import load_layers
    from asp_draft.library.spec_reader import read_spec

    with tempfile.TemporaryDirectory() as tmp:
        lib_dir, spec = write_library(Path(tmp) / "lib", paragraphs)
        cache = Path(tmp) / "cache"
        env = {**os.environ, "ASP_DRAFT_LIBRARY": str(lib_dir), "ASP_DRAFT_CACHE": str(cache)}
        os.environ.update(ASP_DRAFT_LIBRARY=str(lib_dir), ASP_DRAFT_CACHE=str(cache))
        library = load_layers(library_dirs())
        draft = assemble(read_spec(spec), library)
        record = build_record(library)
        t_record = median_seconds(lambda: build_record(library), runs)
        t_blame = median_seconds(lambda: blame(draft, library, record), runs)
        t_lint = median_seconds(lambda: lint(draft), runs)
        start = time.perf_counter()
        open_index(library_dirs(), lambda: record).close()
        t_index = time.perf_counter() - start

        def queries() -> None:
            db = open_index(library_dirs(), lambda: record)
            for q in QUERIES:
                search(db, q)
            db.close()

        t_search = median_seconds(queries, runs) / len(QUERIES)
        fresh = sum(1 for b in blame(draft, library, record) if b.since is None)
        print(f"{paragraphs} paragraphs a year x {len(YEARS)} years "
              f"({len(record.entries):,} adopted paragraphs); draft of {len(draft.paragraphs)}"
              f" paragraphs, {fresh} never adopted")
        print(f"  build the record          {t_record * 1000:8.1f} ms  (median of {runs})")
        print(f"  blame the draft           {t_blame * 1000:8.1f} ms  (record built)")
        print(f"  lint the draft            {t_lint * 1000:8.1f} ms")
        print(f"  search index, first use   {t_index * 1000:8.1f} ms  (written to the cache)")
        print(f"  search, one query         {t_search * 1000:8.1f} ms  (cached index)")
        blamed = cli_seconds(["blame", str(spec), "--json"], 3, env=env) * 1000
        searched = cli_seconds(["search", "cooperation"], 3, env=env) * 1000
        print(f"  asp-draft blame --json    {blamed:8.1f} ms  (wall, median of 3)")
        print(f"  asp-draft search          {searched:8.1f} ms  (wall, cached index, median of 3)")
        return t_blame + t_lint + t_search


def main() -> None:
    """P = 300, then 3,000."""
    small = measure(300, 5)
    large = measure(3000, 3)
    print(f"10x paragraphs: {large / small:.1f}x the blame + lint + search time "
          "(linear would be ~10x)")


if __name__ == "__main__":
    main()
