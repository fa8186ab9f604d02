"""The main window: first run, the welcome page, the wizard, the sample, remembered layout."""

import re
from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from ui.shell.main_window import MainWindow
from ui.shell.new_portfolio import NewPortfolioWizard
from workbench.evidence.library import evidence_items
from workbench.frameworks.library import builtin_framework
from workbench.matrix import ratings as matrix
from workbench.statement.drafts import working_text
from workbench.store.identity import load_identity
from workbench.store.models import Skill
from workbench.store.portfolios import members


def test_first_run_asks_for_a_name_and_keeps_it(qtbot, window, monkeypatch):
    from ui.common import dialogs

    def type_name(dialog):
        qtbot.keyClicks(dialog.name, "Alex Reader")
        assert dialog.ok.isEnabled()
        dialog.accept()
        return True

    monkeypatch.setattr(dialogs.NameDialog, "exec", type_name)
    identity = window.ensure_identity()
    assert identity.name == "Alex Reader"
    assert load_identity() == identity
    assert "Welcome back, Alex Reader" in window.welcome.greeting.text()


def test_the_sample_opens_with_a_sidebar_and_keyboard_switching(qtbot, window, me, tmp_path):
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    assert window.session is not None
    assert window.pages.currentWidget() is window.workspace
    assert window.sidebar.count() == len(window.view_keys) >= 2
    assert list(window.views) == ["overview"]  # the others are built when first shown
    assert window.who.text() == "Jordan Ellis · mentee"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_key() == "matrix"
    assert window.view_stack.currentWidget() is window.views["matrix"]
    # Acting as the mentor is offered in the sample only.
    mentor_action = next(a for a in window.act_as_menu.actions() if "mentor" in a.text())
    mentor_action.trigger()
    assert window.who.text() == "Ruth Adebayo · mentor"
    assert window.close_portfolio()
    assert window.pages.currentWidget() is window.welcome


def test_the_wizard_creates_a_portfolio_ready_to_rate(qtbot, me, tmp_path):
    wizard = NewPortfolioWizard(me)
    qtbot.addWidget(wizard)
    wizard.route.setCurrentIndex(wizard.route.findData("certification"))
    assert "1000 words" in wizard.route_info.text()
    qtbot.keyClicks(wizard.mentor, "Pat Mentor")
    wizard.folder.setText(str(tmp_path / "new"))
    wizard.frameworks.setCurrentRow(0)
    wizard.accept()
    opened = wizard.created
    try:
        assert opened.portfolio.route == "certification"
        names = [m.name for m in members(opened.portfolio)]
        assert names == ["Casey Mentee", "Pat Mentor"]
        start = matrix.latest_snapshot(opened.portfolio)
        assert start.kind == "start" and start.taken_on == date.today()
        assert Skill.select().count() == 20
    finally:
        opened.close()


