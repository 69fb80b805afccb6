"""Text the user gives is capped, UTF-8 and free of control characters: one line each, exit 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
