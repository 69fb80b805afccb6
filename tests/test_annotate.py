"""Agreed language in the margin: `build --annotate` and annotated redlines, read back."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from asp_draft.compare.annotations import annotate
from asp_draft.compare.diff import diff_documents, fold_typography
from asp_draft.model import Document, labels
from asp_draft.readers.docx import read_docx
from asp_draft.readers.text import parse_text
from asp_draft.refs import Resolver
from asp_draft.writers.docx import render_docx
from asp_draft.writers.redline import render_redline
from tests.docx_helpers import convert
from tests.test_redline import DATE, YEARS, check_exact

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CITE = re.compile(r"^Agreed language: (?P<symbol>\S+) (?P<label>PP\d+|OP\S+) \((?P<year>\d{4})\)")


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


@pytest.fixture(scope="module")
def years(resolver: Resolver) -> dict[int, Document]:
    return {y: resolver.resolve(str(y)) for y in YEARS}


@pytest.fixture(scope="module")
def notes(resolver: Resolver, years: dict[int, Document]) -> dict[int, list[str | None]]:
    return {y: annotate(d, resolver.library) for y, d in years.items()}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def comments(data: bytes) -> dict[str, str]:
    """Comment id -> its text (paragraphs joined by a newline), from word/comments.xml."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    if "word/comments.xml" not in archive.namelist():
        return {}
    root = etree.fromstring(archive.read("word/comments.xml"))
    out = {}
    for c in root.iter(W + "comment"):
        assert c.get(W + "author") and c.get(W + "date")
        out[c.get(W + "id")] = "\n".join("".join(t.text or "" for t in p.iter(W + "t"))
                                         for p in c.iter(W + "p"))
    return out


