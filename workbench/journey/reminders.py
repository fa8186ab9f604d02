"""What needs doing soon, and what happened lately: for the Overview.

Reminders name overdue meeting actions, a target date that is near or past, a
PKSB review not taken for three months and an agreement waiting to be
confirmed. Recent activity lists the latest changes across the portfolio.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from workbench.dates import day_month
from workbench.frameworks.routes import get_route
from workbench.journey.agreement import agreement_status
from workbench.journey.readiness import (
    CPD,
    EVIDENCE,
    MATRIX,
    MENTORING,
    OVERVIEW,
    STATEMENT,
    Readiness,
    plural,
    readiness,
    worded_for,
)
from workbench.statement.authorship import shown_author
from workbench.store.models import (
    Agreement,
    Comment,
    CpdActivity,
    EvidenceItem,
    Meeting,
    Person,
    Portfolio,
    SignOff,
    Snapshot,
    StatementVersion,
)

REVIEW_EVERY_DAYS = 91  # "a review snapshot not taken for three months"
TARGET_WARNING_DAYS = 60
RECENT_LIMIT = 8


@dataclass(frozen=True)
class Reminder:
    key: str
    text: str  # as the mentee reads it
    place: str
    urgent: bool
    mentor_text: str = ""  # as the mentor reads it, where the wording differs

    def text_for(self, role: str | None) -> str:
        return worded_for(role, self.text, self.mentor_text)


@dataclass(frozen=True)
class ActivityEntry:
    when: datetime
    who: str
    what: str
    place: str


# Reminders ------------------------------------------------------------------------------


def reminders(
    portfolio: Portfolio,
    today: date | None = None,
    state: Readiness | None = None,
) -> list[Reminder]:
    """What needs doing soon: the target date, an overdue review, an agreement not yet
    confirmed. (Overdue meeting actions are listed with the others due soon, each with
    its box to tick: ``mentoring.due_actions``.)

    ``state`` is the readiness checklist, when the caller has it already.
    """

    today = today or date.today()
    found = []
    found.extend(_target_reminders(portfolio, today, state))
    found.extend(_review_reminders(portfolio, today))
    status = agreement_status(portfolio)
    if status.exists and status.waiting_for:
        text = (
            f"The mentoring agreement waits for {' and '.join(status.waiting_for)} to confirm it."
        )
        found.append(Reminder("agreement", text, MENTORING, False))
    return found


def _target_reminders(portfolio: Portfolio, today: date, state: Readiness | None) -> list[Reminder]:
    if portfolio.target_date is None:
        return []
    days = (portfolio.target_date - today).days
    if days < 0:
        passed = f"The target date passed {plural(-days, 'day')} ago"
        text, told = f"{passed}; set a new one in mind.", f"{passed}; agree a new one together."
        return [Reminder("target", text, OVERVIEW, True, told)]
    if days <= TARGET_WARNING_DAYS:
        state = state or readiness(portfolio, today)
        left = len(state.items) - state.done_count
        if left == 0:
            return []
        text = f"{plural(days, 'day')} to the target date and {plural(left, 'item')} still open."
        return [Reminder("target", text, OVERVIEW, days <= 14)]
    return []


def _review_reminders(portfolio: Portfolio, today: date) -> list[Reminder]:
    route = get_route(portfolio.route)
    if not route.has_part("pksb_start"):
        return []
    snapshots = list(
        Snapshot.select()
        .where(Snapshot.portfolio == portfolio, ~Snapshot.deleted)
        .order_by(Snapshot.position)
    )
    if not snapshots or any(s.kind == "end" for s in snapshots):
        return []
    days = (today - snapshots[-1].taken_on).days
    if days < REVIEW_EVERY_DAYS:
        return []
    ago = f"{plural(days // 30, 'month')} ago"
    text = f"Your last PKSB snapshot was {ago}: take a review snapshot with your mentor."
    told = (
        f"The last PKSB snapshot was {ago}: a review with the {route.mentee_title.lower()} is due."
    )
    return [Reminder("review", text, MATRIX, False, told)]


# Recent activity ------------------------------------------------------------------------


def recent_activity(portfolio: Portfolio, limit: int = RECENT_LIMIT) -> list[ActivityEntry]:
    """The latest changes across the portfolio, newest first."""
    names = {p.uuid: p.name for p in Person.select()}
    entries: list[ActivityEntry] = []

    def add(model, where, describe, place):
        query = model.select().where(where, ~model.deleted).order_by(model.updated_at.desc())
        for record in query.limit(limit):
            verb = "added" if record.revision <= 1 else "updated"
            who = shown_author(record.author, getattr(record, "word_author", ""), names, "Someone")
            where_to = place(record) if callable(place) else place
            entries.append(ActivityEntry(record.updated_at, who, describe(record, verb), where_to))

    add(
        Snapshot,
        Snapshot.portfolio == portfolio,
        lambda r, v: f"{v} PKSB snapshot '{r.label}'",
        MATRIX,
    )
    add(
        EvidenceItem,
        EvidenceItem.portfolio == portfolio,
        lambda r, v: f"{v} evidence E{r.number} {r.title}",
        EVIDENCE,
    )
    add(
        StatementVersion,
        StatementVersion.portfolio == portfolio,
        lambda r, v: f"sent version {r.number} of the statement for review",
        STATEMENT,
    )
    add(
        Comment,
        Comment.portfolio == portfolio,
        lambda r, v: "replied to a comment" if r.parent_id else f"commented: {_clip(r.text)}",
        lambda r: MENTORING if r.target_kind == "meeting" else STATEMENT,
    )
    add(
        CpdActivity,
        CpdActivity.portfolio == portfolio,
        lambda r, v: f"{v} CPD: {r.title} ({r.hours:g} h)",
        CPD,
    )
    add(
        Meeting,
        Meeting.portfolio == portfolio,
        lambda r, v: (
            f"{'recorded' if v == 'added' else 'updated'} the meeting of "
            f"{day_month(r.meeting_date)}"
        ),
        MENTORING,
    )
    add(
        Agreement,
        Agreement.portfolio == portfolio,
        lambda r, v: f"{v} the mentoring agreement",
        MENTORING,
    )
    add(SignOff, SignOff.portfolio == portfolio, lambda r, v: "signed off the statement", STATEMENT)
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]


def _clip(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "\u2026"
