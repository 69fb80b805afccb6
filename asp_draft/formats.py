"""The formats asp-draft reads and writes, as tables: adding a format is one entry and one module.

READERS are the files a REF can name; DOCUMENT_WRITERS are what `show` and `build` write;
DIFF_WRITERS are what `diff` writes. A format's module is imported only when the format is
used, so the tables cost nothing at start-up; help texts and error messages list from them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from asp_draft.errors import RequestError


@dataclass(frozen=True)
class Reader:
    """A kind of file a REF can name; its reader is `module.function(path, notify)`."""

    name: str
    suffixes: tuple[str, ...]
    module: str
    function: str


# The draft spec is read through the library (library/spec_reader.py), so it has no entry here.
READERS = (
    Reader("plain text", (".txt",), "asp_draft.readers.text", "read_text_file"),
    Reader("Markdown", (".md", ".markdown"), "asp_draft.readers.markdown", "read_markdown_file"),
    Reader("Word", (".docx",), "asp_draft.readers.docx", "read_docx"),
    Reader("PDF", (".pdf",), "asp_draft.readers.pdf", "read_pdf"),
    Reader("Akoma Ntoso", (".xml",), "asp_draft.readers.akn", "read_akn"),
)
SPEC_SUFFIXES = (".yaml", ".yml")


def reader_for(suffix: str) -> Reader | None:
    """The reader a file suffix names, or None."""
    return next((r for r in READERS if suffix.lower() in r.suffixes), None)


def reader_suffixes(*, spec: bool = True) -> str:
    """`.yaml, .txt, .md, .docx, .pdf or .xml` (without `.yaml` when not `spec`), for messages."""
    return listing([*SPEC_SUFFIXES[:1 if spec else 0], *(r.suffixes[0] for r in READERS)])


def ref_help(first: str = "Year, symbol") -> str:
    """What a REF can be, for help: `Year, symbol, spec (.yaml), .txt, ... or - for stdin.`"""
    files = ", ".join(r.suffixes[0] for r in READERS)
    return f"{first}, spec ({SPEC_SUFFIXES[0]}), {files} or - for stdin."


def listing(names: Sequence[str], last: str = "or") -> str:
    """`a, b or c`."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {last} {names[-1]}"


@dataclass(frozen=True)
class Writer:
    """An output format: its name and aliases, the suffixes that pick it, and its function."""

    name: str
    kind: str  # what the output is called in messages: "Word", "Markdown"
    suffixes: tuple[str, ...]
    module: str
    function: str
    aliases: tuple[str, ...] = ()
    binary: bool = False  # bytes: written to a file (-o), never to the terminal
    terminal: bool = False  # prints on a rich console, `function(console, subject)`: no file
    # keyword arguments the function takes from the command; `annotations` (one note per
    # paragraph, `--annotate`) only the writers that can show them take
    options: tuple[str, ...] = ()
    show: bool = False  # offered by `show` (a document read on the terminal or piped)
    # a function of the module that checks, before any work, that the programs the format
    # needs are installed (PDF: LibreOffice), raising an error naming what to install
    needs: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The name, then the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Writers:
    """One table of writers, with the look-ups and the lists that help and errors show."""

    what: str  # what the writers make, plural, for messages: "documents", "redlines"
    entries: tuple[Writer, ...]

    def names(self) -> list[str]:
        """The writers' names, in the table's order."""
        return [w.name for w in self.entries]

    def help(self) -> str:
        """`text, markdown or json`, for help texts."""
        return listing(self.names())

    def get(self, name: str) -> Writer:
        """The writer called `name` (or one of its aliases); an error naming the choices."""
        for writer in self.entries:
            if name.lower() in writer.names:
                return writer
        raise RequestError(f"no format of {self.what} is called {name!r}; choose one of "
                           f"{', '.join(self.names())}")

    def for_suffix(self, suffix: str) -> Writer | None:
        """The writer a file suffix picks, or None."""
        return next((w for w in self.entries if suffix.lower() in w.suffixes), None)

    def files(self) -> Writers:
        """The writers that can write a file (all but the terminal ones)."""
        return Writers(self.what, tuple(w for w in self.entries if not w.terminal))

    def load(self, writer: Writer) -> Callable[..., Any]:
        """The writer's function, imported now; an error if its module is not installed."""
        try:
            module = importlib.import_module(writer.module)
        except ModuleNotFoundError as e:
            if e.name != writer.module:
                raise
            raise RequestError(f"{writer.kind} {self.what} are not available yet") from None
        if writer.needs is not None:
            getattr(module, writer.needs)()
        function: Callable[..., Any] = getattr(module, writer.function)
        return function

    def render(self, writer: Writer, subject: Any, **available: Any) -> Any:
        """`subject` in the writer's format, passing the options the writer takes (an option
        left at None is not passed: the writer's own default stands)."""
        function = self.load(writer)
        return function(subject, **{name: available[name] for name in writer.options
                                    if available.get(name) is not None})


DOCUMENT_WRITERS = Writers("documents", (
    Writer("text", "plain text", (".txt",), "asp_draft.writers.text", "render_text",
           aliases=("txt",), show=True),
    Writer("markdown", "Markdown", (".md", ".markdown"), "asp_draft.writers.markdown",
           "render_markdown", aliases=("md",), show=True, options=("annotations",)),
    Writer("json", "JSON", (".json",), "asp_draft.writers.json", "render_json", show=True),
    Writer("html", "HTML", (".html", ".htm"), "asp_draft.writers.html", "render_html",
           options=("annotations", "bodies")),
    Writer("docx", "Word", (".docx",), "asp_draft.writers.docx", "render_docx",
           binary=True, options=("reference_doc", "annotations", "bodies")),
    Writer("akn", "Akoma Ntoso", (".xml",), "asp_draft.writers.akn", "render_valid_akn",
           aliases=("xml", "akoma-ntoso"), binary=True, show=True, options=("bodies",)),
    Writer("pdf", "PDF", (".pdf",), "asp_draft.writers.pdf", "render_pdf", binary=True,
           options=("reference_doc", "annotations", "bodies"), needs="soffice"),
))
SHOW_WRITERS = Writers("documents", tuple(w for w in DOCUMENT_WRITERS.entries if w.show))

DIFF_WRITERS = Writers("redlines", (
    Writer("rich", "terminal", (), "asp_draft.cli.console_diff", "print_diff", terminal=True),
    Writer("text", "plain text", (".txt",), "asp_draft.writers.diff_text", "render_diff_text",
           aliases=("txt",)),
    Writer("markdown", "Markdown", (".md", ".markdown"), "asp_draft.writers.diff_text",
           "render_diff_markdown", aliases=("md",)),
    Writer("json", "JSON", (".json",), "asp_draft.writers.diff_json", "render_diff_json"),
    Writer("html", "HTML", (".html", ".htm"), "asp_draft.writers.diff_html",
           "render_diff_html"),
    Writer("docx", "Word", (".docx",), "asp_draft.writers.redline", "render_redline",
           binary=True, options=("author", "date", "moves_as_changes", "annotations", "bodies")),
    Writer("pdf", "PDF", (".pdf",), "asp_draft.writers.pdf", "render_redline_pdf",
           binary=True, options=("author", "date", "moves_as_changes", "annotations", "bodies"),
           needs="soffice"),
))
