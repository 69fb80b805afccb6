"""Text the user gives is capped, UTF-8 and free of control characters: one line each, exit 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asp_draft import textfile
from tests.conftest import one_line_error


@pytest.mark.parametrize(("content", "where", "what"), [
    (b"The Assembly,\n\nRecalling the\x00 Statute,\n", ":3: column 14:", "U+0000"),
    (b"The Assembly,\n\x1b[31mRecalling,\n", ":2: column 1:", "U+001B"),
    (b"The Assembly,\n\nRecalling \xc2\x85the Statute,\n", ":3: column 11:", "U+0085"),
    (b"The Assembly,\n\xff\xfe", ":2:", "not UTF-8 text (byte 0xff)"),
])
def test_binary_and_control_characters_are_refused_where_they_stand(
        cli, tmp_path: Path, content: bytes, where: str, what: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    for command in (("show", path), ("lint", path), ("build", path, "-o", tmp_path / "o.docx")):
        line = one_line_error(cli(*command))
        assert f"{path}{where}" in line and what in line, line
    assert not (tmp_path / "o.docx").exists()


def test_tabs_form_feeds_and_typographic_spaces_are_text(cli, tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text("The Assembly,\n\nRecalling\tthe\u00a0Statute\u2009and the\fCourt,\n",
                    encoding="utf-8")
    result = cli("show", path)
    assert result.code == 0, result.err
    assert "Recalling the\u00a0Statute\u2009and the Court," in result.out


def test_binary_standard_input_is_refused(cli) -> None:
    line = one_line_error(cli("show", "-", stdin="The Assembly,\n\nRecalling\x07,\n"))
    assert "<stdin>:3: column 10: control character U+0007" in line


def test_a_file_past_the_cap_is_refused_unread(cli, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: 3 GB on paper, nothing on disk
        f.truncate(3 * 1024**3)
    line = one_line_error(cli("show", path))
    assert "is 3072 MB" in line and "limit is 32 MB" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_pipe_or_device_is_refused_at_once(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would wait for a writer forever
    assert "not a regular file" in one_line_error(cli("show", fifo))
    if Path("/dev/zero").exists():
        with pytest.raises(Exception, match="not a regular file"):
            textfile.read_text(Path("/dev/zero"))


@pytest.mark.parametrize(("args", "what"), [
    (("diff", "2017", "2018", "-o", "r.docx", "--author", "A\x1bB"), "--author 'A\\x1bB'"),
    (("compile", "2018", "Bor\x07duria=p.md", "-o", "c.docx"), "the delegation's name"),
    (("show", "2018", "--var", "venue=The\x00Hague"), "--var venue"),
])
def test_control_characters_in_names_are_refused(cli, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 args: tuple[str, ...], what: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.md").write_text("The Assembly of States Parties,\n\nRecalling x,\n",
                                   encoding="utf-8")
    line = one_line_error(cli(*args))
    assert what in line and "control character" in line, line
    assert not (tmp_path / "r.docx").exists() and not (tmp_path / "c.docx").exists()


def test_a_yaml_escape_cannot_smuggle_a_control_character(cli, tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text('---\nproposer: "Atl\\x00antis"\n---\n\nThe Assembly,\n\nRecalling x,\n',
                    encoding="utf-8")
    line = one_line_error(cli("show", path))
    assert f"{path}:" in line and "control character U+0000" in line


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("s.yaml", "year: 2019\nadopted: 2019-13-45\npreamble: []\n", "malformed date"),
    ("s.yaml", "year: 2019\nadopted: 12 December 2019\npreamble: []\n",
     ":2: 'adopted' must be a date such as 2019-12-06"),
    ("s.yaml", "year: 2019\nsession: eighteen\npreamble: []\n",
     ":2: 'session' must be a whole number, not 'eighteen'"),
    ("s.yaml", "year: 2019\nplenary: many\npreamble: []\n", ":2: 'plenary' must be a whole"),
    ("f.md", "---\nadopted: 2019-02-30\n---\n\nThe Assembly,\n\nRecalling x,\n",
     "malformed date"),
])
def test_wrong_values_in_specs_and_front_matter(cli, tmp_path: Path, name: str, content: str,
                                                expected: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    line = one_line_error(cli("show", path))
    assert str(path) in line and expected in line, line


@pytest.mark.parametrize(("file", "content", "expected"), [
    ("strength.txt", b"[operative]\nUrges\n\xff\n", "not UTF-8 text"),
    ("strength.txt", b"[bogus]\nUrges\n", ":1: unknown section '[bogus]'"),
    ("leads.txt", b"Solemnly proclaims\n", ":1: an entry before any [section]"),
    ("leads.txt", b"[phrases\nSolemnly\n", ":1: unknown section '[phrases'"),
])
def test_a_users_word_lists_are_checked(cli, tmp_path: Path, file: str, content: bytes,
                                        expected: str) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    (library / file).write_bytes(content)
    text = tmp_path / "t.txt"
    text.write_text("The Assembly,\n\nRecalling x,\n\n1. Requests y;\n", encoding="utf-8")
    other = tmp_path / "u.txt"  # a changed lead: the scale is read
    other.write_text("The Assembly,\n\nRecalling x,\n\n1. Urges y;\n", encoding="utf-8")
    command = ("diff", text, other) if file == "strength.txt" else ("show", text)
    line = one_line_error(cli("--library", library, *command))
    assert f"{library / file}" in line and expected in line, line


def test_force_never_replaces_a_device_and_dash_is_standard_output(cli,
                                                                    tmp_path: Path) -> None:
    if Path("/dev/null").exists():
        line = one_line_error(cli("build", "2018", "-o", "/dev/null", "--format", "md",
                                  "--force"))
        assert "/dev/null: is not a regular file" in line
        assert not Path("/dev/null").is_file()
    shown = cli("build", "2018", "-o", "-", "--format", "md")
    assert shown.code == 0 and shown.out.startswith("---\nsymbol: ICC-ASP/17/Res.5")
    assert "Word is a binary file" in one_line_error(cli("build", "2018", "-o", "-",
                                                         "--format", "docx"))
    assert not (tmp_path / "-").exists()


def test_adopt_refuses_a_symbol_that_is_none(cli, tmp_path: Path) -> None:
    text = tmp_path / "r.txt"
    text.write_text("# year: 2019\n# adopted: 2019-12-06\n\nThe Assembly of States Parties,\n\n"
                    "Recalling x,\n", encoding="utf-8")
    line = one_line_error(cli("adopt", text, "--into", tmp_path / "lib", "--symbol",
                              "bad symbol"))
    assert "--symbol 'bad symbol' is not a document symbol" in line
    assert not (tmp_path / "lib").exists()


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
@settings(max_examples=400, deadline=None)
def test_a_text_is_refused_exactly_when_it_holds_a_control(text: str) -> None:
    """The quick test on the bytes never lets a control through, nor refuses a clean text."""
    from asp_draft.errors import InputError

    control = textfile.CONTROL.search(text.replace("\r\n", "\n").replace("\r", "\n"))
    try:
        decoded = textfile.decode_text(text.encode("utf-8"), "t.txt")
    except InputError as e:
        assert control is not None and f"U+{ord(control.group()):04X}" in str(e)
    else:
        assert control is None
        assert decoded == text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
