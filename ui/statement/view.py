"""The Statement view: write the statement, send versions, read comments and redlines.

The mentee writes in the working draft (autosaved a second after typing stops,
and when the editor loses focus or the portfolio closes). Any version can be
read, commented on (select words, then Comment), or compared with another.
The mentor only reads: the editor is read-only and the core refuses changes.
Commenting and reading (citations, redlines) are mixins of their own.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialogs import show_error
from ui.common.plain import plain_label
from ui.statement.comment_panel import CommentPanel
from ui.statement.commenting import StatementCommenting
from ui.statement.count import WordCountBar
from ui.statement.editor import StatementEditor
from ui.statement.reading import StatementReading
from ui.statement.redline import RedlineView
from ui.statement.screenshot_states import writing_states
from ui.statement.versions import DRAFT, VersionList
from ui.statement.writing import Writing
from workbench.errors import WorkbenchError
from workbench.frameworks.routes import get_route
from workbench.statement import drafts

AUTOSAVE_MS = 1000
PLACEHOLDER = (
    "Write your reflective statement here.\n\n"
    "Start a section per criterion with a heading such as “## Personal performance”, "
    "use *emphasis* and “- ” for lists, and cite evidence as [E1]."
)


class StatementView(Writing, StatementCommenting, StatementReading, QWidget):
    evidence_requested = Signal(str)  # the uuid of a cited evidence item

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.shown: str | None = None  # DRAFT or a version uuid
        self.version_for_comments = None  # the version whose comments the panel shows
        self.dirty = False
        self._loading = False
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_pending)
        self._build()
        # The first visit paints the text, then reads the comments (see paintEvent).
        self.comments_pending, self._building = False, True
        self.refresh({"all"})
        self._building = False
        self._restore_layout()

    # Building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.editor = StatementEditor()
        self.main_widget = self.editor  # where Ctrl+5 puts the keyboard
        self.editor.document().contentsChange.connect(self._contents_changed)
        self.editor.selectionChanged.connect(self._update_actions)
        self.editor.citation_activated.connect(self._open_citation)
        self.editor.citation_touched.connect(self._describe_citation)
        self.editor.mark_clicked.connect(self._mark_clicked)
        self.editor.focus_lost.connect(self.save_pending)
        self.editor.spelling.checker.unavailable.connect(self.session.message)
        self.redline = RedlineView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.editor)
        self.stack.addWidget(self.redline)
        self.documents = VersionList()
        self.documents.chosen.connect(self.show_document)
        self.documents.itemClicked.connect(lambda _item: self.leave_comparison())
        self.panel = CommentPanel(self.session)
        self.panel.comment_activated.connect(self._card_activated)
        self.panel.compose_closed.connect(self.editor.setFocus)
        self.panel.state_filter.currentIndexChanged.connect(self._apply_marks)
        self.panel.author_filter.currentIndexChanged.connect(self._apply_marks)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.documents)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([180, 600, 320])
        self.draft_note = plain_label()
        self.draft_note.setWordWrap(True)
        self.draft_note.setAccessibleName("Where comments sit on the draft")
        self.draft_note.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.draft_note)
        layout.addWidget(self._build_outline())
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self._build_find())
        layout.addLayout(self._count_bar())

    def _button(self, text: str, tip: str, slot, shortcut: str | None = None) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        button.clicked.connect(slot)
        if shortcut:
            action = QAction(self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(button.click)
            self.addAction(action)
        return button

    def _toolbar(self) -> QHBoxLayout:
        self.send_button = self._button(
            "Send for review…",
            "Freeze the draft as a new version for your mentor",
            self.ask_send_for_review,
            "Ctrl+Shift+S",
        )
        self.comment_button = self._button(
            "Comment",
            "Comment on the selected words of this version",
            self.start_comment,
            "Ctrl+Alt+M",
        )
        self.compare_from = QComboBox()
        self.compare_from.setAccessibleName("Compare from version")
        self.compare_to = QComboBox()
        self.compare_to.setAccessibleName("Compare to version")
        self.compare_button = self._button(
            "Show changes", "Show what changed between the two versions", self.compare
        )
        self.review_button = self._button(
            "Changes since review",
            "What changed since the mentor last commented on a version",
            self.show_changes_since_review,
        )
        for keys, step in (("F8", 1), ("Shift+F8", -1)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, step=step: self.step_comment(step))
            self.addAction(action)
        row = QHBoxLayout()
        row.addWidget(self.send_button)
        row.addWidget(self.comment_button)
        row.addStretch(1)
        row.addWidget(QLabel("Compare"))
        row.addWidget(self.compare_from)
        row.addWidget(QLabel("with"))
        row.addWidget(self.compare_to)
        row.addWidget(self.compare_button)
        row.addWidget(self.review_button)
        return row

    def _count_bar(self) -> QHBoxLayout:
        self.counter = WordCountBar()
        self.count_icon = self.counter.icon
        self.count_label = self.counter.label
        self.sections_label = self.counter.sections
        self.save_label = QLabel()
        self.close_changes = QToolButton()
        self.close_changes.setText("Back to the text")
        self.close_changes.setAccessibleName("Back to the text")
        self.close_changes.clicked.connect(self.leave_comparison)
        self.arrived_label = plain_label()
        self.arrived_label.setAccessibleName("New version")
        self.arrived_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.counter, 1)
        row.addWidget(self.arrived_label)
        row.addWidget(self.save_label)
        row.addWidget(self._build_focus())
        row.addWidget(self.close_changes)
        return row

    # Refreshing -------------------------------------------------------------------------

    def refresh(self, what: set) -> None:
        if not what & {"statement", "comments", "evidence", "all", "portfolio"}:
            return
        self.route = get_route(self.session.info.route)
        titles = drafts.evidence_titles(self.session.portfolio)
        if what & {"statement", "all", "portfolio"}:
            self.editor.evidence = titles  # highlighted with them as the text is loaded below
            self._fill_documents()
        else:
            self.editor.set_evidence(titles)
            self._show_comments()
        self._update_actions()

    def _fill_documents(self) -> None:
        known = {info.uuid for info in self.infos} if hasattr(self, "infos") else None
        self.infos = drafts.version_infos(self.session.portfolio)
        arrived = self._arrived(known)
        keep = arrived.uuid if arrived else self.shown
        self.documents.fill(self.infos, with_draft=self.session.is_mentee)
        for combo in (self.compare_from, self.compare_to):
            combo.clear()
            for info in self.infos:
                combo.addItem(f"Version {info.number}", info.uuid)
        self.compare_from.setCurrentIndex(max(0, len(self.infos) - 2))
        self.compare_to.setCurrentIndex(len(self.infos) - 1)
        wanted = keep if self.documents.row_of(keep) >= 0 else self.documents.first_key()
        self.shown = None
        self.show_document(wanted)
        if arrived is not None:
            self._say_arrived(arrived)

    def _arrived(self, known: set[str] | None):
        """The newest version that came from the other person since the list was last filled."""
        if known is None:
            return None
        fresh = [i for i in self.infos if i.uuid not in known and i.author != self.session.me.uuid]
        return max(fresh, key=lambda info: info.number, default=None)

    def _say_arrived(self, info) -> None:
        text = f"{info.title} arrived from {info.author_name}: it is shown now."
        self.arrived_label.setText(text)
        self.arrived_label.show()
        self.session.message.emit(text)

    def leave_comparison(self) -> None:
        """Back from a redline to the text of the chosen draft or version."""
        self.stack.setCurrentWidget(self.editor)
        self._update_actions()

    def show_document(self, key: str | None) -> None:
        """Show the working draft (DRAFT) or a version (its uuid)."""
        self.save_pending()
        self.arrived_label.hide()
        self.stack.setCurrentWidget(self.editor)
        self.shown = key
        self.documents.mark_current(key)
        if key is None:
            text = ""
            self.editor.setPlaceholderText(
                "No version has been sent for review yet. When the mentee sends one, "
                "it appears here for your comments."
            )
        elif key == DRAFT:
            self.draft_writer = self.session.actor  # saves go out as them, even mid-switch
            text = drafts.working_text(self.session.portfolio)
            self.editor.setPlaceholderText(PLACEHOLDER)
        else:
            text = drafts.version_text(key)
        marks = []
        # On the first visit, a version's comments wait for the first paint; with no
        # version there are none, and the panel says what to do at once.
        self.comments_pending = self._building and bool(self.infos)
        if not self.comments_pending:
            self._fill_panel()
            marks = self._marks_on(text)
        self._loading = True
        # The text and its comment highlights in one load: highlighting a long text costs.
        self.editor.load(text, marks, read_only=key != DRAFT)
        self._loading = False
        self.dirty = False
        self.save_label.setText("")
        self._update_count()
        self._update_actions()

    # Writing ------------------------------------------------------------------------------

    def _contents_changed(self, position: int, removed: int, added: int) -> None:
        """A real edit (highlighting alone changes no characters)."""
        if self._loading or not (removed or added):
            return
        self.word_count = self.counter.show_edit(self.editor.document(), position, added)
        if self.shown == DRAFT and not self.editor.isReadOnly():
            if not self.dirty:  # said once, not on every key
                self.dirty = True
                self.save_label.setText("Editing…")
            self.autosave.start()

    def save_pending(self) -> bool:
        """Save the draft if it changed (the main window calls this before closing)."""
        self.autosave.stop()
        if not self.dirty or self.shown != DRAFT:
            return True
        try:
            drafts.save_working_copy(
                self.session.portfolio, self.draft_writer, self.editor.toPlainText()
            )
        except WorkbenchError as exc:
            show_error(self, exc)
            return False
        self.dirty = False
        self.save_label.setText("All changes saved")
        return True

    def _update_count(self) -> None:
        self.word_count = self.counter.show_document(self.editor.document(), self.route)

    def ask_send_for_review(self) -> None:
        label, ok = QInputDialog.getText(
            self,
            "Send for review",
            "A short label for this version (optional), e.g. “After our March meeting”:",
        )
        if ok:
            self.send_for_review(label)

    def send_for_review(self, label: str = "") -> bool:
        if not self.save_pending():
            return False
        try:
            version = drafts.send_draft(self.session.portfolio, self.session.actor, label)
        except WorkbenchError as exc:
            show_error(self, exc)
            return False
        self.session.message.emit(f"Version {version.number} is ready for your mentor.")
        self.session.notify("statement", "comments")
        from ui.statement.send import offer_sending  # the exchange code loads when first sending

        self.send_on = offer_sending(self.window(), version.number)
        return True

    # State -----------------------------------------------------------------------------------

    def _update_actions(self) -> None:
        mentee = self.session.is_mentee
        self.send_button.setVisible(mentee)
        on_version = self.shown not in (None, DRAFT)
        has_selection = self.editor.textCursor().hasSelection()
        self.comment_button.setEnabled(on_version and has_selection)
        if not on_version:
            self.comment_button.setToolTip(
                "Comments attach to a version: choose one on the left, select words, "
                "then press Comment (Ctrl+Alt+M)."
            )
        else:
            self.comment_button.setToolTip("Comment on the selected words (Ctrl+Alt+M)")
        several = len(getattr(self, "infos", [])) >= 2
        for widget in (self.compare_from, self.compare_to, self.compare_button):
            widget.setEnabled(several)
        self.review_button.setEnabled(bool(getattr(self, "infos", [])))
        self.close_changes.setVisible(self.stack.currentWidget() is self.redline)
        self._update_outline_offer()

    def _restore_layout(self) -> None:
        state = QSettings().value("statement/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        self.splitter.splitterMoved.connect(
            lambda *_: QSettings().setValue("statement/splitter", self.splitter.saveState())
        )

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.save_pending()
        super().hideEvent(event)

    def screenshot_states(self) -> list:
        def latest_with_comment():
            if self.infos:
                self.show_document(self.infos[-1].uuid)
                if self.panel.views:
                    self._select_comment(self.panel.views[0].uuid)

        states = [("comments", latest_with_comment), ("redline", self.show_changes_since_review)]
        return states + writing_states(self)
