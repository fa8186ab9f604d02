"""A sender's key is taken only after the receiver confirmed its fingerprint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.workbench.exchange.support import Two
from workbench.errors import UnconfirmedKey
from workbench.exchange import known_keys
from workbench.exchange.apply import pack
from workbench.exchange.copies import unpack
from workbench.exchange.reader import read_package
from workbench.store import keys
from workbench.store.models import Membership, PinnedKey
from workbench.store.portfolios import MENTOR

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def strangers(tmp_path, monkeypatch) -> Two:
    people = Two(tmp_path, monkeypatch, introduce=False)
    people.start_mentee_portfolio()
    return people


def _from(two: Two, root: Path, identity, name: str) -> Path:
    with two.open(root, identity) as (opened, me):
        return pack(opened, me, two.tmp / name).path


def test_a_strangers_package_does_not_take_the_free_mentor_place_unconfirmed(strangers):
    two = strangers
    first = _from(two, two.mentee_root, two.as_mentee(), "casey.wbpack")
    casey_key = read_package(first).manifest["public_key"]
    unpack(first, two.as_mentor(), two.mentor_root, confirmed_key=casey_key)
    back = _from(two, two.mentor_root, two.as_mentor(), "morgan.wbpack")
    with pytest.raises(UnconfirmedKey) as asked:
        unpack(back, two.as_mentee(), two.mentee_root)
    assert not asked.value.changed and asked.value.fingerprint == keys.fingerprint(
        read_package(back).manifest["public_key"]
    )
    with two.open(two.mentee_root, two.as_mentee()):
        place = Membership.get(Membership.role == MENTOR)
        assert place.person_id is None
        assert PinnedKey.select().count() == 0
    summary = unpack(back, two.as_mentee(), two.mentee_root, confirmed_key=asked.value.public_key)
    assert summary.bound_member and summary.pinned_fingerprint == asked.value.fingerprint


def test_keys_are_pinned_to_the_person_across_portfolios(strangers, tmp_path):
    two = strangers
    first = _from(two, two.mentee_root, two.as_mentee(), "casey.wbpack")
    casey_key = read_package(first).manifest["public_key"]
    unpack(first, two.as_mentor(), two.mentor_root, confirmed_key=casey_key)
    assert known_keys.known_key(two.mentee.uuid) == casey_key
    # Someone else uses Casey's id with a new portfolio, signed with their own key.
    forged = _forged_first_package(two, tmp_path)
    with pytest.raises(UnconfirmedKey) as asked:
        unpack(forged, two.as_mentor(), tmp_path / "other-copy")
    assert asked.value.changed
    assert asked.value.previous_fingerprint == keys.fingerprint(casey_key)
    assert not (tmp_path / "other-copy").exists()


def _forged_first_package(two: Two, tmp_path: Path) -> Path:
    """Casey's portfolio copied under another data folder whose key is not Casey's."""
    import shutil

    from workbench.store.identity import Identity
    from workbench.store.user_data import data_dir

    clone = tmp_path / "clone-portfolio"
    shutil.copytree(two.mentee_root, clone)
    two.monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "mallory-data"))
    identity = Identity(two.mentee.uuid, two.mentee.name)
    (data_dir() / "identity.json").write_text(
        f'{{"uuid": "{identity.uuid}", "name": "{identity.name}"}}', encoding="utf-8"
    )
    with two.open(clone, identity) as (opened, me):
        return pack(opened, me, tmp_path / "forged.wbpack").path


def test_a_changed_key_is_refused_until_accepted(strangers, tmp_path):
    two = strangers
    first = _from(two, two.mentee_root, two.as_mentee(), "casey.wbpack")
    casey_key = read_package(first).manifest["public_key"]
    unpack(first, two.as_mentor(), two.mentor_root, confirmed_key=casey_key)
    two.as_mentee()
    keys.key_path().unlink()  # Casey's key is lost; a new one is made on the next send
    again = _from(two, two.mentee_root, two.as_mentee(), "casey-new-key.wbpack")
    new_key = read_package(again).manifest["public_key"]
    assert new_key != casey_key
    with pytest.raises(UnconfirmedKey, match="Casey Mentee's key changed") as asked:
        unpack(again, two.as_mentor(), two.mentor_root)
    assert asked.value.changed and asked.value.previous_fingerprint == keys.fingerprint(casey_key)
    summary = unpack(again, two.as_mentor(), two.mentor_root, confirmed_key=new_key)
    assert summary.key_replaced
    assert any("new key" in line for line in summary.lines())
    with two.open(two.mentor_root, two.as_mentor()):
        assert PinnedKey.get_by_id(two.mentee.uuid).public_key == new_key


def test_the_cli_accepts_a_first_key_only_with_its_fingerprint(strangers):
    two = strangers
    first = _from(two, two.mentee_root, two.as_mentee(), "casey.wbpack")
    fingerprint = keys.fingerprint(read_package(first).manifest["public_key"])
    two.as_mentor()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(*extra):
        command = [sys.executable, "main.py", "unpack", str(first), "--portfolio"]
        command += [str(two.mentor_root), *extra]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)

    refused = run()
    assert refused.returncode != 0 and f'--accept-key "{fingerprint}"' in refused.stderr
    assert "Traceback" not in refused.stderr
    wrong = run("--accept-key", "0000 0000")
    assert wrong.returncode != 0 and "not with the fingerprint you gave" in wrong.stderr
    accepted = run("--accept-key", fingerprint.lower())
    assert accepted.returncode == 0, accepted.stderr
    assert "now remembered" in accepted.stdout
