"""Language is a setting: English is the one built, and a made-up French proves the seam.

FRENCH below is not shipped: it is the least a language needs (codes, chapeau, title, ordinals,
its lead-word file, its participle form), registered for one test at a time.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from asp_draft import language as lang
from asp_draft.compare.lint import RULES, lint
from asp_draft.errors import RequestError, UnknownClauseError
from asp_draft.language import ENGLISH, LANGUAGES, language_code, language_for
from asp_draft.library.assemble import assemble
from asp_draft.library.load import load_layers
from asp_draft.library.spec_reader import read_spec
from asp_draft.library.templating import render
from asp_draft.model import Document
from tests.conftest import one_line_error

_FR_WORDS = {1: "première", 17: "dix-septième", 18: "dix-huitième"}
FRENCH = replace(
    ENGLISH, code="fra", alpha2="fr", tag="fr-FR", name="French (made up for the test)",
    chapeau="L'Assemblée des États Parties,",
    title="Renforcement de la Cour pénale internationale et de l'Assemblée des États Parties",
    leads_file="leads.fra.txt",
    participle=re.compile(r"[A-Z][a-zé]{3,}ant"),
    ordinal=lambda n: "1re" if n == 1 else f"{n}e",
    ordinal_word=lambda n: _FR_WORDS[n],
    parse_ordinal_word=lambda word: {v: k for k, v in _FR_WORDS.items()}.get(word),
    long_date=lambda d: f"{d.day} décembre {d.year}",
)

# One clause, two languages under one id; the operative lead is known only from the folder's
# French lead-word file (it has no participle form).
RAPPEL = """\
id: rappel
part: preamble
topic: The seam
versions:
  - proposed: 2019
    text: "*Recalling* its {{ session | ordinal_word }} session, the {{ session | ordinal }},"
  - proposed: 2019
    language: fra
    text: "Rappelant sa {{ session | ordinal_word }} session, la {{ session | ordinal }},"
"""
PRIE = """\
id: prie
part: operative
topic: The seam
versions:
  - proposed: 2019
    text: "*Requests* the Bureau to report."
  - proposed: 2019
    language: fra
    text: "Prie le Bureau de faire rapport."
"""
SPEC = "year: 2019\n{language}preamble: [rappel]\noperative: [prie]\n"


def _english(clause: str) -> str:
    """The clause file with its French version left out."""
    return clause.split("  - proposed: 2019\n    language")[0]


def _folder(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> lang.Language:
    """FRENCH registered for this test only."""
    monkeypatch.setitem(LANGUAGES, "fra", FRENCH)
    return FRENCH


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library folder (English by default) whose clauses also hold French wordings."""
    return _folder(tmp_path / "lib", {"preamble/rappel.yaml": RAPPEL,
                                      "operative/prie.yaml": PRIE,
                                      "leads.fra.txt": "[operative]\nPrie\n"})


