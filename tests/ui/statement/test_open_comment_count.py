"""One count of open comments: the Overview, the readiness checklist and the
mentor's home of the sample portfolio give the same number, each its own way."""

from __future__ import annotations

import re

from tests.ui.journey.fixtures import show
from ui.journey.overview import CheckRow, OverviewView
from workbench.journey import mentor_home, readiness
from workbench.statement import comment_reading
from workbench.store.portfolios import MENTOR, person_with_role


def test_the_sample_counts_the_same_open_comments_on_overview_readiness_and_mentor_home(
    qtbot, session, demo
):
    """Bug: the Overview said 4 open comments where the mentor's home said 5 (it
    counted the comment on a meeting, which has nothing to resolve)."""
    view = show(qtbot, OverviewView(session), session)
    reason = view.findChild(CheckRow, "check-comments").reason.text()
    on_overview = int(re.match(r"(\d+) comments? still open", reason).group(1))
    item = readiness.readiness(demo.portfolio).item("comments")
    in_readiness = int(item.reason.split()[0])
    mentor = person_with_role(demo.portfolio, MENTOR)
    on_mentor_home = mentor_home.summarise(demo.root, mentor.uuid).open_comments
    listed = [
        v
        for v in comment_reading.all_comments(demo.portfolio)
        if v.target_kind in comment_reading.TARGET_KINDS and not v.resolved
    ]
    assert on_overview == in_readiness == on_mentor_home == len(listed) == 4
    # Three on the statement, one on a skill: the item says so, and leads to the statement.
    assert reason == (
        "4 comments still open: 3 on the statement, 1 on a skill in the gap matrix; "
        "answer or resolve them."
    )
    assert item.place == readiness.STATEMENT
