"""Bounds on what a clause template may compute, so a hostile library cannot hang the machine.

Libraries are shared (a network drive, ASP_DRAFT_LIBRARY), so a template is untrusted code.
Jinja2's sandbox keeps it away from Python's internals but not from arithmetic: `7**99999999`,
`'x' * 10**9` or a recursive macro run inside one C call or one Python loop that nothing can
interrupt. So every value a template makes is measured before it is made where it can grow
(powers, products, padding, joins, replacements) and after it is made everywhere else, and
each render has a budget of loop turns and calls, of text written, of call depth and of time.

`guard` rewrites a parsed template so that loops, `~` and every piece of output pass through
the functions here; templating.py's environment checks operators, filters and calls.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Undefined
from jinja2.visitor import NodeTransformer

MAX_DIGITS = 300  # a number: no session, year or count comes near
MAX_INT_BITS = (10**MAX_DIGITS).bit_length()
MAX_SIZE = 100_000  # a value: characters of a text; items of a list, with their own sizes
MAX_ITEMS = 10_000  # a range()
MAX_OUTPUT = 100_000  # characters of one rendered paragraph (real ones are under 5,000)
MAX_WRITTEN = 1_000_000  # characters written anywhere in one render: macros, set blocks
MAX_STEPS = 10_000  # loop turns and calls in one render
MAX_DEPTH = 40  # calls inside calls: a recursive macro
MAX_SECONDS = 1.0  # a backstop: the bounds above end any template long before this
MAX_WORK = 10_000_000  # item copies a filter may make (sum of lists is quadratic)


class LimitError(SecurityError):
    """A template went past one of the bounds above; the message says which."""


@dataclass
class Budget:
    """What one render has spent."""

    deadline: float
    steps: int = 0
    written: int = 0
    depth: int = 0


_BUDGET: ContextVar[Budget | None] = ContextVar("asp_draft_template_budget", default=None)


def start_budget() -> Any:
    """Open a fresh budget for one render; returns the token `end_budget` takes."""
    return _BUDGET.set(Budget(deadline=time.monotonic() + MAX_SECONDS))


def end_budget(token: Any) -> None:
    """Close the budget `start_budget` opened."""
    _BUDGET.reset(token)


def step() -> Budget | None:
    """Charge one loop turn or call to the running render's budget (none outside a render)."""
    budget = _BUDGET.get()
    if budget is not None:
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            raise LimitError(f"more than {MAX_STEPS:,} loop turns and calls")
        _check_clock(budget)
    return budget


def _check_clock(budget: Budget) -> None:
    if time.monotonic() > budget.deadline:
        raise LimitError(f"rendering for more than {MAX_SECONDS:g} second(s)")


def is_int(value: Any) -> bool:
    """An integer that is not a bool (True * 'x' is no bomb)."""
    return isinstance(value, int) and not isinstance(value, bool)


def size_of(value: Any, limit: int = MAX_SIZE) -> int:
    """A value's size: characters of text, digits of numbers, items of collections with their
    own sizes; counting stops once past `limit`, so a list repeated in itself costs little."""
    total = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif is_int(item):
            total += item.bit_length() // 3 + 1  # at least its decimal digits
        elif isinstance(item, Undefined) or not isinstance(item, Collection):
            total += 8  # None, floats, macros, generators: printed short
        elif isinstance(item, range):
            total += 2 * _length(item)
        else:
            total += 2 * _length(item)
            if total <= limit:
                children = itertools.chain.from_iterable(item.items()) \
                    if isinstance(item, Mapping) else item
                stack.extend(itertools.islice(children, limit - total + 1))
    return total


def _length(items: Collection[Any]) -> int:
    try:
        return len(items)
    except OverflowError:  # range(10**30)
        return MAX_SIZE + 1


def checked(value: Any) -> Any:
    """`value` if it is within bounds, else LimitError."""
    if is_int(value):
        if value.bit_length() > MAX_INT_BITS:
            raise LimitError(f"a number of more than {MAX_DIGITS} digits")
    elif size_of(value) > MAX_SIZE:
        raise LimitError(f"{kind(value)} larger than {MAX_SIZE:,} characters and items")
    return value


def kind(value: Any) -> str:
    """What a value is, in a reader's words."""
    if isinstance(value, str):
        return "a text"
    if isinstance(value, Mapping):
        return "a mapping"
    return "a list" if isinstance(value, Collection) else f"a {type(value).__name__}"


def settle(value: Any) -> Any:
    """An iterator (map, select, batch) made a list, item by item within bounds."""
    if not isinstance(value, Iterator):
        return value
    items: list[Any] = []
    total = 0
    for item in value:
        total += size_of(item) + 2
        if total > MAX_SIZE:
            raise LimitError(f"a sequence larger than {MAX_SIZE:,} characters and items")
        items.append(item)
    return items


