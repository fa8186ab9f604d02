"""Time the sync folder: a change's way to the partner's window through Syncthing,
and a keystroke while packages are being written and read.

    python bench/sync.py [--rounds 5] [--evidence-mib 4] [--words 5000] [--keys 300]

Latency: two Syncthing daemons on this computer (loopback only, the watcher's
delay one second; see ``tests/e2e/syncthing.py``) join the mentee's sync folder
and the mentor's. A mentee process changes a rating and writes its package
(the app would write it three seconds after the last change; that wait is left
out); the mentor's window, watching its folder, reads it and shows it. The
figure is the time from the change to the mentor's view refreshed with it (it
includes the window's 0.8 s wait after the folder changes). The floor beside
it is Syncthing carrying a plain file of the same size between the same folders.

Keystroke: the mentee types in a ``--words`` statement with 200 comment
highlights as a fast typist does (a key every 0.1 s, a one-second pause after
every 15 keys), first at rest, then while the window keeps syncing: every two
seconds the mentor's package is replaced by another version and our own file
removed, and a pass is asked for, so each pass reads a package and writes ours
(far more often than a partner's changes arrive).
A keystroke's time runs from the moment it was due to the editor having handled
it, so a key held up by a pass counts its wait. Reported: the 99th percentile
of each, and how many passes ran while typing.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="bench-config-"))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.keystroke import comment_many, percentile, statement  # noqa: E402
from bench.report import record  # noqa: E402
from tests.e2e import syncthing  # noqa: E402
from tests.workbench.exchange.support import Two  # noqa: E402
from workbench.evidence.files import add_file  # noqa: E402
from workbench.exchange import sync  # noqa: E402
from workbench.exchange.apply import pack  # noqa: E402
from workbench.exchange.copies import unpack  # noqa: E402
from workbench.matrix.ratings import (  # noqa: E402
    framework_skills,
    latest_snapshot,
    set_mentor_rating,
    set_rating,
)
from workbench.statement import drafts  # noqa: E402
from workbench.store.identity import load_identity  # noqa: E402
from workbench.store.models import Person  # noqa: E402
from workbench.store.portfolios import open_portfolio  # noqa: E402

ROUND_SECONDS = 60
EVERY, BURST, PAUSE = 0.1, 15, 1.0  # a typist: a key every 0.1 s, a pause after 15 keys
CHURN_S = 2.0  # how often the folder changes and a pass is asked for while typing


class Env:
    """Stands in for pytest's monkeypatch: ``Two`` switches data folders through it."""

    def setenv(self, key: str, value: str) -> None:
        os.environ[key] = value


def build(work: Path, args) -> Two:
    """A mentee's portfolio with a long statement and evidence; the mentor's copy, commented."""
    two = Two(work, Env())
    two.start_mentee_portfolio(ratings=12)
    evidence = work / "evidence.bin"
    evidence.write_bytes(random.Random(1).randbytes(args.evidence_mib * 2**20))
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        add_file(opened, me, evidence)
        drafts.save_working_copy(opened.portfolio, me, statement(args.words, random.Random(2)))
        drafts.send_for_review(opened.portfolio, me, "bench")
        first = pack(opened, me, work / "first.wbpack").path
    unpack(first, two.as_mentor(), two.mentor_root)
    with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
        version = drafts.latest_version(opened.portfolio)
        comment_many(opened, mentor, version, 200, random.Random(4))
    return two


# Latency through Syncthing ---------------------------------------------------------------


def mentee_worker(root: str, folder: str) -> int:
    """Run as a child: on each line "go", change a rating and write our package at once."""
    me = load_identity()
    with open_portfolio(Path(root), holder=me.name) as opened:
        person = Person.get_by_id(me.uuid)
        sync.set_sync_folder(Path(folder))
        skill = framework_skills(opened.portfolio)[0]
        value = 0
        for line in sys.stdin:
            if line.strip() != "go":
                break
            value = (value + 1) % 5
            began = time.monotonic()  # one clock for both processes (CLOCK_MONOTONIC)
            set_rating(latest_snapshot(opened.portfolio), skill, person, current=value, target=4)
            written = sync.write_own(opened, person)
            print(began, time.monotonic(), written.stat().st_size, flush=True)
    return 0


