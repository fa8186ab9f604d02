"""The mentoring agreement: written by one person, confirmed by the other with an
AgreementConsent of their own, for the revision they read (a later change needs
a new confirmation).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from workbench.errors import NotFound, PermissionDenied, ValidationError
from workbench.journey.mentoring import _name, _require_writer, people_names
from workbench.store import db, limits
from workbench.store.models import Agreement, AgreementConsent, Person, Portfolio
from workbench.store.portfolios import MENTEE, MENTOR, require_role

MAX_AGREEMENT = limits.AGREEMENT_MAX

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


def save_agreement(portfolio: Portfolio, actor: Person, text: str) -> str:
    """Write the agreement, or change it if the actor wrote it (others confirm
    again); return its uuid."""
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
            return Agreement.create(author=actor.uuid, portfolio=portfolio, text=text).uuid
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
    return agreement.uuid


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


def confirm_agreement(portfolio: Portfolio, actor: Person) -> str:
    """The other person says they agree with the agreement as it stands now
    (the uuid of their consent record)."""
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
            ).uuid
        consent.agreement_revision = agreement.revision
        consent.deleted = False
        consent.touch()
        consent.save()
    return consent.uuid
