"""The mentor's sign-off: a completion statement signed for one exact final version.

The signature covers the portfolio, the version, the SHA-256 of its text, the
statement and the mentor, so the mentee's copy can show that this mentor's
key signed off this very text and that neither has changed since.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from workbench.dates import local_time, short_date
from workbench.errors import ValidationError
from workbench.statement.versions import get_version, latest_version
from workbench.store import db, keys
from workbench.store.identity import load_identity
from workbench.store.models import Person, PinnedKey, Portfolio, SignOff, StatementVersion
from workbench.store.portfolios import MENTOR, members, require_role
from workbench.store.roles import role_of


@dataclass(frozen=True)
class SignOffCheck:
    """A sign-off as shown, with whether it verifies."""

    uuid: str
    mentor: str
    version_number: int
    statement: str
    signed_at: str
    verified: bool
    reason: str  # why it does not verify ("" when it does)
    fingerprint: str


def _payload(portfolio: str, version: str, sha: str, statement: str, author: str) -> bytes:
    fields = {
        "portfolio": portfolio,
        "version": version,
        "version_sha256": sha,
        "statement": statement,
        "mentor": author,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sign_off(
    portfolio: Portfolio, actor: Person, version: StatementVersion | str, statement: str
) -> str:
    """The mentor signs the completion statement for ``version`` (a version or its
    uuid) with their key; returns the sign-off's uuid."""
    require_role(portfolio, actor, MENTOR)
    version = get_version(version)
    statement = statement.strip()
    if not statement:
        raise ValidationError("Write the completion statement before signing it off.")
    if version.portfolio_id != portfolio.uuid or version.deleted:
        raise ValidationError(f"Version {version.number} is not a version of this portfolio.")
    payload = _payload(portfolio.uuid, version.uuid, version.sha256, statement, actor.uuid)
    with db.database.atomic():
        return SignOff.create(
            author=actor.uuid,
            portfolio=portfolio,
            version=version,
            version_sha256=version.sha256,
            statement=statement,
            signature=keys.sign(payload),
        ).uuid


def default_statement(portfolio: Portfolio) -> str:
    """The completion statement offered to the mentor, naming the candidate."""
    mentee = Person.get_or_none(Person.uuid == portfolio.candidate_id)
    name = mentee.name if mentee else "The candidate"
    return (
        f"I have mentored {name} and read this version of their statement. I confirm that "
        "it is their own work and that it reflects the development I have seen."
    )


def _public_key_of(person: str) -> str | None:
    pin = PinnedKey.get_or_none(PinnedKey.person == person)
    if pin:
        return pin.public_key
    identity = load_identity()
    if identity and identity.uuid == person:
        return keys.my_public_key()
    return None


def _signed_by_the_mentor(signoff: SignOff) -> bool:
    """Only the mentor's own record counts: never the candidate's, whatever roles say."""
    portfolio = signoff.portfolio
    return (
        signoff.author != portfolio.candidate_id
        and role_of(portfolio, Person(uuid=signoff.author)) == MENTOR
    )


def check(signoff: SignOff) -> SignOffCheck:
    """Whether the sign-off was made by its mentor's key for the text as it is now."""
    version = signoff.version
    key = _public_key_of(signoff.author)
    payload = _payload(
        signoff.portfolio_id,
        version.uuid,
        signoff.version_sha256,
        signoff.statement,
        signoff.author,
    )
    reason = ""
    if not _signed_by_the_mentor(signoff):
        reason = "it was not made by the portfolio's mentor"
    elif key is None:
        reason = "the mentor's key has not been seen on this computer"
    elif not keys.verify(key, signoff.signature, payload):
        reason = "the signature does not match"
    elif signoff.version_sha256 != version.sha256 or text_sha256(version.text) != version.sha256:
        reason = f"version {version.number} has changed since it was signed off"
    mentor = Person.get_or_none(Person.uuid == signoff.author)
    return SignOffCheck(
        uuid=signoff.uuid,
        mentor=mentor.name if mentor else "the mentor",
        version_number=version.number,
        statement=signoff.statement,
        signed_at=short_date(local_time(signoff.updated_at)),
        verified=not reason,
        reason=reason,
        fingerprint=keys.fingerprint(key) if key else "",
    )


def signoffs(portfolio: Portfolio) -> list[SignOffCheck]:
    """Every live sign-off of the portfolio, newest first, each checked."""
    query = (
        SignOff.select()
        .where(SignOff.portfolio == portfolio, ~SignOff.deleted)
        .order_by(SignOff.updated_at.desc())
    )
    return [check(s) for s in query]


@dataclass(frozen=True)
class LatestSignOff:
    """Where the sign-off of the statement's latest version stands: the one rule the
    readiness checklist and the submission both read."""

    version_number: int | None  # the latest version sent for review; None before any
    check: SignOffCheck | None  # the mentor's newest sign-off of that exact text, checked
    signed_older: bool  # the mentor signed off an earlier version (or its earlier text)
    mentor: str  # who is to sign, for saying they have not yet


def latest_signoff(portfolio: Portfolio) -> LatestSignOff:
    latest = latest_version(portfolio)
    mentors = {m.person_id: m.name for m in members(portfolio) if m.role == MENTOR and m.person_id}
    found = (
        SignOff.select()
        .where(SignOff.portfolio == portfolio, ~SignOff.deleted, SignOff.author.in_(list(mentors)))
        .order_by(SignOff.updated_at.desc())
    )
    mentor = next(iter(mentors.values()), "The mentor")
    if latest is None:
        return LatestSignOff(None, None, False, mentor)
    signed_older = False
    for signoff in found:
        if signoff.version_id == latest.uuid and signoff.version_sha256 == latest.sha256:
            return LatestSignOff(latest.number, check(signoff), signed_older, mentor)
        signed_older = True
    return LatestSignOff(latest.number, None, signed_older, mentor)
