"""The bundled library loads, validates, layers, and every clause renders for its years."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from asp_draft.errors import AspDraftError, LibraryError, UnknownClauseError
from asp_draft.folders import bundled_path
from asp_draft.library.load import load_layers, load_library
from asp_draft.library.templating import render
from asp_draft.text.markup import split_lead
from tests.conftest import one_line_error

LIB = load_library()


def _cases() -> list[tuple[str, int | None, str | None]]:
    cases = []
    for clause in LIB.clauses.values():
        for version in clause.versions:
            if version.adopted:
                cases += [(clause.id, y, s) for y, s in zip(version.years, version.adopted,
                                                             strict=True)]
            else:
                cases.append((clause.id, version.since, None))
    return cases


@pytest.mark.parametrize(("clause_id", "year", "symbol"), _cases())
def test_every_clause_renders_for_every_year_it_claims(clause_id: str, year: int,
                                                       symbol: str | None) -> None:
    clause = LIB.clause(clause_id)
    version = clause.version_in(symbol) if symbol else clause.version_since(year)
    assert version is not None
    text = render(version.text_for(symbol).strip(), LIB.facts.for_year(year), where=clause_id)
    lead, plain = split_lead(" ".join(text.split()), clause.part)
    assert lead, "every bundled clause opens with its lead"
    assert "{" not in plain and "*" not in plain
    assert plain.endswith("," if clause.part == "preamble" else (";", ".", ":"))


def test_sessions_cover_the_record() -> None:
    assert sorted(LIB.sessions) == [2011, 2012, 2014, 2015, 2016, 2017, 2018]
    for spec in LIB.sessions.values():
        assert str(spec.meta["completeness"]).startswith("partial")
        assert spec.meta["symbol"].startswith("ICC-ASP/")


def test_versions_know_their_years() -> None:
    jp = LIB.clause("justice-and-peace")
    assert [v.since for v in jp.versions] == [2011, 2015]
    assert jp.versions[1].years == (2015, 2016, 2017, 2018)
    assert jp.latest is jp.versions[1]
    r2p = LIB.clause("responsibility-to-protect")
    assert [v.since for v in r2p.versions] == [2011, 2014, 2016, 2017]


def test_unknown_clause_suggests_the_nearest() -> None:
    with pytest.raises(UnknownClauseError, match="did you mean justice-and-peace"):
        LIB.clause("justice-and-piece")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_later_library_replaces_a_clause(tmp_path: Path) -> None:
    write(tmp_path / "preamble" / "justice-and-peace.yaml",
          "id: justice-and-peace\npart: preamble\ntopic: Ours\nversions:\n"
          "  - proposed: 2019\n    proposer: Ruritania\n"
          "    text: \"*Convinced also* that ours,\"\n")
    lib = load_layers([bundled_path(), tmp_path])
    assert lib.clause("justice-and-peace").topic == "Ours"
    assert len(lib.clauses) == len(LIB.clauses)


@pytest.mark.parametrize(("name", "text", "message", "line"), [
    ("preamble/x.yaml", "id: x\npart: preamble\ntopic: t\ncolour: red\nversions: []\n",
     "unknown key 'colour' in clause", 4),
    ("preamble/x.yaml", "id: y\npart: preamble\nversions:\n  - proposed: 2019\n    text: a,\n",
     "does not match its file name", 1),
    ("preamble/x.yaml", "id: x\nversions:\n  - adopted: [ICC-ASP/99/Res.9]\n    text: a,\n",
     "unknown symbol 'ICC-ASP/99/Res.9'", 3),
    ("preamble/x.yaml", "id: x\nversions:\n  - proposed: 2019\n    txt: a,\n",
     "unknown key 'txt' in version", 4),
    ("preamble/x.yaml", "id: x\nversions:\n  - proposed: 2019\n    text: [a\n",
     "malformed YAML", 5),
    ("preamble/x.yaml", "", "the file is empty", None),
    ("operative/x.yaml", "id: x\npart: preamble\nversions:\n  - proposed: 2019\n    text: a,\n",
     "does not match the folder operative/", 2),
    ("facts.yaml", "years:\n  2019: {sesion: 18}\n",
     "unknown key 'sesion' in the facts of 2019", 2),
])
def test_malformed_library_files_name_file_and_line(tmp_path: Path, name: str, text: str,
                                                   message: str, line: int | None) -> None:
    path = write(tmp_path / name, text)
    with pytest.raises(AspDraftError) as err:
        load_layers([bundled_path(), tmp_path])
    assert message in str(err.value)
    assert err.value.source == str(path)
    assert err.value.line == line


def test_library_folder_must_exist(tmp_path: Path) -> None:
    with pytest.raises(AspDraftError, match="library folder not found"):
        load_layers([tmp_path / "nope"])


def test_env_var_layers_with_the_path_separator(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, topic in ((a, "A"), (b, "B")):
        write(folder / "preamble" / "ours.yaml",
              f"id: ours\ntopic: {topic}\nversions:\n  - proposed: 2019\n    text: x,\n")
    monkeypatch.setenv("ASP_DRAFT_LIBRARY", os.pathsep.join([str(a), str(b)]))
    assert load_library().clause("ours").topic == "B"
    assert load_library([a]).clause("ours").topic == "A"  # --library comes last and wins


def test_bad_session_file_name(tmp_path: Path) -> None:
    write(tmp_path / "sessions" / "2020.yaml", "year: 2019\npreamble: []\n")
    with pytest.raises(LibraryError, match=r"must be named 2019\.yaml"):
        load_layers([bundled_path(), tmp_path])


def test_resolutions_are_held_by_symbol_beside_the_omnibus(tmp_path: Path) -> None:
    write(tmp_path / "resolutions" / "icc-asp-17-res-3.yaml",
          "year: 2018\nsymbol: ICC-ASP/17/Res.3\ntitle: Cooperation\nadopted: 2018-12-12\n"
          "preamble: [ours]\n")
    write(tmp_path / "preamble" / "ours.yaml",
          "id: ours\nversions:\n  - adopted: [ICC-ASP/17/Res.3, ICC-ASP/17/Res.5]\n"
          "    text: \"*Recalling* ours,\"\n")
    lib = load_layers([bundled_path(), tmp_path])
    assert lib.session(2018).meta["symbol"] == "ICC-ASP/17/Res.5"  # a year is its omnibus
    assert lib.session_by_symbol("icc-asp/17/res.3").meta["title"] == "Cooperation"
    assert [s.meta["symbol"] for s in lib.held() if s.year == 2018] == ["ICC-ASP/17/Res.3",
                                                                        "ICC-ASP/17/Res.5"]
    assert lib.clause("ours").versions[0].years == (2018, 2018)


def test_a_year_without_an_omnibus_names_what_is_held(tmp_path: Path) -> None:
    write(tmp_path / "resolutions" / "icc-asp-18-res-3.yaml",
          "year: 2019\nsymbol: ICC-ASP/18/Res.3\nadopted: 2019-12-06\n")
    with pytest.raises(AspDraftError, match=r"name the one held by its symbol: ICC-ASP/18/Res\.3"):
        load_layers([bundled_path(), tmp_path]).session(2019)


@pytest.mark.parametrize(("name", "text", "message", "line"), [
    ("resolutions/wrong.yaml", "year: 2019\nsymbol: ICC-ASP/18/Res.3\n",
     "must be named icc-asp-18-res-3.yaml", 2),
    ("resolutions/x.yaml", "year: 2019\n", "a resolution file needs its 'symbol'", 1),
    # a symbol is text: read as a number or a list, it is refused at its line
    ("resolutions/x.yaml", "year: 2019\nsymbol: [ICC-ASP/18/Res.3]\n",
     "'symbol' must be text, not ['ICC-ASP/18/Res.3']", 2),
    ("preamble/x.yaml", "id: x\nversions:\n  - proposed: 2019\n    rolls: later\n    text: a,\n",
     "'rolls' must be one of advance, keep, review, not 'later'", 4),
    ("preamble/x.yaml", "id: x\nversions:\n  - adopted: [ICC-ASP/16/Res.6]\n    amends: y\n"
     "    text: a,\n", "only a proposed version names the clause it 'amends'", 4),
    ("preamble/x.yaml", "id: x\nversions:\n  - proposed: 2019\n    amends: [y]\n    text: a,\n",
     "'amends' names the id of the clause a proposal amends", 4),
])
def test_malformed_resolution_and_rolls(tmp_path: Path, name: str, text: str, message: str,
                                        line: int) -> None:
    path = write(tmp_path / name, text)
    with pytest.raises(AspDraftError) as err:
        load_layers([bundled_path(), tmp_path])
    assert message in str(err.value)
    assert (err.value.source, err.value.line) == (str(path), line)


def test_the_bundled_anniversary_clause_is_kept_when_rolled() -> None:
    rolled = {(c.id, v.since): v.rolls for c in LIB.clauses.values() for v in c.versions
              if v.rolls}
    assert rolled == {("rome-statute-anniversary", 2018): "keep"}


def test_no_bundled_leaves_the_bundled_folder_out(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASP_DRAFT_NO_BUNDLED", "1")
    lib = load_library([tmp_path])
    assert lib.roots == [tmp_path] and not lib.clauses
    with pytest.raises(LibraryError, match="the library is empty"):
        lib.require_record()


# --- annexes in specs ---------------------------------------------------------------------------

ANNEX_SPEC = """\
year: 2019
symbol: ICC-ASP/18/Res.9
preamble:
  - justice-and-peace
