"""diff --format docx and compile from the command line: files, summaries, exit codes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from asp_draft.readers.docx import read_docx
from tests.conftest import one_line_error
from tests.test_redline import BASE, W, revisions


def test_diff_docx_writes_a_redline(cli, tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    result = cli("diff", "2017", "2018", "--format", "docx", "-o", str(out), "--author",
                 "Facilitator", "--date", "2018-11-01")
    assert result.code == 0, result.err
    assert result.err.endswith("3 equal, 0 modified, 0 inserted, 0 deleted, 0 moved, "
                               "2 not held\n")
    found = revisions(out.read_bytes())
    assert found and {e.get(W + "author") for e in found} == {"Facilitator"}
    assert {e.get(W + "date") for e in found} == {"2018-11-01T00:00:00Z"}
    shown = cli("show", str(out))
    assert "has tracked changes; read with all accepted (--as-old to reject them)" in shown.err
    assert "20th anniversary" in shown.out
    old = cli("--as-old", "show", str(out))
    assert "peaceful and inclusive societies" in old.out and "20th anniversary" not in old.out


def test_diff_docx_from_the_extension_and_bad_date(cli, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    assert cli("diff", "2015", "2016", "-o", str(out)).code == 0
    assert zipfile.is_zipfile(out)
    line = one_line_error(cli("diff", "2015", "2016", "-o", str(tmp_path / "x.docx"),
                              "--date", "yesterday"))
    assert "--date 'yesterday' is not an ISO date" in line


def test_a_redline_read_as_old_and_new_against_the_years(cli, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    cli("diff", "2014", "2015", "-o", str(out))
    assert cli("diff", "2015", str(out), "--exit-code").code == 0
    assert cli("--as-old", "diff", "2014", str(out), "--exit-code").code == 0
    assert cli("diff", "2014", str(out), "--exit-code").code == 1


def test_compile_cli(cli, tmp_path: Path) -> None:
    base = tmp_path / "base.txt"
    base.write_text(BASE)
    (tmp_path / "atlantis.txt").write_text(
        BASE.replace("Noting the report", "Noting with appreciation the report"))
    (tmp_path / "b.txt").write_text(BASE.replace("to report;", "to report by June;"))
    (tmp_path / "c.txt").write_text("# author: Carpathia\n" + BASE.replace(
        "to report;", "to report in writing;"))
    out = tmp_path / "compilation.docx"
    result = cli("compile", str(base), f"Atlantis={tmp_path / 'atlantis.txt'}",
                 f"Borduria={tmp_path / 'b.txt'}", str(tmp_path / "c.txt"), "-o", str(out),
                 "--json", "--date", "2019-10-01")
    assert result.code == 0, result.err
    assert result.err.splitlines()[1:] == [
        "Atlantis: modified PP2; stronger PP2 (Noting → Noting with appreciation)",
        "Borduria: modified OP1",
        "Carpathia: modified OP1",
        "overlap at OP1: Borduria, Carpathia (shown as alternatives)"]
    data = json.loads(result.out)
    assert data["overlaps"] == [{"paragraph": "OP1", "index": 2,
                                 "delegations": ["Borduria", "Carpathia"]}]
    assert [p["name"] for p in data["proposals"]] == ["Atlantis", "Borduria", "Carpathia"]
    assert [p.text for p in read_docx(out, as_old=True).paragraphs] == [
        "Recalling its resolutions on cooperation,", "Noting the report of the Bureau,",
        "Requests the Bureau to report;", "Decides to meet again."]


def test_compile_refuses_bad_input(cli, tmp_path: Path) -> None:
    base = tmp_path / "base.txt"
    base.write_text(BASE)
    assert "a compilation is a Word file" in one_line_error(
        cli("compile", str(base), str(base), "-o", str(tmp_path / "x.txt")))
    assert "no such file" in one_line_error(
        cli("compile", str(base), "X=" + str(tmp_path / "missing.txt"), "-o",
            str(tmp_path / "x.docx")))
    assert not (tmp_path / "x.docx").exists()
    word = tmp_path / "base.docx"
    assert cli("build", str(base), "-o", str(word)).code == 0
    before = word.read_bytes()
    assert "is also an input" in one_line_error(
        cli("compile", str(word), str(base), "-o", str(word), "--force"))
    assert word.read_bytes() == before
