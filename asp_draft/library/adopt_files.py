"""The files `adopt` writes: clause files being edited (drafts), new clause ids, session files.

A clause that gains a version is rewritten whole from the library's model of it, so a clause
from a lower layer (the bundled library) is copied into the user's folder rather than edited
where it lies.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from asp_draft.errors import LibraryError
from asp_draft.language import ENGLISH, Language
from asp_draft.library.importing import annexes_opened
from asp_draft.library.yamlio import load_yaml_file
from asp_draft.model import ADOPTED, Document, Meta, Paragraph, Part
from asp_draft.model.library import Clause, Version
from asp_draft.text.labels import letters, roman
from asp_draft.text.leads import find_lead
from asp_draft.text.markup import with_marks

# Words that say nothing about a paragraph's subject, left out of a new clause's id.
_STOP = frozenset("""
    a about after against all also among an and any are as at be been before being between
    both but by can continue continues continued could do does each either ensure every for
    from further had has have here his her in including inter alia into is it its itself may
    might more most must no nor not of on once only or other others our own particular
    regard same shall should so such than that the their them there these they this those
    thus to under until upon very was well were what when where whether which while who
    whom whose will with within without work would
""".split())  # noqa: SIM905 - a word list reads best as words
_ID_WORDS = 2  # subject words after the lead: `requests-bureau-non-cooperation`
_ID_MAX = 60


@dataclass
class ClauseDraft:
    """A clause file being written: its keys and versions as YAML data."""

    id: str
    part: Part
    topic: str
    tags: list[str]
    extra: dict[str, Any]  # clause-level keys the model does not carry (note), kept
    versions: list[dict[str, Any]]
    models: list[Version | None] = field(default_factory=list)  # the version each came from
    original: list[dict[str, Any]] | None = None  # None for a new clause
    source: str = ""  # the file of the library's clause it is drafted from ("" for a new one)

    @classmethod
    def new(cls, paragraph: Paragraph, markup: str, symbol: str, *,
            taken: set[str]) -> ClauseDraft:
        """A new clause for a paragraph never adopted before, with a readable unique id."""
        words = " ".join(paragraph.text.split()[:12])
        topic = words + ("…" if len(paragraph.text.split()) > 12 else "")
        return cls(id=new_clause_id(paragraph, taken), part=paragraph.part, topic=topic,
                   tags=[], extra={}, versions=[{"adopted": [symbol], "text": escape(markup)}],
                   models=[None])

    @property
    def changed(self) -> bool:
        """True for a new clause or one whose versions differ from the library's."""
        return self.original is None or self.versions != self.original

    def add_version(self, data: dict[str, Any]) -> None:
        """A new version (its own wording), after the others."""
        self.versions.append(data)
        self.models.append(None)

    def version_for(self, model: Version) -> dict[str, Any]:
        """The version data that the library's `model` version became; a version the clause
        was not drafted with (the library read again under the run) is refused in one line."""
        for data, known in zip(self.versions, self.models, strict=True):
            if known is model:
                return data
        raise LibraryError(f"clause {self.id!r} was drafted without the version from "
                           f"{model.since} that a paragraph matched (the library changed while "
                           "it was adopted); adopt the file again", source=self.source or None)

    def prune(self) -> None:
        """Drop adopted versions no resolution cites any more; print each version's text as
        most of its copies do (the others keep theirs under `printed:`)."""
        kept = [(d, m) for d, m in zip(self.versions, self.models, strict=True)
                if "proposed" in d or d.get("adopted")]
        self.versions = [d for d, _ in kept]
        self.models = [m for _, m in kept]
        for data in self.versions:
            _rebalance(data)


def _rebalance(data: dict[str, Any]) -> None:
    """Make the printing most symbols share the version's text (templates are left alone)."""
    printed: dict[str, str] = data.get("printed") or {}
    if any(re.search(r"\{[{%#]", t) for t in [data["text"], *printed.values()]):
        return
    every = {s: printed.get(s, data["text"]) for s in data.get("adopted", [])}
    if every:
        counts = Counter(every.values())
        top, n = counts.most_common(1)[0]
        if n > counts[data["text"]]:
            data["text"] = top
        printed = {s: t for s, t in every.items() if t != data["text"]}
    if printed:
        data["printed"] = printed
    else:
        data.pop("printed", None)


