"""The uuids of new records: one at a time, or many at once of the same form."""

from __future__ import annotations

import uuid

from workbench.store.uuids import new_uuid, new_uuids


def test_many_at_once_are_distinct_version_4_uuids_like_one_at_a_time():
    made = new_uuids(2000)
    assert len(set(made)) == 2000
    for text in [*made, new_uuid()]:
        parsed = uuid.UUID(text)
        assert str(parsed) == text
        assert (parsed.version, parsed.variant) == (4, uuid.RFC_4122)
    assert new_uuids(0) == []
