"""The export dialog: which parts to include, where to save, and what is left to fix."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialogs import show_error
from ui.common.jobs import Cancelled, run_modal
from ui.common.keyboard import main_button
from ui.common.overwrite import confirm_overwrite
from ui.common.plain import plain_label
from workbench.errors import DocxError, WorkbenchError
from workbench.word.export import (
    REVIEW,
    ExportContent,
    ExportOptions,
    build_docx,
    export_warnings,
    save_docx,
)
from workbench.word.gather import gather_content

FOLDER_KEY = "word/export-folder"
TITLES = {REVIEW: "Export review copy", "submission": "Export for submission"}


class ExportDialog(QDialog):
    """Gathers the content once, then lets the user choose the parts and the file."""

    def __init__(self, session, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.kind = kind
        self.saved_to: Path | None = None
        self.asked: Path | None = None  # a path the save dialog already confirmed
        self.content: ExportContent = gather_content(session.portfolio, kind)
        self.setWindowTitle(TITLES[kind])
        self.setMinimumWidth(520)

        intro = plain_label(self._intro())
        intro.setWordWrap(True)
        self.word_count = self._option("Word count", "The count under the route's rules")
        self.evidence = self._option(
            "Evidence appendix", "Each item with its date, criteria and skills; [E1] links to it"
        )
        self.pksb = self._option("PKSB table", "The skills you chose, start against end")
        self.resolved = self._option(
            "Resolved comments, marked resolved",
            "Your mentor sees the whole conversation; Word and LibreOffice show them as resolved",
            checked=False,
        )
        parts = QGroupBox("Include")
        parts_layout = QVBoxLayout(parts)
        for box in (self.word_count, self.evidence, self.pksb, self.resolved):
            parts_layout.addWidget(box)
        self.resolved.setVisible(kind == REVIEW and any(c.resolved for c in self.content.comments))

        self.path_edit = QLineEdit(str(self._default_path()))
        self.path_edit.setAccessibleName("File to save")
        self.path_edit.setToolTip("Where the Word file will be saved")
        browse = QPushButton("Choose…")
        browse.setAccessibleName("Choose where to save")
        browse.clicked.connect(self.choose_path)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("Save as:", where)

        self.warning_icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.warning_icon.setPixmap(icon.pixmap(size, size))
        self.warning_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.warnings = plain_label()
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Things to check before sending")
        warning_row = QHBoxLayout()
        warning_row.addWidget(self.warning_icon)
        warning_row.addWidget(self.warnings, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(parts)
        layout.addLayout(form)
        layout.addLayout(warning_row)
        layout.addWidget(buttons)
        main_button(self, self.export_button)  # Enter exports, even from the file name
        self.update_warnings()

    def _intro(self) -> str:
        if self.kind == REVIEW:
            n = sum(1 for c in self.content.comments if not c.resolved)
            return (
                f"A Word copy of {self.content.version_label.lower()} for your mentor, with "
                f"{n} open comment{'s' if n != 1 else ''} as Word comments and their replies "
                "as Word replies. Their comments, replies and resolved marks come back with "
                "File > Import reviewed Word file."
            )
        return "The statement as you have it now, ready to upload as a Word file (or save as PDF)."

    def _option(self, text: str, tip: str, checked: bool = True) -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(checked)
        box.setToolTip(tip)
        box.setAccessibleName(text)
        box.toggled.connect(self.update_warnings)
        return box

    def options(self) -> ExportOptions:
        return ExportOptions(
            word_count=self.word_count.isChecked(),
            evidence=self.evidence.isChecked(),
            pksb=self.pksb.isChecked(),
            resolved=self.kind == REVIEW and self.resolved.isChecked(),
        )

    def update_warnings(self) -> None:
        found = export_warnings(self.content, self.kind, self.options())
        self.warnings.setText("\n".join(f"• {text}" for text in found))
        self.warning_icon.setVisible(bool(found))
        self.warnings.setVisible(bool(found))

    def _default_path(self) -> Path:
        folder = QSettings().value(FOLDER_KEY, "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        suffix = "review copy" if self.kind == REVIEW else "statement"
        name = f"{self.content.candidate} - {suffix}.docx".replace("/", "-")
        return Path(folder or Path.home()) / name

    def choose_path(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the Word file", self.path_edit.text(), "Word documents (*.docx)"
        )
        if chosen:
            self.path_edit.setText(chosen)
            self.asked = Path(chosen)  # the save dialog asked about replacing it

    def target(self) -> Path:
        text = self.path_edit.text().strip()
        if not text:
            raise DocxError("Choose where to save the Word file.")
        path = Path(text).expanduser()
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        if not path.parent.is_dir():
            raise DocxError(f"The folder {path.parent} does not exist.")
        return path

    def export(self) -> None:
        content, kind, options = self.content, self.kind, self.options()

        def job(context):  # off the GUI thread: plain data in, a file written atomically
            data = build_docx(content, kind, options)
            context.check()
            return save_docx(data, path, cancelled=context.cancelled)

        try:
            path = self.target()
            if not confirm_overwrite(self, path, self.asked):
                return
            run_modal(self, "Writing the Word file…", job, title="Word")
        except Cancelled:
            return
        except WorkbenchError as exc:
            show_error(self, exc, TITLES[self.kind])
            return
        QSettings().setValue(FOLDER_KEY, str(path.parent))
        self.saved_to = path
        self.session.message.emit(f"Saved {path.name} in {path.parent}")
        self.accept()