def draft_of(clause: Clause, *, noted: bool = True) -> ClauseDraft:
    """A library clause as editable data (clause-level keys read back from its file, unless
    it is known to have none: not `noted`)."""
    extra: dict[str, Any] = {}
    source = Path(clause.source)
    if noted and source.is_file():
        raw = load_yaml_file(source)
        if isinstance(raw, dict) and raw.get("note"):
            extra["note"] = raw["note"]
    versions = [_version_data(v) for v in clause.versions]
    return ClauseDraft(id=clause.id, part=clause.part, topic=clause.topic,
                       tags=list(clause.tags), extra=extra, versions=versions,
                       models=list(clause.versions), original=copy.deepcopy(versions),
                       source=clause.source)


def _version_data(version: Version) -> dict[str, Any]:
    data: dict[str, Any]
    if version.status == ADOPTED:
        data = {"adopted": list(version.adopted), "text": version.text}
        if version.printed:
            data["printed"] = dict(version.printed)
    else:
        data = {"proposed": version.since, "text": version.text}
        if version.proposer:
            data["proposer"] = version.proposer
    if version.note:
        data["note"] = version.note
    if version.rolls:
        data["rolls"] = version.rolls
    return data


def new_clause_id(paragraph: Paragraph, taken: set[str]) -> str:
    """`requests-bureau-non-cooperation`: the lead, then the first words of the subject;
    more words, then a number, until no clause has it."""
    lead = paragraph.lead or ""
    head = [_slug(w) for w in lead.split()] or []
    rest = paragraph.text[len(lead):] if lead and paragraph.text.startswith(lead) \
        else paragraph.text
    subject: list[str] = []
    for word in re.findall(r"[^\W\d_][\w'’-]*", rest):
        slug = _slug(re.sub(r"['’]s$", "", word))
        if len(slug) > 2 and slug not in _STOP and slug not in subject:
            subject.append(slug)
    head = [w for w in head if w] or subject[:1]
    count = _ID_WORDS
    while True:
        words = head + subject[:count]
        found = "-".join(words)[:_ID_MAX].strip("-") or "clause"
        if found not in taken:
            return found
        if count >= len(subject):
            break
        count += 1
    n = 2
    while f"{found}-{n}" in taken:
        n += 1
    return f"{found}-{n}"


def _slug(word: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "", word.lower())).strip("-")


def escape(text: str) -> str:
    """Text read from a document is not a template: what looks like Jinja2 is kept raw."""
    if re.search(r"\{[{%#]", text):
        return "{% raw %}" + text.replace("{% endraw %}", "") + "{% endraw %}"
    return text


def clause_data(draft: ClauseDraft) -> dict[str, Any]:
    """The data of a clause file, as clause_text writes it."""
    data: dict[str, Any] = {"id": draft.id, "part": draft.part, "topic": draft.topic}
    if draft.tags:
        data["tags"] = draft.tags
    data.update(draft.extra)
    data["versions"] = draft.versions
    return data


def clause_text(draft: ClauseDraft) -> str:
    """The YAML of a clause file."""
    return "# Clause file; versions oldest first (written by `asp-draft adopt`).\n" + \
        _dump(clause_data(draft))


def session_text(meta: Meta, entries: dict[str, list[Any]], source: str) -> str:
    """The YAML of a session or resolution file: metadata, each part's entries, annexes."""
    head = [f"# {meta.symbol}, adopted {meta.adopted}: recorded by `asp-draft adopt` from "
            f"{Path(source).name}.",
            "# Each clause id takes the version whose 'adopted' list holds this symbol."]
    data = dict(meta)
    data["preamble"] = entries["preamble"]
    data["operative"] = entries["operative"]
    if entries.get("annexes"):
        data["annexes"] = entries["annexes"]
    return "\n".join(head) + "\n" + _dump(data)


_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: faster


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100_000,
                     default_flow_style=False)


