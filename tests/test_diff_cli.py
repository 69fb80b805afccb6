"""`asp-draft diff`: exact output, exit codes, files and one-line errors."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from asp_draft.cli.main import main


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """`asp-draft ARGS...` in-process, without colour, at a fixed width."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("ASP_DRAFT_DEBUG", raising=False)
    monkeypatch.delenv("ASP_DRAFT_LIBRARY", raising=False)

    def go(*args: str, stdin: str | None = None) -> Run:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        with pytest.raises(SystemExit) as exc:
            main(list(args))
        got = capsys.readouterr()
        code = exc.value.code
        return Run(code if isinstance(code, int) else 0, got.out, got.err)

    return go


def error_line(result: Run) -> str:
    assert result.code == 2, result
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("asp-draft: error: ")
    return lines[0]


PP3_2017 = ("Convinced also that justice and peace are complementary and mutually reinforce "
            "each other,")
PP4_2017 = ("Welcoming that the international community has agreed to promote peaceful and "
            "inclusive societies for sustainable development, provide access to justice for all "
            "and build effective, accountable and inclusive institutions at all levels and, in "
            "this regard, encouraging societies facing conflicts to move from war to peace through "
            "peaceful solutions,")
PP4_2018 = ("Welcoming the activities and events held in commemoration of the 20th anniversary of "
            "the Rome Statute, which reaffirmed the support of States Parties, civil society and "
            "other stakeholders for the important work of the Court,")
PARTIAL = ("asp-draft: note: the record of {} is partial; paragraphs beyond what is held are "
           "not compared\n")
SUMMARY_2017_2018 = (PARTIAL.format("ICC-ASP/16/Res.6 and ICC-ASP/17/Res.5")
                     + "3 equal, 0 modified, 0 inserted, 0 deleted, 0 moved, 2 not held\n")

OLD_TXT = """The Assembly of States Parties,

Recalling the Rome Statute,

Noting the report of the Bureau,

1. Requests the Bureau to report;

2. Decides to meet again;
"""
NEW_TXT = """The Assembly of States Parties,

Noting the report of the Bureau,

Recalling the Rome Statute,

1. Welcomes the report;

2. Requests the Bureau to report back;

3. Decides to meet again;
"""


def test_text_is_the_default_in_a_pipe(run) -> None:  # type: ignore[no-untyped-def]
    result = run("diff", "2017", "2018")
    assert result.code == 0
    lines = result.out.split("\n")
    assert lines[:3] == ["--- ICC-ASP/16/Res.6 (2017)", "+++ ICC-ASP/17/Res.5 (2018)", ""]
    # the metadata that changed beyond the heading's symbol and year, one line a key
    assert lines[3:7] == ["session: 16 → 17", "adopted: '2017-12-14' → '2018-12-12'",
                          "venue: 'New York' → 'The Hague'", ""]
    lines = lines[7:]
    assert lines[0].startswith("PP1   Mindful that each individual State")
    assert lines[4] == f"PP3   {PP3_2017}"
    # both copies are partial: each PP4 may stand in the other beyond its end (issue 15)
    assert lines[6] == (f"PP4 ? {PP4_2017} (not in the held record of ICC-ASP/17/Res.5 "
                        "(2018); not compared)")
    assert lines[8] == (f"PP4 ? {PP4_2018} (not in the held record of ICC-ASP/16/Res.6 "
                        "(2017); not compared)")
    assert lines[9:] == [""]
    assert result.err == SUMMARY_2017_2018


def test_markdown(run) -> None:  # type: ignore[no-untyped-def]
    result = run("diff", "2012", "2014", "--format", "markdown")
    blocks = result.out.rstrip("\n").split("\n\n")
    assert blocks[0] == "Changes from ICC-ASP/11/Res.8 (2012) to ICC-ASP/13/Res.5 (2014)"
    assert blocks[1] == ("- session: 11 → 13\n- adopted: '2012-11-21' → '2014-12-17'\n"
                         "- plenary: 8 → 13\n- venue: 'The Hague' → 'New York'")
    assert "from **the crime of** genocide" in blocks[2]
    assert blocks[2].startswith("`PP1` Mindful that")
    assert blocks[5].startswith("`PP4` Convinced further that")
    assert blocks[5].endswith("is essential, *(not in the held record of ICC-ASP/11/Res.8 "
                              "(2012); not compared)*")
    assert len(blocks) == 6


