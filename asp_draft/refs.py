"""REF -> Document: the one resolver every command goes through.

A REF is a year (2017), a document symbol (ICC-ASP/16/Res.6), a draft spec (.yaml/.yml),
a plain-text resolution (.txt), Markdown (.md), a Word file (.docx), or `-` for plain text
on standard input.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asp_draft.errors import InputError, UnknownReferenceError
from asp_draft.model import Document

_YEAR = re.compile(r"\d{4}")
_SYMBOL = re.compile(r"ICC-ASP/\d+/Res\.\d+", re.I)
SUFFIXES = (".yaml", ".yml", ".txt", ".md", ".markdown", ".docx")


@dataclass
class Resolver:
    """Turns REFs into documents; loads the library only when a REF needs it."""

    library_dirs: Sequence[Path] = ()
    variables: Mapping[str, Any] = field(default_factory=dict)
    as_old: bool = False  # read Word tracked changes as rejected rather than accepted
    notify: Callable[[str], None] | None = None  # where notes for the user go (the CLI's)
    _library: Any = None

    @property
    def library(self) -> Any:
        """The layered library (loaded on first use)."""
        if self._library is None:
            from asp_draft.library import load_library

            self._library = load_library(self.library_dirs)
        return self._library

    def resolve(self, ref: str) -> Document:
        """Read whatever `ref` names into a document."""
        from asp_draft.assemble import assemble

        if ref == "-":
            from asp_draft.readers.text import parse_text

            return parse_text(sys.stdin.read(), "<stdin>")
        if _YEAR.fullmatch(ref) and not Path(ref).exists():
            return assemble(self.library.session(int(ref)), self.library, self.variables)
        if _SYMBOL.fullmatch(ref):
            return assemble(self.library.session_by_symbol(ref), self.library, self.variables)
        path = Path(ref)
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            if not path.exists() and not suffix:
                raise UnknownReferenceError(
                    f"{ref!r} is not a year, a document symbol (ICC-ASP/16/Res.6) or a file")
            raise InputError(f"cannot read {suffix or 'files without an extension'}; give "
                             ".yaml, .txt, .md or .docx", source=ref)
        if not path.exists():
            raise InputError("no such file", source=ref)
        if suffix in (".yaml", ".yml"):
            from asp_draft.readers.spec import read_spec

            return assemble(read_spec(path), self.library, self.variables)
        if suffix == ".txt":
            from asp_draft.readers.text import read_text_file

            return read_text_file(path)
        if suffix in (".md", ".markdown"):
            from asp_draft.readers.markdown import read_markdown_file

            return read_markdown_file(path)
        return self._docx(path)

    def _docx(self, path: Path) -> Document:
        from asp_draft.readers.docx import read_docx

        document = read_docx(path, as_old=self.as_old)
        view = document.meta.get("tracked_changes")
        if view and self.notify:
            hint = "without --as-old to accept them" if self.as_old else "--as-old to reject them"
            self.notify(f"{path} has tracked changes; read with all {view} ({hint})")
        return document


def input_paths(refs: Sequence[str]) -> list[Path]:
    """The files among `refs`, so writers can refuse to overwrite an input."""
    return [Path(r).resolve() for r in refs if r != "-" and Path(r).suffix]
