"""Redlines and compilations: real tracked changes, exact under accept-all and reject-all."""

from __future__ import annotations

import itertools
import re
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from asp_draft.compare.compilation import Proposal, compile_proposals
from asp_draft.compare.diff import diff_documents
from asp_draft.model import Document, Footnote, Paragraph
from asp_draft.readers.docx import read_docx
from asp_draft.readers.text import parse_text
from asp_draft.refs import Resolver
from asp_draft.writers import docx as layout
from asp_draft.writers.redline import render_compilation, render_redline
from tests.docx_helpers import convert

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = "2019-10-01T09:30:00Z"
YEARS = [2011, 2012, 2014, 2015, 2016, 2017, 2018]


def view(data: bytes, *, accept: bool) -> list[str]:
    """Our own accept-all / reject-all over the XML: the text of each surviving paragraph.

    Independent of the reader: removed revisions are skipped, a removed paragraph mark joins
    its paragraph to the next, and empty paragraphs are dropped. A footnote reference shows
    as `[^its text]` where it stands.
    """
    archive = zipfile.ZipFile(_io(data))
    root = etree.fromstring(archive.read("word/document.xml"))
    notes = {n.get(W + "id"): _text(n, set()).strip()
             for n in etree.fromstring(archive.read("word/footnotes.xml")).iter(W + "footnote")}
    gone = {W + "del", W + "moveFrom"} if accept else {W + "ins", W + "moveTo"}
    out: list[str] = []
    carry = ""
    for p in root.find(W + "body").iter(W + "p"):
        text = "".join(_text(child, gone, notes) for child in p if child.tag != W + "pPr")
        mark = p.find(f"{W}pPr/{W}rPr")
        if mark is not None and any(m.tag in gone for m in mark):
            carry += text
            continue
        out.append(carry + text)
        carry = ""
    return [t for t in out if t.strip()]


def _io(data: bytes):  # type: ignore[no-untyped-def]
    import io

    return io.BytesIO(data)


def _text(node: etree._Element, gone: set[str], notes: dict[str, str] | None = None) -> str:
    if node.tag in gone:
        return ""
    if node.tag in (W + "t", W + "delText"):
        return node.text or ""
    if node.tag == W + "tab":
        return "\t"
    if node.tag == W + "noBreakHyphen":
        return "\u2011"
    if node.tag == W + "footnoteReference" and notes is not None:
        return f"[^{notes[node.get(W + 'id')]}]"
    return "".join(_text(child, gone, notes) for child in node)


def marked(paragraph: Paragraph) -> str:
    """The paragraph as `view` shows it: typed label, text, `[^note]` where each mark stands."""
    out = "".join(text + (f"[^{note.text}]" if note else "") for text, note in
                  paragraph.pieces())
    if paragraph.number and not paragraph.heading and \
            layout.number_value(paragraph.number, paragraph.level) is None:
        out = f"{layout.typed_label(paragraph)}\t{out}"
    return out


def expected_view(document: Document) -> list[str]:
    """What accept-all (for NEW) or reject-all (for OLD) must show: head, annex lines, text,
    and the closing lines (a UN resolution's meeting line) where the text ends, before any
    annex; as `view` shows them, without empty lines (a cover's rule)."""
    out = [text for _, text in layout.head_lines(document)]
    tail = [text for _, text in layout.tail_lines(document)]
    previous = None
    for paragraph in document.paragraphs:
        if layout.opens_annex(paragraph, previous):
            out += tail + [text for _, text in layout.annex_lines(paragraph)]
            tail = []
        out.append(marked(paragraph))
        previous = paragraph
    return [line for line in out + tail if line.strip()]


def body_texts(document: Document) -> list[str]:
    """What a view of the redline should hold after the head: each paragraph's text."""
    return [marked(p) for p in document.paragraphs]


def signature(document: Document) -> list[tuple[object, ...]]:
    return [(p.part, p.number, p.level, p.lead, p.text, p.footnotes, p.heading, p.annex)
            for p in document.paragraphs]


def check_exact(old: Document, new: Document, data: bytes, tmp_path: Path) -> None:
    """Accept-all gives NEW and reject-all OLD: by our XML views and by the Word reader."""
    assert view(data, accept=True) == expected_view(new)
    assert view(data, accept=False) == expected_view(old)
    path = tmp_path / "redline.docx"
    path.write_bytes(data)
    assert signature(read_docx(path)) == signature(new)
    assert signature(read_docx(path, as_old=True)) == signature(old)


