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


def test_the_architecture_table_names_every_module_and_package() -> None:
    """The README's Development table: each module of the package by its file name (or a
    glob such as `console*.py`), each subpackage as `name/`."""
    import fnmatch
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Development"):]
    rows = "\n".join(line for line in section.splitlines() if line.startswith("| `"))
    named = set(re.findall(r"`([^`]+)`", rows))
    package = ROOT / "asp_draft"
    modules = [f.name for f in package.glob("*.py") if f.name not in ("__init__.py", "__main__.py")]
    assert len(modules) > 30
    missing = [m for m in modules if not any(fnmatch.fnmatch(m, n) for n in named)]
    missing += [f"{d.name}/" for d in package.iterdir()
                if (d / "__init__.py").is_file() and f"{d.name}/" not in named]
    assert not missing, f"the README's Development table does not name {missing}"
