"""Everything the Overview shows, gathered in one call.

The readiness checklist, the reminders (which reuse the checklist), meeting
actions due soon, the CPD hours of the last 12 months, the latest changes and
the people of the portfolio: plain data, so the view only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workbench.journey import cpd, mentoring, readiness, reminders
from workbench.store import handles
from workbench.store.models import Portfolio


@dataclass(frozen=True)
class Overview:
    state: readiness.Readiness
    reminders: list[reminders.Reminder]
    due_actions: list[mentoring.ActionRow]
    has_actions: bool  # a meeting has set an action (often none in revalidation)
    cpd: cpd.CpdSummary
    recent: list[reminders.ActivityEntry]
    people: list[handles.Member]


def overview(portfolio: Portfolio, today: date) -> Overview:
    state = readiness.readiness(portfolio, today)
    actions = mentoring.actions(portfolio)
    return Overview(
        state=state,
        reminders=reminders.reminders(portfolio, today, state),
        due_actions=mentoring.due_actions(portfolio, today, rows=actions),
        has_actions=bool(actions),
        cpd=cpd.summary(portfolio, today),
        recent=reminders.recent_activity(portfolio),
        people=handles.people(portfolio),
    )
