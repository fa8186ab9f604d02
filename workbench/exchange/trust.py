"""Whom a package comes from and whether each of its records is theirs to send.

Run before anything is written: the sender's role in the portfolio, then for
every record its author (the sender), its table (one the sender's role may
write), its owner when the uuid exists here already (the same author), and
the portfolio it belongs to (this one). The checks read the records' facts
(``stream.Fact``) and the whole rows of the few tables that decide roles
(``package.controls``), and ask the database in batches, never per record.
"""

from __future__ import annotations

from peewee import ForeignKeyField

from workbench.errors import PackageError, ValidationError
from workbench.exchange.reader import Package
from workbench.exchange.records import allowed_roles
from workbench.frameworks.library import scale_from_json
from workbench.matrix.ratings import check_level
from workbench.store import db
from workbench.store.models import (
    Area,
    Framework,
    Membership,
    MentorRating,
    Person,
    Portfolio,
    Rating,
    Skill,
    shared_models,
)
from workbench.store.portfolios import MENTEE, MENTOR, membership_problem
from workbench.store.roles import role_of

BATCH = 500


def sender_role(package: Package, actor: Person) -> tuple[str, bool]:
    """The sender's role, and whether the mentee here accepts them as the new mentor."""
    manifest = package.manifest
    sender, name, claimed = manifest["sender"], manifest["sender_name"], manifest["sender_role"]
    here = Portfolio.get_or_none(Portfolio.uuid == manifest["portfolio"])
    bind = False
    if here is None:
        record = next((r for m, r in package.controls if m is Portfolio), None)
        if record is None or record["uuid"] != manifest["portfolio"]:
            raise PackageError(
                f"{package.path.name} holds only changes to '{manifest['portfolio_title']}', "
                f"which you do not have yet. Ask {name} to send a full package."
            )
        if record["candidate"] != sender:
            raise PackageError(
                f"{package.path.name} was sent by {name}, who is not the candidate of the "
                "portfolio it holds."
            )
        role = MENTEE
    else:
        role = role_of(here, Person(uuid=sender))
        if role is None and claimed == MENTOR and _free_mentor_place(here):
            if role_of(here, actor) != MENTEE:
                raise PackageError(
                    f"{name} is not yet a member of this portfolio; "
                    "only the mentee can accept them."
                )
            role, bind = MENTOR, True
        if role is None:
            raise PackageError(
                f"{package.path.name} comes from {name}, who is not a member of '{here.title}'."
            )
    if claimed != role:
        raise PackageError(
            f"{package.path.name} says {name} is the {claimed}, but in this portfolio they are "
            f"the {role}."
        )
    return role, bind


def _free_mentor_place(portfolio: Portfolio) -> bool:
    return (
        Membership.select()
        .where(
            Membership.portfolio == portfolio,
            Membership.role == MENTOR,
            Membership.person.is_null(),
            ~Membership.deleted,
        )
        .exists()
    )


def check_records(package: Package, role: str) -> None:
    """Refuse the whole package if any record is not the sender's to send."""
    manifest = package.manifest
    for number, fact in enumerate(package.facts.values(), start=1):
        _check_one(package, number, fact.model, fact)
    _check_owners(package)
    for number, fact in enumerate(package.facts.values(), start=1):
        if role not in allowed_roles(fact.model):
            raise PackageError(
                f"{package.path.name}: record {number} is a {_label(fact.model)}, which the "
                f"{role} may not write; {manifest['sender_name']}'s package was refused."
            )
    check_portfolio_of_each(package)
    _check_places_and_tombstones(package)
    _check_rating_scales(package)


# The rated fields, named as the gap matrix names them when one is typed.
RATED = {
    Rating: {"current": "current rating", "target": "target rating"},
    MentorRating: {"rating": "mentor's rating"},
}


def _check_rating_scales(package: Package) -> None:
    """Ratings must be levels of their framework's scale, as when typed."""
    facts = package.facts
    whole = {row["uuid"]: (model, row) for model, row in package.controls}
    rated = [(n, f) for n, f in enumerate(facts.values(), start=1) if f.model in RATED]
    skills = _held(Skill, {f["skill"] for _n, f in rated}, whole, facts)
    areas = _held(Area, {s["area"] for s in skills.values()}, whole, facts)
    frameworks = _held(Framework, {a["framework"] for a in areas.values()}, whole, facts)
    scales: dict[str, list] = {}

    def scale_of_skill(skill_uuid):
        skill = skills.get(skill_uuid)
        area = skill and areas.get(skill["area"])
        framework = area and frameworks.get(area["framework"])
        if framework is None:
            return None  # a reference to nothing: refused when the references are checked
        if framework["uuid"] not in scales:
            scales[framework["uuid"]] = scale_from_json(framework["scale_json"], "the framework")
        return scales[framework["uuid"]]

    for number, row in rated:
        model = row.model
        scale = scale_of_skill(row["skill"])
        for name, what in RATED.get(model, {}).items() if scale else ():
            try:
                check_level(row[name], scale, what)
            except ValidationError as exc:
                raise PackageError(
                    f"{package.path.name}: record {number} ({_label(model)}): {exc} "
                    f"{package.manifest['sender_name']}'s package was refused."
                ) from None


