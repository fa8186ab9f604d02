"""The PKSB gap matrix: snapshots, the mentee's and mentor's ratings (comparing
snapshots is in comparison.py).

Ratings belong to a dated snapshot. Starting a new snapshot copies the latest
ratings forward as new records; the earlier snapshot is then frozen and never
changes again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workbench.errors import FrozenSnapshot, ValidationError
from workbench.frameworks.library import scale_of
from workbench.frameworks.spec import ScaleLevel
from workbench.store import db
from workbench.store.lookup import record_of
from workbench.store.models import (
    Area,
    AreaComment,
    MentorRating,
    Person,
    Portfolio,
    Rating,
    Skill,
    Snapshot,
    new_uuid,
)
from workbench.store.roles import MENTEE, MENTOR, require_role
from workbench.store.rows import plain_rows

KINDS = ("start", "review", "end")
UNSET = object()


@dataclass(frozen=True)
class MatrixRow:
    skill: str
    code: str
    name: str
    description: str
    area: str
    area_code: str
    area_name: str
    relevant: bool
    current: int | None
    target: int | None
    note: str
    mentor_rating: int | None
    mentor_note: str

    @property
    def gap(self) -> int | None:
        return gap(self.current, self.target)


def gap(current: int | None, target: int | None) -> int | None:
    if current is None or target is None:
        return None
    return target - current


# Snapshots -------------------------------------------------------


def snapshots(portfolio: Portfolio) -> list[Snapshot]:
    return list(
        Snapshot.select()
        .where(Snapshot.portfolio == portfolio, ~Snapshot.deleted)
        .order_by(Snapshot.position)
    )


def latest_snapshot(portfolio: Portfolio) -> Snapshot | None:
    found = snapshots(portfolio)
    return found[-1] if found else None


def is_frozen(snapshot: Snapshot | str) -> bool:
    """A snapshot is frozen as soon as a later one exists."""
    snapshot = get_snapshot(snapshot)
    return (
        Snapshot.select()
        .where(
            Snapshot.portfolio == snapshot.portfolio_id,
            Snapshot.position > snapshot.position,
            ~Snapshot.deleted,
        )
        .exists()
    )


def default_label(kind: str) -> str:
    return {"start": "Start", "review": "Review", "end": "End"}[kind]


def begin_snapshot(
    portfolio: Portfolio,
    actor: Person,
    kind: str,
    *,
    label: str = "",
    taken_on: date | None = None,
) -> str:
    """Start a new snapshot, carrying the latest ratings and comments forward;
    return its uuid."""
    require_role(portfolio, actor, MENTEE)
    if kind not in KINDS:
        raise ValidationError(f"A snapshot is a start, a review or an end, not '{kind}'.")
    taken_on = taken_on or date.today()
    existing = snapshots(portfolio)
    kinds = [s.kind for s in existing]
    if kind == "start" and existing:
        raise ValidationError("This portfolio already has a start snapshot.")
    if kind != "start" and not existing:
        raise ValidationError("Take the start snapshot first.")
    if "end" in kinds:
        raise ValidationError("The end snapshot has been taken; the ratings are complete.")
    previous = existing[-1] if existing else None
    if previous and taken_on < previous.taken_on:
        raise ValidationError(
            f"The new snapshot's date is before that of '{previous.label}' ({previous.taken_on})."
        )
    with db.database.atomic():
        snapshot = Snapshot.create(
            author=actor.uuid,
            portfolio=portfolio,
            label=label.strip() or default_label(kind),
            kind=kind,
            taken_on=taken_on,
            position=(previous.position + 1) if previous else 0,
        )
        if previous:
            _carry_forward(previous, snapshot, actor)
    return snapshot.uuid


def _carry_forward(previous: Snapshot, snapshot: Snapshot, actor: Person) -> None:
    rows = [
        {
            "author": actor.uuid,
            "snapshot": snapshot.uuid,
            "skill": r.skill_id,
            "relevant": r.relevant,
            "current": r.current,
            "target": r.target,
            "note": r.note,
        }
        for r in Rating.select().where(Rating.snapshot == previous, ~Rating.deleted)
    ]
    comments = [
        {"author": actor.uuid, "snapshot": snapshot.uuid, "area": c.area_id, "text": c.text}
        for c in AreaComment.select().where(AreaComment.snapshot == previous, ~AreaComment.deleted)
    ]
    for row in rows + comments:
        row["uuid"] = new_uuid()
    if rows:
        Rating.insert_many(rows).execute()
    if comments:
        AreaComment.insert_many(comments).execute()


def _require_open(snapshot: Snapshot) -> None:
    if is_frozen(snapshot):
        raise FrozenSnapshot(
            f"'{snapshot.label}' is kept as it was when the next snapshot began; "
            "change the ratings in the latest snapshot instead."
        )


def check_level(value, scale: list[ScaleLevel], what: str) -> None:
    """A rating must be one of the framework's levels (typed or arriving in a package)."""
    if value is None:
        return
    values = [level.value for level in scale]
    if not isinstance(value, int) or value not in values:
        raise ValidationError(
            f"The {what} must be a whole number from {values[0]} to {values[-1]}."
        )