def wait_for_news(app, controller, seconds: float) -> float:
    """Spin the event loop until a pass brings news; the time it ended."""
    arrived: list[float] = []

    def ended(result) -> None:
        if result is not None and result.brought_news:
            arrived.append(time.monotonic())

    controller.pass_finished.connect(ended)
    deadline = time.monotonic() + seconds
    try:
        while not arrived:
            if time.monotonic() > deadline:
                raise TimeoutError("the mentor's window did not show the change in time")
            app.processEvents()
            time.sleep(0.002)
    finally:
        controller.pass_finished.disconnect(ended)
    return arrived[0]


def floor_round(engines, size: int, rng: random.Random) -> float:
    """Syncthing carrying a plain file of ``size`` bytes, written as the app writes."""
    data = rng.randbytes(size)
    target = engines.b.folder / "plain.bin"
    temp = engines.a.folder / ".plain.bin.tmp"
    temp.write_bytes(data)
    began = time.monotonic()
    os.replace(temp, engines.a.folder / "plain.bin")
    want = syncthing.sha256(engines.a.folder / "plain.bin")

    def there() -> bool:
        try:
            return target.stat().st_size == size and syncthing.sha256(target) == want
        except OSError:
            return False

    syncthing.wait_for(there, ROUND_SECONDS, "the plain file carried", step=0.002)
    return time.monotonic() - began