def test_json_shape(run) -> None:  # type: ignore[no-untyped-def]
    result = run("diff", "2016", "2017", "--format", "json")
    data = json.loads(result.out)
    assert data["old"] == {"symbol": "ICC-ASP/15/Res.5", "year": 2016}
    assert data["new"] == {"symbol": "ICC-ASP/16/Res.6", "year": 2017}
    assert data["summary"] == {"equal": 1, "modified": 2, "inserted": 0, "deleted": 0,
                               "moved": 0, "not-held": 2, "weaker": 0, "stronger": 0}
    assert [(c["op"], c["old_index"], c["new_index"]) for c in data["changes"]] == [
        ("modified", 0, 0), ("modified", 1, 1), ("equal", 2, 2), ("not-held", 3, None),
        ("not-held", None, 3)]
    assert set(data["changes"][0]) == {"op", "old_index", "new_index", "similarity", "words"}
    assert set(data["changes"][2]) == {"op", "old_index", "new_index", "similarity"}
    assert [w for w in data["changes"][0]["words"] if w["op"] != "equal"] == [
        {"op": "insert", "text": "the duty to "}]


def test_text_files_moves_and_labels(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD_TXT, encoding="utf-8")
    new.write_text(NEW_TXT, encoding="utf-8")
    result = run("diff", str(old), str(new), "--format", "text")
    assert result.out == (
        f"--- {old}\n+++ {new}\n\n"
        "PP1   Noting the report of the Bureau,\n\n"
        "PP2 > (moved from PP1) Recalling the Rome Statute,\n\n"
        "OP1 + {+Welcomes the report;+}\n\n"
        "OP2 ~ Requests the Bureau to [-report;-]{+report back;+}\n\n"
        "OP3   Decides to meet again;\n")  # renumbered, not changed
    assert result.err == "2 equal, 1 modified, 1 inserted, 0 deleted, 1 moved\n"
    moves_off = run("diff", str(old), str(new), "--format", "text", "--moves-as-changes")
    assert moves_off.err == "2 equal, 1 modified, 2 inserted, 1 deleted, 0 moved\n"


def test_standard_input(run) -> None:  # type: ignore[no-untyped-def]
    result = run("diff", "-", "2018", "--format", "json", stdin=OLD_TXT)
    assert json.loads(result.out)["summary"]["not-held"] == 4  # 2018's copy is partial


@pytest.mark.parametrize(("args", "code"), [
    (["2017", "2018", "--exit-code"], 1),
    (["2018", "2018", "--exit-code"], 0),
    (["2017", "2018"], 0),
    # 2014 -> 2015 PP2 differs only in quotation marks: still a difference unless ignored.
    (["2015", "2016", "--exit-code", "--ignore-typography"], 1),
])
def test_exit_codes(run, args: list[str], code: int) -> None:  # type: ignore[no-untyped-def]
    assert run("diff", *args, "--format", "json").code == code


def test_ignore_typography_makes_quotes_equal(run) -> None:  # type: ignore[no-untyped-def]
    plain = run("diff", "2014", "2015", "--format", "json")
    folded = run("diff", "2014", "2015", "--format", "json", "--ignore-typography")
    assert json.loads(plain.out)["summary"]["modified"] == 2
    assert json.loads(folded.out)["summary"] == {"equal": 3, "modified": 1, "inserted": 0,
                                                 "deleted": 0, "moved": 0, "not-held": 1,
                                                 "weaker": 0, "stronger": 0}


def test_same_document_is_all_folded_in_rich(run) -> None:  # type: ignore[no-untyped-def]
    result = run("diff", "2018", "ICC-ASP/17/Res.5", "--format", "rich")
    assert result.out == ("ICC-ASP/17/Res.5 (2018) → ICC-ASP/17/Res.5 (2018)\n\n"
                          "… 4 unchanged paragraphs (PP1–PP4)\n")
    assert result.err == (PARTIAL.format("ICC-ASP/17/Res.5")
                          + "4 equal, 0 modified, 0 inserted, 0 deleted, 0 moved\n")


