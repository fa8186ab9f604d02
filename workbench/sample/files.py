"""The contents of the sample portfolio's evidence files, made by code and kept small.

Each file looks like the real thing a candidate would keep (a feedback summary,
observation notes, slides, an email, a certificate), in our own made-up words.
"""

from __future__ import annotations

import io

OBSERVATION_NOTES = (
    ("Peer observation of teaching: notes", "Title"),
    ("Session: library induction for first-year nursing students, 50 minutes.", None),
    ("Observer: a colleague from the teaching and learning team.", None),
    ("What went well", "Heading 2"),
    ("Clear, friendly welcome; students knew where to find help afterwards.", None),
    ("Good use of a real assignment question as the example search.", None),
    ("What to think about", "Heading 2"),
    ("Talk time was about 40 of the 50 minutes; students searched for 6 minutes.", None),
    ("Three students at the back were lost after the second database.", None),
    ("Could the students try the search first, with you helping around the room?", None),
)

LICENCES_GUIDE = (
    ("Open licences: a one-page guide for the enquiry desk", "Title"),
    ("When a researcher asks where they may deposit their work", "Heading 2"),
    ("Check the publisher's policy for the accepted manuscript first.", None),
    ("Our repository takes the accepted manuscript unless the policy says no.", None),
    ("What the common licences allow", "Heading 2"),
    ("CC BY: anyone may reuse the work if they credit the author.", None),
    ("CC BY-NC: reuse with credit, but not for commercial purposes.", None),
    ("If in doubt", "Heading 2"),
    ("Pass the question to the research support team; do not guess.", None),
)

FEEDBACK_SUMMARY = """Induction sessions, autumn term: feedback summary

Forms returned: 86 (from 11 sessions)

                                   Agree   Not sure   Disagree
I know where to get help             79          5          2
I could find a book for my course    61         17          8
The session was the right length     48         20         18

What students said most often
- "Fewer slides, more time trying it ourselves."
- "The example search was useful."
- "Too much at once after the first half hour."

Next step: rebuild the session around short tasks and compare the spring forms.
"""

CATALOGUE_PLAN = """Catalogue clean-up: project plan and progress log

Aim: remove duplicate records and fix subject headings in the education collection.

Plan
1. Export the 4,200 education records and find duplicates (weeks 1-2).
2. Merge duplicates and check holdings against the shelves (weeks 3-6).
3. Update subject headings to the current list (weeks 7-10).

Progress log
Week 2  - 310 duplicate pairs found; more than expected.
Week 5  - authority records take twice as long as planned; asked for two extra weeks.
Week 12 - done: 298 pairs merged, 1,150 headings updated.
"""

WIKI_EMAIL = """From: Jordan Ellis <j.ellis@example.ac.uk>
To: Teaching and learning team <tl-team@example.ac.uk>
Subject: Re: What should the staff wiki hold?
Date: Tue, 14 Apr 2026 09:12:00 +0100
Content-Type: text/plain; charset=utf-8

Thanks, everyone. Putting your replies together, the first pages will be:

- how to book a teaching room and the kit in each one
- the questions students ask most at the enquiry desk, with our answers
- who to ask about copyright, reading lists and the repository

Amira suggested writing each page around one question rather than one topic.
I will try that and we can look at what gets used after a term.

Jordan

> On 13 Apr, Amira wrote:
> Could we start with the questions we answer every week? That is what new
> colleagues ask me about.
"""

SURVEY_CSV = """question,strongly agree,agree,not sure,disagree,strongly disagree
I plan my week's study in advance,22,51,30,28,9
I use the library building to study,40,47,18,21,14
I start a search with the library catalogue,12,35,29,44,20
I start a search with a web search engine,58,49,15,12,6
I ask library staff when I am stuck,9,27,33,47,24
"""

WELCOME_CSV = """year,new students,came to a welcome week session,share who came,\
later booked a one-to-one (came),later booked a one-to-one (did not come),part-time who came
2024,2150,612,28%,31%,9%,14
2025,2230,655,29%,34%,10%,11
"""


def docx_bytes(lines: tuple[tuple[str, str | None], ...]) -> bytes:
    """A short Word document: (text, style) lines, None meaning a normal paragraph."""
    from docx import Document

    doc = Document()
    for text, style in lines:
        doc.add_paragraph(text, style=style) if style else doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf_bytes(heading: str, lines: tuple[str, ...], landscape: bool = False) -> bytes:
    """A one-page PDF with a heading and lines of text, written by hand."""
    width, height = (842, 595) if landscape else (595, 842)
    safe = [_pdf_text(t) for t in (heading, *lines)]
    body = "".join(f" 0 -20 Td ({line}) Tj" for line in safe[1:])
    text = f"BT /F1 24 Tf 60 {height - 80} Td ({safe[0]}) Tj /F1 13 Tf 0 -16 Td{body} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
    out += (trailer + "%%EOF\n").encode()
    return bytes(out)


def _pdf_text(text: str) -> str:
    return text.replace("\\", "").replace("(", "[").replace(")", "]").replace("–", "-")


DROPIN_REPORT = (
    "Digital skills drop-ins: first-term report",
    (
        "Eight drop-in sessions ran in the first term; 112 students came.",
        "Most questions were about referencing software and finding articles.",
        "",
        "Feedback before and after the redesign around three tasks",
        "Before: 24 of 47 students said they could find a peer-reviewed article alone.",
        "After: 52 of 65 students said the same.",
        "The groups were different and small, so read this as encouraging, not proof.",
        "",
        "Recommendations",
        "Move the sessions to the weeks before coursework deadlines.",
        "Offer a short online guide for students who cannot attend.",
    ),
)

BOARD_SLIDE = (
    "Library sessions in the first year: the case for retention",
    (
        "Faculty board, spring term - Jordan Ellis, teaching and learning team",
        "",
        "- Students who came to a welcome week session were more likely",
        "  to book a one-to-one later [34% against 10%]",
        "- Fewer than a third of new students came; part-time students hardly ever",
        "- Proposal: build one library session into each first-year module",
        "- Ask: two departments to try it this year",
    ),
)

COURSE_CERTIFICATE = (
    "Certificate of completion",
    (
        "",
        "This is to certify that Jordan Ellis",
        "completed the short course",
        "Active learning in library teaching [6 hours]",
        "",
        "Regional Libraries Learning Network",
    ),
)


def sample_file(name: str) -> bytes:
    """The bytes of the sample file called ``name``."""
    makers = {
        "Induction feedback summary.txt": lambda: FEEDBACK_SUMMARY.encode(),
        "Digital skills drop-in report.pdf": lambda: pdf_bytes(*DROPIN_REPORT),
        "Faculty board slides.pdf": lambda: pdf_bytes(*BOARD_SLIDE, landscape=True),
        "Peer observation notes.docx": lambda: docx_bytes(OBSERVATION_NOTES),
        "Catalogue clean-up plan.txt": lambda: CATALOGUE_PLAN.encode(),
        "Staff wiki email thread.eml": lambda: WIKI_EMAIL.encode(),
        "Study habits survey results.csv": lambda: SURVEY_CSV.encode(),
        "Active learning course certificate.pdf": lambda: pdf_bytes(*COURSE_CERTIFICATE),
        "Welcome week evaluation.csv": lambda: WELCOME_CSV.encode(),
        "Open licences guide.docx": lambda: docx_bytes(LICENCES_GUIDE),
    }
    return makers[name]()
