"""uptake: what each proposed wording became, on the bundled record and on made-up libraries."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asp_draft.compare.history import build_record
from asp_draft.compare.uptake import (
    ANSWER_MIN,
    BEFORE,
    CANNOT_TELL,
    ENTERED,
    IN_PART,
    NEVER,
    NOT_TAKEN_UP,
    TAKEN_UP,
    Uptake,
    entered_share,
    proposals,
    split_words,
    uptake,
)
from asp_draft.errors import RequestError
from asp_draft.library.load import Library, load_layers, load_library
from tests.conftest import one_line_error

COALITION = "Coalition for the International Criminal Court"
CICC = ("cicc-central-role", "cicc-essential-means", "cicc-justice-and-peace",
        "cicc-responsibility-to-protect")


# --- the bundled record: the Coalition's four points ------------------------------------------

@pytest.fixture(scope="module")
def bundled() -> list[Uptake]:
    library = load_library()
    return uptake(library, build_record(library))


def by_clause(uptakes: list[Uptake]) -> dict[str, Uptake]:
    return {u.clause: u for u in uptakes}


@pytest.mark.parametrize(("clause", "label"), [
    ("cicc-responsibility-to-protect", "PP1"),
    ("cicc-essential-means", "PP2"),
    ("cicc-justice-and-peace", "PP3"),
])
def test_the_2017_paragraph_that_answers_each_point(bundled: list[Uptake], clause: str,
                                                    label: str) -> None:
    u = by_clause(bundled)[clause]
    assert (u.proposer, u.proposed) == (COALITION, 2017)
    y2017 = u.years[0]
    assert (y2017.year, y2017.symbol, y2017.answer and y2017.answer.label) == (
        2017, "ICC-ASP/16/Res.6", label)
    assert y2017.found_by == "topic"
    # the three-way split: the whole proposal, the Assembly's earlier words in it, and the
    # words it never took
    assert "".join(w.text for w in y2017.words) == u.text
    ops = {w.op for w in y2017.words}
    assert BEFORE in ops and NEVER in ops
    # the baseline is the same clause's 2016 wording, the latest before the proposal
    assert y2017.baseline is not None
    assert (y2017.baseline.year, y2017.baseline.label) == (2016, label)


def test_the_central_role_point_cannot_be_told_not_rejected(bundled: list[Uptake]) -> None:
    # 2017 and 2018 hold only their first four paragraphs; the Court's central role came later
    u = by_clause(bundled)["cicc-central-role"]
    assert [(y.year, y.verdict, y.symbol, y.share, y.words) for y in u.years] == [
        (2017, CANNOT_TELL, None, None, ()), (2018, CANNOT_TELL, None, None, ())]


def test_the_points_are_judged_on_their_new_words(bundled: list[Uptake]) -> None:
    r2p = by_clause(bundled)["cicc-responsibility-to-protect"].years[0]
    before = " ".join(w.text for w in r2p.words if w.op == BEFORE)
    never = " ".join(w.text for w in r2p.words if w.op == NEVER)
    assert "responsibility to protect its population" in before
    assert "recognizing" in never and "eradicate" in never
    # 2017 added "the duty to" to the paragraph; the Coalition's words were not among them
    assert (r2p.verdict, r2p.share) == (NOT_TAKEN_UP, 0.0)
    # essential means: the paragraph stood unchanged since 2011
    means = by_clause(bundled)["cicc-essential-means"].years
    assert [(y.year, y.verdict) for y in means] == [(2017, NOT_TAKEN_UP), (2018, NOT_TAKEN_UP)]


def test_json_is_the_issue_shape(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("uptake", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [d["clause"] for d in data] == list(CICC)
    for d in data:
        assert set(d) == {"clause", "proposer", "proposed", "years"}
        for y in d["years"]:
            assert set(y) == {"year", "symbol", "label", "similarity", "verdict", "share",
                              "words"}
            assert all(set(w) == {"op", "text"} and w["op"] in (BEFORE, ENTERED, NEVER)
                       for w in y["words"])
    pp3 = data[2]["years"][0]
    assert (pp3["year"], pp3["symbol"], pp3["label"], pp3["verdict"]) == (
        2017, "ICC-ASP/16/Res.6", "PP3", NOT_TAKEN_UP)
    assert 0 < pp3["similarity"] < 1
    central = data[0]["years"][0]
    assert central == {"year": 2017, "symbol": None, "label": None, "similarity": None,
                       "verdict": CANNOT_TELL, "share": None, "words": []}


def test_terminal_output_without_colour(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("uptake", "cicc-justice-and-peace", "--since", "2018")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"cicc-justice-and-peace: proposed 2017 by {COALITION}"
    assert any(line.startswith("│ 2018 │ ICC-ASP/17/Res.5, PP3 │") for line in lines)
    assert not any("2017 │" in line for line in lines)
    assert "2018 (against ICC-ASP/15/Res.5, PP3):" in lines
    assert "justice and peace [-work hand in hand-] and" in result.out
    assert "{+" not in result.out  # nothing entered
    assert "asp-draft: 1 proposal(s); verdicts over 1 year(s): 1 not-taken-up" in result.err


def test_markdown_report(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("uptake", "cicc-central-role", "cicc-essential-means", "--format", "markdown")
    assert result.code == 0, result.err
    md = result.out
    assert md.startswith("# What became of the proposals\n")
    assert f"## cicc-central-role: proposed 2017 by {COALITION}" in md
    assert "| 2017 | not in the record (partial) | — | cannot-tell | — |" in md
    assert "| 2017 | ICC-ASP/16/Res.6, PP2 | 60% | not-taken-up | 0% |" in md
    assert "Court ~~and engagement in~~ the ~~Rome Statute system are~~ essential" in md


# --- made-up libraries: every verdict ---------------------------------------------------------

SESSIONS = {
    2020: ("X/1", "", ["alpha", "beta", "gamma"]),
    2021: ("X/2", "", ["alpha", "beta", "gamma"]),
    # the record of 2022 holds only its first paragraph
    2022: ("X/3", "completeness: 'partial: chapeau + first paragraph only'\n", ["alpha"]),
}
ADOPTED = {
    "alpha": ("Alpha", [("X/1", "*Noting* the work of the Court,"),
                        ("X/2 X/3", "*Noting* the excellent work of the Court,")]),
    "beta": ("Beta", [("X/1", "*Welcoming* the trials,"),
                      ("X/2", "*Welcoming* the swift trials,")]),
    "gamma": ("Gamma", [("X/1 X/2", "*Recalling* the Statute,")]),
}
PROPOSED = {
    "p-alpha": ("alpha", [(2021, "Republic of Utopia",
                           "*Noting* the excellent work of the Court,")]),
    "p-beta": ("BETA ", [(2021, "Coalition of Friends",
                          "*Welcoming* the swift and fair trials,")]),
    "p-gamma": ("Gamma", [(2021, "Coalition of Friends",
                           "*Recalling* the Statute and its amendments,")]),
    "p-alike": ("A topic no clause shares", [(2021, "Republic of Utopia",
                                              "*Welcoming* the swift and fair trials,")]),
    "p-twice": ("Alpha", [(2020, "Republic of Utopia", "*Noting* the able work of the Court,"),
                          (2021, "Republic of Utopia",
                           "*Noting* the excellent and able work of the Court,")]),
}


def write_library(root: Path) -> Path:
    """Three years (2022 partial), three adopted clauses and five proposals."""
    (root / "sessions").mkdir(parents=True)
    (root / "preamble").mkdir()
    for year, (symbol, extra, clauses) in SESSIONS.items():
        (root / "sessions" / f"{year}.yaml").write_text(
            f"year: {year}\nsymbol: {symbol}\ntitle: Test\nadopted: {year}-12-01\n"
            f"{extra}preamble: [{', '.join(clauses)}]\n",
            encoding="utf-8")
    for cid, (topic, versions) in ADOPTED.items():
        body = "".join(f"  - adopted: [{', '.join(s.split())}]\n    text: \"{t}\"\n"
                       for s, t in versions)
        _clause(root, cid, topic, body)
    for cid, (topic, proposed) in PROPOSED.items():
        body = "".join(f"  - proposed: {y}\n    proposer: {who}\n    text: \"{t}\"\n"
                       for y, who, t in proposed)
        _clause(root, cid, topic, body)
    return root


def _clause(root: Path, cid: str, topic: str, versions: str) -> None:
    (root / "preamble" / f"{cid}.yaml").write_text(
        f"id: {cid}\npart: preamble\ntopic: \"{topic}\"\nversions:\n{versions}", encoding="utf-8")


@pytest.fixture
def made_up(tmp_path: Path) -> Library:
    return load_layers([write_library(tmp_path / "lib")])


def verdicts(u: Uptake) -> list[tuple[int, str, str | None, float | None]]:
    return [(y.year, y.verdict, y.answer.label if y.answer else None, y.share) for y in u.years]


def run(library: Library, *names: str) -> dict[str, Uptake]:
    return by_clause(uptake(library, build_record(library), names))


def test_taken_up_every_new_word_entered(made_up: Library) -> None:
    u = run(made_up, "p-alpha")["p-alpha"]
    assert verdicts(u) == [(2021, TAKEN_UP, "PP1", 1.0), (2022, TAKEN_UP, "PP1", 1.0)]
    assert [(w.op, w.text) for w in u.years[0].words] == [
        (BEFORE, "Noting the "), (ENTERED, "excellent "), (BEFORE, "work of the Court,")]
    assert u.years[0].similarity == 1.0


def test_in_part_with_its_share_and_cannot_tell_in_a_partial_year(made_up: Library) -> None:
    u = run(made_up, "p-beta")["p-beta"]
    # swift entered; and, fair did not: one of three new words. 2022 holds only alpha.
    assert verdicts(u) == [(2021, IN_PART, "PP2", 0.33), (2022, CANNOT_TELL, None, None)]
    assert [(w.op, w.text) for w in u.years[0].words] == [
        (BEFORE, "Welcoming the "), (ENTERED, "swift "), (NEVER, "and fair "),
        (BEFORE, "trials,")]
    assert u.years[0].found_by == "topic"  # the topic matched in any case and spacing


def test_not_taken_up_when_the_paragraph_stood(made_up: Library) -> None:
    u = run(made_up, "p-gamma")["p-gamma"]
    assert verdicts(u)[0] == (2021, NOT_TAKEN_UP, "PP3", 0.0)
    assert [(w.op, w.text) for w in u.years[0].words] == [
        (BEFORE, "Recalling the Statute "), (NEVER, "and its amendments,")]


def test_a_whole_record_without_the_paragraph_did_not_take_it(tmp_path: Path) -> None:
    root = write_library(tmp_path / "lib")
    # 2023 is held whole and no longer has gamma's paragraph
    (root / "sessions" / "2023.yaml").write_text(
        "year: 2023\nsymbol: X/4\ntitle: Test\nadopted: 2023-12-01\npreamble: [alpha]\n",
        encoding="utf-8")
    alpha = root / "preamble" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("X/2, X/3", "X/2, X/3, X/4"),
                     encoding="utf-8")
    y = run(load_layers([root]), "p-gamma")["p-gamma"].years[-1]
    assert (y.year, y.verdict, y.symbol, y.answer, y.share, y.similarity) == (
        2023, NOT_TAKEN_UP, "X/4", None, 0.0, None)
    assert [(w.op, w.text) for w in y.words] == [
        (BEFORE, "Recalling the Statute "), (NEVER, "and its amendments,")]
    assert y.as_json()["label"] is None


def test_without_a_shared_topic_the_closest_paragraph_answers(made_up: Library) -> None:
    y = run(made_up, "p-alike")["p-alike"].years[0]
    assert (y.found_by, y.answer and y.answer.clause, y.verdict) == ("likeness", "beta", IN_PART)
    assert y.similarity is not None and y.similarity >= ANSWER_MIN


def test_each_proposed_version_is_one_entry(made_up: Library) -> None:
    found = uptake(made_up, build_record(made_up), ["p-twice"])
    assert [(u.clause, u.proposed) for u in found] == [("p-twice", 2020), ("p-twice", 2021)]
    first, second = found
    assert [y.year for y in first.years] == [2020, 2021, 2022]
    assert [y.year for y in second.years] == [2021, 2022]
    # the 2021 version is judged against alpha's 2020 wording, which lacked "excellent"
    assert ("excellent ", ENTERED) in [(w.text, w.op) for w in second.years[0].words]


@pytest.mark.parametrize(("names", "expected"), [
    ((), ["p-alike", "p-alpha", "p-beta", "p-gamma", "p-twice", "p-twice"]),
    (("utopia",), ["p-alike", "p-alpha", "p-twice", "p-twice"]),
    (("FRIENDS",), ["p-beta", "p-gamma"]),
    (("p-gamma", "friends"), ["p-gamma", "p-beta"]),  # a clause id first; no repeats
])
def test_arguments_name_clauses_or_proposers(made_up: Library, names: tuple[str, ...],
                                             expected: list[str]) -> None:
    assert [c.id for c, _ in proposals(made_up, names)] == expected


def test_since_leaves_out_the_earlier_years(made_up: Library) -> None:
    u = uptake(made_up, build_record(made_up), ["p-beta"], since=2022)[0]
    assert [y.year for y in u.years] == [2022]


def test_amends_names_the_answering_clause(made_up: Library) -> None:
    # p-alike shares no topic; its `amends: gamma` makes gamma's paragraph the answer
    clause = made_up.clauses["p-alike"]
    version = clause.versions[0]
    amending = replace(version, amends="gamma")
    made_up.clauses["p-alike"] = replace(clause, versions=(amending,))
    y = run(made_up, "p-alike")["p-alike"].years[0]
    assert (y.found_by, y.answer and y.answer.clause, y.answer and y.answer.label) == (
        "amends", "gamma", "PP3")
    assert y.verdict == NOT_TAKEN_UP


def test_amends_in_a_clause_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = write_library(tmp_path / "lib")
    path = root / "preamble" / "p-alike.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    proposer:", "    amends: gamma\n    proposer:"), encoding="utf-8")
    result = cli("--no-bundled", "-L", str(root), "uptake", "p-alike", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)[0]["years"][0]["label"] == "PP3"


# --- errors ------------------------------------------------------------------------------------

def test_no_match_is_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = write_library(tmp_path / "lib")
    line = one_line_error(cli("--no-bundled", "-L", str(root), "uptake", "nobody"))
    assert line == ("asp-draft: error: no proposed clause or proposer matches 'nobody' "
                    "(proposers: Coalition of Friends, Republic of Utopia)")


def test_an_adopted_clause_is_not_a_proposal(cli) -> None:  # type: ignore[no-untyped-def]
    line = one_line_error(cli("uptake", "justice-and-peace"))
    assert "clause 'justice-and-peace' has no proposed version" in line


def test_an_unknown_format_is_one_line(cli) -> None:  # type: ignore[no-untyped-def]
    line = one_line_error(cli("uptake", "--format", "html"))
    assert line == "asp-draft: error: --format must be one of text, markdown, not 'html'"


def test_a_library_without_proposals(tmp_path: Path) -> None:
    root = write_library(tmp_path / "lib")
    for cid in PROPOSED:
        (root / "preamble" / f"{cid}.yaml").unlink()
    library = load_layers([root])
    assert uptake(library, build_record(library)) == []
    with pytest.raises(RequestError, match="the library holds no proposal"):
        proposals(library, ["x"])


def test_help_has_an_example(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("uptake", "--help")
    assert result.code == 0
    assert "Example: asp-draft uptake coalition --since 2017" in " ".join(result.out.split())


# --- the split of words ------------------------------------------------------------------------

WORDS = st.lists(st.sampled_from(["the", "Court", "peace", "justice,", "and", "Noting"]),
                 max_size=12).map(" ".join)


@given(WORDS, WORDS, WORDS)
def test_the_split_gives_back_the_proposal(proposal: str, baseline: str, adopted: str) -> None:
    words = split_words(proposal, baseline, adopted)
    assert "".join(w.text for w in words) == proposal
    assert all(w.op in (BEFORE, ENTERED, NEVER) for w in words)
    assert all(a.op != b.op for a, b in itertools.pairwise(words))
    share = entered_share(words)
    assert share is None or 0.0 <= share <= 1.0


@given(WORDS, WORDS)
def test_a_proposal_in_the_baseline_is_all_before(proposal: str, adopted: str) -> None:
    words = split_words(proposal, proposal, adopted)
    assert all(w.op == BEFORE for w in words)
    assert entered_share(words) is None


@given(WORDS, WORDS)
def test_an_unchanged_paragraph_takes_nothing(proposal: str, baseline: str) -> None:
    assert all(w.op != ENTERED for w in split_words(proposal, baseline, baseline))
