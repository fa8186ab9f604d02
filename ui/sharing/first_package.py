"""The question a mentee's first package asks its mentor: make your copy, after
comparing the key fingerprint by phone."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.common.plain import literal
from workbench.store import keys

TITLE = "A new portfolio"


def new_copy_text(manifest: dict) -> str:
    """What the mentor reads before their copy of the mentee's portfolio is made."""
    sender = manifest["sender_name"]
    return (
        f"{sender} sent you '{manifest['portfolio_title']}'. Make your copy of it on this "
        f"computer?\n\nTheir key fingerprint is\n{keys.fingerprint(manifest['public_key'])}"
        "\n\nCompare it with them by phone (they find theirs under Help ▸ Your key "
        "fingerprint…). If it differs, someone else made this file: answer No."
    )


def new_copy_box(parent: QWidget | None, manifest: dict) -> QMessageBox:
    """The question as ``QMessageBox.question`` shows it (for the screenshots)."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    return QMessageBox(
        QMessageBox.Icon.Question, TITLE, literal(new_copy_text(manifest)), buttons, parent
    )


def next_steps(summary) -> str:
    """After a mentee's first package made the mentor's copy: what to do now ("" otherwise)."""
    if not (summary.created_copy and summary.sender_role == "mentee"):
        return ""
    return (
        f"What next: read {summary.sender_name}'s statement in Statement, select words and "
        "press Comment; give your own view of their skills in the Gap matrix. Then send your "
        f"comments back with File ▸ Send to mentee…"
    )
