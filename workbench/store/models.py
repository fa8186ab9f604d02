"""The peewee models of a portfolio.

Records that travel between people derive from ``SharedModel``: a global uuid
as primary key (so references survive an exchange unchanged), the author's
uuid, a revision, the time of the last change and a tombstone. Only a record's
author may change it. Records that stay on one machine derive from
``LocalModel``. Foreign keys are deferred so a package can be applied in any
order inside one transaction.
"""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    sort_models,
)

from workbench.store.db import database, utcnow
from workbench.store.revisions import next_revision
from workbench.store.uuids import new_uuid


def Ref(model, **kwargs) -> ForeignKeyField:  # noqa: N802 - reads like a field type
    """A foreign key checked at commit, so records may arrive in any order."""
    return ForeignKeyField(model, deferrable="INITIALLY DEFERRED", on_delete="CASCADE", **kwargs)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class LocalModel(BaseModel):
    """A record that never leaves this machine (caches, settings)."""


class SharedModel(BaseModel):
    """A record that can travel between people (DESIGN.md, Records and sharing)."""

    uuid = CharField(primary_key=True, default=new_uuid)
    author = CharField(index=True)
    revision = IntegerField(default=1)
    updated_at = DateTimeField(default=utcnow)
    deleted = BooleanField(default=False)

    def touch(self) -> None:
        """Mark a change by the author: next revision, new time."""
        self.revision = next_revision(self.revision)
        self.updated_at = utcnow()


# People and portfolios ---------------------------------------------------------


class Person(SharedModel):
    """Someone who takes part; ``author`` is their own uuid."""

    name = CharField()
    public_key = TextField(null=True)


class Framework(SharedModel):
    """A competency framework (the PKSB outline, a member's full PKSB, Mahara…)."""

    key = CharField(index=True)
    name = CharField()
    edition = CharField(default="")
    source = CharField(default="")
    scale_json = TextField(default="[]")


class Area(SharedModel):
    framework = Ref(Framework, backref="areas")
    code = CharField()
    name = CharField()
    description = TextField(default="")
    position = IntegerField(default=0)


class Skill(SharedModel):
    area = Ref(Area, backref="skills")
    code = CharField()
    name = CharField()
    description = TextField(default="")
    position = IntegerField(default=0)
    custom = BooleanField(default=False)


class Portfolio(SharedModel):
    title = CharField()
    candidate = Ref(Person, backref="portfolios")
    route = CharField()
    framework = Ref(Framework, null=True)
    start_date = DateField()
    target_date = DateField(null=True)


class Membership(SharedModel):
    """A person's role in a portfolio. ``person`` is empty until they join."""

    portfolio = Ref(Portfolio, backref="memberships")
    person = Ref(Person, null=True, backref="memberships")
    name = CharField()
    role = CharField()  # "mentee" or "mentor"


# The gap matrix ------------------------------------------------------------------


class Snapshot(SharedModel):
    """A dated self-assessment; frozen once a later one begins."""

    portfolio = Ref(Portfolio, backref="snapshots")
    label = CharField()
    kind = CharField()  # "start", "review" or "end"
    taken_on = DateField()
    position = IntegerField()


class Rating(SharedModel):
    """The mentee's rating of one skill in one snapshot."""

    snapshot = Ref(Snapshot, backref="ratings")
    skill = Ref(Skill)
    relevant = BooleanField(default=False)
    current = IntegerField(null=True)
    target = IntegerField(null=True)
    note = TextField(default="")

    class Meta:
        indexes = ((("snapshot", "skill"), True),)


class MentorRating(SharedModel):
    """The mentor's own view of a skill, kept beside the mentee's, never merged."""

    snapshot = Ref(Snapshot, backref="mentor_ratings")
    skill = Ref(Skill)
    rating = IntegerField(null=True)
    note = TextField(default="")

    class Meta:
        indexes = ((("snapshot", "skill", "author"), True),)


class AreaComment(SharedModel):
    """How the candidate will demonstrate learning in an area (per snapshot)."""

    snapshot = Ref(Snapshot, backref="area_comments")
    area = Ref(Area)
    text = TextField(default="")

    class Meta:
        indexes = ((("snapshot", "area"), True),)


# Evidence --------------------------------------------------------------------------


class EvidenceItem(SharedModel):
    """A piece of evidence: a stored file, a note or a web link."""

    portfolio = Ref(Portfolio, backref="evidence")
    number = IntegerField()  # shown as E1, E2, …; stable once given
    title = CharField()
    kind = CharField(default="file")  # "file", "note" or "link"
    evidence_type = CharField(default="")
    item_date = DateField(null=True)
    source_name = CharField(default="")
    blob_sha = CharField(null=True, index=True)
    size = IntegerField(default=0)
    url = CharField(default="")
    description = TextField(default="")
    reflection = TextField(default="")

    class Meta:
        indexes = ((("portfolio", "number"), True),)


class EvidenceLink(SharedModel):
    """Evidence shows a skill or an assessment criterion (one of the two)."""

    evidence = Ref(EvidenceItem, backref="links")
    skill = Ref(Skill, null=True)
    criterion = CharField(null=True)


# The statement ----------------------------------------------------------------------


class WorkingCopy(LocalModel):
    """The autosaved text the mentee is writing; versions are what travels."""

    portfolio = CharField(primary_key=True)
    text = TextField(default="")
    updated_at = DateTimeField(default=utcnow)


