"""Every dialog with the keyboard: Enter presses its main action, Tab reaches every field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from tests.ui.common.test_keyboard import activate
from tests.ui.word.test_dialogs import reviewed_copy
from ui.common.dialogs import NameDialog
from ui.evidence.dialogs import WebLinkDialog
from ui.journey.cpd_dialog import ActivityDialog
from ui.journey.mentor_home import MentorHomeDialog
from ui.journey.mentoring_dialogs import ActionDialog, AgreementDialog, MeetingDialog
from ui.matrix.dialogs import NewSnapshotDialog
from ui.sharing.actions import SendDialog
from ui.sharing.settings import SharingDialog
from ui.sharing.signoff import SignOffDialog
from ui.shell.identity import ClaimDialog
from ui.shell.new_portfolio import NewPortfolioWizard
from ui.word.export import ExportDialog
from ui.word.review import ImportPreviewDialog
from workbench.store.recovery import portfolio_members
from workbench.word.reading import read_docx

INPUTS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QPlainTextEdit,
    QAbstractSpinBox,
)


def ok_of(dialog):
    box = dialog.findChild(QDialogButtonBox)
    for standard in ("Ok", "Save"):
        button = box.button(getattr(QDialogButtonBox.StandardButton, standard))
        if button is not None:
            return button
    return None


DIALOGS = {
    "export": (lambda s, w: ExportDialog(s, "submission", w), lambda d: d.export_button),
    "review export": (lambda s, w: ExportDialog(s, "review", w), lambda d: d.export_button),
    "send package": (lambda s, w: SendDialog(s, w), ok_of),
    "sharing": (
        lambda s, w: SharingDialog(s, None, w),
        lambda d: d.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close),
    ),
    "mentor home": (lambda s, w: MentorHomeDialog(w), lambda d: d.open_button),
    "sign off": (lambda s, w: SignOffDialog(s, w), lambda d: d.sign_button),
    "new snapshot": (lambda s, w: NewSnapshotDialog(w), ok_of),
    "meeting": (lambda s, w: MeetingDialog(parent=w), ok_of),
    "action": (lambda s, w: ActionDialog({"a": "Jordan Ellis"}, "a", parent=w), ok_of),
    "agreement": (lambda s, w: AgreementDialog("We meet monthly.", w), ok_of),
    "activity": (lambda s, w: ActivityDialog([], [], parent=w), ok_of),
    "web link": (lambda s, w: WebLinkDialog(w), ok_of),
    "name": (lambda s, w: NameDialog(w), lambda d: d.ok),
    "claim": (lambda s, w: ClaimDialog(portfolio_members(s.portfolio), w), ok_of),
}


@pytest.fixture
def host(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def tab_stops(qtbot, dialog) -> list:
    """The widgets Tab visits, once round, pressing Tab where the keyboard is."""
    seen: list = []
    for _ in range(60):
        widget = QApplication.focusWidget()
        if widget in seen:
            break
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return seen


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_enter_presses_the_main_action_and_tab_reaches_every_field(qtbot, session, host, name):
    build, main_of = DIALOGS[name]
    dialog = build(session, host)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    main = main_of(dialog)
    defaults = [b for b in dialog.findChildren(QPushButton) if b.isDefault()]
    assert defaults == [main], name
    for button in dialog.findChildren(QPushButton):
        if button is not main and not isinstance(button.parent(), QDialogButtonBox):
            assert not button.autoDefault(), f"{name}: {button.text()} would take Enter"
    stops = tab_stops(qtbot, dialog)
    inputs = [
        w
        for w in dialog.findChildren(QWidget)
        if isinstance(w, INPUTS)
        and w.isVisibleTo(dialog)
        and w.isEnabled()
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    inputs = [w for w in inputs if not isinstance(w.parent(), QAbstractSpinBox | QComboBox)]
    radios = [w for w in inputs if isinstance(w, QRadioButton)]  # arrows move in a group
    assert not radios or any(w in stops for w in radios), name
    inputs = [w for w in inputs if w not in radios]
    missing = [w.accessibleName() or type(w).__name__ for w in inputs if w not in stops]
    assert not missing, f"{name}: Tab never reaches {missing}"


def test_the_wizard_pages_keep_enter_for_next(qtbot, me, host):
    wizard = NewPortfolioWizard(me, host)
    qtbot.addWidget(wizard)
    activate(qtbot, wizard)
    for button in wizard.findChildren(QPushButton):
        if "…" in button.text():
            assert not button.autoDefault(), button.text()


def test_tab_leaves_the_word_import_table(qtbot, session, host, tmp_path):
    reviewed = reviewed_copy(qtbot, session, tmp_path)
    dialog = ImportPreviewDialog(session, reviewed, read_docx(reviewed), host)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    assert dialog.import_button.isDefault()
    stops = tab_stops(qtbot, dialog)
    assert dialog.table in stops and dialog.import_button in stops
