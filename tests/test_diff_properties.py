"""Properties of every diff, on generated documents (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from asp_draft.compare.diff import MODIFIED_MIN, diff_documents, fold_typography
from asp_draft.model import Document, Paragraph
from asp_draft.writers.diff_json import render_diff_json

# Few words, so paragraphs often share some and sometimes repeat; typography included.
VOCAB = ["the", "Court", "peace", "justice", "and", "of", "States", "Parties", "“the Court”",
         '"the Court"', "States’", "2017–2018", "2017-2018", "Rome", "Statute,", "to", "end"]
SPACES = [" ", " ", " ", "  ", "\u00a0"]

words = st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from(SPACES)),
                 min_size=1, max_size=12)
texts = words.map(lambda ws: "".join(w + s for w, s in ws).rstrip())
paragraph = st.builds(Paragraph, part=st.sampled_from(["preamble", "operative"]), text=texts)
documents = st.lists(paragraph, max_size=12).map(
    lambda ps: Document(meta={"symbol": "X", "year": 2000}, paragraphs=tuple(ps)))


@st.composite
def related(draw: st.DrawFn) -> tuple[Document, Document]:
    """A document and a revision of it: some paragraphs dropped, edited, added and moved."""
    old = draw(documents)
    ps = list(old.paragraphs)
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["drop", "edit", "add", "move"]))
        if kind == "add" or not ps:
            ps.insert(draw(st.integers(0, len(ps))), draw(paragraph))
            continue
        k = draw(st.integers(0, len(ps) - 1))
        if kind == "drop":
            del ps[k]
        elif kind == "edit":
            extra = draw(texts)
            ps[k] = Paragraph(part=ps[k].part, text=ps[k].text + " " + extra)
        else:
            ps.insert(draw(st.integers(0, len(ps) - 1)), ps.pop(k))
    return old, Document(meta={"symbol": "Y", "year": 2001}, paragraphs=tuple(ps))


pairs = st.one_of(related(), st.tuples(documents, documents))


def rebuild(data: dict[str, object], old: Document, new: Document) -> tuple[list[str], list[str]]:
    """Both documents' texts from the JSON, taking only inserted/deleted ones from the inputs."""
    olds: dict[int, str] = {}
    news: list[str] = []
    for c in data["changes"]:  # type: ignore[attr-defined]
        i, j = c["old_index"], c["new_index"]
        if "words" in c:
            olds[i] = "".join(w["text"] for w in c["words"] if w["op"] != "insert")
            news.append("".join(w["text"] for w in c["words"] if w["op"] != "delete"))
        elif c["op"] == "equal":
            olds[i] = new.paragraphs[j].text
            news.append(old.paragraphs[i].text)
        elif c["op"] == "inserted":
            news.append(new.paragraphs[j].text)
        else:
            olds[i] = old.paragraphs[i].text
    return [olds[i] for i in sorted(olds)], news


@settings(max_examples=300, deadline=None)
@given(pairs)
def test_json_rebuilds_both_documents(pair: tuple[Document, Document]) -> None:
    old, new = pair
    data = json.loads(render_diff_json(diff_documents(old, new)))
    assert rebuild(data, old, new) == ([p.text for p in old.paragraphs],
                                       [p.text for p in new.paragraphs])
    assert set(data["summary"]) == {"equal", "modified", "inserted", "deleted", "moved",
                                    "not-held", "weaker", "stronger"}
    for c in data["changes"]:
        assert ("words" in c) == (c["op"] in ("modified", "moved"))
        assert 0.0 <= c["similarity"] <= 1.0


@settings(max_examples=300, deadline=None)
@given(pairs)
def test_every_paragraph_once_in_reading_order(pair: tuple[Document, Document]) -> None:
    old, new = pair
    changes = diff_documents(old, new).changes
    news = [c.new_index for c in changes if c.new_index is not None]
    assert news == list(range(len(new.paragraphs)))
    assert sorted(c.old_index for c in changes if c.old_index is not None) == list(
        range(len(old.paragraphs)))
    # Paragraphs that did not move keep the old order too, deleted ones where they stood.
    in_place = [c.old_index for c in changes if c.op != "moved" and c.old_index is not None]
    assert in_place == sorted(in_place)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_a_document_against_itself_is_all_equal(document: Document) -> None:
    changes = diff_documents(document, document).changes
    assert [(c.op, c.old_index, c.new_index) for c in changes] == [
        ("equal", k, k) for k in range(len(document.paragraphs))]


def keys(document: Document, ignore: bool) -> list[tuple[str, str]]:
    return [(p.part, fold_typography(p.text) if ignore else p.text) for p in document.paragraphs]


