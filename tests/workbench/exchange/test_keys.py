"""Identity keys: made once, kept private, fingerprints to compare by phone."""

from __future__ import annotations

import re
import stat

from workbench.store import keys


def test_the_key_is_made_once_and_readable_by_its_owner_only(me):
    first = keys.my_public_key()
    assert keys.my_public_key() == first
    mode = stat.S_IMODE(keys.key_path().stat().st_mode)
    assert mode == 0o600
    assert keys.key_path().parent.name == "mentoring-workbench"


def test_a_fingerprint_is_eight_groups_to_read_aloud(me):
    printed = keys.my_fingerprint()
    assert re.fullmatch(r"([0-9A-F]{4} ){7}[0-9A-F]{4}", printed)
    assert printed == keys.fingerprint(keys.my_public_key())


def test_signatures_verify_only_for_the_same_data_and_key(me, tmp_path, monkeypatch):
    signature = keys.sign(b"version 3")
    mine = keys.my_public_key()
    assert keys.verify(mine, signature, b"version 3")
    assert not keys.verify(mine, signature, b"version 4")
    assert not keys.verify(mine, "not base64!", b"version 3")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "someone-else"))
    assert keys.my_public_key() != mine
    assert not keys.verify(keys.my_public_key(), signature, b"version 3")
