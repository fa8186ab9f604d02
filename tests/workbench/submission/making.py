"""A generated portfolio for the submission's tests: real files of every kind,
and the bad inputs a bundle must survive (a missing stored file, a damaged and
a password-protected PDF, a 500 MB video, a title no file name can hold)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from docx import Document
from pypdf import PdfWriter

from workbench.evidence import blobs
from workbench.evidence.files import import_files
from workbench.evidence.library import add_note, add_web_link, next_number, update_item
from workbench.matrix import ratings as matrix
from workbench.statement import drafts
from workbench.store.models import EvidenceItem, Person

VIDEO_SIZE = 500 * 1024 * 1024
FORBIDDEN_TITLE = 'Budget: Q1 <draft> "final"? *|/\\ con.'
DOCX_WORDS = "Induction checklist written for the new evening staff"
PPTX_WORDS = "Teaching research skills to first years"
STATEMENT = (
    "# Personal performance\n\n"
    "I rewrote the induction checklist [E1] and taught a session [E2] with these slides.\n\n"
    "## Organisational context\n\n"
    "The budget [E6] and the poster [E3] show the service; see also [E1] and [E9].\n"
)


def png(path: Path, width: int = 60, height: int = 40) -> Path:
    """A small solid-colour PNG (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x20\x60\xc0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def docx_file(path: Path) -> Path:
    document = Document()
    document.add_heading(DOCX_WORDS, 1)
    document.add_paragraph("Check the fire exits, the issue desk and the printers.")
    document.save(path)
    return path


def pptx_file(path: Path) -> Path | None:
    try:
        from pptx import Presentation  # optional: only where python-pptx is installed
    except ImportError:
        return None
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = PPTX_WORDS
    slide.placeholders[1].text = "Search, evaluate, cite"
    deck.save(path)
    return path


def pdf_file(path: Path, password: str = "") -> Path:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": path.stem})  # each file its own bytes
    if password:
        writer.encrypt(password)
    with open(path, "wb") as out:
        writer.write(out)
    return path


def build_generated(opened, me, folder: Path) -> dict[str, int]:
    """Add the generated items to ``opened``; return their numbers by name."""
    folder.mkdir(parents=True, exist_ok=True)
    person = Person.get_by_id(me.uuid)
    portfolio = opened.portfolio
    files = [
        docx_file(folder / "checklist.docx"),
        pptx_file(folder / "slides.pptx") or docx_file(folder / "slides.docx"),
        png(folder / "poster.png"),
        pdf_file(folder / "damaged.pdf"),
        pdf_file(folder / "locked.pdf", password="secret"),
        pdf_file(folder / "budget.pdf"),
        pdf_file(folder / "gone.pdf"),
    ]
    (folder / "damaged.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n")
    items = import_files(opened, person, files).items
    numbers = dict(
        zip(
            ("docx", "pptx", "png", "damaged", "locked", "budget", "gone"),
            (item.number for item in items),
            strict=True,
        )
    )
    update_item(items[5].uuid, person, title=FORBIDDEN_TITLE)
    blobs.blob_path(opened.root, items[6].blob_sha).unlink()  # missing from the store
    video = blobs.blob_path(opened.root, "ab" * 32)
    video.parent.mkdir(parents=True, exist_ok=True)
    with open(video, "wb") as handle:
        handle.truncate(VIDEO_SIZE)  # sparse: no 500 MB written or read
    numbers["video"] = next_number(portfolio)
    EvidenceItem.create(
        author=person.uuid,
        portfolio=portfolio,
        number=numbers["video"],
        title="Recording of the training session",
        kind="file",
        evidence_type="Other",
        source_name="training.mp4",
        blob_sha="ab" * 32,
        size=VIDEO_SIZE,
    )
    numbers["note"] = add_note(
        portfolio, person, "Talk with the head of service", description="We agreed a pilot."
    ).number
    numbers["link"] = add_web_link(portfolio, person, "https://example.org/guide", "Guide").number
    drafts.save_working_copy(portfolio, person, STATEMENT)
    taken = matrix.snapshots(portfolio)
    snapshot = taken[0] if taken else matrix.begin_snapshot(portfolio, person, "start")
    for skill in matrix.framework_skills(portfolio)[:3]:
        matrix.set_rating(snapshot, skill, person, relevant=True, current=1, target=3)
    return numbers
