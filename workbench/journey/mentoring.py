"""Mentoring: the meetings log and the actions agreed at meetings (the agreement
is in agreement.py).

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

from workbench.dates import short_date
from workbench.errors import PermissionDenied, ValidationError
from workbench.statement import comment_reading, comments
from workbench.store import db, limits
from workbench.store.lookup import record_of
from workbench.store.models import (
    ActionState,
    Comment,
    Meeting,
    MeetingAction,
    Person,
    Portfolio,
)
from workbench.store.portfolios import MENTEE, MENTOR, members, require_role
from workbench.store.states import next_sequence, oldest_first

MODES = ("In person", "Video call", "Phone", "Email", "Other")
MAX_ACTION = limits.ACTION_MAX
DUE_SOON_DAYS = 14


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


# Meetings ------------------------------------------------------------------------------


def _check_meeting_date(meeting_date, today: date | None) -> date:
    today = today or date.today()
    if not isinstance(meeting_date, date):
        raise ValidationError("The meeting needs a date.")
    if meeting_date > today:
        raise ValidationError(
            f"{short_date(meeting_date)} is in the future; "
            "record a meeting once it has taken place."
        )
    if meeting_date.year < 1990:
        raise ValidationError(f"{short_date(meeting_date)} is too long ago for this portfolio.")
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
) -> str:
    """Record a meeting; return its uuid."""
    require_role(portfolio, actor, MENTEE, MENTOR)
    values = {
        "meeting_date": _check_meeting_date(meeting_date, today),
        "mode": _check_mode(mode),
        "notes": (notes or "").strip(),
    }
    with db.database.atomic():
        return Meeting.create(author=actor.uuid, portfolio=portfolio, **values).uuid


def update_meeting(
    meeting: Meeting | str,
    actor: Person,
    *,
    meeting_date: date | None = None,
    mode: str | None = None,
    notes: str | None = None,
    today: date | None = None,
) -> None:
    meeting = get_meeting(meeting)
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


def set_meeting_deleted(meeting: Meeting | str, actor: Person, deleted: bool = True) -> None:
    """Remove a meeting record (a tombstone, so the other person's copy follows)."""
    meeting = get_meeting(meeting)
    _require_writer(meeting, actor, "meeting record")
    with db.database.atomic():
        meeting.deleted = deleted
        meeting.touch()
        meeting.save()


def get_meeting(meeting: Meeting | str) -> Meeting:
    """The meeting record (given it, or its uuid)."""
    return record_of(Meeting, meeting, "There is no meeting record {uuid}.")


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
    meeting: Meeting | str, actor: Person, text: str, owner: str, due_date: date | None = None
) -> str:
    """An action agreed at the meeting (its uuid); only the meeting's author writes it."""
    meeting = get_meeting(meeting)
    _require_writer(meeting, actor, "meeting record")
    values = _action_values(meeting.portfolio, text, owner, due_date, meeting.meeting_date)
    with db.database.atomic():
        return MeetingAction.create(author=actor.uuid, meeting=meeting, **values).uuid


def update_action(
    action: MeetingAction | str, actor: Person, text: str, owner: str, due_date: date | None
) -> None:
    action = get_action(action)
    meeting = action.meeting
    _require_writer(action, actor, "action")
    values = _action_values(meeting.portfolio, text, owner, due_date, meeting.meeting_date)
    with db.database.atomic():
        for name, value in values.items():
            setattr(action, name, value)
        action.touch()
        action.save()


def set_action_deleted(action: MeetingAction | str, actor: Person, deleted: bool = True) -> None:
    action = get_action(action)
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


def set_action_done(action: MeetingAction | str, actor: Person, done: bool = True) -> str:
    """Tick an action done (or not done again): its owner or its author may.
    Returns the uuid of the new state record."""
    action = get_action(action)
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
        ).uuid


def get_action(action: MeetingAction | str) -> MeetingAction:
    """The action record (given it, or its uuid)."""
    return record_of(MeetingAction, action, "There is no meeting action {uuid}.")


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
    portfolio: Portfolio,
    today: date | None = None,
    within_days: int = DUE_SOON_DAYS,
    rows: list[ActionRow] | None = None,
) -> list[ActionRow]:
    """Open actions that are overdue or due within ``within_days`` (of ``rows``, the
    portfolio's ``actions`` when the caller has them already)."""
    today = today or date.today()
    horizon = today + timedelta(days=within_days)
    rows = actions(portfolio) if rows is None else rows
    return [a for a in rows if not a.done and a.due_date and a.due_date <= horizon]


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
        Comment.target_kind == comment_reading.MEETING,
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


def add_meeting_comment(meeting: Meeting | str, actor: Person, text: str) -> str:
    """The other person's word on a meeting record (anyone in the portfolio may
    comment); returns the comment's uuid.

    The comment service's rules (who may comment, length) apply as to any comment.
    """
    meeting = get_meeting(meeting)
    view = comments.comment_on(
        meeting.portfolio, actor, comment_reading.MEETING, meeting.uuid, text
    )
    return view.uuid


def meeting_comments(meeting: Meeting | str) -> list[CommentRow]:
    meeting = get_meeting(meeting)
    views = comment_reading.comments_for_target(
        meeting.portfolio, comment_reading.MEETING, meeting.uuid
    )
    return [CommentRow(v.uuid, v.author, v.author_name, v.text, v.created) for v in views]
