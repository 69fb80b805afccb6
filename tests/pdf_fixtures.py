"""Made-up resolutions written as Word (.docx) and ODT files, turned into PDFs by LibreOffice.

Nothing here copies a real document: the wording is invented (partly generated from phrase
lists with a fixed seed) and only the layout imitates what UN and ASP documents look like —
a cover block, a running head (symbol and short title) and foot (job number, page "2/10"),
italic leads, numbered paragraphs with (a)/(i) sub-paragraphs, headings, real footnotes whose
marks stand mid-paragraph, an annex, and a meeting line at the end.

Text is written with a small markup: `*Lead*` is set in italics and `[^note text]` is a
footnote whose mark stands where it is written. `expected_blocks` gives what a faithful
reader must return for each made document; `made_pdfs` builds every PDF (and its pdftotext
copies) once per test session.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

_MARKUP = re.compile(r"\*(?P<lead>[^*]+)\*|\[\^(?P<note>[^\]]+)\]")


@dataclass(frozen=True)
class Entry:
    """One paragraph as written: its kind, an optional typed label, markup text.

    `right` is text set against the right margin on the same line (the cover's symbol).
    """

    kind: str  # cover, title, chapeau, preamble, heading, operative, sub1, sub2, annex-title,
    #            annex, meeting
    text: str
    label: str = ""
    right: str = ""


@dataclass
class Resolution:
    """A made-up resolution: what goes in the body, the running head and foot."""

    name: str
    symbol: str
    short_title: str
    entries: list[Entry]
    job: str = ""  # the job number of a UN document ("17-22953"); none for the ASP
    page_style: str = "slash"  # "slash": 3/10; "dash": - 3 -
    first_page_head: bool = False  # the running head also on page 1 (ODT cannot vary it)


@dataclass
class MadePdf:
    """One made PDF with its source file, the resolution written, and pdftotext's copies."""

    resolution: Resolution
    source: Path
    pdf: Path
    text: str = ""  # pdftotext (reading order)
    layout_text: str = ""  # pdftotext -layout
    extras: dict[str, Path] = field(default_factory=dict)


def pieces(markup: str) -> list[tuple[str, str]]:
    """Markup -> [(kind, text)] with kind "text", "lead" or "note"."""
    out: list[tuple[str, str]] = []
    start = 0
    for m in _MARKUP.finditer(markup):
        if m.start() > start:
            out.append(("text", markup[start:m.start()]))
        if m.group("lead") is not None:
            out.append(("lead", m.group("lead")))
        else:
            out.append(("note", m.group("note")))
        start = m.end()
    if start < len(markup):
        out.append(("text", markup[start:]))
    return out


def plain(entry: Entry) -> tuple[str, list[tuple[int, str]]]:
    """The entry as a reader should return it: text (label + space + words) and its notes
    as (offset after which the mark stands, note text)."""
    text = f"{entry.label} " if entry.label else ""
    notes: list[tuple[int, str]] = []
    for kind, value in pieces(entry.text):
        if kind == "note":
            notes.append((len(text), value))
        else:
            text += value
    return text, notes


def expected_blocks(res: Resolution) -> list[tuple[str, list[tuple[int, str]]]]:
    """Every block a reader must find, in order: the cover's two sides apart."""
    out: list[tuple[str, list[tuple[int, str]]]] = []
    for at, entry in enumerate(res.entries):
        if entry.kind == "meeting" and at and res.entries[at - 1].kind == "meeting":
            out[-1] = (f"{out[-1][0]} {entry.text}", [])  # one block of two lines
        elif entry.kind == "cover" and entry.right:
            if entry.text:
                out.append((entry.text, []))
            out.append((entry.right, []))
        else:
            out.append(plain(entry))
    return out


def leads(res: Resolution) -> list[str]:
    """The italic leads written, in order."""
    return [v for e in res.entries for k, v in pieces(e.text) if k == "lead"]


# --- the invented wording ----------------------------------------------------------------

_SUBJECTS = ["the Secretariat", "the Bureau", "the working group", "States", "the Court",
             "the Registry", "the relevant organs", "the facilitators", "regional organizations",
             "the Presidency", "civil society", "the host State"]
_VERBS = ["continue to strengthen", "report on", "review", "give due regard to",
          "keep under review", "take stock of", "consider ways to improve",
          "support the follow-up to", "promote awareness of", "enhance"]
_OBJECTS = ["the peace-building efforts of the organs concerned", "its working methods",
            "the exchange of information between the organs", "cooperation with national "
            "authorities", "the efficiency of the proceedings", "the budgetary process",
            "the implementation of the present resolution", "the long-term sustainability of "
            "the voluntary funds", "the protection of witnesses and victims",
            "the geographical representation among the staff"]
_TAILS = ["at its next session", "in consultation with all interested parties",
          "within existing resources", "in a transparent and inclusive manner",
          "taking into account the views expressed during the general debate",
          "with a view to reaching agreement by consensus",
          "in time for the intersessional consultations"]
_OP_LEADS = ["Requests", "Encourages", "Invites", "Calls upon", "Welcomes", "Urges",
             "Further requests", "Stresses", "Decides", "Notes with appreciation"]
_PP_LEADS = ["Recalling", "Noting", "Reaffirming", "Recalling also", "Welcoming",
             "Taking note", "Bearing in mind", "Noting with appreciation", "Recalling further"]


def _clause(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} to {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"


def _sentence(rng: random.Random, clauses: int) -> str:
    parts = [_clause(rng) for _ in range(clauses)]
    return ", and ".join(parts) + " " + rng.choice(_TAILS)


def _operative(rng: random.Random, number: int, *, note: str | None) -> Entry:
    lead = rng.choice(_OP_LEADS)
    body = _sentence(rng, rng.randint(1, 4))
    if note:  # the mark stands mid-sentence, after the cited document
        body = body.replace(" to ", f" to act on document ICC-ASP/{number}/INF.2,[^{note}] and ",
                            1)
    return Entry("operative", f"*{lead}* {body};", label=f"{number}.")


def _preamble(rng: random.Random, index: int, *, note: str | None) -> Entry:
    lead = _PP_LEADS[index % len(_PP_LEADS)]
    cited = f" resolution {60 + index}/{10 + index}" + (f",[^{note}]" if note else "")
    return Entry("preamble", f"*{lead}*{cited} by which it asked {_sentence(rng, 2)},")


def ga_resolution(paragraphs: int = 120) -> Resolution:
    """A General Assembly resolution of about ten pages (at the default length)."""
    rng = random.Random(72)
    entries = [
        Entry("cover", "United Nations", right="A/RES/72/321"),
        Entry("cover", "General Assembly", right="Distr.: General"),
        Entry("cover", "", right="21 December 2017"),
        Entry("cover", "Seventy-second session"),
        Entry("cover", "Agenda item 181"),
        Entry("cover", "Resolution adopted by the General Assembly on 14 December 2017"),
        Entry("cover", "[on the report of the Sixth Committee (A/72/999)]"),
        Entry("title", "Cooperation between international courts and regional "
                       "organizations in the peaceful settlement of disputes", label="72/321."),
        Entry("chapeau", "The General Assembly,"),
    ]
    for i in range(9):
        entries.append(_preamble(rng, i, note=(f"Official Records of the General Assembly, "
                                               f"Seventy-second Session, Supplement No. {i + 3} "
                                               f"(A/{60 + i}/{i + 3}), chap. IV.")
                                 if i % 3 == 1 else None))
    entries.append(Entry("preamble", "*Welcoming* the contribution of the peace-building and "
                                     "follow-up mechanisms to the settlement of disputes,"))
    number = 0
    for section, heading in enumerate(["A. General matters", "B. Cooperation",
                                       "C. Follow-up"]):
        entries.append(Entry("heading", heading))
        for k in range(paragraphs // 3):
            number += 1
            note = (f"See the report of the Secretary-General on the item, A/72/{400 + number}, "
                    f"paras. {number} and {number + 1}." if (number + section) % 5 == 2 else None)
            entries.append(_operative(rng, number, note=note))
            if k == 4:
                entries[-1] = Entry("operative", f"*{rng.choice(_OP_LEADS)}* {_clause(rng)}:",
                                    label=f"{number}.")
                entries.append(Entry("sub1", f"to {_sentence(rng, 1)};", label="(a)"))
                entries.append(Entry("sub1", f"to {_sentence(rng, 2)}:", label="(b)"))
                entries.append(Entry("sub2", f"{rng.choice(_OBJECTS)};", label="(i)"))
                entries.append(Entry("sub2", f"{rng.choice(_OBJECTS)};", label="(ii)"))
                entries.append(Entry("sub1", f"to {_sentence(rng, 1)};", label="(c)"))
    entries.append(Entry("operative", "*Decides* to include in the provisional agenda of its "
                                      "seventy-third session the item entitled \u201cCooperation "
                                      "between international courts and regional "
                                      "organizations\u201d.", label=f"{number + 1}."))
    entries.append(Entry("meeting", "73rd plenary meeting"))
    entries.append(Entry("meeting", "14 December 2017"))
    entries.append(Entry("annex-title", "Annex"))
    entries.append(Entry("annex-title", "Principles of cooperation"))
    for n in range(1, 4):
        entries.append(Entry("annex", f"The parties agree that {_sentence(rng, 2)}.",
                             label=f"{n}."))
    return Resolution("ga", "A/RES/72/321", "Cooperation between international courts",
                      entries, job="17-22953")


_LONG_NOTE = "See " + " ".join(
    f"ICC-ASP/{s}/Res.{r}, para. {r + s};" for s in range(1, 17) for r in range(1, 9)
) + " and the annexes to those resolutions."


def asp_resolution() -> Resolution:
    """An ASP resolution of four pages or so, with a footnote long enough to run over a page."""
    rng = random.Random(16)
    entries = [
        Entry("cover", "Resolution ICC-ASP/16/Res.9"),
        Entry("cover", "Adopted at the 12th plenary meeting, on 14 December 2017, by consensus"),
        Entry("cover", "ICC-ASP/16/Res.9"),
        Entry("title", "Strengthening the review of the working methods of the Assembly of "
                       "States Parties"),
        Entry("chapeau", "The Assembly of States Parties,"),
        Entry("preamble", "*Mindful* that each State Party has undertaken to cooperate fully "
                          "with the Court,"),
        Entry("preamble", "*Recalling* the Rome Statute,[^Rome Statute of the International "
                          "Criminal Court, United Nations, Treaty Series, vol. 2187, "
                          "No. 38544.] and reaffirming its commitment to the peace-building "
                          "work of the Court and to the follow-up of its decisions,"),
        Entry("preamble", "*Convinced also* that justice and peace are complementary and "
                          "mutually reinforcing,"),
    ]
    for i in range(4):
        entries.append(_preamble(rng, i + 3, note=None))
    for n in range(1, 9):
        note = _LONG_NOTE if n == 8 else (f"ICC-ASP/16/{20 + n}, annex." if n % 3 == 1
                                          else None)
        entries.append(_operative(rng, n, note=note))
    entries.append(Entry("heading", "Working methods"))
    entries.append(Entry("operative", "*Decides*:", label="9."))
    entries.append(Entry("sub1", f"to {_sentence(rng, 2)};", label="(a)"))
    entries.append(Entry("sub1", "to remain seized of the matter.", label="(b)"))
    for n in range(10, 16):
        entries.append(_operative(rng, n, note=None))
    entries.append(Entry("annex-title", "Annex"))
    entries.append(Entry("annex-title", "Mandates of the Bureau"))
    for n in range(1, 3):
        entries.append(Entry("annex", f"The Bureau is asked {_sentence(rng, 2)}.", label=f"{n}."))
    return Resolution("asp", "ICC-ASP/16/Res.9", "Working methods of the Assembly", entries,
                      page_style="dash", first_page_head=True)


# --- Word (OOXML) ------------------------------------------------------------------------

_W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"

# (indent left, first-line (negative: hanging), spacing after, bold, size in half-points)
_DOCX_LAYOUT = {
    "cover": (0, 0, 120, False, 20), "title": (1134, -1134, 240, True, 24),
    "chapeau": (0, 567, 120, False, 20), "preamble": (0, 567, 120, False, 20),
    "heading": (567, 0, 120, True, 20), "operative": (0, 567, 120, False, 20),
    "sub1": (1701, -567, 120, False, 20), "sub2": (2268, -567, 120, False, 20),
    "annex-title": (0, 0, 240, True, 24), "annex": (0, 567, 120, False, 20),
    "meeting": (5670, 0, 0, False, 20),
}


def _w_text(text: str, *, italic: bool = False, size: int | None = None,
            bold: bool = False) -> str:
    props = ("<w:i/>" if italic else "") + ("<w:b/>" if bold else "")
    if size:
        props += f'<w:sz w:val="{size}"/>'
    chunks = text.split("\t")
    runs = '<w:r><w:rPr>{}</w:rPr>{}</w:r>'.format(
        props, "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(c)}</w:t>' for c in chunks))
    return runs


def _docx_paragraph(entry: Entry, notes: list[str]) -> str:
    left, first, after, bold, size = _DOCX_LAYOUT[entry.kind]
    ind = (f'<w:ind w:left="{left}" w:hanging="{-first}"/>' if first < 0
           else f'<w:ind w:left="{left}" w:firstLine="{first}"/>')
    tabs = '<w:tabs><w:tab w:val="right" w:pos="9638"/></w:tabs>' if entry.right else ""
    keep = "<w:keepNext/>" if entry.kind in ("heading", "title", "annex-title") else ""
    if entry.kind == "annex-title" and entry.text == "Annex":
        keep += "<w:pageBreakBefore/>"
    out = (f'<w:p><w:pPr>{keep}{tabs}<w:spacing w:after="{after}" w:line="240" '
           f'w:lineRule="auto"/>{ind}<w:jc w:val="left"/></w:pPr>')
    big = 28 if entry.kind == "cover" and entry.text in ("United Nations", "General Assembly") \
        else None
    if entry.label:
        out += _w_text(entry.label + "\t", size=size)
    for kind, value in pieces(entry.text):
        if kind == "note":
            notes.append(value)
            out += (f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                    f'<w:footnoteReference w:id="{len(notes)}"/></w:r>')
        else:
            out += _w_text(value, italic=kind == "lead", size=big or size, bold=bold)
    if entry.right:
        out += _w_text("\t" + entry.right, size=size, bold=entry.right.startswith("A/"))
    return out + "</w:p>"


def _docx_header(text: str) -> str:
    return f"<w:hdr {_W}>{text}</w:hdr>"


def _docx_furniture(res: Resolution) -> dict[str, str]:
    """header/footer parts: the running head and foot, and a first page without the head."""
    tab = '<w:pPr><w:tabs><w:tab w:val="right" w:pos="9638"/></w:tabs></w:pPr>'
    head = f"<w:p>{tab}{_w_text(res.symbol + chr(9) + res.short_title, size=17)}</w:p>"
    page = ('<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    count = ('<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    if res.page_style == "slash":
        number = f"{page}<w:r><w:t>/</w:t></w:r>{count}"
    else:
        number = f'<w:r><w:t xml:space="preserve">- </w:t></w:r>{page}' \
                 f'<w:r><w:t xml:space="preserve"> -</w:t></w:r>'
    foot = f"<w:p>{tab}{_w_text(res.job + chr(9), size=17)}{number}</w:p>"
    first_foot = f"<w:p>{_w_text(res.job + ' (E)', size=17)}</w:p>" if res.job else "<w:p/>"
    return {"header1": _docx_header(head), "footer1": f"<w:ftr {_W}>{foot}</w:ftr>",
            "header2": _docx_header(head if res.first_page_head else "<w:p/>"),
            "footer2": f"<w:ftr {_W}>{foot if res.first_page_head else first_foot}</w:ftr>"}


_DOCX_STYLES = f"""<w:styles {_W}><w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>
<w:sz w:val="20"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>
<w:pPr><w:spacing w:after="0"/><w:ind w:left="1134" w:hanging="284"/></w:pPr>
<w:rPr><w:sz w:val="16"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>
<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style></w:styles>"""


def write_docx(res: Resolution, path: Path) -> Path:
    """The resolution as a Word file with real headers, footers and footnotes."""
    notes: list[str] = []
    body = "".join(_docx_paragraph(e, notes) for e in res.entries)
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="h1"/>'
            '<w:headerReference w:type="first" r:id="h2"/>'
            '<w:footerReference w:type="default" r:id="f1"/>'
            '<w:footerReference w:type="first" r:id="f2"/>'
            '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1134" '
            'w:bottom="1417" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/>'
            "<w:titlePg/></w:sectPr>")
    note_xml = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                "<w:continuationSeparator/></w:r></w:p></w:footnote>")
    for n, text in enumerate(notes, 1):
        note_xml += (f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/>'
                     '</w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                     f'<w:footnoteRef/></w:r>{_w_text(chr(9) + text, size=16)}</w:p>'
                     "</w:footnote>")
    parts = {
        "word/document.xml": f"<w:document {_W}><w:body>{body}{sect}</w:body></w:document>",
        "word/styles.xml": _DOCX_STYLES,
        "word/footnotes.xml": f"<w:footnotes {_W}>{note_xml}</w:footnotes>",
    }
    for name, xml in _docx_furniture(res).items():
        parts[f"word/{name}.xml"] = xml
    rels = [("styles", "styles.xml", "rs"), ("footnotes", "footnotes.xml", "rn"),
            ("header", "header1.xml", "h1"), ("header", "header2.xml", "h2"),
            ("footer", "footer1.xml", "f1"), ("footer", "footer2.xml", "f2")]
    parts["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="{i}" Type="{_REL}/{k}" Target="{t}"/>' for k, t, i in rels)
        + "</Relationships>")
    parts["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="d" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>")
    kinds = {"document": "document.main", "styles": "styles", "footnotes": "footnotes",
             "header1": "header", "header2": "header", "footer1": "footer", "footer2": "footer"}
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="/word/{n}.xml" ContentType="{_CT}.{k}+xml"/>'
                  for n, k in kinds.items()) + "</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                             + text)
    return path


# --- ODT ---------------------------------------------------------------------------------

_ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
           'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
           'office:version="1.3"')


def _odt_style(name: str, left: float, first: float, after: float, bold: bool,
               size: float) -> str:
    weight = ' fo:font-weight="bold"' if bold else ""
    # a label after a first-line indent tabs to 2.5 cm, as Word's default stops put it; a
    # hanging indent tabs to the indent itself
    label_stop = '<style:tab-stop style:position="2.5cm"/>' if first > 0 else ""
    return (f'<style:style style:name="{name}" style:family="paragraph">'
            f'<style:paragraph-properties fo:margin-left="{left:.2f}cm" '
            f'fo:text-indent="{first:.2f}cm" fo:margin-bottom="{after:.2f}cm">'
            f'<style:tab-stops>{label_stop}<style:tab-stop style:position="17cm" '
            'style:type="right"/></style:tab-stops></style:paragraph-properties>'
            f'<style:text-properties fo:font-size="{size}pt"{weight}/></style:style>')


_ODT_LAYOUT = {k: (left / 567, first / 567, after / 567, bold, size / 2)
               for k, (left, first, after, bold, size) in _DOCX_LAYOUT.items()}


def _odt_paragraph(entry: Entry) -> str:
    style = "annex-page" if entry.kind == "annex-title" and entry.text == "Annex" else entry.kind
    out = f'<text:p text:style-name="{style}">'
    if entry.label:
        out += escape(entry.label) + "<text:tab/>"
    for kind, value in pieces(entry.text):
        if kind == "note":
            out += ('<text:note text:note-class="footnote"><text:note-citation/>'
                    f'<text:note-body><text:p text:style-name="Footnote">{escape(value)}'
                    "</text:p></text:note-body></text:note>")
        elif kind == "lead":
            out += f'<text:span text:style-name="Lead">{escape(value)}</text:span>'
        elif entry.kind == "cover" and value in ("United Nations", "General Assembly"):
            out += f'<text:span text:style-name="Big">{escape(value)}</text:span>'
        else:
            out += escape(value).replace("\t", "<text:tab/>")
    if entry.right:
        out += f"<text:tab/>{escape(entry.right)}"
    return out + "</text:p>"


def write_odt(res: Resolution, path: Path) -> Path:
    """The resolution as an ODT file: running head and foot on every page, real footnotes."""
    styles = "".join(_odt_style(k, *v) for k, v in _ODT_LAYOUT.items())
    styles += _odt_style("annex-page", *_ODT_LAYOUT["annex-title"]).replace(
        "<style:paragraph-properties ", '<style:paragraph-properties fo:break-before="page" ')
    number = ('<text:page-number text:select-page="current">1</text:page-number>/'
              "<text:page-count>1</text:page-count>" if res.page_style == "slash" else
              '- <text:page-number text:select-page="current">1</text:page-number> -')
    common = (f"<office:document-styles {_ODF_NS}><office:font-face-decls>"
              '<style:font-face style:name="Liberation Serif" svg:font-family="\'Liberation '
              "Serif'\"/></office:font-face-decls><office:styles>"
              '<style:default-style style:family="paragraph"><style:text-properties '
              'style:font-name="Liberation Serif" fo:font-size="10pt" fo:language="en" '
              'fo:country="GB"/></style:default-style>'
              '<style:style style:name="Footnote" style:family="paragraph">'
              '<style:paragraph-properties fo:margin-left="1.5cm" fo:text-indent="-0.5cm"/>'
              '<style:text-properties fo:font-size="8pt"/></style:style>'
              '<style:style style:name="Furniture" style:family="paragraph">'
              '<style:paragraph-properties><style:tab-stops><style:tab-stop '
              'style:position="17cm" style:type="right"/></style:tab-stops>'
              '</style:paragraph-properties><style:text-properties fo:font-size="8.5pt"/>'
              "</style:style></office:styles><office:automatic-styles>"
              '<style:page-layout style:name="pm1"><style:page-layout-properties '
              'fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.25cm" '
              'fo:margin-bottom="1.25cm" fo:margin-left="2cm" fo:margin-right="2cm"/>'
              '<style:header-style><style:header-footer-properties fo:min-height="0cm" '
              'fo:margin-bottom="0.75cm"/></style:header-style><style:footer-style>'
              '<style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.75cm"/>'
              "</style:footer-style></style:page-layout></office:automatic-styles>"
              '<office:master-styles><style:master-page style:name="Standard" '
              'style:page-layout-name="pm1"><style:header><text:p text:style-name="Furniture">'
              f"{escape(res.symbol)}<text:tab/>{escape(res.short_title)}</text:p></style:header>"
              f'<style:footer><text:p text:style-name="Furniture">{escape(res.job)}<text:tab/>'
              f"{number}</text:p></style:footer></style:master-page></office:master-styles>"
              "</office:document-styles>")
    content = (f"<office:document-content {_ODF_NS}><office:automatic-styles>{styles}"
               '<style:style style:name="Lead" style:family="text"><style:text-properties '
               'fo:font-style="italic"/></style:style><style:style style:name="Big" '
               'style:family="text"><style:text-properties fo:font-size="14pt"/></style:style>'
               "</office:automatic-styles>"
               f"<office:body><office:text>{''.join(_odt_paragraph(e) for e in res.entries)}"
               "</office:text></office:body></office:document-content>")
    manifest = ('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                'manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/"'
                ' manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type='
                '"text/xml"/><manifest:file-entry manifest:full-path="styles.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("styles.xml", common, zipfile.ZIP_DEFLATED)
    return path


# --- broken and image-only PDFs, written by hand ----------------------------------------

def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog) with its xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def write_minimal_pdf(path: Path, content: bytes) -> Path:
    """A one-page PDF whose page draws `content` (no fonts: a page without a text layer)."""
    path.write_bytes(pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]))
    return path


