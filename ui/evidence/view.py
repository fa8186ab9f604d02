"""The Evidence view: the library of evidence items with filters, a detail panel
with a preview, and adding files by dialog or by dragging them in.

Copying files runs in an ImportWorker with a progress dialog; the items are
made in one transaction when it finishes, as one undoable step.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.drops import FileDropFilter
from ui.evidence.actions import EvidenceActions
from ui.evidence.detail import EvidenceDetail
from ui.evidence.dialogs import Notice
from ui.evidence.editing import EvidenceEditing
from ui.evidence.filters import EvidenceFilterBar
from ui.evidence.importing import FileImporter
from ui.evidence.model import (
    CRITERIA,
    DATE,
    NUMBER,
    SKILLS,
    SOURCE,
    TITLE,
    TYPE,
    UUID_ROLE,
    EvidenceFilter,
    EvidenceModel,
)
from ui.evidence.no_match import NoMatchNote
from ui.evidence.previewing import EvidencePreviewing
from ui.statement.comment_panel import CommentThread
from workbench.evidence import library as evidence
from workbench.frameworks.routes import get_route
from workbench.matrix.listing import chosen_skills, skill_choices


class EvidenceTable(QTableView):
    """The list of items; Enter opens the current one."""

    open_current = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current.emit()
            return
        super().keyPressEvent(event)


class EvidenceView(EvidenceActions, EvidenceEditing, EvidencePreviewing, QWidget):
    import_finished = Signal(object)  # ImportResult, or None when cancelled or failed

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.importer = FileImporter(session, self)
        self.importer.added.connect(self._added)
        self.importer.problem.connect(lambda text: self.notice.show_error(text))
        self.importer.finished.connect(self._report)
        self.importer.finished.connect(self.import_finished)
        self._previewed: tuple | None = None
        FileDropFilter(
            self,
            lambda paths: self.import_paths([str(path) for path in paths]),
            many=True,
            enabled=lambda: self.session.is_mentee,
        )
        self.model = EvidenceModel(self)
        self.proxy = EvidenceFilter(self)
        self.proxy.setSourceModel(self.model)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_toolbar())
        self.notice = Notice(self)
        layout.addWidget(self.notice)
        self.filters = EvidenceFilterBar(self)
        self.filters.changed.connect(self._filter)
        layout.addWidget(self.filters)
        self.splitter = QSplitter()
        self.splitter.addWidget(self._build_list())
        self.detail = EvidenceDetail(self)
        # comments on the selected item sit under its details, with replies
        self.item_thread = CommentThread(self.session, "evidence")
        self.item_thread.setAccessibleName("Comments on this item")
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.detail)
        side.addWidget(self.item_thread)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 1)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        self.detail.field_changed.connect(self._field_changed)
        self.detail.links_changed.connect(self._links_changed)
        self.detail.open_requested.connect(self.open_current)
        self.detail.save_copy_requested.connect(self.save_copy)
        self._build_actions()
        self._restore_layout()
        # The first visit paints the list and the first item, then its preview (paintEvent).
        self.preview_pending, self._building = False, True
        self.refresh({"all"})
        self._building = False

    # Building ---------------------------------------------------

    def _tool_buttons(self) -> tuple:
        """The toolbar's buttons that change the library (the mentee's only)."""
        return (
            self.add_files_button,
            self.add_folder_button,
            self.add_note_button,
            self.add_link_button,
            self.delete_button,
        )

    def _tool(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(slot)
        return button

    def _build_toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_files_button = self._tool(
            "Add &files…", "Add files as evidence (Ctrl+Shift+A), or drag them here", self.add_files
        )
        self.add_folder_button = self._tool(
            "Add a f&older…", "Add every file in a folder", self.add_folder
        )
        self.add_note_button = self._tool(
            "Add &note…",
            "Evidence without a file, e.g. a conversation (Ctrl+Shift+N)",
            self.add_note,
        )
        self.add_link_button = self._tool(
            "Add web &link…", "Evidence that lives on the web (Ctrl+Shift+L)", self.add_web_link
        )
        self.delete_button = self._tool(
            "&Delete",
            "Delete the selected items (Delete); Ctrl+Z brings them back",
            self.delete_selected,
        )
        for button in self._tool_buttons():
            row.addWidget(button)
        row.addStretch()
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of items")
        row.addWidget(self.count_label)
        return row

    def _build_list(self) -> QWidget:
        self.table = EvidenceTable()
        self.main_widget = self.table  # where the view's Ctrl+number puts the keyboard
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Evidence items")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NUMBER, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        widths = ((NUMBER, 44), (TYPE, 96), (DATE, 92), (CRITERIA, 64), (SKILLS, 80), (SOURCE, 120))
        for column, width in widths:
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _: self.open_current())
        self.table.open_current.connect(self.open_current)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName("No evidence yet")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)
        self.no_match = NoMatchNote(self.filters.clear)
        self.list_stack.addWidget(self.no_match)
        return self.list_stack

    def _build_actions(self) -> None:
        def action(shortcut, slot, widget=self) -> QAction:
            act = QAction(self)
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            widget.addAction(act)
            return act

        action("Ctrl+Shift+A", self.add_files)
        action("Ctrl+Shift+N", self.add_note)
        action("Ctrl+Shift+L", self.add_web_link)
        action(QKeySequence.StandardKey.Find, self.filters.focus_search)
        action(QKeySequence.StandardKey.Delete, self.delete_selected, self.table)

    # Refreshing ---------------------------------------------------

    def refresh(self, what: set) -> None:
        if not what & {"evidence", "matrix", "ratings", "all"}:
            return
        current = self.current_uuid()
        with self._showing_once():
            if what & {"matrix", "ratings", "all"}:
                self._fill_choices()
            self.model.set_rows(evidence.evidence_items(self.session.portfolio))
            self.filters.set_types(
                sorted({row.evidence_type for row in self.model.rows if row.evidence_type})
            )
            editable = self.session.is_mentee
            for button in self._tool_buttons():
                button.setEnabled(editable)
            self._update_count()
            if current:
                self.select(current)
            elif self._building and self.proxy.rowCount():
                self.table.selectRow(0)  # a first visit starts on the first item

    def _fill_choices(self) -> None:
        portfolio = self.session.portfolio
        criteria = [(c.code, c.name) for c in get_route(self.session.info.route).criteria]
        skills = skill_choices(portfolio)  # (uuid, code, name) named tuples
        chosen = chosen_skills(portfolio)
        self.detail.set_choices(criteria, skills, chosen)
        self.filters.set_choices(
            criteria, [(f"{s.code} {s.name}", s.uuid) for s in skills if s.uuid in chosen]
        )

    def _filter(self, name: str, value) -> None:
        with self._showing_once():
            self.proxy.set_filter(**{name: value})
            self._update_count()
            if not self.table.currentIndex().isValid() and self.proxy.rowCount():
                self.table.selectRow(0)

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count_label.setText(
            f"{total} items" if shown == total else f"{shown} of {total} items shown"
        )
        if total:
            self.list_stack.setCurrentWidget(self.table if shown else self.no_match)
            return
        if self.session.is_mentee:
            self.empty.setText(
                "No evidence yet — drag files here or press Add files…\n\n"
                "Emails, reports, slides, feedback and certificates all count. "
                "A conversation can be a note; a web page can be a link."
            )
        else:
            self.empty.setText("No evidence yet. Your mentee's evidence appears here.")
        self.list_stack.setCurrentWidget(self.empty)

    # Selection and the detail panel ---------------------------------------------------

    def current_uuid(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(UUID_ROLE) if index.isValid() else None

    def current_row(self) -> evidence.EvidenceRow | None:
        uuid = self.current_uuid()
        row = self.model.row_of(uuid) if uuid else -1
        return self.model.row_at(row) if row >= 0 else None

    def select(self, uuid: str) -> bool:
        source_row = self.model.row_of(uuid)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, NUMBER))
        if not index.isValid():
            return False
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        return True

    def selected_rows(self) -> list[evidence.EvidenceRow]:
        rows = self.table.selectionModel().selectedRows(NUMBER)
        mapped = sorted(self.proxy.mapToSource(index).row() for index in rows)
        return [self.model.row_at(n) for n in mapped]

    # State ---------------------------------------------------

    def _restore_layout(self) -> None:
        settings = QSettings()
        header = settings.value("evidence/header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
        splitter = settings.value("evidence/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([700, 380])
        self.table.setColumnHidden(SKILLS, False)

    def save_pending(self) -> bool:
        """Keep the layout; a running import is cancelled (it leaves nothing behind)."""
        self.importer.cancel(wait=True)
        QSettings().setValue("evidence/header", self.table.horizontalHeader().saveState())
        QSettings().setValue("evidence/splitter", self.splitter.saveState())
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            focus.clearFocus()  # commits the field being edited
        return True

    def screenshot_states(self) -> list:
        def pdf_item() -> None:
            for row in self.model.rows:
                if row.source_name.lower().endswith(".pdf"):
                    self.select(row.uuid)
                    return

        def filtered() -> None:
            box = self.filters.criterion_box
            box.setCurrentIndex(max(box.findData("C2"), 0))

        return [("pdf-preview", pdf_item), ("filtered-c2", filtered)]
