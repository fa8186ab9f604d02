"""The sharing menu of the main window, installed when the window is built.

``install(window)`` adds File ▸ "Send to mentor…/Send to mentee…" and
"Open package…", Tools ▸ "Sharing and sync…", "Mentor's home" and "Sign off…",
accepts a ``.wbpack`` dropped on the window, and registers the sync folder's
controller (``ui.sharing.sync``) as the part "sync". The dialogs and the
exchange code behind them are imported when an action is first used, and the
controller is made after the first paint of an opened portfolio (or when asked
for), so a portfolio paints before any of them loads.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from ui.common.drops import FileDropFilter
from ui.shell.first_paint import after_first_paint
from workbench.store.roles import MENTEE, MENTOR


def _actions():
    from ui.sharing import actions  # the exchange code is heavy: imported on first use

    return actions


def _opening():
    from ui.sharing import opening  # the exchange code is heavy: imported on first use

    return opening


def choose_and_open(window):
    """Ask for a package and open it (``ui.sharing.opening``)."""
    return _opening().choose_and_open(window)


def open_package(window, path):
    """Open the package at ``path`` in ``window`` (``ui.sharing.opening``)."""
    return _opening().open_package(window, path)


def accept_package_drops(widget, window) -> FileDropFilter:
    """Let ``widget`` take a dropped .wbpack and open it in ``window``."""
    return FileDropFilter(
        widget, lambda paths: open_package(window, paths[0]), suffixes=[".wbpack"]
    )


def _sync_controller(window):
    from ui.sharing.sync import SyncController  # the exchange code: imported after paint

    controller = SyncController(window)
    controller.follow_session()  # the portfolio opened before it was made
    return controller


def install(window) -> None:
    file_menu = window.menus["file"]
    before = window.menus.get("file-end")
    send_action = _action(
        window,
        "&Send to mentor…",
        lambda: _actions().send(window),
        "Ctrl+Shift+P",
        "Save your latest work as a signed package for the other person",
    )
    open_package_action = _action(
        window,
        "Open &package…",
        lambda: choose_and_open(window),
        "Ctrl+Shift+O",
        "Bring in a package your mentor or mentee sent you",
    )
    separators = [QAction(window), QAction(window)]
    for separator in separators:
        separator.setSeparator(True)
    for action in (separators[0], send_action, open_package_action, separators[1]):
        if before is not None:
            file_menu.insertAction(before, action)
        else:
            file_menu.addAction(action)
    file_menu.aboutToShow.connect(lambda: _update_send_action(window))
    tools = window.menus["tools"]
    sharing_settings_action = _action(
        window,
        "Sharing and s&ync…",
        lambda: _actions().show_settings(window),
        "",
        "Your key fingerprint, the people you exchange with, and the sync folder",
    )
    mentor_home_action = _action(
        window,
        "Mentor's &home",
        lambda: _actions().show_mentor_home(window),
        "Ctrl+Shift+H",
        "Your mentees' portfolios: what is new, open comments, days left",
    )
    signoff_action = _action(
        window,
        "Sign &off…",
        lambda: _actions().show_signoff(window),
        "",
        "Sign the completion statement for the mentee's final version",
    )
    for action in (sharing_settings_action, mentor_home_action, signoff_action):
        tools.addAction(action)
    tools.aboutToShow.connect(lambda: _update_tool_actions(window))
    accept_package_drops(window, window)

    for attr, name in (
        (send_action, "send-action"),
        (open_package_action, "open-package-action"),
        (sharing_settings_action, "sharing-settings-action"),
        (mentor_home_action, "mentor-home-action"),
        (signoff_action, "signoff-action"),
    ):
        window.add_part(name, attr)
    window.add_lazy_part("sync", lambda: _sync_controller(window))
    window.session_changed.connect(lambda session: _start_sync(window, session))


def _start_sync(window, session) -> None:
    """Once a portfolio has painted, make the controller: it follows the session."""
    if session is not None:
        after_first_paint(window, lambda: window.part("sync"))


def _action(window, text, slot, shortcut, tip) -> QAction:
    action = QAction(text, window)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


def _update_send_action(window) -> None:
    session = window.session
    action = window.part("send-action")
    action.setEnabled(session is not None and session.role in (MENTEE, MENTOR))
    other = "mentee" if session is not None and session.is_mentor else "mentor"
    action.setText(f"&Send to {other}…")


def _update_tool_actions(window) -> None:
    session = window.session
    window.part("sharing-settings-action").setEnabled(session is not None)
    window.part("signoff-action").setEnabled(session is not None and session.is_mentor)
