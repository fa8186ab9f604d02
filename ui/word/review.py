"""The preview of a reviewed Word file: how many comments, by whom, on which words.

Nothing is saved until the user presses Import; then every comment (and the
new version, if asked) is written in one transaction.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialogs import show_error
from ui.common.jobs import Cancelled, run_modal
from ui.common.keyboard import main_button
from ui.common.plain import literal
from workbench.errors import WorkbenchError
from workbench.word.reading import WordDocument
from workbench.word.render import ACCEPT, REJECT
from workbench.word.review import (
    KEEP,
    NEAREST,
    OUTSIDE,
    POINT,
    REPLY,
    ReviewPreview,
    apply_review,
    build_preview,
    review_context,
)

COLUMNS = ("Author", "Comment", "On the words", "Import")
HEADER_KEY = "word/import-preview-header"
PLACEMENT_TEXT = {
    "exact": "On these words",
    "moved": "On these words (moved)",
    POINT: "At its mark (on the word there)",
    NEAREST: "Words not found: on the nearest paragraph",
    REPLY: "As a reply",
    OUTSIDE: "Outside the statement: not imported",
}
TRACKED_CHOICES = (
    (ACCEPT, "Accept them (the text as the file shows it)"),
    (REJECT, "Reject them (the text before the changes)"),
    (KEEP, "Keep the statement's text; bring in the comments only"),
)


class ImportPreviewModel(QAbstractTableModel):
    """Plain rows of a ReviewPreview; data() is a lookup."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, str, str, str]] = []

    def refresh(self, preview: ReviewPreview | None) -> None:
        self.beginResetModel()
        self.rows = []
        for item in preview.comments if preview else []:
            status = "Already here" if item.duplicate_of else PLACEMENT_TEXT[item.placement]
            if item.resolve:
                status += "; marked resolved"
            quote = " ".join(item.quote.split())
            if item.placement == REPLY:
                quote = "(with the comment it answers)"
            elif item.placement == POINT and item.word.words and item.word.words != quote:
                quote = f"{quote} (made on “{item.word.words}”)"
            who = item.word.author + (" (mentor)" if item.mentor else "")
            self.rows.append((who, item.word.text, quote or "(not on the statement)", status))
        for item in preview.outside if preview else []:
            where = f"{item.word.outside[:1].upper()}{item.word.outside[1:]}"
            quote = f"{where}: {item.word.words}" if item.word.words else where
            self.rows.append((item.word.author, item.word.text, quote, PLACEMENT_TEXT[OUTSIDE]))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(self.rows[index.row()][index.column()])
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None


class ImportPreviewDialog(QDialog):
    def __init__(self, session, path: Path, document: WordDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.path = Path(path)
        self.document = document
        self.preview: ReviewPreview | None = None
        self.setWindowTitle(f"Import comments from {self.path.name}")
        self.resize(760, 420)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What will be imported")
        self.as_version = QCheckBox("First take the file's text as a new version of the statement")
        self.as_version.setAccessibleName("Take the file's text as a new version")
        self.as_version.setToolTip(
            "Use this when the file is a statement drafted or edited in Word: its text becomes "
            "the next version and the comments sit on it."
        )
        self.as_version.setVisible(session.is_mentee)
        self.as_version.toggled.connect(self.refresh)
        self.tracked = QComboBox()
        self.tracked.setAccessibleName("What to do with the file's tracked changes")
        for value, text in TRACKED_CHOICES:
            self.tracked.addItem(text, value)
        self.tracked.currentIndexChanged.connect(self.refresh)
        changes = len(document.changes)
        self.tracked_row = QWidget()
        tracked_form = QFormLayout(self.tracked_row)
        tracked_form.setContentsMargins(0, 0, 0, 0)
        tracked_form.addRow(
            f"{changes} tracked change{'s' if changes != 1 else ''} in the file:", self.tracked
        )
        self.tracked_row.setVisible(bool(changes) and session.is_mentee)
        self.model = ImportPreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Comments in the Word file")
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move in the table
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        state = QSettings().value(HEADER_KEY)
        if state is not None:
            header.restoreState(state)
        else:
            for column, width in enumerate((140, 260, 200)):
                self.table.setColumnWidth(column, width)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.as_version)
        layout.addWidget(self.tracked_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(buttons)
        main_button(self, self.import_button)  # Enter imports; Cancel needs Esc or a click
        self.refresh()

    def refresh(self) -> None:
        """Work out the preview again (e.g. after ticking "new version"); writes nothing.

        The versions are read here; placing the comments runs in a job, whose
        Cancel returns at once.
        """
        as_version = self.as_version.isChecked()
        tracked = self.tracked.currentData() or ACCEPT
        path, document = self.path, self.document  # the job holds plain data, never a widget
        try:
            context = review_context(self.session.portfolio, self.session.actor, as_version)
            self.preview = run_modal(
                self,
                f"Placing the comments of {path.name}…",
                lambda job: build_preview(
                    context, path, document, as_version, tracked, check=job.check
                ),
                title="Import from Word",
            )
        except Cancelled:
            self.preview = None
            self.summary.setText("Cancelled: the comments were not placed. Nothing was imported.")
        except WorkbenchError as exc:
            self.preview = None
            self.summary.setText(str(exc))
        self.model.refresh(self.preview)
        preview = self.preview
        has_rows = bool(self.model.rows)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        hint = " Tick the box above to take its text as a new version."
        self.empty.setText(
            f"{self.path.name} has no comments."
            + (hint if self.session.is_mentee and self.document.markdown.strip() else "")
            if preview is not None
            else ""
        )
        if preview is None:
            self.import_button.setEnabled(False)
            self.import_button.setText("Import")
            self.warnings.clear()
            return
        self.summary.setText(preview.summary())
        self.warnings.setText("\n".join(f"• {text}" for text in preview.warnings))
        self.warnings.setVisible(bool(preview.warnings))
        count = len(preview.new_comments)
        resolving = len(preview.to_resolve)
        self.import_button.setEnabled(bool(count or resolving) or preview.as_version)
        label = f"Import {count} comment{'s' if count != 1 else ''}"
        if resolving:
            marks = f"mark {resolving} resolved"
            label = f"{label} and {marks}" if count else marks.capitalize()
        if preview.as_version:
            label = "Import as a new version" + (f" with {count} comments" if count else "")
        self.import_button.setText(label)
        self.table.resizeRowsToContents()

    def apply(self) -> None:
        if self.preview is None:
            return
        try:
            result = apply_review(self.session.portfolio, self.session.actor, self.preview)
        except WorkbenchError as exc:
            show_error(self, exc, "Import from Word")
            return
        self.session.notify("statement", "comments")
        self.session.message.emit(result.summary(self.path.name))
        self.accept()

    def done(self, result: int) -> None:
        QSettings().setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        super().done(result)