def test_rich_without_colour_spells_the_marks(run) -> None:  # type: ignore[no-untyped-def]
    result = run("diff", "2012", "2014", "--format", "rich")
    lines = result.out.split("\n")
    assert lines[0] == "ICC-ASP/11/Res.8 (2012) → ICC-ASP/13/Res.5 (2014)"
    assert lines[2:6] == ["session: 11 → 13", "adopted: '2012-11-21' → '2014-12-17'",
                          "plenary: 8 → 13", "venue: 'The Hague' → 'New York'"]
    assert lines[7] == "PP1 modified (98% alike)"
    assert "from {+the crime of+} genocide" in lines[8]
    assert "… 2 unchanged paragraphs (PP2–PP3)" in result.out
    assert "PP4 not held; not in the held record of ICC-ASP/11/Res.8 (2012)" in result.out


def test_html_is_one_self_contained_page(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "diff.html"
    result = run("diff", "2014", "2015", "-o", str(out))
    assert result.code == 0 and result.out == ""
    assert result.err == (PARTIAL.format("ICC-ASP/13/Res.5 and ICC-ASP/14/Res.4")
                          + f"asp-draft: wrote {out}\n"
                          "2 equal, 2 modified, 0 inserted, 0 deleted, 0 moved, 1 not held\n")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "http" not in page.replace('href="#', "")  # nothing fetched
    assert 'id="inline"' in page and 'id="side"' in page
    assert "<del>(“the Court”) </del><ins>(&quot;the Court&quot;) </ins>" in page


def test_output_is_not_overwritten_without_force(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "d.json"
    out.write_text("keep", encoding="utf-8")
    line = error_line(run("diff", "2017", "2018", "-o", str(out)))
    assert line == f"asp-draft: error: {out}: already exists; use --force to replace it"
    assert out.read_text(encoding="utf-8") == "keep"
    assert run("diff", "2017", "2018", "-o", str(out), "--force").code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["not-held"] == 2


@pytest.mark.parametrize(("args", "message"), [
    (["2017", "2018", "--format", "odt"],
     "--format 'odt': choose one of rich, text, markdown, json, html, docx, pdf"),
    (["2017", "2018", "--date", "12/12/2018"],
     "--date '12/12/2018' is not an ISO date; give e.g. 2018-12-12 or 2018-12-12T10:30:00Z"),
    (["2017", "2018", "--format", "docx"], "--format docx writes a Word file; give -o OUT.docx"),
    (["2017", "1999"], None),
    (["2017", "missing.txt"], "missing.txt: no such file"),
    (["-", "-"], "only one of OLD and NEW can be - (standard input)"),
])
def test_bad_input_is_one_line_and_exit_2(run, args: list[str], message: str | None) -> None:  # type: ignore[no-untyped-def]
    line = error_line(run("diff", *args))
    if message is not None:
        assert line == f"asp-draft: error: {message}"


def test_rich_cannot_go_to_a_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    line = error_line(run("diff", "2017", "2018", "--format", "rich", "-o",
                          str(tmp_path / "x.txt")))
    assert "--format rich is for the terminal" in line


def test_docx_goes_to_the_redline_writer(run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    seen: dict[str, object] = {}

    def render_redline(diff: object, *, author: str, date: str,
                       moves_as_changes: bool, bodies: object) -> bytes:
        seen.update(author=author, date=date, moves=moves_as_changes,
                    bodies=sorted(b.key for b in bodies)[:2])  # type: ignore[attr-defined]
        return b"PK fake"

    fake = types.ModuleType("asp_draft.writers.redline")
    fake.render_redline = render_redline  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "asp_draft.writers.redline", fake)
    out = tmp_path / "r.docx"
    result = run("diff", "2017", "2018", "-o", str(out), "--author", "Chair",
                 "--date", "2018-12-12T10:30:00+01:00")
    assert result.code == 0, result
    assert out.read_bytes() == b"PK fake"
    assert seen == {"author": "Chair", "date": "2018-12-12T09:30:00Z", "moves": False,
                    "bodies": ["asp", "ecosoc"]}


def test_docx_without_the_redline_writer(run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "asp_draft.writers.redline", None)
    result = run("diff", "2017", "2018", "-o", str(tmp_path / "r.docx"))
    assert error_line(result) == "asp-draft: error: Word redlines are not available yet"
    assert not (tmp_path / "r.docx").exists()


def test_help_has_an_example(run) -> None:  # type: ignore[no-untyped-def]
    result = run("diff", "--help")
    assert result.code == 0
    assert "asp-draft diff 2017 2018" in result.out


# --- formats are a table; a text diff starts light --------------------------------------------


def test_every_format_in_the_tables_loads() -> None:
    import importlib

    from asp_draft.formats import DIFF_WRITERS, DOCUMENT_WRITERS, READERS

    for reader in READERS:
        assert callable(getattr(importlib.import_module(reader.module), reader.function))
    for table in (DOCUMENT_WRITERS, DIFF_WRITERS):
        for writer in table.entries:
            assert callable(table.load(writer)), writer.name


def test_a_new_diff_format_is_one_entry_and_one_module(run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import types
    from dataclasses import replace

    from asp_draft.cli.commands import diff as command
    from asp_draft.formats import DIFF_WRITERS, Writer

    module = types.ModuleType("asp_draft_test_shout")
    module.render_shout = lambda diff: diff.summary_line().upper() + "\n"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    entry = Writer("shout", "shouted", (".shout",), module.__name__, "render_shout")
    table = replace(DIFF_WRITERS, entries=(*DIFF_WRITERS.entries, entry))
    monkeypatch.setattr(command, "DIFF_WRITERS", table)
    shouted = "3 EQUAL, 0 MODIFIED, 0 INSERTED, 0 DELETED, 0 MOVED, 2 NOT HELD\n"
    assert run("diff", "2017", "2018", "--format", "shout").out == shouted
    out = tmp_path / "d.shout"
    assert run("diff", "2017", "2018", "-o", str(out)).code == 0  # picked by its suffix
    assert out.read_text(encoding="utf-8") == shouted
    assert error_line(run("diff", "2017", "2018", "-f", "odt")).endswith("html, docx, pdf, shout")


def test_formats_answer_to_their_aliases(run) -> None:  # type: ignore[no-untyped-def]
    assert run("diff", "2017", "2018", "-f", "md").out == \
        run("diff", "2017", "2018", "-f", "markdown").out
    assert run("diff", "2017", "2018", "-f", "txt").out.startswith("--- ICC-ASP/16/Res.6 (2017)")


def test_the_diff_help_lists_the_table(run) -> None:  # type: ignore[no-untyped-def]
    from asp_draft.formats import DIFF_WRITERS, reader_suffixes

    out = " ".join(run("diff", "--help").out.split())
    assert f"{DIFF_WRITERS.help()} (default: from OUT's extension" in out
    assert reader_suffixes(spec=False).replace(" or", ",") in out  # .txt, .md, .docx, .pdf


LOADED = ("pydantic", "jinja2", "yaml", "rich", "docx", "lxml")
# asp-draft's own modules that only a library, a spec or facts.yaml needs
OWN = ("asp_draft.library.load", "asp_draft.library.facts", "asp_draft.model.library",
       "asp_draft.model.spec")
PROBE = ("import json, sys\nfrom asp_draft.cli.main import main\ntry:\n    main(sys.argv[1:])\n"
         "except SystemExit:\n    pass\nsys.stderr.write(json.dumps(sorted({m.split('.')[0] "
         f"for m in sys.modules}} & set({LOADED!r}) | set(sys.modules) & set({OWN!r}))))\n")


def loaded_by(*args: str) -> list[str]:
    """The heavy libraries, and the library's own modules, a fresh `asp-draft ARGS...` imported."""
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if not k.startswith("ASP_DRAFT")}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          check=True, env=env)
    loaded: list[str] = json.loads(done.stderr.splitlines()[-1])
    return loaded


def test_a_text_diff_imports_no_pydantic_jinja2_or_yaml(tmp_path: Path) -> None:
    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text("The Assembly of States Parties,\n\n1. Requests the Bureau;\n", encoding="utf-8")
    new.write_text("The Assembly of States Parties,\n\n1. Urges the Bureau;\n", encoding="utf-8")
    assert loaded_by("diff", str(old), str(new), "--format", "json") == []
    assert loaded_by("--version") == []


def test_starting_up_loads_no_document_model() -> None:
    """The commands' modules load at every start; the model only with a document read."""
    import subprocess

    probe = ("import sys\nfrom asp_draft.cli.main import main\ntry:\n    main(['--version'])\n"
             "except SystemExit:\n    pass\n"
             "sys.stderr.write(str('asp_draft.model' in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stderr.splitlines()[-1] == "False"


def test_a_year_diff_imports_what_templates_need_and_no_more() -> None:
    assert loaded_by("diff", "2017", "2018", "--format", "json") == [
        "asp_draft.library.facts", "asp_draft.library.load", "asp_draft.model.library",
        "asp_draft.model.spec",
        "jinja2", "yaml"]


LEADS_OLD = """The Assembly of States Parties,

Recalling the Rome Statute,

1. Urges all States to cooperate fully with the Court;

2. Requests the Bureau to report to the Assembly;

3. Welcomes the report of the Court;
"""
LEADS_NEW = """The Assembly of States Parties,

Reaffirming the Rome Statute,

1. Encourages all States to cooperate fully with the Court;

2. Invites the Bureau to report to the Assembly;

3. Also welcomes the report of the Court;
"""


@pytest.fixture
def leads_pair(tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(LEADS_OLD, encoding="utf-8")
    new.write_text(LEADS_NEW, encoding="utf-8")
    return str(old), str(new)


def test_changed_leads_in_text_and_on_stderr(run, leads_pair) -> None:  # type: ignore[no-untyped-def]
    result = run("diff", *leads_pair, "--format", "text")
    body = result.out.split("\n")[3:]
    assert body[0] == ("PP1 ~ (stronger: Recalling → Reaffirming) [-Recalling-] {+Reaffirming+} "
                       "the Rome Statute,")
    assert body[2].startswith("OP1 ~ (weaker: Urges → Encourages) [-Urges-] {+Encourages+} all")
    assert body[4].startswith("OP2 ~ (weaker: Requests → Invites) ")
    assert body[6] == "OP3 ~ [-Welcomes-] {+Also welcomes+} the report of the Court;"  # a variant
    assert body[8] == "Leads: 2 weaker, 1 stronger"
    assert result.err == ("0 equal, 4 modified, 0 inserted, 0 deleted, 0 moved\n"
                          "leads: 2 weaker, 1 stronger\n")


def test_changed_leads_in_json(run, leads_pair) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("diff", *leads_pair, "--format", "json").out)
    assert (data["summary"]["weaker"], data["summary"]["stronger"]) == (2, 1)
    assert [c.get("strength") for c in data["changes"]] == [
        {"old": "Recalling", "new": "Reaffirming", "direction": "stronger"},
        {"old": "Urges", "new": "Encourages", "direction": "weaker"},
        {"old": "Requests", "new": "Invites", "direction": "weaker"}, None]


def test_a_user_librarys_scale_ranks_what_the_bundled_one_cannot(run, leads_pair,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path) -> None:
    """`--library DIR` with a strength.txt: the diff ranks leads by it, for this run only."""
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "strength.txt").write_text("[operative]\nUrges\nRequests\nInvites\nEncourages\n"
                                      "Welcomes\n", encoding="utf-8")
    directions = [c.get("strength", {}).get("direction") for c in json.loads(
        run("diff", *leads_pair, "--format", "json", "--library", str(lib)).out)["changes"]]
    assert directions == ["stronger", "weaker", "weaker", None]
    (lib / "strength.txt").unlink()
    other = tmp_path / "lib2"
    other.mkdir()
    (other / "strength.txt").write_text("[operative]\nInvites\nRequests\n", encoding="utf-8")
    directions = [c.get("strength", {}).get("direction") for c in json.loads(
        run("diff", *leads_pair, "--format", "json", "--library", str(other)).out)["changes"]]
    assert directions == ["stronger", "changed", "stronger", None]  # Invites now ranks above
    data = json.loads(run("diff", *leads_pair, "--format", "json").out)
    assert data["changes"][2]["strength"]["direction"] == "weaker"  # the bundled scale again


def test_changed_leads_in_rich_markdown_and_html(run, leads_pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rich = run("diff", *leads_pair, "--format", "rich").out.split("\n")
    assert "OP1 modified (89% alike); weaker: Urges → Encourages" in rich
    assert rich[-2] == "Leads: 2 weaker, 1 stronger"
    markdown = run("diff", *leads_pair, "--format", "markdown").out
    assert "\n`OP2 · weaker: Requests → Invites` ~~Requests~~ **Invites** the Bureau" in markdown
    assert "\n`OP3` ~~Welcomes~~ **Also welcomes** the report" in markdown
    page = tmp_path / "d.html"
    assert run("diff", *leads_pair, "-o", str(page)).code == 0
    html = page.read_text(encoding="utf-8")
    assert ('<div class="label">OP1<span class="op">modified</span><span class="strength '
            'weaker">weaker: Urges → Encourages</span></div>') in html
    assert '<p class="summary">Leads: 2 weaker, 1 stronger</p>' in html


def test_not_held_in_every_format(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rich = run("diff", "2017", "2018", "--format", "rich").out
    assert "PP4 not held; not in the held record of ICC-ASP/17/Res.5 (2018); not compared" in rich
    markdown = run("diff", "2017", "2018", "--format", "markdown").out
    assert "*(not in the held record of ICC-ASP/16/Res.6 (2017); not compared)*" in markdown
    assert "~~" not in markdown and "**" not in markdown  # neither deleted nor inserted
    page = tmp_path / "d.html"
    run("diff", "2017", "2018", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert html.count('<div class="row not-held">') == 2
    assert "<del>" not in html and "<ins>" not in html


HEADED = """# symbol: A/RES/79/6
# title: Report of the International Criminal Court
# session: 79

The General Assembly,

Recalling its resolution 78/6,

1. Welcomes the report of the Court;
"""


def _pair(folder: Path, new: str) -> tuple[str, str]:
    (folder / "old.txt").write_text(HEADED, encoding="utf-8")
    (folder / "new.txt").write_text(new, encoding="utf-8")
    return str(folder / "old.txt"), str(folder / "new.txt")


def test_a_changed_chapeau_in_every_format(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two texts that differ only in their chapeau (and session) differ: exit 1, the chapeau
    first in every view, the session listed, the summary line saying so."""
    old, new = _pair(tmp_path, HEADED.replace("The General Assembly,",
                                              "The Assembly of States Parties,")
                     .replace("# session: 79", "# session: 24"))
    text = run("diff", old, new, "--format", "text", "--exit-code")
    assert text.code == 1
    assert text.out.split("\n")[:6] == [
        "--- A/RES/79/6", "+++ A/RES/79/6", "",
        "chapeau: 'The General Assembly,' → 'The Assembly of States Parties,'",
        "session: 79 → 24", ""]
    assert text.err == ("2 equal, 0 modified, 0 inserted, 0 deleted, 0 moved; "
                        "chapeau changed\n")
    data = json.loads(run("diff", old, new, "--format", "json").out)
    assert list(data) == ["old", "new", "meta", "summary", "changes"]
    assert data["meta"] == [
        {"key": "chapeau", "old": "The General Assembly,",
         "new": "The Assembly of States Parties,", "counts": True},
        {"key": "session", "old": 79, "new": 24, "counts": False}]
    assert data["summary"]["equal"] == 2
    markdown = run("diff", old, new, "--format", "markdown").out
    assert markdown.split("\n\n")[1] == ("- chapeau: 'The General Assembly,' → "
                                         "'The Assembly of States Parties,'\n- session: 79 → 24")
    rich = run("diff", old, new, "--format", "rich").out
    assert rich.split("\n")[2:4] == [
        "chapeau: 'The General Assembly,' → 'The Assembly of States Parties,'",
        "session: 79 → 24"]
    page = tmp_path / "d.html"
    run("diff", old, new, "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert ('<tr class="counts"><th>chapeau</th><td><del>The General Assembly,</del> → '
            '<ins>The Assembly of States Parties,</ins></td>') in html
    assert ('<tr class="listed"><th>session</th><td><span class="old">79</span> → '
            '<span class="new">24</span></td>') in html
    assert "; chapeau changed</p>" in html


def test_listed_metadata_does_not_count(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A changed session, and a title only one text carries, are listed: exit 0."""
    old, new = _pair(tmp_path, HEADED.replace("# session: 79", "# session: 80").replace(
        "# title: Report of the International Criminal Court\n", ""))
    result = run("diff", old, new, "--format", "text", "--exit-code")
    assert result.code == 0, result
    assert result.out.split("\n")[3:6] == [
        "title: 'Report of the International Criminal Court' → (none)", "session: 79 → 80", ""]
    assert result.err == "2 equal, 0 modified, 0 inserted, 0 deleted, 0 moved\n"


def test_equal_metadata_keeps_the_json_shape(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, new = _pair(tmp_path, HEADED)
    data = json.loads(run("diff", old, new, "--format", "json").out)
    assert list(data) == ["old", "new", "summary", "changes"]
    assert run("diff", old, new, "--exit-code").code == 0


def test_a_title_both_texts_carry_counts(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, new = _pair(tmp_path, HEADED.replace("Report of the", "Report of the President of the"))
    result = run("diff", old, new, "--exit-code", "--format", "text")
    assert result.code == 1
    assert result.err.endswith("0 moved; title changed\n")
