"""A document keeps its body in the core: show, build, import, adopt and lint name it, count
its session as that body counts them, keep its chapeau as printed, and take every symbol as
a REF; symbols.py reads symbols' shapes for the readers, which load no table.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asp_draft.compare.lint import lint
from asp_draft.errors import InputError
from asp_draft.library import bodies
from asp_draft.library.bodies import body_session, document_body, with_body
from asp_draft.model import Document, Paragraph
from asp_draft.readers.text import parse_text
from asp_draft.symbols import printed_symbol, session_of
from tests.conftest import one_line_error

PDFS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "un-pdfs"
TABLE = bodies.table()

# Four texts of four bodies, each with a symbol of a kind a REF must take: a dot in its last
# part, a revision, a Council's year in brackets, a Council of the Assembly's.
TEXTS = {
    "A/C.3/80/L.8": ("Rights of the child", "2025-11-20", "The General Assembly,",
                     ["Recalling its resolutions on the rights of the child,"],
                     ["Calls upon States to protect the rights of every child;",
                      "Decides to continue its consideration of the question at its "
                      "eighty-first session."]),
    "A/C.6/80/L.24/Rev.1": ("Crimes against humanity", "2025-11-21", "The General Assembly,",
                            ["Recalling its resolution 79/122 of 4 December 2024,"],
                            ["Decides to convene a conference of plenipotentiaries;",
                             "Requests the Secretary-General to report to it at its "
                             "eighty-first session."]),
    "S/RES/2803 (2025)": ("Resolution 2803 (2025)", "2025-11-17", "The Security Council,",
                          ["Recalling its previous resolutions on the situation in the region,"],
                          ["Decides to extend the mandate of the Mission until 31 March 2026;",
                           "Decides to remain seized of the matter."]),
    "A/HRC/RES/58/1": ("Situation of human rights in the region", "2025-04-03",
                       "The Human Rights Council,",
                       ["Recalling its previous resolutions on the region,"],
                       ["Requests the High Commissioner to present a report to it at its "
                        "sixty-first session;", "Decides to remain seized of the matter."]),
}
BODY = {"A/C.3/80/L.8": "ga-c3", "A/C.6/80/L.24/Rev.1": "ga-c6", "S/RES/2803 (2025)": "sc",
        "A/HRC/RES/58/1": "hrc"}
SESSION = {"A/C.3/80/L.8": 80, "A/C.6/80/L.24/Rev.1": 80, "S/RES/2803 (2025)": None,
           "A/HRC/RES/58/1": 58}


def _text(symbol: str, *, head: str = "") -> str:
    title, adopted, chapeau, preamble, operative = TEXTS[symbol]
    lines = [f"# symbol: {symbol}", f"# title: {title}", f"# adopted: {adopted}", head, "",
             chapeau, ""]
    lines += [f"{p}\n" for p in preamble]
    lines += [f"{n}. {p}\n" for n, p in enumerate(operative, 1)]
    return "\n".join(line for line in lines if line is not None)


@pytest.fixture
def held(cli: Any, tmp_path: Path) -> Path:
    """A library holding the four texts, adopted from text files in one run."""
    files = []
    for i, symbol in enumerate(TEXTS):
        path = tmp_path / f"t{i}.txt"
        path.write_text(_text(symbol), encoding="utf-8")
        files.append(str(path))
    library = tmp_path / "lib"
    result = cli("adopt", *files, "--into", str(library))
    assert result.code == 0, result.err
    return library


# --- symbols: shapes the readers use without the table --------------------------------------

@pytest.mark.parametrize(("symbol", "session"), [
    ("A/RES/79/6", 79), ("A/C.3/80/L.8", 80), ("A/C.6/80/L.24/Rev.1", 80),
    ("ICC-ASP/17/Res.5", 17), ("ICC-ASP/17/L.4", 17), ("A/HRC/RES/58/1", 58),
    ("A/HRC/58/L.1", 58), ("A/80/L.9", 80),
    ("S/RES/2803 (2025)", None), ("S/2025/123", None), ("E/RES/2024/5", None),
    ("A/RES/ES-11/1", None), ("A/RES/S-33/1", None), ("Rome Statute", None),
])
def test_a_symbol_says_its_session_by_its_shape(symbol: str, session: int | None) -> None:
    assert session_of(symbol) == session


@given(st.sampled_from([b for b in TABLE if b.resolution and "{session}" in b.resolution]),
       st.integers(1, 999), st.integers(1, 999))
def test_the_shape_gives_the_session_a_template_writes(body: bodies.Body, session: int,
                                                       number: int) -> None:
    symbol = body.resolution_symbol(session=session, number=number)
    assert symbol is not None
    assert session_of(symbol) == session
    assert TABLE.parse_symbol(symbol).session == session  # type: ignore[union-attr]


@pytest.mark.parametrize(("line", "symbol"), [
    ("S/RES/2931 (2031)      Made-up text", "S/RES/2931 (2031)"),
    ("A/RES/79/6 Report of the International Criminal Court", "A/RES/79/6"),
    ("Report of the Court    A/C.6/80/L.24/Rev.1", "A/C.6/80/L.24/Rev.1"),
    ("ICC-ASP/16/Res.6", "ICC-ASP/16/Res.6"),
    ("Israeli/Palestinian talks", None), ("and/or", None), ("25-18301 2/5", None),
])
def test_a_running_head_prints_its_symbol_whole(line: str, symbol: str | None) -> None:
    assert printed_symbol(line) == symbol


# --- which body, and its session ----------------------------------------------------------

@pytest.mark.parametrize(("meta", "key"), [
    ({"body": "hrc", "symbol": "A/RES/79/6"}, "hrc"),  # named: it is so
    ({"body": "General Assembly", "symbol": "A/HRC/RES/58/1"}, "hrc"),  # a printed name yields
    ({"body": "Human Rights Council"}, "hrc"),  # ... to the symbol, else names the body
    ({"symbol": "A/C.3/80/L.8"}, "ga-c3"),
    ({"chapeau": "The Security Council,"}, "sc"),
    ({"title": "x"}, None),
])
def test_a_document_s_body(meta: dict[str, Any], key: str | None) -> None:
    found = document_body(meta, TABLE)
    assert (found.key if found else None) == key


def test_an_unknown_body_key_is_an_error_at_its_line() -> None:
    with pytest.raises(InputError) as caught:
        document_body({"body": "gax"}, TABLE, source="a.txt", line=3)
    assert str(caught.value).startswith("a.txt:3: unknown body 'gax'")


@pytest.mark.parametrize(("meta", "body", "session"), [
    ({"symbol": "A/RES/79/6"}, "ga", 79),
    ({"adopted": "2025-10-01"}, "ga", 80),  # the session opens in September
    ({"adopted": "2025-08-31"}, "ga", 79),
    ({"year": 2025}, "ga", 80),  # a draft with no symbol: the session opening in its year
    ({"adopted": "2025-11-17", "symbol": "S/RES/2803 (2025)"}, "sc", None),
    ({"symbol": "A/HRC/RES/58/1", "adopted": "2025-04-03"}, "hrc", 58),
    ({"symbol": "A/C.3/80/L.8"}, "ga", 80),  # a committee's draft adopted by its Assembly
])
def test_a_body_s_session(meta: dict[str, Any], body: str, session: int | None) -> None:
    assert body_session(meta, TABLE[body], TABLE) == session


def test_with_body_names_the_key_after_the_symbol_and_adds_the_session() -> None:
    doc = parse_text("# symbol: A/RES/80/6\n# adopted: 2025-10-29\n\nThe General Assembly,\n\n"
                     "1. Decides to act.\n", "g.txt")
    named = with_body(doc, TABLE)
    assert list(named.meta)[:2] == ["symbol", "body"]
    assert named.meta["body"] == "ga" and named.meta["session"] == 80


# --- show, build, import: the body kept ------------------------------------------------------

def test_show_of_a_held_text_is_its_body_s(cli: Any, held: Path) -> None:
    for symbol in TEXTS:
        shown = cli("--library", str(held), "show", symbol, "--format", "json")
        assert shown.code == 0, shown.err
        meta = json.loads(shown.out)["meta"]
        assert (meta["symbol"], meta["body"], meta.get("session"), meta["chapeau"]) == (
            symbol, BODY[symbol], SESSION[symbol], TEXTS[symbol][2])
        text = cli("--library", str(held), "show", symbol)
        assert f"# body: {BODY[symbol]}\n" in text.out
        assert ("# session:" in text.out) == (SESSION[symbol] is not None)
        assert f"\n{TEXTS[symbol][2]}\n" in text.out


def test_every_command_taking_a_ref_takes_every_symbol(cli: Any, held: Path,
                                                       tmp_path: Path) -> None:
    lib = ["--library", str(held)]
    for symbol in TEXTS:
        assert cli(*lib, "lint", symbol).code == 0, symbol
        blamed = cli(*lib, "blame", symbol, "--json")
        assert blamed.code == 0 and len(json.loads(blamed.out)) == 3, blamed.err
        built = cli(*lib, "build", symbol, "-o", str(tmp_path / "out.txt"), "--force")
        assert built.code == 0, built.err
        assert f"# body: {BODY[symbol]}" in (tmp_path / "out.txt").read_text(encoding="utf-8")
        rolled = cli(*lib, "new", "2026", "--from", symbol, "-o", "-")
        assert rolled.code == 0, rolled.err
        assert f"chapeau: {TEXTS[symbol][2]}" in rolled.out
    compared = cli(*lib, "diff", "A/C.3/80/L.8", "A/C.6/80/L.24/Rev.1", "--format", "json")
    assert compared.code == 0, compared.err


def test_adopt_writes_the_body_and_the_chapeau(held: Path) -> None:
    text = (held / "resolutions" / "s-res-2803-2025.yaml").read_text(encoding="utf-8")
    assert "\nbody: sc\n" in text and "\nchapeau: The Security Council,\n" in text
    assert "\nsession:" not in text  # the Council has no sessions
    text = (held / "resolutions" / "a-hrc-res-58-1.yaml").read_text(encoding="utf-8")
    assert "\nbody: hrc\n" in text and "\nsession: 58\n" in text


def test_adopt_takes_a_council_symbol_in_brackets(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "sc.txt"
    path.write_text(_text("S/RES/2803 (2025)").replace("# symbol: S/RES/2803 (2025)\n", ""),
                    encoding="utf-8")
    adopted = cli("adopt", str(path), "--symbol", "S/RES/2803  (2025)", "--into",
                  str(tmp_path / "lib"))
    assert adopted.code == 0, adopted.err
    shown = cli("--library", str(tmp_path / "lib"), "show", "S/RES/2803 (2025)")
    assert shown.out.startswith("# symbol: S/RES/2803 (2025)\n# body: sc\n")


def test_the_text_format_reads_its_body_back(cli: Any, tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text(_text("A/HRC/RES/58/1"), encoding="utf-8")
    shown = cli("show", str(first))
    again = tmp_path / "b.txt"
    again.write_text(shown.out, encoding="utf-8")
    assert cli("show", str(again)).out == shown.out
    as_json = json.loads(cli("show", str(again), "--format", "json").out)["meta"]
    assert as_json["body"] == "hrc" and as_json["session"] == 58


def test_an_unknown_body_in_a_text_or_spec_is_one_line(cli: Any, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("# symbol: X/1/2\n# body: gax\n\nThe X,\n\n1. Decides.\n", encoding="utf-8")
    line = one_line_error(cli("show", str(text)))
    assert line.startswith(f"asp-draft: error: {text}:2: unknown body 'gax'")
    spec = tmp_path / "d.yaml"
    spec.write_text("year: 2025\ntitle: T\nbody: gax\npreamble: []\noperative:\n"
                    "  - text: '*Decides* to act.'\n", encoding="utf-8")
    line = one_line_error(cli("build", str(spec), "-o", str(tmp_path / "d.txt")))
    assert line.startswith(f"asp-draft: error: {spec}:3: unknown body 'gax'")


def test_a_spec_of_another_body_takes_its_session_not_the_asp_s(cli: Any,
                                                                tmp_path: Path) -> None:
    spec = tmp_path / "d.yaml"
    spec.write_text("year: 2025\ntitle: T\nbody: ga\npreamble: []\noperative:\n"
                    "  - template: '*Decides* to meet at its {{ (session + 1) | ordinal_word }}"
                    " session.'\n", encoding="utf-8")
    shown = json.loads(cli("show", str(spec), "--format", "json").out)
    assert shown["meta"]["session"] == 80 and shown["meta"]["chapeau"] == "The General Assembly,"
    assert shown["paragraphs"][0]["text"] == "Decides to meet at its eighty-first session."
    council = spec.read_text(encoding="utf-8").replace("body: ga", "body: sc").replace(
        "{{ (session + 1) | ordinal_word }} session", "next meeting")
    spec.write_text(council, encoding="utf-8")
    meta = json.loads(cli("show", str(spec), "--format", "json").out)["meta"]
    assert meta.get("session") is None and meta["chapeau"] == "The Security Council,"


def test_a_library_s_own_body_is_honoured(cli: Any, tmp_path: Path) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    (library / "bodies.yaml").write_text(
        "bodies:\n  unea:\n    name: United Nations Environment Assembly\n"
        "    chapeau: The United Nations Environment Assembly,\n"
        "    sessions: {first: 2014, per_year: 1}\n"
        "    resolution: 'UNEP/EA.{session}/Res.{number}'\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("# body: unea\n# year: 2024\n\nThe United Nations Environment Assembly,\n\n"
                    "1. Decides to act.\n", encoding="utf-8")
    assert cli("show", str(text)).code == 2  # the bundled table does not know it
    shown = cli("--library", str(library), "show", str(text), "--format", "json")
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)["meta"]["body"] == "unea"
    spec = tmp_path / "d.yaml"
    spec.write_text("year: 2024\ntitle: T\nsymbol: UNEP/EA.6/Res.3\npreamble: []\n"
                    "operative:\n  - text: '*Decides* to act.'\n", encoding="utf-8")
    meta = json.loads(cli("--library", str(library), "show", str(spec), "--format",
                          "json").out)["meta"]
    assert (meta["body"], meta["session"], meta["chapeau"]) == (
        "unea", 6, "The United Nations Environment Assembly,")


def test_import_keeps_the_body_and_the_chapeau(cli: Any, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(_text("S/RES/2803 (2025)"), encoding="utf-8")
    imported = cli("import", str(text), "-o", "-")
    assert imported.code == 0, imported.err
    assert "\nbody: sc\n" in imported.out
    assert "\nchapeau: The Security Council,\n" in imported.out


# --- lint by body -------------------------------------------------------------------------

def _doc(meta: dict[str, Any], *paragraphs: tuple[str, str | None, str]) -> Document:
    return Document(meta=meta, paragraphs=tuple(
        Paragraph(part=part, number=number, text=text)  # type: ignore[arg-type]
        for part, number, text in paragraphs))


_GA = {"symbol": "A/RES/80/6", "body": "ga", "session": 80, "year": 2025,
       "chapeau": "The General Assembly,"}


@pytest.mark.parametrize(("paragraphs", "flagged"), [
    # history: recalled, or another organ's session, or done at a session: quiet
    ([("preamble", None, "Recalling its resolution adopted at its seventy-ninth session,"),
      ("operative", "1", "Recalls its decision to convene during the seventy-ninth session a "
                         "high-level meeting;"),
      ("operative", "2", "Requests the Secretary-General to report to the Human Rights Council "
                         "at its fifty-eighth session;"),
      ("operative", "3", "Takes note of the report of the Executive Committee on the work of "
                         "its seventy-fifth session;"),
      ("operative", "4", "Takes note that the Court continued the review initiated by the "
                         "Assembly of States Parties at its eighteenth session;"),
      ("operative", "5", "Decides to include in the provisional agenda of its eighty-first "
                         "session the item.")], []),
    # a session still to come left as it was in last year's text: flagged
    ([("operative", "1", "Requests the Secretary-General to report to the General Assembly at "
                         "its seventy-ninth session;"),
      ("operative", "2", "Decides to include in the provisional agenda of its seventy-ninth "
                         "session the item.")], ["OP1", "OP2"]),
])
def test_session_ordinal_by_the_body_s_sessions(paragraphs: list[tuple[str, str | None, str]],
                                                flagged: list[str]) -> None:
    found = lint(_doc(_GA, *paragraphs), select=["session-ordinal"])
    assert [f.label for f in found] == flagged
    assert all("the eightieth session" in f.message for f in found)


def test_a_body_without_sessions_has_no_session_rule() -> None:
    doc = _doc({"symbol": "S/RES/2803 (2025)", "year": 2025},
               ("operative", "1", "Requests a report at its first session."))
    assert lint(doc, select=["session-ordinal"]) == []


def test_a_body_s_lint_skip_is_not_run() -> None:
    text = ("operative", "1", "Calls upon States parties to act.")
    assert [f.rule for f in lint(_doc(_GA, text), select=["states-parties-case"])] == []
    asp = {"symbol": "ICC-ASP/17/Res.5", "year": 2018}
    assert [f.rule for f in lint(_doc(asp, text), select=["states-parties-case"])] == [
        "states-parties-case"]


def test_lint_rules_says_which_bodies_a_rule_leaves_out(cli: Any) -> None:
    listed = cli("lint", "--rules")
    assert "states-parties-case is not run for the texts of: ga, ga-c1" in listed.err


def test_the_general_assembly_s_pdfs_are_quiet_on_their_sessions(cli: Any) -> None:
    if not PDFS.is_dir():
        pytest.skip(f"{PDFS} is not beside this checkout")
    for path in sorted(PDFS.glob("A_RES_79_*.pdf")):
        result = cli("lint", str(path), "--select", "session-ordinal,states-parties-case")
        assert result.code == 0, (path.name, result.out)


# --- a Security Council resolution from its PDF ---------------------------------------------

def test_a_council_resolution_read_from_its_pdf(tmp_path: Path) -> None:
    """Made by LibreOffice from Word, long enough for running heads that print the symbol
    with its year in brackets, as the Council's pages do."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is needed to make the PDF")
    from asp_draft.readers.pdf import read_pdf
    from tests.pdf_fixtures import need_tools, to_pdf, write_docx
    from tests.test_un_meta import _made
    need_tools()
    body = [("preamble", "", "*Recalling* its previous resolutions on the situation in the "
                             "region of the Upper Lakes, and the statements of its President,")]
    body += [("operative", f"{i}.", "*Decides* to extend the mandate of the Observer Mission "
              f"until 31 March 2032, as set out in paragraph {i} of resolution 2870 (2029), and "
              "requests the Secretary-General to keep the Council informed of it;")
             for i in range(1, 30)]
    made = _made("sc", "S/RES/2931 (2031)",
                 [("United Nations", "S/RES/2931 (2031)"), ("Security Council", "Distr.: General"),
                  ("", "13 March 2031"),
                  ("Adopted by the Security Council at its 10512th meeting, on 12 March 2031",
                   "")],
                 ("", "Resolution 2931 (2031)"), "The Security Council,", body, [])
    pdf = to_pdf([write_docx(made, tmp_path / "sc.docx")], tmp_path)[0]
    doc = with_body(read_pdf(pdf), TABLE)
    assert doc.chapeau == "The Security Council,"
    assert {k: doc.meta.get(k) for k in ("symbol", "body", "title", "adopted", "session")} == {
        "symbol": "S/RES/2931 (2031)", "body": "sc", "title": "Resolution 2931 (2031)",
        "adopted": "2031-03-12", "session": None}
    assert [p.number for p in doc.paragraphs][:3] == [None, "1", "2"]
    assert len(doc.paragraphs) == 30


