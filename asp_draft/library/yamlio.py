"""Safe YAML reading that remembers line numbers, so errors can name file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from asp_draft.errors import InputError
from asp_draft.textfile import CONTROL, read_text  # the one way to read a text file


class LineDict(dict[str, Any]):
    """A mapping read from YAML that knows the line of each key."""

    lines: dict[str, int]
    line: int

    def line_of(self, key: str) -> int:
        """The 1-based line of `key`, or of the mapping itself if the key is absent."""
        return self.lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence read from YAML that knows the line of each item."""

    lines: list[int]
    line: int

    def line_of(self, index: int) -> int:
        """The 1-based line of item `index`."""
        return self.lines[index] if index < len(self.lines) else self.line


_SafeBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: faster


class _Loader(_SafeBase):  # type: ignore[misc]
    """A safe loader that builds LineDict/LineList; no Python objects, only the safe tags."""


def _line_dict(node: yaml.MappingNode, build: Callable[[yaml.Node], Any]) -> LineDict:
    """A mapping node as a LineDict, each value made by `build`: plain keys, no duplicates."""
    out = LineDict()
    out.lines = {}
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = build(key_node)
        if not isinstance(key, str | int):
            raise yaml.constructor.ConstructorError(
                None, None, "keys must be plain words", key_node.start_mark
            )
        skey = str(key)
        if skey in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {skey!r}", key_node.start_mark
            )
        out[skey] = build(value_node)
        out.lines[skey] = key_node.start_mark.line + 1
    return out


def _line_list(node: yaml.SequenceNode, build: Callable[[yaml.Node], Any]) -> LineList:
    """A sequence node as a LineList, each item made by `build`."""
    out = LineList(build(child) for child in node.value)
    out.lines = [child.start_mark.line + 1 for child in node.value]
    out.line = node.start_mark.line + 1
    return out


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    return _line_dict(node, lambda child: loader.construct_object(child, deep=True))


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    return _line_list(node, lambda child: loader.construct_object(child, deep=True))


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


_STR = "tag:yaml.org,2002:str"
_MAP = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG


def _parse(text: str) -> Any:
    """`yaml.load(text, Loader=_Loader)`, faster: libyaml composes the nodes, and plain
    mappings, sequences and strings (nearly all of a library) are built here without the
    constructor's per-node bookkeeping; every other node goes to the constructor."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _build(loader, node, {}, set())
    finally:
        loader.dispose()


def _build(loader: _Loader, node: yaml.Node, built: dict[yaml.Node, Any],
           building: set[yaml.Node]) -> Any:
    """What `node` stands for, as _Loader constructs it; an alias is the same object."""
    if node in built:
        return built[node]
    if node in building:
        raise yaml.constructor.ConstructorError(None, None, "found unconstructable recursive "
                                                "node", node.start_mark)
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
        return node.value

    def child(of: yaml.Node) -> Any:
        return _build(loader, of, built, building)

    if node.tag == _MAP and isinstance(node, yaml.MappingNode):
        building.add(node)
        out: Any = _line_dict(node, child)
    elif node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
        building.add(node)
        out = _line_list(node, child)
    else:
        out = loader.construct_object(node, deep=True)
    building.discard(node)
    built[node] = out
    return out


def load_yaml(text: str, source: str | Path) -> Any:
    """Parse YAML text safely; syntax errors become InputError with file and line."""
    try:
        data = _parse(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        cause = (e.problem or e.context or "malformed YAML").strip()
        raise InputError(f"malformed YAML: {cause}", source=source, line=line) from None
    except yaml.YAMLError as e:
        raise InputError(f"malformed YAML: {e}", source=source) from None
    except ValueError as e:  # a date YAML recognises but the calendar has not (2019-02-30)
        raise InputError(f"malformed date: {e}", source=source) from None
    if "\\" in text or CONTROL.search(text):  # else no value can hold one: skip the walk
        _refuse_controls(data, source, None)
    return data


def _refuse_controls(data: Any, source: str | Path, line: int | None) -> None:
    """A YAML escape (`"\\x00"`, `"\\e"`) can put a control character in a value that the
    text itself did not show; it is refused like one in the text."""
    if isinstance(data, str):
        bad = CONTROL.search(data)
        if bad:
            raise InputError(f"control character U+{ord(bad.group()):04X} in a value",
                             source=source, line=line)
    elif isinstance(data, dict):
        for key, value in data.items():
            _refuse_controls(str(key), source, getattr(data, "line_of", lambda _: line)(key))
            _refuse_controls(value, source, getattr(data, "line_of", lambda _: line)(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _refuse_controls(value, source, getattr(data, "line_of", lambda _: line)(i))


def load_yaml_file(path: Path) -> Any:
    """Read and parse a YAML file; an empty file is an error."""
    text = read_text(path)
    if not text.strip():
        raise InputError("the file is empty", source=path)
    return load_yaml(text, path)