def revisions(data: bytes) -> list[etree._Element]:
    root = etree.fromstring(zipfile.ZipFile(_io(data)).read("word/document.xml"))
    return [e for e in root.iter() if e.tag in {W + t for t in
            ("ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeStart")}]


def all_ids(data: bytes) -> list[str]:
    """Every w:id of revisions, ranges and footnotes (separators aside)."""
    z = zipfile.ZipFile(_io(data))
    ids = []
    for part in ("word/document.xml", "word/footnotes.xml"):
        if part not in z.namelist():
            continue
        for e in etree.fromstring(z.read(part)).iter():
            value = e.get(W + "id")
            if value is None or e.tag in (W + "footnoteReference", W + "commentReference"):
                continue  # a reference repeats the id of its note or comment
            if e.tag.endswith("RangeEnd") or (e.tag == W + "footnote" and int(value) <= 0):
                continue  # an end marker repeats its start's id; separators are fixed
            ids.append(value)
    return ids


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


@pytest.mark.parametrize(("a", "b"), list(itertools.pairwise(YEARS)))
def test_corpus_pairs_accept_new_reject_old(resolver: Resolver, tmp_path: Path, a: int,
                                            b: int) -> None:
    old, new = resolver.resolve(str(a)), resolver.resolve(str(b))
    data = render_redline(diff_documents(old, new), author="Secretariat", date=DATE)
    check_exact(old, new, data, tmp_path)
    assert view(data, accept=True)[0] == f"Resolution {new.meta['symbol']}"
    assert view(data, accept=False)[0] == f"Resolution {old.meta['symbol']}"


def test_every_revision_has_author_and_date_and_ids_are_unique(resolver: Resolver) -> None:
    old, new = resolver.resolve("2014"), resolver.resolve("2017")
    data = render_redline(diff_documents(old, new), author="Secretariat", date=DATE)
    found = revisions(data)
    assert len(found) >= 5
    for e in found:
        assert e.get(W + "author") == "Secretariat" and e.get(W + "date") == DATE
    ids = all_ids(data)
    assert len(ids) == len(set(ids))
    import docx  # python-docx, a second consumer besides LibreOffice, opens it

    opened = docx.Document(_io(data))
    texts = [p.text for p in opened.paragraphs]
    assert "The Assembly of States Parties," in texts
    assert any(t.startswith("Mindful that each individual State") for t in texts)
    settings_xml = zipfile.ZipFile(_io(data)).read("word/settings.xml")
    assert b"trackRevisions" in settings_xml  # further edits are tracked too


SAMPLE_OLD = """The Assembly of States Parties,

Recalling its resolutions,

Noting the report,[^1]

1. Requests the Bureau to report;

2. Decides:

(a) to meet;

(b) to adjourn;

3. Urges States to ratify;

4. Invites the Court to act.

[^1]: ICC-ASP/1/1.
"""
SAMPLE_NEW = """The Assembly of States Parties,

Noting with appreciation the report,[^1]

Recalling its resolutions,

1. Requests the Bureau to report soon;

2. Welcomes the new States;

3. Decides:

(a) to meet;

(b) to adjourn;

4. Invites the Court to act.

[^1]: ICC-ASP/1/2.
"""


def test_moves_are_move_ranges_with_a_shared_name(tmp_path: Path) -> None:
    old, new = parse_text(SAMPLE_OLD, "old.txt"), parse_text(SAMPLE_NEW, "new.txt")
    diff = diff_documents(old, new)
    assert diff.summary()["moved"] == 1
    data = render_redline(diff, date=DATE)
    check_exact(old, new, data, tmp_path)
    root = etree.fromstring(zipfile.ZipFile(_io(data)).read("word/document.xml"))
    starts = {e.tag: e.get(W + "name") for e in root.iter(W + "moveFromRangeStart",
                                                          W + "moveToRangeStart")}
    assert starts == {W + "moveFromRangeStart": "move1", W + "moveToRangeStart": "move1"}
    assert len(list(root.iter(W + "moveFromRangeEnd"))) == 1
    assert len(list(root.iter(W + "moveToRangeEnd"))) == 1
    # the destination's changed words are insertions inside the move
    assert any("with appreciation" in _text(e, set()) for e in root.iter(W + "ins"))
    # the deleted operative paragraph keeps its number in the list (Word strikes it)
    struck = [p for p in root.iter(W + "p") if p.find(f"{W}pPr/{W}rPr/{W}del") is not None
              and "Urges" in _text(p, set())]
    assert struck and struck[0].find(f"{W}pPr/{W}numPr") is not None


