"""Typer's parameters made light: plain values read without pydantic, help without type labels.

typer reads every parameter but a flag through a pydantic TypeAdapter, and importing pydantic
takes longer than reading and comparing two 300-paragraph texts; the values asp-draft takes
(strings, whole numbers, paths and lists of them) need none of it. typer's help also labels
every option with its Python type (`<bool>`, `<str>`, `<list[str]>`), which tells a legal
adviser nothing. `install()` changes both and leaves any other parameter to typer. cli/app.py
imports this module inside a try: a typer that has moved these pieces keeps its own behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

from typer import core
from typer._click import Context
from typer._click.exceptions import BadParameter
from typer._coercion import RuntimeParam, TypeDescriptor
from typer._param_types import coerce_cli_path

PLAIN_TYPES = (str, bool, int, Path)
TRUE, FALSE = ("1", "true", "t", "yes", "y", "on"), ("0", "false", "f", "no", "n", "off", "")


@dataclass(frozen=True)
class PlainParam(RuntimeParam):
    """A string, flag, whole number or path (or a list of them) read without pydantic."""

    item: type
    many: bool  # a list of them

    def _coerce_value(self, value: Any, param: Any, ctx: Context) -> Any:
        if self.many:
            items = value if isinstance(value, (list, tuple)) else [value]
            return [self._one(v, param, ctx) for v in items]
        return self._one(value, param, ctx)

    def _one(self, value: Any, param: Any, ctx: Context) -> Any:
        if self.item is str:
            return value if isinstance(value, str) else str(value)
        if self.item is bool:
            return _flag(value, param, ctx)
        if self.item is int:
            return self._number(value, param, ctx)
        return coerce_cli_path(Path(value), self.parameter_info, path_type=Path, param=param,
                               ctx=ctx)

    def _number(self, value: Any, param: Any, ctx: Context) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise BadParameter(f"{value!r} is not a whole number", ctx=ctx, param=param) from None
        least, most = self.parameter_info.min, self.parameter_info.max
        if least is not None and number < least:
            raise BadParameter(f"{number} is less than {least}", ctx=ctx, param=param)
        if most is not None and number > most:
            raise BadParameter(f"{number} is more than {most}", ctx=ctx, param=param)
        return number


def _flag(value: Any, param: Any, ctx: Context) -> bool:
    """A flag's value: as given, or from the words typer takes (1/0, true/false, yes/no, on/off)."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE or word in FALSE:
        return word in TRUE
    raise BadParameter(f"{value!r} is neither yes nor no", ctx=ctx, param=param)


def plain_item(descriptor: TypeDescriptor) -> type | None:
    """The plain type a parameter holds (str, bool, int or Path), or None for typer to read."""
    info = descriptor.parameter_info
    if (info.parser is not None or info.clamp or descriptor.file_annotation is not None
            or descriptor.is_choice):
        return None
    annotation: Any = descriptor.annotation
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
    return next((t for t in PLAIN_TYPES if annotation is t), None)


def install() -> None:
    """Read plain parameters directly, and show help without type labels (once per process)."""
    if getattr(core, "_asp_draft_plain", False):
        return
    build = core.build_runtime_param  # type: ignore[attr-defined]

    def build_runtime_param(descriptor: TypeDescriptor) -> RuntimeParam:
        item = plain_item(descriptor)
        if item is None:
            return build(descriptor)
        annotation: Any = descriptor.annotation
        return PlainParam(parameter_info=descriptor.parameter_info, annotation=annotation,
                          item=item, many=get_origin(annotation) is list)

    core.build_runtime_param = build_runtime_param  # type: ignore[attr-defined]
    _read_signatures_once()
    core.TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign]
    core.TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign]
    core.TyperOption.display_type_rich = _option_type  # type: ignore[method-assign]
    core._asp_draft_plain = True  # type: ignore[attr-defined]


def _read_signatures_once() -> None:
    """typer reads each command's signature twice while it builds the app (its parameters,
    then its callback), evaluating every annotation each time: a third of `--help`. The
    reading depends on the function alone and typer only reads what it returns, so it is
    kept for the second time."""
    from typer import main

    read = main.get_params_from_function  # type: ignore[attr-defined]
    seen: dict[Any, Any] = {}

    def get_params_from_function(func: Any) -> Any:
        if func not in seen:
            seen[func] = read(func)
        return seen[func]

    main.get_params_from_function = get_params_from_function  # type: ignore[attr-defined]


def _argument_type(self: Any, ctx: Context) -> str | None:
    """Nothing: the argument's name (its metavar, REF or OLD) already says what it takes."""
    return None


def _usage_name(self: Any) -> str:
    """`REF`, `[REF]` when it may be left out, `PROPOSAL...` for several (not typer's `{REF}`)."""
    name = str(self.display_name_raw)
    if not self.required:
        name = f"[{name}]"
    if self.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name


def _option_type(self: Any, ctx: Context) -> str | None:
    """The option's metavar; nothing for a flag; else its name in capitals (`--part PART`)."""
    if self.metavar is not None:
        return str(self.metavar)
    if self.is_flag:
        return None
    return (self.name or "value").upper()
