"""One date field for the whole program: the user's own date order, a calendar, no surprises.

Dates are shown and typed in the short date format of the user's locale, with
the year always in four digits (``30/06/2027`` in the UK, ``6/30/2027`` in the
US). Any of space, full stop, slash or hyphen separates the parts. A date that
cannot exist (31 February) is refused with a message, and the field keeps the
date it had.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QDateTime, QLocale, QPoint, Qt, QTime, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QValidator
from PySide6.QtWidgets import QDateEdit, QMainWindow, QToolTip, QWidget

PART = re.compile(r"d+|M+|y+")


def display_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with a four-digit year (``dd/MM/yyyy``)."""
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"  # no locale chosen: the unambiguous ISO order
    return re.sub(r"y+", "yyyy", locale.dateFormat(QLocale.FormatType.ShortFormat))


def part_order(fmt: str) -> str:
    """The order of day, month and year in a format: "dMy", "Mdy" or "ydM"."""
    return "".join(token[0] for token in PART.findall(fmt))


def _parts(text: str, fmt: str) -> dict[str, int] | None:
    """Day, month and year typed in ``text`` in the order of ``fmt`` (four-digit year)."""
    parts = re.findall(r"\d+", text)
    order = part_order(fmt)
    if len(parts) != 3 or re.search(r"[^\d\s./\-]", text) or len(parts[order.index("y")]) != 4:
        return None
    return dict(zip(order, (int(p) for p in parts), strict=True))


def parse_date(text: str, fmt: str) -> QDate | None:
    """The date typed in ``text`` (parts in the order of ``fmt``), or None if there is none."""
    values = _parts(text, fmt)
    if values is None:
        return None
    found = QDate(values["y"], values["M"], values["d"])
    return found if found.isValid() else None


class DateEdit(QDateEdit):
    """A QDateEdit in the locale's short format with a calendar pop-up.

    ``refused(message)`` is emitted (and the message shown beside the field) when
    the text typed is not a real date; the field then goes back to its date.
    """

    refused = Signal(str)

    def __init__(self, value: date | QDate | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._format = display_format()
        self.setDisplayFormat(self._format)
        self.setCalendarPopup(True)
        self.setCorrectionMode(QDateEdit.CorrectionMode.CorrectToPreviousValue)
        self.setToolTip(f"Type a date as {self.example()}, or press Alt+Down for a calendar")
        self.last_refusal = ""
        if value is not None:
            self.set_day(value)

    def example(self) -> str:
        return QLocale().toString(QDate(2027, 6, 30), self._format)

    def set_day(self, value: date | QDate) -> None:
        self.setDate(value if isinstance(value, QDate) else QDate(value))

    def show_no_date(self) -> None:
        """Show an empty field (for a form with nothing in it), not Qt's 1 January 2000."""
        self.setSpecialValueText(" ")  # shown instead of the minimum date
        self.setDate(self.minimumDate())

    def day(self) -> date:
        return self.date().toPython()

    # Reading what is typed -----------------------------------------------------------

    def validate(self, text: str, pos: int):  # Qt override
        found = parse_date(text, self._format)
        if found is not None and self.minimumDate() <= found <= self.maximumDate():
            return QValidator.State.Acceptable, text, pos
        if re.fullmatch(r"[\d\s./\-]*", text) and len(text) <= len(self._format) + 4:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:  # noqa: N802 - Qt override
        found = parse_date(text, self._format)
        return QDateTime(found if found is not None else self.date(), QTime(0, 0))

    def textFromDateTime(self, value: QDateTime) -> str:  # noqa: N802 - Qt override
        return QLocale().toString(value.date(), self._format)

    # Keys -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Typing edits the text freely; Up and Down still step the part under the caret."""
        edit = self.lineEdit()
        typed = event.text()
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.check_typed()
        elif event.key() == Qt.Key.Key_Backspace and plain:
            edit.backspace()
            return
        elif event.key() == Qt.Key.Key_Delete and plain:
            edit.del_()
            return
        elif plain and typed and typed.isprintable():
            edit.insert(typed)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.lineEdit().selectAll()  # typing replaces the whole date

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt override
        """Tab leaves the field (arrows move between day, month and year)."""
        return QWidget.focusNextPrevChild(self, forward)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.check_typed()
        super().focusOutEvent(event)

    def check_typed(self) -> bool:
        """Refuse (with a message) a typed text that is no date; True when it is one."""
        text = self.lineEdit().text()
        state = self.validate(text, 0)[0]
        if state == QValidator.State.Acceptable or not text.strip():
            return True
        self.last_refusal = self._refusal(text)
        self.refused.emit(self.last_refusal)
        self._say(self.last_refusal)
        return False

    def _say(self, message: str) -> None:
        """Show the message beside the field (and in the status bar of a main window)."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 10_000)
        if QGuiApplication.platformName() != "offscreen":  # a tooltip needs a real screen
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), message, self)

    def _refusal(self, text: str) -> str:
        found = parse_date(text, self._format)
        impossible = _impossible_day(text, self._format)
        if impossible:
            return impossible
        if found is not None:
            low = QLocale().toString(self.minimumDate(), self._format)
            high = QLocale().toString(self.maximumDate(), self._format)
            return f"{text.strip()} is outside the dates allowed here ({low} to {high})."
        return (
            f"{text.strip()} is not a date. Type the day, month and year as "
            f"{self.example()}; the field keeps {self.textFromDateTime(self.dateTime())}."
        )


def _impossible_day(text: str, fmt: str) -> str:
    """ "There is no day 31 in February 2027." for a day past its month's end, else ""."""
    values = _parts(text, fmt)
    if values is None or not 1 <= values["M"] <= 12 or values["d"] < 1:
        return ""
    first = QDate(values["y"], values["M"], 1)
    if values["d"] <= first.daysInMonth():
        return ""
    month = QLocale().toString(first, "MMMM yyyy")
    return f"There is no day {values['d']} in {month}; the field keeps its date."
