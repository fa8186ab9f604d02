"""A preview of an evidence file: images, the first page of a PDF, or the start
of a text file. Anything else is opened with the system's program."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy

PREVIEW_LIMIT = 64 * 1024 * 1024  # larger files are not read just to preview them
TEXT_SUFFIXES = {".txt", ".csv", ".md", ".eml", ".log", ".json", ".xml", ".html", ".htm"}
TEXT_BYTES = 4000
TEXT_LINES = 12
MAX_HEIGHT = 300


def _looks_like_pdf(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(5) == b"%PDF-"


def render_pdf_page(path: Path, width: int) -> QImage | None:
    """The first page of a PDF as an image ``width`` pixels wide, or None if it cannot be read."""
    try:
        import pypdfium2 as pdfium  # loaded on the first PDF preview, not at start-up
    except ImportError:  # the preview is a convenience; opening the file still works
        return None
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return None
    try:
        if len(document) == 0:
            return None
        page = document[0]
        scale = width / max(page.get_width(), 1)
        bitmap = page.render(scale=scale, prefer_bgrx=True)
        image = QImage(
            bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32
        ).copy()  # own the pixels before the bitmap is freed
        bitmap.close()
        page.close()
        return image
    finally:
        document.close()


def read_image(path: Path) -> QImage | None:
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    image = reader.read()
    return None if image.isNull() else image


def read_text(path: Path) -> str:
    with open(path, "rb") as handle:
        data = handle.read(TEXT_BYTES)
    lines = data.decode("utf-8", "replace").splitlines()
    more = "\n…" if len(lines) > TEXT_LINES else ""
    return "\n".join(lines[:TEXT_LINES]) + more


class PreviewLabel(QLabel):
    """Shows an image scaled to its width, or a line of text saying why there is none."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumHeight(120)
        self.setMaximumHeight(MAX_HEIGHT + 8)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Preview")
        self.kind = "none"  # "image", "pdf", "text", "none"
        self._image: QImage | None = None

    def show_message(self, text: str) -> None:
        self.kind = "none"
        self._image = None
        self.setMinimumHeight(60)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setText(text)

    def show_file(self, path: Path, source_name: str, size: int) -> None:
        """Preview a checked stored file; ``source_name`` tells its type."""
        if size > PREVIEW_LIMIT:
            self.show_message("This file is large; open it to see it.")
            return
        suffix = Path(source_name).suffix.lower()
        width = 600  # rendered once, then scaled to fit the panel
        if suffix == ".pdf" or _looks_like_pdf(path):
            image = render_pdf_page(path, width)
            if image is not None:
                self._show_image(image, "pdf")
                return
            self.show_message("This PDF cannot be previewed. Open it with your usual program.")
            return
        image = read_image(path)
        if image is not None:
            self._show_image(image, "image")
            return
        if suffix in TEXT_SUFFIXES:
            self.kind = "text"
            self._image = None
            self.setMinimumHeight(160)
            self.setTextFormat(Qt.TextFormat.PlainText)
            self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.setText(read_text(path))
            return
        kind = suffix.lstrip(".").upper() or "this kind of"
        self.show_message(f"No preview for {kind} files. Press Open to see it in its program.")

    def _show_image(self, image: QImage, kind: str) -> None:
        self.kind = kind
        self._image = image
        self.setText("")
        self._fit()

    def _fit(self) -> None:
        if self._image is None:
            return
        box = QSize(max(self.width() - 16, 120), MAX_HEIGHT)
        pixmap = QPixmap.fromImage(self._image)
        if pixmap.width() > box.width() or pixmap.height() > box.height():
            pixmap = pixmap.scaled(
                box,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self.setMinimumHeight(pixmap.height() + 8)  # the layout must not crop the picture
        self.setPixmap(pixmap)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._image is not None and abs(event.size().width() - event.oldSize().width()) > 8:
            self._fit()