def longest_alignments(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> int:
    """How many different longest common subsequences (as index pairs) `a` and `b` have."""
    n, m = len(a), len(b)
    length = [[0] * (m + 1) for _ in range(n + 1)]
    count = [[1] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [(length[i + 1][j], count[i + 1][j]), (length[i][j + 1], count[i][j + 1])]
            if a[i] == b[j]:
                options.append((length[i + 1][j + 1] + 1, count[i + 1][j + 1]))
            best = max(o[0] for o in options)
            total = sum(c for ln, c in options if ln == best)
            if length[i + 1][j] == best and length[i][j + 1] == best and \
                    length[i + 1][j + 1] == best:
                total -= count[i + 1][j + 1]  # counted through both skips
            length[i][j], count[i][j] = best, total
    return count[0][0]


def tied(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> bool:
    """Whether two different pairs of paragraphs are exactly as alike (a tie to break)."""
    seen = [Indel.normalized_similarity(x[1].split(), y[1].split()) for x in a for y in b]
    close = [s for s in seen if MODIFIED_MIN <= s < 1.0]
    return len(close) != len(set(close))


@settings(max_examples=300, deadline=None)
@given(pairs, st.booleans())
def test_swapping_the_documents_mirrors_the_counts(pair: tuple[Document, Document],
                                                   ignore: bool) -> None:
    old, new = pair
    forward = diff_documents(old, new, ignore_typography=ignore).summary()
    backward = diff_documents(new, old, ignore_typography=ignore).summary()
    # Always: as many paragraphs stay in place, and as many stand elsewhere verbatim, each way.
    assert backward["equal"] == forward["equal"]
    # When several alignments are equally long (A B against B A with edits around them), or two
    # pairings equally alike, which one is kept can differ with the direction, and so can
    # what is left over.
    ka, kb = keys(old, ignore), keys(new, ignore)
    if longest_alignments(ka, kb) == 1 and not tied(ka, kb):
        assert backward == {**forward, "inserted": forward["deleted"],
                            "deleted": forward["inserted"]}


@settings(max_examples=200, deadline=None)
@given(documents, st.randoms(use_true_random=False))
def test_a_shuffled_document_is_all_equal_or_moved(document: Document, rnd: object) -> None:
    shuffled = list(document.paragraphs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    diff = diff_documents(document, Document({}, tuple(shuffled)))
    assert {c.op for c in diff.changes} <= {"equal", "moved"}
    for c in diff.changes:
        if c.op == "moved" and c.new_index is not None:
            assert c.words == (("equal", shuffled[c.new_index].text),)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_typography_alone_is_equal_when_ignored(document: Document) -> None:
    curly = Document({}, tuple(
        Paragraph(part=p.part, text=p.text.replace('"', "“", 1).replace("-", "–"))
        for p in document.paragraphs))
    diff = diff_documents(document, curly, ignore_typography=True)
    assert {c.op for c in diff.changes} <= {"equal"}
    for c in diff.changes:
        assert c.old_index is not None and c.new_index is not None
        assert fold_typography(document.paragraphs[c.old_index].text) == fold_typography(
            curly.paragraphs[c.new_index].text)


# Metadata as readers give it: a chapeau or none, a title, and keys that identify a text.
CHAPEAUX = ["The Assembly of States Parties,", "The General Assembly,", "The Security Council,",
            "The Human Rights Council,", "The  General Assembly,"]
metas = st.fixed_dictionaries({}, optional={
    "chapeau": st.sampled_from(CHAPEAUX),
    "title": st.sampled_from(["Report", "Report of the Court"]),
    "symbol": st.sampled_from(["A/RES/79/6", "ICC-ASP/16/Res.6"]), "session": st.integers(1, 90),
    "adopted": st.sampled_from(["2024-10-29", "2017-12-14"]), "source": st.text(max_size=5),
    "sponsors": st.lists(st.sampled_from(["Chile", "Peru", "Sierra Leone"]), max_size=3)})


@settings(max_examples=200, deadline=None)
@given(documents, metas, st.sampled_from(CHAPEAUX), st.sampled_from(CHAPEAUX))
def test_a_chapeau_alone_makes_two_texts_differ(document: Document, meta: dict[str, object],
                                                old: str, new: str) -> None:
    """Equal paragraphs and metadata but the chapeau: they differ exactly when the chapeaux
    do, the chapeau is the one counted change, and the JSON and summary line say so."""
    before = Document({**meta, "chapeau": old}, document.paragraphs)
    after = Document({**meta, "chapeau": new}, document.paragraphs)
    diff = diff_documents(before, after)
    assert diff.differs == (old != new)
    assert [(m.key, m.old, m.new, m.counts) for m in diff.meta] == (
        [("chapeau", old, new, True)] if old != new else [])
    assert all(c.op == "equal" for c in diff.changes)
    data = json.loads(render_diff_json(diff))
    assert data.get("meta", []) == [{"key": m.key, "old": m.old, "new": m.new, "counts": True}
                                    for m in diff.meta]
    assert diff.summary_line().endswith("; chapeau changed") == (old != new)
    # with --ignore-typography, a chapeau that differs only in its spaces is the same
    folded = diff_documents(before, after, ignore_typography=True)
    assert folded.differs == (fold_typography(old) != fold_typography(new))


@settings(max_examples=200, deadline=None)
@given(documents, metas)
def test_a_document_against_itself_has_no_metadata_changes(document: Document,
                                                           meta: dict[str, object]) -> None:
    same = Document(meta, document.paragraphs)
    diff = diff_documents(same, Document(dict(meta), document.paragraphs))
    assert diff.meta == () and not diff.differs
    assert "meta" not in json.loads(render_diff_json(diff))


@settings(max_examples=200, deadline=None)
@given(documents, metas, metas)
def test_only_the_printed_head_counts(document: Document, a: dict[str, object],
                                      b: dict[str, object]) -> None:
    """Whatever else changed (symbol, session, dates, sponsors, bookkeeping), two texts with
    equal paragraphs differ only when the chapeau, or a title both have, changed; a key only
    one side has a value for is listed only for the head lines."""
    diff = diff_documents(Document(a, document.paragraphs), Document(b, document.paragraphs))
    title_changed = "title" in a and "title" in b and a["title"] != b["title"]
    assert diff.differs == (a.get("chapeau") != b.get("chapeau") or title_changed)
    for m in diff.meta:
        assert m.key != "source"  # bookkeeping is never compared
        assert m.old != m.new
        if m.old is None or m.new is None:
            assert m.key in ("chapeau", "title")
    assert {m.key for m in diff.meta if m.counts} == (
        {"chapeau"} if a.get("chapeau") != b.get("chapeau") else set()) | (
        {"title"} if title_changed else set())
