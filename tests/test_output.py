"""Result files: atomic, shared like other files, never over an input or unasked."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from asp_draft.errors import OutputError
from asp_draft.output import write_atomic


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_takes_the_umask_mode_not_a_private_one(tmp_path: Path,
                                                           umask_022: None) -> None:
    out = tmp_path / "draft.txt"
    write_atomic(out, "text\n", force=False)
    assert out.read_text(encoding="utf-8") == "text\n"
    assert mode(out) == 0o644


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "draft.txt"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    write_atomic(out, b"new", force=True)
    assert (out.read_bytes(), mode(out)) == (b"new", 0o640)


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "draft.txt"
    out.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists; use --force"):
        write_atomic(out, "theirs", force=False)
    assert out.read_text(encoding="utf-8") == "mine"


def test_an_input_is_never_written(tmp_path: Path) -> None:
    spec = tmp_path / "draft.yaml"
    spec.write_text("year: 2019\n", encoding="utf-8")
    with pytest.raises(OutputError, match="is also an input"):
        write_atomic(spec, "x", force=True, inputs=[spec])
    assert spec.read_text(encoding="utf-8") == "year: 2019\n"


def test_no_temporary_file_is_left_behind(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.txt", "a", force=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
