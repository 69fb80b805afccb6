"""Diff benchmark: two generated resolutions, ~5% changed (moves included), at 1x and 10x.

Prints the in-process diff time (median; budget 50 ms at 300 paragraphs / 20,000 words), the
end-to-end `asp-draft diff a.txt b.txt --format json` wall time, and `git diff --no-index
--word-diff=porcelain` on the same pair for comparison. Run: python benchmarks/bench_diff.py
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from timing import cli_seconds, command_seconds, median_seconds

from asp_draft.compare.diff import diff_documents
from asp_draft.readers.text import read_text_file

LEADS = ["Recalling", "Noting", "Welcoming", "Reaffirming", "Stressing", "Mindful",
         "Convinced", "Recognizing", "Emphasizing", "Acknowledging"]
VERBS = ["Requests", "Decides", "Encourages", "Invites", "Welcomes", "Urges", "Calls upon",
         "Notes", "Stresses", "Recognizes"]
WORDS = ["the", "Court", "States", "Parties", "Assembly", "Statute", "international",
         "justice", "cooperation", "victims", "Bureau", "report", "session", "budget",
         "Prosecutor", "Registry", "complementarity", "universality", "impunity",
         "crimes", "peace", "rights", "law", "support", "work", "full", "effective",
         "timely", "resources", "arrest", "warrants", "witnesses", "protection",
         "programme", "trust", "fund", "reparations"]


def paragraph(rnd: random.Random, lead: str, words: int) -> str:
    body = " ".join(rnd.choice(WORDS) for _ in range(words))
    return f"{lead} that {body}"


def generate(paragraphs: int, seed: int) -> tuple[str, str]:
    """Old and new texts: 1/3 preamble, 2/3 operative, ~67 words each, ~5% changed."""
    rnd = random.Random(seed)
    # The text reader knows operative numbers up to three digits; at 10x keep them below 1000.
    pre = max(paragraphs // 3, paragraphs - 900)
    old = [paragraph(rnd, rnd.choice(LEADS), rnd.randint(55, 75)) + "," for _ in range(pre)]
    old += [paragraph(rnd, rnd.choice(VERBS), rnd.randint(55, 75)) + ";"
            for _ in range(paragraphs - pre)]
    new = list(old)
    changes = max(4, paragraphs // 20)
    for k in range(changes):
        kind = k % 4
        i = rnd.randrange(pre + 1, len(new) - 1)
        if kind == 0:  # a few words edited
            words = new[i].split(" ")
            for _ in range(3):
                words[rnd.randrange(2, len(words))] = rnd.choice(WORDS)
            new[i] = " ".join(words)
        elif kind == 1:  # a new paragraph
            new.insert(i, paragraph(rnd, rnd.choice(VERBS), 60) + ";")
        elif kind == 2:  # a paragraph dropped
            del new[i]
        else:  # a paragraph moved elsewhere, lightly edited every other time
            moved = new.pop(i)
            if k % 8 == 7:
                moved = moved.replace(" the ", " all the ", 1)
            new.insert(rnd.randrange(pre + 1, len(new)), moved)
    return render(old, pre), render(new, pre)


def render(paragraphs: list[str], pre: int) -> str:
    blocks = ["The Assembly of States Parties,", *paragraphs[:pre]]
    blocks += [f"{n}. {p}" for n, p in enumerate(paragraphs[pre:], 1)]
    return "\n\n".join(blocks) + "\n"


def bench(folder: Path, paragraphs: int, runs: int) -> float:
    old_text, new_text = generate(paragraphs, seed=paragraphs)
    a, b = folder / f"a{paragraphs}.txt", folder / f"b{paragraphs}.txt"
    a.write_text(old_text, encoding="utf-8")
    b.write_text(new_text, encoding="utf-8")
    old, new = read_text_file(a), read_text_file(b)
    words = sum(len(p.text.split()) for p in old.paragraphs)
    in_process = median_seconds(lambda: diff_documents(old, new), runs)
    diff = diff_documents(old, new)
    summary = ", ".join(f"{n} {op}" for op, n in diff.summary().items())
    print(f"{len(old.paragraphs)} paragraphs, {words:,} words: {summary}")
    print(f"  in-process diff_documents   {in_process * 1000:8.1f} ms  (median of {runs})")
    cli = cli_seconds(["diff", str(a), str(b), "--format", "json"], 3)
    print(f"  asp-draft diff --format json {cli * 1000:7.1f} ms  (wall, median of 3)")
    if shutil.which("git"):
        git = ["git", "diff", "--no-index", "--word-diff=porcelain", str(a), str(b)]
        git_s = command_seconds(git, 3, check=False)  # git exits 1 when the files differ
        print(f"  git diff --word-diff         {git_s * 1000:7.1f} ms  (wall, median of 3)")
    return in_process


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = bench(folder, 300, runs=15)
        print(f"  budget 50 ms: {'within' if small < 0.050 else 'OVER'}")
        large = bench(folder, 3000, runs=5)
        print(f"10x paragraphs: {large / small:.1f}x the time (linear would be ~10x)")


if __name__ == "__main__":
    main()
