"""A change of white space only is shown as one: the spaces deleted and inserted, not the words
around them, in every diff output; with --ignore-typography the paragraphs are equal."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from asp_draft.compare.diff import diff_documents
from asp_draft.model import Document, Paragraph
from asp_draft.text.words import diff_words, new_text, old_text
from asp_draft.writers.redline import render_redline
from tests.test_redline import DATE, view

OLD = "Recalling the Court,  and the Statute,"
NEW = "Recalling the Court, and the Statute,"


def test_spaces_are_the_change() -> None:
    """`Court,  and` -> `Court, and`: the two spaces out, one in; the words stay equal."""
    assert diff_words(OLD, NEW) == [("equal", "Recalling the Court,"), ("delete", "  "),
                                    ("insert", " "), ("equal", "and the Statute,")]
    assert diff_words("the Court, and", "the Court,\tand") == [
        ("equal", "the Court,"), ("delete", " "), ("insert", "\t"), ("equal", "and")]
    assert diff_words("the Court,", "the Court, ") == [("equal", "the Court,"),
                                                       ("insert", " ")]
    # a typographic change of the word itself is still the token replaced
    assert diff_words("the “Court” and", 'the "Court" and') == [
        ("equal", "the "), ("delete", "“Court” "), ("insert", '"Court" '), ("equal", "and")]


def _write(folder: Path) -> tuple[Path, Path]:
    old, new = folder / "old.txt", folder / "new.txt"
    old.write_text(f"The Assembly of States Parties,\n\n{OLD}\n", encoding="utf-8")
    new.write_text(f"The Assembly of States Parties,\n\n{NEW}\n", encoding="utf-8")
    return old, new


def test_text_and_json_show_the_spaces(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """The text diff marks the spaces; JSON's `words` holds the same runs."""
    old, new = _write(tmp_path)
    text = cli("diff", old, new, "--format", "text")
    assert "Recalling the Court,[-  -]{+ +}and the Statute," in text.out
    words = json.loads(cli("diff", old, new, "--format", "json").out)["changes"][0]["words"]
    assert words == [{"op": "equal", "text": "Recalling the Court,"},
                     {"op": "delete", "text": "  "}, {"op": "insert", "text": " "},
                     {"op": "equal", "text": "and the Statute,"}]
    folded = json.loads(cli("diff", old, new, "--format", "json", "--ignore-typography").out)
    assert folded["summary"]["equal"] == 1 and folded["summary"]["modified"] == 0
    assert cli("diff", old, new, "--ignore-typography", "--exit-code").code == 0


def test_redline_tracks_only_the_spaces() -> None:
    """In Word the deletion is the two spaces and the insertion one; accept and reject exact."""
    old = Document({}, [Paragraph(part="preamble", text=OLD, lead="Recalling")])
    new = Document({}, [Paragraph(part="preamble", text=NEW, lead="Recalling")])
    data = render_redline(diff_documents(old, new), date=DATE)
    assert view(data, accept=True)[-1] == NEW  # after the head ("Draft resolution")
    assert view(data, accept=False)[-1] == OLD
    import io
    import zipfile

    from lxml import etree

    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert ["".join(d.itertext()) for d in body.iter(w + "del")] == ["  "]
    assert ["".join(i.itertext()) for i in body.iter(w + "ins")] == [" "]


_WORDS = st.lists(st.sampled_from(["the", "Court,", "Statute", "“Rome”", "and", "of"]),
                  min_size=1, max_size=8)
_SPACE = st.sampled_from([" ", "  ", "\t", " \n"])


@given(_WORDS, st.lists(_SPACE, min_size=8, max_size=8),
       st.lists(_SPACE, min_size=8, max_size=8))
def test_respacing_never_touches_a_word(words: list[str], a: list[str], b: list[str]) -> None:
    """Same words, other spacing: every deleted or inserted run is white space, and the
    operations give back both texts exactly."""
    old = "".join(w + s for w, s in zip(words, a, strict=False))
    new = "".join(w + s for w, s in zip(words, b, strict=False))
    ops = diff_words(old, new)
    assert old_text(ops) == old and new_text(ops) == new
    assert all(not text.strip() for op, text in ops if op != "equal")