def commented(data: bytes) -> list[tuple[str, str]]:
    """(the paragraph's text, its comment's id) for every commented body paragraph, in order."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    out = []
    for p in root.iter(W + "p"):
        starts = p.findall(W + "commentRangeStart")
        assert len(starts) <= 1
        if starts:
            cid = starts[0].get(W + "id")
            assert p.find(f"{W}commentRangeEnd[@{W}id='{cid}']") is not None
            assert [r.get(W + "id") for r in p.iter(W + "commentReference")] == [cid]
            text = "".join(t.text or "" for t in p.iter(W + "t", W + "delText"))
            out.append((text, cid))
    return out


def test_the_issue_example(notes: dict[int, list[str | None]]) -> None:
    assert notes[2018][1] == ("Agreed language: ICC-ASP/10/Res.5 PP2 (2011), unchanged through "
                              "ICC-ASP/17/Res.5")
    assert notes[2018][0] == ("Agreed language: ICC-ASP/16/Res.6 PP1 (2017), unchanged through "
                              "ICC-ASP/17/Res.5; modified from ICC-ASP/15/Res.5 PP1 (2016)")
    assert notes[2018][3] == "Agreed language: ICC-ASP/17/Res.5 PP4 (2018)"


@pytest.mark.parametrize("year", YEARS)
def test_every_citation_points_at_the_same_wording(year: int, years: dict[int, Document],
                                                   notes: dict[int, list[str | None]]) -> None:
    """Each note cites the resolution, paragraph and year where this very wording stands."""
    by_symbol = {str(d.meta["symbol"]): d for d in years.values()}
    for paragraph, note in zip(years[year].paragraphs, notes[year], strict=True):
        found = CITE.match(note or "")
        assert found, note
        cited = by_symbol[found["symbol"]]
        assert int(found["year"]) == cited.meta["year"]
        there = cited.paragraphs[labels(cited.paragraphs).index(found["label"])]
        # one wording, whatever each copy's typography ("( the Court )" in the 2011 copy)
        assert (there.clause, there.version) == (paragraph.clause, paragraph.version)
        assert words(there.text) == words(paragraph.text)
        earlier = re.search(r"modified from (\S+) (PP\d+) \((\d{4})\)", note or "")
        if earlier:  # the earlier wording stands there, and it is another wording
            before = by_symbol[earlier[1]]
            text = before.paragraphs[labels(before.paragraphs).index(earlier[2])].text
            assert fold_typography(text) != fold_typography(paragraph.text)
            assert before.paragraphs[labels(before.paragraphs).index(earlier[2])].clause == \
                paragraph.clause


def test_new_language_names_the_closest_adopted_paragraph(resolver: Resolver) -> None:
    draft = parse_text(
        "The Assembly of States Parties,\n\n"
        "Convinced also that justice and peace are complementary and reinforce one another,\n\n"
        "Welcoming the accession of the Republic of Nowhere to the Treaty of Elsewhere,\n",
        "draft.txt")
    first, second = annotate(draft, resolver.library)
    assert first is not None and second is not None
    found = re.fullmatch(r"New language; closest adopted: ICC-ASP/1[4-7]/Res\.\d PP3 "
                         r"\((\d{4})\), (\d+)% alike", first)
    assert found and 50 < int(found[2]) < 100, first
    assert second == "New language; no adopted paragraph is close to it"


@pytest.mark.parametrize("year", YEARS)
def test_annotated_builds_have_one_comment_per_paragraph(
        year: int, years: dict[int, Document], notes: dict[int, list[str | None]],
        tmp_path: Path) -> None:
    document = years[year]
    data = render_docx(document, annotations=notes[year], date=DATE)
    found = comments(data)
    marks = commented(data)
    assert [text for text, _ in marks] == [p.text for p in document.paragraphs]
    assert [found[cid] for _, cid in marks] == notes[year]
    path = tmp_path / "annotated.docx"
    path.write_bytes(data)
    # the notes are in the margin only: the file reads back to the same text
    assert [(p.lead, p.text) for p in read_docx(path).paragraphs] == [
        (p.lead, p.text) for p in document.paragraphs]


@pytest.mark.parametrize(("a", "b"), list(itertools.pairwise(YEARS)))
def test_annotated_redlines_stay_exact(a: int, b: int, years: dict[int, Document],
                                       notes: dict[int, list[str | None]],
                                       tmp_path: Path) -> None:
    old, new = years[a], years[b]
    diff = diff_documents(old, new)
    data = render_redline(diff, author="Secretariat", date=DATE, annotations=notes[b])
    check_exact(old, new, data, tmp_path)
    found = comments(data)
    texts = list(found.values())
    # one comment on each paragraph of NEW, carrying its note; one on each paragraph of OLD
    # that is not compared
    for note in notes[b]:
        assert sum(1 for t in texts if note in t.split("\n")) == 1, note
    old_side = [c for c in diff.changes if c.op == "not-held" and c.new_index is None]
    assert len(found) == len(new.paragraphs) + len(old_side)
    assert len(commented(data)) == len(found)
    ids = [e.get(W + "id") for e in etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(
        "word/document.xml")).iter(W + "ins", W + "del", W + "commentRangeStart")]
    assert len(ids) == len(set(ids))


def test_libreoffice_reads_the_comments_and_the_partial_note(
        years: dict[int, Document], notes: dict[int, list[str | None]],
        tmp_path: Path) -> None:
    files = []
    expected: dict[str, int] = {}
    for year in YEARS:
        path = tmp_path / f"build-{year}.docx"
        path.write_bytes(render_docx(years[year], annotations=notes[year], date=DATE))
        files.append(path)
        expected[path.stem] = len(years[year].paragraphs)
    for a, b in itertools.pairwise(YEARS):
        diff = diff_documents(years[a], years[b])
        path = tmp_path / f"redline-{a}-{b}.docx"
        path.write_bytes(render_redline(diff, date=DATE, annotations=notes[b]))
        files.append(path)
        expected[path.stem] = len(years[b].paragraphs) + sum(
            1 for c in diff.changes if c.op == "not-held" and c.new_index is None)
    for odt in convert(files, "odt", tmp_path / "odt"):
        content = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
        annotations = re.findall(r"<office:annotation\b.*?</office:annotation>", content, re.S)
        assert len(annotations) == expected[odt.stem], odt.name
        assert all("<dc:creator>" in x and "<dc:date>" in x for x in annotations)
        assert "Agreed language: ICC-ASP/" in content
    pdf = convert([tmp_path / "redline-2017-2018.docx"], "pdf", tmp_path / "pdf")[0]
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    assert "The record of ICC-ASP/17/Res.5 (2018) is partial" in " ".join(text.split())
    assert "PP4 of ICC-ASP/16/Res.6 (2017)" in " ".join(text.split())


def test_build_annotate_on_the_command_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md, html, docx = tmp_path / "a.md", tmp_path / "a.html", tmp_path / "a.docx"
    for out in (md, html, docx):
        result = cli("build", "2018", "-o", str(out), "--annotate")
        assert result.code == 0, result.err
        assert "asp-draft: annotated 4 paragraph(s): 4 agreed language, 0 new language" \
            in result.err
    text = md.read_text(encoding="utf-8")
    assert "reconciliation with a view to achieving sustainable peace, in accordance with the " \
           "purposes and principles of the Charter of the United Nations,[^PP2]\n" in text
    assert ("[^PP2]: Agreed language: ICC-ASP/10/Res.5 PP2 (2011), unchanged through "
            "ICC-ASP/17/Res.5\n") in text
    page = html.read_text(encoding="utf-8")
    assert page.count('<aside class="note">') == 4
    assert ('<aside class="note"><b>PP4</b> Agreed language: ICC-ASP/17/Res.5 PP4 (2018)'
            '</aside>') in page
    assert len(comments(docx.read_bytes())) == 4
    plain = cli("build", "2018", "-o", str(tmp_path / "a.txt"), "--annotate")
    assert (plain.code, plain.err) == (2, "asp-draft: error: --annotate: plain text output "
                                          "cannot hold notes; use markdown, html or docx\n")
    assert not (tmp_path / "a.txt").exists()
    unannotated = cli("build", "2018", "-o", str(tmp_path / "b.docx"))
    assert comments((tmp_path / "b.docx").read_bytes()) == {}
    assert "annotated" not in unannotated.err


def test_diff_annotate_needs_a_word_redline(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    refused = cli("diff", "2017", "2018", "--annotate", "--format", "text")
    assert (refused.code, refused.err) == (2, "asp-draft: error: --annotate: plain text output "
                                              "cannot hold notes; use -o OUT.docx (a Word "
                                              "redline)\n")
    out = tmp_path / "r.docx"
    result = cli("diff", "2017", "2018", "-o", str(out), "--annotate", "--date", "2019-01-01")
    assert result.code == 0, result.err
    found = comments(out.read_bytes())
    assert len(found) == 5  # PP1-PP4 of 2018, and 2017's PP4 that is not compared
    assert any(t.startswith("Not compared: the held record of ICC-ASP/17/Res.5 (2018) is "
                            "partial") and t.endswith("not known to be deleted.")
               for t in found.values())
