"""import: Word/text files into specs that cite the library and build to the same text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert one_line_error(cli("import", text, "-o", spec)).endswith(
        "cannot tell the year of the text (no year, known symbol or adoption date); give its year "
        "(--year)")
    assert cli("import", text, "-o", spec, "--year", "2019").code == 0
    assert "already exists" in one_line_error(cli("import", text, "-o", spec, "--year", "2019"))
    assert cli("import", text, "-o", spec, "--year", "2019", "--force").code == 0
    assert "is also an input" in one_line_error(cli("import", text, "-o", text))
    assert cli("import", "--help").code == 0


# --- annexes ----------------------------------------------------------------------------------

ANNEXED = "\n\n".join([
    "# symbol: ICC-ASP/18/Res.9\n# title: Review of the International Criminal Court\n"
    "# year: 2019\n# adopted: 2019-12-06",
    "The Assembly of States Parties,",
    "Recalling the Rome Statute of the International Criminal Court,",
    "1. Decides to establish the review set out in annex I to the present resolution;",
    "2. Adopts the timetable in annex II.",
    "Annex I",
    "Terms of reference of the independent expert review",
    "A. Mandate",
    "1. The experts shall review the Court's governance[^1] and report to the Assembly at its "
    "nineteenth session.",
    "2. The review shall cover:",
    "(a) governance;",
    "(b) the judiciary;",
    "Annex II",
    "Timetable",
    "The experts begin their work in January.",
    "4. The final report is due in September.",
    "[^1]: See ICC-ASP/18/INF.2.\n",
])
ANNEXES_DATA = [
    {"title": "Annex I: Terms of reference of the independent expert review",
     "paragraphs": [
         {"heading": "A. Mandate"},
         {"text": "The experts shall review the Court's governance[^1] and report to the "
                  "Assembly at its nineteenth session.",
          "footnotes": ["See ICC-ASP/18/INF.2."]},
         {"text": "The review shall cover:",
          "sub": [{"text": "governance;"}, {"text": "the judiciary;"}]}]},
    {"title": "Annex II: Timetable", "numbered": False,  # one paragraph has no number
     "paragraphs": [{"text": "The experts begin their work in January."},
                    {"text": "The final report is due in September.", "number": "4"}]},
]


def paragraphs_json(cli, ref: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """`show REF --format json` paragraphs: everything a reader sees of each paragraph."""
    import json

    result = cli("show", ref, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)["paragraphs"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx"])
def test_an_annex_imports_into_the_specs_annexes_and_builds_back(tmp_path: Path, cli,  # type: ignore[no-untyped-def]
                                                                 suffix: str) -> None:
    text = tmp_path / "res.txt"
    text.write_text(ANNEXED, encoding="utf-8")
    source = text
    if suffix != ".txt":
        source = tmp_path / f"res{suffix}"
        assert cli("build", text, "-o", source).code == 0
    spec = tmp_path / "spec.yaml"
    result = cli("import", source, "-o", spec)
    assert result.code == 0, result.err
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    assert data["annexes"] == ANNEXES_DATA
    assert [e["text"] for e in data["operative"]][-1] == "*Adopts* the timetable in annex II."
    built = paragraphs_json(cli, str(spec))
    assert built == paragraphs_json(cli, str(text))
    assert [(p["part"], p["number"]) for p in built[3:]] == [
        ("annex", None), ("annex", "1"), ("annex", "2"), ("annex", "a"), ("annex", "b"),
        ("annex", None), ("annex", "4")]


_JINJA = st.sampled_from(["{{", "}}", "{%", "%}", "{#", "#}", "{%-", "-%}", "{{-", "-}}",
                          "{% endraw %}", "{%endraw%}", "{%- endraw -%}", "{% raw %}",
                          "{{ 7**99999999 }}", "{% for x in range(10**8) %}", "{{ venue }}"])
_WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl",
                                                                            "Zp"]),
                 min_size=1, max_size=12).filter(lambda w: w.strip() == w and bool(w))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(_JINJA, _WORDS), min_size=1, max_size=10))
def test_a_delegations_text_never_runs_as_a_template(tmp_path_factory: pytest.TempPathFactory,
                                                     words: list[str]) -> None:
    """import -> build gives the text back, whatever template markers it holds."""
    from asp_draft.library.importing import import_document
    from asp_draft.library.load import load_library
    from asp_draft.refs import Resolver

    body = "Recalling " + " ".join(words) + ","
    folder = tmp_path_factory.mktemp("inj")
    source = folder / "delegation.txt"
    source.write_text(f"The Assembly of States Parties,\n\n{body}\n", encoding="utf-8")
    document = Resolver().resolve(str(source))
    imported = import_document(document, load_library([]), source=str(source), year=2019)
    spec = folder / "imported.yaml"
    spec.write_text(imported.text, encoding="utf-8")
    built = Resolver().resolve(str(spec))
    assert [p.text for p in built.paragraphs] == [p.text for p in document.paragraphs]


def test_a_paragraph_with_a_footnote_mark_in_it_imports_as_its_clause(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "res.txt"
    text.write_text(
        "# symbol: A/RES/79/6\n# title: Report of the Court\n# adopted: 2024-10-29\n\n"
        "The General Assembly,\n\n"
        "Recalling also that the Rome Statute[^1] reaffirms the purposes of the Charter,\n\n"
        "1. Welcomes the report of the Court;[^2]\n\n"
        "[^1]: United Nations, Treaty Series, vol. 2187, No. 38544.\n\n"
        "[^2]: A/79/198.\n", encoding="utf-8")
    lib = tmp_path / "lib"
    assert cli("adopt", str(text), "--into", str(lib)).code == 0
    spec = tmp_path / "imported.yaml"
    result = cli("-L", str(lib), "import", str(text), "-o", str(spec))
    assert result.code == 0, result.err
    assert "2 paragraph(s) cite library clauses, 0 written inline" in result.err
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    assert [e["clause"] for e in (*data["preamble"], *data["operative"])] == [
        "recalling-also-rome-statute", "welcomes-report-court"]
    assert data["preamble"][0]["footnotes"] == ["United Nations, Treaty Series, vol. 2187, "
                                                "No. 38544."]
