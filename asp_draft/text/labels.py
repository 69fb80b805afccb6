"""Paragraph labels as printed: `12.`, `12 bis.`, `(a)`, `(ii)`, and which level a label opens."""

from __future__ import annotations

import re

LATIN_SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies",
                  "decies")
OPERATIVE = re.compile(
    rf"(?P<num>\d{{1,3}}(?:\s+(?:{'|'.join(LATIN_SUFFIXES)}))?)\.\s+(?P<rest>\S.*)", re.S)
SUB = re.compile(r"\((?P<num>[a-z]{1,4})\)\s+(?P<rest>\S.*)", re.S)
# a bulleted item (`• Increase labour productivity ...`): a sub-paragraph without a number
BULLET = re.compile(r"[•●▪■◦]\s*(?P<rest>\S.*)", re.S)

_ROMAN_VALUES = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                 (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(n: int) -> str:
    """4 -> 'iv': the label of sub-sub-paragraph (iv), Word's lowerRoman."""
    out = ""
    for value, numeral in _ROMAN_VALUES:
        while n >= value:
            out += numeral
            n -= value
    return out


def letters(n: int) -> str:
    """1 -> 'a', 27 -> 'aa': the label of sub-paragraph (a), Word's lowerLetter."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


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
