"""Word tokens and word-level differences, the unit every comparison is made of.

A token is a word with the punctuation attached to it and its trailing white space, so
joining tokens gives back the text exactly.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\S+\s*|\s+")
_RUN_OF_SPACE = re.compile("[ \t\n\r\f\v]+")  # not U+00A0: a non-breaking space is printed

Op = tuple[str, str]  # ("equal" | "insert" | "delete", text)


def tokenize(text: str) -> list[str]:
    """'Mindful that  each' -> ['Mindful ', 'that  ', 'each']; ''.join(tokens) == text."""
    return _TOKEN.findall(text)


def squeeze(text: str) -> str:
    """Runs of white space as one space, trimmed; a non-breaking space stays as printed."""
    return _RUN_OF_SPACE.sub(" ", text).strip(" ")


def diff_tokens(old: list[str], new: list[str], key: list[str] | None = None,
                new_key: list[str] | None = None) -> list[Op]:
    """Word operations turning `old` into `new`; equal runs take the new text.

    `key`/`new_key` are what tokens are compared by (e.g. typography-folded words); by
    default the words without their trailing white space.
    """
    a = key if key is not None else [t.rstrip() for t in old]
    b = new_key if new_key is not None else [t.rstrip() for t in new]
    ops: list[Op] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            # Compared without trailing space: where the spacing differs, say so exactly.
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                _same_word(ops, old[i], new[j])
            continue
        if tag in ("delete", "replace"):
            _push(ops, "delete", "".join(old[i1:i2]))
        if tag in ("insert", "replace"):
            _push(ops, "insert", "".join(new[j1:j2]))
    return ops


def _same_word(ops: list[Op], old: str, new: str) -> None:
    """Two tokens the comparison matched: equal; or, when only the white space after the
    word differs, the word equal and the spaces deleted and inserted (`Court,[-  -]{+ +}`),
    so a change of spacing is shown as one; otherwise (typography) the token replaced."""
    word = old.rstrip()
    if old == new:
        _push(ops, "equal", new)
    elif word == new.rstrip():
        _push(ops, "equal", word)
        _push(ops, "delete", old[len(word):])
        _push(ops, "insert", new[len(word):])
    else:
        _push(ops, "delete", old)
        _push(ops, "insert", new)


def diff_words(old: str, new: str) -> list[Op]:
    """Word-level operations between two paragraphs."""
    return diff_tokens(tokenize(old), tokenize(new))


def _push(ops: list[Op], op: str, text: str) -> None:
    if not text:
        return
    if ops and ops[-1][0] == op:
        ops[-1] = (op, ops[-1][1] + text)
    else:
        ops.append((op, text))


def old_text(ops: list[Op]) -> str:
    """The old paragraph rebuilt from its operations."""
    return "".join(t for op, t in ops if op != "insert")


def new_text(ops: list[Op]) -> str:
    """The new paragraph rebuilt from its operations."""
    return "".join(t for op, t in ops if op != "delete")
