"""The one sandboxed Jinja2 environment clause templates render in, and its filters.

Libraries come from other delegations, so templates run in Jinja2's sandbox: no attribute
access to Python internals, no file access, and StrictUndefined so a missing variable is an
error that names the clause, the version and the variable rather than an empty string.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from asp_draft import facts
from asp_draft.errors import TemplateError


def _anniversary_of(year: int) -> Any:
    def anniversary(since: int) -> int:
        """Years since `since`: in 2018, anniversary(1998) is 20."""
        return int(year) - int(since)

    return anniversary


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """The shared sandboxed environment with asp-draft's filters."""
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                               keep_trailing_newline=True)
    env.globals.clear()  # no lipsum/cycler/joiner: templates see only the variables we give
    env.filters["ordinal"] = lambda n: facts.ordinal(int(n))
    env.filters["ordinal_word"] = lambda n: facts.ordinal_word(int(n))
    env.filters["cardinal_word"] = lambda n: facts.cardinal_word(int(n))
    return env


@lru_cache(maxsize=4096)
def _compile(text: str) -> tuple[Any, frozenset[str]]:
    env = environment()
    ast = env.parse(text)
    names = frozenset(meta.find_undeclared_variables(ast))
    return env.from_string(ast if isinstance(ast, nodes.Template) else text), names


def variables_used(text: str) -> frozenset[str]:
    """The variables a template refers to (for checks before rendering)."""
    return _compile(text)[1]


def render(text: str, values: Mapping[str, Any], *, where: str, line: int | None = None,
           source: str | None = None) -> str:
    """Render one template; `where` names it for messages (e.g. "clause x, version 2017")."""
    if "{" not in text:
        return text  # plain language needs no engine; most clauses are plain
    try:
        template, names = _compile(text)
    except TemplateSyntaxError as e:
        at = f" (template line {e.lineno})" if e.lineno else ""
        raise TemplateError(f"{where}: template syntax error{at}: {e.message}",
                            source=source, line=line) from None
    context = dict(values)
    context.setdefault("anniversary", _anniversary_of(int(context.get("year", 0))))
    missing = sorted(n for n in names if n not in context)
    if missing:
        raise TemplateError(
            f"{where}: undefined variable {', '.join(missing)} "
            f"(give it with --var {missing[0]}=VALUE or in the spec's variables)",
            source=source, line=line)
    try:
        return str(template.render(context))
    except SecurityError as e:
        raise TemplateError(f"{where}: the template sandbox refused: {e}",
                            source=source, line=line) from None
    except UndefinedError as e:
        raise TemplateError(f"{where}: {e.message}", source=source, line=line) from None
    except (TypeError, ValueError, ArithmeticError) as e:
        raise TemplateError(f"{where}: cannot render: {e}", source=source, line=line) from None
