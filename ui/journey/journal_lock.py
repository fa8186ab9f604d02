"""The padlock that marks the journal as private, drawn in the palette's text colour."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap


def lock_pixmap(size: int = 16) -> QPixmap:
    ratio = (
        QGuiApplication.primaryScreen().devicePixelRatio()
        if QGuiApplication.primaryScreen()
        else 1.0
    )
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    ink = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(ink, max(1.5, size / 9))
    painter.setPen(pen)
    shackle = QRectF(size * 0.28, size * 0.08, size * 0.44, size * 0.5)
    painter.drawArc(shackle, 0, 180 * 16)
    painter.drawLine(shackle.left(), shackle.center().y(), shackle.left(), size * 0.45)
    painter.drawLine(shackle.right(), shackle.center().y(), shackle.right(), size * 0.45)
    painter.setBrush(ink)
    painter.drawRoundedRect(QRectF(size * 0.15, size * 0.45, size * 0.7, size * 0.48), 2, 2)
    painter.end()
    return pixmap


def lock_icon() -> QIcon:
    return QIcon(lock_pixmap(16))
