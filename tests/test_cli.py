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
  - text: "*Welcoming* the {{ session | ordinal_word }} session in {{ venue }},"
operative:
  - text: "*Requests* the Bureau to report;"
  - text: "*Decides*:"
    sub: ["to meet;", "to adjourn;"]
  - text: "*Notes* the report{{ '' }}."
    footnotes: ["ICC-ASP/18/1."]
"""


def test_version(cli) -> None:
    result = cli("--version")
    assert (result.code, result.out) == (0, f"asp-draft {__version__}\n")


def registered_commands() -> list[str]:
    from asp_draft import commands  # noqa: F401 - registers them
    from asp_draft.cli import app

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