def portfolio_scale(portfolio: Portfolio) -> list[ScaleLevel]:
    """The rating scale of the portfolio's framework (the default one without)."""
    return scale_of(portfolio.framework)


def skills_in_order(portfolio: Portfolio, *columns):
    """A query of the framework's live skills in area and skill order, selecting
    ``columns`` (of Skill and Area), or the whole records without."""
    return (
        Skill.select(*(columns or (Skill, Area)))
        .join(Area)
        .where(Area.framework == portfolio.framework_id, ~Skill.deleted, ~Area.deleted)
        .order_by(Area.position, Skill.position)
    )


def framework_skills(portfolio: Portfolio) -> list[Skill]:
    return list(skills_in_order(portfolio))


# Ratings -------------------------------------------------------


def set_rating(
    snapshot: Snapshot | str,
    skill: Skill | str,
    actor: Person,
    *,
    current=UNSET,
    target=UNSET,
    note=UNSET,
    relevant=UNSET,
) -> None:
    """Change the mentee's rating of one skill in an open snapshot."""
    snapshot = get_snapshot(snapshot)
    portfolio = snapshot.portfolio
    require_role(portfolio, actor, MENTEE)
    _require_open(snapshot)
    scale = portfolio_scale(portfolio)
    changes = {
        name: value
        for name, value in (
            ("current", current),
            ("target", target),
            ("note", note),
            ("relevant", relevant),
        )
        if value is not UNSET
    }
    for name in ("current", "target"):
        if name in changes:
            check_level(changes[name], scale, f"{name} rating")
    with db.database.atomic():
        rating = Rating.get_or_none(Rating.snapshot == snapshot, Rating.skill == skill)
        if rating is None:
            rating = Rating(author=actor.uuid, snapshot=snapshot, skill=skill)
            for name, value in changes.items():
                setattr(rating, name, value)
            if "relevant" not in changes and ("current" in changes or "target" in changes):
                rating.relevant = True  # rating a skill says it matters
            rating.save(force_insert=True)
            return
        for name, value in changes.items():
            setattr(rating, name, value)
        rating.deleted = False
        rating.touch()
        rating.save()


def set_mentor_rating(
    snapshot: Snapshot | str, skill: Skill | str, actor: Person, rating: int | None, note: str = ""
) -> None:
    """The mentor's own view of a skill; allowed in any snapshot, never merged."""
    snapshot = get_snapshot(snapshot)
    portfolio = snapshot.portfolio
    require_role(portfolio, actor, MENTOR)
    check_level(rating, portfolio_scale(portfolio), "mentor's rating")
    with db.database.atomic():
        record = MentorRating.get_or_none(
            MentorRating.snapshot == snapshot,
            MentorRating.skill == skill,
            MentorRating.author == actor.uuid,
        )
        if record is None:
            MentorRating.create(
                author=actor.uuid, snapshot=snapshot, skill=skill, rating=rating, note=note
            )
            return
        record.rating = rating
        record.note = note
        record.touch()
        record.save()


