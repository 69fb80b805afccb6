"""Compare two documents: align paragraphs, find moves, then diff words inside the changes.

How a diff is made, in four passes over the paragraphs:

1. **Anchors.** Paragraphs are compared by a key (part, level, heading, footnotes and the text,
   typography-folded with `ignore_typography`); a longest common subsequence of the keys is
   kept as `equal` (Hunt-Szymanski: fast when most paragraphs are unique). A paragraph among
   unchanged neighbours therefore keeps its place however others move around it.
2. **Exact moves.** A leftover paragraph whose key appears among the leftovers of the other
   side stands elsewhere unchanged: `moved`.
3. **Stretches.** Between two anchors, the changed paragraphs of both sides are paired in order
   so that the total word similarity is greatest (a small alignment table, not greedy from the
   first); a pair below `MODIFIED_MIN` is not the same paragraph, so it is deleted + inserted.
4. **Light moves.** Leftovers that are lightly edited copies of each other (`MOVED_MIN`) are
   `moved`; only leftovers are compared, after a cheap rare-word prefilter.

Operative numbers are not compared: renumbering follows from insertions and deletions (Word
numbers paragraphs itself), so `12.` becoming `13.` is not a change. Everything else a
paragraph prints is: the lead is part of `Paragraph.text`, and words diff that text, so the
`words` of a change rebuild the old and new `text` exactly. A paragraph whose text is equal
but whose part, level or footnotes changed is `modified` with all its words equal.

The metadata is compared too (`meta_changes`): the chapeau and the title are printed text, so
a change in them makes the documents differ; the symbol, the body, the session, the dates and
the other keys that identify a text are listed when both sides have a value and it differs.

Two readings follow the alignment. A modified or moved paragraph whose lead changed carries
the change and its direction on the strength scale (strength.py). And when a text's record is
partial (`completeness: partial ...`), a paragraph of the other text past the last one both
share is `not-held`, not deleted or inserted: the copy may simply stop before it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rapidfuzz.distance import Indel

from asp_draft.model import Change, Diff, Document, Meta, MetaChange, Paragraph
from asp_draft.text.words import diff_tokens, tokenize

if TYPE_CHECKING:
    from pathlib import Path

# Word similarity (Indel on word sequences: 2 * common words / all words) at which two
# paragraphs in the same stretch are one paragraph rewritten. 2014->2015 PP3 (*Convinced also*,
# rewritten in place) scores 0.50; 2017->2018 PP4 (one *Welcoming* replacing another) 0.17.
MODIFIED_MIN = 0.4
# A paragraph found elsewhere must be at least this close to count as moved, not replaced.
MOVED_MIN = 0.75
# Largest stretch compared in full (old x new paragraphs); beyond it only a diagonal band is.
FULL_TABLE = 40_000
# Leftovers compared all against all up to this many pairs; beyond, through rare shared words.
ALL_PAIRS = 4_096
RARE = 8  # a word in at most this many leftover paragraphs is rare enough to index

# The metadata a diff compares, in the order it lists it. The head lines every format prints:
PRINTED_META = ("chapeau", "title")
# and what identifies a text and its adoption. Bookkeeping is left out: where a record was
# copied from (`source`, `reproduced_in`), how much of it is held (`completeness`, `note`),
# the file it was read from and how its tracked changes were read. Two printings of one
# text differ in those and nowhere else.
LISTED_META = ("symbol", "body", "status", "number", "session", "year", "adopted", "plenary",
               "meeting", "adoption", "vote", "venue", "date", "distribution", "original",
               "agenda_item", "committee", "sponsors", "submitted_by", "amends", "author",
               "proposer", "delegation", "language", "cover_note")

_FOLD = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
})


def fold_typography(text: str) -> str:
    """Straight quotes, hyphens for dashes, single spaces: what `--ignore-typography` compares."""
    return " ".join(text.translate(_FOLD).split())


def _key(p: Paragraph, ignore_typography: bool) -> tuple[object, ...]:
    text = fold_typography(p.text) if ignore_typography else p.text
    notes = tuple((fold_typography(n.text) if ignore_typography else n.text, n.at)
                  for n in p.footnotes)
    return (p.heading, p.part, p.level, notes, text)


class _Words:
    """Word sequences of paragraphs as small integers, for fast similarity."""

    def __init__(self, ignore_typography: bool) -> None:
        self.ignore = ignore_typography
        self.ids: dict[str, int] = {}

    def of(self, p: Paragraph) -> list[int]:
        text = fold_typography(p.text) if self.ignore else p.text
        return [self.ids.setdefault(w, len(self.ids)) for w in text.split()]


def similarity(a: Sequence[int], b: Sequence[int], cutoff: float = 0.0) -> float:
    """Word similarity in [0, 1]; 0.0 when below `cutoff` (checked on lengths first)."""
    total = len(a) + len(b)
    if total == 0:
        return 1.0
    if 2 * min(len(a), len(b)) / total < cutoff:
        return 0.0
    return float(Indel.normalized_similarity(a, b, score_cutoff=cutoff))


def word_ops(old: str, new: str, *, ignore_typography: bool = False) -> tuple[tuple[str, str], ...]:
    """Word operations from `old` to `new`; typography-only differences still show exactly."""
    if old == new:
        return (("equal", new),) if new else ()
    a, b = tokenize(old), tokenize(new)
    if not ignore_typography:
        return tuple(diff_tokens(a, b))
    return tuple(diff_tokens(a, b, [fold_typography(t) for t in a],
                             [fold_typography(t) for t in b]))


def lcs(a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int]]:
    """Index pairs of a longest common subsequence of `a` and `b`, in order."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    where: dict[int, list[int]] = defaultdict(list)
    for j in range(head, len(b) - tail):
        where[b[j]].append(j)
    # ends[k]: the smallest b index ending a common subsequence of length k + 1, and its chain
    ends: list[int] = []
    chains: list[tuple[int, int, object]] = []
    for i in range(head, len(a) - tail):
        for j in reversed(where.get(a[i], ())):  # descending: one a item extends one chain
            k = bisect_left(ends, j)
            link = (i, j, chains[k - 1] if k else None)
            if k == len(ends):
                ends.append(j)
                chains.append(link)
            elif j < ends[k]:  # on a tie keep the earlier `a` item: the same rule both ways
                ends[k] = j
                chains[k] = link
    middle: list[tuple[int, int]] = []
    node: object = chains[-1] if chains else None
    while node is not None:
        i, j, node = node  # type: ignore[misc]
        middle.append((i, j))
    middle.reverse()
    return ([(k, k) for k in range(head)] + middle
            + [(len(a) - tail + k, len(b) - tail + k) for k in range(tail)])


