"""The list of versions shows when each was sent in this computer's local time."""

from __future__ import annotations

import time
from datetime import datetime

import pytest

from ui.statement.versions import VersionList
from workbench.statement.drafts import VersionInfo


@pytest.fixture
def an_hour_east(monkeypatch):
    """This computer's clock one hour ahead of UTC (a POSIX rule: no time-zone data needed)."""
    monkeypatch.setenv("TZ", "XYZ-1")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_version_sent_at_nine_utc_reads_ten_an_hour_east(qtbot, an_hour_east):
    versions = VersionList()
    qtbot.addWidget(versions)
    sent = datetime(2026, 7, 1, 9, 0)  # stored as every timestamp is: naive UTC
    info = VersionInfo("v-1", 1, "First draft", "p-1", "Sam Okafor", sent, "0" * 64)
    versions.fill([info], with_draft=False)
    item = versions.item(0)
    assert item.text() == "Version 1 \u2014 First draft\nSam Okafor · 1 Jul 2026 10:00"
    assert item.toolTip().endswith("Sent 1 July 2026 at 10:00")
