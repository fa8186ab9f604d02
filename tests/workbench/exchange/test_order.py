"""Order does not matter: packages applied twice, or in any order, give the same records."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.workbench.exchange.support import Two, dump_shared
from workbench.exchange.apply import pack
from workbench.exchange.copies import unpack
from workbench.matrix.ratings import (
    framework_skills,
    latest_snapshot,
    set_mentor_rating,
    set_rating,
)
from workbench.statement import comments, drafts

pytestmark = pytest.mark.slow


class History:
    """Four successive full packages from the mentee and three from the mentor."""

    def __init__(self, tmp_path: Path, monkeypatch):
        self.two = two = Two(tmp_path, monkeypatch)
        two.start_mentee_portfolio(ratings=3)
        self.mentee_packages = [self._mentee_step(n) for n in range(4)]
        unpack(self.mentee_packages[-1], two.as_mentor(), two.mentor_root)
        self.mentor_packages = [self._mentor_step(n) for n in range(3)]
        self.mentor_reference = dump_shared(two.mentor_root)
        self.mentee_base = tmp_path / "mentee-before-review"
        shutil.copytree(two.mentee_root, self.mentee_base)
        for package in self.mentor_packages:
            unpack(package, two.as_mentee(), two.mentee_root)
        self.mentee_reference = dump_shared(two.mentee_root, two.mentor.uuid)

    def _mentee_step(self, n: int) -> Path:
        two = self.two
        with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
            skills = framework_skills(opened.portfolio)
            snapshot = latest_snapshot(opened.portfolio)
            set_rating(snapshot, skills[n % 2], me, current=n % 5, note=f"step {n}")
            set_rating(snapshot, skills[10 + n], me, current=1, target=2)
            drafts.save_working_copy(opened.portfolio, me, f"Draft number {n} of my statement.")
            drafts.send_for_review(opened.portfolio, me)
            return pack(opened, me, two.tmp / f"mentee-{n}.wbpack").path

    def _mentor_step(self, n: int) -> Path:
        two = self.two
        with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
            snapshot = latest_snapshot(opened.portfolio)
            skill = framework_skills(opened.portfolio)[0]
            set_mentor_rating(snapshot, skill, mentor, n % 5, f"view {n}")
            version = drafts.latest_version(opened.portfolio)
            comments.create_comment(opened.portfolio, mentor, version, 0, 5, f"Comment {n}")
            return pack(opened, mentor, two.tmp / f"mentor-{n}.wbpack").path


@pytest.fixture
def history(tmp_path, monkeypatch) -> History:
    return History(tmp_path, monkeypatch)


ORDERS = st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=7)
PROFILE = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@PROFILE
@given(order=ORDERS.filter(lambda o: 3 in o))
def test_the_mentors_copy_is_the_same_whatever_order_the_packages_arrive(history, order):
    """Any order, with repeats, that includes the latest package ends where it began."""
    two = history.two
    root = two.tmp / f"mentor-{uuid.uuid4().hex[:8]}"
    # a fresh copy must start from a full package with the mentor place free
    first, *rest = order
    for index in [first, *rest]:
        unpack(history.mentee_packages[index], two.as_mentor(), root)
    # the mentee's records as in the latest package (the mentor's own Person is made here)
    mentee = two.mentee.uuid
    assert dump_shared(root, mentee) == dump_shared(_reference(history), mentee)


def _reference(history: History) -> Path:
    root = history.two.tmp / "mentor-reference"
    if not root.exists():
        unpack(history.mentee_packages[3], history.two.as_mentor(), root)
    return root


@PROFILE
@given(order=st.permutations([0, 1, 2]), repeat=st.sampled_from([0, 1, 2]))
def test_the_mentees_copy_is_the_same_whatever_order_the_reviews_arrive(history, order, repeat):
    two = history.two
    root = two.tmp / f"mentee-{uuid.uuid4().hex[:8]}"
    shutil.copytree(history.mentee_base, root)
    for index in [*order, repeat]:
        unpack(history.mentor_packages[index], two.as_mentee(), root)
    # the mentor's records as the mentor holds them (accepting the mentor is the
    # mentee's own change, made when the first of them arrives)
    assert dump_shared(root, two.mentor.uuid) == history.mentee_reference
    assert history.mentee_reference == dump_shared(two.mentor_root, two.mentor.uuid)
