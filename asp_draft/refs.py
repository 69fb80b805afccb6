"""REF -> Document: the one resolver every command goes through.

A REF is a year (2017), a document symbol (ICC-ASP/16/Res.6), a draft spec (.yaml/.yml),
a file one of formats.READERS reads (plain text, Markdown, Word, PDF), or `-` for standard
input (a draft spec when it is one, else plain text).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from asp_draft.errors import InputError, UnknownReferenceError
from asp_draft.formats import READERS, SPEC_SUFFIXES, reader_for, reader_suffixes
from asp_draft.model import Document
from asp_draft.symbols import looks_like_symbol

_YEAR = re.compile(r"\d{4}")
# a spec on standard input: compiled by `re` when first used
_SPEC_TEXT = r"(?m)^year:\s*\d{4}\s*$"


SUFFIXES = SPEC_SUFFIXES + tuple(s for r in READERS for s in r.suffixes)


def assemble(source: Any, library: Any, variables: Mapping[str, Any]) -> Document:
    """A session file or spec assembled; imported only then (it brings in jinja2 and yaml)."""
    from asp_draft.library.assemble import assemble as assemble_source

    return assemble_source(source, library, variables)


class Resolver:
    """Turns REFs into documents; loads the library only when a REF needs it.

    A plain class, not a dataclass: making a dataclass costs a diff of two texts ~2 ms at
    start-up (its methods are compiled from source), a tenth of what the diff itself takes.
    """

    def __init__(self, *, library_dirs: Sequence[Path] = (),
                 variables: Mapping[str, Any] | None = None, as_old: bool = False,
                 bundled: bool = True, notify: Callable[[str], None] | None = None) -> None:
        self.library_dirs = library_dirs
        self.variables: Mapping[str, Any] = variables or {}
        self.as_old = as_old  # read Word tracked changes as rejected rather than accepted
        self.bundled = bundled  # False: the bundled library left out (--no-bundled)
        self.notify = notify  # where notes for the user go (the CLI's)
        self._library: Any = None
        # a held symbol -> the library as far as it needs it, read once for show, blame,
        # new --from
        self._held_libraries: dict[str, Any] = {}

    @property
    def library(self) -> Any:
        """The layered library (loaded on first use)."""
        if self._library is None:
            from asp_draft.library.load import load_library

            self._library = load_library(self.library_dirs, strict=False, bundled=self.bundled)
            self._warn_broken(self._library)
        return self._library

    def resolve(self, ref: str) -> Document:
        """Read whatever `ref` names into a document, with the lead words of the user's
        library folders (leads.txt) in force while it is read."""
        from asp_draft.text.leads import words_of

        with words_of(self.word_lists):
            return self._resolve(ref)

    def _resolve(self, ref: str) -> Document:
        if ref == "-":
            return self._stdin()
        if _YEAR.fullmatch(ref) and not Path(ref).exists():
            return assemble(self.library.session(int(ref)), self.library, self.variables)
        path = Path(ref)
        if is_symbol_ref(ref):
            # a symbol (ICC-ASP/16/Res.6, A/C.3/80/L.8, S/RES/2803 (2025)): a resolution the
            # library holds, if any; its last part's dot is no file's extension
            return self._held(" ".join(ref.split()))
        suffix = path.suffix.lower()
        if path.is_dir():
            raise InputError("is a folder, not a file", source=ref)
        if suffix not in SUFFIXES:
            if not path.exists() and not suffix:
                raise UnknownReferenceError(
                    f"{ref!r} is not a year, a document symbol (ICC-ASP/16/Res.6) or a file")
            raise InputError(f"cannot read {suffix or 'files without an extension'}; give "
                             f"{reader_suffixes()}", source=ref)
        if not path.exists():
            raise InputError("no such file", source=ref)
        if path.is_dir():
            raise InputError("is a folder, not a file", source=ref)
        if suffix in SPEC_SUFFIXES:
            from asp_draft.library.spec_reader import read_spec

            return assemble(read_spec(path), self.library, self.variables)
        if suffix == ".docx":
            return self._docx(path)
        found = reader_for(suffix)
        assert found is not None  # every suffix in SUFFIXES has a format
        reader = getattr(importlib.import_module(found.module), found.function)
        document: Document = reader(path, self._notify)
        return document

    @property
    def word_lists(self) -> tuple[Path, ...]:
        """The user's library folders, whose word lists (leads.txt, strength.txt) add to the
        bundled ones."""
        from asp_draft.folders import user_dirs

        return tuple(user_dirs(self.library_dirs))

    @property
    def bodies(self) -> Any:
        """The table of bodies as the user's library folders extend it (read on first use:
        it costs the YAML that a diff of two texts does without)."""
        from asp_draft.folders import user_dirs
        from asp_draft.library.bodies import table

        return table(user_dirs(self.library_dirs))

    def document(self, ref: str) -> Document:
        """What `ref` names, with its body named in its metadata (`body`: ga, sc, ...) and
        its session counted as that body counts them, when the text leaves it out."""
        from asp_draft.library.bodies import with_body

        return with_body(self.resolve(ref), self.bodies, source=ref,
                         line=meta_line(ref, "body"))

    def library_for(self, ref: str | None) -> Any:
        """The library as far as REF needs it: for a held resolution's symbol, only its files
        (load_held) until the whole library is loaded; else the whole library."""
        if ref is not None and self._library is None and not _YEAR.fullmatch(ref):
            held = self._load_held(ref)
            if held is not None and held.find_symbol(ref) is not None:
                return held
        return self.library

    def _load_held(self, symbol: str) -> Any:
        """load_held, once for each symbol (its broken clause files said once)."""
        if symbol not in self._held_libraries:
            from asp_draft.library.load import load_held

            held = load_held(self.library_dirs, symbol, bundled=self.bundled)
            if held is not None:
                self._warn_broken(held)
            self._held_libraries[symbol] = held
        return self._held_libraries[symbol]

    def _held(self, symbol: str) -> Document:
        """A held resolution; until the whole library is needed, read with only the files
        it needs (a body's record is thousands of files)."""
        if self._library is None:
            held = self._load_held(symbol)
            spec = held.find_symbol(symbol) if held is not None else None
            if held is not None and spec is not None:
                return assemble(spec, held, self.variables)
        return assemble(self.library.session_by_symbol(symbol), self.library, self.variables)

    def _warn_broken(self, library: Any) -> None:
        for error in library.broken.values():
            self._notify(f"warning: skipped a clause file that cannot be read: {error}")

    def _notify(self, message: str) -> None:
        if self.notify:
            self.notify(message)

    def _stdin(self) -> Document:
        """Standard input: a draft spec when it is one (`new ... -o - | build -`), else text."""
        from asp_draft.library.assemble import assemble
        from asp_draft.readers.text import parse_text
        from asp_draft.textfile import read_stdin

        text = read_stdin()
        if re.search(_SPEC_TEXT, text) and re.search(r"(?m)^(preamble|operative):", text):
            from asp_draft.library.spec_reader import parse_spec

            return assemble(parse_spec(text, "<stdin>"), self.library, self.variables)
        return parse_text(text, "<stdin>", self._notify)

    def _docx(self, path: Path) -> Document:
        from asp_draft.readers.docx import read_docx

        document = read_docx(path, as_old=self.as_old, notify=self._notify)
        view = document.meta.text("tracked_changes")
        if view and self.notify:
            hint = "without --as-old to accept them" if self.as_old else "--as-old to reject them"
            self.notify(f"{path} has tracked changes; read with all {view} ({hint})")
        return document


def is_symbol_ref(ref: str) -> bool:
    """True for a REF that is a document symbol, not a file: shaped like one, no file of that
    name, and no reader's extension (`A/C.6/80/L.24/Rev.1` ends in '.1', not a format)."""
    path = Path(ref)
    return looks_like_symbol(ref) and path.suffix.lower() not in SUFFIXES and not path.exists()


def meta_line(ref: str, key: str) -> int | None:
    """The line of a text file's `# key: value` (a spec's lines come with the spec)."""
    path = Path(ref)
    if ref == "-" or path.suffix.lower() not in (".txt", ".md") or not path.is_file():
        return None
    from asp_draft.textfile import read_text

    for number, line in enumerate(read_text(path).splitlines(), 1):
        if re.match(rf"#?\s*{key}\s*:", line.strip()):
            return number
    return None


def input_paths(refs: Sequence[str]) -> list[Path]:
    """The files among `refs`, so writers can refuse to overwrite an input."""
    return [Path(r).resolve() for r in refs if r != "-" and Path(r).suffix]
