"""Hostile PDFs, written here byte by byte: each is read or refused in one line, within the
limits of memory and time, measured on the process that read it (os.wait4), not guessed from
the wall clock. And what a PDF holds that a reader could get wrong: text inside form
objects, a text object longer than pdfium's buffer, a font without a Unicode map, control
characters, right-to-left and Chinese text. Then every reader's refusal of pipes, devices and
oversized files, through the one shared check.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asp_draft.errors import InputError
from asp_draft.readers import pdf_objects
from asp_draft.readers.pdf_objects import Piece, extract
from tests.conftest import one_line_error
from tests.pdf_fixtures import pdf_bytes

LIMIT_MB = 1024  # what any PDF may take, the reader's start-up included
LIMIT_CPU = 10.0  # seconds


# --- PDFs by hand ------------------------------------------------------------------------

def stream(data: bytes, keys: bytes = b"") -> bytes:
    """A stream object holding `data` as it is (already compressed, if `keys` says so)."""
    return b"<< /Length %d %s >>\nstream\n" % (len(data), keys) + data + b"\nendstream"


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def one_page(content: bytes, *, more: tuple[bytes, ...] = (), font: bytes = HELVETICA,
             content_keys: bytes = b"") -> bytes:
    """One A4 page drawing `content`, with font F1 (object 5) and form X (object 6, when
    `more` holds it)."""
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >> >>",
        stream(content, content_keys), font, *more])


def line(text: bytes, x: int = 72, y: int = 700, size: int = 12) -> bytes:
    """A text object showing `text` (a PDF literal string's inside) at x, y."""
    return b"BT /F1 %d Tf %d %d Td (%s) Tj ET\n" % (size, x, y, text)


def forms(depth: int, fan: int, leaf: bytes = b"(deep) Tj") -> tuple[bytes, ...]:
    """Form objects 6, 7, ...: each draws the next `fan` times; the last shows text."""
    out = []
    for level in range(depth):
        if level < depth - 1:
            body = b"".join(b"q 1 0 0 1 %d 0 cm /X Do Q " % i for i in range(fan))
            resources = b"/XObject << /X %d 0 R >>" % (7 + level)
        else:
            body, resources = b"BT /F1 12 Tf 0 0 Td " + leaf + b" ET", b""
        out.append(stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 500 500] "
                                b"/Resources << /Font << /F1 5 0 R >> " + resources + b" >>"))
    return tuple(out)


def form_bomb() -> bytes:
    """Forms 30 deep, each drawing the next four times: 4**29 text objects in 9 KB."""
    return one_page(b"/X Do", more=forms(30, 4))


def deflate_bomb(gigabytes: int = 1) -> bytes:
    """A content stream flated twice: 2 KB that inflate to `gigabytes` GB of spaces.

    Flushed in full, every 16 MB block compresses to the same bytes, so the inner stream is
    written by repeating them, not by compressing a gigabyte.
    """
    block = b" " * (1 << 24)
    packer = zlib.compressobj(9)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    count = gigabytes * 64
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(block, checksum)
    inner = first + again * (count - 1) + packer.flush()[:-4] + checksum.to_bytes(4, "big")
    return one_page(zlib.compress(inner, 9),
                    content_keys=b"/Filter [/FlateDecode /FlateDecode]")


def crowded_page(objects: int) -> bytes:
    """One page of `objects` text objects, flated (274 KB for 100,000)."""
    body = b"BT /F1 10 Tf " + b"".join(
        b"1 0 0 1 %d %d Tm (w%d) Tj " % (36 + (i % 50) * 10, 800 - (i // 50) % 780, i)
        for i in range(objects)) + b"ET"
    return one_page(zlib.compress(body), content_keys=b"/Filter /FlateDecode")


def font_with_map(cmap: bytes) -> tuple[bytes, bytes]:
    """A simple font F1 whose ToUnicode CMap (object 6) is `cmap`'s bfrange lines."""
    text = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CMapName /Made def 1 begincodespacerange <00> <FF> endcodespacerange\n"
            + cmap + b"\nendcmap CMapName currentdict /CMap defineresource pop end end")
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
            b"/ToUnicode 6 0 R >>")
    return font, stream(text)


# --- measured in a child ---------------------------------------------------------------

@dataclass
class Run:
    """One `asp-draft show FILE` in its own process, and what it cost."""

    code: int
    out: str
    err: str
    cpu: float  # seconds of processor time, the reader's children included
    memory_mb: float  # the largest resident size of the process or any child it waited for
    wall: float