def _held(model, uuids: set, whole: dict, facts: dict) -> dict:
    """uuid -> the package's row (or facts) or the stored row of each of ``uuids``."""
    found = {}
    for uuid in uuids:
        kept, fact = whole.get(uuid), facts.get(uuid)
        if kept is not None and kept[0] is model:
            found[uuid] = kept[1]
        elif fact is not None and fact.model is model:
            found[uuid] = fact
    wanted = [uuid for uuid in uuids if uuid not in found]
    for start in range(0, len(wanted), BATCH):
        query = model.select().where(model.uuid.in_(wanted[start : start + BATCH])).dicts()
        found.update((row["uuid"], row) for row in query)
    return found


def _number(package: Package, uuid: str) -> int:
    """The place of a record in the package, counted from 1 (for messages)."""
    return next(n for n, known in enumerate(package.facts, start=1) if known == uuid)


def _check_places_and_tombstones(package: Package) -> None:
    """Roles change only as the role table says; the portfolio and people are never
    deleted by a package (a tombstone of either would leave a copy unopenable)."""
    name, sender = package.path.name, package.manifest["sender_name"]
    here = Portfolio.get_or_none(Portfolio.uuid == package.manifest["portfolio"])
    candidate = here.candidate_id if here else None
    for model, row in package.controls:
        if model is Portfolio:
            if row["deleted"]:
                raise PackageError(
                    f"{name} deletes the portfolio itself; {sender}'s package was refused."
                )
            if candidate and row["candidate"] != candidate:
                raise PackageError(
                    f"{name} changes who the candidate is; {sender}'s package was refused."
                )
            candidate = candidate or row["candidate"]
        if model is Person and row["deleted"]:
            raise PackageError(f"{name} deletes {sender}'s own details; the package was refused.")
    for model, row in package.controls:
        if model is not Membership:
            continue
        before = Membership.select().where(Membership.uuid == row["uuid"]).dicts().first()
        problem = membership_problem(before, row, candidate)
        if problem:
            number = _number(package, row["uuid"])
            raise PackageError(
                f"{name}: record {number} (a membership) {problem}, which no one may do; "
                f"{sender}'s package was refused."
            )


def _label(model) -> str:
    return model._meta.table_name.replace("_", " ")


def _check_one(package: Package, number: int, model, row: dict) -> None:
    manifest = package.manifest
    name = package.path.name
    if row["author"] != manifest["sender"]:
        raise PackageError(
            f"{name}: record {number} ({_label(model)}) was written by someone else, not by "
            f"the sender {manifest['sender_name']}; the package was refused."
        )
    if model is Person and row["uuid"] != manifest["sender"]:
        raise PackageError(f"{name}: record {number} is another person's details; refused.")
    if model is Portfolio and row["uuid"] != manifest["portfolio"]:
        raise PackageError(f"{name}: record {number} is for another portfolio; refused.")


def _check_owners(package: Package) -> None:
    """A record already here must keep its author: no one rewrites another's record."""
    sender = package.manifest["sender"]
    by_model: dict[type, list[str]] = {}
    for uuid, fact in package.facts.items():
        by_model.setdefault(fact.model, []).append(uuid)
    for model, uuids in by_model.items():
        for start in range(0, len(uuids), BATCH):
            chunk = uuids[start : start + BATCH]
            sql = (
                f'SELECT uuid, author FROM "{model._meta.table_name}" '
                f"WHERE uuid IN ({', '.join('?' * len(chunk))}) AND author != ?"
            )
            for uuid, author in db.database.execute_sql(sql, [*chunk, sender]):
                owner = Person.get_or_none(Person.uuid == author)
                raise PackageError(
                    f"{package.path.name} tries to change a {_label(model)} written by "
                    f"{owner.name if owner else 'someone else'} ({uuid}); only its author may "
                    "change it. The package was refused."
                )


def _path_field(model, seen=()) -> ForeignKeyField | None:
    """The reference that leads from a table towards its portfolio, if any."""
    fields = model._meta.fields
    if isinstance(fields.get("portfolio"), ForeignKeyField):
        return fields["portfolio"]
    for field in model._meta.sorted_fields:
        target = getattr(field, "rel_model", None)
        if not isinstance(field, ForeignKeyField) or target in (model, *seen):
            continue
        if target is Portfolio or _path_field(target, (*seen, model)) is not None:
            return field
    return None


def check_portfolio_of_each(package: Package, records: list | None = None) -> None:
    """Every record of the package (or ``records``, handed back with it) must belong
    to the package's portfolio (or to none)."""
    manifest = package.manifest
    facts = package.facts
    extra = {row["uuid"]: (model, row) for model, row in records or ()}
    paths = {m: _path_field(m) for m in shared_models()}
    owners: dict[str, str | None] = {}

    def owner_of(model, row) -> str | None:
        field = paths.get(model)
        if field is None or row.get(field.name) is None:
            return None
        target = row[field.name]
        if field.rel_model is Portfolio:
            return target
        if target not in owners:
            fact = facts.get(target)
            parent = extra.get(target) or (fact and (fact.model, fact))
            if parent is None:
                found = field.rel_model.select().where(field.rel_model.uuid == target).dicts()
                first = found.first()
                parent = (field.rel_model, first) if first else None
            owners[target] = owner_of(*parent) if parent else None
        return owners[target]

    items = records if records is not None else ((f.model, f) for f in facts.values())
    for number, (model, row) in enumerate(items, start=1):
        owner = owner_of(model, row)
        if owner is not None and owner != manifest["portfolio"]:
            raise PackageError(
                f"{package.path.name}: record {number} ({_label(model)}) belongs to another "
                "portfolio; the package was refused."
            )
