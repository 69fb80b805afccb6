"""The wheel carries every package and the bundled library; the README names every module."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "asp_draft").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert config["package-dir"]["asp_draft.clauses"] == "clauses"


def test_bundled_library_files_match_the_package_data_globs() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    globs = config["package-data"]["asp_draft.clauses"]
    files = {p.relative_to(ROOT / "clauses") for p in (ROOT / "clauses").rglob("*")
             if p.is_file()}
    assert files
    assert all(any(f.match(g) for g in globs) for f in files), files


def test_no_function_is_longer_than_a_screen() -> None:
    """No function over 80 lines: a reader sees each one whole."""
    import ast

    long = []
    for path in sorted((ROOT / "asp_draft").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 80:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length})")
    assert not long, long


def test_the_architecture_table_is_the_map_of_the_package() -> None:
    """The README's Development table has one row a wing and a top-level module: each module at
    the top by its file name, each wing (`text/`, `cli/commands/`) as its row's first cell, and
    every module of the wing named in that row by its file name (or a glob such as
    `console*.py`)."""
    import fnmatch
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Development"):]
    rows = {}
    for line in section.splitlines():
        cells = line.split("|")
        if line.startswith("| `") and len(cells) > 2:
            rows[cells[1].strip().strip("`")] = set(re.findall(r"`([^`]+)`", cells[2]))
    package = ROOT / "asp_draft"
    missing = [f.name for f in package.glob("*.py")
               if f.name not in ("__init__.py", "__main__.py", *rows)]
    wings = sorted(d for d in package.rglob("*") if (d / "__init__.py").is_file()
                   and d.name not in ("clauses", "__pycache__"))
    assert len(wings) >= 8
    for wing in wings:
        key = f"{wing.relative_to(package).as_posix()}/"
        if key not in rows:
            missing.append(key)
            continue
        missing += [f"{key}{f.name}" for f in wing.glob("*.py") if f.name != "__init__.py"
                    and not any(fnmatch.fnmatch(f.name, n) for n in rows[key])]
    assert not missing, f"the README's Development table does not name {missing}"
    stale = [n for n in rows if not n.endswith("/") and not (package / n).is_file()]
    stale += [f"{wing}{n}" for wing, named in rows.items() if wing.endswith("/")
              for n in named if n.endswith(".py") and not list((package / wing).glob(n))]
    assert not stale, f"the README's Development table names what is not there: {stale}"
