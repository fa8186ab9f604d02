"""The mentor's home says when each mentee's last package arrived, in local time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests.workbench.exchange.test_sync_mentees import three  # noqa: F401
from ui.journey.mentor_home import HEADERS, MentorHomeModel, describe_arrival
from workbench.exchange.copies import unpack
from workbench.journey import mentor_home

NOW = datetime(2026, 12, 1, 15, 30).astimezone()


def utc(local: datetime) -> datetime:
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def test_an_arrival_reads_as_today_yesterday_or_a_date():
    assert describe_arrival(None, NOW) == "Nothing yet"
    assert describe_arrival(utc(NOW.replace(hour=9, minute=5)), NOW) == "Today 09:05"
    assert describe_arrival(utc(NOW - timedelta(days=1)), NOW) == "Yesterday 15:30"
    assert describe_arrival(utc(NOW - timedelta(days=9)), NOW) == "22 Nov 2026 15:30"


def test_the_home_shows_each_mentees_last_arrival(qtmodeltester, three):  # noqa: F811
    two = three.two
    for name, (_become, _root, copy) in three.mentees.items():
        written = three.mentee_syncs(name, draft=f"{name} writes.").written
        unpack(written, two.as_mentor(), copy)
    model = MentorHomeModel()
    model.refresh(mentor_home.mentor_home(two.mentor.uuid))
    qtmodeltester.check(model)
    column = HEADERS.index("Last arrival")
    cells = {row[1]: row[column] for row in model.cells}
    assert set(cells) == {"Casey Mentee", "Riley Mentee"}
    assert all(text.startswith("Today ") for text in cells.values())
