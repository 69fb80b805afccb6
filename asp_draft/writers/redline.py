"""Word files with native tracked changes: redlines of a diff, and compilations of proposals.

Built on the layout writer (writers/docx.py): the same head, styles, numbering and footnotes,
with the differences as revisions Word and LibreOffice understand:

- words inside a modified paragraph: `w:ins` runs and `w:del` runs (text in `w:delText`);
- an inserted or deleted paragraph: all its runs in one `w:ins`/`w:del`, and its paragraph mark
  marked too (`w:pPr/w:rPr/w:ins|w:del`), so accepting or rejecting removes the paragraph;
- a moved paragraph: the old text in `w:moveFrom` where it stood and the new text in `w:moveTo`
  where it stands, each inside its range markers sharing one name (`move1` ...); words the
  move also changed are `w:ins` inside the destination, while the source keeps the old text
  whole, so accept-all gives the new text and reject-all the old, exactly;
- footnote marks where each side's text has them: a mark both sides share is plain, the
  others are deleted or inserted with the words around them;
- the head's lines (and a UN resolution's closing lines) are aligned by their kind: a changed
  chapeau or title is its words tracked, a line one text has alone (a chapeau, an adoption
  line) is deleted or inserted whole; metadata the layout does not print (an ASP text's
  session, its venue) is not in the file, as it is not in the document (the text, JSON and
  HTML diffs list it); in a compilation, a delegation's chapeau or title is tracked under its
  name (in place, or as alternatives when several delegations change it);
- an annex that opens in one text only has its `Annex` lines deleted or inserted;
- every revision has an author and a date, and every `w:id` in the file comes from one
  counter (footnotes and comments included), so no two ids collide;
- a changed lead (weaker, stronger) and, with `annotations`, where the new wording was agreed
  are Word comments on the paragraph; a paragraph the other side's partial record may hold
  beyond its end is a tracked change too (so the views stay exact) with a comment saying it is
  not compared, and the first page's header says which record is partial.

Numbering is Word's own: paragraphs join one list per section (the resolution, each annex)
in reading order, deleted ones included, so Word shows the old numbers in the original view
and the new ones in the final.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asp_draft.compare.compilation import Compilation, Item, Touch
from asp_draft.model import Change, Diff, Document, Paragraph, WordOp
from asp_draft.ooxml.comments import attach, mark_kind
from asp_draft.ooxml.names import el, w
from asp_draft.ooxml.styles import STYLE_CHAPEAU
from asp_draft.writers import docx as layout

if TYPE_CHECKING:
    from asp_draft.library.bodies import Table


class Revisions:
    """Makes revision elements for one file: ids from the skeleton, one date, an author."""

    def __init__(self, skeleton: layout.Skeleton, author: str, date: str) -> None:
        self.skeleton = skeleton
        self.author = author
        self.date = date
        self.moves = 0

    def attrs(self, author: str | None = None) -> dict[str, str | int]:
        """id, author and date for one revision."""
        return {"id": self.skeleton.next_id(), "author": author or self.author,
                "date": self.date}

    def wrap(self, kind: str, runs: Sequence[Any], author: str | None = None) -> Any:
        """Runs inside one w:ins / w:del / w:moveFrom / w:moveTo."""
        box = el(kind, self.attrs(author))
        for run in runs:
            box.append(_as_deleted(run) if kind == "del" else run)
        return box

    def mark_paragraph(self, p: Any, kind: str, author: str | None = None) -> None:
        """Mark the paragraph mark itself as inserted, deleted or moved."""
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = el("pPr")
            p.insert(0, ppr)
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = el("rPr", parent=ppr)
        el(kind, self.attrs(author), parent=rpr)

    def whole(self, p: Any, kind: str, author: str | None = None) -> Any:
        """Put every run of a built paragraph (label, text, note marks) in one revision."""
        runs = [child for child in p if child.tag == w("r")]
        if runs:
            anchor = runs[0].getprevious()
            for run in runs:
                p.remove(run)
            box = self.wrap(kind, runs, author)
            if anchor is None:
                p.insert(0, box)
            else:
                anchor.addnext(box)
        self.mark_paragraph(p, kind, author)
        return p

    def move_range(self, kind: str, name: str) -> tuple[Any, Any]:
        """The start and end markers of a move range (they share one id)."""
        attrs = self.attrs()
        start = el(f"{kind}RangeStart", {**attrs, "name": name})
        end = el(f"{kind}RangeEnd", {"id": attrs["id"]})
        return start, end


def _as_deleted(run: Any) -> Any:
    """Deleted text is w:delText, not w:t."""
    for t in run.iter(w("t")):
        t.tag = w("delText")
    return run


class _Marks:
    """The footnote marks of both sides of a changed paragraph, written as the words reach them.

    A mark both sides have at the same point with the same text is written once, plain; an
    old one alone is deleted, a new one alone inserted, so each view has its own marks where
    its text has them.
    """

    def __init__(self, old: Paragraph, new: Paragraph, rev: Revisions, author: str | None,
                 *, deletions: bool, insert_kind: str) -> None:
        self.old = sorted(old.footnotes, key=lambda n: n.at) if deletions else []
        self.new = sorted(new.footnotes, key=lambda n: n.at)
        self.rev = rev
        self.author = author
        # a move destination writes its marks plain: the whole paragraph is the move
        self.insert_kind = insert_kind if deletions else None

    def cuts(self, op: str, chunk: str, pos_old: int, pos_new: int) -> list[int]:
        """Offsets inside `chunk` where a mark of the side(s) `op` writes stands."""
        found: set[int] = set()
        if op != "insert":
            found.update(n.at - pos_old for n in self.old if 0 < n.at - pos_old < len(chunk))
        if op != "delete":
            found.update(n.at - pos_new for n in self.new if 0 < n.at - pos_new < len(chunk))
        return sorted(found)

    def due(self, pos_old: int, pos_new: int, *, end: bool = False) -> list[Any]:
        """Runs for the marks that stand at these offsets (all that are left, at the end)."""
        old = [n for n in self.old if end or n.at <= pos_old]
        new = [n for n in self.new if end or n.at <= pos_new]
        self.old = self.old[len(old):]
        self.new = self.new[len(new):]
        footnotes = self.rev.skeleton.footnotes
        out: list[Any] = []
        same = 0
        while same < min(len(old), len(new)) and old[same].text == new[same].text:
            out.append(footnotes.reference(new[same].text))
            same += 1
        for note in old[same:]:
            out.append(self.rev.wrap("del", [footnotes.reference(note.text)], self.author))
        for note in new[same:]:
            ref = footnotes.reference(note.text)
            out.append(ref if self.insert_kind is None
                       else self.rev.wrap(self.insert_kind, [ref], self.author))
        return out


def word_runs(ops: Sequence[WordOp], old: Paragraph, new: Paragraph, rev: Revisions,
              *, author: str | None = None, deletions: bool = True,
              insert_kind: str = "ins") -> list[Any]:
    """Runs for a changed paragraph: equal text plain, insertions and deletions tracked, the
    footnote marks of each side where that side's text has them.

    The lead stays italic on both sides (the old lead for deleted words, the new for the rest).
    Without `deletions` (a move destination), deleted words and old marks are left out.
    """
    old_lead, new_lead = layout.lead_length(old), layout.lead_length(new)
    marks = _Marks(old, new, rev, author, deletions=deletions, insert_kind=insert_kind)
    out: list[Any] = marks.due(0, 0)
    pos_old = pos_new = 0
    for op, chunk in ops:
        if op == "delete" and not deletions:
            pos_old += len(chunk)
            continue
        bounds = [0, *marks.cuts(op, chunk, pos_old, pos_new), len(chunk)]
        for a, b in itertools.pairwise(bounds):
            piece = chunk[a:b]
            if op == "equal":
                out += layout.text_runs(piece, pos_new, new_lead)
            elif op == "insert":
                out.append(rev.wrap(insert_kind, layout.text_runs(piece, pos_new, new_lead),
                                    author))
            else:
                out.append(rev.wrap("del", layout.text_runs(piece, pos_old, old_lead), author))
            pos_old += len(piece) if op != "insert" else 0
            pos_new += len(piece) if op != "delete" else 0
            out += marks.due(pos_old, pos_new)
    return out + marks.due(pos_old, pos_new, end=True)


class _Writer:
    """Shared machinery of the redline and the compilation writers."""

    def __init__(self, author: str, date: str, reference_doc: Path | None,
                 bodies: Table | None = None) -> None:
        reference = layout.read_reference(reference_doc) if reference_doc else None
        self.bodies = bodies  # the table each text's body is looked up in (None: bundled)
        self.skeleton = layout.Skeleton(reference)
        self.rev = Revisions(self.skeleton, author, date)
        self.last_tracked = False
        self._annexes = [0, 0]  # annexes opened so far in the old and the new text
        self._previous: list[Paragraph | None] = [None, None]
        # each text's closing lines (a UN resolution's meeting line), written where that text
        # ends: before its first annex, or at the end
        self._tails: list[list[tuple[str, str]] | None] = [None, None]

    def layout_for(self, old: Document, new: Document) -> None:
        """The styles the two texts' layouts need (a UN cover block), NEW's language, and
        each text's closing lines to write where it ends."""
        from asp_draft.writers import cover

        if cover.cover(old, self.bodies) is not None or cover.cover(new, self.bodies) is not None:
            layout.add_cover_styles(self.skeleton.styles)
        layout.mark_language(self.skeleton.styles, new.meta)
        self._tails = [layout.tail_lines(old, self.bodies), layout.tail_lines(new, self.bodies)]

    def tails(self, old: bool, new: bool) -> None:
        """The closing lines of the texts that end here (`old`, `new`): as one set of lines
        with their changes tracked when both do, else deleted or inserted."""
        due = [ends and self._tails[side] is not None
               for side, ends in enumerate((old, new))]
        if not any(due):
            return
        write_lines(self, (self._tails[0] or []) if due[0] else [],
                    (self._tails[1] or []) if due[1] else [])
        self._tails = [None if due[k] else self._tails[k] for k in (0, 1)]

    def element(self, paragraph: Paragraph, runs: list[Any] | None = None, *,
                old: bool = False) -> Any:
        """A body paragraph from the layout writer, numbered in reading order.

        Numbered paragraphs of both texts join one list per section (the resolution, each
        annex), deleted ones included: Word leaves a removed paragraph out of the count, so
        each view shows its own text's numbers. `old` says the paragraph is the old text's
        only, so it counts in the old text's section.
        """
        self.skeleton.numbering.section(self._annexes[0 if old else 1])
        return layout.paragraph_element(paragraph, self.skeleton, runs=runs, follow=True)

    def add(self, p: Any, tracked: bool) -> None:
        """Append a paragraph; `tracked` when its mark is a revision."""
        self.skeleton.append(p)
        self.last_tracked = tracked

    def annexes(self, old: Paragraph | None, new: Paragraph | None) -> None:
        """The `Annex` lines of an annex that opens here, in the old text, the new or both."""
        opening = [p is not None and layout.opens_annex(p, self._previous[side])
                   for side, p in enumerate((old, new))]
        self.tails(opening[0] and not self._annexes[0], opening[1] and not self._annexes[1])
        for side, p in enumerate((old, new)):
            if p is not None:
                self._previous[side] = p
            self._annexes[side] += opening[side]
        lines = [layout.annex_lines(p) if p is not None and opens else []
                 for p, opens in zip((old, new), opening, strict=True)]
        if lines[0] == lines[1]:
            for style, text in lines[1]:
                self.add(layout.head_paragraph(text, style), False)
            return
        for (style, text), kind in [*((ln, "del") for ln in lines[0]),
                                    *((ln, "ins") for ln in lines[1])]:
            self.add(self.rev.whole(layout.head_paragraph(text, style), kind), True)

    def finish(self, document: Document) -> bytes:
        """The .docx, with further edits tracked too."""
        self.tails(True, True)
        # A tracked last paragraph needs a plain one after it: a removed paragraph mark
        # joins its paragraph to the next, and there must be a next.
        if self.last_tracked:
            self.skeleton.append(el("p"))
        self.skeleton.settings_extra.append(el("trackRevisions"))
        return self.skeleton.to_bytes(layout.document_properties(document, self.bodies))