def test_a_held_text_of_another_body_takes_none_of_the_asp_facts(cli: Any,
                                                                 tmp_path: Path) -> None:
    """facts.yaml is the ASP's: a General Assembly resolution recorded without its session
    (an older record) shows the Assembly's session from its symbol, and no ASP venue or
    omnibus symbol."""
    library = tmp_path / "lib"
    (library / "resolutions").mkdir(parents=True)
    (library / "resolutions" / "a-res-73-7.yaml").write_text(
        "year: 2018\nsymbol: A/RES/73/7\ntitle: Report of the Court\nadopted: '2018-11-02'\n"
        "chapeau: The General Assembly,\npreamble: []\noperative:\n"
        "  - text: '*Decides* to act.'\n", encoding="utf-8")
    meta = json.loads(cli("--library", str(library), "show", "A/RES/73/7", "--format",
                          "json").out)["meta"]
    assert (meta["body"], meta["session"]) == ("ga", 73)
    assert "venue" not in meta
    spec = tmp_path / "d.yaml"
    spec.write_text("year: 2018\ntitle: T\nadopted: '2018-12-12'\nchapeau: The General Assembly,"
                    "\npreamble: []\noperative:\n  - text: '*Decides* to act.'\n",
                    encoding="utf-8")
    meta = json.loads(cli("show", str(spec), "--format", "json").out)["meta"]
    assert (meta["body"], meta["session"], meta["symbol"]) == ("ga", 73, None)
    assert "venue" not in meta


_PHRASES = ["Requests the Secretary-General to report to the General Assembly at its {} session;",
            "Decides to include in the provisional agenda of its {} session the item;",
            "Recalls its decision taken at its {} session;",
            "Welcomes the work of the Committee at its {} session;"]


@given(st.integers(1, 99), st.integers(1, 120), st.sampled_from(_PHRASES))
def test_a_session_at_or_after_the_text_s_own_is_never_flagged(own: int, named: int,
                                                               phrase: str) -> None:
    from asp_draft.language import ENGLISH
    meta = {"symbol": f"A/RES/{own}/1", "body": "ga", "session": own,
            "year": 1945 + own, "chapeau": "The General Assembly,"}
    doc = _doc(meta, ("operative", "1", phrase.format(ENGLISH.ordinal_word(named))))
    found = lint(doc, select=["session-ordinal"])
    asked = phrase.startswith(("Requests", "Decides"))  # a session still to come
    assert bool(found) == (named < own and asked)
    if found:
        assert found[0].message.endswith(f"which is the {ENGLISH.ordinal_word(own)} session")
