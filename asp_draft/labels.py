"""Paragraph labels as printed: `12.`, `12 bis.`, `(a)`, `(ii)`, and which level a label opens."""

from __future__ import annotations

import re

from asp_draft.facts import roman

LATIN_SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies",
                  "decies")
OPERATIVE = re.compile(
    rf"(?P<num>\d{{1,3}}(?:\s+(?:{'|'.join(LATIN_SUFFIXES)}))?)\.\s+(?P<rest>\S.*)", re.S)
SUB = re.compile(r"\((?P<num>[a-z]{1,4})\)\s+(?P<rest>\S.*)", re.S)
_ROMANS = tuple(roman(n) for n in range(1, 40))


def sub_level(token: str, last_letter: str, last_roman: str) -> int:
    """The level a typed label opens: 1 for (a), 2 for (i) under a lettered paragraph.

    (i) after (h) is a letter; (i) after (a) opens the roman level below it.
    """
    if len(token) == 1 and last_letter and ord(token) == ord(last_letter[-1]) + 1:
        return 1
    if token in _ROMANS:
        if token == "i" and last_letter:
            return 2
        if last_roman and _ROMANS.index(token) == _ROMANS.index(last_roman) + 1:
            return 2
    return 1
