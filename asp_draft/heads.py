"""What the lines around a resolution's body say about it: the head, the cover, the meeting line.

A resolution is printed with a head (`Resolution ICC-ASP/16/Res.6`, the adoption line, the
symbol, the title), a UN document with a cover block (`Distr.: General`, the date, the session,
`Agenda item 77`, `Resolution adopted by the General Assembly on 14 December 2017`, the Main
Committee line), and a meeting line at the end (`73rd plenary meeting / 14 December 2017`).
These are metadata, never paragraphs; every reader hands them to `head_meta`/`adoption_meta`.
A page's own numbers (`PAGE_NUMBER`, `JOB_NUMBER`) are neither: every reader drops them.
"""

from __future__ import annotations

import re
from typing import Any

from asp_draft.language import ENGLISH
from asp_draft.words import squeeze

_DATE = r"\d{1,2} [A-Z][a-z]+ \d{4}"
SYMBOL_LINE = re.compile(r"[A-Z][A-Za-z]*(?:[-/][A-Za-z0-9.]+)+/[A-Za-z0-9.()]+")
_ADOPTION_LINE = re.compile(
    r"Adopted(?: at the (?P<plenary>\d+)(?:st|nd|rd|th) plenary meeting,?)?"
    rf" on (?P<date>{_DATE}),? ?(?P<how>by [a-z ]+|without a vote)?\.?")
_MEETING_LINE = re.compile(rf"(?P<plenary>\d+)(?:st|nd|rd|th) plenary meeting,?"
                           rf"(?: (?P<date>{_DATE}))?\.?")
# A page's own numbers, which every reader drops: a page number (`3`, `- 3 -`, `3/10`, `Page 3
# of 10`) and a UN job number (`17-22015 (E)  181217`, with its barcode digits, or with
# whatever the foot sets after it on the same line: `17-22015 (E) 181217 *1722015* Please
# recycle`).
PAGE_NUMBER = re.compile(r"(?:[-–]\s?)?\d{1,4}(?:\s?[-–])?|\d{1,4}\s?/\s?\d{1,4}"
                         r"|Page\s\d+(?:\sof\s\d+)?|\d{1,4}\sof\s\d{1,4}")
JOB_NUMBER = re.compile(r"(?:\d{1,4}/\d{1,4}\s+)?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\d{6})?"
                        r"(?:\s+\d{1,4}/\d{1,4})?(?:\s+\*\d+\*)?|\*\d{5,}\*"
                        r"|\d{2}-\d{5}(?:\s?\([A-Z]\))?\s.*")
_MAYBE_ADOPTION = re.compile(r"\s*(?:Adopted|\d+(?:st|nd|rd|th)\s)")  # how the two open
# The head's and the cover block's own lines, as patterns that `re` compiles (and keeps) the
# first time a text has a head: most texts handed to a diff have none.
_RESOLUTION_LINE = r"Resolution ([A-Z][A-Za-z]*(?:[-/.][A-Za-z0-9.]+)+)"
_ADOPTED_BY = rf"Resolution adopted by the (?P<body>[A-Z][A-Za-z ]+?)(?: on (?P<date>{_DATE}))?"
_COMMITTEE = r"\[(?P<line>(?:on the report of|without reference to) [^\]]+)\]"
_DISTRIBUTION = r"Distr\.?:? ?(?P<value>[A-Z][a-z]+)"
_AGENDA = r"Agenda items? (?P<value>[\d ,()a-z]+(?: and \d+[()a-z]*)?)"
_SESSION = r"(?P<word>[A-Z][a-z]+(?:-[a-z]+)?) session"
_NUMBERED_TITLE = r"(?P<number>\d{1,3}/\d{1,4})\. (?P<title>\S.*)"
_ISSUER = frozenset({"United Nations", "General Assembly", "Security Council",
                     "Economic and Social Council", "International Criminal Court",
                     "Assembly of States Parties"})


def head_meta(groups: list[list[str]]) -> dict[str, Any]:
    """Metadata from the lines before the chapeau: head, cover block, symbol, title.

    `groups` are the lines of each block; lines of one group that are no known kind are one
    text (a title broken over two lines), and the last such text is the title.
    """
    meta: dict[str, Any] = {}
    rest: list[str] = []
    for group in groups:
        pending: list[str] = []
        numbered = False  # the last line was `72/123. Title`: a broken title goes on
        for raw in group:
            line = squeeze(raw)
            # an issuer's name is a head line only on its own, not inside a broken title
            if not numbered and _head_line(line, meta) and not (pending and line in _ISSUER):
                numbered = bool(re.fullmatch(_NUMBERED_TITLE, line))
                if pending:
                    rest.append(" ".join(pending))
                    pending = []
            elif numbered and not (SYMBOL_LINE.fullmatch(line) or adoption_meta(line)):
                meta["title"] = f"{meta['title']} {line}"
            else:
                numbered = False
                pending.append(line)
        if pending:
            rest.append(" ".join(pending))
    if rest:
        meta.setdefault("title", rest[-1])
    symbol = str(meta.get("symbol") or "")
    session = re.match(r"ICC-ASP/(\d+)/", symbol)
    if session:
        meta.setdefault("session", int(session.group(1)))
    if meta.get("adopted"):
        meta.setdefault("year", int(str(meta["adopted"])[:4]))
    return meta


