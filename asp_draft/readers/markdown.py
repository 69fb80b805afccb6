"""Markdown resolutions (.md) -> blocks -> Document: front matter, `*Lead*`, `#` headings.

`# Annex` (and the `# Title` after it) opens an annex; other `#` lines (and a line underlined
with dashes) are headings in the operative part. The body rules are those of plain text
(readers/text.py). A Markdown copy of a published PDF marks each page's end with a rule (`---`):
a rule is no heading, and a paragraph it cuts is joined; a `[^N]:` note whose mark the copy lost
gets one (its bare figure in the text, or the end of the paragraph above it), said on stderr.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from asp_draft.errors import InputError
from asp_draft.library.yamlio import load_yaml
from asp_draft.model import Document
from asp_draft.readers.pasted import Lines
from asp_draft.readers.pasted_pages import find_mark
from asp_draft.readers.text import body_source, split_lines
from asp_draft.text.structure import (
    PARAGRAPH_ENDS,
    SENTENCE_ENDS,
    Notify,
    Role,
    Run,
    Source,
    classify,
    quiet,
)
from asp_draft.textfile import read_text

_ANNEX = re.compile(r"#\s+Annex(?:es)?\b.*")
# A thematic break: a Markdown copy of a PDF marks each page's end with one (`---`, `* * *`).
_RULE = re.compile(r" {0,3}([-*_])(?: *\1){2,} *")
_PAGE = "\f"  # a page rule's place among the groups
_NOTE_DEF = re.compile(r"\[\^([^\]\s]+)\]:")
_MARK = re.compile(r"\[\^([^\]\s]+)\]")
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_TRAILING_MARKS = r"(?:\[\^[^\]\s]+\])+$"
_LABEL = r"(?:\d{1,3}(?: [a-z]+)?\.|\([a-z]{1,4}\))\s"  # `12.`, `(b)`: a paragraph's opening


def read_markdown_file(path: Path, notify: Notify = quiet) -> Document:
    """Read a Markdown resolution from disk."""
    return parse_markdown(read_text(path), str(path), notify)


def parse_markdown(text: str, source: str, notify: Notify = quiet) -> Document:
    """Parse Markdown: front matter between `---` lines, then the body rules of plain text."""
    return classify(markdown_source(text, source, notify), notify)


def markdown_source(text: str, source: str, notify: Notify = quiet) -> Source:
    """The blocks of a Markdown resolution, with `#` lines as headings and annexes."""
    lines = split_lines(text)
    declared, start = _front_matter(lines, source)
    groups = _tied_notes(_across_rules(_groups(lines, start), source, notify), source, notify)
    roles: list[Role | None] = []
    for group in groups:
        first = group[0][1]
        if _ANNEX.fullmatch(first) and first.startswith("# "):
            roles.append("annex")
        elif first.startswith("# ") and roles and roles[-1] == "annex":
            roles.append("annex-title")
        else:
            roles.append("heading" if first.startswith("#") else None)
    found = body_source(groups, {}, declared, source, markdown=True)
    return _with_roles(found, groups, roles)


def _front_matter(lines: list[str], source: str) -> tuple[dict[str, Any], int]:
    """The metadata of the YAML front matter between `---` lines that may open the text, and
    the index of the line after it."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise InputError("front matter opened with '---' is never closed", source=source,
                         line=1) from None
    data = load_yaml("\n".join(lines[1:end]), source)
    if data is not None and not isinstance(data, dict):
        raise InputError("front matter must be a YAML mapping", source=source, line=2)
    return {str(k): _front_value(v) for k, v in (data or {}).items()}, end + 1


def _groups(lines: list[str], start: int) -> list[Lines]:
    """The body's blocks of lines; a page rule (`---`) a block `_PAGE` of its own."""
    groups: list[Lines] = []
    current: Lines = []
    for number, line in enumerate(lines[start:], start + 1):
        rule = _RULE.fullmatch(line)
        if rule and len(current) == 1 and _setext_title(current[0][1]):
            groups.append([(current[0][0], f"## {current[0][1].strip()}")])  # `Title` / `---`
            current = []
            continue
        # a `#` line is a block of its own, blank lines around it or not
        if not line.strip() or line.lstrip().startswith("#") or rule:
            if current:
                groups.append(current)
                current = []
            if rule:
                groups.append([(number, _PAGE)])
            elif line.strip():
                groups.append([(number, line.strip())])
            continue
        current.append((number, line))
    if current:
        groups.append(current)
    return groups


def _setext_title(line: str) -> bool:
    """Whether a line alone above `---` is a heading (`A. Universality`), not a page's end."""
    text = line.strip()
    return 0 < len(text) <= 80 and not text.endswith(PARAGRAPH_ENDS) and \
        not _NOTE_DEF.match(text)


def _across_rules(groups: list[Lines], source: str, notify: Notify) -> list[Lines]:
    """The groups without page rules; a paragraph a rule cut in two joined (each join said)."""
    out: list[Lines] = []
    ruled = False
    for group in groups:
        if group[0][1] == _PAGE:
            ruled = True
            continue
        # the paragraph before the rule: the last one, past notes printed at the page's foot
        at = next((i for i in range(len(out) - 1, -1, -1) if not _NOTE_DEF.match(out[i][0][1])),
                  None)
        if ruled and at is not None and _cut(out[at], group):
            tail = " ".join(out[at][-1][1].split()[-3:])
            notify(f"{source}:{group[0][0]}: joined a paragraph cut by a page rule (---) after "
                   f"'…{tail}'")
            out[at] = out[at] + group
        else:
            out.append(group)
        ruled = False
    return out