def _head(writer: _Writer, old: Document, new: Document) -> None:
    """The head of NEW, with the differences from OLD's head as revisions."""
    write_lines(writer, layout.head_lines(old, writer.bodies),
                layout.head_lines(new, writer.bodies))


def write_lines(writer: _Writer, old: list[tuple[str, str]], new: list[tuple[str, str]]) -> None:
    """Head or closing lines of NEW, with the differences from OLD's as revisions.

    The lines are aligned by their style: a line both texts have (the title, the chapeau, the
    meeting line) is one paragraph with its changed words tracked, a line one text has alone
    (an adoption line, a chapeau the other text lacks) is deleted or inserted whole.
    """
    from difflib import SequenceMatcher

    blocks = SequenceMatcher(None, [s for s, _ in old], [s for s, _ in new],
                             autojunk=False).get_opcodes()
    for op, a0, a1, b0, b1 in blocks:
        if op == "equal":
            for (style, before), (_, after) in zip(old[a0:a1], new[b0:b1], strict=True):
                writer.add(head_line(writer.rev, style, before, after), False)
            continue
        for style, text in old[a0:a1]:
            writer.add(writer.rev.whole(layout.head_paragraph(text, style), "del"), True)
        for style, text in new[b0:b1]:
            writer.add(writer.rev.whole(layout.head_paragraph(text, style), "ins"), True)


