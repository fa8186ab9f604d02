"""The ratings tree of the Gap matrix view: a drop-down of the framework's scale
for the rating columns, and the keys that rate a skill without opening it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QStyledItemDelegate, QTreeView

from ui.matrix.model import RATING_COLUMNS, RELEVANT, MatrixModel


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
