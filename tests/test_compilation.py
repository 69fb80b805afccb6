"""Merging delegations' proposals against a base: who changed what, where they overlap."""

from __future__ import annotations

from asp_draft.cli.commands.compile import summary_lines
from asp_draft.compare.compilation import (
    Proposal,
    compile_proposals,
    default_name,
    parse_proposal_arg,
)
from asp_draft.compare.diff import diff_documents
from asp_draft.model import Document, Paragraph


def doc(*texts: str, **meta: object) -> Document:
    paragraphs = []
    for text in texts:
        if text[0].isdigit():
            number, _, rest = text.partition(". ")
            paragraphs.append(Paragraph(part="operative", text=rest, number=number,
                                        lead=rest.split()[0]))
        else:
            paragraphs.append(Paragraph(part="preamble", text=text, lead=text.split()[0]))
    return Document(meta=dict(meta), paragraphs=tuple(paragraphs))


BASE = doc("Recalling its resolutions on cooperation,", "Noting the report of the Bureau,",
           "1. Requests the Bureau to report;", "2. Decides to meet again.")


def compiled(*proposals: tuple[str, Document]):  # type: ignore[no-untyped-def]
    props = [Proposal(name, d) for name, d in proposals]
    return compile_proposals(BASE, props, [diff_documents(BASE, p.document) for p in props])


def test_one_delegation_changes_in_place() -> None:
    ruritania = doc("Recalling its resolutions on cooperation,",
                    "Noting with appreciation the report of the Bureau,",
                    "1. Requests the Bureau to report;", "2. Decides to meet again.")
    result = compiled(("Ruritania", ruritania))
    assert [(i.base_index, [t.op for t in i.touches]) for i in result.items] == [
        (0, []), (1, ["modified"]), (2, []), (3, [])]
    assert result.summary()["proposals"] == [{"name": "Ruritania", "source": "",
                                              "modified": ["PP2"], "deleted": [],
                                              "inserted": [], "strength": [],
                                              "head": []}]
    assert result.summary()["overlaps"] == []


def test_two_delegations_on_one_paragraph_overlap_in_given_order() -> None:
    a = doc("Recalling its resolutions on cooperation,", "Noting the report of the Bureau,",
            "1. Requests the Bureau to report by June;", "2. Decides to meet again.")
    b = doc("Recalling its resolutions on cooperation,", "Noting the report of the Bureau,",
            "1. Requests the Bureau to report in writing;", "2. Decides to meet again.")
    result = compiled(("Borduria", b), ("Atlantis", a))
    item = result.items[2]
    assert item.overlapping and [t.delegation for t in item.touches] == ["Borduria", "Atlantis"]
    assert result.summary()["overlaps"] == [{"paragraph": "OP1", "index": 2,
                                             "delegations": ["Borduria", "Atlantis"]}]


def test_insertions_at_the_same_place_keep_the_order_of_the_proposals() -> None:
    a = doc("Recalling its resolutions on cooperation,", "Noting the report of the Bureau,",
            "Welcoming the new States Parties,", "1. Requests the Bureau to report;",
            "2. Decides to meet again.")
    b = doc("Recalling its resolutions on cooperation,", "Noting the report of the Bureau,",
            "Stressing the role of victims,", "1. Requests the Bureau to report;",
            "2. Decides to meet again.")
    result = compiled(("Borduria", b), ("Atlantis", a))
    assert [(i.base_index, i.inserted_by) for i in result.items] == [
        (0, None), (1, None), (None, "Borduria"), (None, "Atlantis"), (2, None), (3, None)]
    rows = {r["name"]: r for r in result.summary()["proposals"]}
    assert rows["Atlantis"]["inserted"] == ["after PP2"]


def test_deletion_and_insertion_at_the_start() -> None:
    a = doc("Bearing in mind the Statute,", "Noting the report of the Bureau,",
            "1. Requests the Bureau to report;", "2. Decides to meet again.")
    result = compiled(("Atlantis", a))
    assert [(i.base_index, i.inserted_by, [t.op for t in i.touches]) for i in result.items] \
        == [(0, None, ["deleted"]), (None, "Atlantis", []), (1, None, []), (2, None, []),
            (3, None, [])]


def test_proposal_arguments_and_default_names(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert parse_proposal_arg("Ruritania=ru.docx") == ("Ruritania", "ru.docx")
    assert parse_proposal_arg("ru.docx") == (None, "ru.docx")
    odd = tmp_path / "a=b.txt"
    odd.write_text("x")
    assert parse_proposal_arg(str(odd)) == (None, str(odd))
    assert default_name(doc("Noting x,", author="Atlantis"), "x.docx") == "Atlantis"
    assert default_name(doc("Noting x,", proposer="Borduria"), "x.docx") == "Borduria"
    assert default_name(doc("Noting x,"), "/tmp/ruritania.docx") == "ruritania"


def test_the_summary_reports_each_delegations_changed_leads() -> None:
    weaker = doc("Recalling its resolutions on cooperation,", "Noting the report of the Bureau,",
                 "1. Invites the Bureau to report;", "2. Decides to meet again.")
    stronger = doc("Reaffirming its resolutions on cooperation,",
                   "Noting the report of the Bureau,", "1. Requests the Bureau to report;",
                   "2. Decides to meet again.")
    rows = {r["name"]: r for r in compiled(("Atlantis", weaker),
                                           ("Borduria", stronger)).summary()["proposals"]}
    assert rows["Atlantis"]["strength"] == [{"paragraph": "OP1", "old": "Requests",
                                             "new": "Invites", "direction": "weaker"}]
    assert rows["Borduria"]["strength"] == [{"paragraph": "PP1", "old": "Recalling",
                                             "new": "Reaffirming", "direction": "stronger"}]


def test_a_proposal_past_the_end_of_a_partial_base_keeps_its_paragraphs() -> None:
    base = Document(meta={"completeness": "partial: the preamble only"},
                    paragraphs=BASE.paragraphs[:2])
    longer = doc("Recalling its resolutions on cooperation,", "Noting the report of the Bureau,",
                 "1. Requests the Bureau to report;")
    props = [Proposal("Atlantis", longer)]
    result = compile_proposals(base, props, [diff_documents(base, longer)])
    assert [(i.base_index, i.inserted_by) for i in result.items] == [
        (0, None), (1, None), (None, "Atlantis")]


def test_a_delegation_that_changes_the_chapeau_is_named_in_the_summary() -> None:
    base = doc(*(p.text for p in BASE.paragraphs[:2]), chapeau="The Assembly of States Parties,")
    retitled = doc(*(p.text for p in BASE.paragraphs[:2]), chapeau="The General Assembly,")
    same = doc(*(p.text for p in BASE.paragraphs[:2]), chapeau="The Assembly of States Parties,")
    props = [Proposal("Ruritania", retitled), Proposal("Atlantis", same)]
    result = compile_proposals(base, props, [diff_documents(base, p.document) for p in props])
    rows = {r["name"]: r for r in result.summary()["proposals"]}
    assert rows["Ruritania"]["head"] == [{"key": "chapeau",
                                          "old": "The Assembly of States Parties,",
                                          "new": "The General Assembly,"}]
    assert rows["Atlantis"]["head"] == []
    assert summary_lines(result.summary()) == ["Ruritania: changed the chapeau",
                                               "Atlantis: no changes"]