def test_opening_a_locked_portfolio_explains_who_has_it(qtbot, window, portfolio, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    assert window.open_portfolio(portfolio.root) is False
    assert "already open by Casey Mentee" in shown[0]
    assert window.session is None


def test_window_layout_is_remembered(qtbot, me):
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.splitter.setSizes([230, 800])
    remembered = first.splitter.sizes()
    first.close()
    assert QSettings().value("window/geometry") is not None
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert second.splitter.sizes() == remembered


def test_a_damaged_portfolio_offers_its_latest_backup(qtbot, window, portfolio, monkeypatch):
    from workbench.store import db

    root = portfolio.root
    db.backup_database(portfolio.folder, "rolling")
    portfolio.close()
    (root / db.DB_NAME).write_bytes(b"scrambled" * 500)
    asked = []

    def yes(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    assert window.open_portfolio(root)
    assert "Restore the latest backup copy" in asked[0]
    assert window.session.portfolio.route == "chartership"
    assert list((root / "backups").glob("replaced-*.sqlite3"))


def test_an_unexpected_error_becomes_a_calm_message(qtbot, monkeypatch, capsys):
    from ui.shell.app import report_unexpected
    from workbench.errors import StorageError

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    try:
        raise KeyError("missing")
    except KeyError as exc:
        report_unexpected(type(exc), exc, exc.__traceback__)
    assert shown[0].startswith("Something went wrong (KeyError")
    assert "What you saved before is safe" in shown[0]
    assert "Traceback" in capsys.readouterr().err  # the details are kept for developers
    error = StorageError("Your change could not be saved: the disk is full.")
    report_unexpected(StorageError, error, None)
    assert shown[1] == "Your change could not be saved: the disk is full."


def test_a_folder_that_is_not_a_portfolio_leaves_the_open_one_open(
    qtbot, window, portfolio, tmp_path, monkeypatch
):
    root = portfolio.root
    portfolio.close()
    assert window.open_portfolio(root)
    opened = window.session
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    empty = tmp_path / "holiday photos"
    empty.mkdir()
    assert window.open_portfolio(empty) is False
    assert "is not a workbench portfolio" in shown[0]
    assert window.session is opened and window.pages.currentWidget() is window.workspace
    assert window.session.portfolio.title == opened.portfolio.title
    assert not (empty / "portfolio.sqlite3").exists()


def test_views_ask_for_each_other_through_the_session(qtbot, window, me, tmp_path):
    sessions = []
    window.session_changed.connect(sessions.append)
    window.open_demo(tmp_path)
    assert sessions == [window.session]
    wanted = evidence_items(window.session.portfolio)[2].uuid
    window.session.go_to("evidence", wanted)
    assert window.current_view_key() == "evidence"
    assert window.views["evidence"].current_uuid() == wanted
    window.session.go_to("nowhere")
    assert window.statusBar().currentMessage() == (
        "That part of the portfolio is not in this version."
    )
    assert window.close_portfolio()
    assert sessions[-1] is None


def test_parts_are_found_by_name(window):
    assert window.part("send-action").text() == "&Send to mentor…"
    assert window.part("sync").session is None
    with pytest.raises(KeyError, match="no part named 'nothing'"):
        window.part("nothing")


def test_the_journal_is_in_the_mentees_sidebar_only(qtbot, window, me, tmp_path):
    window.open_demo(tmp_path)
    assert window.view_keys[-1] == "journal"
    assert window.sidebar.item(window.sidebar.count() - 1).text() == "Journal (private)"
    assert window.close_portfolio()
    window.open_demo(tmp_path / "again")
    statement = window.show_view("statement")
    statement.editor.appendPlainText("Typed just before acting as the mentor.")
    acting_as("mentor", window).trigger()
    # Saved by the mentee who typed it, before the mentor acts.
    assert working_text(window.session.portfolio).endswith("acting as the mentor.")
    assert "journal" not in window.view_keys
    assert window.sidebar.count() == len(window.view_keys) == len(window.menus["view"].actions())
    assert window.current_view_key() == "statement"  # still on the view shown before,
    assert window.views["statement"] is statement  # as it was
    acting_as("mentee", window).trigger()
    assert window.view_keys[-1] == "journal" and window.current_view_key() == "statement"


def acting_as(role: str, window):
    return next(a for a in window.act_as_menu.actions() if f"({role})" in a.text())


def test_a_portfolio_opened_before_the_window_shows_fills_its_overview_after_painting(
    qtbot, me, tmp_path
):
    from workbench.sample.build import build_demo

    build_demo(tmp_path / "sample").close()
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_portfolio(tmp_path / "sample")
    overview = win.views["overview"]
    assert overview.heading.text() == win.session.info.title  # the heading is there at once
    assert overview.state is None  # the checklist waits for the first paint
    assert overview.subtitle.text() == "Reading the portfolio…"
    win.show()
    assert not overview.body.isVisible()  # no empty boxes at the first paint
    qtbot.waitUntil(lambda: overview.state is not None)
    assert overview.body.isVisible()
    assert overview.checklist.count() == len(overview.state.items) > 0
    assert (
        overview.progress.format()
        == f"{overview.state.done_count} of {overview.checklist.count()} done"
    )
    win.close_portfolio()


def test_the_hourly_backup_waits_for_the_first_paint(qtbot, me, tmp_path):
    from workbench.sample.build import build_demo
    from workbench.store.portfolios import backups_of

    build_demo(tmp_path / "sample").close()
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_portfolio(tmp_path / "sample")
    assert backups_of(tmp_path / "sample") == []  # copying the database would delay the paint
    win.show()
    qtbot.waitUntil(lambda: len(backups_of(tmp_path / "sample")) == 1)
    win.close_portfolio()


def test_a_portfolio_closed_before_the_first_paint_leaves_nothing_to_fill(qtbot, me, tmp_path):
    from workbench.sample.build import build_demo

    build_demo(tmp_path / "sample").close()
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_portfolio(tmp_path / "sample")
    overview = win.views["overview"]
    assert win.close_portfolio()
    with qtbot.waitSignal(overview.destroyed):
        pass  # the closed portfolio's views are deleted once events run
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(50)  # the first paint's calls have run, none on the deleted Overview
    assert win.pages.currentWidget() is win.welcome


def test_closing_the_portfolio_undoes_the_collectors_freeze(window, me, tmp_path):
    import gc

    from ui.shell.window_views import freeze_long_lived

    window.open_demo(tmp_path)
    try:
        freeze_long_lived()  # as after the warm-up: the open portfolio's objects set aside
        assert gc.get_freeze_count() > 0
        assert window.close_portfolio()
        assert gc.get_freeze_count() == 0  # what its views held may be collected again
    finally:
        gc.unfreeze()


def test_the_outlines_way_to_the_full_pksb_is_a_real_menu_item(window):
    """The built-in outline's skills say where to load the full PKSB: that menu item."""
    descriptions = [s.description for a in builtin_framework().areas for s in a.skills]
    paths = {m.group(1) for d in descriptions if (m := re.search(r"\((\w+ ▸ [^)]+)\)", d))}
    assert paths == {"File ▸ Import framework…"}
    menu, item = next(iter(paths)).split(" ▸ ")
    assert item in [a.text().replace("&", "") for a in window.menus[menu.lower()].actions()]


def test_acting_as_waits_for_a_save_that_fails(window, tmp_path, monkeypatch):
    window.open_demo(tmp_path)
    me = window.session.actor
    monkeypatch.setattr(window, "save_pending_views", lambda: False)  # it said why itself
    acting_as("mentor", window).trigger()
    assert window.session.actor == me and "journal" in window.view_keys
    assert acting_as("mentee", window).isChecked() and not acting_as("mentor", window).isChecked()
