"""Packages that try to change who is who: each is refused and changes nothing."""

from __future__ import annotations

import pytest

from tests.workbench.exchange.test_bad_packages import (
    Scene,
    first_record,
    parts_of,
    refused,
    write_package,
)
from workbench.exchange import signoff
from workbench.exchange.apply import pack
from workbench.exchange.copies import unpack
from workbench.store import keys
from workbench.store.models import Membership, SignOff, StatementVersion, new_uuid
from workbench.store.portfolios import MENTEE, MENTOR


@pytest.fixture
def scene(tmp_path, monkeypatch) -> Scene:
    return Scene(tmp_path, monkeypatch)


def _records(parts, table):
    return [r for r in parts.records if r["table"] == table]


def _mentee_place(parts):
    return next(r for r in _records(parts, "membership") if r["role"] == MENTEE)


def test_a_mentee_cannot_make_themselves_the_mentor(scene):
    parts = scene.mentee_parts()
    place = _mentee_place(parts)
    place["role"], place["revision"] = MENTOR, place["revision"] + 1
    path = write_package(scene.two.tmp / "promoted.wbpack", parts, scene.mentee_key)
    refused(scene, path, "names someone other than the candidate as the mentee|own mentor")


def test_a_mentee_cannot_make_themselves_their_own_mentor(scene):
    unpack(_repack_mentee(scene), scene.two.as_mentor(), scene.two.mentor_root)
    parts = scene.mentee_parts()
    mentor_place = next(r for r in _records(parts, "membership") if r["role"] == MENTOR)
    mentor_place["person"], mentor_place["revision"] = scene.two.mentee.uuid, 99
    path = write_package(scene.two.tmp / "self-mentor.wbpack", parts, scene.mentee_key)
    refused(scene, path, "makes the candidate their own mentor")


def _repack_mentee(scene):
    identity = scene.two.as_mentee()
    with scene.two.open(scene.two.mentee_root, identity) as (opened, me):
        return pack(opened, me, scene.two.tmp / "bound.wbpack").path


def test_a_bound_place_is_never_given_to_another_person(scene):
    bound = _repack_mentee(scene)  # carries the mentor place bound to Morgan
    unpack(bound, scene.two.as_mentor(), scene.two.mentor_root)
    parts = parts_of(bound)
    mentor_place = next(r for r in _records(parts, "membership") if r["role"] == MENTOR)
    assert mentor_place["person"] == scene.two.mentor.uuid
    mentor_place["person"], mentor_place["revision"] = new_uuid(), mentor_place["revision"] + 1
    path = write_package(scene.two.tmp / "handed-over.wbpack", parts, scene.mentee_key)
    refused(scene, path, "gives a member's place to someone else")


def test_a_portfolio_tombstone_is_refused_and_the_copy_still_opens(scene):
    parts = scene.mentee_parts()
    portfolio = first_record(parts, "portfolio")
    portfolio["deleted"], portfolio["revision"] = True, portfolio["revision"] + 1
    path = write_package(scene.two.tmp / "tombstone.wbpack", parts, scene.mentee_key)
    refused(scene, path, "deletes the portfolio itself")
    with scene.two.open(scene.two.mentor_root, scene.two.as_mentor()) as (opened, _me):
        assert not opened.portfolio.deleted


def test_a_person_tombstone_is_refused(scene):
    parts = scene.mentee_parts()
    person = first_record(parts, "person")
    person["deleted"], person["revision"] = True, person["revision"] + 1
    path = write_package(scene.two.tmp / "gone.wbpack", parts, scene.mentee_key)
    refused(scene, path, "deletes Casey Mentee's own details")


def test_a_package_cannot_change_the_candidate(scene):
    parts = scene.mentee_parts()
    portfolio = first_record(parts, "portfolio")
    portfolio["candidate"], portfolio["revision"] = scene.two.mentor.uuid, 50
    path = write_package(scene.two.tmp / "candidate.wbpack", parts, scene.mentee_key)
    refused(scene, path, "changes who the candidate is")


def test_a_sign_off_by_the_candidate_never_shows_as_verified(scene):
    """Even in a copy whose roles were tampered with, the candidate's own sign-off fails."""
    two = scene.two
    identity = two.as_mentee()
    with two.open(two.mentee_root, identity) as (opened, me):
        Membership.update(role=MENTOR).where(Membership.person == me.uuid).execute()
        version = StatementVersion.get_by_id(scene.version_uuid)
        payload = signoff._payload(
            opened.portfolio.uuid, version.uuid, version.sha256, "Signed.", me.uuid
        )
        forged = SignOff.create(
            author=me.uuid,
            portfolio=opened.portfolio,
            version=version,
            version_sha256=version.sha256,
            statement="Signed.",
            signature=keys.sign(payload),
        )
        check = signoff.check(forged)
        assert not check.verified and "not made by the portfolio's mentor" in check.reason