def test_moves_as_changes_writes_no_move_markup(tmp_path: Path) -> None:
    old, new = parse_text(SAMPLE_OLD, "old.txt"), parse_text(SAMPLE_NEW, "new.txt")
    data = render_redline(diff_documents(old, new, detect_moves=False), date=DATE,
                          moves_as_changes=True)
    check_exact(old, new, data, tmp_path)
    assert b"moveFrom" not in zipfile.ZipFile(_io(data)).read("word/document.xml")
    data = render_redline(diff_documents(old, new), date=DATE, moves_as_changes=True)
    check_exact(old, new, data, tmp_path)
    assert b"moveTo" not in zipfile.ZipFile(_io(data)).read("word/document.xml")


def test_a_paragraph_that_changes_part_is_deleted_and_inserted(tmp_path: Path) -> None:
    old = numbered([Paragraph(part="preamble", text="Recalling the report,", lead="Recalling")])
    new = numbered([Paragraph(part="operative", text="Recalls the report;", lead="Recalls")])
    diff = diff_documents(old, new)
    data = render_redline(diff, date=DATE)
    check_exact(old, new, data, tmp_path)


# Generated pairs: operative paragraphs with sub-paragraphs, footnotes mid-sentence and at the
# end, and an annex, edited at random.
_word = st.sampled_from(["the", "Court", "peace", "justice", "States", "Parties", "report",
                         "Bureau", "victims", "cooperation", "Statute", "non\u2011State"])
_body = st.lists(_word, min_size=1, max_size=8).map(" ".join)
_note = _body.map(lambda b: b.capitalize() + ".")
_pre_leads = st.sampled_from(["Recalling", "Noting", "Welcoming", "Convinced also"])
_op_leads = st.sampled_from(["Requests", "Decides", "Urges", "Invites"])


@st.composite
def with_notes(draw: st.DrawFn, paragraph: Paragraph) -> Paragraph:
    """The paragraph with up to two footnotes, each after a word or at the end."""
    ends = sorted({m.end() for m in re.finditer(r"\S+", paragraph.text)})
    spots = sorted(draw(st.lists(st.sampled_from(ends), max_size=2)))
    return replace(paragraph, footnotes=tuple(Footnote(draw(_note), at) for at in spots))


@st.composite
def resolution(draw: st.DrawFn) -> list[Paragraph]:
    out = [draw(with_notes(Paragraph(part="preamble", text=f"{lead} the {draw(_body)},",
                                     lead=lead)))
           for lead in draw(st.lists(_pre_leads, max_size=4))]
    annex = draw(st.sampled_from([None, "Terms of reference", "Procedures"]))
    for part in ("operative", "annex"):
        for lead in draw(st.lists(_op_leads, max_size=4 if part == "operative" else 2)):
            subs = draw(st.integers(0, 2))
            out.append(draw(with_notes(Paragraph(
                part=part, text=f"{lead} the {draw(_body)}" + (":" if subs else ";"),
                lead=lead, annex=annex if part == "annex" else None))))
            out += [draw(with_notes(Paragraph(part=part, text=f"to {draw(_body)};", level=1,
                                              annex=annex if part == "annex" else None)))
                    for _ in range(subs)]
    return out


def numbered(paragraphs: list[Paragraph]) -> Document:
    """Number paragraphs as a resolution does: 1, 2 ...; (a), (b) below each; an annex from 1."""
    out, n, sub, part = [], 0, 0, "operative"
    for p in paragraphs:
        if p.part != part:
            n, part = 0, p.part
        if p.part != "preamble" and p.level == 0:
            n, sub = n + 1, 0
            out.append(replace(p, number=str(n)))
        elif p.part != "preamble":
            sub += 1
            out.append(replace(p, number="abcdefgh"[sub - 1]))
        else:
            out.append(p)
    return Document(meta={"symbol": "ICC-ASP/18/L.1", "year": 2019,
                          "chapeau": "The Assembly of States Parties,"},
                    paragraphs=tuple(out))