def show(path: Path, tmp_path: Path) -> Run:
    """Run `asp-draft show PATH` as a fresh process and measure it with wait4 (which Popen's
    own wait would take from us: the process is collected here)."""
    env = {**os.environ, "ASP_DRAFT_CACHE": str(tmp_path / "cache"), "NO_COLOR": "1"}
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    start = time.monotonic()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "asp_draft", "show", str(path)],
                                   stdout=stdout, stderr=stderr, env=env)
    pid, status, usage = os.wait4(process.pid, os.WNOHANG)
    while not pid and time.monotonic() - start < 120:
        time.sleep(0.05)
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
    if not pid:  # hung: end it (our own process, by its id) and fail
        process.kill()
        os.wait4(process.pid, 0)
        pytest.fail(f"asp-draft show {path} still ran after 120 s")
    process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    return Run(process.returncode, out.read_text(encoding="utf-8"),
               err.read_text(encoding="utf-8"), usage.ru_utime + usage.ru_stime,
               usage.ru_maxrss / 1024, time.monotonic() - start)


def refused(run: Run, path: Path) -> str:
    """The one error line of a run that refused `path` (exit 2, no traceback)."""
    assert run.code == 2, (run.code, run.err)
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith(f"asp-draft: error: {path}:"), lines[0]
    return lines[0]


HOSTILE: list[tuple[str, Callable[[], bytes], tuple[str, ...]]] = [
    # (case, the PDF, what the one line says: any of these)
    ("nested forms, 4**29 objects", form_bomb,
     ("needed more than 512 MB of memory", "took more than 6 s")),
    ("2 KB inflating to 1 GB", deflate_bomb,
     ("needed more than 512 MB of memory", "took more than 6 s")),
    ("100,000 text objects on a page", lambda: crowded_page(100_000),
     (":1: the page has 100,000 objects; a resolution's page has far fewer "
      "(the limit is 5,000)",)),
    ("forms 12 deep", lambda: one_page(b"/X Do", more=forms(12, 1)),
     (":1: form objects nest more than 8 deep",)),
    ("forms fanning out to 7,776 objects", lambda: one_page(b"/X Do", more=forms(6, 6)),
     (":1: the page has over 5,000 objects, forms' contents counted",)),
]


