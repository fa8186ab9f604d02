"""The Journal view: the mentee's private, dated reflective notes.

Marked "Private — never shared" at the top and on every entry: nothing here
goes into a package, the sync folder or a Word file. Select words of an entry
and press *Quote into statement* to use them in the statement; that is the
only way anything leaves the journal. The text saves itself after a pause in
typing, on leaving the field, on choosing another entry and on closing. A
mentor's copy has no journal; the view says so.

It is a view of its own in the sidebar (not a tab of the Statement) because a
candidate looks for it as a place to write in, as they would a notebook, and
keeping it apart from the statement and the comments keeps it out of what
the mentor reads.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.common.dates import DateEdit
from ui.common.dialogs import show_error
from ui.common.keyboard import FieldText
from ui.common.plain import plain_label
from ui.journey.commands import push_done
from ui.journey.journal_lock import lock_icon, lock_pixmap
from ui.statement.spelling_menu import check_spelling
from workbench.dates import long_date
from workbench.errors import WorkbenchError
from workbench.journey import journal

SAVE_MS = 1000
UUID_ROLE = Qt.ItemDataRole.UserRole
EXPLANATION = (
    "Your journal stays on this computer: it is never sent to your mentor, never put in "
    "the sync folder and never exported. Write what you are not ready to share yet; "
    "when a passage is ready, select it and quote it into your statement."
)


class JournalView(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.current: str | None = None
        self.dirty = False
        self.save_timer = QTimer(self, singleShot=True, interval=SAVE_MS)
        self.save_timer.timeout.connect(self.save_pending)
        self._build()
        self.refresh({"all"})

    # Building ------------------------------------------------------------------------------

    def _build(self) -> None:
        lock = QLabel()
        lock.setPixmap(lock_pixmap(22))
        lock.setAccessibleName("Private")
        title = QLabel(f"<b>{journal.PRIVATE_NOTE}</b>")
        title.setAccessibleName(journal.PRIVATE_NOTE)
        explanation = QLabel(EXPLANATION)
        explanation.setWordWrap(True)
        self.header = QWidget()
        header = QHBoxLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(lock)
        header.addWidget(title)
        header.addWidget(explanation, 1)

        self.entry_list = QListWidget()
        self.entry_list.setAccessibleName("Journal entries (private)")
        self.entry_list.currentItemChanged.connect(self._entry_chosen)
        self.entry_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entry_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.new_button = self._button("&New entry", "A new entry dated today", self.new_entry)
        self.delete_button = self._button(
            "Delete", "Delete this entry (Undo brings it back)", self.delete_entry
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.entry_list, 1)
        left_layout.addLayout(buttons)

        self.date_edit = DateEdit()
        self.date_edit.setAccessibleName("Date of the entry")
        self.date_edit.editingFinished.connect(self._date_changed)
        self.text_edit = FieldText()
        self.text_edit.setAccessibleName("Journal entry (private)")
        self.text_edit.setPlaceholderText(
            "What happened? How did it feel, what did you learn, what will you do next?"
        )
        self.text_edit.textChanged.connect(self._typed)
        self.text_edit.left.connect(self.save_pending)
        self.text_edit.selectionChanged.connect(self._update_actions)
        self.text_spelling = check_spelling(self.text_edit)
        self.main_widget = self.text_edit
        self.quote_button = self._button(
            "&Quote into statement",
            "Put the selected words into your statement's working draft",
            self.quote_into_statement,
        )
        date_row = QHBoxLayout()
        date_row.addWidget(QLabel("&Date:", buddy=self.date_edit))
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        date_row.addWidget(self.quote_button)
        self.editor_page = QWidget()
        right = QVBoxLayout(self.editor_page)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(date_row)
        right.addWidget(self.text_edit, 1)
        self.empty_note = plain_label(
            "No entries yet. Press New entry (Ctrl+Shift+J) to write one."
        )
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_note.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.editor_page)
        self.pages.addWidget(self.empty_note)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        new = QAction(self)
        new.setShortcut(QKeySequence("Ctrl+Shift+J"))
        new.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.triggered.connect(self.new_entry)
        self.addAction(new)
        delete = QAction(self.entry_list)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_entry)
        self.entry_list.addAction(delete)

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # Refreshing ------------------------------------------------------------------------------

    def refresh(self, what: set) -> None:
        if not what & {"journal", "all", "portfolio"}:
            return
        # A mentor has no journal view (ui/shell/views.py); acting as one in the sample
        # refreshes this view once before the sidebar drops it: it then shows nothing.
        mentee = self.session.is_mentee
        self.splitter.setVisible(mentee)
        self.header.setVisible(mentee)
        rows = journal.entries(self.session.portfolio, self.session.actor) if mentee else []
        keep = self.current
        self.entry_list.blockSignals(True)
        self.entry_list.clear()
        for row in rows:
            item = QListWidgetItem(lock_icon(), f"{long_date(row.entry_date)} — {row.first_line}")
            item.setData(UUID_ROLE, row.uuid)
            item.setToolTip(f"{row.first_line}\n{journal.PRIVATE_NOTE}")
            self.entry_list.addItem(item)
        self.entry_list.blockSignals(False)
        self.rows = {row.uuid: row for row in rows}
        wanted = keep if keep in self.rows else (rows[0].uuid if rows else None)
        self.current = None
        self._show_entry(wanted)

    def _show_entry(self, uuid: str | None) -> None:
        self.current = uuid
        row = self.rows.get(uuid) if uuid else None
        self.pages.setCurrentWidget(self.editor_page if row else self.empty_note)
        for index in range(self.entry_list.count()):
            item = self.entry_list.item(index)
            if item.data(UUID_ROLE) == uuid:
                self.entry_list.blockSignals(True)
                self.entry_list.setCurrentItem(item)
                self.entry_list.blockSignals(False)
        self.text_edit.blockSignals(True)
        self.date_edit.blockSignals(True)
        self.text_edit.setPlainText(row.text if row else "")
        if row:
            self.date_edit.set_day(row.entry_date)
        self.date_edit.blockSignals(False)
        self.text_edit.blockSignals(False)
        self.dirty = False
        self._update_actions()

    def _update_actions(self) -> None:
        self.delete_button.setEnabled(self.current is not None)
        selected = self.text_edit.textCursor().hasSelection()
        self.quote_button.setEnabled(self.current is not None and selected)
        self.quote_button.setToolTip(
            "Put the selected words into your statement's working draft"
            if selected
            else "Select the words of the entry to quote into your statement"
        )

    # Writing ----------------------------------------------------------------------------------

    def _entry_chosen(self, item, _previous) -> None:
        self.save_pending()
        self._show_entry(item.data(UUID_ROLE) if item else None)

    def _typed(self) -> None:
        self.dirty = True
        self.save_timer.start()

    def _date_changed(self) -> None:
        row = self.rows.get(self.current) if self.current else None
        if row is None or self.date_edit.day() == row.entry_date:
            return
        self.save_pending()
        if self._save(entry_date=self.date_edit.day()):
            self.refresh({"journal"})  # the list is in date order

    def save_pending(self) -> bool:
        self.save_timer.stop()
        if not self.dirty or self.current is None:
            return True
        self.dirty = False
        return self._save(text=self.text_edit.toPlainText())

    def _save(self, **changes) -> bool:
        try:
            row = journal.update_entry(
                self.session.portfolio, self.session.actor, self.current, **changes
            )
        except WorkbenchError as exc:
            show_error(self, exc)
            return False
        self.rows[row.uuid] = row
        item = self.entry_list.currentItem()
        if item is not None and item.data(UUID_ROLE) == row.uuid:
            item.setText(f"{long_date(row.entry_date)} — {row.first_line}")
        return True

    def new_entry(self) -> None:
        if not self.session.is_mentee or not self.save_pending():
            return
        try:
            row = journal.add_entry(self.session.portfolio, self.session.actor, date.today())
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self.current = row.uuid
        self.refresh({"journal"})
        self.text_edit.setFocus()

    def delete_entry(self) -> None:
        uuid = self.current
        if uuid is None or not self.save_pending():
            return
        portfolio, actor = self.session.portfolio, self.session.actor
        try:
            journal.set_deleted(portfolio, actor, uuid, True)
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        push_done(
            self.session,
            "delete a journal entry",
            lambda: journal.set_deleted(portfolio, actor, uuid, False),
            lambda: journal.set_deleted(portfolio, actor, uuid, True),
            "journal",
        )
        self.current = None
        self.refresh({"journal"})
        self.session.message.emit("Deleted the journal entry. Undo brings it back.")

    def quote_into_statement(self) -> None:
        """The selected words go to the statement's working draft (the only way out)."""
        try:
            passage = journal.quote_passage(self.text_edit.textCursor().selectedText())
        except WorkbenchError as exc:
            self.session.message.emit(str(exc))
            return
        self.save_pending()
        self.session.go_to("statement", ("quote", passage))

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.save_pending()
        super().hideEvent(event)

    def select(self, uuid: str) -> None:
        self.save_pending()
        self._show_entry(uuid if uuid in self.rows else None)
