"""The CPD log: activities and rolling 12-month totals (CSV in cpd_csv.py, the
statement drafted from it in cpd_statement.py).

The log runs all year so a revalidating member sees their hours grow instead of
gathering them in a rush. Only the mentee (the member) writes it; the mentor
reads it. Totals count an activity when it falls in the 12 months ending on a
given day: from the day after the same date a year earlier, to that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from peewee import JOIN

from workbench.errors import NotFound, PermissionDenied, ValidationError
from workbench.frameworks.routes import get_route
from workbench.journey.cpd_checks import check_date, check_hours, check_title, clean_type
from workbench.matrix.ratings import skills_in_order
from workbench.store import db
from workbench.store.models import CpdActivity, CpdLink, EvidenceItem, Person, Portfolio, Skill
from workbench.store.portfolios import MENTEE, require_role
from workbench.store.rows import plain_rows

# Suggested types; a member may type their own.
ACTIVITY_TYPES = (
    "course",
    "reading",
    "event",
    "webinar",
    "conference",
    "mentoring",
    "work project",
    "networking",
    "writing",
    "teaching",
    "volunteering",
    "other",
)


@dataclass(frozen=True)
class ActivityRow:
    uuid: str
    activity_date: date
    title: str
    activity_type: str
    hours: float
    participatory: bool
    reflection: str
    skills: tuple[str, ...]  # skill codes
    evidence: tuple[int, ...]  # evidence numbers
    author: str


@dataclass(frozen=True)
class CpdSummary:
    as_of: date
    window_start: date
    hours: float
    participatory_hours: float
    activities: int
    required: float | None  # the route's hours, if it asks for any
    by_type: tuple[tuple[str, float], ...]

    @property
    def remaining(self) -> float:
        if self.required is None:
            return 0.0
        return max(0.0, self.required - self.hours)

    @property
    def met(self) -> bool:
        return self.required is None or self.hours >= self.required


# Dates and windows ------------------------------------------------------------------


def year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def window_start(as_of: date) -> date:
    """First day of the 12 months that end on ``as_of``."""
    return year_before(as_of) + timedelta(days=1)


# Reading --------------------------------------------------------------------------------


def activities(portfolio: Portfolio) -> list[ActivityRow]:
    """Every activity of the log, newest first, with its links: two queries of plain
    tuples (a long log's model objects cost more than reading it)."""
    records = CpdActivity.select(
        CpdActivity.uuid,
        CpdActivity.activity_date,
        CpdActivity.title,
        CpdActivity.activity_type,
        CpdActivity.hours,
        CpdActivity.participatory,
        CpdActivity.reflection,
        CpdActivity.author,
    ).where(CpdActivity.portfolio == portfolio, ~CpdActivity.deleted)
    records = records.order_by(CpdActivity.activity_date.desc(), CpdActivity.title)
    skills: dict[str, list[str]] = {}
    evidence: dict[str, list[int]] = {}
    links = (
        CpdLink.select(
            CpdLink.activity,
            CpdLink.skill,
            Skill.code,
            CpdLink.evidence,
            EvidenceItem.number,
            EvidenceItem.deleted,
        )
        .join(Skill, on=(CpdLink.skill == Skill.uuid), join_type=JOIN.LEFT_OUTER)
        .switch(CpdLink)
        .join(EvidenceItem, on=(CpdLink.evidence == EvidenceItem.uuid), join_type=JOIN.LEFT_OUTER)
        .switch(CpdLink)
        .join(CpdActivity)
        .where(CpdActivity.portfolio == portfolio, ~CpdLink.deleted)
    )
    for activity, skill, code, item, number, item_deleted in plain_rows(links):
        if skill:
            skills.setdefault(activity, []).append(code)
        if item and not item_deleted:
            evidence.setdefault(activity, []).append(number)
    return [
        ActivityRow(
            uuid=uuid,
            activity_date=activity_date,
            title=title,
            activity_type=activity_type,
            hours=hours,
            participatory=participatory,
            reflection=reflection,
            skills=tuple(sorted(skills.get(uuid, []))),
            evidence=tuple(sorted(evidence.get(uuid, []))),
            author=author,
        )
        for uuid, activity_date, title, activity_type, hours, participatory, reflection, author in (
            plain_rows(records)
        )
    ]


def get_activity(uuid: str) -> CpdActivity:
    activity = CpdActivity.get_or_none(CpdActivity.uuid == uuid)
    if activity is None:
        raise NotFound(f"There is no CPD activity {uuid}.")
    return activity


def summary(portfolio: Portfolio, as_of: date | None = None) -> CpdSummary:
    """Hours in the 12 months ending on ``as_of`` against the route's hours (one query)."""
    as_of = as_of or date.today()
    start = window_start(as_of)
    fields = (CpdActivity.hours, CpdActivity.participatory, CpdActivity.activity_type)
    rows = _in_window(portfolio, start, as_of, *fields)
    by_type: dict[str, float] = {}
    for hours, _, kind in rows:
        by_type[kind] = by_type.get(kind, 0.0) + hours
    return CpdSummary(
        as_of=as_of,
        window_start=start,
        hours=round(sum(hours for hours, _, _ in rows), 2),
        participatory_hours=round(sum(hours for hours, joined, _ in rows if joined), 2),
        activities=len(rows),
        required=get_route(portfolio.route).cpd_hours,
        by_type=tuple(sorted(by_type.items(), key=lambda kv: -kv[1])),
    )


def monthly_totals(portfolio: Portfolio, as_of: date | None = None) -> list[tuple[date, float]]:
    """Hours in each calendar month that the 12 months ending on ``as_of`` touch, oldest
    first (13 of them unless the window starts on a 1st). Only the window's days count, so
    the months add up to ``summary``'s hours; its first month is the part of one."""
    as_of = as_of or date.today()
    start = window_start(as_of)
    months = [start.replace(day=1)]
    while months[-1] < as_of.replace(day=1):
        months.append((months[-1] + timedelta(days=31)).replace(day=1))
    totals = dict.fromkeys(months, 0.0)
    for day, hours in _in_window(
        portfolio, start, as_of, CpdActivity.activity_date, CpdActivity.hours
    ):
        totals[day.replace(day=1)] += hours
    return list(totals.items())


def _in_window(portfolio: Portfolio, start: date, as_of: date, *fields) -> list[tuple]:
    """``fields`` of each activity that counts in the window from ``start`` to ``as_of``."""
    return plain_rows(
        CpdActivity.select(*fields).where(
            CpdActivity.portfolio == portfolio,
            ~CpdActivity.deleted,
            CpdActivity.activity_date.between(start, as_of),
        )
    )


# Writing ----------------------------------------------------------------------------------


class Lookup:
    """The uuids of the portfolio's skills by code and of its evidence by number, read
    once for many rows (a CSV log's)."""

    def __init__(self, portfolio: Portfolio):
        self.skills = dict(skills_in_order(portfolio, Skill.code, Skill.uuid).tuples())
        self.evidence = dict(
            EvidenceItem.select(EvidenceItem.number, EvidenceItem.uuid)
            .where(EvidenceItem.portfolio == portfolio, ~EvidenceItem.deleted)
            .tuples()
        )

    def skill_uuids(self, codes) -> list[str]:
        """The uuids of the skills with these codes; blank codes are skipped."""
        found = []
        for code in (str(c).strip() for c in codes):
            if code and code not in self.skills:
                raise ValidationError(f"There is no skill with the code {code} in this portfolio.")
            if code:
                found.append(self.skills[code])
        return found

    def evidence_uuids(self, numbers) -> list[str]:
        """The uuids of the evidence items with these numbers ("E3", "3")."""
        found = []
        for text in (str(n).strip().upper().removeprefix("E") for n in numbers):
            if not text:
                continue
            uuid = self.evidence.get(int(text)) if text.isdecimal() else None
            if uuid is None:
                raise ValidationError(f"There is no evidence item E{text} in this portfolio.")
            found.append(uuid)
        return found


def _set_links(activity: CpdActivity, actor: Person, skills, evidence) -> None:
    """Make the activity's links exactly these skill and evidence uuids, keeping
    unchanged links as they are."""
    wanted = {("skill", uuid) for uuid in skills} | {("evidence", uuid) for uuid in evidence}
    existing = {}
    for link in CpdLink.select().where(CpdLink.activity == activity):
        key = ("skill", link.skill_id) if link.skill_id else ("evidence", link.evidence_id)
        existing[key] = link
    for key, link in existing.items():
        if (key in wanted) == (not link.deleted):
            continue
        link.deleted = key not in wanted
        link.touch()
        link.save()
    for kind, uuid in wanted - set(existing):
        CpdLink.create(author=actor.uuid, activity=activity, **{kind: uuid})


def add_activity(
    portfolio: Portfolio,
    actor: Person,
    *,
    activity_date: date,
    title: str,
    hours,
    activity_type: str = "",
    participatory: bool = False,
    reflection: str = "",
    skills=(),
    evidence=(),
    today: date | None = None,
) -> str:
    """Log one activity and return its uuid; ``skills`` are skill codes,
    ``evidence`` evidence numbers."""
    require_role(portfolio, actor, MENTEE)
    values = {
        "activity_date": check_date(activity_date, today),
        "title": check_title(title),
        "hours": check_hours(hours),
        "activity_type": clean_type(activity_type),
        "participatory": bool(participatory),
        "reflection": (reflection or "").strip(),
    }
    lookup = Lookup(portfolio)
    skill_uuids = lookup.skill_uuids(skills)
    evidence_uuids = lookup.evidence_uuids(evidence)
    with db.database.atomic():
        activity = CpdActivity.create(author=actor.uuid, portfolio=portfolio, **values)
        _set_links(activity, actor, skill_uuids, evidence_uuids)
    return activity.uuid


def update_activity(uuid: str, actor: Person, today: date | None = None, **changes) -> None:
    """Change an activity (only its author may); same keywords as ``add_activity``."""
    activity = get_activity(uuid)
    portfolio = activity.portfolio
    require_role(portfolio, actor, MENTEE)
    _require_author(activity, actor)
    checks = {
        "activity_date": lambda v: check_date(v, today),
        "title": check_title,
        "hours": check_hours,
        "activity_type": clean_type,
        "participatory": bool,
        "reflection": lambda v: (v or "").strip(),
    }
    values = {name: checks[name](v) for name, v in changes.items() if name in checks}
    lookup = Lookup(portfolio)
    skills = lookup.skill_uuids(changes["skills"]) if "skills" in changes else None
    evidence = lookup.evidence_uuids(changes["evidence"]) if "evidence" in changes else None
    with db.database.atomic():
        for name, value in values.items():
            setattr(activity, name, value)
        activity.touch()
        activity.save()
        if skills is not None or evidence is not None:
            current = _linked(activity)
            _set_links(
                activity,
                actor,
                skills if skills is not None else current[0],
                evidence if evidence is not None else current[1],
            )


def _linked(activity: CpdActivity) -> tuple[list[str], list[str]]:
    """The uuids of the skills and of the evidence items the activity is linked to."""
    pairs = list(
        CpdLink.select(CpdLink.skill, CpdLink.evidence)
        .where(CpdLink.activity == activity, ~CpdLink.deleted)
        .tuples()
    )
    return [s for s, _ in pairs if s], [e for _, e in pairs if e]


def set_deleted(uuid: str, actor: Person, deleted: bool = True) -> None:
    """Remove an activity from the log (a tombstone), or bring it back."""
    activity = get_activity(uuid)
    require_role(activity.portfolio, actor, MENTEE)
    _require_author(activity, actor)
    with db.database.atomic():
        activity.deleted = deleted
        activity.touch()
        activity.save()


def _require_author(activity: CpdActivity, actor: Person) -> None:
    if activity.author != actor.uuid:
        raise PermissionDenied(
            f"'{activity.title}' was logged by someone else; only they can change it."
        )