def _show(cli, tmp_path: Path, library: Path, language: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """`show SPEC --format json` of the spec in `language` ('' for none), as the CLI runs it."""
    spec = tmp_path / f"{language or 'none'}.yaml"
    spec.write_text(SPEC.format(language=f"language: {language}\n" if language else ""),
                    encoding="utf-8")
    result = cli("--no-bundled", "--library", library, "show", spec, "--format", "json")
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


# --- the registry -------------------------------------------------------------------------

@pytest.mark.parametrize("code", [None, "", "eng", "ENG", "en", " en "])
def test_english_is_the_default_and_answers_to_both_codes(code: str | None) -> None:
    assert language_for(code) is ENGLISH


def test_an_unknown_language_is_one_line_naming_the_known_ones() -> None:
    with pytest.raises(RequestError) as e:
        language_for("xx")
    assert str(e.value) == "unknown language 'xx' (known: eng)"


def test_a_code_from_another_tool_is_kept_as_its_code() -> None:
    assert (language_code("EN"), language_code(None), language_code("SPA")) == \
        ("eng", "eng", "spa")


def test_english_keeps_the_words_it_always_had() -> None:
    assert (ENGLISH.ordinal(22), ENGLISH.ordinal_word(21), ENGLISH.cardinal_word(101)) == \
        ("22nd", "twenty-first", "one hundred and one")
    assert ENGLISH.long_date(date(2017, 12, 14)) == "14 December 2017"
    assert ENGLISH.parse_long_date("14 December 2017") == date(2017, 12, 14)
    assert ENGLISH.parse_ordinal_word("Seventeenth") == 17
    assert ENGLISH.chapeau == "The Assembly of States Parties,"
    assert (ENGLISH.code, ENGLISH.alpha2, ENGLISH.tag, ENGLISH.leads_file) == \
        ("eng", "en", "en-GB", "leads.txt")


def test_a_registered_language_is_found_by_either_code(french: lang.Language) -> None:
    assert language_for("fra") is french
    assert language_for("FR") is french
    assert language_code("fr") == "fra"


# --- a draft in French, from the same clause ids ------------------------------------------

def test_a_french_draft_takes_the_french_versions_words_and_chapeau(  # type: ignore[no-untyped-def]
        cli, tmp_path: Path, library: Path, french: lang.Language) -> None:
    doc = _show(cli, tmp_path, library, "fra")
    assert [p["text"] for p in doc["paragraphs"]] == [
        "Rappelant sa dix-huitième session, la 18e,", "Prie le Bureau de faire rapport."]
    # the leads come from the French participle form and the folder's leads.fra.txt
    assert [p["lead"] for p in doc["paragraphs"]] == ["Rappelant", "Prie"]
    assert doc["meta"]["chapeau"] == "L'Assemblée des États Parties,"
    assert doc["meta"]["title"].startswith("Renforcement de la Cour")
    assert doc["meta"]["language"] == "fra"


def test_the_english_draft_is_unchanged_by_the_french_versions(  # type: ignore[no-untyped-def]
        cli, tmp_path: Path, library: Path, french: lang.Language) -> None:
    english_only = _folder(tmp_path / "en", {"preamble/rappel.yaml": _english(RAPPEL),
                                             "operative/prie.yaml": _english(PRIE)})
    doc = _show(cli, tmp_path, library, "")
    assert doc == _show(cli, tmp_path, english_only, "")
    assert [p["text"] for p in doc["paragraphs"]] == [
        "Recalling its eighteenth session, the 18th,", "Requests the Bureau to report."]
    assert doc["meta"]["chapeau"] == "The Assembly of States Parties,"
    assert "language" not in doc["meta"]  # English goes unsaid, as before


def test_a_french_library_drafts_in_french_unless_a_spec_says_otherwise(
        tmp_path: Path, french: lang.Language) -> None:
    english = _folder(tmp_path / "en", {"preamble/rappel.yaml": _english(RAPPEL)})
    # a translation folder: its facts.yaml names its language, so its versions need not
    fr_rappel = ("id: rappel\nversions:\n  - proposed: 2019\n"
                 "    text: \"*Rappelant* la {{ 1 | ordinal }},\"\n")
    translation = _folder(tmp_path / "fr", {"facts.yaml": "language: fra\n",
                                            "preamble/rappel.yaml": fr_rappel})
    lib = load_layers([english, translation])
    assert lib.language == "fra"
    assert lib.clause("rappel").languages == ("eng", "fra")  # merged, not replaced
    spec = tmp_path / "s.yaml"
    spec.write_text("year: 2019\npreamble: [rappel]\n", encoding="utf-8")
    assert assemble(read_spec(spec), lib).paragraphs[0].text == "Rappelant la 1re,"
    spec.write_text("year: 2019\nlanguage: eng\npreamble: [rappel]\n", encoding="utf-8")
    doc = assemble(read_spec(spec), lib)
    assert doc.paragraphs[0].text == "Recalling its eighteenth session, the 18th,"
    assert doc.meta["language"] == "eng"  # said in the spec, so kept


def test_a_clause_with_no_version_in_the_language_says_which_it_has(
        tmp_path: Path, library: Path, french: lang.Language) -> None:
    (library / "operative" / "prie.yaml").write_text(_english(PRIE), encoding="utf-8")
    spec = tmp_path / "s.yaml"
    spec.write_text(SPEC.format(language="language: fra\n"), encoding="utf-8")
    with pytest.raises(UnknownClauseError, match=r"s\.yaml:4: clause 'prie' has no version "
                                                 r"in fra \(it is in eng\)"):
        assemble(read_spec(spec), load_layers([library]))


def test_a_spec_in_an_unknown_language_is_one_line(  # type: ignore[no-untyped-def]
        cli, tmp_path: Path) -> None:
    library = _folder(tmp_path / "en", {"preamble/rappel.yaml": _english(RAPPEL),
                                        "operative/prie.yaml": _english(PRIE)})
    spec = tmp_path / "s.yaml"
    spec.write_text(SPEC.format(language="language: fra\n"), encoding="utf-8")
    line = one_line_error(cli("--no-bundled", "--library", library, "show", spec))
    assert line == f"asp-draft: error: {spec}:2: unknown language 'fra' (known: eng)"


def test_templates_take_the_filters_of_the_language(french: lang.Language) -> None:
    text = "{{ 1 | ordinal }} / {{ 17 | ordinal_word }}"
    assert render(text, {}, where="t", language=french) == "1re / dix-septième"
    assert render(text, {}, where="t") == "1st / seventeenth"  # compiled apart, no leak


# --- what is written and checked ----------------------------------------------------------

def _french_doc(tmp_path: Path, library: Path) -> Document:
    spec = tmp_path / "s.yaml"
    spec.write_text(SPEC.format(language="language: fra\n"), encoding="utf-8")
    return assemble(read_spec(spec), load_layers([library]))


def test_akn_and_word_tag_the_document_s_language(
        tmp_path: Path, library: Path, french: lang.Language) -> None:
    from asp_draft.writers.akn import identity
    from asp_draft.writers.docx import render_docx

    doc = _french_doc(tmp_path, library)
    assert identity(doc).language == "fra"
    with zipfile.ZipFile(io.BytesIO(render_docx(doc))) as z:
        styles = z.read("word/styles.xml").decode()
    assert 'w:lang w:val="fr-FR"' in styles
    english = Document(meta={"year": 2019}, paragraphs=())
    assert identity(english).language == "eng"
    with zipfile.ZipFile(io.BytesIO(render_docx(english))) as z:
        assert 'w:lang w:val="en-GB"' in z.read("word/styles.xml").decode()


def test_lint_leaves_english_rules_out_of_another_language(  # type: ignore[no-untyped-def]
        cli, tmp_path: Path) -> None:
    text = ("The Assembly of States Parties,\n\nRecalling the states parties and the Court ,\n\n"
            "1. Requests the Bureau to report.\n")
    english = tmp_path / "en.txt"
    english.write_text(text, encoding="utf-8")
    french = tmp_path / "fr.txt"
    french.write_text("# language: fra\n" + text, encoding="utf-8")
    found = cli("lint", english, "--json")
    assert found.code == 1
    assert {"states-parties-case", "space-before-punctuation"} <= set(re.findall(
        r'"rule": "([a-z-]+)"', found.out))
    assert cli("lint", french, "--json").code == 0  # a French text may set ' ,' apart
    assert {r.id for r in RULES if r.languages} >= {"states-parties-case", "session-ordinal"}


def test_lint_of_a_document_in_another_language_keeps_every_language_s_rules() -> None:
    from asp_draft.model import Paragraph

    # one paragraph with its lead (from italics): the text has leads, so one without is flagged
    doc = Document(meta={"language": "fra", "year": 2019},
                   paragraphs=(Paragraph(part="preamble", text="Notant la session,",
                                         lead="Notant"),
                               Paragraph(part="preamble", text="Rappelant  la 17e session.")))
    assert [f.rule for f in lint(doc)] == ["preamble-lead", "preamble-comma", "double-space"]
    bare = Document(meta={"language": "fra"}, paragraphs=doc.paragraphs[1:])
    assert "preamble-lead" not in [f.rule for f in lint(bare)]  # no lead words, no italics


def test_a_held_resolution_is_in_its_folder_s_language(
        tmp_path: Path, french: lang.Language) -> None:
    session = "year: {year}\npreamble: [rappel]\n"
    english = _folder(tmp_path / "en", {"preamble/rappel.yaml": RAPPEL,
                                        "sessions/2018.yaml": session.format(year=2018)})
    translation = _folder(tmp_path / "fr", {"facts.yaml": "language: fra\n",
                                            "sessions/2019.yaml": session.format(year=2019)})
    lib = load_layers([english, translation])
    # the library drafts in French, but the English folder's record stays English
    assert assemble(lib.session(2018), lib).paragraphs[0].text == \
        "Recalling its seventeenth session, the 17th,"
    assert assemble(lib.session(2019), lib).paragraphs[0].text == \
        "Rappelant sa dix-huitième session, la 18e,"