def _edit(p: Paragraph, extra: str) -> Paragraph:
    """Words added before the closing punctuation; marks after the cut move with the text."""
    cut = p.text.rstrip(",;:")
    shift = len(extra) + 1
    notes = tuple(replace(n, at=n.at + shift) if n.at > len(cut) else n for n in p.footnotes)
    return replace(p, text=f"{cut} {extra}{p.text[len(cut):]}", footnotes=notes)


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[Document, Document]:
    old = draw(resolution())
    new = list(old)
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["drop", "edit", "add", "move", "notes"]))
        if kind == "add" or not new:
            added = (Paragraph(part="preamble", text=f"Stressing the {draw(_body)},",
                               lead="Stressing") if draw(st.booleans()) else
                     Paragraph(part="operative", text=f"Calls upon the {draw(_body)};",
                               lead="Calls upon"))
            new.insert(draw(st.integers(0, len(new))), draw(with_notes(added)))
            continue
        k = draw(st.integers(0, len(new) - 1))
        if kind == "drop":
            del new[k]
        elif kind == "edit":
            new[k] = _edit(new[k], draw(_body))
        elif kind == "notes":  # the same words, the footnotes moved, changed or dropped
            new[k] = draw(with_notes(new[k]))
        else:
            new.insert(draw(st.integers(0, len(new) - 1)), new.pop(k))

    # keep each side a well-formed resolution: preamble, operative, annex; subs under a parent
    def tidy(ps: list[Paragraph]) -> list[Paragraph]:
        out = [p for p in ps if p.part == "preamble"]
        for part in ("operative", "annex"):
            kept: list[Paragraph] = []
            for p in ps:
                if p.part == part and (p.level == 0 or kept):
                    kept.append(p)
            out += kept
        return out
    return numbered(tidy(old)), numbered(tidy(new))


@settings(max_examples=100, deadline=None)
@given(edited_pairs(), st.booleans())
def test_generated_pairs_accept_new_reject_old(tmp_path_factory: pytest.TempPathFactory,
                                               pair: tuple[Document, Document],
                                               moves: bool) -> None:
    old, new = pair
    data = render_redline(diff_documents(old, new, detect_moves=moves), date=DATE,
                          moves_as_changes=not moves)
    check_exact(old, new, data, tmp_path_factory.mktemp("redline"))
    ids = all_ids(data)
    assert len(ids) == len(set(ids))


BASE = """# symbol: ICC-ASP/18/L.1
# year: 2019

The Assembly of States Parties,

Recalling its resolutions on cooperation,

Noting the report of the Bureau,

1. Requests the Bureau to report;

2. Decides to meet again.
"""


def proposals() -> list[Proposal]:
    atlantis = BASE.replace("Noting the report", "Noting with appreciation the report")
    borduria = BASE.replace("to report;", "to report by June;").replace(
        "2. Decides to meet again.\n", "")
    carpathia = BASE.replace("to report;", "to report in writing;").replace(
        "1. Requests", "Stressing the role of victims,\n\n1. Requests")
    return [Proposal(name, parse_text(text, f"{name}.txt")) for name, text in
            (("Atlantis", atlantis), ("Borduria", borduria), ("Carpathia", carpathia))]


def test_compilation_rejects_to_the_base_and_names_every_change(tmp_path: Path) -> None:
    base = parse_text(BASE, "base.txt")
    props = proposals()
    compilation = compile_proposals(base, props, [diff_documents(base, p.document)
                                                  for p in props])
    data = render_compilation(compilation, date=DATE)
    path = tmp_path / "compilation.docx"
    path.write_bytes(data)
    assert signature(read_docx(path, as_old=True)) == signature(base)
    assert view(data, accept=False)[-4:] == body_texts(base)
    assert view(data, accept=True)[-6:] == [
        "Recalling its resolutions on cooperation,",
        "Noting with appreciation the report of the Bureau,",  # Atlantis alone: in place
        "Stressing the role of victims,",  # Carpathia's new paragraph
        "Requests the Bureau to report;",  # two delegations: the base stays ...
        "[Borduria] Requests the Bureau to report by June;",  # ... with their alternatives
        "[Carpathia] Requests the Bureau to report in writing;",
    ]  # and OP2, deleted by Borduria alone, is gone
    authors = Counter(e.get(W + "author") for e in revisions(data))
    assert set(authors) == {"Atlantis", "Borduria", "Carpathia"}
    for e in revisions(data):
        assert e.get(W + "date") == DATE
    ids = all_ids(data)
    assert len(ids) == len(set(ids))


