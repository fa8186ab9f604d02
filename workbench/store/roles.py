"""The two roles in a portfolio, and the one check of who may do what."""

from __future__ import annotations

from workbench.errors import PermissionDenied
from workbench.store.models import Membership, Person, Portfolio

MENTEE = "mentee"
MENTOR = "mentor"


def role_of(portfolio: Portfolio, person: Person | None) -> str | None:
    if person is None:
        return None
    membership = (
        Membership.select(Membership.role)
        .where(
            Membership.portfolio == portfolio,
            Membership.person == person,
            ~Membership.deleted,
        )
        .first()
    )
    return membership.role if membership else None


def require_role(portfolio: Portfolio, actor: Person, *roles: str) -> str:
    """The actor's role, if it is one of ``roles``; otherwise refuse."""
    role = role_of(portfolio, actor)
    if role not in roles:
        allowed = " or ".join(roles)
        raise PermissionDenied(
            f"{actor.name} is {('the ' + role) if role else 'not a member'} of this "
            f"portfolio; only the {allowed} may do this."
        )
    return role
