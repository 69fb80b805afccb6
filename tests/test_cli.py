"""The commands of the foundation, end to end in-process: output, files and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from asp_draft import __version__
from tests.conftest import GOLDEN_DIR, one_line_error

SPEC = """year: 2019
symbol: ICC-ASP/18/Res.6
preamble:
  - responsibility-to-protect
  - justice-and-peace@2011
  - template: "*Welcoming* the {{ session | ordinal_word }} session in {{ venue }},"
operative:
  - text: "*Requests* the Bureau to report;"
  - text: "*Decides*:"
    sub: ["to meet;", "to adjourn;"]
  - template: "*Notes* the report{{ '' }}."
    footnotes: ["ICC-ASP/18/1."]
"""


def test_version(cli) -> None:
    result = cli("--version")
    assert (result.code, result.out) == (0, f"asp-draft {__version__}\n")


def registered_commands() -> list[str]:
    from asp_draft.cli import commands  # noqa: F401 - registers them
    from asp_draft.cli.app import app

    return sorted(c.name or (c.callback.__name__ if c.callback else "")
                  for c in app.registered_commands)


def test_the_design_commands_are_all_there() -> None:
    assert set(registered_commands()) >= {"clauses", "clause", "show", "new", "build", "diff",
                                          "import", "compile"}


@pytest.mark.parametrize("command", registered_commands())
def test_every_command_has_help_with_an_example(cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.code == 0
    assert "Example: asp-draft " + command in result.out


def test_show_text_is_the_golden_text_and_warns_partial(cli) -> None:
    result = cli("show", "2017")
    assert result.code == 0
    assert result.out == (GOLDEN_DIR / "2017.txt").read_text()
    assert result.err == ("asp-draft: note: the record of ICC-ASP/16/Res.6 is partial: only its "
                          "first 4 paragraphs are held; the rest of the resolution is not in "
                          "the library\n")


def test_show_json_has_the_design_shape(cli) -> None:
    data = json.loads(cli("show", "ICC-ASP/16/Res.6", "--format", "json").out)
    assert set(data) == {"meta", "paragraphs"}
    meta = data["meta"]
    assert (meta["symbol"], meta["year"], meta["session"]) == ("ICC-ASP/16/Res.6", 2017, 16)
    assert meta["chapeau"] == "The Assembly of States Parties,"
    assert meta["title"] == ("Strengthening the International Criminal Court and the Assembly "
                             "of States Parties")
    first = data["paragraphs"][0]
    assert list(first) == ["part", "number", "level", "lead", "text", "clause", "version",
                           "footnotes"]
    assert first["part"] == "preamble" and first["number"] is None and first["level"] == 0
    assert first["lead"] == "Mindful" and first["text"].startswith("Mindful that each")
    assert (first["clause"], first["version"], first["footnotes"]) == (
        "responsibility-to-protect", 2017, [])


def test_show_markdown_marks_leads(cli) -> None:
    out = cli("show", "2018", "--format", "markdown").out
    assert out.startswith("---\nsymbol: ICC-ASP/17/Res.5\n")
    assert "\n*Convinced also* that justice and peace are complementary" in out


def test_spec_with_operative_parts_sub_and_footnotes(cli, tmp_path: Path) -> None:
    spec = tmp_path / "draft.yaml"
    spec.write_text(SPEC)
    data = json.loads(cli("show", str(spec), "--format", "json").out)
    paras = data["paragraphs"]
    assert data["meta"]["symbol"] == "ICC-ASP/18/Res.6" and data["meta"]["status"] == "draft"
    assert paras[1]["version"] == 2011 and "no lasting peace" in paras[1]["text"]
    assert paras[2]["text"] == "Welcoming the eighteenth session in The Hague,"
    assert paras[2]["clause"] is None
    assert [(p["number"], p["level"], p["lead"]) for p in paras[3:]] == [
        ("1", 0, "Requests"), ("2", 0, "Decides"), ("a", 1, None), ("b", 1, None),
        ("3", 0, "Notes")]
    assert paras[-1]["footnotes"] == [{"text": "ICC-ASP/18/1.", "at": len(paras[-1]["text"])}]
    assert paras[-1]["text"] == "Notes the report."
    text = cli("show", str(spec), "--var", "venue=New York").out
    assert "Welcoming the eighteenth session in New York," in text
    assert "\n2. Decides:\n\n(a) to meet;\n\n(b) to adjourn;\n" in text
    assert "3. Notes the report.[^1]\n\n[^1]: ICC-ASP/18/1.\n" in text


@pytest.mark.parametrize("suffix", [".txt", ".md", ".json", ".html"])
def test_build_writes_each_format_and_text_formats_read_back(cli, tmp_path: Path,
                                                             suffix: str) -> None:
    spec = tmp_path / "draft.yaml"
    spec.write_text(SPEC)
    out = tmp_path / f"draft{suffix}"
    result = cli("build", str(spec), "-o", str(out))
    assert result.code == 0, result.err
    assert f"wrote {out}" in result.err
    original = json.loads(cli("show", str(spec), "--format", "json").out)
    if suffix == ".json":
        assert json.loads(out.read_text()) == original
    elif suffix == ".html":
        html = out.read_text()
        assert "<em>Requests</em> the Bureau to report;" in html and "http" not in html
    else:
        back = json.loads(cli("show", str(out), "--format", "json").out)
        strip = ("clause", "version")
        assert [{k: v for k, v in p.items() if k not in strip} for p in back["paragraphs"]] == \
            [{k: v for k, v in p.items() if k not in strip} for p in original["paragraphs"]]
        assert back["meta"]["symbol"] == "ICC-ASP/18/Res.6"
        assert back["meta"]["year"] == 2019


def test_build_refuses_to_overwrite_without_force(cli, tmp_path: Path) -> None:
    out = tmp_path / "x.txt"
    out.write_text("keep me")
    line = one_line_error(cli("build", "2018", "-o", str(out)))
    assert line == f"asp-draft: error: {out}: already exists; use --force to replace it"
    assert out.read_text() == "keep me"
    assert cli("build", "2018", "-o", str(out), "--force").code == 0
    assert out.read_text() == (GOLDEN_DIR / "2018.txt").read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]  # no temporary left behind


def test_build_never_writes_over_its_input(cli, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text((GOLDEN_DIR / "2018.txt").read_text())
    line = one_line_error(cli("build", str(src), "-o", str(src), "--force"))
    assert "is also an input" in line


def test_new_rolls_forward_and_the_spec_builds(cli, tmp_path: Path) -> None:
    spec = tmp_path / "draft.yaml"
    result = cli("new", "2019", "-o", str(spec))
    assert result.code == 0, result.err
    data = yaml.safe_load(spec.read_text())
    # a draft is not the adopted text: it gets no adopted symbol
    assert data["year"] == 2019 and data["symbol"] is None
    assert data["preamble"][:3] == ["responsibility-to-protect", "icc-essential-means",
                                    "justice-and-peace"]
    assert "20th anniversary" in data["preamble"][3]["text"]  # rolls: keep, word for word
    assert "Review: 1 paragraph(s) are tied to their year" in spec.read_text()
    assert "rolled forward by `asp-draft new` from ICC-ASP/17/Res.5 (2018)" in spec.read_text()
    shown = json.loads(cli("show", str(spec), "--format", "json").out)
    assert "the 20th anniversary of the Rome Statute" in shown["paragraphs"][3]["text"]
    assert shown["meta"]["session"] == 18
    assert one_line_error(cli("new", "2019", "-o", str(spec))).endswith(
        "already exists; use --force to replace it")


def test_new_to_stdout_for_a_year_without_facts(cli) -> None:
    result = cli("new", "2031", "-o", "-")
    assert result.code == 0
    assert "session: 30\n" in result.out and "symbol" not in yaml.safe_load(result.out)


def test_stdin_is_plain_text(cli) -> None:
    text = "The Assembly of States Parties,\n\nRecalling its\nresolutions,\n\n1. Decides to act.\n"
    data = json.loads(cli("show", "-", "--format", "json", stdin=text).out)
    assert [(p["part"], p["lead"], p["text"]) for p in data["paragraphs"]] == [
        ("preamble", "Recalling", "Recalling its resolutions,"),
        ("operative", "Decides", "Decides to act.")]


def test_clauses_filters_and_json(cli) -> None:
    data = json.loads(cli("clauses", "--status", "proposed", "--json").out)
    assert [c["id"] for c in data] == ["cicc-central-role", "cicc-essential-means",
                                       "cicc-justice-and-peace",
                                       "cicc-responsibility-to-protect"]
    ids = [c["id"] for c in json.loads(cli("clauses", "--year", "2016", "--json").out)]
    assert ids == ["fight-against-impunity", "icc-essential-means", "justice-and-peace",
                   "responsibility-to-protect"]
    table = cli("clauses", "--tag", "peace", "--topic", "justice").out
    assert "justice-and-peace" in table and "responsibility-to-protect" not in table


def test_clause_shows_what_changed(cli) -> None:
    out = cli("clause", "justice-and-peace").out
    assert "version 2015 — adopted in ICC-ASP/14/Res.4 (2015)" in out
    assert "[-there can be no lasting peace without-] justice" in out
    data = json.loads(cli("clause", "justice-and-peace", "--json").out)
    assert data["versions"][0]["changes"] is None
    assert {"op": "insert", "text": "mutually reinforce each other,"} in \
        data["versions"][1]["changes"]


# --- new --from, --symbol; annexes in specs ---------------------------------------------------

VICTIMS = "\n\n".join([
    "# symbol: ICC-ASP/18/Res.4\n# title: Victims and affected communities\n# year: 2019\n"
    "# adopted: 2019-12-06",
    "The Assembly of States Parties,",
    "Recalling the Rome Statute and the rights it gives to victims,",
    "1. Welcomes the report of the Trust Fund for Victims for 2018/19;",
    "2. Requests the Court to report to the Assembly at its nineteenth session;",
    "3. Decides to keep the matter under review.",
])


def test_new_from_a_held_resolution_lists_its_review_on_stderr(cli, tmp_path: Path) -> None:
    text = tmp_path / "victims.txt"
    text.write_text(VICTIMS, encoding="utf-8")
    lib = tmp_path / "lib"
    assert cli("adopt", str(text), "--into", str(lib)).code == 0
    spec = tmp_path / "draft.yaml"
    result = cli("-L", str(lib), "new", "2020", "--from", "ICC-ASP/18/Res.4", "-o", str(spec))
    assert result.code == 0, result.err
    assert result.out == ""
    assert result.err.splitlines() == [
        "asp-draft: rolled forward from ICC-ASP/18/Res.4 (2019)",
        "asp-draft: the draft has no symbol (a draft is not the adopted text); give its own "
        "with --symbol",
        "asp-draft: 2 paragraph(s) are tied to their year; review each before the draft goes "
        "out:",
        "asp-draft: review: OP1 welcomes-report-trust: advanced '2018/19;' -> '2019/20;'; a "
        "reporting period, a year on",
        "asp-draft: review: OP2 requests-court-report: advanced 'nineteenth' -> 'twentieth'; "
        "a coming session, one session on",
        f"asp-draft: wrote {spec}",
        f"asp-draft: next: asp-draft build {spec} -o draft-2020.docx"]
    written = spec.read_text(encoding="utf-8")
    assert "#   OP1 welcomes-report-trust: advanced '2018/19;' -> '2019/20;'" in written
    data = yaml.safe_load(written)
    assert (data["year"], data["title"]) == (2020, "Victims and affected communities")
    assert "symbol" not in data  # nor any adopted one: give the draft's own with --symbol
    assert [e if isinstance(e, str) else e["clause"] for e in data["operative"]] == [
        "welcomes-report-trust", "requests-court-report", "decides-keep-matter"]
    shown = cli("-L", str(lib), "show", str(spec))
    assert shown.code == 0
    assert "2. Requests the Court to report to the Assembly at its twentieth session;" in \
        shown.out


def test_new_gives_the_draft_its_own_symbol(cli) -> None:
    result = cli("new", "2019", "--from", "2018", "--symbol", "ICC-ASP/18/L.4", "-o", "-")
    assert result.code == 0, result.err
    assert yaml.safe_load(result.out)["symbol"] == "ICC-ASP/18/L.4"
    assert "no symbol" not in result.err
    assert "asp-draft: review: PP4 rome-statute-anniversary: kept word for word" in result.err


@pytest.mark.parametrize(("args", "message"), [
    (["new", "2018", "--from", "2018", "-o", "-"],
     "--from 2018: ICC-ASP/17/Res.5 is of 2018; a draft for 2018 rolls an earlier text forward"),
    (["new", "2020", "--from", "ICC-ASP/99/Res.1", "-o", "-"],
     "no adopted resolution with symbol 'ICC-ASP/99/Res.1' (known: "),
])
def test_new_from_what_cannot_be_rolled_is_one_line(cli, args: list[str], message: str) -> None:
    assert message in one_line_error(cli(*args))


def test_a_malformed_annex_in_a_spec_is_one_line_with_file_and_line(cli,
                                                                    tmp_path: Path) -> None:
    spec = tmp_path / "draft.yaml"
    spec.write_text("year: 2019\noperative:\n  - text: \"*Decides* to act.\"\nannexes:\n"
                    "  - title: Timetable\n    numbered: sometimes\n    paragraphs: [{text: a}]\n",
                    encoding="utf-8")
    assert one_line_error(cli("show", str(spec))) == (
        f"asp-draft: error: {spec}:6: an annex's 'numbered' must be true or false, not "
        "'sometimes'")


# --- help written for legal advisers; formats from the tables ----------------------------------


def one_line_description(command: str) -> str:
    """The first paragraph of the command's docstring, its line breaks made spaces."""
    import inspect

    from asp_draft.cli.app import app

    info = next(c for c in app.registered_commands
                if (c.name or (c.callback.__name__ if c.callback else "")) == command)
    text = info.help or (info.callback.__doc__ if info.callback else None) or ""
    return " ".join(inspect.cleandoc(text).split("\n\n")[0].split())


