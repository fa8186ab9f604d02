"""Kill a process that keeps saving, many times: what it reported saved is always there."""

import random
import signal
import sqlite3
import time
from pathlib import Path

from tests.e2e.killing import sigkill, start_worker
from workbench.evidence.blobs import SHA_NAME, hash_file, stored_files
from workbench.evidence.files import check_integrity
from workbench.sample.build import build_demo
from workbench.statement import drafts
from workbench.store.models import Comment, EvidenceItem, Rating
from workbench.store.portfolios import open_portfolio

KILLS = 30


def run_until_killed(folder: Path, first: int, rng: random.Random) -> list[str]:
    """Start the worker, let it save for a random while, SIGKILL it, return its reports."""
    child = start_worker(folder, first)
    reports: list[str] = []
    # Wait for the first save so each kill lands while work is going on.
    reports.append(child.stdout.readline().strip())
    assert reports[0], child.stderr.read()
    time.sleep(rng.uniform(0.0, 0.25))
    out, code = sigkill(child)
    assert code == -signal.SIGKILL  # killed mid-work, not finished
    reports += [line for line in out.splitlines() if line.strip()]
    return reports


def check_everything_reported_is_there(folder: Path, reports: list[str]) -> None:
    with sqlite3.connect(folder / "portfolio.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with open_portfolio(folder, holder="checker") as opened:
        last_text = None
        for line in reports:
            kind, *rest = line.split()
            if kind == "rating":
                skill, step = rest
                notes = [r.note for r in Rating.select().where(Rating.skill == skill)]
                assert any(int(n.split()[-1]) >= int(step) for n in notes if n.startswith("note"))
            elif kind == "comment":
                assert Comment.get_or_none(Comment.uuid == rest[0]) is not None
            elif kind == "text":
                last_text = int(rest[0])
            elif kind == "evidence":
                assert EvidenceItem.get_or_none(EvidenceItem.uuid == rest[0]) is not None
        if last_text is not None:
            saved = int(drafts.working_text(opened.portfolio).split()[-1])
            assert saved >= last_text  # a later save may have landed before the kill
        report = check_integrity(opened)
        # A kill may leave a copy cut short (in the incoming folder) or a stored file whose
        # item was never committed; the check reports both. Never a missing or damaged one.
        assert {p.kind for p in report.problems} <= {"leftover", "unused"}, report.problems
        for path in stored_files(folder):
            if SHA_NAME.match(path.name):
                assert hash_file(path) == path.name, f"{path} is half-written"


def test_sigkill_at_random_moments_loses_nothing_reported(tmp_path):
    folder = tmp_path / "portfolio"
    build_demo(folder).close()
    rng = random.Random(20261129)
    step = 0
    for _ in range(KILLS):
        reports = run_until_killed(folder, step, rng)
        check_everything_reported_is_there(folder, reports)
        step += len(reports) + 1
