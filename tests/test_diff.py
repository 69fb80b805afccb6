"""The diff core: every consecutive pair of adopted years, then tables of made-up cases."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from asp_draft.compare.diff import diff_documents, fold_typography, meta_changes, word_ops
from asp_draft.compare.view import meta_change_text
from asp_draft.model import Diff, Document, Footnote, MetaChange, Paragraph
from asp_draft.refs import Resolver
from asp_draft.text.words import new_text, old_text
from asp_draft.writers.diff_html import render_diff_html

YEARS = (2011, 2012, 2014, 2015, 2016, 2017, 2018)


@pytest.fixture(scope="module")
def years() -> dict[int, Document]:
    resolver = Resolver()
    return {y: resolver.resolve(str(y)) for y in YEARS}


def shape(diff: Diff) -> list[tuple[str, int | None, int | None]]:
    return [(c.op, c.old_index, c.new_index) for c in diff.changes]


def edits(diff: Diff) -> dict[int | None, list[tuple[str, str]]]:
    """The non-equal word operations of each modified or moved paragraph, by new index."""
    return {c.new_index: [w for w in c.words if w[0] != "equal"]
            for c in diff.changes if c.words is not None}


CURLY = "(“the Court”) "
STRAIGHT = '("the Court") '

# Written out from the texts in tests/golden/: (old, new) -> (ops, word changes). Every copy
# is partial, so a paragraph past the last one both share is `not-held`, never deleted or
# inserted: the other copy may simply have stopped before it.
CORPUS = {
    # 2012's copy lost nothing but its length: PP4 and PP5 are beyond its end. The 2011 copy
    # printed "( the Court )"; 2012 has curly quotes.
    (2011, 2012): (
        [("equal", 0, 0), ("modified", 1, 1), ("equal", 2, 2), ("not-held", 3, None),
         ("not-held", 4, None)],
        {1: [("delete", "( the Court ) "), ("insert", CURLY)]}),
    (2012, 2014): (
        [("modified", 0, 0), ("equal", 1, 1), ("equal", 2, 2), ("not-held", None, 3)],
        {0: [("insert", "the crime of ")]}),
    # PP3 rewritten in place is one modified paragraph, not a deletion and an insertion.
    (2014, 2015): (
        [("equal", 0, 0), ("modified", 1, 1), ("modified", 2, 2), ("equal", 3, 3),
         ("not-held", None, 4)],
        {1: [("delete", CURLY), ("insert", STRAIGHT)],
         2: [("delete", "there can be no lasting peace without "), ("delete", "that "),
             ("insert", "are complementary "),
             ("delete", "justice are thus complementary requirements,"),
             ("insert", "mutually reinforce each other,")]}),
    (2015, 2016): (
        [("modified", 0, 0), ("equal", 1, 1), ("equal", 2, 2), ("equal", 3, 3),
         ("not-held", 4, None)],
        {0: [("insert", "and end ")]}),
    # PP4: *Convinced further* gone, a *Welcoming* paragraph in its place: two paragraphs.
    (2016, 2017): (
        [("modified", 0, 0), ("modified", 1, 1), ("equal", 2, 2), ("not-held", 3, None),
         ("not-held", None, 3)],
        {0: [("insert", "the duty to ")], 1: [("delete", STRAIGHT), ("insert", CURLY)]}),
    # PP4: one *Welcoming* replaced by another is not a modification; 2017's PP4 is 2018's
    # fifth paragraph, which our copy of 2018 cut off.
    (2017, 2018): (
        [("equal", 0, 0), ("equal", 1, 1), ("equal", 2, 2), ("not-held", 3, None),
         ("not-held", None, 3)],
        {}),
}


@pytest.mark.parametrize("pair", sorted(CORPUS), ids=lambda p: f"{p[0]}-{p[1]}")
def test_consecutive_years(years: dict[int, Document], pair: tuple[int, int]) -> None:
    ops, words = CORPUS[pair]
    diff = diff_documents(years[pair[0]], years[pair[1]])
    assert shape(diff) == ops
    assert edits(diff) == words


def test_every_pair_of_years_is_in_the_table() -> None:
    assert sorted(CORPUS) == list(itertools.pairwise(YEARS))


@pytest.mark.parametrize(("pair", "ops"), [
    # The 2015 and 2016 copies differ from their neighbours in PP2 only by quotation marks.
    ((2014, 2015), ["equal", "equal", "modified", "equal", "not-held"]),
    ((2016, 2017), ["modified", "equal", "equal", "not-held", "not-held"]),
    # "( the Court )" is a different spacing and quoting, not just typography.
    ((2011, 2012), ["equal", "modified", "equal", "not-held", "not-held"]),
])
def test_ignore_typography_on_the_record(years: dict[int, Document], pair: tuple[int, int],
                                         ops: list[str]) -> None:
    diff = diff_documents(years[pair[0]], years[pair[1]], ignore_typography=True)
    assert [c.op for c in diff.changes] == ops


def test_similarities_on_the_record(years: dict[int, Document]) -> None:
    pp3 = diff_documents(years[2014], years[2015]).changes[2]
    assert 0.45 < pp3.similarity < 0.5  # rewritten, still recognisably the same paragraph


# --- made-up documents -------------------------------------------------------------------

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
         "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec",
         "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray"]


def para(text: str, **kw: object) -> Paragraph:
    return Paragraph(part=kw.pop("part", "preamble"), text=text, **kw)  # type: ignore[arg-type]


def doc(*texts: str) -> Document:
    return Document(meta={}, paragraphs=tuple(para(t) for t in texts))


def sentence(seed: int, n: int = 12) -> str:
    """A paragraph of `n` words that shares few words with other seeds."""
    return " ".join(f"{WORDS[(seed * 7 + k * 3) % len(WORDS)]}{seed}" for k in range(n)) + ","


A, B, C, D, E, F, G = (sentence(i) for i in range(7))


def edit(text: str, k: int = 1) -> str:
    """`text` with its last `k` words replaced (a light edit when k is small)."""
    words = text.split(" ")
    return " ".join(words[:-k] + ["changed"] * k)


CASES = [
    ("identical", doc(A, B, C), doc(A, B, C),
     [("equal", 0, 0), ("equal", 1, 1), ("equal", 2, 2)]),
    ("insert in the middle", doc(A, C), doc(A, B, C),
     [("equal", 0, 0), ("inserted", None, 1), ("equal", 1, 2)]),
    ("delete at the start", doc(A, B, C), doc(B, C),
     [("deleted", 0, None), ("equal", 1, 0), ("equal", 2, 1)]),
    ("delete at the end", doc(A, B, C), doc(A, B),
     [("equal", 0, 0), ("equal", 1, 1), ("deleted", 2, None)]),
    ("replace: deleted before inserted", doc(A, B, C), doc(A, D, C),
     [("equal", 0, 0), ("deleted", 1, None), ("inserted", None, 1), ("equal", 2, 2)]),
    ("light edit in place", doc(A, B, C), doc(A, edit(B), C),
     [("equal", 0, 0), ("modified", 1, 1), ("equal", 2, 2)]),
    # A moves to the end: B..E keep their places, only A is moved.
    ("move down", doc(A, B, C, D, E), doc(B, C, D, E, A),
     [("equal", 1, 0), ("equal", 2, 1), ("equal", 3, 2), ("equal", 4, 3), ("moved", 0, 4)]),
    ("move up, lightly edited", doc(A, B, C, D, E), doc(edit(E), A, B, C, D),
     [("moved", 4, 0), ("equal", 0, 1), ("equal", 1, 2), ("equal", 2, 3), ("equal", 3, 4)]),
    # C keeps its place between B and D while A and E swap around it.
    ("swap around a fixed middle", doc(A, B, C, D, E), doc(E, B, C, D, A),
     [("moved", 4, 0), ("equal", 1, 1), ("equal", 2, 2), ("equal", 3, 3), ("moved", 0, 4)]),
    ("moved and heavily rewritten is deleted + inserted", doc(A, B, C, D), doc(B, C, D, edit(A, 8)),
     [("deleted", 0, None), ("equal", 1, 0), ("equal", 2, 1), ("equal", 3, 2),
      ("inserted", None, 3)]),
    ("duplicates pair in order", doc(A, A, B), doc(B, A, A),
     [("moved", 2, 0), ("equal", 0, 1), ("equal", 1, 2)]),
    ("empty old", doc(), doc(A), [("inserted", None, 0)]),
    ("empty new", doc(A), doc(), [("deleted", 0, None)]),
    ("both empty", doc(), doc(), []),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_alignment(old: Document, new: Document,
                   expected: list[tuple[str, int | None, int | None]]) -> None:
    assert shape(diff_documents(old, new)) == expected


def test_stretch_pairs_by_best_total_not_greedily() -> None:
    # Old X1 resembles new Y1 a little and Y2 a lot; old X2 resembles only Y2 a little.
    # Greedy from the first would pair X1-Y2 and leave Y1, X2 unpaired; the best total in
    # order pairs X1-Y1 and X2-Y2.
    w = sentence(1, 20).split(" ") + sentence(2, 20).split(" ")
    p, q, r, s, t, u, v, x = (" ".join(w[k:k + 5]) for k in range(0, 40, 5))
    x1, y2 = f"{p} {q} {r} {s}", f"{p} {q} {r} {x}"  # 0.75 alike
    y1, x2 = f"{p} {q} {v} {x}", f"{t} {u} {r} {x}"  # x1-y1 0.5, x2-y2 0.5, x2-y1 0.25
    diff = diff_documents(doc(A, x1, x2, B), doc(A, y1, y2, B))
    assert shape(diff) == [("equal", 0, 0), ("modified", 1, 1), ("modified", 2, 2),
                           ("equal", 3, 3)]


def test_stretch_keeps_order_and_leaves_the_rest() -> None:
    # Two changed paragraphs become one: the closer one is modified, the other deleted.
    diff = diff_documents(doc(A, B, C, D), doc(A, edit(C), D))
    assert shape(diff) == [("equal", 0, 0), ("deleted", 1, None), ("modified", 2, 1),
                           ("equal", 3, 2)]


def test_crossing_light_edits_inside_one_stretch_are_a_move() -> None:
    diff = diff_documents(doc(A, B, C, D), doc(A, edit(C), edit(B), D))
    ops = sorted(c.op for c in diff.changes)
    assert ops == ["equal", "equal", "modified", "moved"]


def test_moves_can_be_turned_off() -> None:
    diff = diff_documents(doc(A, B, C), doc(B, C, A), detect_moves=False)
    assert shape(diff) == [("deleted", 0, None), ("equal", 1, 0), ("equal", 2, 1),
                           ("inserted", None, 2)]


def test_numbers_are_not_compared_but_structure_is() -> None:
    old = Document({}, (para("Requests the Bureau to report;", part="operative", number="3"),
                        para("Decides to meet again;", part="operative", number="4")))
    renumbered = Document({}, tuple(replace(p, number=str(int(p.number or 0) + 1))
                                    for p in old.paragraphs))
    assert [c.op for c in diff_documents(old, renumbered).changes] == ["equal", "equal"]
    note = Footnote("See ICC-ASP/16/20.", 0)
    footnoted = Document({}, (replace(old.paragraphs[0], footnotes=(note,)),
                              old.paragraphs[1]))
    change = diff_documents(old, footnoted).changes[0]
    assert (change.op, change.similarity) == ("modified", 1.0)
    assert change.words == (("equal", "Requests the Bureau to report;"),)


@pytest.mark.parametrize(("text", "folded"), [
    ("“the Court”", '"the Court"'),
    ("the Court’s", "the Court's"),
    ("‘quoted’", "'quoted'"),
    ("1998–2018 — now", "1998-2018 - now"),
    ("non\u00a0breaking", "non breaking"),
    ("two  spaces\tand a tab ", "two spaces and a tab"),
    ("plain text", "plain text"),
])
def test_fold_typography(text: str, folded: str) -> None:
    assert fold_typography(text) == folded


@pytest.mark.parametrize(("old", "new", "ignore", "ops"), [
    ("a b c", "a x c", False, [("equal", "a "), ("delete", "b "), ("insert", "x "),
                               ("equal", "c")]),
    ("say “yes” now", 'say "yes" now', False, [("equal", "say "), ("delete", "“yes” "),
                                               ("insert", '"yes" '), ("equal", "now")]),
    # Folded words align as equal but still show exactly, so the old text rebuilds.
    ("say “yes” and “no”", 'say "yes" and “no”', True,
     [("equal", "say "), ("delete", "“yes” "), ("insert", '"yes" '), ("equal", "and “no”")]),
    # a change of spaces only is one: the spaces go and come, not the words around them
    ("one  two", "one two", False, [("equal", "one"), ("delete", "  "), ("insert", " "),
                                    ("equal", "two")]),
    ("", "new words", False, [("insert", "new words")]),
])
def test_word_ops(old: str, new: str, ignore: bool, ops: list[tuple[str, str]]) -> None:
    got = word_ops(old, new, ignore_typography=ignore)
    assert list(got) == ops
    assert old_text(list(got)) == old and new_text(list(got)) == new


def test_every_paragraph_once_in_new_reading_order(years: dict[int, Document]) -> None:
    for a, b in itertools.pairwise(YEARS):
        diff = diff_documents(years[a], years[b])
        news = [c.new_index for c in diff.changes if c.new_index is not None]
        olds = sorted(c.old_index for c in diff.changes if c.old_index is not None)
        assert news == list(range(len(years[b].paragraphs)))
        assert olds == list(range(len(years[a].paragraphs)))


# --- a partial record (issue 15) ---------------------------------------------------------

def held(*texts: str, partial: bool = False) -> Document:
    meta = {"symbol": "P", "completeness": "partial: the first paragraphs only"} if partial \
        else {"symbol": "W"}
    return Document(meta=meta, paragraphs=tuple(Paragraph(part="preamble", text=t)
                                                 for t in texts))


WHOLE = held("alpha bravo charlie", "delta echo foxtrot", "golf hotel india",
             "juliet kilo lima", "mike november oscar")


def test_past_the_end_of_a_partial_newer_record_is_not_held_not_deleted() -> None:
    newer = held("alpha bravo charlie", "golf hotel india", "papa quebec romeo", partial=True)
    ops = [(c.op, c.old_index, c.new_index) for c in diff_documents(WHOLE, newer).changes]
    assert ops == [("equal", 0, 0), ("deleted", 1, None), ("equal", 2, 1),
                   ("not-held", 3, None), ("not-held", 4, None), ("inserted", None, 2)]
    # the same texts with a whole record: deletions, as before
    whole = held("alpha bravo charlie", "golf hotel india", "papa quebec romeo")
    assert [c.op for c in diff_documents(WHOLE, whole).changes] == [
        "equal", "deleted", "equal", "deleted", "deleted", "inserted"]


def test_past_the_end_of_a_partial_older_record_is_not_held_not_inserted() -> None:
    older = held("alpha bravo charlie", "golf hotel india", partial=True)
    changes = diff_documents(older, WHOLE).changes
    assert [(c.op, c.old_index, c.new_index) for c in changes] == [
        ("equal", 0, 0), ("inserted", None, 1), ("equal", 1, 2), ("not-held", None, 3),
        ("not-held", None, 4)]
    summary = diff_documents(older, WHOLE).summary()
    assert (summary["inserted"], summary["not-held"]) == (1, 2)


def test_nothing_shared_with_a_partial_record() -> None:
    """No paragraph of the whole text is known to be gone; the new one is new all the same."""
    newer = held("papa quebec romeo", partial=True)
    summary = diff_documents(WHOLE, newer).summary()
    assert (summary["not-held"], summary["deleted"], summary["inserted"]) == (5, 0, 1)


ASP, GA = "The Assembly of States Parties,", "The General Assembly,"

# (old meta, new meta) -> the changes listed, as (key, old, new, counts)
META_CASES = {
    "chapeau changed": ({"chapeau": ASP}, {"chapeau": GA}, [("chapeau", ASP, GA, True)]),
    "chapeau on one side": ({}, {"chapeau": GA}, [("chapeau", None, GA, True)]),
    "chapeau set to None": ({"chapeau": ASP}, {"chapeau": None}, [("chapeau", ASP, None, True)]),
    "chapeau blank and missing": ({"chapeau": " "}, {}, []),
    "title changed": ({"title": "Report"}, {"title": "Report of the Court"},
                      [("title", "Report", "Report of the Court", True)]),
    # a copy of the body without its title: listed, but no retitling
    "title on one side": ({"title": "Report"}, {}, [("title", "Report", None, False)]),
    "session and symbol": ({"symbol": "A/RES/79/6", "session": 79},
                           {"symbol": "A/RES/80/6", "session": "80"},
                           [("symbol", "A/RES/79/6", "A/RES/80/6", False),
                            ("session", 79, 80, False)]),
    # what one reader cannot know is not a change: a Word file has no distribution date
    "one-sided metadata": ({"distribution": "General", "date": "2024-10-30", "plenary": 29,
                            "body": "General Assembly"}, {"body": "General Assembly"}, []),
    # bookkeeping is never compared
    "bookkeeping": ({"source": "a.pdf", "file": "a.pdf", "completeness": "whole",
                     "tracked_changes": "accepted", "reproduced_in": "X"},
                    {"source": "b.pdf", "file": "b.docx", "completeness": "partial",
                     "tracked_changes": "rejected", "reproduced_in": "Y"}, []),
    "year as text and as a number": ({"year": 2017}, {"year": "2017"}, []),
    "sponsors": ({"sponsors": ["Chile", "Peru"]}, {"sponsors": ("Chile", "Sierra Leone")},
                 [("sponsors", ["Chile", "Peru"], ["Chile", "Sierra Leone"], False)]),
    "vote": ({"vote": {"yes": 27, "no": 5}}, {"vote": {"yes": 27, "no": 5}}, []),
    # a cover names its body, the metadata keys it: one body
    "a body by name and by key": ({"body": "General Assembly"}, {"body": "ga"}, []),
    "two bodies": ({"body": "General Assembly"}, {"body": "asp"},
                   [("body", "General Assembly", "asp", False)]),
    "the order of the list": (
        {"chapeau": ASP, "title": "T", "symbol": "S", "adopted": "2017-12-14", "body": "asp"},
        {"chapeau": GA, "title": "U", "symbol": "R", "adopted": "2018-12-12", "body": "ga"},
        [("chapeau", ASP, GA, True), ("title", "T", "U", True), ("symbol", "S", "R", False),
         ("body", "asp", "ga", False), ("adopted", "2017-12-14", "2018-12-12", False)]),
}


@pytest.mark.parametrize("case", list(META_CASES))
def test_meta_changes(case: str) -> None:
    old, new, expected = META_CASES[case]
    assert [(m.key, m.old, m.new, m.counts) for m in meta_changes(old, new)] == expected
    diff = diff_documents(Document(old, ()), Document(new, ()))
    assert diff.differs == any(counts for *_, counts in expected)


def test_ignore_typography_folds_the_chapeau_too() -> None:
    old, new = {"chapeau": "The States’ Assembly,"}, {"chapeau": "The States'  Assembly,"}
    assert [m.key for m in meta_changes(old, new)] == ["chapeau"]
    assert meta_changes(old, new, ignore_typography=True) == ()


@pytest.mark.parametrize(("change", "text"), [
    (MetaChange("chapeau", ASP, GA, True),
     "chapeau: 'The Assembly of States Parties,' → 'The General Assembly,'"),
    (MetaChange("chapeau", None, GA, True), "chapeau: (none) → 'The General Assembly,'"),
    (MetaChange("title", "The States' report", "Report"),
     'title: "The States\' report" → \'Report\''),
    (MetaChange("session", 79, 80), "session: 79 → 80"),
    (MetaChange("sponsors", ["Chile", "Peru"], ["Peru", "Chile", "Sierra Leone"]),
     "sponsors: added 'Sierra Leone'"),
    (MetaChange("sponsors", ["Chile", "Peru"], ["Peru"]), "sponsors: removed 'Chile'"),
    (MetaChange("sponsors", ["Chile", "Peru"], ["Peru", "Chile"]),
     "sponsors: the same, in another order"),
    (MetaChange("vote", {"yes": 27, "no": 5}, {"yes": 28, "no": 4}),
     "vote: yes 27, no 5 → yes 28, no 4"),
])
def test_meta_change_text(change: MetaChange, text: str) -> None:
    assert meta_change_text(change) == text


def test_html_meta_table_marks_printed_text_and_lists_the_rest() -> None:
    old = {"chapeau": ASP, "session": 79, "sponsors": ["Chile", "Peru"]}
    new = {"chapeau": GA, "session": 80, "sponsors": ["Peru", "Sierra Leone"]}
    page = render_diff_html(diff_documents(Document(old, ()), Document(new, ())))
    assert ('<tr class="counts"><th>chapeau</th><td><del>The Assembly of States Parties,</del>'
            ' → <ins>The General Assembly,</ins></td>') in page
    assert ('<tr class="listed"><th>session</th><td><span class="old">79</span> → '
            '<span class="new">80</span></td><td class="how">listed</td></tr>') in page
    assert ("<th>sponsors</th><td>added &#x27;Sierra Leone&#x27;; removed &#x27;Chile&#x27;"
            "</td>") in page
