"""Dates typed and shown in the user's own order, with a calendar, impossible dates refused."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDateEdit

from ui.common.dates import DateEdit, display_format, parse_date
from ui.evidence.detail import EvidenceDetail
from ui.journey.cpd_dialog import ActivityDialog
from ui.journey.mentoring_dialogs import ActionDialog, MeetingDialog
from ui.shell.new_portfolio import NewPortfolioWizard

UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
GERMANY = QLocale(QLocale.Language.German, QLocale.Country.Germany)


@pytest.fixture
def in_locale():
    """Run the test in a chosen locale; the default comes back afterwards."""
    before = QLocale()
    yield QLocale.setDefault
    QLocale.setDefault(before)


def focused(qtbot, widget):
    with qtbot.waitActive(widget.window()):
        widget.window().show()
        widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    return widget


def test_the_format_follows_the_locale_with_a_four_digit_year():
    assert display_format(UK) == "dd/MM/yyyy"
    assert display_format(US) == "M/d/yyyy"
    assert display_format(GERMANY) == "dd.MM.yyyy"
    assert display_format(QLocale.c()) == "yyyy-MM-dd"


def test_parsing_takes_any_separator_and_refuses_what_is_no_date():
    assert parse_date("30 6 2027", "dd/MM/yyyy") == QDate(2027, 6, 30)
    assert parse_date("6-30-2027", "M/d/yyyy") == QDate(2027, 6, 30)
    assert parse_date("31/02/2027", "dd/MM/yyyy") is None
    assert parse_date("30 6 202", "dd/MM/yyyy") is None  # no year 6202 by accident
    assert parse_date("30 June 2027", "dd/MM/yyyy") is None


def test_the_wizard_shows_and_takes_dates_in_the_users_order(qtbot, me, in_locale):
    in_locale(UK)
    wizard = NewPortfolioWizard(me)
    qtbot.addWidget(wizard)
    wizard.start.setDate(QDate(2026, 12, 1))
    assert wizard.start.lineEdit().text() == "01/12/2026"
    assert wizard.target.calendarPopup()
    field = focused(qtbot, wizard.target)
    qtbot.keyClicks(field, "30 6 2027")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert wizard.target.date() == QDate(2027, 6, 30)
    assert wizard.target.lineEdit().text() == "30/06/2027"


def test_an_american_user_types_month_first(qtbot, in_locale):
    in_locale(US)
    field = DateEdit(date(2026, 12, 1))
    qtbot.addWidget(field)
    assert field.lineEdit().text() == "12/1/2026"
    focused(qtbot, field)
    qtbot.keyClicks(field, "6/30/2027")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.day() == date(2027, 6, 30)


def test_an_impossible_date_is_refused_with_a_message(qtbot, in_locale):
    in_locale(UK)
    field = DateEdit(date(2026, 12, 1))
    qtbot.addWidget(field)
    focused(qtbot, field)
    with qtbot.waitSignal(field.refused) as said:
        qtbot.keyClicks(field, "31/02/2027")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert said.args[0] == "There is no day 31 in February 2027; the field keeps its date."
    assert field.day() == date(2026, 12, 1)
    assert field.lineEdit().text() == "01/12/2026"


def test_a_year_too_short_is_refused_not_guessed(qtbot, in_locale):
    in_locale(UK)
    field = DateEdit(date(2026, 12, 1))
    qtbot.addWidget(field)
    focused(qtbot, field)
    with qtbot.waitSignal(field.refused) as said:
        qtbot.keyClicks(field, "30 6 202")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "is not a date" in said.args[0] and "30/06/2027" in said.args[0]
    assert field.day() == date(2026, 12, 1)


def test_up_and_down_still_step_the_day(qtbot, in_locale):
    in_locale(UK)
    field = DateEdit(date(2026, 12, 1))
    qtbot.addWidget(field)
    focused(qtbot, field)
    field.lineEdit().setCursorPosition(0)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.day() == date(2026, 12, 2)


def test_every_date_field_is_the_one_helper(qtbot, me, in_locale):
    in_locale(GERMANY)
    people = {"a": "Casey Mentee"}
    widgets = [
        NewPortfolioWizard(me),
        MeetingDialog(),
        ActionDialog(people, "a"),
        ActivityDialog([], []),
        EvidenceDetail(),
    ]
    for widget in widgets:
        qtbot.addWidget(widget)
        fields = widget.findChildren(QDateEdit)
        assert fields, type(widget).__name__
        for field in fields:
            assert isinstance(field, DateEdit), type(widget).__name__
            assert field.calendarPopup()
            assert field.displayFormat() == "dd.MM.yyyy"
