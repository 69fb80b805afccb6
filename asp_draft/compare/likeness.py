"""How alike two wordings are: the one measure of "closest" that blame, import and adopt share.

Word similarity (Indel on word sequences: 2 x common words in order / all words), over the
text with typography folded and case ignored, as the diff measures paragraphs. Characters
would find half of any two English sentences alike; words tell a rewritten paragraph from a
different one.
"""

from __future__ import annotations

from collections.abc import Sequence

from asp_draft.compare.diff import MODIFIED_MIN, fold_typography

# A paragraph at least this alike to an adopted clause is a new version of that clause, not a
# new clause. Calibrated on the adopted record (corpus/asp-omnibus, 2011-2018): consecutive
# wordings of one clause score 0.485-0.987 (justice-and-peace's 2015 rewrite is the lowest),
# two different clauses at most 0.326 (responsibility-to-protect 2011 against
# fight-against-impunity 2014). 0.40 sits midway, and is the diff's "recognisably the same
# paragraph rewritten" (MODIFIED_MIN), so adopt, blame, import and diff agree on it.
SAME_CLAUSE_MIN = MODIFIED_MIN


def likeness_words(text: str) -> list[str]:
    """The words a comparison sees: typography folded, lower-cased."""
    return fold_typography(text).lower().split()


def likeness(a: str | Sequence[str], b: str | Sequence[str], cutoff: float = 0.0) -> float:
    """Word similarity of two texts (or their likeness_words) in [0, 1]; 0.0 below `cutoff`."""
    from rapidfuzz.distance import Indel

    words_a = likeness_words(a) if isinstance(a, str) else a
    words_b = likeness_words(b) if isinstance(b, str) else b
    return float(Indel.normalized_similarity(words_a, words_b, score_cutoff=cutoff))


def closest(text: str, choices: Sequence[Sequence[str]],
            cutoff: float = 0.0) -> tuple[int, float] | None:
    """The index of the choice (likeness_words) most like `text`, and its likeness; the first
    on a tie; None when none reaches `cutoff`."""
    words = likeness_words(text)
    best: tuple[int, float] | None = None
    for i, choice in enumerate(choices):
        score = likeness(words, choice, cutoff)
        if score and (best is None or score > best[1]):
            best = (i, score)
    return best