class StatementVersion(SharedModel):
    """An immutable snapshot of the statement, taken when sent for review."""

    portfolio = Ref(Portfolio, backref="versions")
    number = IntegerField()
    label = CharField(default="")
    text = TextField()
    sha256 = CharField()

    class Meta:
        indexes = ((("portfolio", "number"), True),)


class Comment(SharedModel):
    """A comment or reply on a statement range, a skill, evidence or a meeting.

    Statement comments anchor to (version, start, end, quote, prefix, suffix).
    Where a comment sits on later versions is derived locally (CommentPlacement).
    """

    portfolio = Ref(Portfolio, backref="comments")
    target_kind = CharField(default="statement")
    target_uuid = CharField(null=True, index=True)
    version = Ref(StatementVersion, null=True)
    start = IntegerField(null=True)
    end = IntegerField(null=True)
    quote = TextField(default="")
    prefix = TextField(default="")
    suffix = TextField(default="")
    text = TextField()
    parent = Ref("self", null=True, backref="replies")
    # Brought in from a Word file: the author and date Word gives (the record's
    # author is the person who imported it; see workbench.statement.authorship).
    word_author = CharField(default="")
    word_date = DateTimeField(null=True)


class CommentState(SharedModel):
    """Resolving or reopening a comment; workbench.store.states decides which is in force."""

    comment = Ref(Comment, backref="states")
    state = CharField()  # "resolved" or "open"
    reason = TextField(default="")


class CommentPlacement(LocalModel):
    """Where a comment sits on a later version: derived, cached, not shared."""

    comment = ForeignKeyField(Comment, on_delete="CASCADE")
    version = ForeignKeyField(StatementVersion, on_delete="CASCADE")
    start = IntegerField(null=True)
    end = IntegerField(null=True)
    detached = BooleanField(default=False)

    class Meta:
        indexes = ((("comment", "version"), True),)


# The journey -------------------------------------------------------------------------


class CpdActivity(SharedModel):
    """Of the portfolio's member, as are its links: no index of author or portfolio
    (each would hold every row; schema step 5 dropped them)."""

    portfolio = Ref(Portfolio, backref="cpd", index=False)
    activity_date = DateField()
    title = CharField()
    activity_type = CharField(default="")
    hours = FloatField(default=0)
    participatory = BooleanField(default=False)
    reflection = TextField(default="")


class CpdLink(SharedModel):
    activity = Ref(CpdActivity, backref="links")
    skill = Ref(Skill, null=True)
    evidence = Ref(EvidenceItem, null=True)


CpdActivity.author.index = CpdLink.author.index = False  # each model's own copy of the field


class Agreement(SharedModel):
    """The mentoring agreement; the other person confirms with an AgreementConsent."""

    portfolio = Ref(Portfolio, backref="agreements")
    text = TextField(default="")


class AgreementConsent(SharedModel):
    agreement = Ref(Agreement, backref="consents")
    agreement_revision = IntegerField()


class Meeting(SharedModel):
    portfolio = Ref(Portfolio, backref="meetings")
    meeting_date = DateField()
    mode = CharField(default="")
    notes = TextField(default="")


class MeetingAction(SharedModel):
    """An action agreed at a meeting, written by the meeting's author.

    Whether it is done is not a field here: the owner is often not the author,
    and only the author may change this record. See ActionState.
    """

    meeting = Ref(Meeting, backref="actions")
    text = TextField()
    owner = CharField(default="")  # person uuid
    due_date = DateField(null=True)


class ActionState(SharedModel):
    """Marking an action done (or not done again), written by whoever ticks it.

    The action's owner or its author may tick it; each tick is a new record of
    its own, so no one changes another's record. workbench.store.states decides which is in force.
    """

    action = Ref(MeetingAction, backref="states")
    done = BooleanField()


class SignOff(SharedModel):
    """The mentor's completion statement for one final version (its hash)."""

    portfolio = Ref(Portfolio, backref="signoffs")
    version = Ref(StatementVersion)
    version_sha256 = CharField()
    statement = TextField()
    signature = TextField(default="")


# Local to this machine --------------------------------------------------------------


class Setting(LocalModel):
    """Per-portfolio settings of this machine (sync folder, last looked at…)."""

    key = CharField(primary_key=True)
    value = TextField(default="")


class PinnedKey(LocalModel):
    """The public key first seen from a person; later packages must match it."""

    person = CharField(primary_key=True)
    public_key = TextField()
    fingerprint = CharField()
    pinned_at = DateTimeField(default=utcnow)


class RecordSignature(LocalModel):
    """The author's signature of a record held here, kept so it can be relayed back."""

    uuid = CharField(primary_key=True)
    revision = IntegerField()
    signature = TextField()


class JournalEntry(LocalModel):
    """A private, dated reflective note of the mentee: a LocalModel, so it never travels."""

    uuid = CharField(primary_key=True, default=new_uuid)
    portfolio = CharField(index=True)
    entry_date = DateField()
    text = TextField(default="")
    updated_at = DateTimeField(default=utcnow)
    deleted = BooleanField(default=False)


def _all_subclasses(cls) -> list:
    return [m for sub in cls.__subclasses__() for m in (sub, *_all_subclasses(sub))]


def all_models() -> list:
    """Every table, in dependency order."""
    concrete = [m for m in _all_subclasses(BaseModel) if m not in (LocalModel, SharedModel)]
    return sort_models(concrete)


def shared_models() -> list:
    """The tables whose records travel in exchange packages, in dependency order."""
    return [m for m in all_models() if issubclass(m, SharedModel)]
