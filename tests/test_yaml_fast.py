"""yamlio builds plain mappings, sequences and strings itself: exactly what its loader built."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from asp_draft.folders import bundled_path
from asp_draft.library.yamlio import LineDict, LineList, _Loader, _parse


def reference(text: str) -> Any:
    """What the loader itself constructs (the slower way yamlio read before)."""
    return yaml.load(text, Loader=_Loader)


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types, with the same lines recorded, the same aliases shared."""
    if type(a) is not type(b):
        return False
    if isinstance(a, LineDict):
        return (a.lines, a.line, list(a)) == (b.lines, b.line, list(b)) and \
            all(same(a[k], b[k]) for k in a)
    if isinstance(a, LineList):
        return (a.lines, a.line, len(a)) == (b.lines, b.line, len(b)) and \
            all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def outcome(read: Any, text: str) -> Any:
    try:
        return read(text)
    except yaml.YAMLError as e:
        return (type(e).__name__, str(e))


def test_libyaml_is_used() -> None:
    """The C parser composes the nodes: the pure-Python one is several times slower."""
    assert yaml.__with_libyaml__
    assert issubclass(_Loader, yaml.CSafeLoader)


def test_every_bundled_library_file_reads_as_before() -> None:
    files = sorted(bundled_path().rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert same(_parse(text), reference(text)), path


@pytest.mark.parametrize("text", [
    "a: &x [1, 2]\nb: *x\n",  # an alias: the same object, as the constructor shares it
    "a: &x {k: *x}\n",  # recursive: refused
    "!!set {a, b}\n", "a: !!binary aGVsbG8=\n", "? [a]\n: 1\n", "<<: {a: 1}\n",
    "a: 2019-01-01\nb: null\nc: 1.5\nd: yes\ne: !!str 12\n", "- &a x\n- *a\n",
    "a: 1\na: 2\n", "!!python/object:os.system {}\n", "", "# nothing\n", "x\n",
    "[a, {b: c}, [d]]\n", "a: !custom 1\n", "1: one\n2: two\n",
])
def test_awkward_documents_read_or_fail_as_before(text: str) -> None:
    assert same(outcome(_parse, text), outcome(reference, text))


def test_an_alias_is_the_same_object() -> None:
    data = _parse("a: &x [1, 2]\nb: *x\n")
    assert data["a"] is data["b"]


_KEYS = st.text(alphabet="abcxyz-_ ", min_size=1, max_size=6)
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                     st.floats(allow_nan=False), st.dates())
_DATA = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)), max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(data=_DATA, flow=st.sampled_from([None, True, False]), share=st.booleans())
def test_any_document_reads_as_before(data: Any, flow: bool | None, share: bool) -> None:
    """Whatever safe_dump writes (block or flow, anchors for shared values) reads the same."""
    document = {"one": data, "two": data if share else [data]}
    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    assert same(outcome(_parse, text), outcome(reference, text))


@given(st.from_regex(r"[a-z][a-z0-9-]{0,30}(@(19|20)\d\d)?", fullmatch=True))
def test_a_clause_id_is_written_as_yaml_would_write_it(clause_id: str) -> None:

    from asp_draft.library import spec_writer
    slow = ["  " + line for line in yaml.safe_dump(
        [clause_id], sort_keys=False, allow_unicode=True, width=96).rstrip().split("\n")]
    assert spec_writer._item(clause_id) == slow
    assert yaml.safe_load("\n".join(spec_writer._item(clause_id))) == [clause_id]