def _cut(before: Lines, after: Lines) -> bool:
    """Whether `after` is the rest of the paragraph `before` (a page rule stands between)."""
    first, last = after[0][1].strip(), re.sub(_TRAILING_MARKS, "", before[-1][1].strip())
    if before[0][1].lstrip().startswith("#") or first.startswith("#") or _NOTE_DEF.match(first) \
            or re.match(_LABEL, first) or not last:
        return False
    if last.endswith(SENTENCE_ENDS):
        return False
    return first[:1].islower() or not last.endswith(",")  # `,`: a preambular paragraph's end


def _tied_notes(groups: list[Lines], source: str, notify: Notify) -> list[Lines]:
    """Groups where each `[^N]:` note has a mark: a bare figure read as it, or one put at the
    end of the paragraph above the note (each said); a note is never silently dropped."""
    marked = {m.group(1) for group in groups for _, t in group for m in _MARK.finditer(t)
              if not _NOTE_DEF.match(t[m.start():])}
    defined = [(at, m.group(1)) for at, group in enumerate(groups)
               if (m := _NOTE_DEF.match(group[0][1].strip()))]
    place = (0, 0)
    for at, key in defined:
        if key in marked:
            continue
        if _raised_mark(groups[:at], key):
            notify(f"{source}:{groups[at][0][0]}: read the raised {key} in the text as the mark "
                   f"of footnote [^{key}]")
            continue
        lines = [(g, i) for g, group in enumerate(groups[:at]) for i in range(len(group))
                 if _is_text(group)]
        texts = [groups[g][i][1] for g, i in lines]
        hit = find_mark(texts, int(key), place) if key.isdecimal() else None
        if hit is not None:
            line, start, end = hit
            g, i = lines[line]
            number, text = groups[g][i]
            rest = text[end:]
            gap = " " if rest[:1].isspace() and rest.strip()[:1].isalnum() else ""
            groups[g][i] = (number, f"{text[:start]}[^{key}]{gap}{rest.lstrip()}")
            place = (line, start + len(key) + 3)
            notify(f"{source}:{number}: read the figure {key} after "
                   f"'{text[:start].split()[-1] if text[:start].split() else ''}' as the mark "
                   f"of footnote [^{key}], which has no [^{key}] in the text")
            continue
        above = next((g for g in range(at - 1, -1, -1) if _is_text(groups[g])), None)
        where = groups[at][0][0]
        if above is None:
            notify(f"{source}:{where}: footnote [^{key}] has no mark and no paragraph above it; "
                   "it is left out")
            continue
        number, text = groups[above][-1]
        groups[above][-1] = (number, text.rstrip() + f"[^{key}]")
        notify(f"{source}:{where}: footnote [^{key}] has no mark in the text; it is put at the "
               f"end of the paragraph at line {groups[above][0][0]}")
    return groups


def _raised_mark(groups: list[Lines], key: str) -> bool:
    """Turn the first raised `key` (`<sup>7</sup>`, `^7^`, `⁷`) in the groups into its mark."""
    raised = key.translate(_SUPERSCRIPTS) if key.isdecimal() else None
    pattern = re.compile(rf"<sup>\s*{re.escape(key)}\s*</sup>|\^{re.escape(key)}\^" +
                         (rf"|(?<![⁰¹²³⁴⁵⁶⁷⁸⁹]){raised}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])" if raised else ""))
    for group in groups:
        if not _is_text(group):
            continue
        for i, (number, text) in enumerate(group):
            m = pattern.search(text)
            if m:
                group[i] = (number, f"{text[:m.start()]}[^{key}]{text[m.end():]}")
                return True
    return False


def _is_text(group: Lines) -> bool:
    """Whether a group is a paragraph's lines (not a `#` line or a note's text)."""
    first = group[0][1].strip()
    return not first.startswith("#") and not _NOTE_DEF.match(first)


def _with_roles(found: Source, groups: list[Lines], roles: list[Role | None]) -> Source:
    """Set the roles the `#` lines give, and take the `#` marks out of their text."""
    by_line = {g[0][0]: r for g, r in zip(groups, roles, strict=True)}
    for block in found.blocks:
        role = by_line.get(block.line)
        if role is None:
            continue
        block.role = role
        first = block.runs[0]
        block.runs[0] = Run(first.text.lstrip("#").lstrip(), first.italic, first.note)
    return found


_BOOLEAN_KEYS = {"True": "yes", "False": "no"}


def _front_value(value: Any) -> Any:
    """A front-matter value as metadata: a scalar as it is, a list (sponsors) or mapping (a
    vote) of scalars kept as one, anything else (a date, a nested list) as its text."""
    if isinstance(value, int | str | float | bool) or value is None:
        return value
    if isinstance(value, list) and all(isinstance(v, int | str | float) for v in value):
        return [v if isinstance(v, int) else str(v) for v in value]
    if isinstance(value, dict) and all(isinstance(v, int | str) for v in value.values()):
        # YAML 1.1 reads an unquoted `yes:`/`no:` key (a vote's) as a boolean, which the
        # YAML reader gives as its text
        return {_BOOLEAN_KEYS.get(str(k), str(k)): v for k, v in value.items()}
    return str(value)
