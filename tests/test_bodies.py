"""The bodies table and the symbol grammar it writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asp_draft.errors import LibraryError
from asp_draft.library import bodies
from asp_draft.symbols import looks_like_symbol

TABLE = bodies.table()


@pytest.mark.parametrize(("text", "body", "kind", "session", "year", "number"), [
    ("ICC-ASP/17/Res.5", "asp", "resolution", 17, None, 5),
    ("ICC-ASP/17/L.4", "asp", "draft", 17, None, 4),
    ("A/RES/80/6", "ga", "resolution", 80, None, 6),
    ("A/80/L.9", "ga", "draft", 80, None, 9),
    ("A/C.6/80/L.24/Rev.1", "ga-c6", "draft", 80, None, 24),
    ("A/C.3/80/L.8", "ga-c3", "draft", 80, None, 8),
    ("S/RES/2803 (2025)", "sc", "resolution", None, 2025, 2803),
    ("A/HRC/RES/58/1", "hrc", "resolution", 58, None, 1),
    ("A/HRC/58/L.12", "hrc", "draft", 58, None, 12),
    ("E/RES/2024/5", "ecosoc", "resolution", None, 2024, 5),
])
def test_symbols_say_whose_they_are(text: str, body: str, kind: str, session: int | None,
                                    year: int | None, number: int) -> None:
    symbol = TABLE.parse_symbol(text)
    assert symbol is not None
    assert (symbol.body, symbol.kind, symbol.session, symbol.year, symbol.number) == (
        body, kind, session, year, number)


def test_special_sessions_and_revisions() -> None:
    special = TABLE.parse_symbol("A/RES/ES-11/1")
    assert special is not None and special.special and special.session is None
    rev = TABLE.parse_symbol("A/C.6/80/L.24/Rev.2")
    assert rev is not None and rev.revision == 2 and rev.draft


def test_a_symbol_of_no_body_is_still_a_symbol() -> None:
    assert TABLE.parse_symbol("A/80/123") is None
    assert looks_like_symbol("A/80/123") and looks_like_symbol("S/RES/2803 (2025)")
    assert not looks_like_symbol("2024") and not looks_like_symbol("Rome Statute")


@given(body=st.sampled_from([b for b in TABLE if b.resolution]),
       session=st.integers(1, 120), year=st.integers(1946, 2099), number=st.integers(1, 9999))
def test_a_written_resolution_symbol_reads_back(body: bodies.Body, session: int, year: int,
                                                number: int) -> None:
    text = body.resolution_symbol(session=session, year=year, number=number)
    assert text is not None
    symbol = TABLE.parse_symbol(text)
    assert symbol is not None and symbol.body == body.key and symbol.kind == "resolution"
    assert symbol.number == number
    assert symbol.session in (session, None) and symbol.year in (year, None)


def test_sessions_by_body() -> None:
    ga, asp, hrc, sc, ecosoc = (TABLE[k] for k in ("ga", "asp", "hrc", "sc", "ecosoc"))
    assert ga.sessions.opening_in(2025) == 80
    assert ga.sessions.of_date(dt.date(2024, 10, 29)) == 79  # the 79th opened in September 2024
    assert ga.sessions.of_date(dt.date(2025, 3, 1)) == 79
    assert asp.sessions.opening_in(2025) == 24 and asp.sessions.year_of(24) == 2025
    assert hrc.sessions.opening_in(2025) == 58 and hrc.sessions.next(58) == 61
    assert hrc.sessions.of_date(dt.date(2025, 4, 4)) is None  # three a year: a date can't tell
    assert not sc.sessions.held and sc.sessions.opening_in(2025) is None
    assert ecosoc.sessions.name(2025) == "2025 session"
    assert ga.sessions.name(80) == "eightieth session"


def test_a_body_is_known_by_its_symbol_then_its_chapeau() -> None:
    assert TABLE.of_meta({"symbol": "A/RES/79/6"}).key == "ga"  # type: ignore[union-attr]
    assert TABLE.of_meta({"chapeau": "The Security Council,"}).key == "sc"  # type: ignore[union-attr]
    assert TABLE.of_meta({"body": "hrc", "symbol": "A/RES/79/6"}).key == "hrc"  # type: ignore[union-attr]
    assert TABLE.of_meta({"chapeau": "The Conference,"}) is None
    assert TABLE.adopting(TABLE["ga-c6"]).key == "ga"


def test_a_library_adds_and_overrides_bodies(tmp_path: Path) -> None:
    (tmp_path / "bodies.yaml").write_text(
        "bodies:\n"
        "  unesco:\n"
        "    name: General Conference of UNESCO\n"
        "    chapeau: The General Conference,\n"
        "    sessions: {first: 1946, per_year: 1}\n"
        "    resolution: \"{session} C/Res.{number}\"\n"
        "  asp:\n"
        "    name: Assembly of States Parties\n"
        "    chapeau: The Assembly,\n"
        "    sessions: {first: 2002}\n", encoding="utf-8")
    table = bodies.table([tmp_path])
    assert table["asp"].chapeau == "The Assembly,"
    symbol = table.parse_symbol("43 C/Res.12")
    assert symbol is not None and symbol.body == "unesco" and symbol.session == 43
    assert bodies.table()["asp"].chapeau == "The Assembly of States Parties,"
    # a library's folders, the bundled one among them, give the user's table: the bundled
    # table is where it starts, never read again over a user's entry
    from asp_draft.folders import bundled_path

    assert bodies.table([bundled_path(), tmp_path]) is table
    assert bodies.table([tmp_path, bundled_path()])["asp"].chapeau == "The Assembly,"


@pytest.mark.parametrize(("text", "line", "cause"), [
    ("bodies:\n  x:\n    name: X\n", 3, "'chapeau' must be text"),
    ("bodies:\n  x:\n    name: X\n    chapeau: The X,\n    resolution: \"X/{sesion}\"\n", 5,
     "unknown field {sesion}"),
    ("bodies:\n  x:\n    name: X\n    chapeau: The X,\n    sessions: {opens: 13}\n", 5,
     "'opens' is a month"),
    ("bodies:\n  X Y:\n    name: X\n", 2, "a key is lower-case"),
])
def test_a_bad_table_is_named_with_its_line(tmp_path: Path, text: str, line: int,
                                            cause: str) -> None:
    (tmp_path / "bodies.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LibraryError) as e:
        bodies.table([tmp_path])
    assert cause in str(e.value) and e.value.line == line


def test_a_body_a_library_adds_is_laid_out_by_its_own_entry(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "bodies.yaml").write_text(
        "bodies:\n  unesco:\n    name: General Conference of UNESCO\n"
        "    chapeau: The General Conference,\n    issuer: [UNESCO, General Conference]\n"
        "    sessions: {first: 1946, opens: 11}\n"
        "    resolution: \"{session} C/Res.{number}\"\n", encoding="utf-8")
    source = tmp_path / "u.txt"
    source.write_text("# symbol: 43 C/Res.12\n# title: Culture\n# adopted: 2025-11-13\n\n"
                      "The General Conference,\n\n1. Decides to act.\n", encoding="utf-8")
    for fmt, suffix in (("docx", ".docx"), ("html", ".html")):
        out = tmp_path / f"u{suffix}"
        result = cli("--library", lib, "build", source, "-o", out)
        assert result.code == 0, result.err
        text = zipfile.ZipFile(out).read("word/document.xml").decode() if fmt == "docx" \
            else out.read_text(encoding="utf-8")
        assert "UNESCO" in text and "Forty-third session" in text, fmt


def test_a_council_draft_prints_its_number_before_its_title_and_reads_back(
        tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    import json
    import re
    import zipfile

    source = tmp_path / "d.txt"
    source.write_text("# symbol: A/HRC/58/L.12\n# title: Freedom of opinion and expression\n"
                      "# sponsors: Canada, Mexico\n\nThe Human Rights Council,\n\n"
                      "1. Decides to continue its consideration of the question.\n",
                      encoding="utf-8")
    out = tmp_path / "d.docx"
    assert cli("build", source, "-o", out).code == 0
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    words = " ".join(re.sub(r"<[^>]+>", " ", xml).split())
    assert "draft resolution 58/... Freedom of opinion and expression" in words
    shown = json.loads(cli("show", out, "--format", "json").out)
    assert shown["meta"]["title"] == "Freedom of opinion and expression"
    # a General Assembly draft prints no number before its title
    source.write_text(source.read_text(encoding="utf-8").replace("A/HRC/58/L.12", "A/80/L.12")
                      .replace("The Human Rights Council,", "The General Assembly,"),
                      encoding="utf-8")
    assert cli("build", source, "-o", out, "--force").code == 0
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "80/..." not in xml and "Freedom of opinion" in xml


def test_a_draft_number_names_only_session_or_year(tmp_path: Path) -> None:
    (tmp_path / "bodies.yaml").write_text(
        "bodies:\n  x:\n    name: X\n    chapeau: The X,\n    draft_number: \"{number}/...\"\n",
        encoding="utf-8")
    with pytest.raises(LibraryError) as e:
        bodies.table([tmp_path])
    assert "'draft_number'" in str(e.value) and e.value.line == 5


def test_a_body_is_found_by_its_key_or_its_printed_name() -> None:
    assert TABLE.named("ga") is TABLE["ga"]
    assert TABLE.named("  general   ASSEMBLY ") is TABLE["ga"]
    assert TABLE.named("Human Rights Council") is TABLE["hrc"]
    assert TABLE.named("General Conference") is None