def scanned_pdf(path: Path) -> Path:
    """A page that only draws shapes, as a scan has only an image: no text to read."""
    return write_minimal_pdf(path, b"0.5 g 72 600 450 120 re f 72 400 450 20 re f")


# --- LibreOffice ---------------------------------------------------------------------------

def need_tools() -> tuple[str, str]:
    """soffice and pdftotext, or skip the test when either is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if not soffice or not pdftotext:
        pytest.skip("LibreOffice (soffice) and poppler (pdftotext) are needed")
    return soffice, pdftotext


def to_pdf(files: list[Path], outdir: Path) -> list[Path]:
    """Convert the files in one soffice call, with a private profile (others may run it too)."""
    soffice, _ = need_tools()
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=300)
    out = [outdir / (f.stem + ".pdf") for f in files]
    missing = [p.name for p in out if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return out


def pdftotext(pdf: Path, *, layout: bool = False) -> str:
    """What a user pasting from the PDF has: pdftotext's text (optionally -layout)."""
    _, tool = need_tools()
    args = [tool, *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True,
                          timeout=60).stdout


MADE = {"ga-docx": (ga_resolution, write_docx, ".docx"),
        "ga-odt": (ga_resolution, write_odt, ".odt"),
        "asp-docx": (asp_resolution, write_docx, ".docx"),
        "asp-odt": (asp_resolution, write_odt, ".odt")}


