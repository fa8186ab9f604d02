"""The *Prepare submission* dialog: what the readiness check finds missing (each with
a button to the place that fixes it), where to write the folder or zip, and
whether to add the combined PDF. The work runs in the job runner with
progress and Cancel; the summary says what was written and what was not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.common import jobs
from ui.common.dialogs import show_error
from ui.common.keyboard import main_button
from ui.common.plain import literal, plain_label
from ui.shell.views import VIEW_TITLES
from workbench.errors import SubmissionError, WorkbenchError
from workbench.submission.bundle import build_bundle
from workbench.submission.names import safe_stem
from workbench.submission.office import office_program
from workbench.submission.plan import gather_plan

FOLDER_KEY = "submission/folder"
TITLE = "Prepare submission"


class SubmissionDialog(QDialog):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.plan = gather_plan(session.opened)
        self.result = None
        self.job = None
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(600)

        layout = QVBoxLayout(self)
        layout.addWidget(self._checklist())

        where = QGroupBox("Write")
        grid = QGridLayout(where)
        self.as_folder = QRadioButton("A folder")
        self.as_zip = QRadioButton("A zip file (one upload)")
        self.as_folder.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.as_folder, self.as_zip):
            group.addButton(button)
            button.toggled.connect(self._suffix_changed)
        kinds = QHBoxLayout()
        kinds.addWidget(self.as_folder)
        kinds.addWidget(self.as_zip)
        kinds.addStretch(1)
        grid.addLayout(kinds, 0, 0, 1, 3)
        self.path_edit = QLineEdit(str(self._default_path()))
        self.path_edit.setAccessibleName("Where to write the submission")
        browse = QPushButton("Choose…")
        browse.setAccessibleName("Choose where to write the submission")
        browse.clicked.connect(self.choose_path)
        grid.addWidget(QLabel("Save as:"), 1, 0)
        grid.addWidget(self.path_edit, 1, 1)
        grid.addWidget(browse, 1, 2)
        self.pdf = QCheckBox("Also the whole portfolio as one PDF, with bookmarks and links")
        self.pdf.setAccessibleName("Also the whole portfolio as one PDF")
        if office_program() is None:
            self.pdf.setEnabled(False)
            self.pdf.setToolTip("The combined PDF needs LibreOffice, which is not installed.")
        else:
            self.pdf.setChecked(True)
            self.pdf.setToolTip("Citations such as [E3] open their item; each item leads back.")
        grid.addWidget(self.pdf, 2, 0, 1, 3)
        contents = plain_label(self._contents_text())
        contents.setWordWrap(True)
        grid.addWidget(contents, 3, 0, 1, 3)
        layout.addWidget(where)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        label = "Prepare anyway" if self.plan.missing else "Prepare"
        self.prepare_button = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.prepare)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        main_button(self, self.prepare_button)

    # The readiness check ---------------------------------------------------------------

    def _checklist(self) -> QWidget:
        box = QGroupBox("Before you submit")
        outer = QVBoxLayout(box)
        if not self.plan.missing:
            outer.addWidget(plain_label("Everything your route asks for is in place."))
            return box
        count = len(self.plan.missing)
        intro = plain_label(
            f"{count} thing{'s' if count > 1 else ''} the route asks for "
            f"{'are' if count > 1 else 'is'} not done yet. You can prepare the submission "
            "anyway (to read it through, or for your mentor), or fix them first."
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        rows = QWidget()
        grid = QGridLayout(rows)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, item in enumerate(self.plan.missing):
            text = plain_label(f"{item.title}: {item.reason}")
            text.setWordWrap(True)
            grid.addWidget(text, n, 0, Qt.AlignmentFlag.AlignVCenter)
            go = QPushButton(f"Open {VIEW_TITLES.get(item.place, item.place)}")
            go.setAccessibleName(f"{go.text()} to fix: {item.title}")
            go.clicked.connect(lambda _=False, place=item.place: self.fix(place))
            grid.addWidget(go, n, 1, Qt.AlignmentFlag.AlignVCenter)
        grid.setColumnStretch(0, 1)
        scroll = QScrollArea()
        scroll.setWidget(rows)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumHeight(min(260, 44 * count + 8))
        outer.addWidget(scroll)
        return box

    def fix(self, place: str) -> None:
        self.reject()
        self.session.go_to(place)

    def _contents_text(self) -> str:
        files = sum(1 for item in self.plan.items if item.kind == "file")
        return (
            f"The statement (Word and PDF), the PKSB report, the evidence index and "
            f"{files} evidence file{'s' if files != 1 else ''}, each named by its number "
            "(E03 …), with the CV, job description and sign-off when present."
        )

    # Where -----------------------------------------------------------------------------

    def _default_path(self) -> Path:
        folder = QSettings().value(FOLDER_KEY, "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(folder or Path.home()) / safe_stem(f"{self.plan.candidate} submission")

    def _suffix_changed(self) -> None:
        path = Path(self.path_edit.text().strip() or self._default_path())
        if self.as_zip.isChecked() and path.suffix.lower() != ".zip":
            path = path.with_name(path.name + ".zip")
        elif self.as_folder.isChecked() and path.suffix.lower() == ".zip":
            path = path.with_suffix("")
        self.path_edit.setText(str(path))

    def choose_path(self) -> None:
        if self.as_zip.isChecked():
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Save the submission", self.path_edit.text(), "Zip files (*.zip)"
            )
        else:
            parent = QFileDialog.getExistingDirectory(
                self, "Choose the folder to put the submission in", str(self.target().parent)
            )
            chosen = str(Path(parent) / self.target().name) if parent else ""
        if chosen:
            self.path_edit.setText(chosen)

    def target(self) -> Path:
        text = self.path_edit.text().strip()
        if not text:
            raise SubmissionError("Choose where to write the submission.")
        path = Path(text).expanduser()
        if self.as_zip.isChecked() and path.suffix.lower() != ".zip":
            path = path.with_name(path.name + ".zip")
        return path

    # Doing it --------------------------------------------------------------------------

    def prepare(self) -> None:
        try:
            out = self.target()
            if not out.parent.is_dir():
                raise SubmissionError(f"The folder {out.parent} does not exist.")
        except WorkbenchError as exc:
            show_error(self, exc, TITLE)
            return
        replace = out.exists() and not (out.is_dir() and not any(out.iterdir()))
        if replace and not self._confirm_replace(out):
            return
        plan, pdf = self.plan, self.pdf.isChecked()

        def work(context):  # off the GUI thread: the plan is plain data, files only
            return build_bundle(
                plan,
                out,
                pdf=pdf,
                replace=replace,
                cancelled=context.cancelled,
                progress=context.progress,
            )

        self.prepare_button.setEnabled(False)
        self.job = jobs.start(
            work,
            parent=self,
            label="Preparing the submission…",
            title=TITLE,
            on_done=self._done,
            on_error=self._failed,
            on_cancel=lambda: self.prepare_button.setEnabled(True),
        )

    def _confirm_replace(self, out: Path) -> bool:
        answer = QMessageBox.question(
            self,
            "Replace it?",
            literal(f"{out.name} is already in {out.parent}. Replace it with the new submission?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _failed(self, message: str) -> None:
        self.prepare_button.setEnabled(True)
        show_error(self, SubmissionError(message), TITLE)

    def _done(self, result) -> None:
        self.result = result
        QSettings().setValue(FOLDER_KEY, str(result.path.parent))
        self.session.message.emit(f"Submission written to {result.path}")
        summary = SummaryDialog(result, self.parentWidget())
        summary.open()
        self.summary = summary
        self.accept()


class SummaryDialog(QDialog):
    """What was written, and each file that was not, in plain sentences."""

    def __init__(self, result, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Submission ready")
        self.result = result
        lines = result.summary()
        layout = QVBoxLayout(self)
        head = plain_label(lines[0])
        head.setWordWrap(True)
        layout.addWidget(head)
        if len(lines) > 1:
            details = plain_label("\n".join(f"• {line}" for line in lines[1:]))
            details.setWordWrap(True)
            details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            scroll = QScrollArea()
            scroll.setWidget(details)
            scroll.setWidgetResizable(True)
            scroll.setMinimumSize(560, min(320, 40 * len(lines)))
            layout.addWidget(scroll)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        show = buttons.addButton("Show in folder", QDialogButtonBox.ButtonRole.ActionRole)
        show.clicked.connect(self.show_folder)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def show_folder(self) -> None:
        path = self.result.path
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path if path.is_dir() else path.parent)))
