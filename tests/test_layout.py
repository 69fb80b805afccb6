"""The house in wings: the package's layout holds the architecture the README draws.

Each rule is read from the source, not from a running process, so that an import written inside a
function counts as much as one at the top of a module (only imports under `if TYPE_CHECKING:`,
which never run, are left aside).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "asp_draft"
TOP_LEVEL_AT_MOST = 12
# What is left reads a value as the file gave it (a YAML date, a whole session line), which
# the typed property would lose; the bound is what is left, so that no new read slips in.
META_READS_AT_MOST = 6


def module_name(path: Path) -> str:
    """`asp_draft.library.load` for asp_draft/library/load.py, `asp_draft.cli` for its
    __init__.py."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (the bundled library's data aside)."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "clauses" not in p.parts}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(node: ast.AST, here: str, is_package: bool) -> Iterator[str]:
    """The dotted names a module imports, at any depth, skipping `if TYPE_CHECKING:` blocks."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _type_checking(child):  # its `else:` runs
            yield from _imports(ast.Module(body=child.orelse, type_ignores=[]), here, is_package)
            continue
        if isinstance(child, ast.Import):
            yield from (alias.name for alias in child.names)
        elif isinstance(child, ast.ImportFrom):
            base = child.module or ""
            if child.level:  # relative: from the module's package, up level - 1
                package = here.split(".") if is_package else here.split(".")[:-1]
                package = package[:len(package) - child.level + 1]
                base = ".".join([*package, base] if base else package)
            for alias in child.names:  # `from pkg import module` imports the module
                full = f"{base}.{alias.name}"
                yield full if full in modules() else base
        yield from _imports(child, here, is_package)


@cache
def graph() -> dict[str, frozenset[str]]:
    """Each module → the package's modules it imports."""
    out = {}
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = _imports(tree, name, path.name == "__init__.py")
        out[name] = frozenset(m for m in found if m in modules() and m != name)
    return out


def cycles(edges: dict[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in edges[v]:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def core() -> dict[str, Path]:
    """Every module outside the command line (asp_draft/cli)."""
    return {n: p for n, p in modules().items()
            if not (n == "asp_draft.cli" or n.startswith("asp_draft.cli."))
            and n != "asp_draft.__main__"}


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import() -> None:
    """The finder itself: a ring of three is one group, a chain none, and an import inside a
    function counts while one under TYPE_CHECKING does not."""
    assert cycles({"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"})}) \
        == [["a", "b", "c"]]
    assert cycles({"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset()}) == []
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import asp_draft.refs\n"
              "else:\n    import asp_draft.folders\n"
              "def f():\n    from asp_draft import errors\n")
    assert set(_imports(ast.parse(source), "asp_draft.x", False)) == {
        "typing", "asp_draft.folders", "asp_draft.errors"}


def test_no_module_imports_itself_back() -> None:
    assert cycles(graph()) == []


def test_at_most_twelve_modules_stand_at_the_top_of_the_package() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py")
                 if p.name not in ("__init__.py", "__main__.py"))
    assert len(top) <= TOP_LEVEL_AT_MOST, top


def test_command_modules_never_import_one_another() -> None:
    commands = {n for n in modules() if n.startswith("asp_draft.cli.commands.")}
    assert len(commands) >= 8
    crossing = {n: sorted(graph()[n] & commands) for n in commands if graph()[n] & commands}
    assert not crossing


def test_the_core_imports_nothing_of_the_command_line() -> None:
    """The core never reaches up into the command line, nor into typer or rich."""
    reaching = {}
    for name, path in core().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        up = sorted(m for m in _imports(tree, name, path.name == "__init__.py")
                    if m.split(".")[0] in ("typer", "rich", "click")
                    or m == "asp_draft.cli" or m.startswith("asp_draft.cli."))
        if up:
            reaching[name] = up
    assert not reaching


def test_ooxml_takes_nothing_from_the_text_wing() -> None:
    """Word packages are built from names and parts, not from what a resolution's text means."""
    ooxml = {n for n in modules() if n.startswith("asp_draft.ooxml")}
    reaching = {n: sorted(m for m in graph()[n]
                          if m == "asp_draft.text" or m.startswith("asp_draft.text."))
                for n in ooxml}
    assert not {n: m for n, m in reaching.items() if m}


def test_the_core_raises_no_usage_error() -> None:
    """UsageError is the command line's: the core raises its own errors, which the command line
    says (and names the option where it knows one)."""
    using = []
    for name, path in core().items():
        if name == "asp_draft.errors":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = node.id if isinstance(node, ast.Name) else \
                node.name if isinstance(node, ast.alias) else None
            if named == "UsageError":
                using.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}")
    assert not using


def _named_meta(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id == "meta" or node.id.endswith("_meta")
    if isinstance(node, ast.Attribute):
        return node.attr == "meta" or node.attr.endswith("_meta")
    return False


def _named_key(node: ast.Call) -> str | None:
    """The key a call names in its first argument, when it is written out."""
    first = node.args[0] if node.args else None
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) \
        else None


def meta_reads(source: str) -> list[int]:
    """The lines of a source that read metadata by key: `meta.get(...)` or `meta[...]` on
    anything called meta (a variable, a document's `.meta`, `base_meta` ...), and a key Meta
    has a property for read through one of its methods for other keys (`meta.text("year")`)."""
    from asp_draft.model import Meta

    named = {name for name, value in vars(Meta).items() if isinstance(value, property)}
    lines = []
    for node in ast.walk(ast.parse(source)):
        by_key = isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) \
            and _named_meta(node.value)
        called = node.func.attr if isinstance(node, ast.Call) \
            and isinstance(node.func, ast.Attribute) and _named_meta(node.func.value) else None
        by_get = called == "get"
        by_method = called in ("text", "value", "integer", "names") \
            and _named_key(node) in named  # type: ignore[arg-type]
        if by_key or by_get or by_method:
            lines.append(getattr(node, "lineno", 0))
    return lines


def test_the_reads_counter_counts_reads_and_not_writes() -> None:
    source = ('a = meta.get("year")\nb = doc.meta["symbol"]\nmeta["x"] = 1\n'
              'meta.setdefault("y", 2)\nc = base_meta.get("z")\nd = doc.meta.year\n'
              'e = meta.value("adopted")\nf = meta.text("agenda_item")\n')
    assert meta_reads(source) == [1, 2, 5, 7]


def test_metadata_is_read_through_meta_not_by_key() -> None:
    """Metadata is read through Meta's properties (or a method that names a key only one module
    knows); at most a handful of generic reads by key remain."""
    reads = [f"{path.relative_to(ROOT)}:{line}" for path in modules().values()
             for line in meta_reads(path.read_text(encoding="utf-8"))]
    assert len(reads) <= META_READS_AT_MOST, reads