def test_compilation_of_one_proposal_accepts_to_that_proposal(tmp_path: Path) -> None:
    base = parse_text(BASE, "base.txt")
    prop = proposals()[1]
    compilation = compile_proposals(base, [prop], [diff_documents(base, prop.document)])
    path = tmp_path / "one.docx"
    path.write_bytes(render_compilation(compilation, date=DATE))
    assert signature(read_docx(path)) == signature(prop.document)
    assert signature(read_docx(path, as_old=True)) == signature(base)
    assert {e.get(W + "author") for e in revisions(path.read_bytes())} == {"Borduria"}


def test_a_delegations_changed_lead_is_a_comment_under_its_name(tmp_path: Path) -> None:
    """In place or as an alternative beside another delegation's, a proposal that changes a
    lead says so in a comment by that delegation; the views stay exact."""
    base = parse_text(BASE, "base.txt")
    texts = {"Atlantis": BASE.replace("Noting the report", "Noting with appreciation the report"),
             "Borduria": BASE.replace("1. Requests", "1. Invites"),
             "Carpathia": BASE.replace("to report;", "to report in writing;")}
    props = [Proposal(n, parse_text(t, f"{n}.txt")) for n, t in texts.items()]
    data = render_compilation(compile_proposals(
        base, props, [diff_documents(base, p.document) for p in props]), date=DATE)
    path = tmp_path / "compilation.docx"
    path.write_bytes(data)
    comments = etree.fromstring(zipfile.ZipFile(_io(data)).read("word/comments.xml"))
    assert [(c.get(W + "author"), "".join(t.text or "" for t in c.iter(W + "t")))
            for c in comments] == [("Atlantis", "Lead stronger: Noting → Noting with appreciation"),
                                   ("Borduria", "Lead weaker: Requests → Invites")]
    assert signature(read_docx(path, as_old=True)) == signature(base)
    assert view(data, accept=True)[-5:] == [
        "Noting with appreciation the report of the Bureau,", "Requests the Bureau to report;",
        "[Borduria] Invites the Bureau to report;",
        "[Carpathia] Requests the Bureau to report in writing;", "Decides to meet again."]
    # the reference on Borduria's alternative is inserted with it: rejecting removes both
    root = etree.fromstring(zipfile.ZipFile(_io(data)).read("word/document.xml"))
    refs = list(root.iter(W + "commentReference"))
    assert [r.getparent().getparent().tag for r in refs] == [W + "p", W + "ins"]
    assert refs[1].getparent().getparent().get(W + "author") == "Borduria"
    ids = all_ids(data)
    assert len(ids) == len(set(ids))


def test_libreoffice_sees_the_tracked_changes(resolver: Resolver, tmp_path: Path) -> None:
    old, new = parse_text(SAMPLE_OLD, "old.txt"), parse_text(SAMPLE_NEW, "new.txt")
    files = []
    for name, data in (
            ("sample", render_redline(diff_documents(old, new), date=DATE)),
            ("plain", render_redline(diff_documents(old, new, detect_moves=False), date=DATE,
                                     moves_as_changes=True)),
            ("years", render_redline(diff_documents(resolver.resolve("2016"),
                                                    resolver.resolve("2017")), date=DATE))):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(data)
        files.append(path)
    base = parse_text(BASE, "base.txt")
    props = proposals()
    comp = tmp_path / "compilation.docx"
    comp.write_bytes(render_compilation(compile_proposals(
        base, props, [diff_documents(base, p.document) for p in props]), date=DATE))
    files.append(comp)
    odts = convert(files, "odt", tmp_path / "odt")
    for odt in odts:
        content = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
        assert content.count("<text:changed-region") >= 3, odt.name
        assert "<dc:creator>" in content
    comp_odt = zipfile.ZipFile(odts[-1]).read("content.xml").decode("utf-8")
    assert set(re.findall(r"<dc:creator>([^<]+)</dc:creator>", comp_odt)) == {
        "Atlantis", "Borduria", "Carpathia"}
    # Atlantis's changed lead is a comment LibreOffice reads, under Atlantis's name
    annotation = re.search(r"<office:annotation\b.*?</office:annotation>", comp_odt, re.S)
    assert annotation is not None and "Atlantis" in annotation.group(0)
    assert "Lead stronger: Noting → Noting with appreciation" in annotation.group(0)
    pdfs = convert(files, "pdf", tmp_path / "pdf")
    assert all(p.stat().st_size > 1000 for p in pdfs)


