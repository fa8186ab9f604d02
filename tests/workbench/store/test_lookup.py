"""A record given as itself or by its uuid, the way every service takes it."""

from __future__ import annotations

import pytest

from workbench.errors import NotFound
from workbench.statement import drafts
from workbench.store.lookup import record_of
from workbench.store.models import StatementVersion


def test_a_record_or_its_uuid_gives_the_record_and_a_stranger_a_sentence(demo):
    version = StatementVersion.select().where(~StatementVersion.deleted).first()
    assert record_of(StatementVersion, version, "none") is version
    assert record_of(StatementVersion, version.uuid, "none") == version
    with pytest.raises(NotFound, match="^There is no version nope.$"):
        record_of(StatementVersion, "nope", "There is no version {uuid}.")


def test_with_live_a_tombstone_is_missing(demo):
    version = StatementVersion.select().where(~StatementVersion.deleted).first()
    StatementVersion.update(deleted=True).where(StatementVersion.uuid == version.uuid).execute()
    assert record_of(StatementVersion, version.uuid, "gone").deleted
    with pytest.raises(NotFound, match="no longer exists"):
        drafts.get_version(version.uuid)
