"""The paragraph styles asp-draft writes: the contract between the Word writers and the reader.

The writers put every paragraph in one of these styles; the reader recognises its own files by
them and learns each paragraph's role from its style, also after LibreOffice or Word saved
the file again (they keep the style names and may rename the ids).
"""

from __future__ import annotations

from asp_draft.structure import Role

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

HEAD_STYLES = frozenset({STYLE_RESOLUTION, STYLE_ADOPTION, STYLE_SYMBOL, STYLE_DRAFT,
                         STYLE_TITLE, STYLE_CHAPEAU})
STYLE_NAMES = {STYLE_RESOLUTION: "ASP Resolution Line", STYLE_ADOPTION: "ASP Adoption Line",
               STYLE_SYMBOL: "ASP Symbol", STYLE_DRAFT: "ASP Draft Label",
               STYLE_TITLE: "ASP Title", STYLE_CHAPEAU: "ASP Chapeau",
               STYLE_PREAMBLE: "ASP Preambular Paragraph",
               STYLE_OPERATIVE: "ASP Operative Paragraph", STYLE_SUB[1]: "ASP Subparagraph 1",
               STYLE_SUB[2]: "ASP Subparagraph 2", STYLE_HEADING: "ASP Heading",
               STYLE_ANNEX: "ASP Annex", STYLE_ANNEX_TITLE: "ASP Annex Title",
               STYLE_ANNEX_TEXT: "ASP Annex Paragraph"}
# What each style says a paragraph is (structure.Block.role).
ROLES: dict[str, Role] = {
    **dict.fromkeys((STYLE_RESOLUTION, STYLE_ADOPTION, STYLE_SYMBOL, STYLE_DRAFT,
                     STYLE_TITLE), "head"),
    STYLE_CHAPEAU: "chapeau", STYLE_PREAMBLE: "preamble", STYLE_OPERATIVE: "operative",
    STYLE_SUB[1]: "operative", STYLE_SUB[2]: "operative", STYLE_HEADING: "heading",
    STYLE_ANNEX: "annex", STYLE_ANNEX_TITLE: "annex-title", STYLE_ANNEX_TEXT: "operative"}
_BY_NAME = {name.replace(" ", "").lower(): sid for sid, name in STYLE_NAMES.items()}


def own_style(style_id: str | None, name: str | None) -> str | None:
    """asp-draft's id for one of its styles, found by id or by name; None for other styles.

    LibreOffice derives ids from names ('ASP Preambular Paragraph' -> ASPPreambular...).
    """
    if style_id in STYLE_NAMES:
        return style_id
    return _BY_NAME.get((name or "").replace(" ", "").lower())
