"""The strength of leads: the scale in clauses/strength.txt, read both ways, never guessed."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from asp_draft.compare import strength
from asp_draft.compare.diff import diff_documents
from asp_draft.compare.strength import compare, read_lead
from asp_draft.model import Document, Paragraph
from asp_draft.text.leads import find_lead, words_of

OPERATIVE = [["Demands"], ["Urges", "Calls upon"], ["Requests", "Decides"], ["Recommends"],
             ["Encourages"], ["Invites"], ["Welcomes"], ["Takes note", "Notes"]]
PREAMBLE = [["Reaffirming"], ["Recalling", "Recognizing"], ["Noting"]]


def ranked_pairs(scale: list[list[str]]) -> list[tuple[str, str]]:
    """(stronger, weaker) for every two leads on different ranks of one scale."""
    return [(a, b) for i, j in itertools.combinations(range(len(scale)), 2)
            for a in scale[i] for b in scale[j]]


@pytest.mark.parametrize(("strong", "weak"), ranked_pairs(OPERATIVE) + ranked_pairs(PREAMBLE))
def test_every_pair_on_the_scale_both_ways(strong: str, weak: str) -> None:
    assert compare(strong, weak) == "weaker"
    assert compare(weak, strong) == "stronger"


@pytest.mark.parametrize("rank", [r for r in OPERATIVE + PREAMBLE if len(r) > 1])
def test_leads_of_one_rank_are_changed_not_ranked(rank: list[str]) -> None:
    for a, b in itertools.permutations(rank, 2):
        assert compare(a, b) == "changed"


@pytest.mark.parametrize(("old", "new", "direction"), [
    ("Urges", "Strongly urges", "stronger"),
    ("Strongly urges", "Urges", "weaker"),
    ("Strongly urges", "Demands", "stronger"),  # an intensifier never climbs a rank
    ("Requests", "Strongly encourages", "weaker"),
    ("Noting", "Noting with concern", "stronger"),
    ("Noting with concern", "Noting with deep concern", "stronger"),
    ("Noting with grave concern", "Noting with concern", "weaker"),
    ("Noting with concern", "Noting with appreciation", "changed"),  # same force, other sense
    ("Takes note", "Takes note with appreciation", "stronger"),
    ("Welcomes", "Welcomes with appreciation", "stronger"),
    ("Concerned", "Deeply concerned", "stronger"),  # off the scale, but one head
    ("Recalling", "Strongly reaffirming", "stronger"),
])
def test_intensifiers(old: str, new: str, direction: str) -> None:
    assert compare(old, new) == direction


@pytest.mark.parametrize(("old", "new", "direction"), [
    ("Urges", "Also urges", None),
    ("Also urges", "Urges also", None),
    ("Further requests", "Requests further", None),
    ("Requests", "Further requests", None),
    ("Recalling", "Recalling also", None),
    ("Urges", "URGES", None),
    ("Also urges", "Encourages", "weaker"),
    ("Further requests", "Invites", "weaker"),
    ("Invites", "Also calls upon", "stronger"),
    ("Recalling further", "Reaffirming", "stronger"),
])
def test_word_order_variants_are_one_lead(old: str, new: str, direction: str | None) -> None:
    assert compare(old, new) == direction


@pytest.mark.parametrize(("old", "new"), [
    ("Urges", "Reaffirms"),  # Reaffirms is on no line of the scale
    ("Welcoming", "Noting"),  # nor is Welcoming
    ("Convinced", "Mindful"),
    ("Recalling", "Requests"),  # a preambular lead and an operative one: two lines
    ("Noting", "Notes"),
    (None, "Urges"),
    ("Urges", None),
])
def test_a_lead_off_the_scale_is_changed_never_guessed(old: str | None,
                                                       new: str | None) -> None:
    assert compare(old, new) == "changed"
    assert compare(new, old) == "changed"


def test_a_lead_is_read_into_head_and_intensity() -> None:
    reading = read_lead("Also strongly urges")
    assert (reading.head, reading.intensity) == ("urges", 1)
    assert read_lead("Noting with deep concern").intensity == 2


def test_every_lead_on_the_scale_is_recognised_as_a_lead() -> None:
    """The two word lists agree: a lead on the strength scale is one the readers find."""
    scale = strength.scale()
    for head, (part, _) in scale.ranks.items():
        words = head.split(" ")
        lead = " ".join([words[0].capitalize(), *words[1:]])
        assert find_lead(f"{lead} the Bureau to report;", part) == lead, head  # type: ignore[arg-type]


def test_a_user_library_refines_the_scale(tmp_path: Path) -> None:
    assert compare("Requests", "Decides") == "changed"
    (tmp_path / "strength.txt").write_text(
        "# decisions bind the Assembly's organs\n[operative]\nDecides\nRequests\nInvites\n"
        "[intensifiers]\nearnestly\n", encoding="utf-8")
    refined = strength.scale([tmp_path])
    assert compare("Requests", "Decides", refined) == "stronger"
    assert compare("Invites", "Earnestly invites", refined) == "stronger"
    assert compare("Urges", "Requests", refined) == "changed"  # the section was replaced
    assert compare("Recalling", "Reaffirming", refined) == "stronger"  # other sections stay
    assert compare("Requests", "Decides") == "changed"  # the folders given, nothing global


def test_the_diff_ranks_leads_on_the_scale_of_the_folders_it_is_given(tmp_path: Path) -> None:
    """The folders flow to the scale as a parameter: the lead words in force for a read
    (text.leads.words_of) do not change how the diff ranks a lead."""
    (tmp_path / "strength.txt").write_text("[operative]\nDecides\nRequests\n",
                                           encoding="utf-8")
    old, new = doc(("Requests", "the Bureau;")), doc(("Decides", "the Bureau;"))
    with words_of([tmp_path]):
        [change] = diff_documents(old, new).changes
    assert change.strength is not None and change.strength.direction == "changed"
    [change] = diff_documents(old, new, word_lists=[tmp_path]).changes
    assert change.strength is not None and change.strength.direction == "stronger"


def doc(*paragraphs: tuple[str, str]) -> Document:
    return Document(meta={"symbol": "X"}, paragraphs=tuple(
        Paragraph(part="operative", text=f"{lead} {rest}", lead=lead, number=str(i))
        for i, (lead, rest) in enumerate(paragraphs, 1)))


def test_the_diff_marks_changed_leads_only() -> None:
    old = doc(("Urges", "all States to cooperate fully with the Court;"),
              ("Requests", "the Bureau to report to the Assembly;"),
              ("Decides", "to meet again in The Hague;"))
    new = doc(("Encourages", "all States to cooperate fully with the Court;"),
              ("Requests", "the Bureau to report in writing to the Assembly;"),
              ("Decides", "to meet again in The Hague;"))
    diff = diff_documents(old, new)
    assert [c.op for c in diff.changes] == ["modified", "modified", "equal"]
    first, second, third = diff.changes
    assert first.strength is not None
    assert (first.strength.old, first.strength.new, first.strength.direction) == (
        "Urges", "Encourages", "weaker")
    assert second.strength is None  # other words changed, the lead did not
    assert third.strength is None
    assert diff.lead_counts() == {"weaker": 1, "stronger": 0, "changed": 0}


def test_a_moved_paragraph_carries_its_changed_lead() -> None:
    old = doc(("Requests", "the Bureau to report to the Assembly at its next session;"),
              ("Decides", "to meet again in The Hague;"),
              ("Welcomes", "the report of the Court;"))
    new = doc(("Decides", "to meet again in The Hague;"),
              ("Welcomes", "the report of the Court;"),
              ("Invites", "the Bureau to report to the Assembly at its next session;"))
    moved = [c for c in diff_documents(old, new).changes if c.op in ("moved", "modified")]
    assert len(moved) == 1 and moved[0].strength is not None
    assert moved[0].strength.direction == "weaker"