@pytest.mark.parametrize(("case", "make", "said"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_pdf_is_refused_in_one_line_within_the_limits(
        tmp_path: Path, case: str, make: Callable[[], bytes], said: tuple[str, ...]) -> None:
    path = tmp_path / "hostile.pdf"
    path.write_bytes(make())
    run = show(path, tmp_path)
    message = refused(run, path)
    assert any(s in message for s in said), message
    assert run.memory_mb < LIMIT_MB, (case, run.memory_mb)
    assert run.cpu < LIMIT_CPU, (case, run.cpu)
    assert run.wall < 60, (case, run.wall)  # the wall clock only against a hang: it is shared


def test_a_crowded_page_within_the_budget_is_read(tmp_path: Path) -> None:
    path = tmp_path / "crowded.pdf"
    path.write_bytes(crowded_page(4_000))
    pages = list(extract(path))
    assert len(pages[0]) == 4_000
    assert pages[0][3_999].text == "w3999"


def test_the_size_of_a_hostile_pdf_is_small(tmp_path: Path) -> None:
    """The bombs are what the issue names: a few kilobytes, far under the size cap."""
    assert len(form_bomb()) < 10_000 and len(deflate_bomb()) < 10_000


# --- what a PDF holds, read right ------------------------------------------------------

def texts(path: Path) -> list[list[str]]:
    """The pieces' texts, page by page."""
    return [[p.text for p in page] for page in extract(path)]


def test_a_text_object_longer_than_the_buffer_is_read_whole(tmp_path: Path) -> None:
    words = b" ".join(b"word%d" % i for i in range(1_500))  # 12,000 characters
    path = tmp_path / "long.pdf"
    path.write_bytes(one_page(line(words, size=1)))
    ((text,),) = texts(path)
    assert text == words.decode()
    assert "\x00" not in text


def test_text_inside_a_form_object_is_read_where_the_form_puts_it(tmp_path: Path) -> None:
    form = stream(line(b"Inside the form.", x=5, y=7),
                  b"/Type /XObject /Subtype /Form /BBox [0 0 500 100] /Matrix [2 0 0 2 10 0] "
                  b"/Resources << /Font << /F1 5 0 R >> >>")
    path = tmp_path / "form.pdf"
    path.write_bytes(one_page(b"q 1 0 0 1 72 600 cm /X Do Q " + line(b"Above."),
                              more=(form,)))
    ((inside, above),) = list(extract(path))  # in drawing order: the form comes first
    assert above.text == "Above." and (above.x0, above.base) == (pytest.approx(72.2, abs=0.5),
                                                                 700)
    assert inside.text == "Inside the form."
    # the form's /Matrix doubles and shifts it; the page's `cm` moves it by (72, 600)
    assert inside.size == 24.0
    assert inside.base == pytest.approx(600 + 2 * 7)
    assert inside.x0 == pytest.approx(72 + 10 + 2 * 5, abs=3)  # and the I's side bearing


def test_text_inside_nested_forms_within_the_budget_is_read(tmp_path: Path) -> None:
    path = tmp_path / "nested.pdf"
    path.write_bytes(one_page(b"/X Do", more=forms(8, 1, leaf=b"(eight forms down) Tj")))
    assert texts(path) == [["eight forms down"]]


def test_a_font_without_a_unicode_map_is_refused_naming_the_pages(tmp_path: Path) -> None:
    """An embedded subset font with Identity-H and no ToUnicode: pdfium gives glyph ids as
    characters (`$EFGH` for `Agenda`), which look like text but are not."""
    identity = (b"<< /Type /Font /Subtype /Type0 /BaseFont /Subset /Encoding /Identity-H "
                b"/DescendantFonts [6 0 R] >>")
    cid = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Subset /CIDSystemInfo "
           b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R "
           b"/DW 1000 >>")
    descriptor = (b"<< /Type /FontDescriptor /FontName /Subset /Flags 4 /FontBBox [0 0 1000 "
                  b"1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
    path = tmp_path / "glyphs.pdf"
    path.write_bytes(one_page(b"BT /F1 12 Tf 72 700 Td <002400450046004700480049> Tj ET",
                              font=identity, more=(cid, descriptor)))
    with pytest.raises(InputError) as caught:
        texts(path)
    assert str(caught.value) == (
        f"{path}: page 1: the text is in a font without a Unicode map (it comes out as "
        "unknown characters, not letters); export the PDF again with its fonts' text, or "
        "give the .docx")


def test_unknown_characters_on_some_pages_name_those_pages(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            ) -> None:
    good = [Piece("The General Assembly,", 72, 300, 700, 12, False)]
    bad = [Piece("\ufffd\ufffd\ufffd\ufffd \ue001\ue002", 72, 300, 700, 12, False)]
    pages = [(good, False), (bad, False), (bad, False), (good, False), (good, True)]
    monkeypatch.setattr(pdf_objects, "_bounded", lambda path: pages)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(one_page(line(b"x")))
    with pytest.raises(InputError, match=r"mixed.pdf: pages 2-3, 5: the text is in a font "):
        texts(path)


def test_control_characters_of_a_pdf_never_reach_the_terminal(cli, tmp_path: Path) -> None:
    path = tmp_path / "escape.pdf"
    text = b"The General Assembly, \x1b[2J\x1b]0;owned\x07 recalling \x1b[31mits resolutions,"
    path.write_bytes(one_page(line(text)))
    ((piece,),) = texts(path)
    assert piece.startswith("The General Assembly, [2J]0;owned recalling [31mits")
    shown = cli("show", path)
    assert "\x1b" not in shown.out + shown.err and "\x07" not in shown.out + shown.err


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=1, max_size=60))
def test_any_string_in_a_pdf_is_read_as_text_without_controls_or_refused(
        tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    escaped = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    path = tmp_path_factory.mktemp("any") / "any.pdf"
    path.write_bytes(one_page(line(b"Recalling " + escaped)))
    try:
        pages = texts(path)
    except InputError as e:
        assert "\n" not in str(e) and "Unicode map" in str(e)
        return
    for page in pages:
        for text in page:
            assert not pdf_objects._CONTROLS.search(text), text
            assert text.strip()


def test_chinese_text_is_read_in_order(tmp_path: Path) -> None:
    """A CJK font by its standard CMap (UniGB-UCS2-H), as Chinese UN documents set it."""
    song = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
            b"/DescendantFonts [6 0 R] >>")
    cid = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
           b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>")
    words = "大会决议第一条"
    path = tmp_path / "zh.pdf"
    path.write_bytes(one_page(b"BT /F1 12 Tf 72 700 Td <%s> Tj ET"
                              % words.encode("utf-16-be").hex().encode(),
                              font=song, more=(cid,)))
    assert texts(path) == [[words]]