def bounded_range(*args: int) -> range:
    """range() that refuses more than MAX_ITEMS numbers."""
    numbers = range(*args)
    if _length(numbers) > MAX_ITEMS:
        shown = ", ".join(str(a) for a in args)[:40]
        raise LimitError(f"range({shown}) of more than {MAX_ITEMS:,} numbers")
    return numbers


# -- operators -----------------------------------------------------------------------------

def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse, before computing it, a power, product or %-format past the bounds."""
    if operator == "**" and is_int(left) and is_int(right):
        # each factor |left| adds at least its bit length less one to the power's bits
        if right > 0 and right * (abs(left).bit_length() - 1) > MAX_INT_BITS:
            raise LimitError(f"a number of more than {MAX_DIGITS} digits")
    elif operator == "*":
        if is_int(left) and is_int(right):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS + 1:
                raise LimitError(f"a number of more than {MAX_DIGITS} digits")
        elif is_int(left) or is_int(right):
            count, repeated = (left, right) if is_int(left) else (right, left)
            if count > 0 and count * max(size_of(repeated), 1) > MAX_SIZE:
                raise LimitError(f"{kind(repeated)} repeated past "
                                 f"{MAX_SIZE:,} characters and items")
    elif operator == "%" and isinstance(left, str):
        check_printf(left, right)


_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([A-Za-z%])")


def check_printf(fmt: str, args: Any) -> None:
    """A %-format whose widths and arguments could print more than MAX_SIZE characters."""
    positional = list(args) if isinstance(args, tuple | list) else None
    values = args.values() if isinstance(args, Mapping) else positional or (args,)
    largest = max((size_of(v) for v in values), default=0)
    estimate = len(fmt)
    for i, (width, precision, conversion) in enumerate(
            spec for spec in _PRINTF.findall(fmt) if spec[2] != "%"):
        for number in (width, precision):
            if number == "*" or len(number) > 6:
                raise LimitError(f"a %-format width of {number[:12]!r}; write a number "
                                 f"up to {MAX_SIZE:,}")
            estimate += int(number or 0)
        # positional arguments are used once each, in order; a mapping's may repeat
        used = size_of(positional[i]) if positional and i < len(positional) else largest
        # repr (%r, %a) of a text may spell each character out in up to 10
        estimate += used * (10 if conversion in "ra" else 1) + 2
    if estimate > MAX_SIZE:
        raise LimitError(f"a %-format printing more than {MAX_SIZE:,} characters")


# -- filters -------------------------------------------------------------------------------

def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _width(value: Any) -> int:
    return len(value) if isinstance(value, str) else int(value or 0)


def _refuse_past(estimate: int, what: str) -> None:
    if estimate > MAX_SIZE:
        raise LimitError(f"{what} making more than {MAX_SIZE:,} characters and items")


def _center(value: Any, width: Any = 80, *_: Any, **__: Any) -> None:
    _refuse_past(_width(width), "center()")


def _indent(value: Any, width: Any = 4, *_: Any, **__: Any) -> None:
    text = _text(value)
    _refuse_past(len(text) + (text.count("\n") + 1) * _width(width), "indent()")


def _wordwrap(value: Any, width: Any = 79, break_long_words: Any = True,
              wrapstring: Any = None, *_: Any, **kwargs: Any) -> None:
    text, joint = _text(value), kwargs.get("wrapstring", wrapstring) or "\n"
    lines = len(text) // max(_width(kwargs.get("width", width)), 1) + text.count(" ") \
        + text.count("\n") + 1
    _refuse_past(len(text) + lines * len(_text(joint)), "wordwrap()")


def _replace(value: Any, old: Any = "", new: Any = "", count: Any = None, **_: Any) -> None:
    text, old, new = _text(value), _text(old), _text(new)
    found = len(text) + 1 if old == "" else text.count(old)
    if is_int(count) and count >= 0:
        found = min(found, count)
    _refuse_past(len(text) + found * len(new), "replace()")


def _join(value: Any, d: Any = "", *_: Any, **kwargs: Any) -> None:
    joint = _text(kwargs.get("d", d))
    items = _length(value) if isinstance(value, Collection) else 0
    _refuse_past(size_of(value) + items * len(joint), "join()")


def _format(value: Any, *args: Any, **kwargs: Any) -> None:
    check_printf(_text(value), kwargs or args)


def _rows(value: Any, count: Any = 1, fill_with: Any = None, *_: Any, **kwargs: Any) -> None:
    fill = kwargs.get("fill_with", fill_with)
    rows = _width(kwargs.get("linecount", kwargs.get("slices", count)))
    _refuse_past(rows * (size_of(fill) + 2 if fill is not None else 2), "batch() or slice()")


def _sum(value: Any, attribute: Any = None, start: Any = 0, **kwargs: Any) -> None:
    start = kwargs.get("start", start)
    if not isinstance(start, int | float):  # adding lists copies them again at each item
        items = _length(value) if isinstance(value, Collection) else 0
        if items * size_of(value) > MAX_WORK:
            raise LimitError(f"sum() copying lists more than {MAX_WORK:,} times")


def _tojson(value: Any, indent: Any = None, **_: Any) -> None:
    if indent is not None and _width(indent) > 8:
        raise LimitError("tojson() indenting by more than 8")


# Filters whose output can outgrow their input many times over, checked before they run;
# every other filter's output is at most a few times its input and is checked after.
FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "center": _center, "indent": _indent, "wordwrap": _wordwrap, "replace": _replace,
    "join": _join, "format": _format, "batch": _rows, "slice": _rows, "sum": _sum,
    "tojson": _tojson,
}


def guard_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` (a filter) with its arguments and result held within the bounds."""
    # A filter marked pass_context/pass_environment takes that object first: leave it be.
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0
    precheck = FILTER_CHECKS.get(name)

    def guarded(*args: Any, **kwargs: Any) -> Any:
        data = [settle(a) for a in args[skip:]]
        options = {k: settle(v) for k, v in kwargs.items()}
        if precheck is not None:
            precheck(*data, **options)
        return checked(function(*args[:skip], *data, **options))

    # jinja_pass_arg is read from the function's attributes: the guard must carry it
    guarded.__dict__.update(getattr(function, "__dict__", {}))
    guarded.__name__ = guarded.__qualname__ = getattr(function, "__name__", name)
    guarded.__doc__ = function.__doc__
    return guarded


