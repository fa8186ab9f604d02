"""Starting the GUI: the application object, first-run identity, the main window."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.common.plain import literal
from ui.shell.main_window import MainWindow
from ui.shell.screenshots import save_screenshots
from workbench import APP_NAME, APP_SLUG
from workbench.errors import WorkbenchError

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="workbench", description=f"{APP_NAME}")
    parser.add_argument(
        "--demo",
        nargs="?",
        const="chartership",
        choices=("chartership", "revalidation"),
        help="open a sample portfolio (Chartership unless named)",
    )
    parser.add_argument("--portfolio", type=Path, help="open this portfolio folder")
    parser.add_argument(
        "--screenshots", type=Path, metavar="DIR", help="save a PNG of each main view and quit"
    )
    return parser.parse_args(argv)


def has_display() -> bool:
    """On Linux, Qt needs a display server unless an offscreen platform is chosen."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    QCoreApplication.setOrganizationName(APP_SLUG)
    QCoreApplication.setApplicationName(APP_NAME)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QGuiApplication.setDesktopFileName(APP_SLUG)
    icon = RESOURCES / "icons" / "workbench.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def report_unexpected(kind, error, trace) -> None:
    """sys.excepthook for the GUI: the details go to stderr, the user gets a calm message."""
    traceback.print_exception(kind, error, trace)
    if QApplication.instance() is None:
        return
    if isinstance(error, WorkbenchError):
        text = str(error)
    else:
        text = (
            f"Something went wrong ({kind.__name__}: {error}). What you saved before is safe; "
            "if this happens again, close and reopen the portfolio."
        )
    QMessageBox.warning(QApplication.activeWindow(), APP_NAME, literal(text))


def run_gui(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.screenshots and not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # screenshots need no screen
    if not has_display():
        print(
            "No display found: run this on a desktop, or save screenshots of "
            "the sample portfolio with: make run ARGS='--demo --screenshots shots'.",
            file=sys.stderr,
        )
        return 1
    from ui.shell.xcb_check import xcb_problem

    problem = xcb_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    app = create_application()
    sys.excepthook = report_unexpected  # no traceback reaches a user

    if args.screenshots:
        return save_screenshots(args.screenshots)
    window = MainWindow()
    try:
        if args.demo:
            window.open_demo(Path(tempfile.mkdtemp(prefix="workbench-demo-")), args.demo)
        elif args.portfolio:
            window.open_portfolio(args.portfolio)
    except WorkbenchError as exc:
        QMessageBox.warning(window, APP_NAME, literal(str(exc)))
    window.show()
    window.ensure_identity()
    return app.exec()
