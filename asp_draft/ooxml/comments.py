"""Word comments: the comments part (`word/comments.xml`) and a comment's range on a paragraph.

A comment is a `w:comment` (id, author, date, initials) holding its own paragraphs; in the body
it spans the commented paragraph's content between `w:commentRangeStart` and
`w:commentRangeEnd`, followed by a run with `w:commentReference`. Ids come from the file's one
counter, so they never collide with revision, footnote or move ids.

Comment ids are given last, when the file is written (`Comments.renumber`): each after every
footnote's id: LibreOffice's Word import (7.4) keeps one "current note" id for the notes and
comments it reads, and comment ids that fall among the footnote ids make it lose footnote
texts (numbers at the foot of the page, no text). ECMA-376 keeps the two id spaces
apart (17.11.10 and 17.13.4.2), so ids above every footnote's are as valid for Word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from asp_draft.ooxml.names import XML_SPACE, el, w


def initials(author: str) -> str:
    """`Secretariat` -> `S`, `asp-draft` -> `AD`: what Word shows beside a comment."""
    return "".join(part[0] for part in re.split(r"[\s\-_.]+", author) if part)[:3].upper()


class Comments:
    """The comments part of one file; ids from `id_source` (the file's one counter)."""

    def __init__(self, id_source: Callable[[], int]) -> None:
        self.root = el("comments")
        self.id_source = id_source

    def __len__(self) -> int:
        return len(self.root)

    def add(self, lines: Sequence[str], author: str, date: str) -> int:
        """A comment of one paragraph per line; returns its id."""
        comment_id = self.id_source()
        comment = el("comment", {"id": comment_id, "author": author, "date": date,
                                 "initials": initials(author) or "A"}, parent=self.root)
        for i, line in enumerate(lines or [""]):
            p = el("p", parent=comment)
            if i == 0:  # the mark Word prints at the head of the comment
                el("annotationRef", parent=el("r", parent=p))
            t = el("t", parent=el("r", parent=p))
            t.text = line
            t.set(XML_SPACE, "preserve")
        return comment_id

    def renumber(self, body: Any) -> None:
        """Give every comment a fresh id from `id_source`, in order, here and in `body`'s
        range and reference marks: called after the last footnote took its id."""
        fresh: dict[str, str] = {}
        for comment in self.root.iter(w("comment")):
            new_id = str(self.id_source())
            fresh[comment.get(w("id"))] = new_id
            comment.set(w("id"), new_id)
        for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
            for mark in body.iter(w(tag)):
                old = mark.get(w("id"))
                if old in fresh:
                    mark.set(w("id"), fresh[old])


def attach(p: Any, comment_id: int, wrap: Callable[[Any], Any] | None = None) -> None:
    """Span the content of paragraph `p` with comment `comment_id` and end it with the
    reference run (passed through `wrap`, so an inserted paragraph's reference is inserted)."""
    start = el("commentRangeStart", {"id": comment_id})
    ppr = p.find(w("pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    el("commentRangeEnd", {"id": comment_id}, parent=p)
    run = el("r")
    el("commentReference", {"id": comment_id}, parent=run)
    p.append(run if wrap is None else wrap(run))


def mark_kind(p: Any) -> str | None:
    """The revision on a paragraph's mark (`ins`, `del`, `moveTo`, `moveFrom`), or None."""
    rpr = p.find(f"{w('pPr')}/{w('rPr')}")
    if rpr is None:
        return None
    for kind in ("ins", "del", "moveTo", "moveFrom"):
        if rpr.find(w(kind)) is not None:
            return kind
    return None
