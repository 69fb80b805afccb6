"""The README is a script: every `$ asp-draft ...` line runs from the repository root as written,
and prints what the README shows.

Each console block is run in order in one scratch copy of `examples/`, so a file one command
writes (draft.yaml, redline.docx) is there for the next. A shown line `...` stands for lines
left out; a shown line ending in `...` for a line cut short. The README shows stdout and
stderr together, as a terminal does: each stream's lines must appear in the order printed.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

_BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def readme_commands() -> list[tuple[str, list[str]]]:
    """(command line, the lines the README shows after it) for every `$ ` line."""
    out: list[tuple[str, list[str]]] = []
    for block in _BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append((line[2:], []))
            elif out:
                out[-1][1].append(line.rstrip())
    return out


def _matches(shown: str, actual: str) -> bool:
    if shown == actual:
        return True
    return shown.endswith("...") and actual.startswith(shown[:-3].rstrip())


def differences(shown: list[str], out: list[str], err: list[str]) -> list[str]:
    """Where the README and the run part: each stream's lines must be shown in the order it
    printed them (the README interleaves stdout and stderr as a terminal does); a `...` line
    stands for any lines left out there, and nothing else may be left out."""
    streams = [[a.rstrip() for a in lines if a.strip()] for lines in (out, err)]
    missing: list[str] = []
    gap = False
    for line in (s for s in shown if s.strip()):
        if line == "...":
            gap = True
            continue
        for stream in streams:
            reach = len(stream) if gap else min(1, len(stream))
            found = next((i for i in range(reach) if _matches(line, stream[i])), None)
            if found is not None:
                del stream[:found + 1]
                break
        else:
            missing.append(f"README shows, run did not print next: {line!r}")
            continue
        gap = False
    if not gap:
        missing += [f"run printed, README does not show: {a!r}" for s in streams for a in s]
    return missing


def test_every_command_is_run() -> None:
    """The tour is not empty, and every file a command reads ships in the repository or is
    written by an earlier command (-o, --into)."""
    commands = [c for c, _ in readme_commands()]
    assert len(commands) >= 12
    assert all(c.startswith(("asp-draft ", "cat ")) for c in commands), commands
    written: set[str] = set()
    for command in commands:
        words = shlex.split(command)
        for i, word in enumerate(words):
            if words[i - 1] in ("-o", "--into", "--library"):
                written.add(word)
                continue
            name = word.split("=", 1)[-1]
            if re.search(r"\.(txt|md|yaml|docx|pdf|xml)$", name):
                assert (ROOT / name).exists() or name in written, f"{command}: {name}"


def test_the_readme_runs_as_written(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    failures: list[str] = []
    for command, shown in readme_commands():
        words = shlex.split(command)
        if words[0] == "cat":
            out, err = Path(words[1]).read_text(encoding="utf-8").splitlines(), []
        else:
            result = cli(*words[1:])
            expected = 1 if words[1] == "lint" else 0  # lint exits 1 when it finds something
            if result.code != expected:
                failures.append(f"$ {command}: exit {result.code}, not {expected}: "
                                f"{result.err.strip()}")
                continue
            out, err = result.out.splitlines(), result.err.splitlines()
        failures += [f"$ {command}: {d}" for d in differences(shown, out, err)]
    assert not failures, "\n".join(failures)
