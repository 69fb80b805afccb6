"""import: Word/text files into specs that cite the library and build to the same text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from asp_draft.readers.docx import read_docx
from asp_draft.refs import Resolver
from asp_draft.writers.docx import render_docx
from tests.conftest import one_line_error
from tests.test_docx_writer import SPEC


def _texts(document: object) -> list[str]:
    return [p.text for p in document.paragraphs]  # type: ignore[attr-defined]


@pytest.mark.parametrize("year", [2011, 2014, 2018])
def test_adopted_years_import_as_clause_ids(tmp_path: Path, cli, year: int) -> None:  # type: ignore[no-untyped-def]
    word = tmp_path / f"{year}.docx"
    word.write_bytes(render_docx(Resolver().resolve(str(year))))
    spec = tmp_path / "spec.yaml"
    result = cli("import", word, "-o", spec)
    assert result.code == 0, result.err
    data = yaml.safe_load(spec.read_text())
    assert all(isinstance(e, str) for e in data["preamble"])  # every paragraph cites a clause
    assert data["symbol"] and data["year"] == year
    assert _texts(Resolver().resolve(str(spec))) == _texts(read_docx(word))


def test_older_versions_are_pinned(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    word = tmp_path / "2011.docx"
    word.write_bytes(render_docx(Resolver().resolve("2011")))
    spec = tmp_path / "spec.yaml"
    cli("import", word, "-o", spec)
    entries = yaml.safe_load(spec.read_text())["preamble"]
    assert "justice-and-peace@2011" in entries


def test_new_and_changed_language_goes_inline(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "draft.yaml"
    source.write_text(SPEC.replace("are complementary", "are complementary")
                      .replace("  - responsibility-to-protect\n",
                               "  - responsibility-to-protect\n  - justice-and-peace\n"))
    document = Resolver().resolve(str(source))
    text = tmp_path / "draft.txt"
    from asp_draft.writers.text import render_text

    edited = render_text(document).replace("mutually reinforce each other",
                                           "reinforce each other")
    text.write_text(edited)
    spec = tmp_path / "spec.yaml"
    result = cli("import", text, "-o", spec)
    assert result.code == 0, result.err
    written = spec.read_text()
    assert "# resembles justice-and-peace@" in written
    assert "responsibility-to-protect" in written
    data = yaml.safe_load(written)
    decides = next(e for e in data["operative"] if isinstance(e, dict) and "sub" in e
                   and "Decides" in e.get("text", ""))
    assert decides["sub"][1]["sub"] == [{"text": "on cooperation;"},
                                        {"text": "on complementarity;"}]
    assert any(e.get("number") == "2 bis" for e in data["operative"] if isinstance(e, dict))
    assert _texts(Resolver().resolve(str(spec))) == _texts(Resolver().resolve(str(text)))
    built = Resolver().resolve(str(spec))
    assert [p.footnotes for p in built.paragraphs] == \
        [p.footnotes for p in Resolver().resolve(str(text)).paragraphs]


def test_templates_in_imported_text_are_not_run(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "t.txt"
    text.write_text("# year: 2019\n\nThe Assembly of States Parties,\n\n"
                    "Recalling {{ year }} and {% if 1 %}x{% endif %},\n")
    spec = tmp_path / "spec.yaml"
    assert cli("import", text, "-o", spec).code == 0
    assert _texts(Resolver().resolve(str(spec))) == \
        ["Recalling {{ year }} and {% if 1 %}x{% endif %},"]


def test_refusals(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "t.txt"
    text.write_text("The Assembly of States Parties,\n\nRecalling its work,\n")
    spec = tmp_path / "spec.yaml"
    assert "give --year YEAR" in one_line_error(cli("import", text, "-o", spec))
    assert cli("import", text, "-o", spec, "--year", "2019").code == 0
    assert "already exists" in one_line_error(cli("import", text, "-o", spec, "--year", "2019"))
    assert cli("import", text, "-o", spec, "--year", "2019", "--force").code == 0
    assert "is also an input" in one_line_error(cli("import", text, "-o", text))
    assert cli("import", "--help").code == 0
