"""What the lines around a resolution's body say about it: the head, the cover, the meeting line.

A resolution is printed with a head (`Resolution ICC-ASP/16/Res.6`, the adoption line, the
symbol, the title), a UN document with a cover block (`Distr.: General`, the date, the session,
`Agenda item 77`, `Resolution adopted by the General Assembly on 14 December 2017`, the Main
Committee line, `72/123. Title`; a draft's `Original:` line and its sponsors, `Italy and
Turkmenistan:* draft resolution`; a Security Council resolution's `Adopted by the Security
Council at its 10046th meeting, on 17 November 2025`), and closing lines at the end (`73rd
plenary meeting` / `14 December 2017`, a Council's `[Adopted by a recorded vote of 27 to 5,
with 15 abstentions ...]`). These are metadata, never paragraphs; every reader hands them to
`head_meta`/`adoption_meta`/`closing_meta`. A page's own numbers (`PAGE_NUMBER`, `JOB_NUMBER`)
are neither: every reader drops them.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from asp_draft.language import ENGLISH
from asp_draft.model import Meta
from asp_draft.symbols import SYMBOL_LINE as SYMBOL_LINE  # named here for the page repairs
from asp_draft.symbols import session_of
from asp_draft.text.words import squeeze

_DATE = r"\d{1,2} [A-Z][a-z]+ \d{4}"
_ADOPTION_LINE = re.compile(
    r"Adopted(?: at the (?P<plenary>\d+)(?:st|nd|rd|th) plenary meeting,?)?"
    rf" on (?P<date>{_DATE}),? ?(?P<how>by [a-z ]+|without a vote)?\.?")
# A council's adoption line, printed under its title: `Adopted by the Security Council at its
# 10046th meeting, on 17 November 2025`.
_COUNCIL_LINE = (
    r"Adopted by the (?P<body>[A-Z][A-Za-z ]+?) at its (?P<meeting>\d+)(?:st|nd|rd|th)"
    rf" meeting,? on (?P<date>{_DATE})\.?")
_MEETING_LINE = re.compile(r"(?P<number>\d+)(?:st|nd|rd|th)(?: \((?:resumed|continued)\))?"
                           r" (?P<plenary>plenary )?meeting,?"
                           rf"(?: (?P<date>{_DATE}))?\.?")
# A Council's note of how it adopted: `[Adopted without a vote.]`, `[Adopted by a recorded
# vote of 27 to 5, with 15 abstentions. The voting was as follows: In favour: ...]`.
_ADOPTED_NOTE = (r"(?s)\[?Adopted (?P<how>without a vote|by consensus|by (?:a )?"
                 r"(?:recorded )?vote)(?P<rest>.*?)\]?")
_VOTE = (r"of (?P<yes>\d+|none) to (?P<no>\d+|none)"
         r"(?:,? (?:and |with )?(?P<abstain>\d+|no|none|one) abstentions?)?")
# A page's own numbers, which every reader drops: a page number (`3`, `- 3 -`, `3/10`, `Page 3
# of 10`) and a UN job number (`17-22015 (E)  181217`, with its barcode digits, or with
# whatever the foot sets after it on the same line: `17-22015 (E) 181217 *1722015* Please
# recycle`).
PAGE_NUMBER = re.compile(r"(?:[-–]\s?)?\d{1,4}(?:\s?[-–])?|\d{1,4}\s?/\s?\d{1,4}"
                         r"|Page\s\d+(?:\sof\s\d+)?|\d{1,4}\sof\s\d{1,4}")
JOB_NUMBER = re.compile(r"(?:\d{1,4}/\d{1,4}\s+)?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\d{6})?"
                        r"(?:\s+\d{1,4}/\d{1,4})?(?:\s+\*\d+\*)?|\*\d{5,}\*"
                        r"|\d{2}-\d{5}(?:\s?\([A-Z]\))?\s.*")
_MAYBE_ADOPTION = re.compile(r"\s*(?:\[?Adopted|\d+(?:st|nd|rd|th)\s)")  # how they open
# The head's and the cover block's own lines, as patterns that `re` compiles (and keeps) the
# first time a text has a head: most texts handed to a diff have none.
_RESOLUTION_LINE = r"Resolution ([A-Z][A-Za-z]*(?:[-/.][A-Za-z0-9.]+)+)"
_COUNCIL_NUMBER = r"Resolution (?P<number>\d{1,5} \(\d{4}\))"
_ADOPTED_BY = (r"(?:Resolution|Decision) adopted by the (?P<body>[A-Z][A-Za-z ]+?)"
               rf"(?: on(?: (?P<date>{_DATE}))?)?")
_COMMITTEE = r"\[(?P<line>(?:on the report of|without reference to) [^\]]+)\]"
_MAIN_COMMITTEE = (r"(?:(?:First|Second|Third|Fourth|Fifth|Sixth) Committee"
                   r"|Special Political and Decolonization Committee(?: \(Fourth Committee\))?)")
_DISTRIBUTION = rf"Distr\.?:? ?(?P<value>[A-Z][a-z]+)(?: (?P<date>{_DATE}))?"
_ORIGINAL = r"Original: ?(?P<value>[A-Z][a-z]+(?:/[A-Z][a-z]+)*)"
_AGENDA = r"(?:Provisional a|A)genda items? (?P<value>[\d ,()a-z]+(?: and \d+[()a-z]*)?)\*?"
# `Eightieth session`; a special or emergency special session, and the Economic and Social
# Council's `2024 session`, are numbered apart from the regular ones: read, but not a number
_SESSION = (r"(?P<word>[A-Z][a-z]+(?:-[a-z]+)?) (?P<special>(?:emergency )?special )?session"
            r"|\d{4} session")
_SESSION_DATES = r"\d{1,2}(?: [A-Z][a-z]+)?(?: \d{4})?\s?[–-]\s?\d{1,2} [A-Z][a-z]+ \d{4}"
_NUMBER = r"(?:(?:ES|S)-\d{1,2}|\d{1,4})/\d{1,4}"  # 72/123, 2024/5, a special session's ES-11/1
_NUMBERED_TITLE = rf"(?P<number>{_NUMBER})\. (?P<title>\S.*)"
_DRAFT_NUMBER = r"\d{1,3}/(?:\.\.\.|…) ?(?P<title>\S.*)"  # a Council draft's `58/... Title`
_BARE_NUMBER = rf"(?P<number>{_NUMBER})\."  # `78/317.` with its title on the next line
# What a draft says it is, after its sponsors: `Italy and Turkmenistan:* draft resolution`,
# `...: revised draft resolution`, `Brazil:* amendment to draft resolution A/80/L.22`, or the
# label alone, `Draft resolution submitted by the President of the General Assembly`.
_LABEL = (
    r"(?:(?P<who>\S.*?)[\s*\u2217]*:[\s*\u2217,]*)?"
    r"(?P<label>(?:[Rr]evised )?[Dd]raft (?:resolution|decision)|[Aa]mendments? to"
    r" (?:the )?(?:revised )?draft (?:resolution|decision) (?P<amends>[A-Z][\w./()-]+))"
    r"[*\u2217]*(?: submitted by (?P<by>.+))?")
_ISSUER = frozenset({"United Nations", "General Assembly", "Security Council",
                     "Economic and Social Council", "International Criminal Court",
                     "Assembly of States Parties", "Human Rights Council"})
# Names of States (and a group) that hold an `and` of their own, so that `Antigua and Barbuda
# and Chile` parts in the right place: a sponsor list's last `and` is not always its own.
_NAMES_WITH_AND = ("Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis",
                   "Saint Vincent and the Grenadines", "Sao Tome and Principe",
                   "Trinidad and Tobago", "United Kingdom of Great Britain and Northern Ireland",
                   "Group of 77 and China", "Turks and Caicos Islands")
_NAME_TAIL = r"(?:,|\band|\bof|\bthe|\bde|\bdu|\(\w[^)]*)$"  # a list line runs on

Notify = Callable[[str], None]


def _quiet(_: str) -> None:
    """Say nothing."""


def head_meta(groups: list[list[str]], notify: Notify = _quiet) -> dict[str, Any]:
    """Metadata from the lines before the chapeau: head, cover block, symbol, title, sponsors.

    `groups` are the lines of each block; lines of one group that are no known kind are one
    text (a title broken over two lines), and the last such text is the title (or the text
    after a number printed alone, `78/317.`).
    """
    meta: dict[str, Any] = {}
    rest: list[str] = []
    titled = False  # a number printed alone: the text after it is the title

    def flush(pending: list[str]) -> None:
        nonlocal titled
        if pending:
            rest.append(" ".join(pending))
            if titled:
                meta["title"], titled = rest[-1], False

    for group in _regroup(_join_sponsors(
            [(at, line) for at, lines in enumerate(groups) for line in _logical(lines)])):
        pending: list[str] = []
        numbered = False  # the last line was `72/123. Title`: a broken title goes on
        for line in group:
            # an issuer's name is a head line only on its own, not inside a broken title
            if not numbered and _head_line(line, meta, notify) and not (
                    pending and line in _ISSUER):
                numbered = bool(re.fullmatch(_NUMBERED_TITLE, line))
                titled = titled or bool(re.fullmatch(_BARE_NUMBER, line))
                flush(pending)
                pending = []
            elif numbered and not (SYMBOL_LINE.fullmatch(line) or adoption_meta(line)):
                meta["title"] = f"{Meta.of(meta).title} {line}"
            else:
                numbered = False
                pending.append(line)
        flush(pending)
    if rest:
        meta.setdefault("title", rest[-1])
    for key, value in _implied(Meta.of(meta)).items():
        meta.setdefault(key, value)
    return meta


def _implied(found: Meta) -> dict[str, Any]:
    """What a head implies without a line of its own: a Council resolution's title (`Resolution
    2797 (2025)`), its symbol's session, the year of its adoption (or of a draft's date)."""
    out: dict[str, Any] = {}
    if found.number and " (" in found.number:
        out["title"] = f"Resolution {found.number}"
    session = session_of(found.symbol or "")
    if session is not None:
        out["session"] = session
    day = found.adopted or found.date  # ISO: the head's lines give no other form
    if day:
        out["year"] = int(day[:4])
    return out


def cover_lines(group: list[str]) -> list[str]:
    """A block's lines as the cover's logical lines: two set side by side on one printed line
    (`General Assembly Distr.: Limited`) apart, one wrapped over several lines (a bracketed
    committee line, `Resolution adopted by ...` / `on 7 December 2023`, a sponsor list) whole."""
    return [line for _, line in _join_sponsors([(0, line) for line in _logical(group)])]


def _logical(group: list[str]) -> list[str]:
    """A block's lines with side-by-side lines apart and wrapped ones joined (sponsors aside)."""
    lines: list[str] = []
    for raw in group:
        line = squeeze(raw)
        cut = re.search(r"\S (?=Distr\b)", line)
        if cut:
            lines += [line[:cut.start() + 1], line[cut.end():]]
        elif line:
            lines.append(line)
    out: list[str] = []
    for line in lines:
        if out and _runs_on(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _regroup(lines: list[tuple[int, str]]) -> list[list[str]]:
    """(group, line) pairs back into groups of lines, in order."""
    out: list[list[str]] = []
    last = None
    for at, line in lines:
        if at != last or not out:
            out.append([])
            last = at
        out[-1].append(line)
    return out


def _runs_on(before: str, line: str) -> bool:
    """Whether a cover line goes on in the next one."""
    if before.startswith("[") and "]" not in before:
        return True
    if re.match(r"(?:Revised d|D)raft (?:resolution|decision) submitted by ", before) and (
            line[:1].islower() or line[:1] == "(" or re.search(_NAME_TAIL, before)):
        return True  # `... by the Vice-Chair of the Committee, Ms. X` / `(Chile), on the ...`
    if re.fullmatch(rf"(?:on )?{_DATE}", line) and re.fullmatch(_ADOPTED_BY, before):
        return line.startswith("on ") or before.endswith(" on")
    return bool(re.match(r"Adopted by the .* meeting,? ?(?:on)?$", before)) and bool(
        re.fullmatch(rf"(?:on )?{_DATE}\.?", line))


def _join_sponsors(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A sponsor list wrapped over several lines (a copy may even part it into two blocks),
    up to its label, as one line; the label may stand on a line of its own under the colon.
    Lines are (block, line) pairs; the joined line is in the label's block."""
    for at, (group, line) in enumerate(lines):
        label = re.fullmatch(_LABEL, line)
        if label is None:
            continue
        start = at
        if label.group("who") is None:
            if not (at and re.search(r"\S[\s*\u2217]*:[\s*\u2217,]*$", lines[at - 1][1])):
                continue
            start = at - 1
        while start > 0 and not head_kind(lines[start - 1][1]) and _in_list(
                lines[start - 1][1], lines[start][1]):
            start -= 1
        if start < at:
            joined = " ".join(text for _, text in lines[start:at + 1])
            return [*lines[:start], (group, joined), *lines[at + 1:]]
    return lines


def _in_list(line: str, after: str) -> bool:
    """Whether a line is part of the sponsor list whose next line is `after`: it runs on
    (a comma, `and`, `of the`, an open bracket at its end; `after` in lower case), or it is
    names and commas alone (`Cabo Verde, Chile, United Kingdom of Great`)."""
    if re.search(_NAME_TAIL, line) or after[:1].islower():
        return True
    chunks = line.split(", ")
    return len(chunks) > 1 and ":" not in line and all(c[:1].isupper() for c in chunks)


def head_kind(line: str) -> bool:
    """Whether a line is a known kind of head line (what it says left aside)."""
    return _head_line(line, {}, _quiet)


def _head_line(line: str, meta: dict[str, Any], notify: Notify) -> bool:
    """Take what one head line says into `meta`; False when it is not a known kind."""
    m = re.fullmatch(_RESOLUTION_LINE, line)
    if m:
        meta.setdefault("symbol", m.group(1))
        return True
    m = re.fullmatch(_COUNCIL_NUMBER, line)
    if m:
        meta.setdefault("number", m.group("number"))
        return True
    adoption = adoption_meta(line)
    if adoption:
        for key, value in adoption.items():
            meta.setdefault(key, value)
        return True
    if cover_line(line, meta) or _label_line(line, meta, notify):
        return True
    if line.startswith("United Nations ") and SYMBOL_LINE.fullmatch(line[15:].rstrip("*")):
        meta.setdefault("symbol", line[15:].rstrip("*"))
        return True
    if SYMBOL_LINE.fullmatch(line.rstrip("*\u2217")):
        meta.setdefault("symbol", line.rstrip("*\u2217"))
        return True
    return line in _ISSUER


def cover_line(line: str, meta: dict[str, Any]) -> bool:
    """A line of a UN cover block (distribution, date, session, agenda item, adopted-by line,
    Main Committee line, `72/123. Title`) into `meta`; False when it is none of them."""
    for pattern, key, dated in ((_ADOPTED_BY, "body", "adopted"),
                                (_DISTRIBUTION, "distribution", "date")):
        m = re.fullmatch(pattern, line)
        if m:  # a value (its first group), and maybe the day it was given
            meta.setdefault(key, m.group(1))
            day = ENGLISH.parse_long_date(m.group("date")) if m.group("date") else None
            if day:
                meta.setdefault(dated, day.isoformat())
            return True
    for pattern, key in ((_COMMITTEE, "committee"), (_AGENDA, "agenda_item"),
                         (_ORIGINAL, "original"), (f"({_MAIN_COMMITTEE})", "committee")):
        m = re.fullmatch(pattern, line)
        if m:
            meta.setdefault(key, m.group(1).strip())
            return True
    m = re.fullmatch(_SESSION, line)
    if m and not m.group("word"):
        return True
    if m and ENGLISH.parse_ordinal_word(m.group("word")) is not None:
        if not m.group("special"):
            meta.setdefault("session", ENGLISH.parse_ordinal_word(m.group("word")))
        return True
    day = ENGLISH.parse_long_date(line)
    if day:
        meta.setdefault("date", day.isoformat())
        return True
    if re.fullmatch(_SESSION_DATES, line):
        return True  # a Council session's dates, under its number: the session says enough
    m = re.fullmatch(_NUMBERED_TITLE, line)
    if m:
        meta.setdefault("number", m.group("number"))
        meta.setdefault("title", m.group("title"))
        return True
    m = re.fullmatch(_DRAFT_NUMBER, line)
    if m:
        meta.setdefault("title", m.group("title"))
        return True
    m = re.fullmatch(_BARE_NUMBER, line)
    if m:
        meta.setdefault("number", m.group("number"))
        return True
    return False


def _label_line(line: str, meta: dict[str, Any], notify: Notify) -> bool:
    """A draft's label, with its sponsors before it (`Italy and Turkmenistan:* draft
    resolution`) or who submitted it after it, into `meta`; False when the line is none."""
    m = re.fullmatch(_LABEL, line)
    if not m:
        return False
    if m.group("amends"):
        meta.setdefault("status", "amendment")
        meta.setdefault("amends", m.group("amends").rstrip(".,"))
    else:
        meta.setdefault("status", "draft")
    if m.group("who"):
        meta.setdefault("sponsors", sponsor_names(m.group("who"), notify))
    if m.group("by"):
        meta.setdefault("submitted_by", m.group("by"))
    return True


def sponsor_names(text: str, notify: Notify = _quiet) -> list[str]:
    """`Andorra, Antigua and Barbuda and State of Palestine` -> the names as printed.

    Names part at commas and at the list's last `and`; a name that holds an `and` of its own
    (`Trinidad and Tobago`) stays whole. When the last two names could part at more than one
    `and`, the last one is taken and that guess is said.
    """
    names = [n.strip(" *\u2217") for n in re.split(r",\s*(?:and\s+)?", text.strip(" :*\u2217"))]
    last = names.pop() if names else ""
    masked = last
    for name in _NAMES_WITH_AND:
        masked = masked.replace(name, name.replace(" and ", " \x00\x00\x00 "))  # same length
    cuts = [m.start() for m in re.finditer(" and ", masked)]
    if len(cuts) > 1:
        notify(f"sponsors: '{last}' could part at more than one 'and'; read as "
               f"'{last[:cuts[-1]]}' and '{last[cuts[-1] + 5:]}'")
    if cuts:
        names += [last[:cuts[-1]], last[cuts[-1] + 5:]]
    else:
        names.append(last)
    return [n for n in names if n]


def adoption_meta(line: str) -> dict[str, Any]:
    """`Adopted at the 13th plenary meeting, on 14 December 2017, by consensus`, a Council's
    `Adopted by the Security Council at its 10046th meeting, on 17 November 2025`, a UN meeting
    line (`73rd plenary meeting 14 December 2017`, or without its date; a Council's `50th
    meeting`) or a Council's `[Adopted without a vote.]` -> plenary or meeting, adopted,
    adoption, vote."""
    if not _MAYBE_ADOPTION.match(line):
        return {}  # every paragraph but these lines is spared the patterns
    text = " ".join(line.split())
    m = _ADOPTION_LINE.fullmatch(text) or re.fullmatch(_COUNCIL_LINE, text) or \
        _MEETING_LINE.fullmatch(text)
    if not m:
        return _adopted_note(text)
    out: dict[str, Any] = {}
    groups = m.groupdict()
    if groups.get("number"):
        out["plenary" if groups.get("plenary") else "meeting"] = int(groups["number"])
    elif groups.get("plenary"):
        out["plenary"] = int(groups["plenary"])
    if groups.get("meeting"):
        out["meeting"] = int(groups["meeting"])
    if groups.get("body"):
        out["body"] = groups["body"]
    if m.group("date"):
        day = ENGLISH.parse_long_date(m.group("date"))
        if day is None:
            return {}
        out["adopted"] = day.isoformat()
    if groups.get("how"):
        out["adoption"] = groups["how"]
    return out


def _adopted_note(text: str) -> dict[str, Any]:
    """A Council's bracketed note of how it adopted the text, with its recorded vote."""
    m = re.fullmatch(_ADOPTED_NOTE, text)
    if not m or not (text.startswith("[") or text.endswith("]")):
        return {}
    how = m.group("how")
    out: dict[str, Any] = {"adoption": "by a recorded vote" if "recorded" in how else how}
    vote = re.match(_VOTE, m.group("rest").strip(" ,"))
    if vote:
        out["vote"] = {key: _count(vote.group(key)) for key in ("yes", "no", "abstain")}
    elif how != "without a vote" and "In favour:" in text:
        out["vote"] = _listed_vote(text)  # no figures printed: count the names listed
    return out


def _listed_vote(text: str) -> dict[str, int]:
    """The counts of a vote printed as lists of names (`In favour: A, B ... Against: ...`)."""
    out = {}
    for key, heading in (("yes", "In favour"), ("no", "Against"), ("abstain", "Abstaining")):
        m = re.search(rf"{heading}:\s*(.*?)\s*(?:In favour:|Against:|Abstaining:|\]|$)", text,
                      re.S)
        names = m.group(1).strip(" .]") if m else ""
        out[key] = 0 if names.lower() in ("", "none") else len(re.split(r",\s*", names))
    return out


def _count(word: str | None) -> int:
    """A vote's figure as printed: `27`, `none`, `no` (abstentions), `one`."""
    if word is None or word in ("none", "no"):
        return 0
    return 1 if word == "one" else int(word)


def closing_meta(text: str, open_note: bool = False,
                 after_meeting: bool = False) -> tuple[dict[str, Any], bool] | None:
    """A closing line: the meeting line (or any adoption line), the adoption date alone under
    the meeting line, a Council's bracketed adoption note with its lists of votes (or a piece
    of it, while `open_note`). (what it says, whether a bracketed note is still open), or None
    when the text is none of them."""
    if not (open_note or after_meeting or _MAYBE_ADOPTION.match(text)):
        return None  # most blocks: a paragraph, spared the squeezing
    line = squeeze(text)
    if open_note:
        return {}, not line.endswith("]")
    found = adoption_meta(line)
    if found:
        return found, line.startswith("[") and not line.endswith("]")
    day = ENGLISH.parse_long_date(line.rstrip(".")) if after_meeting else None
    if day:
        return {"adopted": day.isoformat()}, False
    return None


def meta_text(value: Any) -> str:
    """A list or mapping metadata value as a `# key: value` line writes it, which
    `normalise_meta` reads back: names joined by `; `, a vote as `yes 27, no 5, abstain 15`."""
    if isinstance(value, dict):
        return ", ".join(f"{key} {count}" for key, count in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return squeeze(str(value))


def normalise_meta(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Typed metadata from `# key: value` lines; unknown keys are kept as they are.

    The corpus writes the session as one line ('sixteenth session (New York); adopted at
    the 13th plenary meeting, on 14 December 2017, by consensus'); it is taken apart into
    session, venue, plenary, adopted and adoption, and the line kept as `session_note`.
    Sponsors (`A; B; C`, or as a cover prints them) become a list, a vote a mapping.
    """
    given = Meta.of(raw)  # a line that holds a whole number only is one already
    meta = dict(given)
    year = given.value("year")
    if isinstance(year, str):
        m = re.match(r"\s*(\d{4})\b(.*)", year)
        if m:
            meta["year"] = int(m.group(1))
            if m.group(2).strip():
                meta["year_note"] = year
    session = given.value("session")
    if isinstance(session, str):
        _parse_session_line(session, meta)
    sponsors, vote = given.value("sponsors"), given.value("vote")
    if isinstance(sponsors, str):
        meta["sponsors"] = _listed(sponsors)
    if isinstance(vote, str):
        meta["vote"] = _vote_value(vote)
    return meta


def _literal(text: str) -> Any:
    """A list or mapping written as JSON or as Python prints it (a reader that turned a YAML
    list into text), or None; `literal_eval` evaluates literals only, never code."""
    if not text.startswith(("[", "{")) or len(text) > 20_000:
        return None
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None


def _listed(value: str) -> list[str]:
    """`A; B; C`, a JSON list, or a list as a cover prints it (`A, B and C`) -> the names."""
    text = value.strip()
    found = _literal(text)
    if isinstance(found, list):
        return [str(item) for item in found]
    if ";" in text:
        return [name.strip() for name in text.split(";") if name.strip()]
    return sponsor_names(text)


def _vote_value(value: str) -> dict[str, int] | str:
    """`yes 27, no 5, abstain 15` (or the same as JSON) -> the vote; kept as text otherwise."""
    found = dict(re.findall(r"[\"']?(yes|no|abstain)[\"']?\s*:?\s*(\d+)", value))
    if not found:
        return value
    return {key: int(found.get(key, 0)) for key in ("yes", "no", "abstain")}


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
