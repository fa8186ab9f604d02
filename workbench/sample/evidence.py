"""Sample evidence for the demo portfolio: files, notes and a web link, mapped
to criteria and chosen skills, with a few gaps left on purpose so the
coverage view has something to show."""

from __future__ import annotations

import struct
import tempfile
import zlib
from datetime import date, timedelta
from pathlib import Path

from workbench.evidence.files import import_files
from workbench.evidence.library import add_note, add_web_link, set_links, update_item
from workbench.matrix.ratings import framework_skills
from workbench.store.models import Person
from workbench.store.portfolios import OpenPortfolio

# file name, title, type, days ago, criteria, skill codes, description, reflection
SAMPLE_FILES = [
    (
        "Induction feedback summary.txt",
        "Feedback from induction sessions",
        "Feedback",
        200,
        ("C1",),
        ("10.1", "10.4"),
        "Summary of 86 feedback forms from the autumn induction sessions.",
        "Students wanted fewer slides and more hands-on searching; I rebuilt the session "
        "around short tasks, and the spring forms rate it higher.",
    ),
    (
        "Digital skills drop-in report.pdf",
        "Digital skills drop-ins: first-term report",
        "Report",
        150,
        ("C1", "C2"),
        ("10.2", "10.5"),
        "My report to the team on the new drop-in sessions for first-year students.",
        "Writing it made me look at attendance by week; I moved the sessions to the "
        "weeks before deadlines.",
    ),
    (
        "Faculty board slides.pptx",
        "Presentation to the faculty board",
        "Presentation",
        95,
        ("C2",),
        ("11.0",),
        "Ten-minute case for embedding library sessions in the first-year curriculum.",
        "",
    ),
    (
        "Peer observation certificate.png",
        "Certificate: peer observation of teaching",
        "Certificate",
        120,
        ("C1",),
        ("10.4",),
        "Completion of the university's peer observation scheme.",
        "",
    ),
    (
        "Catalogue clean-up plan.txt",
        "Catalogue clean-up project plan",
        "Document",
        180,
        ("C2",),
        ("2.0",),
        "The plan and progress log of the catalogue clean-up.",
        "I underestimated the time for authority records; the log shows how I re-planned.",
    ),
    (
        "Staff wiki email thread.eml",
        "Email thread: setting up the staff wiki",
        "Email",
        60,
        (),
        (),
        "Colleagues' replies about what the wiki should hold.",
        "",
    ),
    (
        "Study habits survey results.csv",
        "Survey of student study habits",
        "Spreadsheet",
        45,
        ("C2", "C3"),
        ("7.0",),
        "Results of a 12-question survey answered by 140 students.",
        "",
    ),
]


def build_evidence(opened: OpenPortfolio, me: Person, mentor: Person, today: date) -> None:
    """Add about ten evidence items to the sample portfolio."""
    portfolio = opened.portfolio
    skills = {s.code: s.uuid for s in framework_skills(portfolio)}
    with tempfile.TemporaryDirectory() as folder:
        paths = [_write_sample(Path(folder) / spec[0]) for spec in SAMPLE_FILES]
        result = import_files(opened, me, paths)
    by_name = {item.source_name: item for item in result.items}
    for name, title, kind, days, criteria, codes, description, reflection in SAMPLE_FILES:
        item = by_name[name]
        update_item(
            item,
            me,
            title=title,
            evidence_type=kind,
            item_date=today - timedelta(days=days),
            description=description,
            reflection=reflection,
        )
        set_links(item, me, criteria=criteria, skills=[skills[c] for c in codes])
    note = add_note(
        portfolio,
        me,
        "Conversation with the head of service about the welcome week",
        description="We agreed I would redesign the welcome week stalls around what "
        "students ask at the enquiry desk.",
        item_date=today - timedelta(days=80),
    )
    set_links(note, me, criteria=["C2"], skills=[skills["13.0"]])
    link = add_web_link(
        portfolio,
        me,
        "https://example.org/regional-libraries-group/2026-meeting",
        "Regional libraries group: my short talk",
        item_date=today - timedelta(days=30),
        description="Notes of the regional group's meeting, where I talked about our drop-ins.",
    )
    set_links(link, me, criteria=["C3"], skills=[skills["15.0"], skills["10.2"]])
    add_note(
        portfolio,
        me,
        "Reading log: sector news",
        description="Weekly notes on articles and reports about the sector.",
        evidence_type="Document",
        item_date=today - timedelta(days=10),
    )


def _write_sample(path: Path) -> Path:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        path.write_bytes(sample_pdf(path.stem))
    elif suffix == ".png":
        path.write_bytes(sample_png(320, 200))
    else:
        body = f"{path.stem}\n\nSample content of the demo portfolio.\n"
        path.write_text(body * 20, encoding="utf-8")
    return path


SAMPLE_PDF_LINES = (
    "Summary",
    "Eight drop-in sessions ran in the first term; 112 students came.",
    "Most questions were about referencing software and finding articles.",
    "Attendance rose in the two weeks before coursework deadlines.",
    "",
    "Recommendations",
    "Move the sessions to the weeks before deadlines.",
    "Offer a short online guide for students who cannot attend.",
)


def sample_pdf(title: str) -> bytes:
    """A one-page PDF with a heading, written by hand (no PDF library needed)."""
    safe = title.replace("\\", "").replace("(", "").replace(")", "")
    lines = "".join(f" 0 -18 Td ({line}) Tj" for line in SAMPLE_PDF_LINES)
    text = f"BT /F1 22 Tf 60 760 Td ({safe}) Tj /F1 12 Tf 0 -14 Td{lines} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    out += trailer.encode()
    return bytes(out)


def sample_png(width: int, height: int) -> bytes:
    """A small certificate-like picture: a border and a band, as an RGB PNG."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            border = min(x, y, width - 1 - x, height - 1 - y) < 8
            band = 80 <= y < 120 and 40 <= x < width - 40
            row += bytes((30, 70, 140) if border else (200, 160, 60) if band else (250, 248, 240))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )
