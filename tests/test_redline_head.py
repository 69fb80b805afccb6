"""The head in redlines and compilations: a changed chapeau or title as real tracked changes.

Checked three ways: our own accept-all / reject-all over the XML, the Word reader, and
LibreOffice's reading of the file (the ODT it converts the redline to, with every change
accepted and every change rejected).
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from asp_draft.compare.compilation import Proposal, compile_proposals
from asp_draft.compare.diff import diff_documents
from asp_draft.model import Document, Paragraph
from asp_draft.readers.text import parse_text
from asp_draft.writers import docx as layout
from asp_draft.writers.redline import render_compilation, render_redline
from tests.docx_helpers import convert
from tests.test_redline import DATE, W, check_exact, comment_texts, expected_view, revisions, view

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"

ASP = "The Assembly of States Parties,"
GA = "The General Assembly,"
BODY = (Paragraph("preamble", "Recalling its resolution 78/6,", lead="Recalling"),
        Paragraph("operative", "Welcomes the report of the Court;", lead="Welcomes", number="1"))


def document(**meta: object) -> Document:
    """The two paragraphs of BODY under the given metadata."""
    return Document({"symbol": "A/RES/79/6", "year": 2024, **meta}, BODY)


OLD = document(title="Report of the International Criminal Court", chapeau=ASP)
CASES = {
    "chapeau and title": (OLD, replace(OLD, meta=OLD.meta.with_(
        chapeau=GA, title="Report of the President of the International Criminal Court"))),
    "chapeau added": (replace(OLD, meta=OLD.meta.with_(chapeau=None)), OLD),
    "chapeau removed": (OLD, replace(OLD, meta=OLD.meta.with_(chapeau=None))),
    "adopted, then a draft": (replace(OLD, meta=OLD.meta.with_(
        adopted="2024-10-29", plenary=29)), replace(OLD, meta=OLD.meta.with_(chapeau=GA))),
    # the ASP's own head: resolution and adoption lines over the symbol
    "an ASP resolution, then a draft": (
        replace(OLD, meta=OLD.meta.with_(symbol="ICC-ASP/23/Res.1", adopted="2024-12-06",
                                         plenary=9)),
        replace(OLD, meta=OLD.meta.with_(symbol="ICC-ASP/23/Res.1", chapeau=GA))),
    # a UN cover block, and the meeting line and date under the text
    "a General Assembly resolution, retitled": (
        replace(OLD, meta=OLD.meta.with_(chapeau=GA, adopted="2024-10-29", plenary=29,
                                         session=79, body="ga", agenda_item="74")),
        replace(OLD, meta=OLD.meta.with_(chapeau=GA, adopted="2024-10-30", plenary=30,
                                         session=79, body="ga", agenda_item="75",
                                         title="Report of the Court"))),
}


def _odt_tokens(node: etree._Element) -> list[tuple[str, str]]:
    """The text of an ODT body in reading order: ("text", s), ("break", "") after each
    paragraph, and the change marks ("start"/"end" of an insertion, "change" where a deletion
    stood) with their ids. Notes and comments are left out: they are not the text."""
    out: list[tuple[str, str]] = []
    tag = node.tag
    if tag in (TEXT + "tracked-changes", TEXT + "note", TEXT + "sequence-decls",
               OFFICE + "annotation", OFFICE + "annotation-end"):
        return out
    if tag in (TEXT + "change-start", TEXT + "change-end", TEXT + "change"):
        kind = {"change-start": "start", "change-end": "end"}.get(tag[len(TEXT):], "change")
        return [(kind, node.get(TEXT + "change-id") or "")]
    if tag == TEXT + "s":
        out.append(("text", " " * int(node.get(TEXT + "c") or 1)))
    elif tag == TEXT + "tab":
        out.append(("text", "\t"))
    if node.text and tag != TEXT + "s":
        out.append(("text", node.text))
    for child in node:
        out += _odt_tokens(child)
        if child.tail:
            out.append(("text", child.tail))
    if tag in (TEXT + "p", TEXT + "h"):
        out.append(("break", ""))
    return out


def odt_view(odt: Path, *, accept: bool) -> list[str]:
    """LibreOffice's text of a converted redline with every change accepted or rejected: each
    non-empty paragraph. Rejecting drops inserted ranges and puts each deletion's text back
    where it stood (its paragraphs after the first start new ones, as they did)."""
    root = etree.fromstring(zipfile.ZipFile(odt).read("content.xml"))
    deleted = {}
    for region in root.iter(TEXT + "changed-region"):
        deletion = region.find(TEXT + "deletion")
        if deletion is not None:
            tokens: list[tuple[str, str]] = []
            for p in (c for c in deletion if c.tag in (TEXT + "p", TEXT + "h")):
                tokens += _odt_tokens(p)
            deleted[region.get(TEXT + "id")] = tokens[:-1]  # the last paragraph runs on
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    assert body is not None
    lines, current, inside = [], "", 0
    for kind, value in _odt_tokens(body):
        if not accept and kind == "change" and value in deleted:
            for k, v in deleted[value]:
                if k == "break":
                    lines.append(current)
                    current = ""
                elif k == "text":
                    current += v
        elif kind in ("start", "end") and not accept:
            inside += 1 if kind == "start" else -1
        elif kind == "break" and not inside:
            lines.append(current)
            current = ""
        elif kind == "text" and not inside:
            current += value
    return [line for line in lines if line.strip()]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each case's redline and the compilations, converted by LibreOffice in one run."""
    folder = tmp_path_factory.mktemp("head")
    files = []
    for name, (old, new) in CASES.items():
        path = folder / f"{name.replace(' ', '-').replace(',', '')}.docx"
        path.write_bytes(render_redline(diff_documents(old, new), date=DATE))
        files.append(path)
    for name, data in COMPILATIONS.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data())
        files.append(path)
    return {p.stem: odt for p, odt in zip(files, convert(files, "odt", folder / "odt"),
                                          strict=True)}


