"""Helpers shared by the tests of the CPD log, mentoring and readiness."""

from __future__ import annotations

from workbench.models import Person
from workbench.portfolios import MENTOR, add_member, ensure_person


def join_mentor(opened, me, other) -> tuple[Person, Person]:
    """(mentee, mentor) Person records, with the mentor joined to the portfolio."""
    mentee = ensure_person(me)
    mentor = ensure_person(other)
    add_member(opened.portfolio, mentee, mentor, MENTOR)
    return mentee, mentor
