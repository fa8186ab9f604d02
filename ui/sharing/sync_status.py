"""What the sync folder tells the user in the status bar, never in a dialog.

After each pass that did something, one line (``describe``) says what came in,
what went out and what needs the user. Two notices stay in the status bar
while they hold: a package waiting for the user to confirm a key (with the
button that asks), and the sync folder's own state when it cannot be used
(``FolderNotice``: unavailable, or read-only here). When the folder is usable
again the notice goes and one line says so (``recovered``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from workbench.exchange import sync
from workbench.exchange.sync_files import READ_ONLY_FOLDER, UNAVAILABLE

FOLDER_STATES = {
    UNAVAILABLE: (
        "Sync folder unavailable",
        "The sync folder cannot be found or read: is the drive plugged in, or the sync "
        "service or network share connected? Your work is safe here; syncing carries on "
        "by itself when the folder is back.",
    ),
    READ_ONLY_FOLDER: (
        "Sync folder read-only",
        "The sync folder can be read but not written here: your partner's changes still "
        "arrive; yours wait on this computer and are written when the folder can be "
        "written again.",
    ),
}


class WaitingNotice(QWidget):
    """A line in the status bar: a package waits for the user to confirm a key."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a sender's name is plain text
        self.button = QPushButton("Compare fingerprint…")
        self.button.setAccessibleName("Confirm the key of a package in the sync folder")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.hide()

    def show_waiting(self, waiting: sync.Waiting | None) -> None:
        if waiting is None:
            self.hide()
            return
        self.label.setText(waiting.sentence() + ".")
        self.show()


class FolderNotice(QLabel):
    """A permanent word in the status bar while the sync folder cannot be used."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName("Sync folder state")
        self.state = ""
        self.hide()

    def show_state(self, state: str, folder=None) -> None:
        self.state = state
        if state not in FOLDER_STATES:
            self.hide()
            return
        text, explanation = FOLDER_STATES[state]
        self.setText(text)
        self.setToolTip(f"{folder}\n\n{explanation}" if folder else explanation)
        self.show()


# What each shared table's arrival changes, in the session's names (see ``Session.changed``).
KINDS = {
    "framework": "matrix",
    "area": "matrix",
    "skill": "matrix",
    "snapshot": "matrix",
    "rating": "matrix",
    "mentor_rating": "matrix",
    "area_comment": "matrix",
    "statement_version": "statement",
    "comment": "comments",
    "comment_state": "comments",
    "evidence_item": "evidence",
    "evidence_link": "evidence",
    "cpd_activity": "cpd",
    "cpd_link": "cpd",
    "meeting": "meetings",
    "meeting_action": "meetings",
    "action_state": "meetings",
    "agreement": "meetings",
    "agreement_consent": "meetings",
}


def changed_kinds(result: sync.SyncResult) -> set[str]:
    """What the views must refresh after a pass: only what arrived, so a mentor's rating
    does not redraw a long statement under the mentee's fingers."""
    kinds: set[str] = set()
    for summary in result.imported:
        for table in (*summary.new, *summary.changed):
            kinds.add(KINDS.get(table, "portfolio"))  # people, places, sign-offs: everything
        if summary.blobs_added:
            kinds.add("evidence")
    return kinds


def recovered(state: str) -> str:
    """The line told once when the folder is usable again after ``state``."""
    if state == READ_ONLY_FOLDER:
        return "the sync folder can be written again"
    return "the sync folder is available again"


def describe(result: sync.SyncResult, fresh: list[sync.Waiting] = (), back: str = "") -> str:
    """One status line for a pass: what came in, what went out, what needs the user.

    ``back`` is the state the folder recovered from in this pass, if any.
    """
    parts = [recovered(back)] if back else []
    for summary in result.imported:
        if not summary.nothing_new:
            count = sum(summary.new.values()) + sum(summary.changed.values())
            parts.append(f"{count} new or changed record(s) from {summary.sender_name}")
    if result.written is not None:
        parts.append("your changes were written to the sync folder")
    parts += result.errors
    parts += result.arriving_sentences()
    parts += [w.sentence() for w in result.waiting if w.declined]
    parts += [w.sentence() for w in fresh]
    return status_line(parts)


def status_line(parts: list[str]) -> str:
    """ "Sync: " and the parts, ended by one full stop (none after a question)."""
    if not parts:
        return ""
    line = "Sync: " + "; ".join(part.rstrip(". ") for part in parts)
    return line if line.endswith("?") else line + "."