@pytest.mark.parametrize("case", list(CASES))
def test_the_head_accepts_to_new_and_rejects_to_old(case: str, tmp_path: Path) -> None:
    old, new = CASES[case]
    diff = diff_documents(old, new)
    assert diff.differs  # the chapeau (and the title) are printed text
    data = render_redline(diff, date=DATE)
    check_exact(old, new, data, tmp_path)


def test_a_changed_chapeau_is_its_words_tracked_not_the_line_replaced() -> None:
    old, new = CASES["chapeau and title"]
    data = render_redline(diff_documents(old, new), author="Secretariat", date=DATE)
    changed = [("".join(t.text or "" for t in e.iter(W + "t", W + "delText")), e.tag)
               for e in revisions(data)]
    assert changed == [("of the President ", W + "ins"),
                       ("Assembly of States Parties,", W + "del"),
                       ("General Assembly,", W + "ins")]
    assert {e.get(W + "author") for e in revisions(data)} == {"Secretariat"}


def test_a_chapeau_on_one_side_is_one_line_inserted_or_deleted() -> None:
    """The other head lines stay as they are: only the chapeau's paragraph is a revision."""
    for case, kind in (("chapeau added", W + "ins"), ("chapeau removed", W + "del")):
        data = render_redline(diff_documents(*CASES[case]), date=DATE)
        assert [(e.tag, "".join(t.text or "" for t in e.iter(W + "t", W + "delText")))
                for e in revisions(data)] == [(kind, ""), (kind, ASP)], case


def test_the_head_lines_are_aligned_by_their_kind() -> None:
    """An adopted text against a draft: the resolution and adoption lines go, `Draft
    resolution` comes, and the symbol and title in between stay plain."""
    old, new = CASES["an ASP resolution, then a draft"]
    data = render_redline(diff_documents(old, new), date=DATE)
    root = etree.fromstring(zipfile.ZipFile(__import__("io").BytesIO(data))
                            .read("word/document.xml"))
    plain = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")
             if p.find(f"{W}pPr/{W}rPr") is None and not any(
                 e.tag in (W + "ins", W + "del") for e in p.iter())]
    assert plain[:2] == ["ICC-ASP/23/Res.1", "Report of the International Criminal Court"]


@pytest.mark.parametrize("case", list(CASES))
def test_libreoffice_accepts_to_new_and_rejects_to_old(case: str,
                                                       converted: dict[str, Path]) -> None:
    old, new = CASES[case]
    odt = converted[case.replace(" ", "-").replace(",", "")]
    assert odt_view(odt, accept=True) == expected_view(new)
    assert odt_view(odt, accept=False) == expected_view(old)


