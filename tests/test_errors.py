"""Bad input: one line on stderr naming file, line and cause; exit 2; nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import one_line_error


def spec(tmp_path: Path, text: str, name: str = "draft.yaml") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return str(path)


def lib_with(tmp_path: Path, clause_text: str) -> str:
    folder = tmp_path / "lib" / "preamble"
    folder.mkdir(parents=True)
    (folder / "bad.yaml").write_text(
        "id: bad\ntopic: t\nversions:\n  - proposed: 2019\n    text: " + clause_text + "\n")
    return str(tmp_path / "lib")


BAD_SPEC = "year: 2019\npreamble:\n  - bad\n"


@pytest.mark.parametrize(("args", "expected"), [
    (["show", "2013"], "no adopted resolution for 2013 in the library (known years: 2011, "
                       "2012, 2014, 2015, 2016, 2017, 2018)"),
    (["show", "ICC-ASP/12/Res.8"], "no adopted resolution with symbol 'ICC-ASP/12/Res.8' "
                                   "(known: ICC-ASP/10/Res.5, ICC-ASP/11/Res.8, "
                                   "ICC-ASP/13/Res.5, ICC-ASP/14/Res.4, ICC-ASP/15/Res.5, "
                                   "ICC-ASP/16/Res.6, ICC-ASP/17/Res.5)"),
    (["show", "nothing"], "'nothing' is not a year, a document symbol (ICC-ASP/16/Res.6) or "
                          "a file"),
    (["show", "2017", "--format", "odt"],
     "--format 'odt': choose one of text, markdown, json, akn"),
    (["show", "2017", "--var", "novalue"], "--var 'novalue': write it as NAME=VALUE, e.g. "
                                           "--var venue='The Hague'"),
    (["clause", "justice-and-piece"], "unknown clause 'justice-and-piece'; did you mean "
                                      "justice-and-peace, cicc-justice-and-peace?"),
    (["new", "2010", "-o", "-"], "no adopted resolution before 2010 to roll forward (known "
                                 "years: 2011, 2012, 2014, 2015, 2016, 2017, 2018)"),
    (["show", "2017", "--bogus"], "No such option: --bogus (see 'asp-draft show --help')"),
])
def test_usage_and_reference_errors(cli, args: list[str], expected: str) -> None:
    assert one_line_error(cli(*args)) == f"asp-draft: error: {expected}"


@pytest.mark.parametrize(("text", "expected"), [
    ("year: 2019\npreamble:\n  - justice-and-piece\n",
     ":3: unknown clause 'justice-and-piece'; did you mean justice-and-peace, "
     "cicc-justice-and-peace?"),
    ("year: 2019\npreamble:\n  - justice-and-peace@2013\n",
     ":3: clause 'justice-and-peace' has no version from 2013 (its versions: 2011, 2015)"),
    ("year: 2019\npreamble: [a, b\n", ":3: malformed YAML"),
    ("year: 2019\ncolour: red\n", ":2: unknown key 'colour' in draft spec"),
    ("year: 2019\noperative:\n  - txt: hello\n", ":3: unknown key 'txt' in entry"),
    ("year: twenty\n", ":1: 'year' must be a year such as 2019, not 'twenty'"),
    ("preamble: []\n", ":1: the spec has no 'year'"),
    ("", ": the file is empty"),
    ("year: 2019\npreamble:\n  - template: \"*Noting* {{ venu }},\"\n",
     ":3: inline text at line 3: undefined variable venu (give a value in the spec's "
     "variables, or as a variable of the command) (--var NAME=VALUE)"),
    ("year: 2019\npreamble:\n  - template: \"*Noting* {{ ''.__class__ }},\"\n",
     ":3: inline text at line 3: the template sandbox refused"),
    ("year: 2019\npreamble:\n  - template: \"*Noting* {% if %},\"\n",
     ":3: inline text at line 3: template syntax error (template line 1)"),
    ("year: 2019\noperative:\n  - icc-essential-means\n",
     ":3: clause 'icc-essential-means' is a preamble clause; it cannot stand in the operative"),
])
def test_spec_errors_name_file_and_line(cli, tmp_path: Path, text: str, expected: str) -> None:
    path = spec(tmp_path, text)
    line = one_line_error(cli("show", path))
    assert line.startswith(f"asp-draft: error: {path}{expected}"), line


@pytest.mark.parametrize(("clause_text", "expected"), [
    ('"*Noting* {{ venue2 }},"', "clause bad, version 2019: undefined variable venue2"),
    ('"*Noting* {{ venue }"', "clause bad, version 2019: template syntax error (template line "
                              "1): unexpected '}'"),
    ("\"*Noting* {{ ''.__class__.__mro__ }},\"", "clause bad, version 2019: the template "
                                                 "sandbox refused"),
])
def test_clause_template_errors_name_clause_version_and_variable(cli, tmp_path: Path,
                                                                 clause_text: str,
                                                                 expected: str) -> None:
    library = lib_with(tmp_path, clause_text)
    line = one_line_error(cli("show", spec(tmp_path, BAD_SPEC), "--library", library))
    assert expected in line
    assert "bad.yaml" in line


def test_global_library_option_before_the_command(cli, tmp_path: Path) -> None:
    library = lib_with(tmp_path, '"*Noting* the {{ year }} session,"')
    result = cli("--library", library, "show", spec(tmp_path, BAD_SPEC))
    assert result.code == 0 and "Noting the 2019 session," in result.out


def test_file_errors(cli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    assert one_line_error(cli("show", str(missing))) == \
        f"asp-draft: error: {missing}: no such file"
    latin = spec(tmp_path, b"The Assembly,\n\nNoting caf\xe9,\n", "latin.txt")
    assert one_line_error(cli("show", latin)) == \
        f"asp-draft: error: {latin}:3: not UTF-8 text (byte 0xe9); save it as UTF-8"
    empty = spec(tmp_path, "\n\n", "empty.txt")
    assert one_line_error(cli("show", empty)) == \
        f"asp-draft: error: {empty}: no paragraphs found (the file is empty)"
    odd = spec(tmp_path, "x", "notes.rtf")
    assert "cannot read .rtf" in one_line_error(cli("show", odd))


def test_output_folder_missing(cli, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "x.txt"
    line = one_line_error(cli("build", "2018", "-o", str(out)))
    assert line.endswith(f"the folder '{out.parent}' does not exist")


def test_unknown_output_format(cli, tmp_path: Path) -> None:
    line = one_line_error(cli("build", "2018", "-o", str(tmp_path / "x.odt")))
    assert "cannot tell the format from '.odt'" in line
    assert not (tmp_path / "x.odt").exists()


def test_library_option_folder_missing(cli, tmp_path: Path) -> None:
    line = one_line_error(cli("show", "2018", "--library", str(tmp_path / "none")))
    assert line == f"asp-draft: error: {tmp_path / 'none'}: library folder not found"


def test_internal_errors_are_one_line_too(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import asp_draft.writers.text as text_writer

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(text_writer, "render_text", broken)
    line = one_line_error(cli("show", "-", stdin="The Assembly,\n\nNoting it,\n"))
    assert line.startswith("asp-draft: error: internal error: RuntimeError: boom")


def test_inline_text_is_literal_and_template_is_run(cli, tmp_path: Path) -> None:
    """A delegation's `{{ ... }}` is printed as written; `template:` is what runs."""
    spec = tmp_path / "d.yaml"
    spec.write_text("year: 2019\npreamble:\n  - text: \"*Noting* {{ venu }} and {% if %},\"\n"
                    "  - template: \"*Recalling* its {{ session | ordinal_word }} session,\"\n",
                    encoding="utf-8")
    result = cli("show", spec)
    assert result.code == 0, result.err
    assert "Noting {{ venu }} and {% if %},\n" in result.out
    assert "Recalling its eighteenth session,\n" in result.out
