"""Starting the GUI: the application object, first-run identity, the main window."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.common.plain import literal
from ui.shell.app_identity import name_the_application
from ui.shell.first_paint import report_first_paint
from ui.shell.main_window import MainWindow
from ui.shell.open_file import FileOpenEvents, open_given_file
from workbench import APP_NAME, APP_SLUG, __version__
from workbench.errors import WorkbenchError


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="workbench", description=f"{APP_NAME}")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        help="a package (.wbpack) or a reviewed Word file (.docx) to open",
    )
    parser.add_argument(
        "--demo",
        nargs="?",
        const="chartership",
        choices=("chartership", "revalidation"),
        help="open a sample portfolio (Chartership unless named)",
    )
    parser.add_argument("--portfolio", type=Path, help="open this portfolio folder")
    parser.add_argument(
        "--screenshots",
        type=Path,
        metavar="DIR",
        help="save a PNG of each main view and quit (with FILE: of opening it, answering yes)",
    )
    # the benchmark's: print when the window first painted, and quit (bench/bundle.py)
    parser.add_argument("--first-paint", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def has_display() -> bool:
    """On Linux, Qt needs a display server unless an offscreen platform is chosen."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    QCoreApplication.setOrganizationName(APP_SLUG)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    name_the_application(app)
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


def exit_unattended(kind, error, trace) -> None:
    """sys.excepthook when saving screenshots: the details, then stop (status 70)."""
    traceback.print_exception(kind, error, trace)
    os._exit(70)


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
    # No traceback reaches a user; unattended, nobody would answer a dialog.
    sys.excepthook = exit_unattended if args.screenshots else report_unexpected

    if args.screenshots:
        # the screenshot tours reach into every view: imported only to take them
        from ui.shell.screenshots import save_screenshots
        from ui.shell.screenshots_opening import screenshot_opening
    if args.screenshots and args.file:
        window = MainWindow()
        if args.portfolio:
            window.open_portfolio(args.portfolio)
        return screenshot_opening(window, args.file, args.screenshots)
    if args.screenshots:
        return save_screenshots(args.screenshots)
    window = MainWindow()
    if sys.platform == "darwin":  # only macOS hands files over so; elsewhere the
        app.installEventFilter(FileOpenEvents(window))  # filter would see every event
    if args.first_paint:
        report_first_paint(window)
    try:
        if args.demo:
            window.open_demo(Path(tempfile.mkdtemp(prefix="workbench-demo-")), args.demo)
        elif args.portfolio:
            window.open_portfolio(args.portfolio)
    except WorkbenchError as exc:
        QMessageBox.warning(window, APP_NAME, literal(str(exc)))
    window.show()
    if args.file:  # once the window is up: opening may ask questions over it
        QTimer.singleShot(0, lambda: open_given_file(window, args.file))
    else:
        window.ensure_identity()
    return app.exec()
