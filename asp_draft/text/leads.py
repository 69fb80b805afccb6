"""Recognise the lead of a paragraph: the italic opening words (*Convinced also*, *Requests*).

Plain-text copies lose the italics, so the lead is found from the words themselves: a known
phrase (*Being gravely concerned*, *Continues to welcome*), a known head word, or a capitalised
participle (preamble), with an adverb before it (*Deeply*, *Urgently*) and the modifiers
drafters attach after it (*also*, *with appreciation*, *in mind* ...). The words are data, one
file per language (the Language's `leads_file`: `leads.txt` for English) in the bundled
library, extended by the same file in any user library folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from asp_draft.folders import bundled_path
from asp_draft.language import ENGLISH, Language
from asp_draft.model import Part
from asp_draft.textfile import section_lines

_LETTER_RUN = re.compile(r"[^\W\d_]*")
_SECTIONS = ("preamble", "operative", "adverbs", "phrases", "modifiers")

# The user's folders whose lead words add to the bundled ones, for the read in progress only:
# `words_of` sets them around a read and puts back what was there, so no command leaves them
# set (a context variable: a read in another thread or task sees its own).
_FOLDERS: ContextVar[tuple[Path, ...]] = ContextVar("lead_word_folders", default=())


@dataclass
class Vocabulary:
    """The lead words by kind, as read from leads.txt files."""

    participle: re.Pattern[str] = ENGLISH.participle
    preamble: set[str] = field(default_factory=set)
    operative: set[str] = field(default_factory=set)
    adverbs: set[str] = field(default_factory=set)
    phrases: list[str] = field(default_factory=list)  # longest first
    modifiers: list[str] = field(default_factory=list)  # longest first
    # The phrases and the modifiers by their opening letters, longest first, so that a
    # paragraph is compared with the few that can open it rather than with every one.
    phrases_by_head: dict[str, list[str]] = field(default_factory=dict)
    modifiers_by_head: dict[str, list[str]] = field(default_factory=dict)

    def add_file(self, path: Path) -> None:
        """Add the entries of one leads.txt (sections `[preamble]` ... `[modifiers]`)."""
        for section, line in section_lines(path, _SECTIONS):
            if section in ("preamble", "operative", "adverbs"):
                getattr(self, section).update(line.split())
            elif section in ("phrases", "modifiers"):
                entries: list[str] = getattr(self, section)
                entries.append(" ".join(line.split()))
        self.phrases.sort(key=len, reverse=True)
        self.modifiers.sort(key=len, reverse=True)
        self.phrases_by_head = _by_head(self.phrases)
        self.modifiers_by_head = _by_head(self.modifiers)


def _letters(text: str) -> str:
    """The letters `text` opens with (`Being` of `Being gravely`, `Re` of `Re-emphasizing`).

    A phrase followed in a text by anything but a letter opens with the same letters as the
    text, so these letters find every phrase that can match.
    """
    run = _LETTER_RUN.match(text).group()  # type: ignore[union-attr]  # `*` always matches
    if not run or run.isalpha():
        return run
    end = 0  # the run holds a figure such as `²`: a word character, but not a letter
    while text[end].isalpha():
        end += 1
    return text[:end]


def _by_head(entries: list[str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for entry in entries:  # already longest first, and kept so within each group
        grouped.setdefault(_letters(entry), []).append(entry)
    return grouped


@cache
def _vocabulary(folders: tuple[Path, ...], language: Language) -> Vocabulary:
    vocabulary = Vocabulary(participle=language.participle)
    for folder in (bundled_path(), *folders):
        if (folder / language.leads_file).is_file():
            vocabulary.add_file(folder / language.leads_file)
    return vocabulary


@contextmanager
def words_of(folders: Sequence[Path]) -> Iterator[None]:
    """Within the block, the lead words of these folders' files (leads.txt) add to the bundled
    ones; after it, the words are as they were."""
    token = _FOLDERS.set(tuple(folders))
    try:
        yield
    finally:
        _FOLDERS.reset(token)


def vocabulary(language: Language = ENGLISH) -> Vocabulary:
    """The words in force in `language`: its bundled file and those of the folders in use."""
    return _vocabulary(_FOLDERS.get(), language)


def _is_word(word: str) -> bool:
    """A capitalised word, hyphenated at most once, in any alphabet (`Rappelant`, `Préoccupée`,
    `Well-known`)."""
    head, hyphen, tail = word.partition("-")
    return len(head) > 1 and head[0].isupper() and head[1:].isalpha() and head[1:].islower() \
        and (not hyphen or (tail.isalpha() and tail.islower()))


def _is_head(word: str, part: Part | None, words: Vocabulary) -> bool:
    if part == "operative":
        return word in words.operative
    if part == "preamble":
        return word in words.preamble or bool(words.participle.fullmatch(word))
    return word in words.preamble or word in words.operative


def find_lead(text: str, part: Part | None = None, language: Language = ENGLISH) -> str | None:
    """The lead words at the start of `text` in `language`, or None if it opens otherwise."""
    words = vocabulary(language)
    pos = _phrase_length(text, 0, words.phrases_by_head)
    if not pos:
        pos = _head_length(text, part, words)
    if not pos:
        return None
    while text.startswith(" ", pos) and (
            more := _phrase_length(text, pos + 1, words.modifiers_by_head)):
        pos += more + 1
    return text[:pos]


def _phrase_length(text: str, at: int, by_head: dict[str, list[str]]) -> int:
    """The length of the longest entry that opens `text[at:]` as whole words, or 0."""
    # no lead word is 60 letters long; the bound keeps a hostile run of letters cheap
    for entry in by_head.get(_letters(text[at:at + 60]), ()):
        end = at + len(entry)
        if text.startswith(entry, at) and (end == len(text) or not text[end].isalpha()):
            return len(entry)
    return 0


def _head_length(text: str, part: Part | None, words: Vocabulary) -> int:
    """The length of the head (with its adverb) that opens `text`, or 0."""
    split = text.split(" ", 3)
    first = split[0].rstrip(",:")
    if not _is_word(first):
        return 0
    if first in words.adverbs and len(split) > 1:
        # "Deeply concerned", "Further requests", "Urgently calls", "Ever mindful"
        second = split[1].rstrip(",:")
        if (second[:1].islower() or second in words.operative | words.preamble) and (
                _is_head(second.capitalize(), part, words)
                or re.fullmatch(r"[a-z]+(?:ing|ed|s)", second)):
            return len(f"{first} {second}")
    return len(first) if _is_head(first, part, words) else 0
