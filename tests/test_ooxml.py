"""The OOXML home: names, the package written and read back, lists counted as Word counts
them, and the style contract between the writers and the reader."""

from __future__ import annotations

import ast
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from asp_draft.model import Paragraph
from asp_draft.ooxml import styles
from asp_draft.ooxml.names import CT, W_NS, el, to_bytes, w
from asp_draft.ooxml.numbering import ListState
from asp_draft.ooxml.package import PackageWriter, open_package
from asp_draft.ooxml.styles import COVER_STYLES, STYLE_NAMES, own_style
from asp_draft.readers.docx import ROLES, format_number
from asp_draft.writers.docx import Numbering, number_value


def test_names_and_the_element_builder() -> None:
    assert w("p") == f"{{{W_NS}}}p"
    p = el("p")
    run = el("r", parent=p)
    el("footnoteReference", {"id": 3}, parent=run)
    assert p[0] is run and run[0].get(w("id")) == "3"
    data = to_bytes(p)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>")
    assert etree.fromstring(data).tag == w("p")


@pytest.mark.parametrize(("value", "fmt", "label"), [
    (1, "decimal", "1"), (12, "decimal", "12"), (3, "lowerLetter", "c"),
    (27, "lowerLetter", "aa"), (3, "upperLetter", "C"), (4, "lowerRoman", "iv"),
    (9, "upperRoman", "IX"), (5, "bullet", "5")])
def test_format_number(value: int, fmt: str, label: str) -> None:
    assert format_number(value, fmt) == label


@pytest.mark.parametrize(("label", "level", "value"), [
    ("1", 0, 1), ("12", 0, 12), ("12 bis", 0, None), ("01", 0, None), (None, 0, None),
    ("a", 1, 1), ("aa", 1, 27), ("ab", 1, None), ("iv", 2, 4), ("a", 2, None)])
def test_number_value(label: str | None, level: int, value: int | None) -> None:
    assert number_value(label, level) == value


NUMBERING = f"""<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>
    <w:lvlRestart w:val="0"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="8">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="7"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="7"/>
  <w:lvlOverride w:ilvl="1"><w:lvl w:ilvl="1"><w:start w:val="4"/>
    <w:numFmt w:val="upperLetter"/></w:lvl></w:lvlOverride></w:num>
</w:numbering>"""


def _label(state: ListState, num: str, level: int) -> tuple[str, str] | None:
    """Count one paragraph: (its label as Word prints it, the number format), as the reader
    does."""
    found = state.numbered(num, level)
    return (format_number(*found), found[1]) if found else None


def test_lists_counted_as_word_counts_them() -> None:
    state = ListState.from_xml(etree.fromstring(NUMBERING))
    labels = [_label(state, num, level) for num, level in (
        ("1", 0), ("1", 1), ("1", 2), ("1", 1),  # 1 (a) (i) (b)
        ("2", 0),  # 2: numId 2 shares abstract 7's counters
        ("1", 2),  # (ii): lvlRestart 0, the level is not reset by (b) or by 2
        ("3", 0), ("3", 0),  # 10, 11: the start override on the first use of numId 3 only
        ("4", 0),  # a bullet: counted, no label
        ("5", 1),  # (D): a level redefined by numId 5
        ("0", 0), ("9", 0))]  # numId 0 is "no numbering"; an unknown list is none
    assert labels == [("1", "decimal"), ("a", "lowerLetter"), ("i", "lowerRoman"),
                      ("b", "lowerLetter"), ("2", "decimal"), ("ii", "lowerRoman"),
                      ("10", "decimal"), ("11", "decimal"), None, ("D", "upperLetter"),
                      None, None]


def test_peek_does_not_count() -> None:
    state = ListState.from_xml(etree.fromstring(NUMBERING))
    assert state.peek("3", 0) == 10 and state.peek("3", 0) == 10
    assert state.count("3", 0) == 10
    assert state.peek("1", 0) == 11  # the same abstract list, no override for numId 1
    assert state.peek("1", 1) == 1


def test_the_writer_counts_with_the_same_list_state() -> None:
    numbering = Numbering()
    for number, level in (("1", 0), ("a", 1), ("2", 0)):
        numbering.assign(Paragraph("operative", "x", number=number, level=level))
    # the numbering part the writer built, read back as the reader reads it, counts the same
    state = ListState.from_xml(etree.fromstring(to_bytes(numbering.root)))
    assert [_label(state, "1", lvl) for lvl in (0, 1, 0)] == [
        ("1", "decimal"), ("a", "lowerLetter"), ("2", "decimal")]
    # an annex numbers in a section of its own, from 1 again
    numbering.restart()
    assert numbering.assign(Paragraph("annex", "x", number="1")) == (2, 0)
    numbering.section(0)  # back in the resolution, its list continues
    assert numbering.assign(Paragraph("operative", "x", number="3")) == (1, 0)
    assert numbering.assign(Paragraph("operative", "x", number="9"), follow=True) == (1, 0)


def test_package_written_then_opened_safely(tmp_path: Path) -> None:
    writer = PackageWriter()
    styles = el("styles")
    writer.add("word/styles.xml", to_bytes(styles), CT + "styles+xml", "styles")
    document = el("document")
    el("body", parent=document)
    path = tmp_path / "x.docx"
    path.write_bytes(writer.to_bytes(to_bytes(document), {
        "title": "Review", "description": "# symbol: X/1", "created": "2019-01-01T00:00:00Z"}))
    package = open_package(path)
    assert package.main == "word/document.xml"
    assert package.related(package.main, "styles") == "word/styles.xml"
    assert package.core_properties() == {"title": "Review", "description": "# symbol: X/1"}
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
        stamps = {info.date_time for info in archive.infolist()}
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert "/word/styles.xml" in types and "core-properties+xml" in types
    assert stamps == {(1980, 1, 1, 0, 0, 0)}  # the same document gives the same bytes


def test_every_own_style_has_a_name_and_a_role() -> None:
    assert set(ROLES) == set(STYLE_NAMES)
    head = {styles.STYLE_RESOLUTION, styles.STYLE_ADOPTION, styles.STYLE_SYMBOL,
            styles.STYLE_DRAFT, styles.STYLE_TITLE, styles.STYLE_CHAPEAU, *COVER_STYLES}
    assert {ROLES[s] for s in head} == {"head", "chapeau"}
    assert own_style("AspPreamble", None) == "AspPreamble"
    # LibreOffice renames ids after names; the name still says which style it is
    assert own_style("ASPPreambularParagraph", "ASP Preambular Paragraph") == "AspPreamble"
    assert own_style("Heading1", "heading 1") is None


def test_the_ooxml_wing_imports_only_itself_and_the_base_modules() -> None:
    """Word packages know nothing of a resolution's text (text/), its readers or writers:
    what a style or a number means there is said where the reader and writers use it."""
    allowed = ("asp_draft.ooxml", "asp_draft.errors", "asp_draft.textfile", "asp_draft.xmlsafe")
    wing = Path(__file__).resolve().parents[1] / "asp_draft" / "ooxml"
    found = set()
    for path in sorted(wing.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):  # `from asp_draft import x` imports asp_draft.x
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                names = [alias.name for alias in node.names] if isinstance(node, ast.Import) \
                    else []
            found |= {(path.name, n) for n in names if n.startswith("asp_draft")
                      and not any(n == a or n.startswith(f"{a}.") for a in allowed)}
    assert found == set()