def head_line(rev: Revisions, style: str, before: str, after: str,
              author: str | None = None) -> Any:
    """A head line in its style, the words that changed from `before` tracked.

    A line set in two parts (a cover line's text and its column after a tab, in the column's
    own run style) is compared part by part, so each keeps its formatting.
    """
    from asp_draft.text.words import diff_words

    p = layout.head_paragraph(after, style)
    if before == after:
        return p
    old_runs = [r for r in layout.head_paragraph(before, style) if r.tag == w("r")]
    new_runs = [r for r in p if r.tag == w("r")]
    pairs = list(zip(old_runs, new_runs, strict=True)) if len(old_runs) == len(new_runs) \
        else [(None, None)]
    for run in new_runs:
        p.remove(run)
    for old_run, new_run in pairs:
        a = before if old_run is None else _run_text(old_run)
        b = after if new_run is None else _run_text(new_run)
        if a == b and new_run is not None:
            p.append(new_run)
            continue
        runs = word_runs(diff_words(a, b), Paragraph(part="preamble", text=a),
                         Paragraph(part="preamble", text=b), rev, author=author)
        rpr = new_run.find(w("rPr")) if new_run is not None else None
        for run in runs:
            if rpr is not None:
                for r in run.iter(w("r")):
                    r.insert(0, copy.deepcopy(rpr))
            p.append(run)
    return p


