"""Two machines, one truth: random work, exchanges, restores, clocks and lost keys.

A mentee's and a mentor's machine (each its own data folder and portfolio
folder) go through a random sequence of edits, versions, comments, replies,
resolutions, packages delivered in any order and repeatedly, restores from
backup, skewed clocks and lost keys. After a few rounds of sending both ways,
both must show the same thing: the same records, the same comment places and
states on every version, the same open count, the same readiness.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.workbench.exchange.support import dump_shared
from workbench.errors import UnconfirmedKey, WorkbenchError
from workbench.exchange.copies import unpack
from workbench.exchange.pack import pack
from workbench.frameworks.library import builtin_framework, install_framework
from workbench.journey.readiness import readiness
from workbench.matrix.ratings import (
    begin_snapshot,
    framework_skills,
    latest_snapshot,
    set_mentor_rating,
    set_rating,
)
from workbench.statement import comment_reading, comments, drafts
from workbench.statement.open_comments import open_comment_count
from workbench.store import db, keys
from workbench.store.identity import create_identity
from workbench.store.models import Comment, Person, StatementVersion
from workbench.store.portfolios import create_portfolio, open_portfolio, restore_from_backup

pytestmark = pytest.mark.slow

TEXTS = [
    "I led the induction of new staff. I wrote the guide.",
    "I led the induction. I wrote the guide and ran sessions.",
    "I led the induction of new staff. I ran sessions.",
    "Reflection on the induction of new staff: what I learnt.",
]
TODAY = date(2026, 12, 1)


class Machine:
    """One person's computer: a data folder (identity, key) and a portfolio folder."""

    def __init__(self, base: Path, name: str):
        self.name = name
        self.data = base / name.split()[0].lower() / "data"
        self.root = base / f"{name.split()[0].lower()}-portfolio"
        self.offset = timedelta(0)
        self.outbox: list[Path] = []
        self.backups: list[Path] = []
        self.identity = None
        with self.acting():
            self.identity = create_identity(name)

    @contextmanager
    def acting(self):
        """Be this person on this computer, with this computer's clock."""
        os.environ["XDG_DATA_HOME"] = str(self.data)
        with skewed(self.offset):
            yield

    @contextmanager
    def opened(self):
        with self.acting(), open_portfolio(self.root, holder=self.name) as opened:
            yield opened, Person.get_by_id(self.identity.uuid)


@contextmanager
def skewed(offset: timedelta):
    """This computer's clock runs ``offset`` ahead (or behind)."""
    if not offset:
        yield
        return
    real_time_ns, real_datetime = time.time_ns, db.datetime

    class Skewed(datetime):
        @classmethod
        def now(cls, tz=None):
            return real_datetime.now(tz) + offset

    time.time_ns = lambda: real_time_ns() + int(offset.total_seconds() * 1e9)
    db.datetime = Skewed
    try:
        yield
    finally:
        time.time_ns, db.datetime = real_time_ns, real_datetime


def start(base: Path) -> tuple[Machine, Machine]:
    """A mentee's new portfolio with a few ratings, and the mentor's copy of it."""
    mentee, mentor = Machine(base, "Casey Mentee"), Machine(base, "Morgan Mentor")
    with mentee.acting():
        made = create_portfolio(
            mentee.root, mentee.identity, route="chartership", mentor_name="Morgan Mentor"
        )
        with made as opened:
            me = Person.get_by_id(mentee.identity.uuid)
            opened.portfolio.framework = install_framework(builtin_framework(), me)
            opened.portfolio.save()
            snapshot = begin_snapshot(opened.portfolio, me, "start")
            for skill in framework_skills(opened.portfolio)[:3]:
                set_rating(snapshot, skill, me, current=1, target=3)
            first = pack(opened, me, base / "first.wbpack").path
    deliver(mentor, first)
    return mentee, mentor


def deliver(machine: Machine, path: Path) -> None:
    """Open a package; a changed or first key is accepted (compared by phone)."""
    with machine.acting():
        try:
            unpack(path, machine.identity, machine.root)
        except UnconfirmedKey as question:
            unpack(path, machine.identity, machine.root, confirmed_key=question.public_key)


# Steps ---------------------------------------------------------------------------------


def rate(m: Machine, _other, skill: int, value: int) -> None:
    value = abs(value) % 5  # the outline's scale, 0 to 4
    with m.opened() as (opened, me):
        snapshot = latest_snapshot(opened.portfolio)
        chosen = framework_skills(opened.portfolio)[skill]
        if m.name.startswith("Casey"):
            set_rating(snapshot, chosen, me, current=value, target=4)
        else:
            set_mentor_rating(snapshot, chosen, me, value, f"seen {value}")


def new_version(m: Machine, _other, text: int, _value) -> None:
    if not m.name.startswith("Casey"):
        return
    with m.opened() as (opened, me):
        drafts.save_working_copy(opened.portfolio, me, TEXTS[text])
        drafts.send_for_review(opened.portfolio, me, f"Draft {text}")


def comment(m: Machine, _other, word: int, _value) -> None:
    with m.opened() as (opened, me):
        version = drafts.latest_version(opened.portfolio)
        if version is None:
            return
        words = version.text.split()
        chosen = words[word % len(words)]
        start = version.text.index(chosen)
        comments.create_comment(
            opened.portfolio, me, version, start, start + len(chosen), f"On {chosen}"
        )