def test_footnote_marks_mid_sentence_on_each_side(tmp_path: Path) -> None:
    """A mark that stays, one that moves with changed words, one dropped and one added: each
    view has its own marks where its text has them."""
    old_text = "Recalling its resolution ICC-ASP/16/Res.6 and the Rome Statute,"
    new_text = "Recalling its resolutions ICC-ASP/16/Res.6 and ICC-ASP/17/Res.5 and the Statute,"
    old = numbered([Paragraph("preamble", old_text, lead="Recalling", footnotes=(
        Footnote("Official Records, 2017.", old_text.index(" and")),
        Footnote("UNTS, vol. 2187.", old_text.index(","))))])
    new = numbered([Paragraph("preamble", new_text, lead="Recalling", footnotes=(
        Footnote("Official Records, 2017.", new_text.index(" and")),
        Footnote("Official Records, 2018.", new_text.index(" and the")),
        Footnote("Rome Statute, art. 1.", len(new_text))))])
    diff = diff_documents(old, new)
    assert [c.op for c in diff.changes] == ["modified"]
    data = render_redline(diff, date=DATE)
    check_exact(old, new, data, tmp_path)
    assert view(data, accept=True)[-1] == (
        "Recalling its resolutions ICC-ASP/16/Res.6[^Official Records, 2017.] and "
        "ICC-ASP/17/Res.5[^Official Records, 2018.] and the Statute,[^Rome Statute, art. 1.]")
    root = etree.fromstring(zipfile.ZipFile(_io(data)).read("word/document.xml"))
    p = list(root.iter(W + "p"))[-1]
    # the mark both sides share is plain (its run sits in the paragraph); the others are
    # revisions of their own, in reading order
    assert [r.getparent().getparent().tag for r in p.iter(W + "footnoteReference")] == [
        W + "p", W + "ins", W + "del", W + "ins"]
    assert view(data, accept=False)[-1] == (
        "Recalling its resolution ICC-ASP/16/Res.6[^Official Records, 2017.] and the Rome "
        "Statute[^UNTS, vol. 2187.],")
    (odt,) = convert([tmp_path / "redline.docx"], "odt", tmp_path / "odt")
    content = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
    assert content.count("<text:changed-region") >= 3


@pytest.mark.parametrize("case", ["retitled", "added", "removed"])
def test_annexes_accept_new_reject_old(tmp_path: Path, case: str) -> None:
    """An annex whose title changed, an annex added, an annex dropped: each view shows its
    own `Annex` lines and numbers the annex from 1."""
    base = [Paragraph("operative", "Requests the Bureau to report;", lead="Requests"),
            Paragraph("operative", "Decides to meet again.", lead="Decides")]

    def annex(title: str, *texts: str) -> list[Paragraph]:
        return [Paragraph("annex", t, annex=title) for t in texts]

    old_annex = annex("Terms of reference", "The Group shall meet;", "The Group shall report.")
    new_annex = {"retitled": annex("Procedures", "The Group shall meet;",
                                   "The Group shall report.", "The Group shall dissolve."),
                 "added": old_annex, "removed": []}[case]
    old = numbered(base + (old_annex if case != "added" else []))
    new = numbered(base + new_annex)
    data = render_redline(diff_documents(old, new), date=DATE)
    check_exact(old, new, data, tmp_path)


def test_a_proposal_that_adds_a_footnote_mid_sentence(tmp_path: Path) -> None:
    text = "Noting the report of the Bureau on cooperation,"
    base = numbered([Paragraph("preamble", text, lead="Noting")])
    proposal = numbered([Paragraph("preamble", text, lead="Noting", footnotes=(
        Footnote("ICC-ASP/18/16.", text.index(" on")),))])
    compilation = compile_proposals(base, [Proposal("Atlantis", proposal)],
                                    [diff_documents(base, proposal)])
    path = tmp_path / "one.docx"
    path.write_bytes(render_compilation(compilation, date=DATE))
    assert signature(read_docx(path)) == signature(proposal)
    assert signature(read_docx(path, as_old=True)) == signature(base)
    assert view(path.read_bytes(), accept=True)[-1] == (
        "Noting the report of the Bureau[^ICC-ASP/18/16.] on cooperation,")
    assert {e.get(W + "author") for e in revisions(path.read_bytes())} == {"Atlantis"}