def area_choices(portfolio: Portfolio) -> list[tuple[str, str]]:
    """(uuid, "code  name") of each area of the portfolio's framework, in order."""
    query = Area.select(Area.uuid, Area.code, Area.name).where(
        Area.framework == portfolio.framework_id
    )
    return [
        (uuid, f"{code}  {name}") for uuid, code, name in query.order_by(Area.position).tuples()
    ]


def set_area_comment(snapshot: Snapshot | str, area: Area | str, actor: Person, text: str) -> None:
    snapshot = get_snapshot(snapshot)
    area = record_of(Area, area, "There is no PKSB area {uuid}.")
    require_role(snapshot.portfolio, actor, MENTEE)
    _require_open(snapshot)
    with db.database.atomic():
        comment = AreaComment.get_or_none(
            AreaComment.snapshot == snapshot, AreaComment.area == area
        )
        if comment is None:
            AreaComment.create(author=actor.uuid, snapshot=snapshot, area=area, text=text)
        elif comment.text != text:
            comment.text = text
            comment.touch()
            comment.save()


def area_comments(snapshot: Snapshot | str) -> dict[str, str]:
    return {
        c.area_id: c.text
        for c in AreaComment.select().where(AreaComment.snapshot == snapshot, ~AreaComment.deleted)
    }


def add_custom_skill(
    portfolio: Portfolio, area: Area | str, actor: Person, name: str, description: str = ""
) -> str:
    """A sub-skill of the mentee's own, added under an area of the framework (its uuid)."""
    area = record_of(Area, area, "There is no PKSB area {uuid}.")
    require_role(portfolio, actor, MENTEE)
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Give the new skill a name.")
    with db.database.atomic():
        siblings = list(Skill.select().where(Skill.area == area))
        code = f"{area.code}.u{sum(1 for s in siblings if s.custom) + 1}"
        return Skill.create(
            author=actor.uuid,
            area=area,
            code=code,
            name=name,
            description=description,
            position=max((s.position for s in siblings), default=-1) + 1,
            custom=True,
        ).uuid


# Reading the matrix -------------------------------------------------------


def matrix_rows(snapshot: Snapshot | str) -> list[MatrixRow]:
    """Every skill of the framework with this snapshot's ratings: three queries of
    plain tuples (hundreds of skills as model objects cost more than the queries)."""
    snapshot = get_snapshot(snapshot)
    portfolio = snapshot.portfolio
    ratings = Rating.select(
        Rating.skill, Rating.relevant, Rating.current, Rating.target, Rating.note
    ).where(Rating.snapshot == snapshot, ~Rating.deleted)
    rated = {skill: values for skill, *values in plain_rows(ratings)}
    views = (
        MentorRating.select(MentorRating.skill, MentorRating.rating, MentorRating.note)
        .where(MentorRating.snapshot == snapshot, ~MentorRating.deleted)
        .order_by(MentorRating.updated_at)
    )
    mentor = {skill: (rating, note) for skill, rating, note in plain_rows(views)}
    skills = skills_in_order(
        portfolio,
        Skill.uuid,
        Skill.code,
        Skill.name,
        Skill.description,
        Area.uuid,
        Area.code,
        Area.name,
    )
    rows = []
    for uuid, code, name, description, area, area_code, area_name in plain_rows(skills):
        relevant, current, target, note = rated.get(uuid, (False, None, None, ""))
        mentor_rating, mentor_note = mentor.get(uuid, (None, ""))
        rows.append(
            MatrixRow(
                skill=uuid,
                code=code,
                name=name,
                description=description,
                area=area,
                area_code=area_code,
                area_name=area_name,
                relevant=bool(relevant),
                current=current,
                target=target,
                note=note,
                mentor_rating=mentor_rating,
                mentor_note=mentor_note,
            )
        )
    return rows


def get_snapshot(snapshot: Snapshot | str) -> Snapshot:
    """The snapshot record (given it, or its uuid)."""
    return record_of(Snapshot, snapshot, "There is no snapshot {uuid}.")
