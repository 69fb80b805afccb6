"""The one sandboxed Jinja2 environment clause templates render in, and its filters.

Libraries come from other delegations, so templates run in Jinja2's sandbox: no attribute
access to Python internals, no file access, and StrictUndefined so a missing variable is an
error that names the clause, the version and the variable rather than an empty string. The
sandbox alone does not bound arithmetic or loops; asp_draft/library/limits.py does, through the
hooks of the environment below, so a bomb in a shared library is refused in well under a
second.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from asp_draft.errors import TemplateError
from asp_draft.language import ENGLISH, Language
from asp_draft.library import limits


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox (no list.append, so no list doubling itself in a loop), with
    every operator, call and filter held within the bounds of limits.py."""

    # Every operator that can make a larger value; unary + and - cannot, so they stay direct.
    intercepted_binops = frozenset(("+", "-", "*", "/", "//", "%", "**"))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """An operator, refused before it runs when its result would be past the bounds."""
        limits.check_binop(operator, left, right)
        return limits.checked(super().call_binop(context, operator, left, right))

    def is_safe_callable(self, obj: Any) -> bool:
        """Jinja's rule, and no method of a built-in value outside limits.SAFE_METHODS."""
        try:
            limits.check_method(obj, (), {})
        except SecurityError:
            return False
        return super().is_safe_callable(obj)

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """A call (macro, method, function), charged to the budget and nested at most
        MAX_DEPTH deep; its result is checked."""
        if obj in limits.INTERNAL:  # the guard's own plumbing: it charges what it does
            return context.call(obj, *args, **kwargs)
        budget = limits.step()
        args = tuple(limits.settle(a) for a in args)
        kwargs = {k: limits.settle(v) for k, v in kwargs.items()}
        limits.check_method(obj, args, kwargs)
        if budget is not None:
            budget.depth += 1
            if budget.depth > limits.MAX_DEPTH:
                raise limits.LimitError(f"calls nested more than {limits.MAX_DEPTH} deep "
                                        "(a macro that calls itself?)")
        try:
            return limits.checked(super().call(context, obj, *args, **kwargs))
        finally:
            if budget is not None:
                budget.depth -= 1

    def wrap_str_format(self, value: Any) -> Any:
        """str.format pads and repeats on request; templates write {{ }} instead."""
        if super().wrap_str_format(value) is None:
            return None

        def refused(*args: Any, **kwargs: Any) -> str:
            raise SecurityError("str.format() is not available in clause templates; "
                                "write {{ name }}")

        return refused


def _anniversary_of(year: int) -> Any:
    def anniversary(since: int) -> int:
        """Years since `since`: in 2018, anniversary(1998) is 20."""
        return int(year) - int(since)

    return anniversary


def environment(language: Language = ENGLISH) -> BoundedEnvironment:
    """The sandboxed environment with asp-draft's filters in `language`."""
    # one per language: Jinja binds a template's filters when it compiles it
    return _environment(language)


@lru_cache(maxsize=8)
def _environment(language: Language) -> BoundedEnvironment:
    env = BoundedEnvironment(undefined=StrictUndefined, autoescape=False,
                             keep_trailing_newline=True)
    env.globals.clear()  # no lipsum/cycler/joiner: templates see only the variables we give
    env.globals["range"] = limits.bounded_range
    env.filters.update(language.filters())
    for name, function in list(env.filters.items()):
        env.filters[name] = limits.guard_filter(name, function)
    return env


@lru_cache(maxsize=4096)
def _compile(text: str, language: Language) -> tuple[Any, frozenset[str]]:
    env = environment(language)
    ast = env.parse(text)
    names = frozenset(meta.find_undeclared_variables(ast)) - set(env.globals)
    return env.from_string(limits.guard(ast) if isinstance(ast, nodes.Template) else text), names


def render(text: str, values: Mapping[str, Any], *, where: str, line: int | None = None,
           source: str | None = None, language: Language = ENGLISH) -> str:
    """Render one template in `language`; `where` names it ("clause x, version 2017")."""
    if "{" not in text:
        return text  # plain language needs no engine; most clauses are plain
    template, names = _compiled(text, where, line=line, source=source, language=language)
    context = dict(values)
    context.setdefault("anniversary", _anniversary_of(int(context.get("year", 0))))
    missing = sorted(n for n in names if n not in context)
    if missing:
        raise TemplateError(
            f"{where}: undefined variable {', '.join(missing)} "
            "(give a value in the spec's variables, or as a variable of the command)",
            source=source, line=line, wants=("variable",))
    token = limits.start_budget()
    try:
        return _bounded_render(template, context)
    except limits.LimitError as e:
        raise TemplateError(f"{where}: refused, the template goes past a limit: {e}",
                            source=source, line=line) from None
    except SecurityError as e:
        raise TemplateError(f"{where}: the template sandbox refused: {e}",
                            source=source, line=line) from None
    except UndefinedError as e:
        raise TemplateError(f"{where}: {e.message}", source=source, line=line) from None
    except RecursionError:
        raise TemplateError(f"{where}: refused: the template nests too deep",
                            source=source, line=line) from None
    except OverflowError:
        raise TemplateError(f"{where}: cannot render: a number out of range",
                            source=source, line=line) from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as e:
        raise TemplateError(f"{where}: cannot render: {e}", source=source, line=line) from None
    finally:
        limits.end_budget(token)


def _compiled(text: str, where: str, *, line: int | None, source: str | None,
              language: Language = ENGLISH) -> tuple[Any, frozenset[str]]:
    """The compiled template, or one line saying why it cannot be read."""
    try:
        return _compile(text, language)
    except TemplateSyntaxError as e:
        at = f" (template line {e.lineno})" if e.lineno else ""
        raise TemplateError(f"{where}: template syntax error{at}: {e.message}",
                            source=source, line=line) from None
    except (RecursionError, ValueError, SecurityError) as e:
        # a 5,000-digit literal, brackets nested a thousand deep
        cause = "it nests too deep" if isinstance(e, RecursionError) else str(e)
        raise TemplateError(f"{where}: cannot read the template: {cause}",
                            source=source, line=line) from None


def _bounded_render(template: Any, context: dict[str, Any]) -> str:
    """The template's output, stopped as soon as it passes MAX_OUTPUT characters."""
    chunks: list[str] = []
    length = 0
    for chunk in template.generate(context):
        length += len(chunk)
        if length > limits.MAX_OUTPUT:
            raise limits.LimitError(f"a paragraph longer than {limits.MAX_OUTPUT:,} "
                                    "characters")
        chunks.append(chunk)
    return "".join(chunks)
