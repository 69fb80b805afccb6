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
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from asp_draft.folders import bundled_path
from asp_draft.language import ENGLISH, Language
from asp_draft.model import Part
from asp_draft.textfile import section_lines

LEADS_FILE = ENGLISH.leads_file
_SECTIONS = ("preamble", "operative", "adverbs", "phrases", "modifiers")


@dataclass
class Vocabulary:
    """The lead words by kind, as read from leads.txt files."""

    participle: re.Pattern[str] = ENGLISH.participle
    preamble: set[str] = field(default_factory=set)
    operative: set[str] = field(default_factory=set)
    adverbs: set[str] = field(default_factory=set)
    phrases: list[str] = field(default_factory=list)  # longest first
    modifiers: list[str] = field(default_factory=list)  # longest first

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


_folders: tuple[Path, ...] = ()


def use_folders(folders: Iterable[Path]) -> None:
    """Let the lead-word files of these library folders add to the bundled words."""
    global _folders
    _folders = tuple(folders)


@cache
def _vocabulary(folders: tuple[Path, ...], language: Language) -> Vocabulary:
    vocabulary = Vocabulary(participle=language.participle)
    for folder in (bundled_path(), *folders):
        if (folder / language.leads_file).is_file():
            vocabulary.add_file(folder / language.leads_file)
    return vocabulary


def vocabulary(language: Language = ENGLISH) -> Vocabulary:
    """The words in force in `language`: its bundled file and those of the folders in use."""
    return _vocabulary(_folders, language)


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
    pos = next((len(p) for p in words.phrases if text.startswith(p) and (
        len(text) == len(p) or not text[len(p)].isalpha())), 0)
    if not pos:
        pos = _head_length(text, part, words)
    if not pos:
        return None
    changed = True
    while changed:
        changed = False
        rest = text[pos:]
        for mod in words.modifiers:
            if rest.startswith(" " + mod) and (len(rest) == len(mod) + 1
                                               or not rest[len(mod) + 1].isalpha()):
                pos += len(mod) + 1
                changed = True
                break
    return text[:pos]


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