def _run_text(run: Any) -> str:
    """A run's text as written: its tabs as `\\t`, Word's non-breaking hyphens as U+2011."""
    marks = {w("tab"): "\t", w("noBreakHyphen"): "\u2011"}
    return "".join(marks.get(e.tag, e.text or "")
                   for e in run.iter(w("t"), w("tab"), w("noBreakHyphen")))


def _reading_order(diff: Diff) -> list[tuple[str, Change]]:
    """Changes in the new reading order, with a `from` stop where each moved paragraph stood."""
    stops: list[tuple[str, Change]] = [("to" if c.op == "moved" else "at", c)
                                       for c in diff.changes]
    moved = sorted((c for c in diff.changes if c.op == "moved"),
                   key=lambda c: c.old_index or 0)
    for change in moved:
        assert change.old_index is not None
        where = 0
        for i, (kind, other) in enumerate(stops):
            if kind != "to" and other.old_index is not None and \
                    other.old_index < change.old_index:
                where = i + 1
        stops.insert(where, ("from", change))
    return stops


def render_redline(diff: Diff, *, author: str = "asp-draft", date: str,
                   moves_as_changes: bool = False, reference_doc: Path | None = None,
                   annotations: Sequence[str | None] | None = None,
                   bodies: Table | None = None) -> bytes:
    """The NEW document with its differences from OLD as Word tracked changes; a changed
    lead, a paragraph not compared and the `annotations` of NEW's paragraphs as comments.
    Each text is laid out as its body prints it, looked up in `bodies` (default: bundled)."""
    from asp_draft.compare.view import partial_notes

    writer = _Writer(author, date, reference_doc, bodies)
    writer.skeleton.first_page_note = partial_notes(diff)
    writer.layout_for(diff.old, diff.new)
    _head(writer, diff.old, diff.new)
    stops = _reading_order(diff)
    names: dict[int, str] = {}
    for kind, change in stops:  # one name per move, shared by its source and destination
        if kind == "to":
            names[id(change)] = f"move{len(names) + 1}"
    for kind, change in stops:
        old = diff.old.paragraphs[change.old_index] if change.old_index is not None else None
        new = diff.new.paragraphs[change.new_index] if change.new_index is not None else None
        if change.op == "moved" and moves_as_changes:
            kind = "del" if kind == "from" else "ins"
        if change.op == "not-held":  # tracked all the same, so each view keeps its own text
            kind = "del" if change.new_index is None else "ins"
        # which text each stop belongs to: a move's source is old only, its destination new
        writer.annexes(None if kind in ("to", "ins") else old,
                       None if kind in ("from", "del") else new)
        _stop(writer, kind, change, old, new, names.get(id(change), ""))
        _comment(writer, diff, kind, change, annotations)
    return writer.finish(diff.new)


