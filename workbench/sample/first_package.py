"""The first package a mentee sends their mentor, a few weeks into a new portfolio.

A new Chartership portfolio whose mentor place is still unfilled (as the
wizard leaves it), with a handful of chosen skills rated, three pieces of
evidence and a first draft sent for review. The package is signed with the
key of whoever is this computer's user at the time: the caller makes that a
made-up person (``stand_in_data_dir``), never the real user.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from workbench.evidence.library import add_note
from workbench.exchange.pack import pack
from workbench.frameworks.library import builtin_framework
from workbench.matrix.ratings import framework_skills, latest_snapshot, set_rating
from workbench.statement import drafts
from workbench.store.identity import Identity
from workbench.store.portfolios import create_portfolio, ensure_person

MENTEE_NAME = "Alex Reader"
MENTOR_NAME = "Sam Okafor"
# skill code -> (current, target)
CHOSEN = {"1.0": (2, 3), "2.0": (1, 3), "10.1": (2, 4), "10.4": (1, 3), "13.0": (2, 3)}
NOTES = (
    ("Induction session plan for new staff", "The plan and handout I wrote in October."),
    ("Conversation with my line manager about the enquiry service", "Notes from our 1:1."),
    ("Feedback from the first information literacy class", "Twelve forms, mostly positive."),
)
DRAFT = (
    "## Personal performance\n\n"
    "When I started, I rated my teaching skills at 2 of 4. I planned the new staff "
    "induction [E1] and asked for feedback after my first class [E3].\n\n"
    "## Organisational context\n\n"
    "My manager and I talked about where the enquiry service is going [E2].\n"
)


def build_first_package(mentee: Identity, root: Path, out: Path) -> Path:
    """Make the mentee's portfolio at ``root`` and write its first package to ``out``."""
    today = date.today()
    with create_portfolio(
        root,
        mentee,
        route="chartership",
        mentor_name=MENTOR_NAME,
        start_date=today - timedelta(days=30),
        target_date=today + timedelta(days=330),
        framework=builtin_framework(),
    ) as opened:
        me = ensure_person(mentee)
        portfolio = opened.portfolio
        start = latest_snapshot(portfolio)
        skills = {s.code: s for s in framework_skills(portfolio)}
        for code, (current, target) in CHOSEN.items():
            set_rating(start, skills[code], me, relevant=True, current=current, target=target)
        for number, (title, description) in enumerate(NOTES):
            add_note(
                portfolio,
                me,
                title,
                description=description,
                item_date=today - timedelta(days=25 - 8 * number),
            )
        drafts.save_working_copy(portfolio, me, DRAFT)
        drafts.send_for_review(portfolio, me, "First draft")
        return pack(opened, me, out).path
