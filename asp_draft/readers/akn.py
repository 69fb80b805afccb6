"""Akoma Ntoso 3.0 XML (.xml) -> blocks -> Document.

The reader turns AKN's explicit structure into the blocks every reader hands
asp_draft.text.structure: the preambular paragraphs (`container`, `p`, `blockList` items) with role
`preamble`, operative paragraphs and their points with their `num` and level, `crossHeading`s
and section headings as headings, each attachment as an annex, `<i>` as italic runs (the
lead), and `authorialNote`s (or `noteRef`s to notes in `meta`) as footnote marks where they
stand. `classify` decides the rest, as for every format.

A file asp-draft wrote carries its metadata in asp-draft's namespace (in `proprietary`) and
each paragraph's clause and version as attributes; those come back exactly. Another tool's
AKN gives what its identification, preface and conclusions say. The file is untrusted: it is
parsed as a Word part is (asp_draft.xmlsafe: a DOCTYPE is refused, so no entity is ever
expanded and no DTD fetched, and the parser never touches the network), and the size is
capped. Errors are one line naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from asp_draft import xmlsafe
from asp_draft.akn import (
    AKN_NAMESPACES,
    ASP_BODY,
    BODY_SLUGS,
    CLAUSE,
    ENTRY,
    ENTRY_KEY,
    ENTRY_TYPE,
    STORE,
    TEXT_KEYS,
    VERSION,
    decode,
)
from asp_draft.errors import InputError
from asp_draft.language import language_code
from asp_draft.model import Document, Meta
from asp_draft.text.heads import adoption_meta
from asp_draft.text.structure import ANNEX_LINE, Block, Notify, Role, Run, Source, classify, quiet
from asp_draft.textfile import CONTROL, check_input

MAX_BYTES = 32 * 1024 * 1024  # a long resolution is well under 2 MB
_BREAKS = re.compile(r" *[\t\n\r\f\v][ \t\n\r\f\v]*")  # a line break in the XML is one space
_UNITS = frozenset({"paragraph", "subparagraph", "point", "alinea", "indent", "clause",
                    "subclause", "article", "rule", "subrule", "proviso", "transitional",
                    "level"})
_GROUPS = frozenset({"section", "subsection", "part", "subpart", "chapter", "subchapter",
                     "division", "subdivision", "title", "subtitle", "book", "tome",
                     "hcontainer"})
_WRAPPERS = frozenset({"container", "blockContainer", "recitals", "recital", "citations",
                       "citation", "longTitle"})
_TEXTS = frozenset({"p", "block"})
_DOC_TYPES = frozenset({"statement", "doc", "act", "bill", "debateReport", "portion"})
_BREAK_TAGS = frozenset({"eol", "eop", "br"})
# AKN names for bodies whose key in the table differs (asp-draft's writer names the ASP so)
_AKN_SLUGS = {BODY_SLUGS[ASP_BODY]: "asp"}


def read_akn(path: Path, notify: Notify = quiet) -> Document:
    """Read an Akoma Ntoso 3.0 file (AKN4UN resolutions and other AKN documents)."""
    path = Path(path)
    check_input(path, MAX_BYTES, "an Akoma Ntoso .xml file")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", source=str(path)) from None
    return parse_akn(data, str(path), notify)


def parse_akn(data: bytes, source: str, notify: Notify = quiet) -> Document:
    """Parse AKN XML bytes (`source` names them in messages)."""
    root = parse_akn_xml(data, source)
    reader = _Reader(root, source, notify)
    document = classify(reader.source(), notify)
    return reader.with_provenance(document)


def parse_akn_xml(data: bytes, source: str) -> Any:
    """The root element, parsed safely; InputError unless it is AKN's `akomaNtoso`."""
    if len(data) > MAX_BYTES:
        raise InputError(f"is larger than {MAX_BYTES // (1024 * 1024)} MB; refusing it",
                         source=source)
    if not data.strip():
        raise InputError("is empty", source=source)
    try:
        root = xmlsafe.parse(data)
    except xmlsafe.DoctypeError:
        raise InputError("declares a DOCTYPE or entities; Akoma Ntoso files have none, "
                         "refusing it", source=source) from None
    except xmlsafe.MalformedError as e:
        raise InputError(f"is not well-formed XML ({e})", source=source) from None
    name = etree.QName(root)
    if name.localname != "akomaNtoso" or name.namespace not in AKN_NAMESPACES:
        shown = f"{{{name.namespace}}}{name.localname}" if name.namespace else name.localname
        raise InputError(f"is XML but not Akoma Ntoso (its root is <{shown}>, not "
                         f"<akomaNtoso> in the AKN 3.0 namespace)", source=source)
    return root