@pytest.mark.parametrize("command", ["", *registered_commands()])
def test_help_shows_no_python_type_labels(cli, command: str) -> None:
    import re

    result = cli(*([command] if command else []), "--help")
    assert result.code == 0
    assert re.findall(r"<[a-z][a-z_\[\]|, ]*>", result.out) == []  # <bool>, <str>, <list[str]>
    usage = next(line for line in result.out.splitlines() if "Usage:" in line)
    assert "{" not in usage  # REF, not typer's {REF}


@pytest.mark.parametrize("command", registered_commands())
def test_each_command_is_described_on_one_line(cli, command: str) -> None:
    description = one_line_description(command)
    rows = [line for line in cli("--help").out.splitlines() if line.startswith(f"│ {command} ")]
    assert len(rows) == 1 and description in rows[0], (description, rows)
    assert any(description in line for line in cli(command, "--help").out.splitlines())


def test_arguments_and_usage_read_plainly(cli) -> None:
    out = cli("compile", "--help").out
    assert "Usage: asp-draft compile [OPTIONS] BASE PROPOSAL..." in out
    assert "Usage: asp-draft lint [OPTIONS] [REF]" in cli("lint", "--help").out
    assert "│ --part             PART " in cli("clauses", "--help").out  # no metavar: its name