# --- comments: changed leads, paragraphs not compared (issues 12 and 15) -----------------

LEAD_OLD = """The Assembly of States Parties,

Recalling the Rome Statute,

1. Urges all States to cooperate fully with the Court;

2. Requests the Bureau to report to the Assembly at its next session;

3. Decides to meet again;
"""
LEAD_NEW = """The Assembly of States Parties,

Recalling the Rome Statute,

1. Decides to meet again;

2. Encourages all States to cooperate fully with the Court;

3. Invites the Bureau to report to the Assembly at its next session;
"""


def comment_texts(data: bytes) -> list[str]:
    archive = zipfile.ZipFile(_io(data))
    if "word/comments.xml" not in archive.namelist():
        return []
    root = etree.fromstring(archive.read("word/comments.xml"))
    return ["\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p"))
            for c in root.iter(W + "comment")]


@pytest.mark.parametrize("moves_as_changes", [False, True])
def test_a_changed_lead_is_a_comment_and_the_views_stay_exact(tmp_path: Path,
                                                              moves_as_changes: bool) -> None:
    old, new = parse_text(LEAD_OLD, "old.txt"), parse_text(LEAD_NEW, "new.txt")
    diff = diff_documents(old, new)  # a move written as a deletion and an insertion too
    data = render_redline(diff, author="Secretariat", date=DATE,
                          moves_as_changes=moves_as_changes)
    check_exact(old, new, data, tmp_path)
    assert sorted(comment_texts(data)) == ["Lead weaker: Requests → Invites",
                                           "Lead weaker: Urges → Encourages"]
    comments = etree.fromstring(zipfile.ZipFile(_io(data)).read("word/comments.xml"))
    assert {(c.get(W + "author"), c.get(W + "date"), c.get(W + "initials"))
            for c in comments} == {("Secretariat", DATE, "S")}
    ids = all_ids(data)
    assert len(ids) == len(set(ids))


def test_only_changed_leads_have_comments_and_whole_records_no_header() -> None:
    old, new = parse_text(SAMPLE_OLD, "old.txt"), parse_text(SAMPLE_NEW, "new.txt")
    data = render_redline(diff_documents(old, new), date=DATE)
    # OP1 changed words but kept its lead; PP1 moved and took "with appreciation"
    assert comment_texts(data) == ["Lead stronger: Noting → Noting with appreciation"]
    assert "word/header1.xml" not in zipfile.ZipFile(_io(data)).namelist()
    plain = render_redline(diff_documents(old, replace(old, meta={"symbol": "X"})), date=DATE)
    assert "word/comments.xml" not in zipfile.ZipFile(_io(plain)).namelist()


def test_a_partial_record_is_said_at_the_top_and_each_paragraph_not_compared(
        resolver: Resolver, tmp_path: Path) -> None:
    old, new = resolver.resolve("2017"), resolver.resolve("2018")
    data = render_redline(diff_documents(old, new), date=DATE)
    check_exact(old, new, data, tmp_path)  # the note is in the page header, not the text
    archive = zipfile.ZipFile(_io(data))
    header = "".join(t.text or "" for t in etree.fromstring(
        archive.read("word/header1.xml")).iter(W + "t"))
    assert "The record of ICC-ASP/17/Res.5 (2018) is partial (chapeau + first 4 " \
           "preambular paragraphs only)." in header
    assert header.endswith("Not compared (they may stand in the other text beyond what is "
                           "held): PP4 of ICC-ASP/16/Res.6 (2017); PP4 of ICC-ASP/17/Res.5 "
                           "(2018).")
    section = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body/{W}sectPr")
    assert section[0].tag == W + "headerReference" and section[0].get(W + "type") == "first"
    assert section.find(W + "titlePg") is not None  # the first page only
    texts = comment_texts(data)
    assert len(texts) == 2 and all(t.startswith("Not compared: the held record of ")
                                   for t in texts)