def entries_for(document: Document, clause_of: dict[int, str],
                language: Language = ENGLISH) -> dict[str, list[Any]]:
    """The session file's entries, by part, and its `annexes`.

    Each paragraph is its clause id (with its number when not the next one, and its
    footnotes); sub-paragraphs and headings are written in the entry, and each annex's
    paragraphs inline. What the printed paragraph lacks is said, so that the library prints
    it as read: no number (`numbered: false`), no lead where its words would give one
    (`lead: false`), and a sub-paragraph no paragraph holds (after a heading) its `level`.
    """
    parts: dict[str, list[dict[str, Any]]] = {"preamble": [], "operative": []}
    annexes: list[_AnnexEntries] = []
    opened = annexes_opened(document.paragraphs)
    number = 0
    for i, p in enumerate(document.paragraphs):
        if i in opened:
            annexes.append(_AnnexEntries(p.annex, opened[i]))
        items = annexes[-1].items if p.part == "annex" else \
            parts["operative" if p.heading else p.part]
        if p.heading:  # its footnotes, if any, marked where they stand
            items.append({"heading": with_marks(p), "footnotes": list(p.note_texts)}
                         if p.footnotes else {"heading": p.text})
            continue
        if p.level and items and _add_sub(items[-1], p):
            continue
        entry: dict[str, Any] = {"clause": clause_of[i]} if i in clause_of else \
            {"text": with_marks(p, markup=True)}  # inline text is printed as it stands
        if p.level:
            _label(entry, p.number, None)
            entry["level"] = p.level
        elif p.part == "operative":
            auto = number + 1
            if p.number is None:  # printed without one: the count goes on after it
                entry["numbered"] = False
            else:
                digits = re.match(r"\d+", p.number)
                number = int(digits.group()) if digits else auto
                _label(entry, p.number, str(auto))
        elif p.part == "annex":
            annexes[-1].number_entry(entry, p.number)
        elif p.number is not None:
            entry["number"] = p.number
        _lead(entry, p, language)
        if p.footnotes:
            # a clause's footnotes are templates as its text is; inline ones are not
            entry["footnotes"] = [escape(n) if "clause" in entry else n for n in p.note_texts]
        items.append(entry)
    out: dict[str, list[Any]] = {part: [_compact(e, 0) for e in items]
                                 for part, items in parts.items()}
    if annexes:
        out["annexes"] = [a.data() for a in annexes]
    return out


def _label(entry: dict[str, Any], number: str | None, auto: str | None) -> None:
    """The entry's `number:` or `numbered: false` where the printed label is not `auto`."""
    if number is None:
        if auto is not None:
            entry["numbered"] = False
    elif number != auto:
        entry["number"] = number


def _lead(entry: dict[str, Any], p: Paragraph, language: Language) -> None:
    """`lead: false` for a paragraph printed without a lead whose words would give one."""
    markup = with_marks(p, markup=True)  # the words the library renders and reads a lead in
    if p.lead is None and (p.level == 0 or markup.startswith("*")) and \
            find_lead(markup, None if p.part == "annex" else p.part, language):
        entry["lead"] = False


@dataclass
class _AnnexEntries:
    """An annex of the resolution file being written: title, numbering, inline entries."""

    title: str | None
    numbered: bool
    items: list[dict[str, Any]] = field(default_factory=list)
    count: int = 0

    def number_entry(self, entry: dict[str, Any], number: str | None) -> None:
        """Give the entry its `number:` when the count (or, unnumbered, nothing) would not,
        and `numbered: false` when it is printed without one in a numbered annex."""
        if not self.numbered:
            _label(entry, number, None)
            return
        if number is None:
            entry["numbered"] = False
            return
        auto = self.count + 1
        digits = re.match(r"\d+", number)
        self.count = int(digits.group()) if digits else auto
        _label(entry, number, str(auto))

    def data(self) -> dict[str, Any]:
        """The annex as YAML data (the spec's `annexes:` item)."""
        out: dict[str, Any] = {} if self.title is None else {"title": self.title}
        if not self.numbered:
            out["numbered"] = False
        out["paragraphs"] = [_compact(e, 0) for e in self.items]
        return out


def _add_sub(parent: dict[str, Any], p: Paragraph) -> bool:
    """Put a sub-paragraph under the entry before it, (i) under its last (a); False where it
    does not stand one or two levels below that entry (after a heading, say)."""
    if "heading" in parent:
        return False
    holder = parent
    depth = p.level - parent.get("level", 0)
    subs = parent.get("sub", [])
    if depth == 2 and subs:
        holder = subs[-1]
        subs = holder.get("sub", [])
    elif depth != 1:
        return False
    auto = letters(len(subs) + 1) if holder.get("level", 0) == 0 and holder is parent \
        else roman(len(subs) + 1)
    entry: dict[str, Any] = {"text": with_marks(p, markup=True)}  # inline: never a template
    _label(entry, p.number, auto)
    if p.footnotes:
        entry["footnotes"] = list(p.note_texts)
    holder.setdefault("sub", []).append(entry)
    return True


def _compact(entry: dict[str, Any], depth: int) -> Any:
    """A bare id (or, for a sub-paragraph, bare text) where nothing else is said."""
    if "sub" in entry:
        entry["sub"] = [_compact(s, depth + 1) for s in entry["sub"]]
    if set(entry) == {"clause"}:
        return entry["clause"]
    if depth and set(entry) == {"text"}:
        return entry["text"]
    return entry
