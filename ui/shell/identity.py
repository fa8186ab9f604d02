"""Who the user is, in the GUI: getting back a lost identity from a portfolio,
the one-time notice that the user's key changed, and their own fingerprint.

The rules live in ``workbench.store.recovery`` and ``workbench.store.keys``; these
functions only ask and tell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialogs import show_error
from workbench.errors import IdentityUnreadable, WorkbenchError
from workbench.store.handles import Member
from workbench.store.identity import Identity, load_identity, set_aside_unreadable_identity
from workbench.store.portfolios import MENTEE, MENTOR

if TYPE_CHECKING:
    from workbench.store.keys import KeyChange

# The key and the recovery rules (``workbench.store.keys``, ``.recovery``) are imported
# by the functions that use them: a window opening a portfolio loads an identity only.


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names are the users' own text
    label.setWordWrap(True)
    return label


def _listing(members: list[Member]) -> str:
    named = [f"{m.name} ({m.role})" for m in members]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


class ClaimDialog(QDialog):
    """Asks someone with no identity on this computer which member they are."""

    def __init__(self, members: list[Member], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Are you one of them?")
        self.members = members
        question = _plain(f"This portfolio belongs to {_listing(members)}. Are you one of them?")
        font = question.font()
        font.setBold(True)
        question.setFont(font)
        why = _plain(
            "This computer does not know who you are: your identity file was lost or could "
            "not be read. If you are one of them, the workbench will know you as them again."
        )
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(why)
        for index, member in enumerate(members):
            self._choice(layout, f"I am {member.name} ({member.role})", index)
        self._choice(layout, "No, I am someone else", len(members))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Continue")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _choice(self, layout, text: str, index: int) -> None:
        button = QRadioButton(text.replace("&", "&&"))  # "&" in a name is no shortcut
        self.group.addButton(button, index)
        layout.addWidget(button)
        if index == 0:
            button.setChecked(True)

    @property
    def chosen(self) -> Member | None:
        index = self.group.checkedId()
        return self.members[index] if 0 <= index < len(self.members) else None


def load_identity_calmly(window) -> Identity | None:
    """The identity, or None; an unreadable file is kept aside, and the user told."""
    try:
        return load_identity()
    except IdentityUnreadable as exc:
        try:
            aside = set_aside_unreadable_identity()
        except WorkbenchError as error:
            show_error(window, error, "Who you are")
            return None
        if aside is None:  # another window set it right meanwhile
            return load_identity()
        QMessageBox.warning(
            window,
            "Your identity file cannot be read",
            f"{exc} It was kept as {aside.name}. Open your portfolio and the "
            "workbench will help you restore who you are.",
        )
        return None


def _partner_words(members: list[Member], me: Member) -> str:
    others = [m for m in members if m.uuid != me.uuid]
    if others:
        return f"your {others[0].role} {others[0].name}"
    return "your mentor" if me.role == MENTEE else "your mentee"


def confirm_claim(window, members: list[Member], member: Member) -> bool:
    """The clear warning before the user becomes ``member`` on this computer."""
    from workbench.store import keys

    partner = _partner_words(members, member)
    fingerprint = keys.my_fingerprint()
    will = "will" if member.public_key and member.public_key != keys.my_public_key() else "may"
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        f"Become {member.name} on this computer?",
        f"The workbench will know you as {member.name} ({member.role}) on this computer. "
        "Do this only if you are them.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        window,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(
        f"Your key on this computer is new, so {partner} {will} be asked to confirm it the "
        f"next time you send them a package. Tell them your fingerprint by phone:\n\n"
        f"{fingerprint}"
    )
    box.button(QMessageBox.StandardButton.Yes).setText(f"I am {member.name}")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def recover_identity(window, portfolio) -> Identity | None:
    """With no identity here: restore it from the member holding this user's key,
    or ask which member they are. None when they are none of them."""
    from workbench.store import keys
    from workbench.store.recovery import claim_member, portfolio_members, restore_from_key

    try:
        identity = restore_from_key(portfolio)
        if identity is not None:
            window.statusBar().showMessage(
                f"Welcome back, {identity.name}: this computer had lost who you are, and it "
                "was restored from this portfolio, where your key matched.",
                12000,
            )
            return identity
        members = portfolio_members(portfolio)
        if not members:
            return None
        dialog = ClaimDialog(members, window)
        if not dialog.exec() or dialog.chosen is None:
            return None
        if not confirm_claim(window, members, dialog.chosen):
            return None
        identity = claim_member(portfolio, dialog.chosen.uuid)
    except WorkbenchError as exc:
        show_error(window, exc, "Who you are")
        return None
    keys.acknowledge_key_change()  # the warning just told them about the new key
    return identity


# The user's key ---------------------------------------------------------------------


def _partner_role(window) -> str:
    session = getattr(window, "session", None)
    if session is not None and session.role in (MENTEE, MENTOR):
        return "Your mentor" if session.role == MENTEE else "Your mentee"
    return "Your mentor or mentee"


def key_change_box(window, change: KeyChange) -> QMessageBox:
    """The calm notice that this user's key changed."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Your key changed",
        f"Your key changed. Your new fingerprint is\n\n{change.new_fingerprint}\n\n"
        f"{_partner_role(window)} will be asked to confirm it: tell them the new "
        "fingerprint by phone.",
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    details = []
    if change.old_fingerprint:
        details.append(f"Your former fingerprint was\n{change.old_fingerprint}")
    if change.kept_aside:
        details.append(f"The key file that could not be read was kept as\n{change.kept_aside}")
    details.append("Everything you wrote before is still yours.")
    box.setInformativeText("\n\n".join(details))
    return box


def announce_key_change(window) -> None:
    """Tell the user once, if their key had to be made again (at start, on opening a
    portfolio, after sending). Checking the key is what notices a lost key file."""
    from workbench.store import keys

    try:
        if load_identity() is None:
            return
        keys.load_or_create_key()
        change = keys.pending_key_change()
        if change is None:
            return
        key_change_box(window, change).exec()
        keys.acknowledge_key_change()
    except WorkbenchError as exc:
        show_error(window, exc, "Your key")


def fingerprint_box(window) -> QMessageBox:
    """This user's own fingerprint, to read out to their partner."""
    from workbench.store import keys

    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Your key fingerprint",
        f"Your key fingerprint is\n\n{keys.my_fingerprint()}",
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    former = [keys.fingerprint(k) for k in keys.former_public_keys()]
    text = (
        "Your mentor or mentee compares it with the one they see when they open your "
        "first package, or a package after your key changed. Read it to them by phone."
    )
    if former:
        text += "\n\nYour former fingerprints: " + "; ".join(former) + "."
    box.setInformativeText(text)
    return box


def show_my_fingerprint(window) -> None:
    try:
        fingerprint_box(window).exec()
    except WorkbenchError as exc:
        show_error(window, exc, "Your key")
