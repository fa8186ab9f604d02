"""A person whose identity or key file was lost gets their place back."""

from __future__ import annotations

import shutil

import pytest

from tests.workbench.exchange.support import Two
from workbench.errors import UnconfirmedKey
from workbench.exchange.apply import pack
from workbench.exchange.copies import unpack
from workbench.store import keys
from workbench.store.identity import load_identity
from workbench.store.models import Person
from workbench.store.portfolios import ensure_person, open_portfolio
from workbench.store.recovery import (
    claim_member,
    member_with_my_key,
    portfolio_members,
    restore_from_key,
    stamp_own_key,
)
from workbench.store.user_data import identity_path


def test_own_person_record_carries_my_key_after_stamping(portfolio, me):
    person = ensure_person(me)
    revision = person.revision
    assert person.public_key is None
    assert stamp_own_key(person)
    stored = Person.get_by_id(me.uuid)
    assert stored.public_key == keys.my_public_key()
    assert stored.revision > revision
    assert not stamp_own_key(stored)  # the same key again changes nothing
    assert Person.get_by_id(me.uuid).revision > revision


def test_stamping_never_changes_someone_elses_record(portfolio, other):
    stranger = Person.create(uuid=other.uuid, author="someone-else", name=other.name)
    assert not stamp_own_key(stranger)
    assert Person.get_by_id(other.uuid).public_key is None


def test_a_lost_identity_file_is_restored_from_the_member_with_my_key(tmp_path, me, portfolio):
    stamp_own_key(ensure_person(me))
    root = portfolio.root
    portfolio.close()
    identity_path().unlink()
    assert load_identity() is None
    with open_portfolio(root) as opened:
        assert member_with_my_key(opened.portfolio).uuid == me.uuid
        assert restore_from_key(opened.portfolio) == me
    assert load_identity() == me
    assert keys.pending_key_change() is None  # the key itself did not change


def test_no_member_is_taken_without_my_key(me, portfolio):
    identity_path().unlink()
    assert member_with_my_key(portfolio.portfolio) is None  # never stamped: no match
    assert restore_from_key(portfolio.portfolio) is None
    assert load_identity() is None


def test_a_person_who_lost_both_files_claims_their_place_and_the_partner_is_asked(
    tmp_path, monkeypatch
):
    two = Two(tmp_path, monkeypatch)
    two.start_mentee_portfolio()
    casey = two.as_mentee()
    with two.open(two.mentee_root, casey) as (opened, me):
        stamp_own_key(me)
        old_key = keys.my_public_key()
        first = pack(opened, me, tmp_path / "casey-1.wbpack").path
    unpack(first, two.as_mentor(), two.mentor_root)

    two.as_mentee()
    shutil.rmtree(identity_path().parent)  # the whole data folder is gone
    with open_portfolio(two.mentee_root) as opened:
        assert restore_from_key(opened.portfolio) is None
        members = portfolio_members(opened.portfolio)
        assert [(m.name, m.role) for m in members][0] == ("Casey Mentee", "mentee")
        assert claim_member(opened.portfolio, casey.uuid) == casey
    assert load_identity() == casey
    assert keys.pending_key_change().old_fingerprint == keys.fingerprint(old_key)
    assert keys.former_public_keys() == [old_key]

    with two.open(two.mentee_root, casey) as (opened, me):
        stamp_own_key(me)
        again = pack(opened, me, tmp_path / "casey-2.wbpack").path
    with pytest.raises(UnconfirmedKey) as asked:
        unpack(again, two.as_mentor(), two.mentor_root)
    assert asked.value.changed
    assert asked.value.previous_fingerprint == keys.fingerprint(old_key)
