"""The Gap matrix view: rate skills per snapshot, compare snapshots, see a chart.

The view builds the pages and loads a snapshot; changing ratings (editing), the
area comments and the Compare and Chart pages (compare) are mixins of their own.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.common.keyboard import FieldText
from ui.matrix.area_comments import MatrixAreaComments
from ui.matrix.compare import MatrixComparison
from ui.matrix.editing import MatrixEditing
from ui.matrix.empty import EmptyMatrixNote
from ui.matrix.model import (
    CURRENT,
    GAP,
    MENTOR,
    RELEVANT,
    SKILL,
    TARGET,
    MatrixFilter,
    MatrixModel,
)
from ui.matrix.tree import MatrixTree, RatingDelegate
from ui.statement.comment_panel import CommentThread
from ui.statement.spelling_menu import check_spelling
from workbench.dates import long_date, short_date
from workbench.matrix import ratings as matrix
from workbench.matrix.listing import snapshot_list


class MatrixView(MatrixEditing, MatrixAreaComments, MatrixComparison, QWidget):
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
        self.default_filter_pending = True  # chosen with the first rows, before they show
        self.refresh({"all"})
        self._restore_columns()
        self._select_first_skill()  # the rows were expanded as they arrived

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
        self.relevant_only = QCheckBox()  # its text is the reader's (_word_for_role)
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
        self.comment_spelling = check_spelling(self.comment_edit)
        self._word_for_role()
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

    # Refreshing ---------------------------------------------------

    def refresh(self, what: set) -> None:
        if not what & {"all", "matrix", "portfolio"}:
            return
        self.scale = matrix.portfolio_scale(self.session.portfolio)
        self._fill_snapshots()
        self._fill_areas()
        self._load_snapshot()

    def _fill_snapshots(self) -> None:
        """Refill the three snapshot lists quietly; the caller loads what they show."""
        self.snapshots = snapshot_list(self.session.portfolio)
        uuids = [s.uuid for s in self.snapshots]
        keep = self.snapshot.uuid if self.snapshot and self.snapshot.uuid in uuids else None
        first, last = (uuids[0], uuids[-1]) if uuids else (None, None)
        chosen = keep or last
        picks = {self.snapshot_box: chosen, self.before_box: first, self.after_box: last}
        for box, pick in picks.items():
            box.blockSignals(True)
            box.clear()
            for snapshot in self.snapshots:
                box.addItem(f"{snapshot.label} — {short_date(snapshot.taken_on)}", snapshot.uuid)
            box.setCurrentIndex(box.findData(pick))
            box.blockSignals(False)
        self.snapshot = self.snapshots[uuids.index(chosen)] if chosen else None

    def _fill_areas(self) -> None:
        current = self.area_box.currentData()
        self.area_box.blockSignals(True)
        self.area_box.clear()
        self.area_box.addItem("All areas", "")
        for uuid, label in matrix.area_choices(self.session.portfolio):
            self.area_box.addItem(label, uuid)
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
        frozen = has_snapshot and self.snapshot.frozen
        rows = matrix.matrix_rows(self.snapshot.uuid) if has_snapshot else []
        if self.default_filter_pending:
            self.default_filter_pending = False
            self._choose_default_filter(rows)
        # Permissions first: on the first load the model is still empty, so only the
        # rows arrive (one reset), not a change to every cell's flags after them.
        self.model.set_permissions(
            mentee=has_snapshot and self.session.is_mentee and not frozen,
            mentor=has_snapshot and self.session.is_mentor,
        )
        self.model.set_rows(rows, self.scale)
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
        self._word_for_role()
        self._show_area_comment()
        self._refresh_tab()
        self._update_empty_note()

    def _word_for_role(self) -> None:
        """The filter and the area comment as the reader sees them: a mentor reads the
        mentee's choice of skills and the mentee's comments."""
        if self.session.is_mentor:
            self.relevant_only.setText("Only the mentee's &chosen skills")
            self.comment_edit.setPlaceholderText(
                "The mentee has not written how they will show learning in this area yet."
            )
        else:
            self.relevant_only.setText("Only skills &relevant to me")
            self.comment_edit.setPlaceholderText(
                "How will you show learning in this area? Assessors read these comments."
            )

    def _banner_text(self, has_snapshot: bool, frozen: bool) -> str:
        if not has_snapshot:
            return "No ratings yet. Press “Start rating” to take your first (start) snapshot."
        if frozen:
            return (
                f"“{self.snapshot.label}” is kept as it was on "
                f"{long_date(self.snapshot.taken_on)}. "
                "Choose the latest snapshot to change ratings."
            )
        return "You are viewing as the mentor: the mentee's ratings are read-only."

    def _refresh_tab(self) -> None:
        if self.tabs.currentIndex() == 1:
            self._refresh_comparison()
        elif self.tabs.currentIndex() == 2:
            self._refresh_chart()

    def _choose_default_filter(self, rows) -> None:
        """Show only the chosen skills once there are some (the PKSB is big).

        Chosen before the first rows reach the model, so they arrive filtered: filtering
        them after they arrived removes the unchosen skills area by area."""
        chosen = any(r.relevant for r in rows)
        remembered = QSettings().value("matrix/relevant_only")
        on = chosen if remembered is None else remembered in (True, "true")
        self.relevant_only.blockSignals(True)
        self.relevant_only.setChecked(on)
        self.relevant_only.blockSignals(False)
        self.proxy.set_filter(relevant_only=on)

    def _select_first_skill(self) -> None:
        first = self.proxy.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(
                self.proxy.index(0, 0, first) if self.proxy.hasChildren(first) else first
            )

    def _set_filter(self, **changes) -> None:
        self.proxy.set_filter(**changes)
        self.tree.expandAll()

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
