"""Turning documents into PDF with LibreOffice (``soffice --headless``), when installed.

Several files go through one call (LibreOffice takes seconds to start), with a
profile folder of its own so a LibreOffice the user has open is not disturbed.
The call is stopped when ``cancelled()`` turns true. A file LibreOffice could
not convert simply has no PDF afterwards; the caller names it.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from workbench.errors import WorkbenchError

# What LibreOffice turns into PDF: Word, PowerPoint, Excel, OpenDocument, RTF, text.
# (A CSV file needs import options of its own, so its sheet shows it as a table; a
# text file is shown on its sheet as written.)
OFFICE_SUFFIXES = frozenset(
    {".doc", ".docx", ".rtf", ".odt", ".ppt", ".pptx", ".odp", ".xls", ".xlsx", ".ods"}
    | {".odg", ".pps", ".ppsx"}
)
TIMEOUT_S = 600
POLL_S = 0.1
# One LibreOffice run stops quietly after a couple of hundred files, so the files
# go in batches; the files after the last one a run converted are tried once more.
BATCH = 100


class ConversionCancelled(WorkbenchError):
    """The conversion was stopped."""


def office_program() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(
    sources: list[Path],
    outdir: Path,
    cancelled: Callable[[], bool] | None = None,
    program: str | None = None,
) -> dict[Path, Path]:
    """Each source that LibreOffice converted, with its PDF in ``outdir``.

    Sources must have distinct stems (LibreOffice names each PDF for its stem).
    """
    program = program or office_program()
    if program is None or not sources:
        return {}
    outdir.mkdir(parents=True, exist_ok=True)
    done: dict[Path, Path] = {}
    again: list[Path] = []
    for start in range(0, len(sources), BATCH):
        batch = sources[start : start + BATCH]
        made = _run(program, batch, outdir, cancelled)
        done.update(made)
        last = max((n for n, source in enumerate(batch) if source in made), default=None)
        if last is not None:  # (a run that made nothing will not do better a second time)
            again.extend(batch[last + 1 :])
    if again:
        done.update(_run(program, again, outdir, cancelled))
    return done


def _run(program: str, sources: list[Path], outdir: Path, cancelled) -> dict[Path, Path]:
    profile = outdir / ".office-profile"
    command = [
        program,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *(str(source) for source in sources),
    ]
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
        )
    except OSError:
        return {}
    started = time.monotonic()
    while process.poll() is None:
        if (cancelled and cancelled()) or time.monotonic() - started > TIMEOUT_S:
            process.kill()
            process.wait()
            if cancelled and cancelled():
                raise ConversionCancelled("The conversion to PDF was cancelled.")
            break
        time.sleep(POLL_S)
    shutil.rmtree(profile, ignore_errors=True)
    done = {}
    for source in sources:
        pdf = outdir / f"{source.stem}.pdf"
        if pdf.is_file() and pdf.stat().st_size > 0:
            done[source] = pdf
    return done
