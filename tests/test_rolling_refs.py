"""Rolling another body's text forward: the references `new --from` writes, and what it leaves.

Made-up General Assembly paragraphs for each rule (asp_draft.library.advancing), properties over
generated ones, `new` end to end on a made-up resolution, and the measure on the real pairs
of ../shared (skipped when it is absent).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asp_draft.library import bodies
from asp_draft.library.advancing import Change, Step, advance, apply, moved, predecessor
from tests.conftest import SHARED

GA = bodies.table()["ga"]
# A/RES/78/6, adopted on 1 November 2023, rolled for the seventy-ninth session
STEP = Step(base_year=2023, session=78, adopted=dt.date(2023, 11, 1), base_cite="78/6",
            predecessor="77/6", body=GA)


def rolled(text: str, step: Step = STEP) -> str:
    """The text as `new` rolls it."""
    return apply(text, advance(text, step))


# --- the reference to the base --------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # the predecessor cited alone becomes the base, with the base's adoption date
    ("Recalling its resolution 77/6 of 2 November 2022 and all its previous relevant "
     "resolutions,",
     "Recalling its resolution 78/6 of 1 November 2023 and all its previous relevant "
     "resolutions,"),
    # undated, it stays undated
    ("Taking note of the report submitted pursuant to resolution 77/6, and welcoming",
     "Taking note of the report submitted pursuant to resolution 78/6, and welcoming"),
    # the series listed with dates: the base joins the end
    ("Recalling its resolutions 75/45 of 7 December 2020, 76/36 of 6 December 2021 and 77/6 "
     "of 2 November 2022,",
     "Recalling its resolutions 75/45 of 7 December 2020, 76/36 of 6 December 2021, 77/6 of "
     "2 November 2022 and 78/6 of 1 November 2023,"),
    # ... and without, with an Oxford comma
    ("in its resolutions 74/208, 75/209, 76/199, and 77/6,",
     "in its resolutions 74/208, 75/209, 76/199, 77/6 and 78/6,"),
    # a part adopted apart is the predecessor with its letter
    ("the latest of which was resolution 77/6 B of 30 June 2023,",
     "the latest of which was resolution 78/6 of 1 November 2023,"),
])
def test_the_reference_to_the_predecessor_becomes_the_base(text: str, want: str) -> None:
    step = Step(**{**STEP.__dict__, "predecessor": "77/6 B"}) if " B " in text else STEP
    assert rolled(text, step) == want


@pytest.mark.parametrize("text", [
    # any other resolution is history
    "Recalling its resolution 77/28 of 6 December 2022 on the coordination of assistance,",
    "Recalling Security Council resolution 2718 (2023) of 21 December 2023,",
    "Recalling Human Rights Council resolution 77/6 of 11 October 2023,",
    # what the predecessor did, or holds, is history too
    "Also recalls Assembly resolutions 71/321 and 77/6, whereby the Assembly decided to act,",
    "Recalls its resolution 77/6 and the recommendations contained therein,",
    # a document symbol is not a resolution ('A/77/6')
    "Taking note of the report of the Secretary-General (A/77/6),",
    # the predecessor amid a list, not at its end: which one moves on is not clear
    "Recalling its resolutions 77/6 and 77/9,",
])
def test_history_in_references_is_left_alone(text: str) -> None:
    assert advance(text, STEP) == []


def test_no_reference_changes_without_the_base_date_where_the_text_dates_it() -> None:
    undated = Step(**{**STEP.__dict__, "adopted": None})
    assert rolled("Recalling its resolution 77/6 of 2 November 2022,", undated) == \
        "Recalling its resolution 77/6 of 2 November 2022,"
    assert rolled("pursuant to resolution 77/6,", undated) == "pursuant to resolution 78/6,"


def test_the_predecessor_is_the_first_of_the_previous_session_on_the_same_matter() -> None:
    texts = [
        "Bearing in mind General Assembly resolution 77/119 of 12 December 2022, entitled "
        "“Effects of atomic radiation”,",
        "Recalling resolution 76/8 and all subsequent resolutions on the subject, including "
        "resolution 77/28 of 6 December 2022,",
        "Recalling General Assembly resolution 77/28 on the strengthening of the coordination "
        "of emergency humanitarian assistance of the United Nations,",
        "Recalling its resolutions 75/91 of 10 December 2020, 76/95 of 9 December 2021 and "
        "77/100 of 8 December 2022 on the question of French Polynesia,",
        "Recalling also its resolution 77/150 of 14 December 2022,",
    ]
    assert predecessor(texts, GA, session=78, year=2023,
                       title="Question of French Polynesia") == "77/100"
    # no text of the previous session on its own matter: none
    assert predecessor(texts[:3], GA, session=78, year=2023,
                       title="Question of French Polynesia") is None


@pytest.mark.parametrize("text", [
    # cited for an act of its own
    "Recalling its resolution 77/326 of 25 August 2023 proclaiming the International Decade "
    "on Sciences for Sustainable Development,",
    # the end of a list that comes every other session: a series of another rhythm
    "Bearing in mind its resolutions 71/180 of 19 December 2016, 73/147 of 18 December 2018, "
    "75/169 of 16 December 2020 and 77/6 of 19 December 2022,",
])
def test_a_resolution_of_another_series_is_not_the_predecessor(text: str) -> None:
    assert predecessor([text, "Recalling its resolution 77/9,"], GA, session=78, year=2023,
                       title="Measures") == "77/9"


def test_a_body_without_sessions_finds_its_predecessor_by_year() -> None:
    sc = bodies.table()["sc"]
    texts = ["Recalling its resolution 2690 (2023) and all its previous resolutions,",
             "Recalling its resolution 2640 (2022),"]
    assert predecessor(texts, sc, session=None, year=2024, title=None) == "2690 (2023)"
    step = Step(base_year=2024, adopted=dt.date(2024, 6, 27), base_cite="2737 (2024)",
                predecessor="2690 (2023)", body=sc)
    assert rolled(texts[0], step) == \
        "Recalling its resolution 2737 (2024) and all its previous resolutions,"


# --- periods, sessions, years ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Welcomes the report of the Court for 2022/23;", "Welcomes the report of the Court for "
     "2023/24;"),
    ("its activities for 2023/24, for consideration", "its activities for 2024/25, for "
     "consideration"),
    ("for the biennium 2023/2024,", "for the biennium 2024/2025,"),
    ("for the period from 1 July 2024 to 30 June 2025,", "for the period from 1 July 2025 to "
     "30 June 2026,"),
    ("for the period from 1 July to 31 December 2024,", "for the period from 1 July to "
     "31 December 2025,"),
    ("in respect of the financial period ended 30 June 2023,", "in respect of the financial "
     "period ended 30 June 2024,"),
    ("the Force as at 30 April 2023, including", "the Force as at 30 April 2024, including"),
])
def test_reporting_periods_move_a_year_on(text: str, want: str) -> None:
    assert rolled(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Decides to include in the provisional agenda of its seventy-ninth session the item",
     "Decides to include in the provisional agenda of its eightieth session the item"),
    ("to report to the General Assembly at its eightieth session;",
     "to report to the General Assembly at its eighty-first session;"),
    ("to recommend that the Sixth Committee, at the seventy-ninth session of the General "
     "Assembly, establish", "to recommend that the Sixth Committee, at the eightieth session "
     "of the General Assembly, establish"),
    ("held in the Sixth Committee at the sixty-fourth to seventy-eighth sessions of the "
     "General Assembly", "held in the Sixth Committee at the sixty-fourth to seventy-ninth "
     "sessions of the General Assembly"),
    ("at its 79th session", "at its 80th session"),
    ("for the eighteenth consecutive year,", "for the nineteenth consecutive year,"),
])
def test_the_coming_sessions_move_one_session_on(text: str, want: str) -> None:
    assert rolled(text) == want


@pytest.mark.parametrize("text", [
    # the present session and those that met are history
    "welcomed at the seventy-eighth session, as originally requested,",
    "made in the Fourth Committee at the seventy-seventh session of the General Assembly,",
    # another body's sessions
    "submitted to the Human Rights Council at its seventy-ninth session,",
    "the fifty-seventh session of the Human Rights Council",
    "adopted at its tenth special session, the first special session devoted to disarmament,",
    # a set of sessions, and the session a decision takes effect from, are fixed
    "to hold consideration of new proposals during the seventy-ninth and eightieth sessions,",
    "on a trial basis starting at the eightieth session,",
    # what a cited resolution decided, however far it names its sessions
    "Recalls its resolution 78/328 of 6 September 2024 on participation, in which the General "
    "Assembly decided to continue its consideration of further measures at its eightieth "
    "session,",
    "strongly encourages Member States, starting from the seventy-ninth session, to act",
    # a convention's date, an event before the base's adoption, a named span, an anniversary
    "the Convention on the Prevention and Punishment of the Crime of Genocide of "
    "9 December 1948,",
    "the Counter-Terrorism Week held from 19 to 23 June 2023,",
    "the period 2022–2032 as the International Decade of Indigenous Languages,",
    "Noting that 10 December 2023 will mark the seventy-fifth anniversary of the Declaration,",
    # a year's report of a year over, a period over
    "the report of the Special Committee for 2021,",
    "the report of the Court for 2020/21;",
])
def test_what_is_history_is_left_alone(text: str) -> None:
    assert advance(text, STEP) == []


def test_years_tied_to_the_coming_year_move_on() -> None:
    assert rolled("Having examined the report of the Special Committee for 2023,") == \
        "Having examined the report of the Special Committee for 2024,"
    assert rolled("Decides to approve the programme budget for 2024,") == \
        "Decides to approve the programme budget for 2025,"
    # a date to come is left for review: a meeting's days move too, a conference's not at all
    assert advance("the fourth International Conference to be held from 27 to 30 May 2024,",
                   STEP) == []
    assert advance("to submit, before 26 April 2024, information and observations",
                   STEP) == []


def test_each_change_says_why() -> None:
    text = ("Invites the Court to submit its report for 2023/24 to the General Assembly at its "
            "seventy-ninth session, recalling its resolution 77/6 of 2 November 2022;")
    whys = {c.why for c in advance(text, STEP)}
    assert whys == {"a reporting period, a year on", "a coming session, one session on",
                    "it cited 77/6, which 78/6 followed"}


def test_a_footnote_mark_keeps_its_place() -> None:
    text = "pursuant to resolution 77/6, and the report for 2022/23"
    changes = advance(text, STEP)
    new = apply(text, changes)
    assert new == "pursuant to resolution 78/6, and the report for 2023/24"
    # a mark after '77/6,' stands after '78/6,'; one at the end stays at the end
    assert new[:moved(len("pursuant to resolution 77/6,"), changes)] == \
        "pursuant to resolution 78/6,"
    assert moved(len(text), changes) == len(new)


# --- properties -----------------------------------------------------------------------------

_WORDS = st.sampled_from(["Recalling", "the", "report", "of", "Secretary-General", "its",
                          "resolution", "resolutions", "on", "and", "Council", "Assembly",
                          "session", "anniversary", "period", "for", "as", "at", "from", "to",
                          "Decides", "Committee", "General", "present", "next", ",", ";"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=40))
def test_a_paragraph_with_no_number_never_changes(words: list[str]) -> None:
    text = " ".join(words)
    assert advance(text, STEP) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.integers(0, 999).map(str),
                          st.sampled_from(["paragraph 5 (b)", "No. 38544", "1,614 persons",
                                           "article 112", "A/78/1", "vol. 2187", "30.7 million",
                                           "77/6"])),
                max_size=30))
def test_a_paragraph_tied_to_no_year_and_citing_no_resolution_never_changes(
        words: list[str]) -> None:
    from asp_draft.library.rolling import ties

    text = " ".join(words)
    if ties(text) or "resolution" in text:
        return  # a year tie, or a citation of the predecessor: what rolling is for
    assert advance(text, STEP) == []


_MONTH = st.sampled_from(["January", "March", "June", "September", "November", "December"])


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 28), _MONTH, st.integers(1946, 2023), st.sampled_from([
    "held in Geneva on {d}", "adopted on {d}", "the Convention of {d}", "which entered into "
    "force on {d}", "the meeting of {d}", "its decision of {d}"]))
def test_a_date_before_the_base_was_adopted_never_changes(day: int, month: str, year: int,
                                                          frame: str) -> None:
    date = dt.date(year, ["January", "February", "March", "April", "May", "June", "July",
                          "August", "September", "October", "November",
                          "December"].index(month) + 1, day)
    if date > STEP.adopted:  # type: ignore[operator]
        return
    text = "Recalling " + frame.format(d=f"{day} {month} {year}") + ","
    assert advance(text, STEP) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "Recalling its resolution 77/6 of 2 November 2022,", "for 2023/24", "at its seventy-ninth "
    "session", "as at 30 April 2024", "the seventy-fifth anniversary", "in 1998",
    "resolutions 76/2 and 77/6 of 2 November 2022", "for 2023"]), min_size=1, max_size=6))
def test_rolling_changes_only_numbers_and_the_words_of_a_list(parts: list[str]) -> None:
    text = "; ".join(parts)
    changes = advance(text, STEP)
    assert all(a.end <= b.start for a, b in itertools.pairwise(changes))
    new = apply(text, changes)
    # the words that are not numbers, dates or ordinals stay, in order (a list's 'and' moves)
    def plain(s: str) -> list[str]:
        return [w for w in s.replace(",", " ").split()
                if not any(ch.isdigit() for ch in w) and w not in ("and", "of", "November") and
                not w.endswith(("th", "st"))]
    assert plain(new) == plain(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 5), st.text("xyz", max_size=6)),
                max_size=5), st.integers(0, 70))
def test_a_mark_moves_with_the_words_before_it(spans: list[tuple[int, int, str]],
                                               offset: int) -> None:
    text = "".join(chr(ord("a") + i % 26) for i in range(70))
    changes: list[Change] = []
    for start, length, new in sorted(spans):
        if not changes or start >= changes[-1].end:
            changes.append(Change(start, start + length, new, ""))
    if any(c.start < offset < c.end for c in changes):
        return  # a mark inside changed words goes after them: not this property's case
    before = text[:offset]
    # the text before the mark, rolled, is exactly what stands before the moved mark
    assert apply(text, changes)[:moved(offset, changes)] == \
        apply(before, [c for c in changes if c.end <= offset])


# --- `new` end to end -----------------------------------------------------------------------

GA_79_6 = "\n\n".join([
    "# symbol: A/RES/79/6\n# title: Report of the International Criminal Court\n"
    "# year: 2024\n# session: 79\n# adopted: 2024-10-29",
    "The General Assembly,",
    "Recalling its resolution 78/6 of 1 November 2023 and all its previous relevant "
    "resolutions,",
    "Recalling also the Convention on the Prevention and Punishment of the Crime of Genocide "
    "of 9 December 1948,",
    "Reiterating the historic significance of the adoption of the Rome Statute,",
    "1. Welcomes the report of the International Criminal Court for its activities for "
    "2023/24;",
    "2. Recalls resolution 77/6, whereby the Assembly decided to act;",
    "3. Invites the Court to submit its report for 2024/25 for consideration by the General "
    "Assembly at its eightieth session.",
])


@pytest.fixture
def ga_library(cli: Any, tmp_path: Path) -> Path:
    """A library holding the made-up A/RES/79/6."""
    source = tmp_path / "a-res-79-6.txt"
    source.write_text(GA_79_6, encoding="utf-8")
    lib = tmp_path / "lib"
    result = cli("adopt", str(source), "--into", str(lib))
    assert result.code == 0, result.err
    return lib


def test_new_rolls_a_general_assembly_text_for_its_next_session(cli: Any, ga_library: Path,
                                                                tmp_path: Path) -> None:
    spec = tmp_path / "draft.yaml"
    result = cli("-L", str(ga_library), "new", "2025", "--from", "A/RES/79/6", "-o", str(spec))
    assert result.code == 0, result.err
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    assert (data["year"], data["session"], data["chapeau"]) == (2025, 80,
                                                                "The General Assembly,")
    shown = json.loads(cli("-L", str(ga_library), "show", str(spec), "--format", "json").out)
    assert shown["meta"]["chapeau"] == "The General Assembly,"
    assert shown["meta"]["session"] == 80
    texts = [p["text"] for p in shown["paragraphs"]]
    assert texts == [
        "Recalling its resolution 79/6 of 29 October 2024 and all its previous relevant "
        "resolutions,",
        "Recalling also the Convention on the Prevention and Punishment of the Crime of "
        "Genocide of 9 December 1948,",
        "Reiterating the historic significance of the adoption of the Rome Statute,",
        "Welcomes the report of the International Criminal Court for its activities for "
        "2024/25;",
        "Recalls resolution 77/6, whereby the Assembly decided to act;",
        "Invites the Court to submit its report for 2025/26 for consideration by the General "
        "Assembly at its eighty-first session."]
    # every change is listed with its reason, on stderr and in the spec's header
    review = [line for line in result.err.splitlines() if "review: " in line]
    assert review[0] == ("asp-draft: review: PP1 recalling-resolution-november: advanced "
                         "'78/6 of 1 November 2023' -> '79/6 of 29 October 2024'; it cited "
                         "78/6, which 79/6 followed")
    assert any("OP3" in line and "'eightieth' -> 'eighty-first'" in line and
               "a coming session, one session on" in line for line in review)
    header = spec.read_text(encoding="utf-8")
    assert header.startswith("# Draft spec for 2025 (General Assembly, eightieth session), "
                             "rolled forward by `asp-draft new` from A/RES/79/6 (2024).")
    assert "#   OP1 " in header and "'2023/24;' -> '2024/25;'" in header
    # the rolled paragraph's clause is named over its entry
    assert "# clause recalling-resolution-november, rolled forward" in header
    # and what was not rolled stays the clause it was
    assert "reiterating-historic-significance" in data["preamble"]
    # the rolled entry names its clause beside its words, so the record still cites it
    assert data["body"] == "ga"
    assert data["preamble"][0]["clause"] == "recalling-resolution-november"
    assert data["preamble"][0]["text"].startswith("*Recalling* its resolution 79/6 of 29")
    assert shown["paragraphs"][0]["clause"] == "recalling-resolution-november"
    blamed = json.loads(cli("-L", str(ga_library), "blame", str(spec), "--json").out)
    assert blamed[0]["clause"] == "recalling-resolution-november"
    table = cli("-L", str(ga_library), "blame", str(spec)).out
    assert "adopted wording, its dates and numbers brought up to this year" in table


def _resolution(symbol: str, session: int, adopted: str, *paragraphs: str) -> str:
    return "\n\n".join([f"# symbol: {symbol}\n# title: Question of a Territory\n"
                        f"# year: {adopted[:4]}\n# session: {session}\n# adopted: {adopted}",
                        "The General Assembly,", *paragraphs])


def test_a_shared_library_rolls_the_base_in_its_own_words(cli: Any, tmp_path: Path) -> None:
    """Two series whose alike paragraphs share a clause: the draft from one never takes the
    other's wording, though it is the clause's latest."""
    lib = tmp_path / "lib"
    for n, (symbol, territory, adopted) in enumerate([
            ("A/RES/78/91", "French Polynesia", "2023-12-07"),
            ("A/RES/78/94", "New Caledonia", "2024-06-28")]):
        source = tmp_path / f"r{n}.txt"
        source.write_text(_resolution(
            symbol, 78, adopted, f"Having considered the question of {territory},",
            f"1. Requests the Special Committee to continue to examine the question of "
            f"{territory} and to report thereon to the General Assembly at its seventy-ninth "
            "session."), encoding="utf-8")
        assert cli("adopt", str(source), "--into", str(lib)).code == 0
    result = cli("-L", str(lib), "new", "2024", "--from", "A/RES/78/91", "-o", "-")
    assert result.code == 0, result.err
    spec = tmp_path / "d.yaml"
    spec.write_text(result.out, encoding="utf-8")
    shown = json.loads(cli("-L", str(lib), "show", str(spec), "--format", "json").out)
    assert [p["text"] for p in shown["paragraphs"]] == [
        "Having considered the question of French Polynesia,",
        "Requests the Special Committee to continue to examine the question of French "
        "Polynesia and to report thereon to the General Assembly at its eightieth session."]


def test_a_text_adopted_late_in_its_session_rolls_for_the_next(cli: Any,
                                                               tmp_path: Path) -> None:
    """A General Assembly session runs from September: a text of June 2024 is of the session
    that opened in 2023, and `new 2024` drafts for the one opening in 2024."""
    source, lib = tmp_path / "r.txt", tmp_path / "lib"
    source.write_text(_resolution(
        "A/RES/78/304", 78, "2024-06-28",
        "Recalling its resolution 77/291 B of 30 June 2023,",
        "1. Takes note of the status of contributions as at 30 April 2024;",
        "2. Decides to appropriate the amount for the period from 1 July 2024 to 30 June "
        "2025;"), encoding="utf-8")
    assert cli("adopt", str(source), "--into", str(lib)).code == 0
    result = cli("-L", str(lib), "new", "2024", "--from", "A/RES/78/304", "-o", "-")
    assert result.code == 0, result.err
    data = yaml.safe_load(result.out)
    assert data["session"] == 79
    assert [e["text"] for e in (*data["preamble"], *data["operative"])] == [
        "*Recalling* its resolution 78/304 of 28 June 2024,",
        "*Takes note* of the status of contributions as at 30 April 2025;",
        "*Decides* to appropriate the amount for the period from 1 July 2025 to 30 June 2026;"]


@pytest.mark.parametrize(("rolls", "said"), [
    ("review", "left for you (rolls: review)"),
    ("keep", "kept word for word as adopted in 2024 (rolls: keep)")])
def test_a_clause_version_that_says_how_it_rolls_still_decides(cli: Any, ga_library: Path,
                                                               rolls: str, said: str) -> None:
    clause = next((ga_library / "operative").glob("invites-*.yaml"))
    clause.write_text(clause.read_text(encoding="utf-8").rstrip() + f"\n  rolls: {rolls}\n",
                      encoding="utf-8")
    result = cli("-L", str(ga_library), "new", "2025", "--from", "A/RES/79/6", "-o", "-")
    assert result.code == 0, result.err
    assert f"review: OP3 {clause.stem}: {said}" in result.err
    last = yaml.safe_load(result.out)["operative"][-1]
    # unrolled: the clause itself, or (keep) its adopted words
    assert last == clause.stem if rolls == "review" else \
        last["text"].endswith("at its eightieth session.")


@pytest.mark.parametrize(("body", "session", "year", "coming"), [
    ("ga", 78, 2024, 79), ("ga", 79, 2025, 80), ("ga", 78, 2025, 80),
    ("hrc", 56, 2025, 59),  # the June session comes back in June
    ("hrc", 55, 2025, 58), ("ecosoc", 2024, 2025, 2025), ("sc", None, 2025, None),
    ("asp", 22, 2024, None),  # facts.yaml counts the omnibus's sessions
])
def test_the_draft_is_for_the_base_s_session_a_year_on(body: str, session: int | None,
                                                      year: int, coming: int | None) -> None:
    from asp_draft.library.rolling import coming_session
    from asp_draft.model.spec import Spec

    base = Spec(meta={"year": year - 1, "session": session}, variables={}, preamble=(),
                operative=(), source="base.yaml")
    assert coming_session(base, bodies.table()[body], year) == coming


def test_new_for_the_same_session_is_refused(cli: Any, ga_library: Path) -> None:
    result = cli("-L", str(ga_library), "new", "2024", "--from", "A/RES/79/6", "-o", "-")
    assert result.code == 2
    assert "A/RES/79/6 is of 2024; a draft for 2024 rolls an earlier text forward" in result.err


_ASP_TIES = st.sampled_from([
    "Welcomes the report of the Trust Fund for Victims for 2018/19;",
    "Requests the Court to report to the Assembly at its nineteenth session;",
    "Recalls its resolution ICC-ASP/17/Res.4 of 12 December 2018;",
    "Decides to hold its nineteenth session from 7 to 17 December 2020;",
    "Notes the report for 2019;",
    "Decides to keep the matter under review."])


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_ASP_TIES, min_size=1, max_size=4, unique=True))
def test_an_asp_text_rolls_its_references_and_keeps_its_clauses(cli: Any,
                                                                operative: list[str]) -> None:
    """A literal ASP text adopted from a file rolls as any body's: every clause stays named,
    what counts on moves a session or a year, and what has no tie stays the clause alone."""
    text = "\n\n".join([
        "# symbol: ICC-ASP/18/Res.4\n# title: Victims\n# year: 2019\n# adopted: 2019-12-06",
        "The Assembly of States Parties,", "Recalling the Rome Statute,",
        *(f"{i}. {p}" for i, p in enumerate(operative, 1))])
    with tempfile.TemporaryDirectory() as tmp:
        source, lib = Path(tmp) / "res.txt", Path(tmp) / "lib"
        source.write_text(text, encoding="utf-8")
        assert cli("adopt", str(source), "--into", str(lib)).code == 0
        result = cli("-L", str(lib), "new", "2020", "--from", "ICC-ASP/18/Res.4", "-o", "-")
    assert result.code == 0, result.err
    data = yaml.safe_load(result.out)
    assert data["session"] == 19 and data.get("chapeau", "The Assembly of States Parties,") == \
        "The Assembly of States Parties,"
    rolled = {"2018/19": "2019/20", "nineteenth session;": "twentieth session;",
              "ICC-ASP/17/Res.4 of 12 December 2018": "ICC-ASP/18/Res.4 of 6 December 2019",
              "nineteenth session from 7 to 17 December 2020": "twentieth session from 7 to 17 "
              "December 2021", "for 2019;": "for 2020;"}
    for paragraph, entry in zip(operative, data["operative"], strict=True):
        ties = [old for old in rolled if old in paragraph]
        if not ties:
            assert isinstance(entry, str)  # the clause alone, as it was
            continue
        assert isinstance(entry, dict) and entry["clause"]  # still its clause, named
        want = paragraph
        for old in ties:
            want = want.replace(old, rolled[old])
        assert entry["text"].replace("*", "") == want


# --- the measure on the real pairs ----------------------------------------------------------

UN_PDFS = SHARED / "corpus" / "un-pdfs"


def _paragraphs(cli: Any, *args: str) -> list[str]:
    result = cli(*args, "--format", "json")
    assert result.code == 0, result.err
    return [" ".join(p["text"].split()) for p in json.loads(result.out)["paragraphs"]]


def test_the_real_pairs_gain_four_points_and_lose_nothing(cli: Any, tmp_path: Path) -> None:
    if not (UN_PDFS / "series.tsv").is_file():
        pytest.skip("../shared/corpus/un-pdfs is not beside this checkout")
    table = bodies.table()
    total = copy = draft = lost = 0
    rows = (UN_PDFS / "series.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for n, row in enumerate(rows):
        earlier, later = (UN_PDFS / f"{name}.pdf" for name in row.split("\t")[:2])
        lib, spec, built = tmp_path / f"lib{n}", tmp_path / f"d{n}.yaml", tmp_path / f"d{n}.txt"
        assert cli("adopt", str(earlier), "--into", str(lib)).code == 0
        meta = json.loads(cli("-L", str(lib), "show", str(earlier), "--format", "json").out)
        body = table.of_meta(meta["meta"])
        assert body is not None
        year = body.sessions.year_of(body.sessions.next(meta["meta"]["session"]))
        assert cli("-L", str(lib), "new", str(year), "--from", meta["meta"]["symbol"], "-o",
                   str(spec)).code == 0
        assert cli("-L", str(lib), "build", str(spec), "-o", str(built)).code == 0
        old = set(_paragraphs(cli, "show", str(earlier)))
        new = _paragraphs(cli, "show", str(later))
        rolled_set = set(_paragraphs(cli, "-L", str(lib), "show", str(built)))
        total += len(new)
        copy += sum(p in old for p in new)
        draft += sum(p in rolled_set for p in new)
        lost += sum(p in old and p not in rolled_set for p in new)
    assert lost == 0
    assert 100 * (draft - copy) / total >= 4, (copy, draft, total)


def test_a_held_resolution_cannot_carry_a_clause_in_words_of_its_own(
        cli: Any, ga_library: Path) -> None:
    held = next((ga_library / "resolutions").glob("*.yaml"))
    text = held.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    first = data["preamble"][0]
    clause = first if isinstance(first, str) else first["clause"]
    changed = text.replace(f"- {clause}\n", f"- clause: {clause}\n"
                           f"  text: '*Recalling* words nobody adopted,'\n", 1)
    assert changed != text
    held.write_text(changed, encoding="utf-8")
    result = cli("-L", str(ga_library), "show", data["symbol"])
    assert result.code == 2 and "words nobody adopted" not in result.out
    assert "carries words of its own" in result.err and "Traceback" not in result.err
