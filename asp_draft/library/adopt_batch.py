"""Adopting many files in one run: their order, and one plan and write per resolution.

A folder's files are adopted in the order they were adopted (their adoption dates, then their
names); files named one by one, in the order given. The library is loaded once and kept up to
date in memory from each adoption's plan, so the next file matches against what was just
adopted; it is read again from disk only when the folder changed under the run (another
process adopted into it) or a write failed or removed files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asp_draft.errors import AspDraftError, InputError
from asp_draft.formats import READERS
from asp_draft.library.adopt import Adoption, MatchIndex, plan_adoption
from asp_draft.library.load import RESOLUTIONS, Library, load_library
from asp_draft.model import PARTS, Document

# What adopt reads from a folder: the formats of adopted texts (not draft specs).
ADOPTABLE = tuple(s for r in READERS for s in r.suffixes)


@dataclass(frozen=True)
class Source:
    """One file to adopt: its name as given, and its document or why it could not be read."""

    name: str
    document: Document | None
    error: AspDraftError | None = None


@dataclass(frozen=True)
class Outcome:
    """What adopting one file came to: its plan (written unless a dry run), or its error."""

    name: str
    adoption: Adoption | None
    error: str | None = None


def expand(refs: Sequence[str]) -> list[tuple[str, bool]]:
    """Each REF as given, a folder as its adoptable files: (name, from a folder)."""
    out: list[tuple[str, bool]] = []
    for ref in refs:
        path = Path(ref)
        if ref != "-" and path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file()
                           and not p.name.startswith(".") and p.suffix.lower() in ADOPTABLE)
            if not files:
                raise InputError(f"holds no file to adopt ({', '.join(ADOPTABLE)})",
                                 source=ref)
            out += [(str(p), True) for p in files]
        else:
            out.append((ref, False))
    return out


def read_all(refs: Sequence[str], read: Callable[[str], Document]) -> list[Source]:
    """Every file read, in adoption order: as given, a folder's by adoption date then name.

    A file that cannot be read is kept in its place (a folder's at the end), to be reported.
    """
    out: list[Source] = []
    folder: list[Source] = []
    for name, in_folder in expand(refs):
        try:
            source = Source(name, read(name))
        except AspDraftError as e:
            source = Source(name, None, e)
        if in_folder:
            folder.append(source)
            continue
        out += sorted(folder, key=_adoption_order)
        folder = []
        out.append(source)
    return out + sorted(folder, key=_adoption_order)


def _adoption_order(source: Source) -> tuple[str, str]:
    adopted = source.document.meta.adopted if source.document is not None else None
    return (str(adopted) if adopted else "9999", Path(source.name).name)


class Run:
    """Adopts documents one after the other into `into`, the library kept in memory (the
    bundled library in it unless `bundled` is False)."""

    def __init__(self, library_dirs: Sequence[Path], into: Path, *, dry_run: bool,
                 bundled: bool = True) -> None:
        self.library_dirs, self.into, self.dry_run = list(library_dirs), into, dry_run
        self.bundled = bundled
        self._library: Library | None = None
        self._index: MatchIndex | None = None
        self._stamp: tuple[tuple[int, int], ...] | None = None

    def adopt(self, source: Source, *, options: Mapping[str, Any] | None = None,
              several: bool = False) -> Outcome:
        """Plan and (unless a dry run) write one file; its error is its outcome's."""
        if source.document is None:
            return Outcome(source.name, None, str(source.error))
        try:
            plan = self.step(source.document, source.name, options or {}, several=several)
        except AspDraftError as e:
            return Outcome(source.name, None, str(e))
        except OSError as e:  # the machine said no while writing: this file failed
            where = f"{e.filename}: " if e.filename else ""
            return Outcome(source.name, None, f"{where}{e.strerror or e}")
        return Outcome(source.name, plan)

    def step(self, document: Document, name: str, options: Mapping[str, Any], *,
             several: bool) -> Adoption:
        """One resolution planned and written under the folder's lock, against the library
        as the folder holds it then (a dry run writes nothing and takes no lock)."""
        if self.dry_run:
            return self._plan(document, name, options, several=several)
        from asp_draft.library.write import locked, write_adoption

        if not self.into.is_dir():
            # a plan that fails leaves no folder behind; one that does not is made again
            # under the lock, the folder made (its stamp changes, so it is read afresh)
            self._plan(document, name, options, several=several)
            self.into.mkdir(exist_ok=True)
        with locked(self.into):
            plan = self._plan(document, name, options, several=several)
            if plan.status == "unchanged":
                return plan
            try:
                write_adoption(plan, inputs=[name])
            except (AspDraftError, OSError):
                self._library = None  # what is on disk now is read again
                raise
            if any(f.action == "delete" for f in plan.files):
                self._library = None  # a lower folder's file may show through again
            self._stamp = _stamp(self.into)
        return plan

    def _plan(self, document: Document, name: str, options: Mapping[str, Any], *,
              several: bool) -> Adoption:
        """The plan against the library in memory, which then follows it."""
        library, index = self._current()
        plan = plan_adoption(document, library, self.into, source=name, index=index,
                             alone=not several, **options)
        if plan.library is not None:
            self._library = plan.library
            index.update(plan.library, [f.path.stem for f in plan.files
                                        if f.path.parent.name in PARTS])
        return plan

    def _current(self) -> tuple[Library, MatchIndex]:
        """The library in memory, read again when the folder changed under the run."""
        if self._library is None or self._stamp != _stamp(self.into):
            dirs = [*self.library_dirs, *([self.into] if self.into.is_dir() else [])]
            self._library = load_library(dirs, bundled=self.bundled)
            self._index = MatchIndex.of(self._library)
            self._stamp = _stamp(self.into)
        assert self._index is not None
        return self._library, self._index


def _stamp(folder: Path) -> tuple[tuple[int, int], ...]:
    """When the folder's files last came or went: a file is written by renaming a new one
    into place, which changes its folder's time."""
    out = []
    for path in (folder, folder / "facts.yaml", *(folder / p for p in PARTS),
                 folder / "sessions", folder / RESOLUTIONS):
        try:
            found = path.stat()
            out.append((found.st_mtime_ns, found.st_ino))
        except OSError:
            out.append((0, 0))
    return tuple(out)
