"""The sample portfolio: a made-up Chartership candidate part-way through.

Every later part of the workbench adds its own sample data through a
``build_*`` function called from ``build_demo``.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from workbench.frameworks.library import builtin_framework, install_framework
from workbench.matrix.ratings import (
    begin_snapshot,
    framework_skills,
    set_area_comment,
    set_mentor_rating,
    set_rating,
)
from workbench.sample.evidence import build_evidence
from workbench.sample.journal import build_journal
from workbench.sample.journey import build_journey, build_revalidation
from workbench.sample.statement import build_statement
from workbench.store import db
from workbench.store.identity import Identity
from workbench.store.models import Area, Person, new_uuid
from workbench.store.portfolios import (
    MENTOR,
    OpenPortfolio,
    add_member,
    create_portfolio,
    set_setting,
)

CANDIDATE = "Jordan Ellis"
MENTOR_NAME = "Ruth Adebayo"

# skill code -> (start current, start target, mid-point current, note)
CHOSEN = {
    "1.0": (2, 3, 2, "Applying the ethics code to data requests from researchers."),
    "2.0": (2, 3, 3, "Catalogue clean-up project gave me hands-on practice."),
    "4.0": (1, 3, 2, "Setting up a staff wiki for the team's know-how."),
    "5.0": (1, 2, 1, "Research data service is new to our library."),
    "7.0": (1, 3, 2, "Small survey of student study habits."),
    "10.1": (3, 4, 3, "I run induction sessions; want to design the programme."),
    "10.2": (2, 4, 3, "Digital skills drop-ins for first-year students."),
    "10.4": (2, 3, 3, "Observed by a colleague; feedback forms collected."),
    "10.5": (3, 4, 3, "Enquiry desk and one-to-one appointments."),
    "11.0": (1, 3, 2, "Presenting our service to the faculty board."),
    "13.0": (2, 3, 2, "Redesigning the library's welcome week."),
    "15.0": (1, 3, 2, "Joined a regional group; reading sector news weekly."),
}
AREA_COMMENTS = {
    "1": "I will show how I applied our ethics principles to a researcher's request for "
    "borrowing records, and how I explained the decision.",
    "2": "The catalogue clean-up project and the notes I kept on the choices it asked of me.",
    "4": "The staff wiki: what the team used, what it ignored, and what I changed because of it.",
    "5": "Early days: I will show what I learnt from the new research data service, "
    "not claim expertise yet.",
    "7": "My small survey of study habits: how I designed it, and what I would do differently.",
    "10": "I will show how I moved from delivering sessions to designing them, "
    "with feedback and my own reflections as evidence.",
    "11": "Evidence will come from presenting to the faculty board and what changed after.",
    "13": "The welcome week evaluation: the figures I compared and the change it led to.",
    "15": "The regional group and the sector issues I followed, with one change each "
    "brought to my work.",
}


def build_demo(root: Path | str, today: date | None = None) -> OpenPortfolio:
    """Write the sample portfolio into ``root`` and return it opened."""
    today = today or date.today()
    mentee = Identity(uuid=new_uuid(), name=CANDIDATE)
    opened = create_portfolio(
        root,
        mentee,
        route="chartership",
        title=f"Chartership portfolio of {CANDIDATE}",
        mentor_name=MENTOR_NAME,
        start_date=today - timedelta(days=240),
        target_date=today + timedelta(days=150),
    )
    portfolio = opened.portfolio
    with db.database.atomic():
        me = Person.get_by_id(mentee.uuid)
        mentor_id = new_uuid()
        mentor = Person.create(uuid=mentor_id, author=mentor_id, name=MENTOR_NAME)
        add_member(portfolio, me, mentor, MENTOR)
        portfolio.framework = install_framework(builtin_framework(), me)
        portfolio.save()
        set_setting("demo", "1")
        build_matrix(opened, me, mentor, today)
        build_statement(opened, me, mentor, today)

        build_evidence(opened, me, mentor, today)

        build_journey(opened, me, mentor, today)
        build_journal(opened, me, today)
    return opened


def build_revalidation_demo(root: Path | str, today: date | None = None) -> OpenPortfolio:
    """The sample Revalidation portfolio: a member's year of CPD and a first draft."""

    return build_revalidation(root, today)


def build_matrix(opened: OpenPortfolio, me: Person, mentor: Person, today: date) -> None:
    portfolio = opened.portfolio
    skills = {s.code: s for s in framework_skills(portfolio)}
    start = begin_snapshot(portfolio, me, "start", taken_on=today - timedelta(days=235))
    for code, (current, target, _, note) in CHOSEN.items():
        set_rating(
            start, skills[code], me, relevant=True, current=current, target=target, note=note
        )
    areas = {a.code: a for a in Area.select().where(Area.framework == portfolio.framework)}
    for code, text in AREA_COMMENTS.items():
        set_area_comment(start, areas[code], me, text)
    middle = begin_snapshot(
        portfolio, me, "review", label="Mid-point review", taken_on=today - timedelta(days=90)
    )
    for code, (_, _, now, _) in CHOSEN.items():
        set_rating(middle, skills[code], me, current=now)
    for code, view in (("10.2", 3), ("11.0", 2), ("4.0", 1), ("15.0", 2)):
        set_mentor_rating(middle, skills[code], mentor, view, "From what I saw at our meetings.")
