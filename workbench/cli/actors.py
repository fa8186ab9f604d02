"""Who a command acts as: this computer's user, or the member named by ``--as``."""

from __future__ import annotations

from workbench.errors import IdentityUnreadable, NotFound, WorkbenchError
from workbench.store.identity import load_identity
from workbench.store.portfolios import members


def own_identity():

    identity = load_identity()
    if identity is None:
        raise WorkbenchError(
            'There is no identity on this computer yet. Run `fingerprint --name "Your Name"` '
            "or open the workbench once."
        )
    return identity


def cli_actor(portfolio, name: str | None):
    """The member named by --as, else this machine's user, else the candidate."""
    people = [m.person for m in members(portfolio) if m.person_id]
    if name:
        for person in people:
            if person.name.casefold() == name.casefold():
                return person
        raise NotFound(f"No member of this portfolio is called '{name}'.")
    identity = load_identity()
    mine = next((p for p in people if identity and p.uuid == identity.uuid), None)
    return mine or portfolio.candidate


def reader_role(portfolio) -> str | None:
    """This computer's user's role in the portfolio, for wording what a command shows
    them; None if they are not a member, or their identity cannot be read."""
    try:
        identity = load_identity()
    except IdentityUnreadable:
        return None
    if identity is None:
        return None
    return next((m.role for m in members(portfolio) if m.person_id == identity.uuid), None)