def _align_stretch(olds: list[int], news: list[int],
                   sim: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Pairs (old, new) in order with the greatest total similarity (pairs in `sim` only).

    On a tie, fewer and so stronger pairs win. Similarities are counted in millionths so
    that equal totals are equal whichever way they were summed (and whichever side is old).
    """
    n, m = len(olds), len(news)
    if not sim:
        return []
    score = {k: round(v * 1_000_000) for k, v in sim.items()}
    # best[i][j]: (total, -pairs) over olds[i:] and news[j:]; filled from the end.
    best = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            value = max(below[j], row[j + 1])
            s = score.get((olds[i], news[j]))
            if s is not None:
                total, count = below[j + 1]
                value = max(value, (total + s, count - 1))
            row[j] = value
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        s = score.get((olds[i], news[j]))
        if s is not None and best[i][j] == (best[i + 1][j + 1][0] + s,
                                            best[i + 1][j + 1][1] - 1):
            pairs.append((olds[i], news[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _stretch_similarities(olds: list[int], news: list[int], words_a: dict[int, list[int]],
                          words_b: dict[int, list[int]]) -> dict[tuple[int, int], float]:
    """Similarities at or above MODIFIED_MIN within a stretch (a band of it when it is large)."""
    n, m = len(olds), len(news)
    band = max(n, m) if n * m <= FULL_TABLE else max(2, FULL_TABLE // max(n, m) // 2)
    out: dict[tuple[int, int], float] = {}
    for x, i in enumerate(olds):
        centre = x * m // n if n else 0
        for y in range(max(0, centre - band), min(m, centre + band + 1)):
            j = news[y]
            s = similarity(words_a[i], words_b[j], MODIFIED_MIN)
            if s >= MODIFIED_MIN:
                out[(i, j)] = s
    return out


def _light_moves(olds: list[int], news: list[int], words_a: dict[int, list[int]],
                 words_b: dict[int, list[int]]) -> list[tuple[int, int, float]]:
    """Pairs of leftovers that are lightly edited copies, best first, each used once."""
    candidates: list[tuple[float, int, int]] = []
    if len(olds) * len(news) <= ALL_PAIRS:
        pairs = ((i, j) for i in olds for j in news)
    else:
        # A light edit keeps most words, so it shares some rare word with its original.
        df: dict[int, list[int]] = defaultdict(list)
        for j in news:
            for w in set(words_b[j]):
                df[w].append(j)
        index = {w: js for w, js in df.items() if len(js) <= RARE}
        pairs = ((i, j) for i in olds
                 for j in sorted({j for w in set(words_a[i]) for j in index.get(w, ())}))
    for i, j in pairs:
        s = similarity(words_a[i], words_b[j], MOVED_MIN)
        if s >= MOVED_MIN:
            candidates.append((-s, j, i))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    out = []
    for neg, j, i in candidates:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            out.append((i, j, -neg))
    return out


def diff_documents(old: Document, new: Document, *, ignore_typography: bool = False,
                   detect_moves: bool = True, word_lists: Sequence[Path] = ()) -> Diff:
    """Align `old` and `new` paragraph by paragraph and word by word (see the module notes);
    a changed lead is ranked on the bundled strength scale as the strength.txt of the
    `word_lists` folders (the user's library folders) refine it."""
    pa, pb = old.paragraphs, new.paragraphs
    ids: dict[tuple[object, ...], int] = {}
    ka = [ids.setdefault(_key(p, ignore_typography), len(ids)) for p in pa]
    kb = [ids.setdefault(_key(p, ignore_typography), len(ids)) for p in pb]

    # 1. anchors, and the stretches between them
    in_place: dict[int, int] = {}  # new index -> old index, equal or modified (not moved)
    sims: dict[int, float] = {}  # new index -> similarity of its pair
    stretches: list[tuple[list[int], list[int]]] = []
    ai = bj = 0
    for a0, b0 in [*lcs(ka, kb), (len(ka), len(kb))]:
        if a0 > ai or b0 > bj:
            stretches.append((list(range(ai, a0)), list(range(bj, b0))))
        if a0 < len(ka):
            in_place[b0] = a0
            sims[b0] = 1.0
        ai, bj = a0 + 1, b0 + 1
    equal_new = set(in_place)

    # 2. exact moves among the leftovers
    moved: dict[int, int] = {}  # new index -> old index
    if detect_moves:
        waiting: dict[int, deque[int]] = defaultdict(deque)
        for olds, _ in stretches:
            for i in olds:
                waiting[ka[i]].append(i)
        for _, news in stretches:
            for j in news:
                if waiting.get(kb[j]):
                    moved[j] = waiting[kb[j]].popleft()
                    sims[j] = 1.0
    moved_old = set(moved.values())

    # 3. pair what is left in each stretch by best total similarity
    words = _Words(ignore_typography)
    words_a: dict[int, list[int]] = {}
    words_b: dict[int, list[int]] = {}
    left_old: list[int] = []
    left_new: list[int] = []
    for olds, news in stretches:
        olds = [i for i in olds if i not in moved_old]
        news = [j for j in news if j not in moved]
        for i in olds:
            words_a[i] = words.of(pa[i])
        for j in news:
            words_b[j] = words.of(pb[j])
        close = _stretch_similarities(olds, news, words_a, words_b)
        paired = _align_stretch(olds, news, close)
        for i, j in paired:
            in_place[j] = i
            sims[j] = close[(i, j)]
        done_old = {i for i, _ in paired}
        left_old += [i for i in olds if i not in done_old]
        left_new += [j for j in news if j not in in_place]

    # 4. lightly edited paragraphs that stand elsewhere
    if detect_moves and left_old and left_new:
        for i, j, s in _light_moves(left_old, left_new, words_a, words_b):
            moved[j] = i
            sims[j] = s
        moved_old = set(moved.values())

    changes = _in_reading_order(pa, pb, in_place, equal_new, moved, moved_old, sims,
                                ignore_typography, tuple(word_lists))
    return Diff(old, new, tuple(_not_held(changes, old.meta.partial, new.meta.partial)),
                meta_changes(old.meta, new.meta, ignore_typography=ignore_typography))


def meta_changes(old: Mapping[str, Any], new: Mapping[str, Any], *,
                 ignore_typography: bool = False) -> tuple[MetaChange, ...]:
    """The compared metadata (PRINTED_META, LISTED_META) whose values differ, in that order.

    A value only one side has is listed for the head lines alone, where its absence is
    printed too; for the other keys it says what the other copy could carry (a delegation's
    Word file has no distribution date), not that the text changed. Of the head lines, a
    chapeau always counts as a difference (every reader sees the opening line of the text),
    a title only when both sides have one (a body copied without its title is no retitling).
    """
    old, new = Meta.of(old), Meta.of(new)  # typed: a session is a number either side
    out = []
    for key in (*PRINTED_META, *LISTED_META):
        a, b = _meta_value(old.get(key)), _meta_value(new.get(key))
        one_sided = a is None or b is None
        if (a is None and b is None) or (one_sided and key not in PRINTED_META) \
                or _same_value(a, b, ignore_typography) \
                or (key == "body" and _body_key(a) == _body_key(b)):
            continue
        counts = key == "chapeau" or (key in PRINTED_META and not one_sided)
        out.append(MetaChange(key, a, b, counts))
    return tuple(out)


def _meta_value(value: Any) -> Any:
    """A metadata value, None for an empty one (None, blank text, an empty list)."""
    if value is None or (isinstance(value, str | list | tuple | dict) and not (
            value.strip() if isinstance(value, str) else value)):
        return None
    return list(value) if isinstance(value, tuple) else value


def _body_key(value: Any) -> str:
    """A body as the table keys it: a cover names its body (`General Assembly`), metadata
    may key it (`ga`); one body either way. Read only when two texts name bodies apart."""
    from asp_draft.library.bodies import table

    text = str(value).strip()
    found = table().named(text)
    return found.key if found is not None else text


def _same_value(a: Any, b: Any, ignore_typography: bool) -> bool:
    """Equal values; text and numbers compared as printed (`2017` and 2017 are one year)."""
    def printed(value: Any) -> Any:
        if isinstance(value, list):
            return [printed(v) for v in value]
        if isinstance(value, dict):
            return {str(k): printed(v) for k, v in value.items()}
        return fold_typography(str(value)) if ignore_typography else str(value)
    return bool(printed(a) == printed(b))


def _not_held(changes: list[Change], old_partial: bool, new_partial: bool) -> list[Change]:
    """Deletions and insertions past the last paragraph both sides share, when the other
    side's record is partial: the paragraph may stand there beyond what is held.

    A paragraph missing between two shared ones is missing from the held text itself, so it
    stays deleted or inserted; past the last shared one, the copy may simply have stopped.
    """
    if not (old_partial or new_partial):
        return changes
    shared = [c for c in changes if c.op in ("equal", "modified", "moved")]
    last_old = max((c.old_index for c in shared if c.old_index is not None), default=-1)
    last_new = max((c.new_index for c in shared if c.new_index is not None), default=-1)
    out = []
    for c in changes:
        if (new_partial and c.op == "deleted" and (c.old_index or 0) > last_old) or (
                old_partial and c.op == "inserted" and (c.new_index or 0) > last_new):
            c = Change("not-held", c.old_index, c.new_index, 0.0)
        out.append(c)
    return out


def _in_reading_order(pa: Sequence[Paragraph], pb: Sequence[Paragraph], in_place: dict[int, int],
                      equal_new: set[int], moved: dict[int, int], moved_old: set[int],
                      sims: dict[int, float], ignore_typography: bool,
                      word_lists: tuple[Path, ...]) -> list[Change]:
    """The new document's order, each deleted paragraph after the one it followed."""
    old_to_new = {i: j for j, i in in_place.items()}
    deleted_after: dict[int, list[int]] = defaultdict(list)  # new index (-1: start) -> olds
    last = -1
    for i in range(len(pa)):
        if i in old_to_new:
            last = old_to_new[i]
        elif i not in moved_old:
            deleted_after[last].append(i)

    changes = [Change("deleted", i, None, 0.0) for i in deleted_after[-1]]
    for j, p in enumerate(pb):
        if j in equal_new:
            changes.append(Change("equal", in_place[j], j, 1.0))
        elif j in in_place or j in moved:
            i = in_place[j] if j in in_place else moved[j]
            ops = word_ops(pa[i].text, p.text, ignore_typography=ignore_typography)
            strength = None
            if pa[i].lead != p.lead:  # the scale (a data file) is read only when a lead moved
                from asp_draft.compare.strength import lead_change

                strength = lead_change(pa[i].lead, p.lead, word_lists)
            changes.append(Change("modified" if j in in_place else "moved", i, j,
                                  sims[j], ops, strength))
        else:
            changes.append(Change("inserted", None, j, 0.0))
        changes += [Change("deleted", i, None, 0.0) for i in deleted_after[j]]
    return changes
