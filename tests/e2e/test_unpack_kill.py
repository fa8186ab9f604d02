"""Kill `unpack` at random moments: the rerun always ends where an uninterrupted run does.

Two cases: a mentor's copy being created from the mentee's first package
(several evidence files), and that copy being updated by a later package.
After each SIGKILL the same unpack runs again to completion; the copy must
match the uninterrupted one table by table, and no partial blob, staging
folder, half-built copy or temp file may remain.
"""

from __future__ import annotations

import random
import shutil
import signal
import time
from pathlib import Path

from peewee import DateTimeField

from tests.e2e.killing import sigkill, start_worker
from tests.workbench.exchange.support import Two
from workbench.evidence.blobs import SHA_NAME, hash_file
from workbench.evidence.files import add_file
from workbench.exchange.apply import ARRIVED_KEY, pack
from workbench.exchange.copies import unpack
from workbench.matrix.ratings import framework_skills, latest_snapshot, set_rating
from workbench.store import leftovers
from workbench.store.identity import load_identity
from workbench.store.models import all_models
from workbench.store.portfolios import open_portfolio
from workbench.store.user_data import data_dir

KILLS = 20  # per case
EVIDENCE = 6


def dump_tables(root: Path) -> dict:
    """Every row of every table of a portfolio, times left out (they say when, not what)."""
    with open_portfolio(root, holder="test", backup=False):
        dump = {}
        for model in all_models():
            times = {f.name for f in model._meta.sorted_fields if isinstance(f, DateTimeField)}
            rows = [when_masked(row) for row in model.select().dicts()]
            dump[model._meta.table_name] = sorted(
                repr(sorted((k, v) for k, v in row.items() if k not in times)) for row in rows
            )
        return dump


def when_masked(row: dict) -> dict:
    """A setting that holds a time (when a package last arrived) keeps its key, not its time."""
    if str(row.get("key", "")).startswith(ARRIVED_KEY):
        return {**row, "value": "(a time)"}
    return row


def assert_nothing_left_over(root: Path) -> None:
    for path in root.rglob("*"):
        assert not path.name.startswith(leftovers.STAGING_PREFIX), path
        assert not leftovers.TEMP_NAME.match(path.name), path
        if path.is_file() and SHA_NAME.match(path.name):
            assert hash_file(path) == path.name, f"{path} is half-written"
    assert [p for p in root.parent.iterdir() if ".creating-" in p.name] == []
    assert [p for p in data_dir().iterdir() if leftovers.TEMP_NAME.match(p.name)] == []


def mentee_packages(two: Two) -> tuple[Path, Path]:
    """The mentee's first package (several evidence files) and a later one."""
    rng = random.Random(7)
    sources = two.tmp / "sources"
    sources.mkdir()
    two.start_mentee_portfolio(ratings=3)
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        for n in range(EVIDENCE):
            path = sources / f"evidence-{n}.pdf"
            path.write_bytes(rng.randbytes(150_000))
            add_file(opened, me, path)
        first = pack(opened, me, two.tmp / "first.wbpack").path
        for n in range(EVIDENCE, EVIDENCE + 3):
            path = sources / f"evidence-{n}.pdf"
            path.write_bytes(rng.randbytes(150_000))
            add_file(opened, me, path)
        snapshot = latest_snapshot(opened.portfolio)
        for skill in framework_skills(opened.portfolio)[3:6]:
            set_rating(snapshot, skill, me, current=2, target=4)
        later = pack(opened, me, two.tmp / "later.wbpack").path
    return first, later


def timed_run(package: Path, root: Path) -> float:
    """Seconds an uninterrupted unpack takes in the worker, from 'ready' to its end."""
    child = start_worker("unpack", package, root)
    assert child.stdout.readline().strip() == "ready", child.stderr.read()
    began = time.perf_counter()
    out, _err = child.communicate()
    assert child.returncode == 0 and "done" in out, _err
    return time.perf_counter() - began


def kill_and_rerun(package: Path, root: Path, delay: float) -> bool:
    """Start the unpack, SIGKILL it after ``delay``, run it again here; whether it was killed."""
    child = start_worker("unpack", package, root)
    assert child.stdout.readline().strip() == "ready", child.stderr.read()
    time.sleep(delay)
    _out, code = sigkill(child)
    unpack(package, load_identity(), root)  # the mentor's, from their data folder
    return code == -signal.SIGKILL


def test_unpack_killed_at_random_moments_converges_and_leaves_nothing(tmp_path, monkeypatch):
    two = Two(tmp_path, monkeypatch)
    first, later = mentee_packages(two)
    mentor = two.as_mentor()
    reference = tmp_path / "reference"
    unpack(first, mentor, reference)
    created = dump_tables(reference)
    updated_root = tmp_path / "reference-updated"
    shutil.copytree(reference, updated_root)
    unpack(later, mentor, updated_root)
    updated = dump_tables(updated_root)
    assert created != updated  # the later package brings something

    rng = random.Random(20261201)
    cases = [(first, None, created), (later, reference, updated)]
    for case, (package, start_from, expected) in enumerate(cases):
        span = timed_run(package, tmp_path / f"timing-{case}" / "copy")
        killed = attempts = 0
        # A kill that comes after the work is done does not count: try again, a
        # bounded number of times (the machine's speed varies while tests run).
        while killed < KILLS and attempts < 3 * KILLS:
            root = tmp_path / f"case-{case}-{attempts}" / "copy"
            root.parent.mkdir()
            if start_from is not None:
                shutil.copytree(start_from, root)
            killed += kill_and_rerun(package, root, rng.uniform(0.0, span * 0.9))
            assert dump_tables(root) == expected, f"case {case}, attempt {attempts}"
            assert_nothing_left_over(root)
            shutil.rmtree(root.parent)
            attempts += 1
        assert killed == KILLS, f"case {case}: only {killed} kills landed in the work"
