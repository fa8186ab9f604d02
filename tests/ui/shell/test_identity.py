"""Who the user is, in the GUI: a lost identity restored from a portfolio, the
choice of member when the key is lost too, and the notice of a changed key."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from ui.common.dialogs import NameDialog
from ui.shell import identity as identity_ui
from workbench.store import keys
from workbench.store.identity import load_identity
from workbench.store.portfolios import ensure_person
from workbench.store.recovery import portfolio_members, stamp_own_key
from workbench.store.user_data import data_dir, identity_path


@pytest.fixture
def closed_portfolio(me, portfolio):
    """My portfolio, closed, my Person record carrying my key (as after a send)."""
    stamp_own_key(ensure_person(me))
    root = portfolio.root
    portfolio.close()
    return root


@pytest.fixture
def boxes(monkeypatch):
    """Every message box shown (its text), answered with its default or Yes."""
    shown = []

    def answer(box):
        shown.append(box)
        yes = box.button(QMessageBox.StandardButton.Yes)
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    return shown


def _choose(monkeypatch, index: int):
    def pick(dialog):
        dialog.group.button(index).setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(identity_ui.ClaimDialog, "exec", pick)


def test_a_lost_identity_file_does_not_lock_me_out_of_my_portfolio(
    qtbot, window, me, closed_portfolio, boxes
):
    identity_path().unlink()
    assert window.open_portfolio(closed_portfolio)
    assert window.session.actor.uuid == me.uuid
    assert "restored from this portfolio" in window.statusBar().currentMessage()
    assert load_identity() == me
    assert boxes == []  # nothing to ask: the key matched


def test_with_both_files_lost_i_can_say_which_member_i_am(
    qtbot, window, me, closed_portfolio, boxes, monkeypatch
):
    old_key = keys.my_public_key()
    shutil.rmtree(data_dir())
    _choose(monkeypatch, 0)
    assert window.open_portfolio(closed_portfolio)
    assert window.session.actor.uuid == me.uuid
    (warning,) = boxes  # the warning before; no second notice of the same key change
    assert "know you as Casey Mentee (mentee)" in warning.text()
    assert "your mentor will be asked to confirm" in warning.informativeText()
    assert keys.my_fingerprint() in warning.informativeText()
    assert keys.former_public_keys() == [old_key]
    assert keys.pending_key_change() is None


def test_saying_i_am_someone_else_claims_no_place(
    qtbot, window, me, closed_portfolio, boxes, monkeypatch
):
    shutil.rmtree(data_dir())
    _choose(monkeypatch, 1)  # the mentor place is empty: the second choice is "someone else"
    assert not window.open_portfolio(closed_portfolio) or window.session is None
    assert window.session is None
    assert any("You are not a member" in str(text) for text in boxes)
    assert load_identity() is None


def test_the_choice_names_every_member_with_their_role(qtbot, me, portfolio):
    dialog = identity_ui.ClaimDialog(portfolio_members(portfolio.portfolio))
    qtbot.addWidget(dialog)
    texts = [button.text() for button in dialog.group.buttons()]
    assert texts == ["I am Casey Mentee (mentee)", "No, I am someone else"]
    dialog.group.button(1).setChecked(True)
    assert dialog.chosen is None


def test_a_replaced_key_is_announced_once_at_start(qtbot, window, me, boxes):
    old = keys.fingerprint(keys.my_public_key())
    keys.key_path().write_bytes(b"damaged")
    assert window.ensure_identity() == me
    (notice,) = boxes
    assert notice.text().startswith(
        f"Your key changed. Your new fingerprint is\n\n{keys.my_fingerprint()}"
    )
    assert "tell them the new fingerprint by phone" in notice.text()
    assert old in notice.informativeText()
    assert "identity_key.pem.unreadable-" in notice.informativeText()
    window.ensure_identity()
    assert len(boxes) == 1


def test_my_fingerprint_is_in_the_help_menu(qtbot, window, me, boxes):
    (action,) = [a for a in window.menus["help"].actions() if "fingerprint" in a.text()]
    action.trigger()
    assert keys.my_fingerprint() in boxes[0].text()


def test_the_first_run_dialog_lets_me_open_the_portfolio_i_have(
    qtbot, window, me, closed_portfolio, boxes, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    identity_path().unlink()

    def open_instead(dialog: NameDialog):
        dialog.open_existing.click()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(NameDialog, "exec", open_instead)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(closed_portfolio))
    assert window.ensure_identity() is None  # no new identity was made
    assert window.session.actor.uuid == me.uuid
    assert load_identity() == me


def test_an_unreadable_identity_file_is_kept_aside_and_i_am_told(
    qtbot, window, me, closed_portfolio, boxes
):
    identity_path().write_text("{broken", encoding="utf-8")
    assert window.open_portfolio(closed_portfolio)
    assert "cannot be read" in boxes[0] and "identity.json.unreadable-" in boxes[0]
    assert window.session.actor.uuid == me.uuid  # then restored by the key
    (aside,) = data_dir().glob("identity.json.unreadable-*")
    assert aside.read_text(encoding="utf-8") == "{broken"