def test_metadata_the_layout_does_not_print_stays_out_of_the_redline(tmp_path: Path) -> None:
    """A changed venue (listed by the text and JSON diffs) is nothing a General Assembly
    resolution prints: the redline has no comment or note for it; the symbol and the session,
    which its cover prints, are tracked in their lines."""
    old = replace(OLD, meta=OLD.meta.with_(session=79, venue="New York"))
    new = replace(OLD, meta=OLD.meta.with_(session=80, venue="The Hague", symbol="A/RES/80/6"))
    diff = diff_documents(old, new)
    assert [m.key for m in diff.meta] == ["symbol", "session", "venue"]
    data = render_redline(diff, author="Secretariat", date=DATE)
    check_exact(old, new, data, tmp_path)
    assert comment_texts(data) == []
    assert "word/header1.xml" not in zipfile.ZipFile(__import__("io").BytesIO(data)).namelist()
    changed = [("".join(t.text or "" for t in e.iter(W + "t", W + "delText")), e.tag)
               for e in revisions(data)]
    assert changed[:2] == [("A/RES/79/6", W + "del"), ("A/RES/80/6", W + "ins")]
    assert ("Seventy-ninth ", W + "del") in changed and ("Eightieth ", W + "ins") in changed
    assert not any("Hague" in text or "New York" in text for text, _ in changed)


BASE = f"""# symbol: ICC-ASP/18/L.1
# title: Strengthening the Court
# year: 2019

{ASP}

Recalling its resolutions on cooperation,

1. Requests the Bureau to report;
"""


def _compile(texts: dict[str, str], base_text: str = BASE) -> tuple[Document, bytes]:
    base = parse_text(base_text, "base.txt")
    props = [Proposal(name, parse_text(text, f"{name}.txt")) for name, text in texts.items()]
    data = render_compilation(compile_proposals(
        base, props, [diff_documents(base, p.document) for p in props]), date=DATE)
    return base, data


COMPILATIONS = {
    "one": lambda: _compile({"Atlantis": BASE.replace(ASP, GA)})[1],
    "two": lambda: _compile({"Atlantis": BASE.replace(ASP, GA),
                             "Borduria": BASE.replace(ASP, "The Assembly,")})[1],
}


def test_one_delegations_chapeau_is_tracked_in_place_under_its_name(tmp_path: Path) -> None:
    base, data = _compile({"Atlantis": BASE.replace(ASP, GA),
                           "Borduria": BASE.replace("to report;", "to report by June;")})
    accepted, rejected = view(data, accept=True), view(data, accept=False)
    assert rejected == expected_view(base)
    assert accepted[:3] == ["ICC-ASP/18/L.1", "Draft resolution", "Strengthening the Court"]
    assert accepted[3] == GA
    chapeau = [e for e in revisions(data) if "Assembly" in "".join(
        t.text or "" for t in e.iter(W + "t", W + "delText"))]
    assert [(e.tag, e.get(W + "author")) for e in chapeau] == [(W + "del", "Atlantis"),
                                                               (W + "ins", "Atlantis")]


def test_two_delegations_chapeaux_are_alternatives_each_under_its_name() -> None:
    base, data = _compile({"Atlantis": BASE.replace(ASP, GA),
                           "Borduria": BASE.replace(ASP, "The Assembly,")})
    assert view(data, accept=False) == expected_view(base)
    assert view(data, accept=True)[3:6] == [ASP, f"[Atlantis] {GA}", "[Borduria] The Assembly,"]
    authors = [e.get(W + "author") for e in revisions(data)]
    assert list(dict.fromkeys(authors)) == ["Atlantis", "Borduria"]


def test_a_chapeau_the_base_lacks_is_inserted_under_its_name() -> None:
    bare = BASE.replace(f"{ASP}\n\n", "")
    base, data = _compile({"Atlantis": BASE}, bare)
    assert base.chapeau is None
    assert view(data, accept=False) == expected_view(base)
    assert view(data, accept=True)[3] == ASP
    assert {e.get(W + "author") for e in revisions(data)} == {"Atlantis"}


def test_a_proposal_without_the_title_leaves_the_title_alone() -> None:
    """A delegation's file that does not carry the title is no proposal to drop it."""
    base, data = _compile({"Atlantis": BASE.replace("# title: Strengthening the Court\n", "")})
    assert revisions(data) == []
    assert view(data, accept=True) == expected_view(base)


