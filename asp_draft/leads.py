"""Recognise the lead of a paragraph: the italic opening words (*Convinced also*, *Requests*).

Plain-text copies lose the italics, so the lead is found from the words themselves: a known
lead word, or a capitalised participle/adjective (preamble) or verb in -s (operative), with the
modifiers drafters attach to it (*also*, *further*, *with appreciation*, *in mind* ...).
"""

from __future__ import annotations

import re

from asp_draft.model import Part

# Heads seen in ASP, UNGA and Security Council resolutions. Participles in -ing/-ed are also
# accepted by pattern, so this list only needs the irregular ones and the operative verbs.
PREAMBLE_HEADS = frozenset("""
    Acknowledging Acting Affirming Alarmed Appealing Appreciating Aware Bearing Believing
    Cognizant Commending Concerned Concluding Conscious Considering Convinced Deeply Deploring
    Desiring Determined Emphasising Emphasizing Encouraged Encouraging Expressing Firmly Fully
    Further Gravely Guided Having Highlighting Keeping Mindful Noting Observing Reaffirming
    Reaffirms Recalling Recognising Recognizing Regretting Reiterating Resolved Seized Sharing
    Stressing Strongly Taking Underlining Underscoring Welcoming
""".split())  # noqa: SIM905 - a word list reads best as words

OPERATIVE_HEADS = frozenset("""
    Accepts Acknowledges Adopts Affirms Agrees Appeals Appreciates Approves Authorizes Calls
    Commends Commits Condemns Confirms Considers Decides Declares Deplores Designates Directs
    Elects Emphasises Emphasizes Encourages Endorses Entrusts Establishes Expresses Extends
    Further Highlights Invites Mandates Notes Pledges Reaffirms Recalls Recognises Recognizes
    Recommends Regrets Reiterates Reminds Renews Requests Resolves Stresses Supports Takes
    Thanks Underlines Underscores Urges Welcomes
""".split())  # noqa: SIM905 - a word list reads best as words

# Words that stay inside the lead after the head (*Convinced also*, *Noting with appreciation*).
_MODIFIERS = (
    "with deep appreciation", "with great appreciation", "with appreciation", "with satisfaction",
    "with grave concern", "with deep concern", "with serious concern", "with concern",
    "with regret", "with interest", "in mind", "into account", "into consideration",
    "note", "upon", "once again", "also", "further", "again", "in particular", "moreover",
)
_ADVERB_HEADS = frozenset({"Deeply", "Further", "Gravely", "Strongly", "Firmly", "Fully",
                           "Also", "Once", "Seriously", "Profoundly"})
_WORD = re.compile(r"[A-Z][a-z]+")


def _is_head(word: str, part: Part | None) -> bool:
    if part == "operative":
        return word in OPERATIVE_HEADS
    if part == "preamble":
        return word in PREAMBLE_HEADS or bool(re.fullmatch(r"[A-Z][a-z]{3,}(?:ing|ed)", word))
    return word in PREAMBLE_HEADS or word in OPERATIVE_HEADS


def find_lead(text: str, part: Part | None = None) -> str | None:
    """The lead words at the start of `text`, or None if it opens otherwise."""
    words = text.split(" ", 3)
    if not words or not _WORD.fullmatch(words[0].rstrip(",:")):
        return None
    first = words[0].rstrip(",:")
    pos = 0
    if first in _ADVERB_HEADS and len(words) > 1:
        # "Deeply concerned", "Further requests", "Strongly urges": adverb + head
        second = words[1].rstrip(",:")
        if second[:1].islower() or second in OPERATIVE_HEADS | PREAMBLE_HEADS:
            candidate = f"{first} {second}"
            if _is_head(second.capitalize(), part) or re.fullmatch(r"[a-z]+(?:ing|ed|s)", second):
                pos = len(candidate)
    if not pos:
        if not _is_head(first, part):
            return None
        pos = len(first)
    rest = text[pos:]
    changed = True
    while changed:
        changed = False
        for mod in _MODIFIERS:
            if rest.startswith(" " + mod) and (len(rest) == len(mod) + 1
                                               or not rest[len(mod) + 1].isalpha()):
                pos += len(mod) + 1
                rest = text[pos:]
                changed = True
                break
    return text[:pos]
