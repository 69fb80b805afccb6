"""Shared fixtures: run the CLI in-process, find ../shared when it is there."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from asp_draft.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "asp-omnibus"


@dataclass
class Result:
    """What one CLI run gave: exit code, stdout, stderr."""

    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user library, no colour, a fixed width and a private cache for every test."""
    monkeypatch.delenv("ASP_DRAFT_LIBRARY", raising=False)
    monkeypatch.delenv("ASP_DRAFT_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("ASP_DRAFT_CACHE", str(tmp_path / ".cache"))


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `asp-draft ARGS...` in-process; returns Result(code, out, err)."""

    def run(*args: str, stdin: str | None = None) -> Result:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        with pytest.raises(SystemExit) as exc:
            main([str(a) for a in args])
        captured = capsys.readouterr()
        code = exc.value.code
        return Result(code if isinstance(code, int) else 0, captured.out, captured.err)

    return run


@pytest.fixture
def corpus() -> Path:
    """The adopted texts in ../shared; tests that need them skip when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    return CORPUS


def one_line_error(result: Result) -> str:
    """Assert the run failed as bad input: exit 2, one line on stderr, no traceback."""
    assert result.code == 2, (result.code, result.out, result.err)
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("asp-draft: error: ")
    return lines[0]
