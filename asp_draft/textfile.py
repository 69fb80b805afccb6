"""Reading text the user gives (a file or standard input): capped, UTF-8, no control characters.

A resolution is a few hundred kilobytes; anything past `MAX_TEXT_BYTES` is not one (a 3 GB file,
`/dev/zero`), and a FIFO or device never ends, so both are refused before reading. Control
characters (NUL, ESC ...) have no place in a resolution and break every writer after the
reader, so they are refused where they stand, with line and column.
"""

from __future__ import annotations

import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from asp_draft.errors import InputError, LibraryError, RequestError

MAX_TEXT_BYTES = 32 * 1024 * 1024
# C0 controls but tab, line feed, carriage return and form feed (a PDF copy's page break);
# DEL and the C1 controls.
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Every byte that cannot begin a control character in UTF-8: all but the C0 controls above,
# DEL, and 0xC2 (which begins U+0080-U+00BF: the C1 controls, and also U+00A0 and the like).
_CLEAN_BYTES = bytes(b for b in range(256)
                     if not (b <= 0x08 or b == 0x0B or 0x0E <= b <= 0x1F or b in (0x7F, 0xC2)))


def read_text(path: Path) -> str:
    """A UTF-8 text file, with one-line errors for what cannot be a resolution's text."""
    check_input(path, MAX_TEXT_BYTES, "a text file")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", source=path) from None
    return decode_text(data, str(path))


def check_input(path: Path, limit: int, kind: str) -> int:
    """The size of a file the user gives to be read, after refusing in one line a missing
    file, a folder, a pipe or device (reading one never ends) and a file past `limit` bytes.

    Every reader (text, Word, PDF, AKN) asks this before it opens the file. `kind` names what
    was wanted ("a PDF file").
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", source=path) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", source=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder, not a file", source=path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"is not a regular file (a device or a pipe); give {kind}",
                         source=path)
    if info.st_size > limit:
        raise InputError(f"is {_megabytes(info.st_size)}, larger than any resolution's file "
                         f"(the limit is {_megabytes(limit)})", source=path)
    return info.st_size


def _megabytes(size: int) -> str:
    """A size in whole megabytes, or in kilobytes below one."""
    return f"{size // 2**20} MB" if size >= 2**20 else f"{-(-size // 1024)} KB"


def read_stdin() -> str:
    """Standard input as text, refused like a file when it is binary or too large."""
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:  # a text stream put in place of stdin (tests, embedding)
            text = sys.stdin.read(MAX_TEXT_BYTES + 1)
            data = text.encode("utf-8", "surrogatepass")
        else:
            data = stream.read(MAX_TEXT_BYTES + 1)
    except (OSError, ValueError) as e:
        raise InputError(f"cannot read standard input ({e})", source="<stdin>") from None
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"standard input is over {MAX_TEXT_BYTES // (1024 * 1024)} MB; a "
                         "resolution's text is far smaller", source="<stdin>")
    return decode_text(data, "<stdin>")


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 bytes as text with `\\n` line ends; one line naming the place of a bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte 0x{data[e.start]:02x}); save it as UTF-8",
                         source=source, line=line) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # most texts: no byte that could begin a control, told far faster than by the pattern
    bad = CONTROL.search(text) if data.translate(None, _CLEAN_BYTES) else None
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise InputError(f"column {column}: control character U+{ord(bad.group()):04X} in the "
                         "text (binary data, or a copy that went wrong)", source=source,
                         line=line)
    return text


def plain_name(value: str, what: str) -> str:
    """A name the user gives (an author, a delegation), refused in one line when it holds a
    control character that no document can carry (`what` says what it is, as the caller
    knows it: an option, a delegation's name)."""
    bad = CONTROL.search(value)
    if bad:
        raise RequestError(f"{what} {value!r} holds the control character "
                           f"U+{ord(bad.group()):04X}; give it in plain letters")
    return value


def section_lines(path: Path, sections: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(section, line) for each entry of a `[section]`-headed word list (leads.txt,
    strength.txt): comments after `#` and blank lines left out; an unknown section or an
    entry before any section is refused with its line."""
    known = tuple(sections)
    section = ""
    for number, raw in enumerate(read_text(path).splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            section = line.strip("[] ").lower()
            if not line.endswith("]") or section not in known:
                raise LibraryError(f"unknown section {line!r} (known: "
                                   f"{', '.join(f'[{k}]' for k in known)})", source=path,
                                   line=number)
            continue
        if not section:
            raise LibraryError("an entry before any [section]", source=path, line=number)
        yield section, line