operative:
  - text: "*Decides* to act;"
annexes:
  - title: Terms of reference
    paragraphs:
      - heading: Mandate
      - text: The experts shall review.[^1] They report.
        footnotes: [See ICC-ASP/18/INF.2.]
      - text: "The review shall cover:"
        sub: ["governance;", "the judiciary;"]
      - text: Also this.
        number: 5 bis
      - text: And this.
  - paragraphs:
      - text: "*Further considers* the matter."
      - justice-and-peace
  - title: Timetable
    numbered: false
    paragraphs:
      - text: Begin in January.
      - text: Report in September.
        number: 4
"""


def test_a_spec_assembles_its_annexes_each_numbered_afresh() -> None:
    from asp_draft.library.assemble import assemble
    from asp_draft.library.spec_reader import parse_spec
    from asp_draft.model import Footnote

    document = assemble(parse_spec(ANNEX_SPEC, "draft.yaml"), LIB)
    got = [(p.part, p.annex, p.number, p.level, p.heading, p.lead, p.text, p.clause)
           for p in document.paragraphs]
    justice = "Convinced also that justice and peace are complementary and mutually " \
              "reinforce each other,"
    terms = "Terms of reference"
    assert got == [
        ("preamble", None, None, 0, False, "Convinced also", justice, "justice-and-peace"),
        ("operative", None, "1", 0, False, "Decides", "Decides to act;", None),
        ("annex", terms, None, 0, True, None, "Mandate", None),
        ("annex", terms, "1", 0, False, None, "The experts shall review. They report.", None),
        ("annex", terms, "2", 0, False, None, "The review shall cover:", None),
        ("annex", terms, "a", 1, False, None, "governance;", None),
        ("annex", terms, "b", 1, False, None, "the judiciary;", None),
        ("annex", terms, "5 bis", 0, False, None, "Also this.", None),
        ("annex", terms, "6", 0, False, None, "And this.", None),
        ("annex", None, "1", 0, False, "Further considers", "Further considers the matter.",
         None),
        # an annex may quote agreed language of either part
        ("annex", None, "2", 0, False, "Convinced also", justice, "justice-and-peace"),
        ("annex", "Timetable", None, 0, False, None, "Begin in January.", None),
        ("annex", "Timetable", "4", 0, False, None, "Report in September.", None)]
    assert document.paragraphs[3].footnotes == (Footnote("See ICC-ASP/18/INF.2.", 25),)


def test_a_spec_with_annexes_is_written_and_read_back_the_same() -> None:
    from asp_draft.library.spec_reader import parse_spec
    from asp_draft.library.spec_writer import render_spec

    spec = parse_spec(ANNEX_SPEC, "draft.yaml")
    again = parse_spec(render_spec(spec, keep_pins=True), "again.yaml")

    def shape(s: object) -> list[tuple[object, ...]]:
        return [(a.title, a.numbered, [(e.clause, e.text, e.heading, e.number, e.footnotes,
                                        len(e.sub)) for e in a.entries])
                for a in s.annexes]  # type: ignore[attr-defined]

    assert shape(again) == shape(spec) and len(spec.annexes) == 3


@pytest.mark.parametrize(("annexes", "message", "line"), [
    ("annexes: {title: x}", "'annexes' must be a list of annexes (title:, paragraphs:)", 2),
    ("annexes:\n  - just text", "an annex must be a mapping (title:, paragraphs:)", 3),
    ("annexes:\n  - title: x", "an annex needs 'paragraphs', a non-empty list of entries", 3),
    ("annexes:\n  - title: x\n    paragraphs: []",
     "an annex needs 'paragraphs', a non-empty list of entries", 4),
    ("annexes:\n  - title: x\n    colour: red\n    paragraphs: [{text: a}]",
     "unknown key 'colour' in annex (allowed: numbered, paragraphs, title)", 4),
    ("annexes:\n  - title: [x]\n    paragraphs: [{text: a}]",
     "an annex's 'title' must be text (or left out for a bare 'Annex')", 3),
    ("annexes:\n  - title: x\n    numbered: maybe\n    paragraphs: [{text: a}]",
     "an annex's 'numbered' must be true or false, not 'maybe'", 4),
    ("annexes:\n  - title: x\n    paragraphs:\n      - text: a\n      - Not An Id",
     "'Not An Id' is not a clause id", 6),
])
def test_malformed_annexes_name_the_line(annexes: str, message: str, line: int) -> None:
    from asp_draft.library.spec_reader import parse_spec

    with pytest.raises(AspDraftError) as err:
        parse_spec(f"year: 2019\n{annexes}\n", "draft.yaml")
    assert message in str(err.value)
    assert (err.value.source, err.value.line) == ("draft.yaml", line)


def test_a_broken_clause_file_stops_only_what_uses_it(cli, tmp_path: Path) -> None:
    """A malformed clause file in a shared library is skipped with a warning elsewhere."""
    (tmp_path / "preamble").mkdir()
    bad = tmp_path / "preamble" / "broken-clause.yaml"
    bad.write_text("id: broken-clause\nversions: [unclosed\n", encoding="utf-8")
    shown = cli("--library", tmp_path, "show", "2018")
    assert shown.code == 0 and "Mindful that" in shown.out
    assert f"warning: skipped a clause file that cannot be read: {bad}:" in shown.err
    found = cli("--library", tmp_path, "search", "justice")
    assert found.code == 0 and "justice" in found.out
    spec = tmp_path / "d.yaml"
    spec.write_text("year: 2019\npreamble:\n  - broken-clause\n", encoding="utf-8")
    used = cli("--library", tmp_path, "show", spec)
    assert used.code == 2 and "Traceback" not in used.err
    assert used.err.splitlines()[-1].startswith(f"asp-draft: error: {bad}:3: malformed YAML")


# --- versions in more than one language -------------------------------------------------

_TWO_LANGUAGES = """\
id: two
topic: t
versions:
  - proposed: 2019
    text: "*Recalling* one,"
  - proposed: 2019
    language: {language}
    text: "*Rappelant* un,"