def test_libreoffice_reads_the_compiled_chapeau(converted: dict[str, Path]) -> None:
    base = parse_text(BASE, "base.txt")
    for name, accepted in (("one", [GA]), ("two", [ASP, f"[Atlantis] {GA}",
                                                    "[Borduria] The Assembly,"])):
        odt = converted[name]
        head = [text for _, text in layout.head_lines(base)]
        assert odt_view(odt, accept=False)[:len(head)] == head, name
        assert odt_view(odt, accept=True)[3:3 + len(accepted)] == accepted, name
        content = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
        creators = set(etree.fromstring(content.encode()).iter(DC + "creator"))
        assert {c.text for c in creators} == ({"Atlantis"} if name == "one"
                                              else {"Atlantis", "Borduria"})


UN_PDFS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "un-pdfs"


def test_a_general_assembly_pair_from_its_pdfs(tmp_path: Path) -> None:
    """The General Assembly's resolutions 78/6 and 79/6 as published: the cover blocks and
    the meeting lines tracked line by line, each cover column in its own run style; accept
    gives 79/6 and reject 78/6."""
    if not UN_PDFS.is_dir():
        pytest.skip("../shared/corpus/un-pdfs is not beside this checkout")
    from asp_draft.refs import Resolver

    resolver = Resolver()
    old, new = (resolver.resolve(str(UN_PDFS / f"A_RES_{n}_6.pdf")) for n in (78, 79))
    diff = diff_documents(old, new)
    assert [m.key for m in diff.meta if m.counts] == []  # same chapeau, same title
    data = render_redline(diff, date=DATE)
    check_exact(old, new, data, tmp_path)
    assert view(data, accept=True)[-2:] == ["29th plenary meeting", "29 October 2024"]
    assert view(data, accept=False)[-2:] == ["25th plenary meeting", "1 November 2023"]
    root = etree.fromstring(zipfile.ZipFile(__import__("io").BytesIO(data))
                            .read("word/document.xml"))
    first = root.find(f"{W}body/{W}p")
    assert first is not None
    # `United Nations` plain, the symbol after the tab bold, changed as one word
    paragraphs = list(root.iter(W + "p"))

    def runs(p: etree._Element, tag: str) -> list[tuple[str, str]]:
        return [(r.getparent().tag, "".join(t.text or "" for t in r.iter(W + "t", W + "delText")))
                for r in p.iter(W + "r") if r.find(f"{W}rPr/{tag}") is not None]

    assert runs(paragraphs[0], W + "b") == [(W + "p", ""), (W + "del", "A/RES/78/6"),
                                            (W + "ins", "A/RES/79/6")]
    # the date in the cover's column keeps the column's run style, deleted and inserted
    assert runs(paragraphs[2], W + "rStyle") == [(W + "p", ""), (W + "del", "2 November 2023"),
                                                 (W + "ins", "30 October 2024")]


def test_a_body_a_library_adds_is_laid_out_from_the_table_given(tmp_path: Path) -> None:
    """A redline lays each text out from the table it is given: a body of the library's own
    bodies.yaml gets its cover block (and its cover styles), exact both ways."""
    from asp_draft.library.bodies import table

    (tmp_path / "bodies.yaml").write_text(
        "bodies:\n  unea:\n    name: United Nations Environment Assembly\n"
        "    chapeau: The United Nations Environment Assembly,\n"
        "    issuer: [United Nations, United Nations Environment Assembly]\n"
        "    sessions: {first: 2014, per_year: 1}\n"
        "    resolution: 'UNEP/EA.{session}/Res.{number}'\n", encoding="utf-8")
    bodies = table([tmp_path])
    old = Document({"symbol": "UNEP/EA.6/Res.3", "adopted": "2024-03-01", "title": "Plastics",
                    "chapeau": "The United Nations Environment Assembly,"}, BODY)
    new = replace(old, meta=old.meta.with_(title="Plastic pollution"))
    data = render_redline(diff_documents(old, new), date=DATE, bodies=bodies)
    def laid_out(document: Document) -> list[str]:
        return [line for _, line in layout.head_lines(document, bodies) if line.strip()] + [
            p.text for p in BODY] + [line for _, line in layout.tail_lines(document, bodies)]

    assert "Resolution adopted by the United Nations Environment Assembly on 1 March 2024" \
        in view(data, accept=True)
    assert view(data, accept=True) == laid_out(new)
    assert view(data, accept=False) == laid_out(old)
    styles = zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/styles.xml")
    assert b"AspCoverAdopted" in styles
    # without the table the body is unknown: the ASP's own head, no cover
    plain = render_redline(diff_documents(old, new), date=DATE)
    assert b"AspCoverAdopted" not in zipfile.ZipFile(__import__("io").BytesIO(plain)).read(
        "word/styles.xml")
