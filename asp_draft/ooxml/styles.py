"""The paragraph styles asp-draft writes: the contract between the Word writers and the reader.

The writers put every paragraph in one of these styles; the reader recognises its own files by
them and learns each paragraph's role from its style (readers/docx.py keeps which style is
which role), also after LibreOffice or Word saved the file again (they keep the style names
and may rename the ids).
"""

from __future__ import annotations

STYLE_RESOLUTION = "AspResolutionLine"
STYLE_ADOPTION = "AspAdoptionLine"
STYLE_SYMBOL = "AspSymbol"
STYLE_DRAFT = "AspDraftLabel"
STYLE_TITLE = "AspTitle"
STYLE_CHAPEAU = "AspChapeau"
STYLE_PREAMBLE = "AspPreamble"
STYLE_OPERATIVE = "AspOperative"
STYLE_SUB = ("AspOperative", "AspSubparagraph1", "AspSubparagraph2")  # by level
STYLE_HEADING = "AspHeading"
STYLE_ANNEX = "AspAnnex"  # the centred "Annex" line that opens an annex
STYLE_ANNEX_TITLE = "AspAnnexTitle"
STYLE_ANNEX_TEXT = "AspAnnexText"  # an unnumbered paragraph of an annex
STYLE_NOTE_TEXT = "FootnoteText"
STYLE_NOTE_REF = "FootnoteReference"
# A UN document's cover block (writers/cover.py says what each line is)
STYLE_COVER_ISSUER = "AspCoverIssuer"  # `United Nations`, the symbol set against it
STYLE_COVER_ORGAN = "AspCoverOrgan"  # `General Assembly`, the distribution against it
STYLE_COVER_ASIDE = "AspCoverAside"  # the date, `Original: English`, in the right column
STYLE_COVER_RULE = "AspCoverRule"  # the rule under the cover block
STYLE_COVER_SESSION = "AspCoverSession"  # the session, a committee, an issuer's further line
STYLE_COVER_AGENDA = "AspCoverAgenda"
STYLE_COVER_ADOPTED = "AspCoverAdopted"  # `Resolution adopted by the General Assembly on …`
STYLE_COVER_REFERENCE = "AspCoverReference"  # the Main Committee line, in brackets
STYLE_COVER_LABEL = "AspCoverLabel"  # a draft's sponsors and `draft resolution`
STYLE_COVER_TITLE = "AspCoverTitle"  # `79/6.` and the title; a draft's title
STYLE_COVER_COLUMN = "AspCoverColumn"  # character style of the text set against a line
# Closing lines under the text: not a role of their own, so the reader finds them by their
# words as it does in any file (the meeting line, the date, a Council's note of the vote)
STYLE_MEETING = "AspMeetingLine"
STYLE_VOTE_NOTE = "AspVoteNote"

COVER_STYLES = frozenset({STYLE_COVER_ISSUER, STYLE_COVER_ORGAN, STYLE_COVER_ASIDE,
                          STYLE_COVER_RULE, STYLE_COVER_SESSION, STYLE_COVER_AGENDA,
                          STYLE_COVER_ADOPTED, STYLE_COVER_REFERENCE, STYLE_COVER_LABEL,
                          STYLE_COVER_TITLE})
STYLE_NAMES = {STYLE_RESOLUTION: "ASP Resolution Line", STYLE_ADOPTION: "ASP Adoption Line",
               STYLE_SYMBOL: "ASP Symbol", STYLE_DRAFT: "ASP Draft Label",
               STYLE_TITLE: "ASP Title", STYLE_CHAPEAU: "ASP Chapeau",
               STYLE_PREAMBLE: "ASP Preambular Paragraph",
               STYLE_OPERATIVE: "ASP Operative Paragraph", STYLE_SUB[1]: "ASP Subparagraph 1",
               STYLE_SUB[2]: "ASP Subparagraph 2", STYLE_HEADING: "ASP Heading",
               STYLE_ANNEX: "ASP Annex", STYLE_ANNEX_TITLE: "ASP Annex Title",
               STYLE_ANNEX_TEXT: "ASP Annex Paragraph",
               STYLE_COVER_ISSUER: "ASP Cover Issuer", STYLE_COVER_ORGAN: "ASP Cover Organ",
               STYLE_COVER_ASIDE: "ASP Cover Aside", STYLE_COVER_RULE: "ASP Cover Rule",
               STYLE_COVER_SESSION: "ASP Cover Session", STYLE_COVER_AGENDA: "ASP Cover Agenda",
               STYLE_COVER_ADOPTED: "ASP Cover Adopted",
               STYLE_COVER_REFERENCE: "ASP Cover Reference",
               STYLE_COVER_LABEL: "ASP Cover Label", STYLE_COVER_TITLE: "ASP Cover Title"}
# Styles that give no role: the closing lines, the cover column's character style
NO_ROLE_NAMES = {STYLE_MEETING: "ASP Meeting Line", STYLE_VOTE_NOTE: "ASP Vote Note",
                 STYLE_COVER_COLUMN: "ASP Cover Column"}
_BY_NAME = {name.replace(" ", "").lower(): sid for sid, name in STYLE_NAMES.items()}


def own_style(style_id: str | None, name: str | None) -> str | None:
    """asp-draft's id for one of its styles, found by id or by name; None for other styles.

    LibreOffice derives ids from names ('ASP Preambular Paragraph' -> ASPPreambular...).
    """
    if style_id in STYLE_NAMES:
        return style_id
    return _BY_NAME.get((name or "").replace(" ", "").lower())
