"""Drafting-convention rules for a resolution: each with a stable id, an explanation and a check.

Every rule acts on the Document model, so a year, a draft spec, a .txt, .md or .docx file are
linted alike. A check yields (paragraph index, message) pairs; `lint` turns them into findings
with the paragraph's label, in reading order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from asp_draft.errors import RequestError
from asp_draft.language import ENGLISH, LANGUAGES, document_language
from asp_draft.library.bodies import Body, Table, body_session, document_body
from asp_draft.library.facts import FACTS_BODY
from asp_draft.model import Document, Paragraph, labels

Problem = tuple[int, str]  # (paragraph index, message)
Check = Callable[[Document, Body], Iterable[Problem]]  # a text, and the body whose it is


@dataclass(frozen=True)
class Rule:
    """One drafting convention: a stable id, a one-line explanation, its check, and the
    languages (ISO 639-3) whose texts it is written for (none: every language)."""

    id: str
    explanation: str
    check: Check
    languages: frozenset[str] = frozenset()

    def applies_to(self, language: str) -> bool:
        """Whether the rule checks a text in `language` (an ISO 639-3 code)."""
        return not self.languages or language in self.languages


# Rules that read English words or English typography (French sets a space before ';').
_IN_ENGLISH = frozenset({ENGLISH.code})


@dataclass(frozen=True)
class Finding:
    """One place where a rule is broken: the rule, the paragraph (index and label), why."""

    rule: str
    index: int
    label: str
    message: str


# --- endings: what each paragraph's last character should be -----------------------------

@dataclass(frozen=True)
class _Ending:
    """The ending a paragraph owes, and the rule that is broken when it is missing."""

    rule: str
    allowed: tuple[str, ...]
    says: str


_COMMA = _Ending("preamble-comma", (",",), "a preambular paragraph ends in a comma")
_SEMICOLON = _Ending("operative-semicolon", (";",), "an operative paragraph ends in a semicolon")
_FULL_STOP = _Ending("operative-last-full-stop", (".",),
                     "the last operative paragraph ends in a full stop")
# A partial record stops somewhere in the middle: its last paragraph held may or may not be
# the resolution's last, so either ending is right.
_SEMICOLON_OR_STOP = _Ending("operative-semicolon", (";", "."),
                             "an operative paragraph ends in a semicolon")
_ITEM = _Ending("subparagraph-semicolon", (";", "; and", "; or"),
                "a sub-paragraph ends in a semicolon (or '; and', '; or')")
_LEAD_IN = _Ending("subparagraph-colon", (":",),
                   "a paragraph with sub-paragraphs introduces them with a colon")
_LIST_LINKS = ("; and", "; or")


def _ends_with(text: str, ending: str) -> bool:
    return re.sub(r"\s+", " ", text.rstrip()).endswith(ending)


def _shown_end(text: str) -> str:
    stripped = text.rstrip()
    if not stripped:
        return "is empty"
    for link in _LIST_LINKS:
        if _ends_with(stripped, link):
            return f"ends in '{link}'"
    return f"ends in '{stripped[-1]}'"


def _last_operative(paragraphs: tuple[Paragraph, ...]) -> int | None:
    top = [i for i, p in enumerate(paragraphs)
           if p.part == "operative" and p.level == 0 and not p.heading]
    return top[-1] if top else None


def _has_children(paragraphs: tuple[Paragraph, ...], i: int) -> bool:
    nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
    return (nxt is not None and not nxt.heading and nxt.part == paragraphs[i].part
            and nxt.level > paragraphs[i].level)


def _parent(paragraphs: tuple[Paragraph, ...], i: int) -> int | None:
    level = paragraphs[i].level
    for j in range(i - 1, -1, -1):
        p = paragraphs[j]
        if p.heading or p.part != paragraphs[i].part:
            return None
        if p.level < level:
            return j
    return None


def _last_in_list(paragraphs: tuple[Paragraph, ...], i: int) -> bool:
    level = paragraphs[i].level
    for p in paragraphs[i + 1:]:
        if p.heading or p.part != paragraphs[i].part or p.level < level:
            return True
        if p.level == level:
            return False
    return True


def _leaf_ending(document: Document, i: int, last_op: int | None) -> _Ending:
    """The ending paragraph `i` owes as if it had no sub-paragraphs."""
    paragraphs = document.paragraphs
    p = paragraphs[i]
    if p.level > 0:
        parent = _parent(paragraphs, i)
        if _last_in_list(paragraphs, i) and parent is not None:
            # the last item closes its parent, so it ends as the parent would
            return _leaf_ending(document, parent, last_op)
        return _ITEM
    if p.part == "preamble":
        return _COMMA
    if i == last_op:
        return _SEMICOLON_OR_STOP if document.meta.partial else _FULL_STOP
    return _SEMICOLON


def _ending_problems(document: Document, rule: str) -> Iterator[Problem]:
    paragraphs = document.paragraphs
    last_op = _last_operative(paragraphs)
    for i, p in enumerate(paragraphs):
        if p.heading or p.part == "annex":
            continue  # an annex is a text of its own kind (a declaration, rules): no ending owed
        owed = _LEAD_IN if _has_children(paragraphs, i) else _leaf_ending(document, i, last_op)
        if owed.rule != rule:
            continue
        allowed = owed.allowed
        if p.level > 0 and owed in (_SEMICOLON, _SEMICOLON_OR_STOP):
            allowed = (*allowed, *_LIST_LINKS)
        if not any(_ends_with(p.text, end) for end in allowed):
            yield i, f"{_shown_end(p.text)}; {owed.says}"


def _ending_check(rule: str) -> Check:
    def check(document: Document, body: Body) -> Iterator[Problem]:
        return _ending_problems(document, rule)

    return check


def check_preamble_lead(document: Document, body: Body) -> Iterator[Problem]:
    """Preambular paragraphs without their italic opening words."""
    if not any(p.lead for p in document.paragraphs) and \
            document_language(document.meta) not in LANGUAGES:
        return  # no lead words known for the language and no italics: nothing to go by
    for i, p in enumerate(document.paragraphs):
        if p.part == "preamble" and p.level == 0 and not p.heading and not p.lead:
            yield i, ("has no lead (the opening words in italics, such as 'Recalling' or "
                      "'Convinced also')")


# --- operative numbering ------------------------------------------------------------------

_SUFFIXES = ("", "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies",
             "decies")
_NUMBER = re.compile(r"(\d+)(?:\s+([a-z]+))?")


def _parse_number(number: str) -> tuple[int, int] | None:
    m = _NUMBER.fullmatch(number.strip())
    if m is None or (m.group(2) or "") not in _SUFFIXES:
        return None
    return int(m.group(1)), _SUFFIXES.index(m.group(2) or "")


def _number_name(base: int, suffix: int) -> str:
    return f"{base} {_SUFFIXES[suffix]}" if suffix else str(base)


def _numbering_problems(document: Document) -> Iterator[tuple[str, int, str]]:
    """(rule, index, message) for every operative number out of sequence."""
    seen: dict[tuple[int, int], int] = {}
    prev: tuple[int, int] | None = None
    for i, p in enumerate(document.paragraphs):
        if p.part != "operative" or p.level or p.heading or not p.number:
            continue
        parsed = _parse_number(p.number)
        if parsed is None:
            continue
        base, suffix = parsed
        name = _number_name(base, suffix)
        if parsed in seen:
            yield ("numbering-duplicate", i,
                   f"number {name} is used twice (first at paragraph index {seen[parsed]})")
        elif suffix:
            if prev != (base, suffix - 1):
                after = f"OP{_number_name(*prev)}" if prev else "the start of the operative part"
                yield ("numbering-bis-order", i,
                       f"OP{name} follows {after}; it belongs right after "
                       f"OP{_number_name(base, suffix - 1)}")
        else:
            expected = prev[0] + 1 if prev else 1
            if base != expected:
                yield "numbering-gap", i, _gap_message(prev, base, expected)
        seen.setdefault(parsed, i)
        prev = parsed


def _gap_message(prev: tuple[int, int] | None, base: int, expected: int) -> str:
    if prev is None:
        return f"operative numbering starts at {base}, not 1"
    after = f"OP{base} follows OP{_number_name(*prev)}"
    if base < expected:
        return f"{after}: out of order"
    missing = str(expected) if base == expected + 1 else f"{expected}-{base - 1}"
    return f"{after}: {missing} {'is' if base == expected + 1 else 'are'} missing"


def _numbering_check(rule: str) -> Check:
    def check(document: Document, body: Body) -> Iterator[Problem]:
        return ((i, m) for r, i, m in _numbering_problems(document) if r == rule)

    return check


# --- text of each paragraph ---------------------------------------------------------------

def _snippet(text: str, start: int, end: int, pad: int = 15) -> str:
    """The match with a little context, on one line, for a message."""
    left = max(0, start - pad)
    right = min(len(text), end + pad)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def _pattern_check(pattern: str, what: str) -> Check:
    """A check that reports, once per paragraph, the first match of `pattern` in the text."""
    compiled = re.compile(pattern)

    def check(document: Document, body: Body) -> Iterator[Problem]:
        for i, p in enumerate(document.paragraphs):
            matches = list(compiled.finditer(p.text))
            if matches:
                first = matches[0]
                more = f" ({len(matches)} in all)" if len(matches) > 1 else ""
                yield i, f"{what}: '{_snippet(p.text, first.start(), first.end())}'{more}"

    return check


_STRAIGHT, _CURLY = '"', "“”"


def check_mixed_quotes(document: Document, body: Body) -> Iterator[Problem]:
    """Paragraphs whose double quotation marks differ from the first ones in the document."""
    first: str | None = None
    for p in document.paragraphs:
        m = re.search(r'["“”]', p.text)
        if m:
            first = "straight" if m.group() == _STRAIGHT else "curly"
            break
    if first is None:
        return
    other, marks = ("curly", _CURLY) if first == "straight" else ("straight", _STRAIGHT)
    for i, p in enumerate(document.paragraphs):
        if any(c in p.text for c in marks):
            yield i, (f"{other} quotation marks in a document that opens with {first} ones; "
                      "use one style throughout")


_STATES_PARTIES = re.compile(r"\b([Ss]tates?)\s+([Pp]art(?:y|ies))\b")
_RIGHT_CASE = {"states parties": "States Parties", "state party": "State Party",
               "states party": "States Parties", "state parties": "States Parties"}


def check_states_parties_case(document: Document, body: Body) -> Iterator[Problem]:
    """'States Parties' and 'State Party' are written with capitals in ASP texts."""
    for i, p in enumerate(document.paragraphs):
        wrong = []
        for m in _STATES_PARTIES.finditer(p.text):
            found = f"{m.group(1)} {m.group(2)}"
            right = _RIGHT_CASE[found.lower()]
            if found != right and found not in wrong:
                wrong.append(found)
        if wrong:
            yield i, "; ".join(f"'{w}' should be '{_RIGHT_CASE[w.lower()]}'" for w in wrong)


# 'one hundred and first session' is not the first: the words of a session past the
# ninety-ninth are left unread
_SESSION = re.compile(r"\b(?<!hundred and )(\d{1,3}(?:st|nd|rd|th)|[A-Za-z]+(?:-[A-Za-z]+)?)"
                      r"\s+session\b")


def _session_number(word: str) -> int | None:
    if word[0].isdigit():
        return int(word[:-2])
    return ENGLISH.parse_ordinal_word(word)


# Where a session is one still to come: the text asks for something at it, puts an item on its
# agenda, or holds a meeting during it ('to report to it at its eighty-first session',
# 'the provisional agenda of its eighty-first session', 'to convene during its ...').
_AHEAD = re.compile(
    r"\b(?:provisional agenda of|(?:report|submit|present|consider|consideration|include|"
    r"hold|convene|review|continue|decides?|requests?|invites?)\b[^;:.]*?\b"
    r"(?:at|to|during|until|by|from|starting (?:at|with|from)))"
    r"(?: the end of)? (?:its|the)\s*$", re.I)
# What happened already: a session recalled, or one at which something was done.
_HISTORY = re.compile(r"\b(?:[Rr]ecall\w*|[Rr]eaffirm\w*|adopted|held|took place|was|were|"
                      r"submitted|convened|initiated|presented|considered|launched|"
                      r"established|endorsed|decided|taken)\b")
# An organ named on the way to the session: its session, not the text's body's, is meant
# ('and to the Human Rights Council at its sixty-first session').
_ORGAN = re.compile(r"\b((?:[A-Z][a-z]+ )*(?:Assembly(?: of States Parties)?|Council|Committee|"
                    r"Commission|Conference|Board|Forum|Meeting of States Parties))\b")


def _own_session(document: Document, body: Body, bodies: Table) -> int | None:
    """The document's session as its body counts them: its own `session` when its body is
    the one named, else from its symbol, adoption date or year."""
    meta = document.meta
    if meta.session is not None:
        return meta.session
    if body.key == FACTS_BODY and meta.year is not None:
        return body.sessions.opening_in(meta.year)
    return body_session(meta, body, bodies)


def _looks_ahead(text: str, start: int, own: set[str]) -> bool:
    """Whether the session named at `start` is one of the body's (named `own`) asked for
    as one still to come."""
    sentence = re.split(r"[;:]|\.\s", text[:start])[-1]
    ahead = _AHEAD.search(sentence)
    if ahead is None or _HISTORY.search(sentence):
        return False
    organs = _ORGAN.findall(sentence[ahead.start():])
    return not organs or organs[-1] in own


def check_session_ordinal(document: Document, body: Body) -> Iterator[Problem]:
    """A session earlier than the document's own named where it cannot be.

    Counted as the document's body counts its sessions (the Assembly of States Parties'
    twenty-fourth is 2025, the General Assembly's eightieth opened in September 2025); a body
    without sessions has nothing to compare. An omnibus names its own past sessions only in
    what it forgot to roll forward, so any earlier one is flagged in an ASP text; another
    body's text recalls its history and other organs' sessions (the Executive Committee's
    seventy-fifth) as a matter of course, so there only an earlier session asked for as one
    still to come is (a report 'at its seventy-ninth session' in an eightieth-session text).
    Later sessions are left alone.
    """
    if not body.sessions.held:
        return
    from asp_draft.library.bodies import table

    bodies = table()
    current = _own_session(document, body, bodies)
    if current is None:
        return
    strict = body.key == FACTS_BODY
    own = {body.name, bodies.adopting(body).name}
    name = f"a {document.meta.year} text" if strict and document.meta.year else \
        f"a text of the {body.sessions.name(current)}"
    for i, p in enumerate(document.paragraphs):
        for m in _SESSION.finditer(p.text):
            number = _session_number(m.group(1))
            if number is None or number >= current:
                continue
            if not strict and (p.part != "operative" or not _looks_ahead(p.text, m.start(), own)):
                continue  # a preamble says what was; an operative paragraph what is to be
            right = ENGLISH.ordinal(current) if m.group(1)[0].isdigit() \
                else ENGLISH.ordinal_word(current)
            yield i, f"'{m.group(0)}' in {name}, which is the {right} session"
            break


# --- "the Court" --------------------------------------------------------------------------

# The 2011 copy lost its quotation marks and reads "( the Court )"; that is a definition too.
_COURT_DEFINED = re.compile(r"\(\s*[\"“”]?\s*the Court\s*[\"“”]?\s*\)")
_COURT_USED = re.compile(r"\b[Tt]he Court\b")


def _court_definitions(document: Document) -> list[tuple[int, int]]:
    return [(i, m.start()) for i, p in enumerate(document.paragraphs)
            for m in _COURT_DEFINED.finditer(p.text)]


def check_court_defined_twice(document: Document, body: Body) -> Iterator[Problem]:
    """Every definition of 'the Court' after the first."""
    definitions = _court_definitions(document)
    labelled = labels(document.paragraphs)
    for i, _ in definitions[1:]:
        yield i, f"'the Court' is defined again (first defined in {labelled[definitions[0][0]]})"


def check_court_before_definition(document: Document, body: Body) -> Iterator[Problem]:
    """'the Court' used before the paragraph (or the place in it) where it is defined."""
    definitions = _court_definitions(document)
    if not definitions:
        return
    at, start = definitions[0]
    label = labels(document.paragraphs)[at]
    for i, p in enumerate(document.paragraphs[: at + 1]):
        text = p.text[:start] if i == at else p.text
        if _COURT_USED.search(text):
            yield i, f"'the Court' is used before it is defined in {label}"


RULES: tuple[Rule, ...] = (
    Rule("preamble-lead", "A preambular paragraph opens with its lead (italic opening words).",
         check_preamble_lead),
    Rule("preamble-comma", "A preambular paragraph ends in a comma.",
         _ending_check("preamble-comma")),
    Rule("operative-semicolon", "An operative paragraph ends in a semicolon.",
         _ending_check("operative-semicolon")),
    Rule("operative-last-full-stop",
         "The last operative paragraph ends in a full stop (not checked on partial records).",
         _ending_check("operative-last-full-stop")),
    Rule("subparagraph-colon", "A paragraph with sub-paragraphs ends its lead-in with a colon.",
         _ending_check("subparagraph-colon")),
    Rule("subparagraph-semicolon",
         "A sub-paragraph ends in a semicolon ('; and', '; or' too); the last one ends as its "
         "parent would.", _ending_check("subparagraph-semicolon")),
    Rule("numbering-gap", "Operative paragraphs are numbered 1, 2, 3 ... with none skipped or "
         "out of order.", _numbering_check("numbering-gap")),
    Rule("numbering-duplicate", "No operative number is used twice.",
         _numbering_check("numbering-duplicate")),
    Rule("numbering-bis-order", "'12 bis' follows 12 and '12 ter' follows '12 bis'.",
         _numbering_check("numbering-bis-order")),
    Rule("square-brackets", "Square brackets (text still under negotiation) are left in the "
         "text.", _pattern_check(r"\[[^\]]*\]?|\]", "square brackets left in the text")),
    Rule("template-leftover", "Template markup ({{ ... }}, {% ... %}) is left in the text.",
         _pattern_check(r"\{\{|\}\}|\{%|%\}|\{#|#\}", "template markup left in the text")),
    Rule("double-space", "Two or more spaces in a row.",
         _pattern_check(r"[ \u00a0]{2,}", "double space")),
    Rule("space-before-punctuation", "A space before a comma, semicolon, colon, full stop, "
         "question or exclamation mark.",
         _pattern_check(r"(?<=\S)[ \u00a0]+[,;:.!?]", "space before punctuation"),
         _IN_ENGLISH),
    Rule("mixed-quotes", "Straight (\"...\") and curly (“...”) double quotation marks are "
         "mixed in one document.", check_mixed_quotes, _IN_ENGLISH),
    Rule("states-parties-case", "'States Parties' and 'State Party' are written with capitals.",
         check_states_parties_case, _IN_ENGLISH),
    Rule("session-ordinal", "A session earlier than the document's own, counted as its body "
         "counts sessions, is named: anywhere in an ASP text ('sixteenth session' in a 2018 "
         "text), where a session still to come is meant in another body's ('report at its "
         "seventy-ninth session' in an eightieth-session text); not for a body without "
         "sessions.", check_session_ordinal, _IN_ENGLISH),
    Rule("court-defined-twice", "'the Court' is defined (“the Court”) more than once.",
         check_court_defined_twice, _IN_ENGLISH),
    Rule("court-before-definition", "'the Court' is used before the text defines it (only when "
         "it is defined).", check_court_before_definition, _IN_ENGLISH),
)
RULE_IDS: tuple[str, ...] = tuple(rule.id for rule in RULES)


def check_rule_ids(ids: Iterable[str]) -> tuple[str, ...]:
    """The ids as given, or a RequestError naming the first unknown one and the valid ids."""
    ids = tuple(ids)
    for rule_id in ids:
        if rule_id not in RULE_IDS:
            raise RequestError(f"unknown rule {rule_id!r}; the rules are {', '.join(RULE_IDS)}")
    return ids


def lint(document: Document, select: Iterable[str] | None = None,
         ignore: Iterable[str] | None = None, *, body: Body | None = None) -> list[Finding]:
    """The findings of the selected rules (all but the ignored, and all but those the body's
    `lint_skip` leaves out) that apply to the document's language, by paragraph then rule.

    `body` is the document's (its `body`, symbol or chapeau in the bundled table, else the
    Assembly of States Parties' when not given)."""
    if body is None:
        from asp_draft.library.bodies import table

        bodies = table()
        body = document_body(document.meta, bodies) or bodies[FACTS_BODY]
    chosen = set(check_rule_ids(select)) if select is not None else set(RULE_IDS)
    chosen -= set(check_rule_ids(ignore or ()))
    chosen -= body.lint_skip
    language = document_language(document.meta)
    labelled = labels(document.paragraphs)
    found: list[tuple[int, int, Finding]] = []
    for order, rule in enumerate(RULES):
        if rule.id not in chosen or not rule.applies_to(language):
            continue
        for index, message in rule.check(document, body):
            found.append((index, order, Finding(rule.id, index, labelled[index], message)))
    found.sort(key=lambda f: (f[0], f[1]))  # stable: a rule's own findings keep their order
    return [finding for _, _, finding in found]


def findings_data(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Findings as the stable JSON shape: rule, paragraph (label), index, message."""
    return [{"rule": f.rule, "paragraph": f.label, "index": f.index, "message": f.message}
            for f in findings]


def findings_json(findings: Iterable[Finding]) -> str:
    """Findings as pretty JSON, UTF-8 characters as they are."""
    return json.dumps(findings_data(findings), ensure_ascii=False, indent=2) + "\n"


def summary_line(findings: list[Finding], name: str) -> str:
    """'3 problems in ICC-ASP/17/Res.5', or 'no problems in ...'."""
    count = len(findings)
    if not count:
        return f"no problems in {name}"
    return f"{count} problem{'s' if count != 1 else ''} in {name}"
