"""The user's identity and key: made once even by processes started together,
never replaced silently, and recoverable from a portfolio when a file is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.errors import IdentityTaken, IdentityUnreadable
from workbench.store import identity, keys
from workbench.store.identity import adopt_identity, create_identity, load_identity
from workbench.store.user_data import data_dir

ROOT = Path(__file__).resolve().parents[3]

# Each child says it is ready, waits for the barrier file, then makes the
# identity and the key at once; it prints what it ended with.
CHILD = """
import json, pathlib, sys, time
ready, barrier = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
from workbench.store import identity, keys
ready.touch()
while not barrier.exists():
    time.sleep(0.001)
me = identity.create_identity("Casey Mentee")
print(json.dumps({"uuid": me.uuid, "key": keys.my_public_key()}))
"""


def test_processes_starting_together_make_one_identity_and_one_key(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "data"))
    barrier = tmp_path / "go"
    readies = [tmp_path / f"ready-{n}" for n in range(6)]
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(ready), str(barrier)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for ready in readies
    ]
    while not all(ready.exists() for ready in readies):
        assert all(child.poll() is None for child in children), "a child stopped early"
        time.sleep(0.01)
    barrier.touch()
    results = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        results.append(json.loads(out))
    assert len({r["uuid"] for r in results}) == 1
    assert len({r["key"] for r in results}) == 1
    assert load_identity().uuid == results[0]["uuid"]
    assert keys.my_public_key() == results[0]["key"]
    assert keys.pending_key_change() is None  # one key made, no change to announce
    assert not list(data_dir().glob("*.unreadable-*"))


def test_the_first_key_is_made_with_the_identity_and_is_no_change(me):
    assert keys.key_path().exists()
    assert keys.pending_key_change() is None
    assert keys.former_public_keys() == []


def test_a_lost_key_file_is_replaced_with_the_change_noted(me):
    old = keys.my_public_key()
    keys.key_path().unlink()
    new = keys.my_public_key()
    assert new != old
    change = keys.pending_key_change()
    assert change.old_fingerprint == keys.fingerprint(old)
    assert change.new_fingerprint == keys.fingerprint(new)
    assert keys.former_public_keys() == [old]


def test_an_unreadable_key_file_is_kept_aside_not_overwritten(me):
    old = keys.my_public_key()
    keys.key_path().write_bytes(b"damaged by a sync tool")
    new = keys.my_public_key()
    assert new != old
    (aside,) = data_dir().glob("identity_key.pem.unreadable-*")
    assert aside.read_bytes() == b"damaged by a sync tool"
    assert keys.pending_key_change().kept_aside == aside.name
    assert keys.former_public_keys() == [old]


def test_a_key_change_is_announced_once(me):
    keys.key_path().unlink()
    keys.my_public_key()
    assert keys.pending_key_change() is not None
    keys.acknowledge_key_change()
    assert keys.pending_key_change() is None
    assert keys.my_public_key()  # using the new key notes nothing more
    assert keys.pending_key_change() is None


def test_adopting_an_identity_never_replaces_another_one(me, other):
    with pytest.raises(IdentityTaken, match="already knows you as Casey Mentee"):
        adopt_identity(other.uuid, other.name)
    assert load_identity() == me
    assert adopt_identity(me.uuid, me.name) == me


def test_adopting_an_identity_restores_its_uuid_and_name(other):
    assert adopt_identity(other.uuid, "  Morgan   Mentor ") == other
    assert load_identity() == other
    assert create_identity("Someone Else") == other


def test_an_unreadable_identity_file_is_set_aside_not_deleted(me):
    identity.identity_path().write_text("{not json", encoding="utf-8")
    with pytest.raises(IdentityUnreadable, match="identity.json cannot be read"):
        load_identity()
    aside = identity.set_aside_unreadable_identity()
    assert aside.read_text(encoding="utf-8") == "{not json"
    assert load_identity() is None
    assert identity.set_aside_unreadable_identity() is None  # nothing more to set aside
