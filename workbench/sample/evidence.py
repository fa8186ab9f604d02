"""Sample evidence for the demo portfolio: files, notes and a web link, mapped
to criteria and chosen skills, with a few gaps left on purpose so the
coverage view has something to show.

Every item has a key, and the sample statement cites items by key (``cite``),
so each [E12] in it names the item the sentence is about. ``CITATION_TOPICS``
says what a sentence citing an item talks about; a test holds the two together.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from workbench.evidence.files import import_files
from workbench.evidence.library import add_note, add_web_link, set_links, update_item
from workbench.matrix.ratings import framework_skills
from workbench.sample.files import sample_file
from workbench.store.models import Person
from workbench.store.portfolios import OpenPortfolio


@dataclass(frozen=True)
class SampleItem:
    key: str
    title: str
    kind: str  # evidence type
    days_ago: int
    criteria: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    description: str = ""
    reflection: str = ""
    file: str = ""  # a file name, or empty for a note
    url: str = ""  # a web link


# In the order they were added: item n is E(n).
SAMPLE_ITEMS = (
    SampleItem(
        "induction",
        "Feedback from induction sessions",
        "Feedback",
        200,
        ("C1",),
        ("10.1", "10.4"),
        "Summary of 86 feedback forms from the autumn induction sessions.",
        "Students wanted fewer slides and more hands-on searching; I rebuilt the session "
        "around short tasks, and the spring forms rate it higher.",
        file="Induction feedback summary.txt",
    ),
    SampleItem(
        "dropins",
        "Digital skills drop-ins: report with feedback before and after",
        "Report",
        150,
        ("C1", "C2"),
        ("10.2", "10.5"),
        "My report to the team on the drop-ins, with the feedback forms from before and "
        "after I redesigned them around three tasks.",
        "Writing it made me look at attendance by week; I moved the sessions to the "
        "weeks before deadlines.",
        file="Digital skills drop-in report.pdf",
    ),
    SampleItem(
        "board",
        "Presentation to the faculty board",
        "Presentation",
        95,
        ("C2",),
        ("11.0",),
        "Ten-minute case for embedding library sessions in the first-year curriculum.",
        file="Faculty board slides.pdf",
    ),
    SampleItem(
        "observation",
        "Peer observation of my teaching: the observer's notes",
        "Feedback",
        120,
        ("C1",),
        ("10.4",),
        "A colleague's notes from observing one of my induction sessions.",
        file="Peer observation notes.docx",
    ),
    SampleItem(
        "catalogue",
        "Catalogue clean-up project plan",
        "Document",
        180,
        ("C2",),
        ("2.0",),
        "The plan and progress log of the catalogue clean-up.",
        "I underestimated the time for authority records; the log shows how I re-planned.",
        file="Catalogue clean-up plan.txt",
    ),
    SampleItem(
        "wiki",
        "Email thread: setting up the staff wiki",
        "Email",
        60,
        description="Colleagues' replies about what the wiki should hold.",
        file="Staff wiki email thread.eml",
    ),
    SampleItem(
        "survey",
        "Survey of student study habits",
        "Spreadsheet",
        45,
        ("C2", "C3"),
        ("7.0",),
        "Results of a short survey answered by 140 students.",
        file="Study habits survey results.csv",
    ),
    SampleItem(
        "welcome_talk",
        "Conversation with the head of service about the welcome week",
        "Record of a conversation",
        80,
        ("C2",),
        ("13.0",),
        "We agreed I would redesign the welcome week stalls around what students ask at "
        "the enquiry desk.",
    ),
    SampleItem(
        "regional",
        "Regional libraries group: my short talk",
        "Web page",
        30,
        ("C3",),
        ("15.0", "10.2"),
        "Notes of the regional group's meeting, where I talked about our drop-ins.",
        url="https://example.org/regional-libraries-group/2026-meeting",
    ),
    SampleItem(
        "reading",
        "Reading log: sector news",
        "Document",
        10,
        description="Weekly notes on articles and reports about the sector.",
    ),
    SampleItem(
        "course",
        "Certificate: short course on active learning",
        "Certificate",
        190,
        ("C1",),
        ("10.4",),
        "Six-hour course on active learning in library teaching.",
        file="Active learning course certificate.pdf",
    ),
    SampleItem(
        "welcome_review",
        "Welcome week evaluation: two years compared",
        "Spreadsheet",
        100,
        ("C2",),
        ("13.0", "7.0"),
        "Attendance, feedback and later one-to-one bookings for the last two welcome weeks.",
        file="Welcome week evaluation.csv",
    ),
    SampleItem(
        "licences",
        "Guide to open licences for the enquiry desk",
        "Document",
        40,
        (),  # not yet linked to a criterion: the coverage view points it out
        ("15.0",),
        "The one-page guide I wrote for colleagues after a short course on open licences.",
        file="Open licences guide.docx",
    ),
    SampleItem(
        "ethics",
        "Reply to a researcher's request for borrowing records",
        "Email",
        70,
        ("C1",),
        ("1.0",),
        "My reply setting out the privacy principle and offering anonymised loan figures.",
    ),
)

# What a sentence citing each item is about: one of these words is in it.
CITATION_TOPICS = {
    "induction": ("induction",),
    "dropins": ("feedback forms",),
    "board": ("faculty board",),
    "observation": ("observed",),
    "wiki": ("wiki",),
    "welcome_review": ("welcome week",),
    "regional": ("regional group",),
    "course": ("course",),
    "licences": ("licences", "guide"),
    "ethics": ("anonymised", "privacy"),
}

NUMBERS = {item.key: n for n, item in enumerate(SAMPLE_ITEMS, start=1)}


def cite(key: str) -> str:
    """The citation of a sample item, e.g. ``[E6]`` for the staff wiki email."""
    return f"[E{NUMBERS[key]}]"


def build_evidence(opened: OpenPortfolio, me: Person, mentor: Person, today: date) -> None:
    """Add the sample items, each getting the number the statement cites."""
    skills = {s.code: s.uuid for s in framework_skills(opened.portfolio)}
    with tempfile.TemporaryDirectory() as folder:
        for number, spec in enumerate(SAMPLE_ITEMS, start=1):
            item = _add(opened, me, spec, Path(folder), today - timedelta(days=spec.days_ago))
            assert item.number == number, f"{spec.title} became E{item.number}"
            linked = [skills[c] for c in spec.skills]
            set_links(item.uuid, me, criteria=spec.criteria, skills=linked)


def _add(opened: OpenPortfolio, me: Person, spec: SampleItem, folder: Path, day: date):
    if spec.url:
        return add_web_link(
            opened.portfolio, me, spec.url, spec.title, item_date=day, description=spec.description
        )
    if not spec.file:
        return add_note(
            opened.portfolio,
            me,
            spec.title,
            description=spec.description,
            evidence_type=spec.kind,
            item_date=day,
        )
    path = folder / spec.file
    path.write_bytes(sample_file(spec.file))
    item = import_files(opened, me, [path]).items[0]
    update_item(
        item.uuid,
        me,
        title=spec.title,
        evidence_type=spec.kind,
        item_date=day,
        description=spec.description,
        reflection=spec.reflection,
    )
    return item