def bench_latency(app, window, two: Two, work: Path, args) -> None:
    mentee_folder, mentor_folder = work / "mentee-sync", work / "mentor-sync"
    with syncthing.pair(work / "engines", mentee_folder, mentor_folder) as engines:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        two.as_mentee()
        env["XDG_DATA_HOME"] = os.environ["XDG_DATA_HOME"]
        worker = subprocess.Popen(
            [sys.executable, __file__, "--mentee-worker", str(two.mentee_root), str(mentee_folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            two.as_mentor()
            assert window.open_portfolio(two.mentor_root)
            controller = window.part("sync")
            controller.follow_session()
            sync.set_sync_folder(mentor_folder)
            controller.folder_changed()
            times, sizes = [], []
            for _ in range(args.rounds):
                worker.stdin.write("go\n")
                worker.stdin.flush()
                began, _written, size = worker.stdout.readline().split()
                shown = wait_for_news(app, controller, ROUND_SECONDS)
                times.append(shown - float(began))
                sizes.append(int(size))
            worker.stdin.write("quit\n")
            worker.stdin.flush()
            worker.wait(timeout=30)
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
            controller.stop(wait=True)
            window.close_portfolio()
        rng = random.Random(9)
        floors = [floor_round(engines, sizes[-1], rng) for _ in range(args.rounds)]
    median, floor = sorted(times)[len(times) // 2], sorted(floors)[len(floors) // 2]
    mib = sizes[-1] / 2**20
    print(f"A mentee's change shown in the mentor's window through Syncthing ({mib:.1f} MiB):")
    print(f"  median {median:.2f} s over {len(times)} rounds (each: {fmt_all(times)})")
    print(f"  floor (Syncthing carrying a plain file of the same size): median {floor:.2f} s")
    record(
        f"mentee's change to mentor's window via Syncthing ({mib:.1f} MiB package)",
        median,
        "s",
        floor="Syncthing carrying a plain file",
        floor_value=floor,
        target="within 2 s of the floor",
        met=median < floor + 2,
    )


def fmt_all(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


# A keystroke while syncing ----------------------------------------------------------------


def typed(app, editor, keys: int, rng: random.Random) -> list[float]:
    """Type ``keys`` keys at a typist's pace; each one's time from when it was due."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    length = len(editor.toPlainText())
    times = []
    due = time.monotonic()
    for n in range(keys):
        due += PAUSE if n and n % BURST == 0 else EVERY
        while time.monotonic() < due:
            app.processEvents()  # timers fire and passes run here, as in the event loop
            time.sleep(0.001)
        cursor = editor.textCursor()
        cursor.setPosition(rng.randrange(0, length))
        editor.setTextCursor(cursor)
        QTest.keyClick(editor, Qt.Key.Key_A)
        app.processEvents()
        times.append(time.monotonic() - due)
        length += 1
    return times


class Churn(threading.Thread):
    """Keeps the folder changing: each time a newer mentor's package, and our own file goes."""

    def __init__(self, folder: Path, versions: list[bytes], name: str, own: Path):
        super().__init__(daemon=True)
        self.folder, self.versions, self.name, self.own = folder, versions, name, own
        self.stop = threading.Event()

    def run(self) -> None:
        turn = 0
        while not self.stop.wait(CHURN_S):
            turn += 1
            temp = self.folder / f".{self.name}.tmp"
            temp.write_bytes(self.versions[min(turn, len(self.versions) - 1)])
            os.replace(temp, self.folder / self.name)
            self.own.unlink(missing_ok=True)


def mentor_versions(two: Two, folder: Path, count: int) -> tuple[str, list[bytes]]:
    """The mentor's package as it changes, each a rating newer than the one before; the
    first (with the mentor's comments) is already in the mentee's portfolio."""
    versions = []
    with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
        sync.set_sync_folder(folder)
        target = sync.own_file(folder, opened.portfolio, mentor)
        skill = framework_skills(opened.portfolio)[1]
        for turn in range(count):
            note = f"Seen at meeting {turn}."
            set_mentor_rating(latest_snapshot(opened.portfolio), skill, mentor, turn % 5, note)
            versions.append(pack(opened, mentor, target).path.read_bytes())
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        sync.sync_now(opened, me)  # takes the first in, writes ours
        sync.set_sync_folder(None)
    return target.name, versions


def bench_keystroke(app, window, two: Two, work: Path, args) -> None:
    folder = work / "plain-sync"
    folder.mkdir()
    name, versions = mentor_versions(two, folder, int(args.keys * EVERY * 1.5 / CHURN_S) + 2)
    two.as_mentee()
    assert window.open_portfolio(two.mentee_root)
    controller = window.part("sync")
    controller.follow_session()
    controller.stop(wait=True)
    sync.set_sync_folder(None)  # at rest: nothing synced (the latency run set a folder)
    controller.folder_changed()
    view = window.show_view("statement")
    editor = view.editor
    editor.setFocus()
    typed(app, editor, BURST, random.Random(1))  # the view settles; not measured
    rest = typed(app, editor, args.keys, random.Random(3))
    session = window.session
    own = sync.own_file(folder, session.portfolio, session.actor)
    (folder / name).write_bytes(versions[0])
    sync.set_sync_folder(folder)
    passes: list[object] = []
    controller.pass_finished.connect(passes.append)
    controller.folder_changed()
    churn = Churn(folder, versions, name, own)
    churn.start()
    from PySide6.QtCore import QTimer

    asking = QTimer()
    asking.timeout.connect(controller.sync_now)
    asking.start(int(CHURN_S * 1000))
    try:
        busy = typed(app, editor, args.keys, random.Random(5))
    finally:
        asking.stop()
        churn.stop.set()
        churn.join()
        controller.stop(wait=True)
    ran = sum(1 for p in passes if p is not None)
    view.autosave.stop()
    view.dirty = False
    window.close_portfolio()
    calm, syncing = percentile(rest, 0.99) * 1000, percentile(busy, 0.99) * 1000
    print(f"Keystroke in a {args.words}-word statement, 99th percentile:")
    print(f"  while syncing ({ran} passes ran during {len(busy)} keys): {syncing:.2f} ms")
    print(f"  at rest: {calm:.2f} ms")
    record(
        f"keystroke p99 while syncing ({ran} passes during {len(busy)} keys)",
        syncing,
        "ms",
        floor="keystroke p99 at rest",
        floor_value=calm,
        target="p99 under 16 ms",
        met=syncing < 16,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--evidence-mib", type=int, default=4)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--mentee-worker", nargs=2, metavar=("ROOT", "FOLDER"))
    args = parser.parse_args()
    if args.mentee_worker:
        return mentee_worker(*args.mentee_worker)
    from PySide6.QtWidgets import QApplication

    from ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
        work = Path(folder)
        two = build(work, args)
        window = MainWindow()
        window.resize(1300, 850)
        window.show()
        if syncthing.available():
            bench_latency(app, window, two, work, args)
        else:
            print("syncthing is not installed: the latency through Syncthing is not measured")
        bench_keystroke(app, window, two, work, args)
        window.close()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