def test_right_to_left_text_is_said_in_one_line(tmp_path: Path) -> None:
    arabic = "قرار"
    font, cmap = font_with_map(b"%d beginbfchar " % len(arabic) + b"".join(
        b"<%02X> <%04X> " % (0x41 + i, ord(c)) for i, c in enumerate(arabic)) + b"endbfchar")
    path = tmp_path / "ar.pdf"
    # glyphs stand left to right on the page, so the word's last letter is drawn first;
    # pdfium gives the text in reading order
    path.write_bytes(one_page(line(b"DCBA"), font=font, more=(cmap,)))
    said: list[str] = []
    pages = [[p.text for p in page] for page in extract(path, said.append)]
    assert pages == [[arabic]]
    assert said == ["page 1: right-to-left text (Arabic or Hebrew script); asp-draft reads a "
                    "line left to right, so its words may come out in the wrong order"]


# --- the child ----------------------------------------------------------------------------

def test_without_fork_the_budget_still_holds(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_objects, "_can_fork", lambda: False)
    crowded = tmp_path / "crowded.pdf"
    crowded.write_bytes(crowded_page(6_000))
    with pytest.raises(InputError, match="the page has 6,000 objects"):
        texts(crowded)
    nested = tmp_path / "nested.pdf"
    nested.write_bytes(one_page(b"/X Do", more=forms(3, 1, leaf=b"(in process) Tj")))
    assert texts(nested) == [["in process"]]