def _comment(writer: _Writer, diff: Diff, kind: str, change: Change,
             annotations: Sequence[str | None] | None) -> None:
    """The comment on the paragraph a stop just wrote: its changed lead, that it is not
    compared, and (on NEW's paragraphs) its annotation."""
    from asp_draft.compare.view import describe, strength_text

    new_side = kind in ("to", "ins") or (kind == "at" and change.new_index is not None)
    lines = []
    if change.op == "not-held":
        other, known = (diff.new, "deleted") if change.new_index is None else (diff.old, "new")
        lines.append(f"Not compared: the held record of {describe(other, 'the other text')} "
                     f"is partial and may hold this paragraph beyond its end; it is not "
                     f"known to be {known}.")
    strength = strength_text(change)
    if strength and new_side:
        lines.append(f"Lead {strength}")
    if annotations and new_side and change.new_index is not None \
            and annotations[change.new_index]:
        lines.append(str(annotations[change.new_index]))
    if not lines:
        return
    p = writer.skeleton.body[-1]
    rev = writer.rev
    # the reference goes with its paragraph: removed by the view that removes the paragraph
    wrap_kind = {"moveTo": "ins", "moveFrom": "del"}.get(mark_kind(p) or "", mark_kind(p))
    comment = writer.skeleton.comments.add(lines, rev.author, rev.date)
    attach(p, comment, None if wrap_kind is None else lambda run: rev.wrap(wrap_kind, [run]))


def _stop(writer: _Writer, kind: str, change: Change, old: Paragraph | None,
          new: Paragraph | None, name: str) -> None:
    """One stop of the reading order as tracked changes."""
    rev = writer.rev
    if change.op == "equal":
        assert new is not None
        writer.add(writer.element(new), False)
    elif change.op == "modified" and old is not None and new is not None \
            and _shape(old) != _shape(new):
        # a paragraph that changes part or level changes its style and numbering too:
        # shown as the old one deleted and the new one inserted, exact both ways
        writer.add(rev.whole(writer.element(old, old=True), "del"), True)
        writer.add(rev.whole(writer.element(new), "ins"), True)
    elif change.op == "modified":
        assert old is not None and new is not None and change.words is not None
        writer.add(writer.element(new, runs=word_runs(change.words, old, new, rev)), False)
    elif change.op == "inserted" or kind == "ins":
        assert new is not None
        writer.add(rev.whole(writer.element(new), "ins"), True)
    elif change.op == "deleted" or kind == "del":
        assert old is not None
        writer.add(rev.whole(writer.element(old, old=True), "del"), True)
    elif kind == "from":
        assert old is not None
        p = rev.whole(writer.element(old, old=True), "moveFrom")
        _bracket(p, *rev.move_range("moveFrom", name))
        writer.add(p, True)
    else:  # the destination of a move
        assert old is not None and new is not None
        runs = word_runs(change.words or (("equal", new.text),), old, new, rev,
                         deletions=False)
        p = writer.element(new, runs=_group_runs(runs, rev))
        for run in [r for r in p if r.tag == w("r")]:  # the typed label
            run.addprevious(rev.wrap("moveTo", []))
            box = run.getprevious()
            p.remove(run)
            box.append(run)
        rev.mark_paragraph(p, "moveTo")
        _bracket(p, *rev.move_range("moveTo", name))
        writer.add(p, True)


