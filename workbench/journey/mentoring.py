"""Mentoring: the agreement, the meetings log and the actions agreed at meetings.

Everything here follows the single-writer rule. The agreement is written by one
person; the other confirms it with an AgreementConsent of their own, for the
revision they read (a later change needs a new confirmation). A meeting and its
actions are written by whoever recorded the meeting; the other person comments
on it (through ``comments``, the one comment service). Whether an action is
done lives in ActionState records written by the person who ticks it, who must
be the action's owner or its author; which tick is in force is decided by
``states`` (a causal sequence, never the clock).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from workbench.errors import NotFound, PermissionDenied, ValidationError
from workbench.statement import comments
from workbench.store import db, limits
from workbench.store.models import (
    ActionState,
    Agreement,
    AgreementConsent,
    Comment,
    Meeting,
    MeetingAction,
    Person,
    Portfolio,
)
from workbench.store.portfolios import MENTEE, MENTOR, members, require_role
from workbench.store.states import next_sequence, oldest_first

MODES = ("In person", "Video call", "Phone", "Email", "Other")
MAX_AGREEMENT = limits.AGREEMENT_MAX
MAX_ACTION = limits.ACTION_MAX
DUE_SOON_DAYS = 14

AGREEMENT_TEMPLATE = """How often we meet: every 6 weeks, for about an hour.
How we meet: video call, in person when we can.
Between meetings: email; replies within a week.
Drafts: sent at least a week before a meeting.
What stays between us: everything we discuss, unless we agree otherwise.
When we review this agreement: after three meetings.
"""


@dataclass(frozen=True)
class AgreementStatus:
    uuid: str | None
    text: str
    author: str | None
    author_name: str
    revision: int
    updated_at: datetime | None
    confirmed_by: tuple[str, ...]  # names of the others who confirmed this revision
    waiting_for: tuple[str, ...]  # names of the others who have not
    waiting_uuids: tuple[str, ...] = ()

    def may_confirm(self, person_uuid: str) -> bool:
        return person_uuid in self.waiting_uuids

    @property
    def exists(self) -> bool:
        return self.uuid is not None

    @property
    def agreed(self) -> bool:
        return self.exists and not self.waiting_for and bool(self.confirmed_by)


@dataclass(frozen=True)
class ActionRow:
    uuid: str
    meeting: str
    meeting_date: date
    text: str
    owner: str
    owner_name: str
    due_date: date | None
    done: bool
    author: str

    def overdue(self, today: date) -> bool:
        return not self.done and self.due_date is not None and self.due_date < today

    def may_tick(self, person_uuid: str) -> bool:
        return person_uuid in (self.owner, self.author)


@dataclass(frozen=True)
class MeetingRow:
    uuid: str
    meeting_date: date
    mode: str
    notes: str
    author: str
    author_name: str
    actions: tuple[ActionRow, ...]
    comments: int

    @property
    def open_actions(self) -> int:
        return sum(1 for a in self.actions if not a.done)


@dataclass(frozen=True)
class CommentRow:
    uuid: str
    author: str
    author_name: str
    text: str
    updated_at: datetime


def people_names(portfolio: Portfolio) -> dict[str, str]:
    """Person uuid -> name, for every member who has joined."""
    return {m.person_id: m.name for m in members(portfolio) if m.person_id}


def _name(names: dict[str, str], uuid: str) -> str:
    return names.get(uuid) or "someone who left"


# The agreement -------------------------------------------------------------------------


def current_agreement(portfolio: Portfolio) -> Agreement | None:
    return (
        Agreement.select()
        .where(Agreement.portfolio == portfolio, ~Agreement.deleted)
        .order_by(Agreement.updated_at.desc())
        .first()
    )


def agreement_status(portfolio: Portfolio) -> AgreementStatus:
    names = people_names(portfolio)
    agreement = current_agreement(portfolio)
    if agreement is None:
        return AgreementStatus(None, "", None, "", 0, None, (), ())
    consents = {
        c.author
        for c in AgreementConsent.select().where(
            AgreementConsent.agreement == agreement,
            AgreementConsent.agreement_revision == agreement.revision,
            ~AgreementConsent.deleted,
        )
    }
    others = [uuid for uuid in names if uuid != agreement.author]
    return AgreementStatus(
        uuid=agreement.uuid,
        text=agreement.text,
        author=agreement.author,
        author_name=_name(names, agreement.author),
        revision=agreement.revision,
        updated_at=agreement.updated_at,
        confirmed_by=tuple(names[u] for u in others if u in consents),
        waiting_for=tuple(names[u] for u in others if u not in consents),
        waiting_uuids=tuple(u for u in others if u not in consents),
    )


def save_agreement(portfolio: Portfolio, actor: Person, text: str) -> Agreement:
    """Write the agreement, or change it if the actor wrote it (others confirm again)."""
    require_role(portfolio, actor, MENTEE, MENTOR)
    text = (text or "").strip()
    if not text:
        raise ValidationError("Write down what you agree on before saving the agreement.")
    if len(text) > MAX_AGREEMENT:
        raise ValidationError(
            f"The agreement is {len(text)} characters long; keep it under {MAX_AGREEMENT}."
        )
    with db.database.atomic():
        agreement = current_agreement(portfolio)
        if agreement is None:
            return Agreement.create(author=actor.uuid, portfolio=portfolio, text=text)
        if agreement.author != actor.uuid:
            writer = _name(people_names(portfolio), agreement.author)
            raise PermissionDenied(
                f"The agreement was written by {writer}; only they can change it. "
                "Confirm it, or suggest a change at your next meeting."
            )
        if agreement.text != text:
            agreement.text = text
            agreement.touch()
            agreement.save()
    return agreement


def set_agreement_deleted(agreement_uuid: str, actor: Person, deleted: bool = True) -> None:
    """Withdraw the agreement its author wrote (a tombstone), or bring it back."""
    agreement = Agreement.get_or_none(Agreement.uuid == agreement_uuid)
    if agreement is None:
        raise NotFound(f"There is no mentoring agreement {agreement_uuid}.")
    _require_writer(agreement, actor, "agreement")
    with db.database.atomic():
        agreement.deleted = deleted
        agreement.touch()
        agreement.save()


def confirm_agreement(portfolio: Portfolio, actor: Person) -> AgreementConsent:
    """The other person says they agree with the agreement as it stands now."""
    require_role(portfolio, actor, MENTEE, MENTOR)
    agreement = current_agreement(portfolio)
    if agreement is None:
        raise NotFound("There is no mentoring agreement to confirm yet.")
    if agreement.author == actor.uuid:
        raise ValidationError("You wrote the agreement; the other person confirms it.")
    with db.database.atomic():
        consent = AgreementConsent.get_or_none(
            AgreementConsent.agreement == agreement, AgreementConsent.author == actor.uuid
        )
        if consent is None:
            return AgreementConsent.create(
                author=actor.uuid, agreement=agreement, agreement_revision=agreement.revision
            )
        consent.agreement_revision = agreement.revision
        consent.deleted = False
        consent.touch()
        consent.save()
    return consent


# Meetings ------------------------------------------------------------------------------


def _check_meeting_date(meeting_date, today: date | None) -> date:
    today = today or date.today()
    if not isinstance(meeting_date, date):
        raise ValidationError("The meeting needs a date.")
    if meeting_date > today:
        raise ValidationError(
            f"{meeting_date:%d %b %Y} is in the future; record a meeting once it has taken place."
        )
    if meeting_date.year < 1990:
        raise ValidationError(f"{meeting_date:%d %b %Y} is too long ago for this portfolio.")
    return meeting_date


def _check_mode(mode: str) -> str:
    return " ".join((mode or "").split())[:60]


def add_meeting(
    portfolio: Portfolio,
    actor: Person,
    meeting_date: date,
    mode: str = "",
    notes: str = "",
    today: date | None = None,
) -> Meeting:
    require_role(portfolio, actor, MENTEE, MENTOR)
    values = {
        "meeting_date": _check_meeting_date(meeting_date, today),
        "mode": _check_mode(mode),
        "notes": (notes or "").strip(),
    }
    with db.database.atomic():
        return Meeting.create(author=actor.uuid, portfolio=portfolio, **values)


def update_meeting(
    meeting: Meeting,
    actor: Person,
    *,
    meeting_date: date | None = None,
    mode: str | None = None,
    notes: str | None = None,
    today: date | None = None,
) -> Meeting:
    _require_writer(meeting, actor, "meeting record")
    with db.database.atomic():
        if meeting_date is not None:
            meeting.meeting_date = _check_meeting_date(meeting_date, today)
        if mode is not None:
            meeting.mode = _check_mode(mode)
        if notes is not None:
            meeting.notes = notes.strip()
        meeting.touch()
        meeting.save()
    return meeting


def set_meeting_deleted(meeting: Meeting, actor: Person, deleted: bool = True) -> None:
    """Remove a meeting record (a tombstone, so the other person's copy follows)."""
    _require_writer(meeting, actor, "meeting record")
    with db.database.atomic():
        meeting.deleted = deleted
        meeting.touch()
        meeting.save()


def get_meeting(uuid: str) -> Meeting:
    meeting = Meeting.get_or_none(Meeting.uuid == uuid)
    if meeting is None:
        raise NotFound(f"There is no meeting record {uuid}.")
    return meeting


def _require_writer(record, actor: Person, what: str) -> None:
    portfolio = record.portfolio if hasattr(record, "portfolio") else record.meeting.portfolio
    require_role(portfolio, actor, MENTEE, MENTOR)
    if record.author != actor.uuid:
        writer = _name(people_names(portfolio), record.author)
        raise PermissionDenied(
            f"This {what} was written by {writer}; only they can change it. "
            "Add a comment to it instead."
        )


# Actions --------------------------------------------------------------------------------


def add_action(
    meeting: Meeting, actor: Person, text: str, owner: str, due_date: date | None = None
) -> MeetingAction:
    """An action agreed at the meeting; only the meeting's author writes it."""
    _require_writer(meeting, actor, "meeting record")
    values = _action_values(meeting.portfolio, text, owner, due_date, meeting.meeting_date)
    with db.database.atomic():
        return MeetingAction.create(author=actor.uuid, meeting=meeting, **values)


def update_action(
    action: MeetingAction, actor: Person, text: str, owner: str, due_date: date | None
) -> MeetingAction:
    meeting = action.meeting
    _require_writer(action, actor, "action")
    values = _action_values(meeting.portfolio, text, owner, due_date, meeting.meeting_date)
    with db.database.atomic():
        for name, value in values.items():
            setattr(action, name, value)
        action.touch()
        action.save()
    return action


def set_action_deleted(action: MeetingAction, actor: Person, deleted: bool = True) -> None:
    _require_writer(action, actor, "action")
    with db.database.atomic():
        action.deleted = deleted
        action.touch()
        action.save()


def _action_values(portfolio, text, owner, due_date, meeting_date) -> dict:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError("Say what the action is.")
    if len(text) > MAX_ACTION:
        raise ValidationError(f"Keep an action under {MAX_ACTION} characters.")
    if owner not in people_names(portfolio):
        raise ValidationError("Choose who will do the action (a member of this portfolio).")
    if due_date is not None and due_date < meeting_date:
        raise ValidationError("The action is due before the meeting that agreed it.")
    return {"text": text, "owner": owner, "due_date": due_date}


def set_action_done(action: MeetingAction, actor: Person, done: bool = True) -> ActionState:
    """Tick an action done (or not done again): its owner or its author may."""
    portfolio = action.meeting.portfolio
    require_role(portfolio, actor, MENTEE, MENTOR)
    if actor.uuid not in (action.owner, action.author):
        raise PermissionDenied(
            "Only the person who owns this action, or who wrote it, can tick it."
        )
    with db.database.atomic():
        sequence = next_sequence(ActionState, ActionState.action == action.uuid)
        return ActionState.create(
            author=actor.uuid, action=action, done=bool(done), revision=sequence
        )


def get_action(uuid: str) -> MeetingAction:
    action = MeetingAction.get_or_none(MeetingAction.uuid == uuid)
    if action is None:
        raise NotFound(f"There is no meeting action {uuid}.")
    return action


def _done_states(portfolio: Portfolio) -> dict[str, bool]:
    """Action uuid -> done, from the state in force among those of its owner or author."""
    states = (
        ActionState.select(ActionState, MeetingAction)
        .join(MeetingAction)
        .join(Meeting)
        .where(Meeting.portfolio == portfolio, ~ActionState.deleted)
        .order_by(*oldest_first(ActionState))
    )
    done = {}
    for state in states:  # the state in force comes last
        if state.author in (state.action.owner, state.action.author):
            done[state.action_id] = state.done
    return done


def actions(portfolio: Portfolio) -> list[ActionRow]:
    """Every action of the portfolio's meetings, earliest due first."""
    names = people_names(portfolio)
    done = _done_states(portfolio)
    records = (
        MeetingAction.select(MeetingAction, Meeting)
        .join(Meeting)
        .where(Meeting.portfolio == portfolio, ~Meeting.deleted, ~MeetingAction.deleted)
    )
    rows = [
        ActionRow(
            uuid=a.uuid,
            meeting=a.meeting_id,
            meeting_date=a.meeting.meeting_date,
            text=a.text,
            owner=a.owner,
            owner_name=_name(names, a.owner),
            due_date=a.due_date,
            done=done.get(a.uuid, False),
            author=a.author,
        )
        for a in records
    ]
    rows.sort(key=lambda r: (r.due_date or date.max, r.meeting_date, r.text))
    return rows


def due_actions(
    portfolio: Portfolio, today: date | None = None, within_days: int = DUE_SOON_DAYS
) -> list[ActionRow]:
    """Open actions that are overdue or due within ``within_days``."""
    today = today or date.today()
    horizon = today + timedelta(days=within_days)
    return [a for a in actions(portfolio) if not a.done and a.due_date and a.due_date <= horizon]


def meetings(portfolio: Portfolio) -> list[MeetingRow]:
    """The meetings log, newest first, with actions and a count of comments."""
    names = people_names(portfolio)
    by_meeting: dict[str, list[ActionRow]] = {}
    for action in actions(portfolio):
        by_meeting.setdefault(action.meeting, []).append(action)
    records = list(
        Meeting.select()
        .where(Meeting.portfolio == portfolio, ~Meeting.deleted)
        .order_by(Meeting.meeting_date.desc(), Meeting.updated_at.desc())
    )
    counts: dict[str, int] = {}
    for comment in Comment.select(Comment.target_uuid).where(
        Comment.portfolio == portfolio,
        Comment.target_kind == comments.MEETING,
        Comment.parent.is_null(),
        ~Comment.deleted,
    ):
        counts[comment.target_uuid] = counts.get(comment.target_uuid, 0) + 1
    return [
        MeetingRow(
            uuid=m.uuid,
            meeting_date=m.meeting_date,
            mode=m.mode,
            notes=m.notes,
            author=m.author,
            author_name=_name(names, m.author),
            actions=tuple(by_meeting.get(m.uuid, [])),
            comments=counts.get(m.uuid, 0),
        )
        for m in records
    ]


# Comments on a meeting --------------------------------------------------------------------


def add_meeting_comment(meeting: Meeting, actor: Person, text: str) -> Comment:
    """The other person's word on a meeting record (anyone in the portfolio may comment).

    The comment service's rules (who may comment, length) apply as to any comment.
    """
    portfolio = meeting.portfolio
    view = comments.comment_on(portfolio, actor, comments.MEETING, meeting.uuid, text)
    return comments.get_comment(portfolio, view.uuid)


def meeting_comments(meeting: Meeting) -> list[CommentRow]:
    views = comments.comments_for_target(meeting.portfolio, comments.MEETING, meeting.uuid)
    return [CommentRow(v.uuid, v.author, v.author_name, v.text, v.created) for v in views]
