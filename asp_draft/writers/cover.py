"""The lines a body prints around a resolution's text: its cover block and its closing lines.

The Assembly of States Parties prints a head of its own (`Resolution ICC-ASP/16/Res.6`, the
adoption line, the symbol, the title): the Word writer keeps that layout itself. Every other
body of the table (clauses/bodies.yaml) prints as the United Nations does:

- the cover block: the issuer's lines with the symbol and the distribution set against
  them (`United Nations … A/RES/79/6`, `General Assembly … Distr.: General`), the date, a
  draft's `Original:` language, a rule; the issuer's further lines (`Human Rights Council`),
  the session (`Seventy-ninth session`), a Main Committee's name on its drafts, the agenda item;
- a resolution of a body with sessions: `Resolution adopted by the General Assembly on …`,
  the Main Committee line (`[on the report of the Sixth Committee (A/79/…)]`) and the
  numbered title (`79/6. Title`); at its end the meeting line and the date;
- a Council without sessions: `Resolution 2797 (2025)` and `Adopted by the Security Council
  at its 10046th meeting, on …`;
- a draft: its sponsors and label (`Italy and Turkmenistan: draft resolution`), then its title.

Only what the metadata holds (or the symbol says: a resolution's number, a committee) is
printed; a line whose facts are missing is left out, never filled in. The writers of Word,
HTML and Akoma Ntoso all lay out from these lines.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asp_draft.language import ENGLISH

if TYPE_CHECKING:
    from asp_draft.library.bodies import Body, Table
    from asp_draft.model import Document, Meta
    from asp_draft.symbols import Symbol

# What a line is; the writers give each its style.
ISSUER = "issuer"  # the issuer's first line, the symbol set against it
ORGAN = "organ"  # the issuer's second line (the organ), the distribution against it
ASIDE = "aside"  # a line of the cover's right-hand column alone: the date, `Original:`
RULE = "rule"  # the rule under the cover block (no text)
ISSUED_BY = "issued-by"  # the issuer's further lines, under the rule (`Human Rights Council`)
SESSION = "session"  # `Eightieth session`
COMMITTEE = "committee"  # a Main Committee's name, on its drafts
AGENDA = "agenda"
ADOPTED_BY = "adopted-by"  # `Resolution adopted by the General Assembly on …`
REFERENCE = "reference"  # `[without reference to a Main Committee (A/79/L.8)]`
TITLE = "title"  # the title, with the resolution's number before it (`79/6.`) when known
COUNCIL_NUMBER = "council-number"  # `Resolution 2797 (2025)`
COUNCIL_ADOPTED = "council-adopted"  # `Adopted by the Security Council at its …`
LABEL = "label"  # a draft's sponsors and `draft resolution`
CHAPEAU = "chapeau"
MEETING = "meeting"  # closing lines: `35th plenary meeting`, the date under it
VOTE_NOTE = "vote-note"  # a Council's `[Adopted by a recorded vote of 27 to 5, …]`

_COMMITTEE_LINE = re.compile(r"(?:on the report of|without reference to)\b", re.I)


@dataclass(frozen=True)
class Line:
    """One printed line: what it is, its text, the text set against it (`aside`), and the
    note its asterisk points to (a draft's `Any changes to the list of sponsors …`)."""

    kind: str
    text: str
    aside: str | None = None
    note: str | None = None

    @property
    def asterisk(self) -> int:
        """Where the note's asterisk stands in the text: after the sponsors' colon, else at
        the end; -1 when the line has no note."""
        if self.note is None:
            return -1
        colon = self.text.find(": ")
        return colon + 1 if colon >= 0 else len(self.text)


@dataclass(frozen=True)
class Cover:
    """A UN document's layout: the lines before its first paragraph and after its last."""

    body: Body
    draft: bool
    head: tuple[Line, ...]
    tail: tuple[Line, ...]


def body_of(meta: Meta, table: Table) -> Body | None:
    """The document's body: its `body` (a key, or a name as a cover prints it), else its
    symbol's, else its chapeau's; None when nothing says."""
    named = (meta.body or "").strip()
    found = table.get(named) if named else None
    if found is not None:
        return found
    found = table.of_meta(meta.with_(body=None))
    if found is not None or not named:
        return found
    return table.named(named)


def cover(document: Document, table: Table | None = None) -> Cover | None:
    """The UN layout of `document`, or None for the ASP's own (and a text of no known body)."""
    if table is None:
        from asp_draft.library.bodies import table as bundled

        table = bundled()
    meta = document.meta
    body = body_of(meta, table)
    if body is None or body.key == "asp":
        return None
    symbol = table.parse_symbol(meta.symbol or "") if meta.symbol else None
    draft = is_draft(meta, symbol)
    head = [*_cover_block(meta, body, symbol, draft), *_opening(meta, body, table, symbol,
                                                                  draft)]
    if document.chapeau:  # None: the text has none, and none is invented
        head.append(Line(CHAPEAU, document.chapeau))
    tail = () if draft or not body.sessions.held else _closing(meta)
    return Cover(body, draft, tuple(head), tuple(tail))


def is_draft(meta: Meta, symbol: Symbol | None) -> bool:
    """A draft: said so, sponsored, a draft's symbol, or neither adopted nor a resolution's."""
    status = (meta.status or "").lower()
    if status in ("draft", "amendment") or meta.sponsors or meta.submitted_by:
        return True
    if symbol is not None:
        return symbol.draft
    return not meta.adopted


def long_date(value: Any) -> str | None:
    """`2025-11-03` -> `3 November 2025`; None for anything that is not a date."""
    try:
        return ENGLISH.long_date(dt.date.fromisoformat(str(value)))
    except ValueError:
        return None


def names(people: Sequence[str]) -> str:
    """`Italy`, `Italy and Turkmenistan`, `A, B and C`: a sponsors' list as printed."""
    listed = [str(p) for p in people]
    if len(listed) < 2:
        return "".join(listed)
    return f"{', '.join(listed[:-1])} and {listed[-1]}"


def _cover_block(meta: Meta, body: Body, symbol: Symbol | None, draft: bool) -> list[Line]:
    """The issuer's lines with the symbol, distribution, date and language against them, the
    rule, then the issuer's further lines, the session, a committee and the agenda item."""
    issuer = list(body.issuer) or [body.name]
    out = [Line(ISSUER, issuer[0], meta.symbol)]
    distribution = meta.text("distribution")
    distribution = f"Distr.: {distribution}" if distribution else None
    if len(issuer) > 1:
        out.append(Line(ORGAN, issuer[1], distribution))
    elif distribution:
        out.append(Line(ASIDE, "", distribution))
    day = long_date(meta.date)
    if day:
        out.append(Line(ASIDE, "", day))
    original = meta.text("original")
    if original:
        out.append(Line(ASIDE, "", f"Original: {original}"))
    out.append(Line(RULE, ""))
    out += [Line(ISSUED_BY, name) for name in issuer[2:]]
    # the session the metadata names, else the one its symbol is numbered in
    session = meta.session if meta.session is not None else \
        (symbol.session if symbol is not None else None)
    if body.sessions.held and session is not None:
        out.append(Line(SESSION, _capital(body.sessions.name(session))))
    committee = _committee_name(meta, body)
    if committee and draft:
        out.append(Line(COMMITTEE, committee))
    item = meta.text("agenda_item")
    if item:
        several = bool(re.search(r",| and ", item))
        out.append(Line(AGENDA, f"Agenda item{'s' if several else ''} {item}"))
    return out


def _committee_name(meta: Meta, body: Body) -> str | None:
    """A Main Committee's name, on its drafts: the metadata's, else its symbol's body's."""
    said = meta.committee or ""
    if said and not _COMMITTEE_LINE.match(said):
        return said
    return body.name if body.adopts_as else None


def _opening(meta: Meta, body: Body, table: Table, symbol: Symbol | None,
             draft: bool) -> list[Line]:
    """What stands between the cover block and the chapeau: the adoption and the numbered
    title, a Council's number and adoption line, or a draft's label and title."""
    title = meta.title
    if draft:
        out = [Line(LABEL, _label(meta, symbol), note=meta.cover_note)]
        return out + ([Line(TITLE, _draft_number(meta, body, symbol), title)] if title else [])
    if not body.sessions.held:
        return _council(meta, body, symbol)
    adopting = table.adopting(body)
    day = long_date(meta.adopted)
    out = [Line(ADOPTED_BY, f"Resolution adopted by the {adopting.name}"
                            + (f" on {day}" if day else ""))]
    said = meta.committee or ""
    if _COMMITTEE_LINE.match(said):
        out.append(Line(REFERENCE, f"[{said.strip('[]')}]"))
    # the number printed before the title: the metadata's, else its symbol's (`80/6` of
    # A/RES/80/6; the Economic and Social Council's `2024/5` of E/RES/2024/5)
    first = (symbol.session or symbol.year) if symbol else None
    number = meta.number or (f"{first}/{symbol.number}" if symbol and first and
                                    symbol.number else None)
    if number or title:
        out.append(Line(TITLE, f"{number}." if number else "", title))
    return out


def _draft_number(meta: Meta, body: Body, symbol: Symbol | None) -> str:
    """What a draft of `body` prints before its title (the Human Rights Council's `58/...`),
    when the body prints one and its session is known; else nothing."""
    session = (symbol.session if symbol else None) or meta.session
    if body.draft_number is None or (session is None and "{session}" in body.draft_number):
        return ""
    return body.draft_number.format(session=session, year=meta.year)


def _council(meta: Meta, body: Body, symbol: Symbol | None) -> list[Line]:
    """`Resolution 2797 (2025)` and `Adopted by the Security Council at its …, on …`."""
    number = meta.number or (f"{symbol.number} ({symbol.year})" if symbol and
                                    symbol.number and symbol.year else None)
    out = [Line(COUNCIL_NUMBER, f"Resolution {number}" if number else "Resolution")]
    meeting = meta.meeting
    day = long_date(meta.adopted)
    if meeting is not None or day:
        line = f"Adopted by the {body.name}"
        if meeting is not None:
            line += f" at its {ENGLISH.ordinal(meeting)} meeting"
            line += f", on {day}" if day else ""
        else:
            line += f" on {day}"
        out.append(Line(COUNCIL_ADOPTED, line))
    return out


def _label(meta: Meta, symbol: Symbol | None) -> str:
    """`Italy and Turkmenistan: draft resolution`, `…: revised draft resolution`,
    `Brazil: amendment to draft resolution A/80/L.22`, `Draft resolution submitted by …`."""
    sponsors = meta.sponsors
    if meta.status == "amendment":
        what = "amendment to draft resolution" + (f" {meta.amends}" if meta.amends else "")
    else:
        what = "revised draft resolution" if symbol and symbol.revision else "draft resolution"
    if sponsors:
        return f"{names(sponsors)}: {what}"
    label = _capital(what)
    if meta.submitted_by:
        label += f" submitted by {meta.submitted_by}"
    return label


def _closing(meta: Meta) -> tuple[Line, ...]:
    """The meeting line and the date under it, and a Council's note of its vote."""
    out: list[Line] = []
    plenary, meeting = meta.plenary, meta.meeting
    if plenary is not None:
        out.append(Line(MEETING, f"{ENGLISH.ordinal(plenary)} plenary meeting"))
    elif meeting is not None:
        out.append(Line(MEETING, f"{ENGLISH.ordinal(meeting)} meeting"))
    day = long_date(meta.adopted)
    if out and day:  # a date alone under the text would read as a paragraph
        out.append(Line(MEETING, day))
    vote = meta.vote
    if isinstance(vote, Mapping) and {"yes", "no"} <= set(vote):
        note = f"[Adopted by a recorded vote of {vote['yes']} to {vote['no']}"
        abstain = vote.get("abstain")
        if abstain:
            note += f", with {abstain} abstention{'s' if abstain != 1 else ''}"
        out.append(Line(VOTE_NOTE, note + ".]"))
    elif meta.adoption == "without a vote" and out:
        out.append(Line(VOTE_NOTE, "[Adopted without a vote.]"))
    return tuple(out)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