def _some_comment(index: int):
    found = list(
        Comment.select().where(Comment.parent.is_null(), ~Comment.deleted).order_by(Comment.uuid)
    )
    return found[index % len(found)] if found else None


def answer(m: Machine, _other, index: int, kind: int) -> None:
    with m.opened() as (opened, me):
        target = _some_comment(index)
        if target is None:
            return
        if kind == 0:
            comments.reply(opened.portfolio, me, target, "Thank you.")
        elif kind == 1:
            comments.resolve(opened.portfolio, me, target, "Done.")
        else:
            comments.reopen(opened.portfolio, me, target, "Not yet.")


def send(m: Machine, other: Machine, changes: int, _value) -> None:
    if not m.root.exists():
        return
    with m.opened() as (opened, me):
        out = m.data.parent / f"out-{len(m.outbox)}.wbpack"
        m.outbox.append(pack(opened, me, out, changes_only=bool(changes)).path)


def receive(m: Machine, other: Machine, index: int, _value) -> None:
    if other.outbox:
        try:
            deliver(m, other.outbox[index % len(other.outbox)])
        except WorkbenchError:
            pass  # refused with a sentence (e.g. changes before the first package)


def back_up(m: Machine, _other, _a, _b) -> None:
    with m.opened() as (opened, _me):
        m.backups.append(db.backup_database(opened.folder, f"step{len(m.backups)}"))


def restore(m: Machine, _other, index: int, _value) -> None:
    if m.backups:
        with m.acting():
            restore_from_backup(m.root, m.backups[index % len(m.backups)])


def lose_key(m: Machine, _other, _a, _b) -> None:
    with m.acting():
        keys.key_path().unlink(missing_ok=True)


def skew(m: Machine, _other, days: int, _value) -> None:
    m.offset = timedelta(days=days)


STEPS = {
    "rate": rate,
    "version": new_version,
    "comment": comment,
    "answer": answer,
    "send": send,
    "receive": receive,
    "back_up": back_up,
    "restore": restore,
    "lose_key": lose_key,
    "skew": skew,
}
step = st.tuples(
    st.sampled_from(sorted(STEPS)),
    st.booleans(),  # True: the mentee acts; False: the mentor
    st.integers(0, 3),
    st.integers(-400, 400).map(lambda n: n if abs(n) > 3 else n % 3),
)


# What each machine shows -----------------------------------------------------------------


def shown(m: Machine) -> dict:
    records = dump_shared(m.root)
    with m.opened() as (opened, _me):
        portfolio = opened.portfolio
        versions = StatementVersion.select().where(~StatementVersion.deleted)
        views = {
            v.number: [
                (c.uuid, c.start, c.end, c.quote, c.state, len(c.replies))
                for c in comment_reading.comments_for_version(v)
            ]
            for v in versions.order_by(StatementVersion.number)
        }
        ready = readiness(portfolio, TODAY)
        return {
            "records": records,
            "comments": views,
            "open": open_comment_count(portfolio),
            "readiness": [(i.key, i.done, i.reason) for i in ready.items],
        }


def settle(mentee: Machine, mentor: Machine, base: Path) -> None:
    """A few rounds of sending both ways, as the sync folder would."""
    for round_number in range(4):
        if not mentor.root.exists():
            with mentee.opened() as (opened, me):
                full = pack(opened, me, base / f"full-{round_number}.wbpack").path
            deliver(mentor, full)
        for sender, receiver in ((mentee, mentor), (mentor, mentee)):
            with sender.opened() as (opened, me):
                out = base / f"settle-{round_number}-{sender.name[0]}.wbpack"
                path = pack(opened, me, out, changes_only=True).path
            try:
                deliver(receiver, path)
            except WorkbenchError:
                pass  # refused with a sentence, as the sync folder would show; next round


@settings(
    max_examples=int(os.environ.get("CONVERGENCE_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(step, max_size=24))
def test_two_machines_end_showing_the_same_whatever_happened(steps, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", os.environ.get("XDG_DATA_HOME", ""))
    base = Path(tempfile.mkdtemp(prefix="converge-"))
    try:
        mentee, mentor = start(base)
        for name, by_mentee, a, b in steps:
            actor, other = (mentee, mentor) if by_mentee else (mentor, mentee)
            try:
                STEPS[name](actor, other, a, b)
            except WorkbenchError:
                pass  # refused with a sentence, as the user would be told
        settle(mentee, mentor, base)
        assert shown(mentee) == shown(mentor)
    finally:
        db.disconnect()
        shutil.rmtree(base, ignore_errors=True)


def test_a_version_made_again_after_a_restore_does_not_wedge_either_side(tmp_path):
    mentee, mentor = start(tmp_path)
    back_up(mentee, mentor, 0, 0)
    new_version(mentee, mentor, 0, 0)
    comment(mentor, mentee, 0, 0)  # not yet: the mentor has no version
    send(mentee, mentor, 1, 0)
    receive(mentor, mentee, 0, 0)
    comment(mentor, mentee, 1, 0)
    restore(mentee, mentor, 0, 0)
    new_version(mentee, mentor, 1, 0)  # number 1 again, other words
    settle(mentee, mentor, tmp_path)
    assert shown(mentee) == shown(mentor)
    with mentee.opened() as (opened, _me):
        numbers = [v.number for v in drafts.versions(opened.portfolio)]
    assert numbers == [1, 2]
