"""The sample candidate's private journal: two notes they have not shared."""

from __future__ import annotations

from datetime import date, timedelta

from workbench.journey.journal import add_entry
from workbench.store.models import Person
from workbench.store.portfolios import OpenPortfolio

ENTRIES = (
    (
        200,
        "The observation went badly. I talked for forty minutes and I could see two students "
        "on their phones. I was upset afterwards and nearly didn't read the notes.\n\n"
        "Reading them a week later, they were fair. I want to stop measuring a session by how "
        "confident I feel in it.",
    ),
    (
        35,
        "The faculty board meeting: I was nervous and spoke too fast. One professor was "
        "dismissive at first. Leading with retention worked better than leading with our "
        "figures. Next time I will rehearse the first two minutes out loud.",
    ),
)


def build_journal(opened: OpenPortfolio, me: Person, today: date) -> None:
    for days_ago, text in ENTRIES:
        add_entry(opened.portfolio, me, today - timedelta(days=days_ago), text)
