"""Opening a portfolio paints its first view before the heavy parts load.

A fresh Python process opens the sample portfolio in the real main window and
lists the modules loaded at the window's first paint (or once the views' modules
have loaded ahead of a first visit, after it). Word, the submission,
PDF, charts, spelling, signing and the exchange code load only when first used
(see the README's benchmark notes); nothing here measures a time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from ui.shell.views import VIEWS
from workbench.sample.build import build_demo
from workbench.store.identity import create_identity

ROOT = Path(__file__).resolve().parents[3]

# Loaded by the first paint's child when EAGER names a module: the check must see it.
CHILD = textwrap.dedent(
    """
    import importlib, json, os, sys

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.shell.app import create_application
    from ui.shell.main_window import MainWindow

    if os.environ.get("EAGER"):
        module, _, name = os.environ["EAGER"].partition(":")
        getattr(importlib.import_module(module), name) if name else importlib.import_module(module)
    app = create_application()
    window = MainWindow()
    window.open_portfolio(sys.argv[1])

    def made_so_far():  # the modules, and the Qt widget classes made so far (with their enums)
        from PySide6 import QtWidgets

        made = [f"PySide6.QtWidgets:{name}" for name in vars(QtWidgets) if name.startswith("Q")]
        return sorted(sys.modules) + made

    class FirstPaint(QObject):
        modules = None

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and self.modules is None:
                self.modules = made_so_far()
                if os.environ.get("WARM"):  # wait for the views' modules instead
                    self.modules = None
                    wait_for_views()
                else:
                    QTimer.singleShot(0, app.quit)
            return False

    def wait_for_views():
        import gc

        loaded = all(e.module in sys.modules for e in window.view_types.values())
        if loaded and gc.get_freeze_count():  # then what start-up made is left alone
            painted.modules = made_so_far()
            app.quit()
        else:
            QTimer.singleShot(20, wait_for_views)

    painted = FirstPaint()
    window.installEventFilter(painted)
    window.show()
    QTimer.singleShot(60_000, app.quit)  # never hang the suite
    app.exec()
    print(json.dumps(painted.modules))
    """
)

# Whole packages that must not be loaded at all at the first paint.
DEFERRED_PACKAGES = (
    "docx",
    "lxml",
    "PySide6.QtCharts",
    "pypdf",
    "pypdfium2",
    "hunspell",
    "cryptography",
    "workbench.word",
    "workbench.submission",
    "workbench.sample",
    "ui.submission.dialog",
)
# Single modules: the exchange code, the sharing dialogs and the sync controller.
DEFERRED_MODULES = (
    "workbench.exchange.pack",
    "workbench.exchange.reader",
    "workbench.exchange.apply",
    "workbench.exchange.sync",
    "ui.sharing.actions",
    "ui.sharing.opening",
    "ui.sharing.sync",
    "ui.journey.mentor_home",
    "ui.shell.screenshots",
    "ui.statement.view",
    "ui.statement.spelling",
    "ui.word.export",
    "ui.word.review",
    # The Overview's checklist reads every part of the portfolio: it fills in after
    # the first paint. Pages and dialogs not on screen, and migrations, load when used.
    "workbench.journey.readiness",
    "workbench.journey.overview",
    "ui.shell.welcome",
    "ui.shell.new_portfolio",
    "ui.evidence.check",
    "playhouse.migrate",
    # Loading an identity needs neither the key nor the recovery rules; opening a
    # portfolio reads no route; the job runner and the keyboard rules wait for use.
    "workbench.store.keys",
    "workbench.store.recovery",
    "workbench.frameworks.routes",
    "ui.common.jobs",
    "ui.common.keyboard",
    # Standard modules: plain.escape does without html; the hourly backup (which
    # parses its file names' times) is made after the paint.
    "html",
    "html.entities",
    "_strptime",
    # Qt classes: QStyle's enums alone take ~14 ms to make; the sidebar's icons are our
    # own and the Overview asks the style for its marks once it fills in.
    "PySide6.QtWidgets:QStyle",
)


def loaded_too_early(modules: list[str]) -> list[str]:
    early = [m for m in modules if m in DEFERRED_MODULES]
    for package in DEFERRED_PACKAGES:
        early += [m for m in modules if m == package or m.startswith(package + ".")]
    return sorted(set(early))


def modules_at_first_paint(tmp_path: Path, eager: str = "", warm: bool = False) -> list[str]:
    """The modules loaded at the first paint; ``warm``: once the views' modules are."""
    create_identity("Startup Check")  # so the window asks no name
    build_demo(tmp_path / "sample").close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "EAGER": eager}
    env["WARM"] = "1" if warm else ""
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "sample")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_first_paint_loads_none_of_the_heavy_parts(tmp_path):
    modules = modules_at_first_paint(tmp_path)
    assert "ui.journey.overview" in modules  # the first view did paint
    assert loaded_too_early(modules) == []


def test_the_check_sees_a_module_imported_eagerly(tmp_path):
    modules = modules_at_first_paint(tmp_path, eager="workbench.word.export")
    assert "workbench.word.export" in loaded_too_early(modules)
    assert "docx" in loaded_too_early(modules)


def test_the_check_sees_a_qt_class_made_early(tmp_path):
    modules = modules_at_first_paint(tmp_path, eager="PySide6.QtWidgets:QStyle")
    assert loaded_too_early(modules) == ["PySide6.QtWidgets:QStyle"]


# What no view's module brings with it: each loads when first used.
ON_FIRST_USE = ("docx", "lxml", "PySide6.QtCharts", "pypdf", "hunspell", "workbench.word")


def test_the_views_modules_load_once_the_window_has_painted(tmp_path):
    """Ahead of a first visit, once painted and idle (the first paint loaded none)."""
    modules = modules_at_first_paint(tmp_path, warm=True)
    assert {entry.module for entry in VIEWS} <= set(modules)
    heavy = [m for m in modules for p in ON_FIRST_USE if m == p or m.startswith(p + ".")]
    assert heavy == []