@pytest.mark.parametrize(("args", "message"), [
    (["new", "abc"], "Invalid value for 'YEAR': 'abc' is not a whole number "
                     "(see 'asp-draft new --help')"),
    (["search", "court", "--limit", "0"], "Invalid value for '--limit': 0 is less than 1 "
                                          "(see 'asp-draft search --help')"),
    (["clauses", "--year", "20x"], "Invalid value for '--year': '20x' is not a whole number "
                                   "(see 'asp-draft clauses --help')"),
])
def test_values_are_read_and_refused_in_plain_words(cli, args: list[str], message: str) -> None:
    assert one_line_error(cli(*args)) == f"asp-draft: error: {message}"


def test_the_help_lists_the_formats_of_the_tables(cli) -> None:
    from asp_draft.formats import DOCUMENT_WRITERS, READERS, SHOW_WRITERS

    build_help = " ".join(cli("build", "--help").out.split())
    assert DOCUMENT_WRITERS.help() in build_help
    assert all(r.suffixes[0] in build_help for r in READERS)
    assert SHOW_WRITERS.help() in " ".join(cli("show", "--help").out.split())


def test_build_takes_a_format_by_name_or_alias(cli, tmp_path: Path) -> None:
    from asp_draft.formats import DOCUMENT_WRITERS

    by_name, by_alias = tmp_path / "a.out", tmp_path / "b.out"
    assert cli("build", "2018", "-o", str(by_name), "--format", "markdown").code == 0
    assert cli("build", "2018", "-o", str(by_alias), "--format", "md").code == 0
    assert by_name.read_text(encoding="utf-8") == by_alias.read_text(encoding="utf-8")
    assert by_name.read_text(encoding="utf-8").startswith("---\n")
    line = one_line_error(cli("build", "2018", "-o", str(tmp_path / "c.txt"), "-f", "odt"))
    assert line == f"asp-draft: error: --format 'odt': choose one of " \
                   f"{', '.join(DOCUMENT_WRITERS.names())}"
    assert one_line_error(cli("show", "2018", "-f", "docx")) == (
        "asp-draft: error: --format 'docx': choose one of text, markdown, json, akn")


