"""Document or diff -> PDF: the Word file asp-draft writes, converted by LibreOffice.

The PDF is what LibreOffice prints of the .docx: the layout writer's file for `build`, the
redline (changes shown: insertions underlined, deletions struck) for `diff`. LibreOffice runs
headless with its own temporary user profile, so runs beside each other (and beside a user's
open LibreOffice) do not clash over one profile, and under a time limit. Comments go in the
margin (LibreOffice 7.5 and later; 7.4 knows no such option and exports them as PDF notes).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asp_draft.errors import OutputError

if TYPE_CHECKING:
    from asp_draft.library.bodies import Table
    from asp_draft.model import Diff, Document

PACKAGE = "libreoffice-writer-nogui"  # Debian's package with the soffice converter
TIMEOUT_SECONDS = 180  # a cold start takes seconds; a 300-paragraph file well under a minute


def soffice() -> str:
    """The LibreOffice binary on the PATH; an output error naming the package when missing
    (asked before any work, so that nothing is written that could not be finished)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise OutputError("PDF output needs LibreOffice (soffice) on the PATH; install it "
                         f"(Debian, Ubuntu: apt install {PACKAGE})")
    return found


def has_comments(docx: bytes) -> bool:
    """Whether a Word file holds comments (a comments part)."""
    with zipfile.ZipFile(BytesIO(docx)) as package:
        return "word/comments.xml" in package.namelist()


def export_filter(*, comments: bool) -> str:
    """The --convert-to target: PDF from Writer, comments in the margin when there are any."""
    if not comments:
        return "pdf:writer_pdf_Export"
    options = {"ExportNotes": {"type": "boolean", "value": "true"},
               "ExportNotesInMargin": {"type": "boolean", "value": "true"}}
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))


def docx_to_pdf(docx: bytes, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The PDF LibreOffice makes of a .docx; an output error in one line if it fails."""
    binary = soffice()
    with tempfile.TemporaryDirectory(prefix="asp-draft-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(docx)
        command = [binary, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", export_filter(comments=has_comments(docx)),
                   "--outdir", str(work / "out"), str(source)]
        _run(command, timeout)
        result = work / "out" / "document.pdf"
        if not result.is_file() or result.stat().st_size == 0:
            raise OutputError("LibreOffice did not convert the Word file to PDF")
        return result.read_bytes()


def _run(command: Sequence[str], timeout: float) -> None:
    """Run soffice in its own process group, killing the whole group on time-out (it starts
    a child that would outlive a plain kill)."""
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          start_new_session=True) as process:
        try:
            _, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise OutputError(f"LibreOffice did not finish the PDF in {timeout:g} s; "
                              "nothing was written") from None
    if process.returncode != 0:
        last = (err.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise OutputError(f"LibreOffice failed to make the PDF (exit {process.returncode}: "
                          f"{last})")


def render_pdf(document: Document, *, reference_doc: Path | None = None,
               annotations: Sequence[str | None] | None = None,
               bodies: Table | None = None) -> bytes:
    """The document as a PDF: its Word file in its body's layout, printed by LibreOffice."""
    from asp_draft.writers.docx import render_docx

    return docx_to_pdf(render_docx(document, reference_doc=reference_doc,
                                   annotations=annotations, bodies=bodies))


def render_redline_pdf(diff: Diff, **options: Any) -> bytes:
    """The redline as a PDF, its tracked changes shown (the redline writer's options)."""
    from asp_draft.writers.redline import render_redline

    return docx_to_pdf(render_redline(diff, **options))