# -- methods -------------------------------------------------------------------------------

# Methods of Python's own types a template may call: none that pads (center, zfill, ljust),
# repeats (join, expandtabs, translate) or allocates on request (int.to_bytes). The sandbox
# already refuses the ones that change a list or dict.
SAFE_METHODS = frozenset((
    "capitalize", "casefold", "count", "endswith", "find", "index", "isalnum", "isalpha",
    "isdecimal", "isdigit", "islower", "isnumeric", "isspace", "istitle", "isupper", "lower",
    "lstrip", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex",
    "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip",
    "swapcase", "title", "upper", "copy", "get", "items", "keys", "values", "bit_length",
    "is_integer",
))


def check_method(function: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Refuse a method of a built-in value that is not in SAFE_METHODS, or a replace()
    that would grow past the bounds."""
    owner = getattr(function, "__self__", None)
    if owner is None or type(function).__name__ not in (
            "builtin_function_or_method", "method-wrapper", "method_descriptor"):
        return
    if type(owner).__module__ != "builtins":
        return  # a method of a Jinja object (loop.cycle): no value of ours to grow
    name = getattr(function, "__name__", "?")
    if name not in SAFE_METHODS:
        raise SecurityError(f"{type(owner).__name__}.{name}() is not available in clause "
                            "templates")
    if name == "replace" and isinstance(owner, str):
        _replace(owner, *args, **kwargs)


# -- the rewritten template ----------------------------------------------------------------

def emit(value: Any) -> str:
    """One piece of output (text or `{{ }}`), charged to the render's budget of text."""
    text = value if isinstance(value, str) else str(checked(value))
    budget = _BUDGET.get()
    if budget is not None:
        budget.written += len(text)
        if budget.written > MAX_WRITTEN:
            raise LimitError(f"writing more than {MAX_WRITTEN:,} characters")
        _check_clock(budget)
    return text


def concat(*parts: Any) -> str:
    """`a ~ b`, refused before joining when the parts together are too large."""
    if sum(size_of(p) for p in parts) > MAX_SIZE:
        raise LimitError(f"a text larger than {MAX_SIZE:,} characters")
    joined = "".join(str(p) for p in parts)
    checked(joined)  # a part's printed form may be longer than its size (repr of a list)
    return joined


def iterate(items: Any) -> Iterator[Any]:
    """A `for` loop's items, each turn charged to the render's budget."""
    for item in items:
        step()
        yield item


INTERNAL = frozenset((emit, concat, iterate))


class _Guard(NodeTransformer):
    """Routes loops, `~` and output through the functions above."""

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [_call(emit, nodes.Const(child.data, lineno=child.lineno)
                            if isinstance(child, nodes.TemplateData) else child)
                      for child in node.nodes]
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _call(concat, *node.nodes)

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _call(iterate, node.iter)
        return node


def _call(function: Callable[..., Any], *args: nodes.Node) -> nodes.Call:
    lineno = args[0].lineno if args else 1
    name = nodes.ImportedName(f"{__name__}.{function.__name__}", lineno=lineno)
    return nodes.Call(name, list(args), [], None, None, lineno=lineno)


def guard(template: nodes.Template) -> nodes.Template:
    """The parsed template with its loops, `~` and output bounded."""
    guarded = _Guard().visit(template)
    assert isinstance(guarded, nodes.Template)
    return guarded