def test_a_bug_in_the_child_is_an_internal_error_not_a_refusal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A refusal would blame the file for a fault of the reader."""
    def broken(page: object, path: Path, number: int) -> None:
        raise ValueError("min() arg is an empty sequence")

    monkeypatch.setattr(pdf_objects, "_page_pieces", broken)
    path = tmp_path / "ok.pdf"
    path.write_bytes(one_page(line(b"Fine.")))
    with pytest.raises(RuntimeError, match="page 1: ValueError: min"):
        texts(path)


@pytest.mark.parametrize(("answer", "read"), [
    (b'{"p": [["ok\\ud800\\u001b[2J", 72, 90, 700, 12, false, false, null], ["far", NaN, 90, '
     b'700, 12, false, false, null], ["gap", 72, 90, 680, 12, false, false, Infinity]], '
     b'"u": false}\n{"done": true}\n', [["ok[2J"]]),
    (b'{"p": [["ok", "left", 90, 700, 12, false, false, null]], "u": false}\n'
     b'{"done": true}\n', "sent a malformed answer"),
    (b'{"p": [["ok", 72, 90, 700, 12, false, false, "x"]], "u": false}\n{"done": true}\n',
     "sent a malformed answer"),
    (b'{"p": [["ok", 72]], "u": false}\n{"done": true}\n', "sent a malformed answer"),
    (b'{"p": [], "u": false}\n', "needed more than 512 MB of memory, or crashed pdfium"),
    (b'{"error": "\\u001b[2Jbad", "page": "one"}\n', "hostile.pdf: [2Jbad"),
])
def test_the_child_s_answer_is_checked_like_the_file(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    answer: bytes,
                                                    read: list[list[str]] | str) -> None:
    """pdfium ran on the hostile file in the child: what it sends back is untrusted too."""
    def child(path: Path, fd: int) -> None:
        os.write(fd, answer)
        os._exit(0)

    monkeypatch.setattr(pdf_objects, "_child", child)
    path = tmp_path / "hostile.pdf"
    path.write_bytes(one_page(line(b"x")))
    if isinstance(read, str):
        with pytest.raises(InputError) as caught:
            texts(path)
        assert read in str(caught.value) and "\x1b" not in str(caught.value)
    else:
        assert texts(path) == read


def test_the_child_leaves_no_process_behind(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    children: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(form_bomb())
    with pytest.raises(InputError):
        texts(path)
    assert len(children) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)  # collected already: neither running nor a zombie


# --- every reader: pipes, devices, size ----------------------------------------------------

KINDS = {".txt": "a text file", ".md": "a text file", ".docx": "a Word .docx file",
         ".pdf": "a PDF file", ".xml": "an Akoma Ntoso .xml file"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("suffix", KINDS)
def test_a_pipe_is_refused_by_every_reader(tmp_path: Path, suffix: str) -> None:
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)  # reading it would wait for a writer forever: a fresh process, timed
    run = show(fifo, tmp_path)
    assert refused(run, fifo) == (f"asp-draft: error: {fifo}: is not a regular file (a "
                                  f"device or a pipe); give {KINDS[suffix]}")
    assert run.wall < 60


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("suffix", KINDS)
def test_a_device_is_refused_by_every_reader(cli, tmp_path: Path, suffix: str) -> None:
    device = tmp_path / f"zero{suffix}"
    device.symlink_to("/dev/zero")  # endless: read whole, it fills memory
    assert one_line_error(cli("show", device)) == (
        f"asp-draft: error: {device}: is not a regular file (a device or a pipe); give "
        f"{KINDS[suffix]}")


@pytest.mark.parametrize(("suffix", "limit"), [
    (".pdf", "100 MB"), (".docx", "100 MB"), (".xml", "32 MB"), (".txt", "32 MB")])
def test_a_file_past_its_reader_s_cap_is_refused_unread(cli, tmp_path: Path, suffix: str,
                                                       limit: str) -> None:
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as f:  # sparse: 3 GB on paper, nothing on disk
        f.truncate(3 * 1024**3)
    line = one_line_error(cli("show", path))
    assert line == (f"asp-draft: error: {path}: is 3072 MB, larger than any resolution's file "
                    f"(the limit is {limit})")


def test_control_characters_of_akn_metadata_never_reach_the_terminal(cli,
                                                                     tmp_path: Path) -> None:
    path = tmp_path / "r.xml"
    assert cli("build", "2018", "--format", "akn", "-o", path).code == 0
    data = path.read_text(encoding="utf-8")
    data = data.replace('"The Hague"', '"The \\u001b[2JHague"')  # ESC in the writer's JSON
    data = data.replace("<docTitle>Strengthening", "<docTitle>\u009b2JStrengthening")  # C1 CSI
    path.write_text(data, encoding="utf-8")
    shown = cli("show", path)
    assert shown.code == 0, shown.err
    assert "# title: 2JStrengthening the International Criminal Court" in shown.out
    assert "\x1b" not in shown.out and "\x9b" not in shown.out
    as_json = cli("show", path, "--format", "json")
    assert "The [2JHague" in as_json.out and "\\u001b" not in as_json.out


def test_two_columns_are_said_in_one_line_and_numbered_paragraphs_are_not(
        tmp_path: Path) -> None:
    columns = b"".join(line(b"left column line %d" % i, x=72, y=700 - 14 * i)
                       + line(b"right column line %d" % i, x=320, y=700 - 14 * i)
                       for i in range(12))
    numbered = b"".join(line(b"%d." % i, x=72, y=700 - 14 * i)
                        + line(b"Requests the Secretary-General to report on it;", x=108,
                               y=700 - 14 * i) for i in range(12))
    said: list[str] = []
    for name, content in (("columns", columns), ("numbered", numbered)):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(one_page(content))
        assert len(next(extract(path, said.append))) == 24
    assert said == ["page 1: text in two columns (or a table); asp-draft reads a page's "
                    "lines across, so the columns may come out interleaved"]


def test_a_page_past_the_cpu_limit_is_refused_when_the_limit_ends_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """19,000 text objects pass a raised object budget; a second of CPU does not."""
    monkeypatch.setattr(pdf_objects, "MAX_OBJECTS", 30_000)
    monkeypatch.setattr(pdf_objects, "SECONDS", 1)
    path = tmp_path / "slow.pdf"
    path.write_bytes(crowded_page(19_000))
    start = time.monotonic()
    with pytest.raises(InputError) as caught:
        texts(path)
    assert str(caught.value) == (f"{path}:1: reading this page took more than 1 s; the PDF is "
                                 "built to exhaust the reader or badly damaged, refusing it")
    assert time.monotonic() - start < 30


def test_text_objects_past_the_document_s_budget_are_refused_at_their_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_objects, "MAX_PIECES", 10)
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R " \
           b"/Resources << /Font << /F1 4 0 R >> >> >>"
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R 6 0 R] /Count 2 >>",
        stream(b"".join(line(b"line %d" % i, y=700 - 14 * i) for i in range(6))),
        HELVETICA, page, page]))
    with pytest.raises(InputError, match=r"long.pdf:2: the PDF has over 10 text objects; a "
                                         r"resolution has far fewer, refusing it"):
        texts(path)
