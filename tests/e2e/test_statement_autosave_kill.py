"""Text typed in the Statement view survives the program being killed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from workbench.statement import drafts
from workbench.store.portfolios import open_portfolio

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import sys, time
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
app = QApplication([])
from ui.common.session import Session
from ui.statement.view import StatementView
from workbench.sample.build import build_demo
from workbench.store.portfolios import MENTEE, person_with_role
opened = build_demo(sys.argv[1])
view = StatementView(Session(opened, person_with_role(opened.portfolio, MENTEE)))
view.show()
view.editor.setFocus()
QTest.keyClicks(view.editor, "Typed just before the crash. ")
print("typed", flush=True)
end = time.monotonic() + 60
while time.monotonic() < end:  # stay alive, as a busy program would, until killed
    app.processEvents()
    time.sleep(0.02)
"""


def test_typed_text_is_in_the_database_after_a_kill(tmp_path):
    folder = tmp_path / "demo"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "typed"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # the autosave interval is one second
            time.sleep(0.5)
            if _saved_text(folder).startswith("Typed just before the crash."):
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    with open_portfolio(folder) as opened:
        assert drafts.working_text(opened.portfolio).startswith(
            "Typed just before the crash. # Reflective statement"
        )


def _saved_text(folder: Path) -> str:
    """Read the draft with sqlite3 while the other process holds the portfolio."""
    try:
        with sqlite3.connect(f"file:{folder / 'portfolio.sqlite3'}?mode=ro", uri=True) as con:
            row = con.execute("select text from working_copy").fetchone()
    except sqlite3.Error:
        return ""
    return row[0] if row else ""