def make_pdfs(outdir: Path) -> dict[str, MadePdf]:
    """Write every made document, convert all to PDF at once, save pdftotext copies beside.

    Reuses what an earlier call in the same folder made (soffice takes seconds).
    """
    outdir.mkdir(parents=True, exist_ok=True)
    made: dict[str, MadePdf] = {}
    for name, (build, _, ext) in MADE.items():
        res = build()
        made[name] = MadePdf(res, outdir / f"{name}{ext}", outdir / f"{name}.pdf")
    todo = [m for m in made.values() if not m.pdf.exists()]
    for m in todo:
        writer = MADE[m.source.stem][1]
        writer(m.resolution, m.source)
    if todo:
        to_pdf([m.source for m in todo], outdir)
    for m in made.values():
        for layout, suffix in ((False, ".txt"), (True, ".layout.txt")):
            copy = m.pdf.with_suffix(suffix)
            if not copy.exists():
                copy.write_text(pdftotext(m.pdf, layout=layout), encoding="utf-8")
            m.extras[suffix] = copy
        m.text = m.extras[".txt"].read_text(encoding="utf-8")
        m.layout_text = m.extras[".layout.txt"].read_text(encoding="utf-8")
    return made


def made_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, MadePdf]:
    """The made PDFs of this test session ("ga-docx", "ga-odt", "asp-docx", "asp-odt"),
    built on first use; call it from a session-scoped fixture."""
    need_tools()
    return make_pdfs(tmp_path_factory.getbasetemp() / "pdf-fixtures")
