"""Helpers shared by the tests of the CPD log, mentoring and readiness."""

from __future__ import annotations

from workbench.store.models import Person
from workbench.store.portfolios import MENTOR, add_member, ensure_person


def join_mentor(opened, me, other) -> tuple[Person, Person]:
    """(mentee, mentor) Person records, with the mentor joined to the portfolio."""
    mentee = ensure_person(me)
    mentor = ensure_person(other)
    add_member(opened.portfolio, mentee, mentor, MENTOR)
    return mentee, mentor


def sign_off_as(portfolio, mentor: Person, version):
    """A real, verifiable sign-off by ``mentor`` (their key pinned as this machine's)."""
    from workbench.exchange.signoff import sign_off
    from workbench.store import keys
    from workbench.store.models import PinnedKey

    public = keys.my_public_key()
    PinnedKey.replace(
        person=mentor.uuid, public_key=public, fingerprint=keys.fingerprint(public)
    ).execute()
    return sign_off(portfolio, mentor, version, "I confirm the candidate's work.")
