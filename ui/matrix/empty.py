"""The line above an empty gap matrix: why no skill is listed, and the way to see them."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton

from ui.common.plain import plain_label


class EmptyMatrixNote(QFrame):
    """Shown while the filters hide every skill; "Show all skills" clears them."""

    def __init__(self, show_all, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = plain_label()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Why no skill is listed")
        self.button = QPushButton("Show all skills")
        self.button.clicked.connect(show_all)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def update_for(self, shown: int, relevant_only: bool, chosen: bool, mentee: bool) -> None:
        """``shown`` rows on screen; ``chosen`` whether any skill is marked relevant."""
        if shown:
            self.hide()
            return
        if relevant_only and not chosen:
            self.label.setText(
                "No skills chosen yet. Show all skills, then tick “Relevant to me” for the "
                "six to twelve that matter most in your role."
                if mentee
                else "Your mentee has not chosen their skills yet. Show all skills to see "
                "the whole framework."
            )
        else:
            self.label.setText("No skill matches the search and filters.")
        self.show()