def test_a_draft_takes_no_adopted_symbol_it_does_not_give(cli, tmp_path: Path) -> None:
    """facts.yaml lists 2019's adopted symbol; a draft spec for 2019 that names none has none."""
    spec = tmp_path / "d.yaml"
    spec.write_text("year: 2019\npreamble: [justice-and-peace]\n", encoding="utf-8")
    meta = json.loads(cli("show", spec, "--format", "json").out)["meta"]
    assert meta["symbol"] is None and meta["status"] == "draft" and meta["session"] == 18
    spec.write_text("year: 2019\nsymbol: ICC-ASP/18/L.1\npreamble: [justice-and-peace]\n",
                    encoding="utf-8")
    assert json.loads(cli("show", spec, "--format", "json").out)["meta"]["symbol"] == \
        "ICC-ASP/18/L.1"


def test_piped_clause_output_never_wraps_a_wording(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Agreed language copied from `clause` piped to a file comes out one paragraph a line."""
    monkeypatch.setenv("COLUMNS", "40")
    out = cli("clause", "justice-and-peace").out
    assert ("*Convinced also* that there can be no lasting peace without justice and that peace "
            "and justice are thus complementary requirements,\n") in out


def test_new_refuses_a_year_no_draft_has(cli, tmp_path: Path) -> None:
    line = one_line_error(cli("new", "99999", "-o", tmp_path / "n.yaml"))
    assert line == "asp-draft: error: YEAR 99999 is not the year of a draft (1998 to 2200)"


def _command_modules() -> list[Path]:
    from asp_draft.cli import commands

    return sorted(p for p in Path(commands.__file__).parent.glob("*.py") if p.stem != "__init__")


def test_an_option_of_several_commands_is_declared_once() -> None:
    """An option two commands take is declared in cli/options.py, not in each of them, where
    its names and metavar could drift apart."""
    import re

    declared: dict[str, str] = {}
    for path in _command_modules():
        text = path.read_text(encoding="utf-8")
        for flag in set(re.findall(r'typer\.Option\(\s*"(--[\w-]+)"', text)):
            assert flag not in declared, f"{flag} in {declared[flag]} and {path.name}"
            declared[flag] = path.name


def test_one_function_writes_to_stderr() -> None:
    """stderr is written one way (cli.app.say, under note and error); the core reports through
    the notify callback it is given. journal.py's test-only stop line is left to its owner."""
    import re

    import asp_draft

    root = Path(asp_draft.__file__).parent
    writers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                     if re.search(r"\berr=True|sys\.stderr", p.read_text(encoding="utf-8")))
    assert writers == ["cli/app.py", "library/journal.py"]