def _head_line(line: str, meta: dict[str, Any]) -> bool:
    """Take what one head line says into `meta`; False when it is not a known kind."""
    m = re.fullmatch(_RESOLUTION_LINE, line)
    if m:
        meta.setdefault("symbol", m.group(1))
        return True
    adoption = adoption_meta(line)
    if adoption:
        for key, value in adoption.items():
            meta.setdefault(key, value)
        return True
    if cover_line(line, meta):
        return True
    if line.startswith("United Nations ") and SYMBOL_LINE.fullmatch(line[15:]):
        meta.setdefault("symbol", line[15:])
        return True
    if SYMBOL_LINE.fullmatch(line):
        meta.setdefault("symbol", line)
        return True
    if line.lower() == "draft resolution":
        meta["status"] = "draft"
        return True
    return line in _ISSUER


def cover_line(line: str, meta: dict[str, Any]) -> bool:
    """A line of a UN cover block (distribution, date, session, agenda item, adopted-by line,
    Main Committee line, `72/123. Title`) into `meta`; False when it is none of them."""
    m = re.fullmatch(_ADOPTED_BY, line)
    if m:
        meta.setdefault("body", m.group("body"))
        day = ENGLISH.parse_long_date(m.group("date")) if m.group("date") else None
        if day:
            meta.setdefault("adopted", day.isoformat())
        return True
    for pattern, key in ((_COMMITTEE, "committee"), (_DISTRIBUTION, "distribution"),
                         (_AGENDA, "agenda_item")):
        m = re.fullmatch(pattern, line)
        if m:
            meta.setdefault(key, m.group(1).strip())
            return True
    m = re.fullmatch(_SESSION, line)
    if m and ENGLISH.parse_ordinal_word(m.group("word")) is not None:
        meta.setdefault("session", ENGLISH.parse_ordinal_word(m.group("word")))
        return True
    day = ENGLISH.parse_long_date(line)
    if day:
        meta.setdefault("date", day.isoformat())
        return True
    m = re.fullmatch(_NUMBERED_TITLE, line)
    if m:
        meta.setdefault("number", m.group("number"))
        meta.setdefault("title", m.group("title"))
        return True
    return False


def adoption_meta(line: str) -> dict[str, Any]:
    """`Adopted at the 13th plenary meeting, on 14 December 2017, by consensus` or a UN
    meeting line (`73rd plenary meeting 14 December 2017`, or without its date) -> plenary,
    adopted, adoption."""
    if not _MAYBE_ADOPTION.match(line):
        return {}  # every paragraph but these lines is spared the patterns
    text = " ".join(line.split())
    m = _ADOPTION_LINE.fullmatch(text) or _MEETING_LINE.fullmatch(text)
    if not m:
        return {}
    out: dict[str, Any] = {}
    if m.group("plenary"):
        out["plenary"] = int(m.group("plenary"))
    if m.group("date"):
        day = ENGLISH.parse_long_date(m.group("date"))
        if day is None:
            return {}
        out["adopted"] = day.isoformat()
    how = m.groupdict().get("how")
    if how:
        out["adoption"] = how
    return out


def normalise_meta(raw: dict[str, Any]) -> dict[str, Any]:
    """Typed metadata from `# key: value` lines; unknown keys are kept as they are.

    The corpus writes the session as one line ('sixteenth session (New York); adopted at
    the 13th plenary meeting, on 14 December 2017, by consensus'); it is taken apart into
    session, venue, plenary, adopted and adoption, and the line kept as `session_note`.
    """
    meta = dict(raw)
    year = meta.get("year")
    if isinstance(year, str):
        m = re.match(r"\s*(\d{4})\b(.*)", year)
        if m:
            meta["year"] = int(m.group(1))
            if m.group(2).strip():
                meta["year_note"] = year
    session = meta.get("session")
    if isinstance(session, str):
        if session.strip().isdecimal():
            meta["session"] = int(session)
        else:
            _parse_session_line(session, meta)
    for key in ("plenary",):
        if isinstance(meta.get(key), str) and meta[key].isdecimal():
            meta[key] = int(meta[key])
    return meta


def _parse_session_line(line: str, meta: dict[str, Any]) -> None:
    m = re.match(r"\s*([a-z-]+) session(?: \(([^)]+)\))?", line)
    number = ENGLISH.parse_ordinal_word(m.group(1)) if m else None
    if m is None or number is None:
        return
    meta["session_note"] = line
    meta["session"] = number
    if m.group(2):
        meta.setdefault("venue", m.group(2))
    plenary = re.search(r"(\d+)(?:st|nd|rd|th) plenary meeting", line)
    if plenary:
        meta.setdefault("plenary", int(plenary.group(1)))
    when = re.search(r"\bon (\d{1,2} [A-Z][a-z]+ \d{4})", line)
    day = ENGLISH.parse_long_date(when.group(1)) if when else None
    if day:
        meta.setdefault("adopted", day.isoformat())
    how = re.search(r"\b(by consensus|by a recorded vote|without a vote|by vote)", line)
    if how:
        meta.setdefault("adoption", how.group(1))