def _shape(paragraph: Paragraph) -> tuple[str, int, bool]:
    """What decides a paragraph's style and numbering."""
    return paragraph.part, paragraph.level, paragraph.heading


def _group_runs(runs: list[Any], rev: Revisions) -> list[Any]:
    """Plain runs of a move destination go inside w:moveTo; insertions stay w:ins."""
    out: list[Any] = []
    for run in runs:
        if run.tag == w("r"):
            if out and out[-1].tag == w("moveTo"):
                out[-1].append(run)
            else:
                out.append(rev.wrap("moveTo", [run]))
        else:
            out.append(run)
    return out


def _bracket(p: Any, start: Any, end: Any) -> None:
    """Range markers around the content of a paragraph (after its properties)."""
    ppr = p.find(w("pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def render_compilation(compilation: Compilation, *, date: str,
                       reference_doc: Path | None = None, bodies: Table | None = None) -> bytes:
    """The base text with each delegation's proposals as tracked changes under its name.

    One delegation on a paragraph: its changes in place. Several: the base paragraph stays,
    followed by each delegation's version as an inserted alternative labelled with its name.
    """
    writer = _Writer("asp-draft", date, reference_doc, bodies)
    rev = writer.rev
    base = compilation.base
    writer.layout_for(base, base)
    _compiled_head(writer, compilation)
    for item in compilation.items:
        writer.annexes(item.paragraph if item.base_index is not None else None, item.paragraph)
        if item.base_index is None:
            assert item.inserted_by is not None
            writer.add(rev.whole(writer.element(item.paragraph), "ins", item.inserted_by),
                       True)
            continue
        touches = item.touches
        if not touches:
            writer.add(writer.element(item.paragraph), False)
        elif not item.overlapping and len(touches) == 1:
            _single(writer, item)
            _lead_comment(writer, touches[0])
        else:
            writer.add(writer.element(item.paragraph), False)
            for touch in touches:
                writer.add(_alternative(writer, item.paragraph, touch.delegation,
                                        touch.paragraph), True)
                _lead_comment(writer, touch)
    return writer.finish(base)


def _compiled_head(writer: _Writer, compilation: Compilation) -> None:
    """The base's head, with each delegation's change of a printed head line (the chapeau,
    the title: what counts as a difference in a diff) tracked under its name, in place when
    one delegation changes that line, as alternatives after it when several do."""
    base = compilation.base
    proposed: dict[str, list[tuple[str, Any]]] = {}  # key -> (delegation, its value)
    for proposal in compilation.proposals:  # in the order the proposals were given
        for change in compilation.heads.get(proposal.name, []):
            proposed.setdefault(change.key, []).append((proposal.name, change.new))
    lines = layout.head_lines(base, writer.bodies)
    where = _head_keys(lines, base, proposed)
    for at, (style, text) in enumerate(lines):
        key = where.get(at)
        values = proposed.get(key, []) if key else []
        old = (_printed(base, key) or "") if key else ""
        _compiled_line(writer, style, text, [
            (name, None if value is None else text.replace(old, str(value), 1))
            for name, value in values])
    added = [(name, value) for name, value in proposed.get("chapeau", [])
             if base.chapeau is None]
    for name, value in added:  # a chapeau the base lacks: after the head, under its name
        label = f"[{name}] " if len(added) > 1 else ""
        p = layout.head_paragraph(f"{label}{value}", STYLE_CHAPEAU)
        writer.add(writer.rev.whole(p, "ins", name), True)


def _head_keys(lines: list[tuple[str, str]], base: Document,
               proposed: dict[str, list[tuple[str, Any]]]) -> dict[int, str]:
    """Which head line prints each proposed key: the last line holding the base's value (the
    chapeau and the title close the head, after any cover block that may repeat a name)."""
    out: dict[int, str] = {}
    for key in ("chapeau", "title"):
        value = _printed(base, key)
        if key not in proposed or not value:
            continue
        at = next((i for i in range(len(lines) - 1, -1, -1)
                   if i not in out and value in lines[i][1]), None)
        if at is not None:
            out[at] = key
    return out


def _printed(document: Document, key: str) -> str | None:
    """The text of a head line a delegation may change: the chapeau, else the title."""
    return document.chapeau if key == "chapeau" else document.meta.title


def _compiled_line(writer: _Writer, style: str, text: str,
                   touches: list[tuple[str, str | None]]) -> None:
    """One base head line and the delegations' versions of it (None: it is deleted)."""
    rev = writer.rev
    if len(touches) == 1:
        name, after = touches[0]
        if after is None:
            writer.add(rev.whole(layout.head_paragraph(text, style), "del", name), True)
        else:
            writer.add(head_line(rev, style, text, after, name), False)
        return
    writer.add(layout.head_paragraph(text, style), False)
    for name, after in touches:
        p = el("p")
        el("pStyle", {"val": style}, parent=el("pPr", parent=p))
        runs = [layout.text_run(f"[{name}] ", bold=True),
                layout.text_run("delete this line", italic=True) if after is None
                else layout.text_run(after)]
        p.append(rev.wrap("ins", runs, name))
        rev.mark_paragraph(p, "ins", name)
        writer.add(p, True)


def _lead_comment(writer: _Writer, touch: Touch) -> None:
    """A comment under the delegation's name on the paragraph just written, when its proposal
    changes the lead: `Lead weaker: Urges → Encourages`."""
    from asp_draft.compare.view import lead_change_text

    if touch.strength is None:
        return
    p = writer.skeleton.body[-1]
    kind = mark_kind(p)
    comment = writer.skeleton.comments.add([f"Lead {lead_change_text(touch.strength)}"],
                                           touch.delegation, writer.rev.date)
    attach(p, comment, None if kind is None else
           lambda run: writer.rev.wrap(kind, [run], touch.delegation))


def _single(writer: _Writer, item: Item) -> None:
    touch = item.touches[0]
    if touch.op == "deleted":
        writer.add(writer.rev.whole(writer.element(item.paragraph), "del", touch.delegation),
                   True)
        return
    assert touch.paragraph is not None and touch.words is not None
    if _shape(touch.paragraph) != _shape(item.paragraph):
        rev = writer.rev
        writer.add(rev.whole(writer.element(item.paragraph), "del", touch.delegation), True)
        writer.add(rev.whole(writer.element(touch.paragraph), "ins", touch.delegation), True)
        return
    runs = word_runs(touch.words, item.paragraph, touch.paragraph, writer.rev,
                     author=touch.delegation)
    # the style and number stay the base paragraph's; each side's footnote marks come with
    # its words
    writer.add(writer.element(item.paragraph, runs=runs), False)


def _alternative(writer: _Writer, base: Paragraph, delegation: str,
                 proposed: Paragraph | None) -> Any:
    """An inserted paragraph: `[Delegation] their wording` (or their proposal to delete)."""
    p = el("p")
    ppr = el("pPr", parent=p)
    el("pStyle", {"val": layout.paragraph_style(base)}, parent=ppr)
    label = layout.text_run(f"[{delegation}] ", bold=True)
    if proposed is None:
        runs = [label, layout.text_run("delete this paragraph", italic=True)]
    else:
        runs = [label, *layout.plain_runs(proposed, writer.skeleton.footnotes)]
    p.append(writer.rev.wrap("ins", runs, delegation))
    writer.rev.mark_paragraph(p, "ins", delegation)
    return p