def test_no_bundled_is_passed_down_not_set_in_the_environment(
        cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--no-bundled reaches folders.library_dirs as a parameter (typer's ctx.obj, then the
    Resolver): ASP_DRAFT_NO_BUNDLED is never set while a command runs."""
    import os

    from asp_draft import folders

    seen: list[str | None] = []
    wanted = folders.bundled_wanted

    def watched(bundled: bool = True) -> bool:
        seen.append(os.environ.get(folders.NO_BUNDLED_ENV))
        return wanted(bundled)

    monkeypatch.delenv(folders.NO_BUNDLED_ENV, raising=False)
    monkeypatch.setattr(folders, "bundled_wanted", watched)
    empty = tmp_path / "empty"
    empty.mkdir()
    line = one_line_error(cli("--no-bundled", "--library", str(empty), "show", "2018"))
    assert "the library is empty" in line and "(the bundled library is left out)" in line
    assert seen and seen == [None] * len(seen)
    assert cli("show", "2018").code == 0  # the option lasts one run


def test_no_command_writes_the_environment() -> None:
    """The command line passes its choices down (ctx.obj, the Resolver); it sets no
    environment variable, which would outlive the command in the process."""
    import re

    from asp_draft import cli

    for path in Path(cli.__file__).parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"os\.environ(\[[^]]*\]\s*=|\.(pop|update|setdefault)\()|putenv",
                             text), path.name


@pytest.mark.parametrize(("given", "expected"), [
    (None, {}),
    (["venue=The Hague"], {"venue": "The Hague"}),
    (["session=17", " n = -3"], {"session": 17, "n": -3}),
    (["a=b=c"], {"a": "b=c"}),
])
def test_template_variables_are_read_by_the_command_line(given: list[str] | None,
                                                         expected: dict[str, object]) -> None:
    """--var is the command line's to read (cli/options.py), whole numbers as numbers."""
    from asp_draft.cli.options import template_variables

    assert template_variables(given) == expected


def test_help_reads_each_commands_signature_once(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """typer asks for a command's parameters twice while it builds the app; the signature is
    read (its annotations evaluated) once a command, which start-up pays on every --help."""
    import inspect as inspect_module

    from asp_draft.cli.app import app

    read = []
    signature = inspect_module.signature

    def counted(func, *args, **kwargs):  # type: ignore[no-untyped-def]
        read.append(func)
        return signature(func, *args, **kwargs)

    monkeypatch.setattr("typer.utils.inspect.signature", counted)
    assert cli("--help").code == 0
    callbacks = [c.callback for c in app.registered_commands if c.callback is not None]
    assert len(callbacks) >= 10
    assert all(read.count(c) <= 1 for c in callbacks), \
        {getattr(c, "__name__", c): read.count(c) for c in callbacks}
