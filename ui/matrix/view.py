"""The Gap matrix view: rate skills per snapshot, compare snapshots, see a chart."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialogs import show_error
from ui.common.keyboard import FieldText
from ui.common.plain import escape, literal, plain_label
from ui.common.undo import ServiceCommand
from ui.matrix.empty import EmptyMatrixNote
from ui.matrix.model import (
    CURRENT,
    GAP,
    MENTOR,
    RATING_COLUMNS,
    RELEVANT,
    SKILL,
    TARGET,
    ComparisonModel,
    MatrixFilter,
    MatrixModel,
)
from ui.statement.comment_panel import CommentThread
from workbench.errors import WorkbenchError
from workbench.frameworks.library import scale_of
from workbench.matrix import ratings as matrix
from workbench.store.models import Area, Skill


class RatingDelegate(QStyledItemDelegate):
    """A drop-down of the framework's scale for the rating columns."""

    def __init__(self, model: MatrixModel, parent=None):
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent, option, index):
        if index.column() not in RATING_COLUMNS:
            return super().createEditor(parent, option, index)
        editor = QComboBox(parent)
        editor.setAccessibleName(
            index.model().headerData(index.column(), Qt.Orientation.Horizontal)
        )
        editor.addItem("— not rated", None)
        for level in self.model.scale:
            editor.addItem(f"{level.value} · {level.label}", level.value)
        return editor

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class MatrixTree(QTreeView):
    """Typing a digit on a rating cell sets it; Delete clears it."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        text = event.text()
        if (
            index.isValid()
            and index.column() in RATING_COLUMNS
            and self.state() != QAbstractItemView.State.EditingState
        ):
            if text.isdigit():
                self.model().setData(index, int(text), Qt.ItemDataRole.EditRole)
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.model().setData(index, None, Qt.ItemDataRole.EditRole)
                return
        if index.isValid() and index.column() == RELEVANT and event.key() == Qt.Key.Key_Space:
            checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
            self.model().setData(index, state.value, Qt.ItemDataRole.CheckStateRole)
            return
        super().keyPressEvent(event)

    def moveCursor(self, action, modifiers):  # noqa: N802 - Qt override
        """On a skill row Left and Right move between columns; an area row folds as usual."""
        current = self.currentIndex()
        steps = {
            QAbstractItemView.CursorAction.MoveLeft: -1,
            QAbstractItemView.CursorAction.MoveRight: 1,
        }
        if not current.parent().isValid() or action not in steps:
            return super().moveCursor(action, modifiers)
        step = -steps[action] if self.isRightToLeft() else steps[action]
        header = self.header()
        visual = header.visualIndex(current.column()) + step
        while 0 <= visual < header.count():
            column = header.logicalIndex(visual)
            if not header.isSectionHidden(column):
                return current.sibling(current.row(), column)
            visual += step
        return current


class EditCommand(ServiceCommand):
    """One change to one cell of the matrix, undoable (the view reports its errors)."""

    def __init__(self, view: MatrixView, snapshot: str, skill: str, field: str, old, new):
        super().__init__(view.session, f"change {field.replace('_', ' ')}")
        self.view, self.snapshot, self.skill = view, snapshot, skill
        self.field, self.old, self.new = field, old, new

    def forward(self) -> bool:
        return self.view.apply(self.snapshot, self.skill, self.field, self.new)

    def backward(self) -> bool:
        return self.view.apply(self.snapshot, self.skill, self.field, self.old)


class NewSnapshotDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("New snapshot")
        info = QLabel(
            "A new snapshot starts from your latest ratings. The current one is kept "
            "exactly as it is now, so you can compare them later."
        )
        info.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of snapshot")
        self.kind.addItem("Review (e.g. a mid-point check with your mentor)", "review")
        self.kind.addItem("End (your final ratings for submission)", "end")
        self.label = QLineEdit()
        self.label.setAccessibleName("Label")
        self.label.setPlaceholderText("e.g. Mid-point review")
        form = QFormLayout()
        form.addRow("&Kind:", self.kind)
        form.addRow("&Label (optional):", self.label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(buttons)


class MatrixView(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.snapshot = None
        self.comment_area: str | None = None  # the area whose comment is being edited
        self.comment_dirty = False
        self.model = MatrixModel(self)
        self.model.editor = self.request_edit
        self.proxy = MatrixFilter(self)
        self.proxy.setSourceModel(self.model)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Gap matrix pages")
        self.tabs.addTab(self._ratings_page(), "&Ratings")
        self.tabs.addTab(self._compare_page(), "C&ompare snapshots")
        self.chart = None  # made when the tab is first shown: QtCharts loads slowly
        self.chart_page = QWidget()
        QVBoxLayout(self.chart_page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.chart_page, "C&hart")
        self.tabs.currentChanged.connect(lambda _: self._refresh_tab())

        layout = QVBoxLayout(self)
        layout.addLayout(self._snapshot_bar())
        self.frozen_banner = QLabel()
        self.frozen_banner.setWordWrap(True)
        self.frozen_banner.setFrameShape(QLabel.Shape.StyledPanel)
        self.frozen_banner.setMargin(6)
        layout.addWidget(self.frozen_banner)
        layout.addWidget(self.tabs, 1)

        self.comment_timer = QTimer(self)
        self.comment_timer.setSingleShot(True)
        self.comment_timer.setInterval(800)
        self.comment_timer.timeout.connect(self.save_area_comment)
        self.refresh({"all"})
        self._restore_columns()
        self._choose_default_filter()
        self.tree.expandAll()

    # Layout ---------------------------------------------------

    def _snapshot_bar(self) -> QHBoxLayout:
        self.snapshot_box = QComboBox()
        self.snapshot_box.setAccessibleName("Snapshot")
        self.snapshot_box.setMinimumContentsLength(24)
        self.snapshot_box.currentIndexChanged.connect(self._snapshot_chosen)
        label = QLabel("&Snapshot:")
        label.setBuddy(self.snapshot_box)
        self.new_snapshot_button = QPushButton("&New snapshot…")
        self.new_snapshot_button.setToolTip(
            "Keep today's ratings and start a review or end snapshot"
        )
        self.new_snapshot_button.clicked.connect(self.new_snapshot)
        self.start_button = QPushButton("&Start rating")
        self.start_button.setToolTip("Take your first snapshot of the PKSB")
        self.start_button.clicked.connect(self.start_first_snapshot)
        bar = QHBoxLayout()
        bar.addWidget(label)
        bar.addWidget(self.snapshot_box)
        bar.addWidget(self.start_button)
        bar.addWidget(self.new_snapshot_button)
        bar.addStretch()
        return bar

    def _ratings_page(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search skills…")
        self.search.setAccessibleName("Search skills")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.proxy.set_filter(search=text))
        self.area_box = QComboBox()
        self.area_box.setAccessibleName("Area filter")
        self.area_box.currentIndexChanged.connect(
            lambda _: self.proxy.set_filter(area=self.area_box.currentData() or "")
        )
        self.relevant_only = QCheckBox("Only skills &relevant to me")
        self.relevant_only.toggled.connect(lambda on: self._set_filter(relevant_only=on))
        self.gaps_only = QCheckBox("Only &gaps")
        self.gaps_only.toggled.connect(lambda on: self._set_filter(gaps_only=on))
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.area_box, 2)
        filters.addWidget(self.relevant_only)
        filters.addWidget(self.gaps_only)

        self.tree = MatrixTree()
        self.main_widget = self.tree  # where Ctrl+2 puts the keyboard
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName("Skills and ratings")
        self.tree.setItemDelegate(RatingDelegate(self.model, self.tree))
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(SKILL, QHeaderView.ResizeMode.Interactive)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_area_comment())
        self.proxy.rowsInserted.connect(lambda *_: self.tree.expandAll())
        self.proxy.layoutChanged.connect(self.tree.expandAll)
        self.proxy.modelReset.connect(self.tree.expandAll)
        self.empty_note = EmptyMatrixNote(self.show_all_skills)
        for signal in (
            self.proxy.modelReset,
            self.proxy.layoutChanged,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
        ):
            signal.connect(lambda *_: self._update_empty_note())

        self.hint = QLabel(
            "Tick the skills that matter in your role, then type a number (0–4) in Current "
            "and Target, or double-click a cell. Ctrl+Z undoes."
        )
        self.hint.setWordWrap(True)
        self.add_skill_button = QPushButton("Add my own &skill…")
        self.add_skill_button.clicked.connect(self.add_custom_skill)

        self.comment_label = QLabel()
        self.comment_label.setWordWrap(True)
        self.comment_edit = FieldText()  # Tab moves on; leaving it saves at once
        self.comment_edit.left.connect(self.save_area_comment)
        self.comment_edit.setAccessibleName("Area comment")
        self.comment_edit.setPlaceholderText(
            "How will you show learning in this area? Assessors read these comments."
        )
        self.comment_edit.textChanged.connect(self._comment_typed)
        self.comment_label.setBuddy(self.comment_edit)
        self.skill_info = QLabel()
        self.skill_info.setWordWrap(True)
        area_box = QWidget()
        comment_layout = QVBoxLayout(area_box)
        comment_layout.setContentsMargins(0, 0, 0, 0)
        comment_layout.addWidget(self.skill_info)
        comment_layout.addWidget(self.comment_label)
        comment_layout.addWidget(self.comment_edit)
        # the mentee's and mentor's comments on the selected skill, with replies
        self.skill_thread = CommentThread(self.session, "skill")
        self.skill_thread.setAccessibleName("Comments on this skill")
        comment_box = QSplitter(Qt.Orientation.Horizontal)
        comment_box.addWidget(area_box)
        comment_box.addWidget(self.skill_thread)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(comment_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.add_skill_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        return page

    def show_all_skills(self) -> None:
        """Clear every filter of the ratings table (the empty-matrix note's button)."""
        self.search.clear()
        self.area_box.setCurrentIndex(0)
        self.gaps_only.setChecked(False)
        self.relevant_only.setChecked(False)

    def _update_empty_note(self) -> None:
        chosen = any(r.relevant for g in self.model.groups for r in g.skills)
        self.empty_note.update_for(
            self.proxy.rowCount(), self.relevant_only.isChecked(), chosen, self.session.is_mentee
        )

    def _compare_page(self) -> QWidget:
        self.before_box = QComboBox()
        self.before_box.setAccessibleName("Compare from snapshot")
        self.after_box = QComboBox()
        self.after_box.setAccessibleName("Compare to snapshot")
        for box in (self.before_box, self.after_box):
            box.currentIndexChanged.connect(lambda _: self._refresh_tab())
        self.comparison = ComparisonModel(self)
        self.compare_table = QTableView()
        self.compare_table.setModel(self.comparison)
        self.compare_table.setAccessibleName("Comparison of two snapshots")
        self.compare_table.setAlternatingRowColors(True)
        self.compare_table.setSortingEnabled(False)
        header = self.compare_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 240)  # long area names wrap rather than squeeze the skills
        self.compare_table.verticalHeader().hide()
        self.compare_summary = plain_label()
        row = QHBoxLayout()
        row.addWidget(QLabel("From:"))
        row.addWidget(self.before_box)
        row.addWidget(QLabel("to:"))
        row.addWidget(self.after_box)
        row.addStretch()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.compare_table, 1)
        layout.addWidget(self.compare_summary)
        return page

    # Refreshing ---------------------------------------------------

    def refresh(self, what: set) -> None:
        if not what & {"all", "matrix", "portfolio"}:
            return
        self.scale = scale_of(self.session.portfolio.framework)
        self._fill_snapshots()
        self._fill_areas()
        self._load_snapshot()

    def _fill_snapshots(self) -> None:
        """Refill the three snapshot lists quietly; the caller loads what they show."""
        self.snapshots = matrix.snapshots(self.session.portfolio)
        uuids = [s.uuid for s in self.snapshots]
        keep = self.snapshot.uuid if self.snapshot and self.snapshot.uuid in uuids else None
        first, last = (uuids[0], uuids[-1]) if uuids else (None, None)
        chosen = keep or last
        picks = {self.snapshot_box: chosen, self.before_box: first, self.after_box: last}
        for box, pick in picks.items():
            box.blockSignals(True)
            box.clear()
            for snapshot in self.snapshots:
                box.addItem(f"{snapshot.label} — {snapshot.taken_on:%d %b %Y}", snapshot.uuid)
            box.setCurrentIndex(box.findData(pick))
            box.blockSignals(False)
        self.snapshot = self.snapshots[uuids.index(chosen)] if chosen else None

    def _fill_areas(self) -> None:
        current = self.area_box.currentData()
        self.area_box.blockSignals(True)
        self.area_box.clear()
        self.area_box.addItem("All areas", "")
        framework = self.session.portfolio.framework_id
        for area in Area.select().where(Area.framework == framework).order_by(Area.position):
            self.area_box.addItem(f"{area.code}  {area.name}", area.uuid)
        self.area_box.setCurrentIndex(max(0, self.area_box.findData(current)))
        self.area_box.blockSignals(False)

    def _snapshot_chosen(self, index: int) -> None:
        if 0 <= index < len(self.snapshots):
            self.save_area_comment()
            self.snapshot = self.snapshots[index]
            self.session.undo_stack.clear()
            self._load_snapshot()

    def _load_snapshot(self) -> None:
        has_snapshot = self.snapshot is not None
        frozen = has_snapshot and matrix.is_frozen(self.snapshot)
        self.model.set_rows(matrix.matrix_rows(self.snapshot) if has_snapshot else [], self.scale)
        self.model.set_permissions(
            mentee=has_snapshot and self.session.is_mentee and not frozen,
            mentor=has_snapshot and self.session.is_mentor,
        )
        self.tree.expandAll()
        mentee = self.session.is_mentee
        self.start_button.setVisible(mentee and not has_snapshot)
        self.new_snapshot_button.setVisible(mentee and has_snapshot)
        self.new_snapshot_button.setEnabled("end" not in [s.kind for s in self.snapshots])
        self.add_skill_button.setVisible(mentee and has_snapshot and not frozen)
        self.frozen_banner.setVisible(bool(frozen) or not has_snapshot or not mentee)
        self.frozen_banner.setText(self._banner_text(has_snapshot, frozen))
        if self.session.is_mentor:
            self.hint.setText(
                "You are the mentor: your own view of each skill goes in “Mentor's view” "
                "(type 0–4). The mentee's ratings are theirs."
            )
        self._show_area_comment()
        self._refresh_tab()
        self._update_empty_note()

    def _banner_text(self, has_snapshot: bool, frozen: bool) -> str:
        if not has_snapshot:
            return "No ratings yet. Press “Start rating” to take your first (start) snapshot."
        if frozen:
            return (
                f"“{self.snapshot.label}” is kept as it was on {self.snapshot.taken_on:%d %B %Y}. "
                "Choose the latest snapshot to change ratings."
            )
        return "You are viewing as the mentor: the mentee's ratings are read-only."

    def _refresh_tab(self) -> None:
        if self.tabs.currentIndex() == 1:
            self._refresh_comparison()
        elif self.tabs.currentIndex() == 2:
            self._refresh_chart()

    def _refresh_comparison(self) -> None:
        before = self._chosen(self.before_box)
        after = self._chosen(self.after_box)
        if before is None or after is None:
            self.comparison.set_rows([])
            self.compare_summary.setText("Take at least two snapshots to compare them.")
            return
        rows = matrix.compare(before, after)
        self.comparison.set_rows(rows)
        up = sum(1 for r in rows if (r.change or 0) > 0)
        self.compare_summary.setText(
            f"{len(rows)} chosen skills; {up} improved from “{before.label}” to “{after.label}”."
        )

    def _refresh_chart(self) -> None:
        if self.chart is None:
            from ui.matrix.chart import MatrixChart  # QtCharts loads when the chart is first shown

            self.chart = MatrixChart()
            self.chart_page.layout().addWidget(self.chart)
        start = self.snapshots[0] if self.snapshots else None
        now = self.snapshot
        self.chart.show_summaries(
            matrix.area_summaries(start) if start else [],
            matrix.area_summaries(now) if now else [],
            start.label if start else "",
            now.label if now else "",
            max((level.value for level in self.scale), default=4),
        )

    def _chosen(self, box: QComboBox):
        index = box.currentIndex()
        return self.snapshots[index] if 0 <= index < len(self.snapshots) else None

    def _choose_default_filter(self) -> None:
        """Show only the chosen skills once there are some (the PKSB is big)."""
        chosen = any(r.relevant for g in self.model.groups for r in g.skills)
        remembered = QSettings().value("matrix/relevant_only")
        self.relevant_only.setChecked(
            chosen if remembered is None else remembered in (True, "true")
        )
        first = self.proxy.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(
                self.proxy.index(0, 0, first) if self.proxy.hasChildren(first) else first
            )

    def _set_filter(self, **changes) -> None:
        self.proxy.set_filter(**changes)
        self.tree.expandAll()

    # Editing ---------------------------------------------------

    def model_row(self, code: str):
        """The shown row of a skill by its code (None when there is none)."""
        return next((r for g in self.model.groups for r in g.skills if r.code == code), None)

    def request_edit(self, skill: str, field: str, value) -> bool:
        """Called by the model: push an undoable command for the change."""
        row = next((r for g in self.model.groups for r in g.skills if r.skill == skill), None)
        if row is None or self.snapshot is None:
            return False
        old = {
            "current": row.current,
            "target": row.target,
            "note": row.note,
            "relevant": row.relevant,
            "mentor": row.mentor_rating,
        }[field]
        if old == value:
            return False
        command = EditCommand(self, self.snapshot.uuid, skill, field, old, value)
        self.session.undo_stack.push(command)
        return not command.isObsolete()

    def apply(self, snapshot_uuid: str, skill_uuid: str, field: str, value) -> bool:
        """Write one change through the core and show the result."""
        try:
            snapshot = matrix.get_snapshot(snapshot_uuid)
            skill = Skill.get_by_id(skill_uuid)
            if field == "mentor":
                note = next(
                    r.mentor_note
                    for g in self.model.groups
                    for r in g.skills
                    if r.skill == skill_uuid
                )
                matrix.set_mentor_rating(snapshot, skill, self.session.actor, value, note)
            else:
                matrix.set_rating(snapshot, skill, self.session.actor, **{field: value})
        except WorkbenchError as exc:
            show_error(self, exc, "Cannot change the rating")
            return False
        if self.snapshot and self.snapshot.uuid == snapshot_uuid:
            self.model.set_rows(matrix.matrix_rows(self.snapshot), self.scale)
        self.session.notify("ratings")
        return True

    def start_first_snapshot(self) -> None:
        try:
            matrix.begin_snapshot(self.session.portfolio, self.session.actor, "start")
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self.session.notify("matrix")

    def new_snapshot(self) -> None:
        dialog = NewSnapshotDialog(self)
        if not dialog.exec():
            return
        self.save_area_comment()
        try:
            matrix.begin_snapshot(
                self.session.portfolio,
                self.session.actor,
                dialog.kind.currentData(),
                label=dialog.label.text(),
            )
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self.snapshot = None  # show the new, latest snapshot
        self.session.undo_stack.clear()
        self.session.notify("matrix")
        self.session.message.emit("New snapshot started; the earlier one is kept as it was.")

    def add_custom_skill(self) -> None:
        group = self._current_group()
        if group is None:
            show_error(self, WorkbenchError("Select an area (or a skill in it) first."))
            return
        name, ok = QInputDialog.getText(
            self, "Add my own skill", literal(f"A skill of your own under “{group.name}”:")
        )
        if not ok or not name.strip():
            return
        try:
            matrix.add_custom_skill(
                self.session.portfolio, Area.get_by_id(group.uuid), self.session.actor, name
            )
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self.session.notify("matrix")

    # Area comments ---------------------------------------------------

    def _current_group(self):
        return self.model.group_at(self.proxy.mapToSource(self.tree.currentIndex()))

    def _show_area_comment(self) -> None:
        self.save_area_comment()
        group = self._current_group()
        row = self.model.row_at(self.proxy.mapToSource(self.tree.currentIndex()))
        self.skill_info.setText(
            f"<b>{escape(row.name)}</b>: {escape(row.description)}" if row else ""
        )
        self.skill_info.setVisible(row is not None)
        self.skill_thread.set_target(row.skill if row else None)
        editable = bool(group and self.snapshot and self.model.mentee_can_edit)
        self.comment_edit.blockSignals(True)
        if group is None or self.snapshot is None:
            self.comment_label.setText("Select a skill or an area to see its comment.")
            self.comment_edit.setPlainText("")
            self.comment_area = None
        else:
            self.comment_label.setText(f"How I will show learning in <b>{escape(group.name)}</b>:")
            self.comment_edit.setPlainText(matrix.area_comments(self.snapshot).get(group.uuid, ""))
            self.comment_area = group.uuid
        self.comment_edit.blockSignals(False)
        self.comment_edit.setReadOnly(not editable)

    def _comment_typed(self) -> None:
        self.comment_dirty = True
        self.comment_timer.start()

    def save_area_comment(self) -> None:
        """Save a pending area comment now (also on switching area or closing)."""
        self.comment_timer.stop()
        if not self.comment_dirty or self.comment_area is None:
            return
        self.comment_dirty = False
        try:
            matrix.set_area_comment(
                self.snapshot,
                Area.get_by_id(self.comment_area),
                self.session.actor,
                self.comment_edit.toPlainText(),
            )
        except WorkbenchError as exc:
            show_error(self, exc, "Cannot save the area comment")

    def save_pending(self) -> bool:
        self.save_area_comment()
        self._save_columns()
        return True

    # Remembered layout ---------------------------------------------------

    def _restore_columns(self) -> None:
        state = QSettings().value("matrix/header")
        if state is not None:
            self.tree.header().restoreState(state)
        else:
            self.tree.setColumnWidth(SKILL, 360)
            for column in (RELEVANT, CURRENT, TARGET, MENTOR):
                self.tree.setColumnWidth(column, 120)
            self.tree.setColumnWidth(GAP, 60)
        splitter = QSettings().value("matrix/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def _save_columns(self) -> None:
        QSettings().setValue("matrix/header", self.tree.header().saveState())
        QSettings().setValue("matrix/splitter", self.splitter.saveState())
        QSettings().setValue("matrix/relevant_only", self.relevant_only.isChecked())

    def screenshot_states(self):
        return [
            ("compare", lambda: self.tabs.setCurrentIndex(1)),
            ("chart", lambda: self.tabs.setCurrentIndex(2)),
            ("ratings", lambda: self.tabs.setCurrentIndex(0)),
        ]