"""


def _library_folder(root: Path, clause: str, facts: str | None = None) -> Path:
    (root / "preamble").mkdir(parents=True)
    (root / "preamble" / "two.yaml").write_text(clause, encoding="utf-8")
    if facts is not None:
        (root / "facts.yaml").write_text(facts, encoding="utf-8")
    return root


def test_a_version_carries_its_language_and_english_is_the_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from asp_draft import language

    monkeypatch.setitem(language.LANGUAGES, "fra",
                        replace(language.ENGLISH, code="fra", alpha2="fr"))
    lib = load_layers([_library_folder(tmp_path, _TWO_LANGUAGES.format(language="fr"))])
    clause = lib.clause("two")
    assert [v.language for v in clause.versions] == ["eng", "fra"]  # "fr" read as fra
    assert clause.languages == ("eng", "fra")
    french = clause.in_language("fra")
    assert french is not None and [v.text for v in french.versions] == ["*Rappelant* un,"]
    assert clause.in_language("spa") is None
    assert lib.language == "eng"
    assert all(v.language == "eng" for c in LIB.clauses.values() for v in c.versions)


@pytest.mark.parametrize(("clause", "facts", "where", "message"), [
    (_TWO_LANGUAGES.format(language="xx"), None, "preamble/two.yaml:7",
     "unknown language 'xx' (known: eng)"),
    (_TWO_LANGUAGES.format(language="[fra]"), None, "preamble/two.yaml:7",
     "'language' must be a language code such as eng, not ['fra']"),
    ("id: two\nversions: [{proposed: 2019, text: a}]\n", "years: {}\nlanguage: xx\n",
     "facts.yaml:2", "unknown language 'xx' (known: eng)"),
])
def test_an_unknown_language_in_a_library_names_file_and_line(
        tmp_path: Path, clause: str, facts: str | None, where: str, message: str) -> None:
    with pytest.raises(LibraryError) as err:
        load_layers([_library_folder(tmp_path, clause, facts)])
    assert str(err.value) == f"{tmp_path / where}: {message}"


def test_a_later_folder_replaces_only_the_languages_it_holds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from asp_draft import language

    monkeypatch.setitem(language.LANGUAGES, "fra", replace(language.ENGLISH, code="fra"))
    base = _library_folder(tmp_path / "base", _TWO_LANGUAGES.format(language="fra"))
    english = _library_folder(tmp_path / "en", "id: two\ntopic: new\nversions:\n"
                              "  - {proposed: 2020, text: \"*Recalling* two,\"}\n")
    lib = load_layers([base, english])
    assert [(v.language, v.text) for v in lib.clause("two").versions] == [
        ("fra", "*Rappelant* un,"), ("eng", "*Recalling* two,")]
    assert lib.clause("two").topic == "new"
    # a folder whose facts.yaml names French holds French versions without saying so each time
    french = _library_folder(tmp_path / "fr", "id: two\nversions:\n"
                             "  - {proposed: 2021, text: \"*Rappelant* deux,\"}\n",
                             "language: fra\n")
    lib = load_layers([base, english, french])
    assert [(v.language, v.since) for v in lib.clause("two").versions] == [
        ("eng", 2020), ("fra", 2021)]
    assert lib.language == "fra"


@pytest.mark.parametrize(("facts", "expected"), [
    ("years: {2019: {session: eighteen}}", ":1: 2019: 'session' must be a whole number"),
    ("years:\n  2019: {venue: 5}", ":2: 2019: 'venue' must be text, not 5"),
    ("years: [1]", ":1: 'years' must be a mapping"),
    ("documents: 5", ":1: 'documents' must be a mapping"),
    ("documents:\n  X: notayear", ":2: documents: 'X' (its year) must be a whole number"),
    ("constants: [1]", ":1: 'constants' must be a mapping"),
    ("5", ":1: facts.yaml must be a mapping"),
    ("years: {2019: {sesion: 18}}", ":1: unknown key 'sesion' in the facts of 2019"),
])
def test_a_wrong_value_in_facts_is_one_line(cli, tmp_path: Path, facts: str,
                                            expected: str) -> None:
    (tmp_path / "facts.yaml").write_text(facts + "\n", encoding="utf-8")
    line = one_line_error(cli("--library", tmp_path, "show", "2018"))
    assert f"{tmp_path / 'facts.yaml'}{expected}" in line, line