def clean(text: str) -> str:
    """Text of an element as printed: line breaks and indentation as one space, trimmed."""
    return _BREAKS.sub(" ", CONTROL.sub("", text)).strip(" ")


def _plain(value: Any) -> Any:
    """A metadata value without control characters: XML 1.0 allows the C1 controls, and a
    JSON string can carry ESC as `\\u001b`; neither may reach the terminal."""
    if isinstance(value, str):
        return CONTROL.sub("", value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value


def _local(node: Any) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _number(num: Any) -> str | None:
    """`3.` -> 3, `12 bis.` -> 12 bis, `(a)` -> a; None when there is no num."""
    if num is None:
        return None
    text = clean("".join(num.itertext())).rstrip(".").strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text or None


@dataclass
class _Reader:
    """Walks one AKN document in reading order, collecting blocks, notes and metadata."""

    root: Any
    name: str
    notify: Notify
    blocks: list[Block] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    provenance: list[tuple[str | None, int | None]] = field(default_factory=list)
    meta_notes: dict[str, Any] = field(default_factory=dict)
    own: bool = False
    doc: Any = field(init=False, default=None)  # the statement (or doc ...) element
    ns: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.ns = etree.QName(self.root).namespace
        self.doc = next((c for c in self.root if _local(c) in _DOC_TYPES), None)
        if self.doc is None:
            kinds = ", ".join(sorted({_local(c) for c in self.root if _local(c)})) or "nothing"
            raise InputError(f"holds {kinds}; asp-draft reads one resolution (an AKN "
                             "statement or doc)", source=self.name)

    def q(self, tag: str) -> str:
        """The Clark name of an AKN element in this file's namespace."""
        return f"{{{self.ns}}}{tag}"

    def first(self, node: Any, path: str) -> Any:
        """The first element at an AKN path (`preface//docTitle`) under `node`, or None."""
        steps = [f"{{{self.ns}}}{s}" if s else "" for s in path.split("/")]
        return node.find("/".join(steps))

    # --- metadata ----------------------------------------------------------------

    def meta(self) -> dict[str, Any]:
        """What the file says about the resolution: asp-draft's own store, else AKN's."""
        doc = self.doc
        meta: dict[str, Any] = {}
        store = doc.find(f"{self.q('meta')}/{self.q('proprietary')}/{STORE}")
        self.own = store is not None
        if store is not None:
            for entry in store.iter(ENTRY):
                if entry.get(ENTRY_KEY):
                    meta[_plain(entry.get(ENTRY_KEY))] = _plain(decode(entry.get(ENTRY_TYPE),
                                                                       entry.text or ""))
        for key, path in TEXT_KEYS.items():
            node = self.first(doc, path)
            text = clean("".join(node.itertext())) if node is not None else ""
            if key == "symbol" and not self.own and re.fullmatch(r"\d+/\d+\.?", text):
                text = ""  # a GA resolution's number (`71/4.`); the preface line says it
            if text and key not in meta:
                meta[key] = text
        if not self.own:
            self._akn_meta(meta)
        for note in doc.iter(self.q("note")):
            if note.get("eId"):
                self.meta_notes[note.get("eId")] = note
        return meta

    def _akn_meta(self, meta: dict[str, Any]) -> None:
        """Another tool's file: the adoption date, language, draft status, conclusions."""
        doc = self.doc
        for when in doc.iter(self.q("FRBRdate")):
            if when.get("name") == "adoption" and when.get("date"):
                meta.setdefault("adopted", _plain(when.get("date")[:10]))
                break
        language = self.first(doc, "meta/identification/FRBRExpression/FRBRlanguage")
        if language is not None and language.get("language"):
            meta.setdefault("language", language_code(language.get("language")))
        if (doc.get("name") or "").lower().endswith("draft"):
            meta.setdefault("status", "draft")
        body = self._author_body()
        if body is not None:
            meta.setdefault("body", body)
        conclusions = self.first(doc, "conclusions")
        if conclusions is not None:
            for key, value in adoption_meta(clean(" ".join(conclusions.itertext()))).items():
                meta.setdefault(key, value)
            for when in conclusions.iter(self.q("docDate"), self.q("date")):
                if when.get("date"):
                    meta.setdefault("adopted", _plain(when.get("date")[:10]))
        adopted = Meta.of(meta).adopted or ""
        if adopted[:4].isdecimal():  # a file may date it `soon`: no year in that
            meta.setdefault("year", int(adopted[:4]))

    def _author_body(self) -> str | None:
        """The body of the table the Work's author is (`#ga`, or the organization it refers
        to: `/akn/ontology/organization/un/ga`), as its key; None for another author."""
        from asp_draft.library.bodies import table

        author = self.first(self.doc, "meta/identification/FRBRWork/FRBRauthor")
        ref = (author.get("href") or "").lstrip("#") if author is not None else ""
        if not ref:
            return None
        known = table()
        names = [ref]
        for tlc in self.doc.iter(self.q("TLCOrganization")):
            if tlc.get("eId") == ref:
                names = [(tlc.get("href") or "").rstrip("/").rsplit("/", 1)[-1], ref,
                         tlc.get("showAs") or ""]
        for name in names:
            slug = _AKN_SLUGS.get(name, name)
            found = known.named(slug) or known.named(name)
            if found is not None:
                return found.key
        return None

    # --- text ----------------------------------------------------------------------

    def runs(self, node: Any, italic: bool = False) -> list[Run]:
        """The element's text as runs: `<i>` italic, notes as marks, other inlines as text."""
        out: list[Run] = []
        if node.text:
            out.append(Run(CONTROL.sub("", node.text), italic))
        for child in node:
            tag = _local(child)
            if tag == "authorialNote":
                out.append(self._note(child))
            elif tag == "noteRef":
                target = self.meta_notes.get((child.get("href") or "").lstrip("#"))
                if target is not None:
                    out.append(self._note(target))
            elif tag in _BREAK_TAGS:
                out.append(Run(" ", italic))
            elif tag:
                out += self.runs(child, italic or tag == "i")
            if child.tail:
                out.append(Run(CONTROL.sub("", child.tail), italic))
        return out

    def _note(self, note: Any) -> Run:
        key = str(len(self.notes) + 1)
        texts = [clean("".join(p.itertext())) for p in note.iter(self.q("p"))]
        self.notes[key] = " ".join(t for t in texts if t) or clean("".join(note.itertext()))
        return Run("", note=key)

    def add(self, runs: list[Run], role: Role, *, unit: Any = None, number: str | None = None,
            level: int = 0) -> None:
        """One block, and the clause and version its unit carries (asp-draft's files)."""
        if not "".join(r.text for r in runs).strip() and not any(r.note for r in runs):
            return  # classify drops empty blocks too; provenance must stay in step
        self.blocks.append(Block(runs=runs, number=number, level=min(level, 2), role=role))
        if role in ("preamble", "operative", "heading"):
            clause = unit.get(CLAUSE) if unit is not None else None
            version = unit.get(VERSION) if unit is not None else None
            self.provenance.append((_plain(clause), int(version) if version and version.isdecimal()
                                    else None))

    def joined(self, nodes: list[Any]) -> list[Run]:
        """The runs of several text elements of one paragraph, a space between them."""
        out: list[Run] = []
        for node in nodes:
            if out:
                out.append(Run(" "))
            out += self.runs(node)
        return out

    def texts(self, node: Any) -> list[Any]:
        """The `p`/`block` elements that hold a content or intro element's text."""
        return [n for n in node.iter(self.q("p"), self.q("block"))
                if not any(_local(a) == "authorialNote" for a in n.iterancestors())]

    # --- structure -------------------------------------------------------------------

    def preamble(self, node: Any, level: int = 0, unit: Any = None) -> None:
        """Preambular paragraphs: `p`/`block` in containers, sub-paragraphs in block lists."""
        chapeau_taken = unit is not None  # only the preamble's own first formula is one
        for child in node:
            tag = _local(child)
            if tag == "formula" and not chapeau_taken:
                chapeau_taken = True  # the enacting formula: the chapeau, in the metadata
            elif tag in _TEXTS or tag == "formula":
                self.add(self.joined(self.texts(child) if tag == "formula" else [child]),
                         "preamble", unit=unit if unit is not None else child, level=level)
            elif tag in _WRAPPERS:
                self.preamble(child, level, child)
            elif tag == "blockList":
                self.block_list(child, level)
            elif tag == "crossHeading":
                self.add(self.runs(child), "preamble", unit=child, level=level)
            elif tag not in ("heading", "num"):
                self.notify(f"{self.name}: <{tag}> in the preamble is not read")

    def block_list(self, node: Any, level: int) -> None:
        """A block list's items: each a sub-paragraph one level down, numbered by its num."""
        for child in node:
            tag = _local(child)
            if tag in ("listIntroduction", "listWrapUp"):
                self.add(self.runs(child), "preamble", level=level)
            elif tag == "item":
                number = _number(child.find(self.q("num")))
                texts = [c for c in child if _local(c) in _TEXTS]
                self.add(self.joined(texts[:1]), "preamble", unit=child, number=number,
                         level=level + 1)
                for rest in texts[1:]:
                    self.add(self.runs(rest), "preamble", level=level + 1)
                for sub in child.iterchildren(self.q("blockList")):
                    self.block_list(sub, level + 1)

    def body(self, node: Any, depth: int = 0) -> None:
        """Operative paragraphs, points, headings and sections in reading order."""
        for child in node:
            tag = _local(child)
            if tag in _UNITS:
                self.unit(child, depth)
            elif tag in _GROUPS:
                self.group(child, depth)
            elif tag == "list":
                self.hier_list(child, depth, intro=True)
            elif tag == "crossHeading":
                role: Role = "preamble" if child.get("refersTo") == "#preamble" else "heading"
                self.add(self.runs(child), role, unit=child)
            elif tag in _TEXTS:
                if [_local(c) for c in child] != ["omissis"]:  # the writer's empty body
                    self.add(self.runs(child), "operative", unit=child, level=depth)
            elif tag in _WRAPPERS or tag in ("intro", "wrapUp", "content"):
                self.body(child, depth)
            elif tag == "blockList":
                self.block_list(child, depth)
            elif tag not in ("num", "heading", "subheading"):
                self.notify(f"{self.name}: <{tag}> in the body is not read")

    def unit(self, node: Any, depth: int) -> None:
        """A numbered unit (paragraph, point ...): its num, heading and text, then its points."""
        number = _number(node.find(self.q("num")))
        parts = [c for c in node if _local(c) in ("heading", "content", "intro")]
        lists = [c for c in node if _local(c) == "list"]
        # a paragraph with points has its text as the intro of its list (AKN4UN's model)
        took = lists[0] if lists and not any(_local(c) in ("content", "intro")
                                             for c in parts) else None
        if took is not None:
            parts += [c for c in took if _local(c) == "intro"]
        texts: list[Any] = []
        for part in parts:
            texts += [part] if _local(part) == "heading" else self.texts(part)
        self.add(self.joined(texts), "operative", unit=node, number=number, level=depth)
        for child in node:
            tag = _local(child)
            if tag == "list":
                self.hier_list(child, depth + 1, intro=child is not took)
            elif tag in _UNITS:
                self.unit(child, depth + 1)
            elif tag in _GROUPS:
                self.group(child, depth + 1)
            elif tag == "wrapUp":
                self.add(self.joined(self.texts(child)), "operative", level=depth)

    def hier_list(self, node: Any, depth: int, *, intro: bool) -> None:
        """A list's points at `depth`; its intro too, unless its unit took that as its text."""
        for child in node:
            tag = _local(child)
            if (tag == "intro" and intro) or tag == "wrapUp":
                self.add(self.joined(self.texts(child)), "operative", level=max(depth - 1, 0))
            elif tag in _UNITS:
                self.unit(child, depth)
            elif tag == "list":
                self.hier_list(child, depth + 1, intro=True)

    def group(self, node: Any, depth: int) -> None:
        """A section, part or titled container: `I. Heading` as a heading, then its content."""
        number = _number(node.find(self.q("num")))
        heading = node.find(self.q("heading"))
        runs = self.runs(heading) if heading is not None else []
        if number:
            runs = [Run(f"{number}. " if runs else number), *runs]
        self.add(runs, "heading", unit=node)
        self.body(node, depth)

    def preface_lines(self) -> None:
        """Another tool's preface: each line a head block, for the head's metadata."""
        preface = self.first(self.doc, "preface")
        if preface is None:
            return
        for line in preface.iter(self.q("p"), self.q("block"), self.q("longTitle")):
            text = clean("".join(line.itertext()))
            if text and _local(line.getparent()) != "longTitle":
                self.blocks.append(Block(runs=[Run(text)], role="head", lines=(text,)))

    def attachments(self) -> None:
        """Each attachment as an annex: `Annex`, its title, then its paragraphs."""
        holder = self.first(self.doc, "attachments")
        for attachment in holder if holder is not None else []:
            inner = next((c for c in attachment if _local(c) in _DOC_TYPES), None)
            if inner is None:
                self.notify(f"{self.name}: an attachment that only refers to another "
                            "document is not read")
                continue
            title = self.first(inner, "preface//docTitle")
            heading = attachment.find(self.q("heading"))
            name = title if title is not None else heading
            kind = self.first(inner, "preface//docType")
            label = clean("".join(kind.itertext())) if kind is not None else ""
            # `Annex II` from the docType; classify joins it to the title as the annex's name
            label = label if ANNEX_LINE.fullmatch(label) else "Annex"
            self.blocks.append(Block(runs=[Run(label)], role="annex"))
            if name is not None and clean("".join(name.itertext())):
                self.blocks.append(Block(runs=[Run(clean("".join(name.itertext())))],
                                         role="annex-title"))
            for part in ("preamble", "mainBody", "body"):
                found = self.first(inner, part)
                if found is not None:
                    self.body(found)

    # --- the whole -------------------------------------------------------------------

    def source(self) -> Source:
        """The blocks, notes and metadata classify turns into the Document."""
        meta = self.meta()
        if not self.own:
            self.preface_lines()
        preamble = self.first(self.doc, "preamble")
        if preamble is not None:
            self.preamble(preamble)
        main = self.first(self.doc, "mainBody")
        if main is None:
            main = self.first(self.doc, "body")
        if main is None:
            raise InputError("has no mainBody; it is not a resolution", source=self.name)
        self.body(main)
        self.attachments()
        # asp-draft sets every lead in italics; others may not mark leads at all
        italics = self.own or any(r.italic and r.text.strip() for b in self.blocks
                                  for r in b.runs)
        return Source(name=self.name, blocks=self.blocks, notes=self.notes, meta=meta,
                      italics=italics)

    def with_provenance(self, document: Document) -> Document:
        """Clause ids and versions back on the paragraphs (only asp-draft's files have them)."""
        if len(self.provenance) != len(document.paragraphs) or not any(
                c is not None or v is not None for c, v in self.provenance):
            return document
        paragraphs = tuple(replace(p, clause=c, version=v) for p, (c, v) in
                           zip(document.paragraphs, self.provenance, strict=True))
        return replace(document, paragraphs=paragraphs)
