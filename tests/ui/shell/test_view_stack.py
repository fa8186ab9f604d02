"""The stack of views is sized by the view it shows: a switch asks no other view."""

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.shell.view_stack import CurrentViewLayout


class CountingPage(QWidget):
    """A page with a wrapped label that counts how often it is asked for its sizes."""

    def __init__(self, text: str):
        super().__init__()
        self.asked = 0
        label = QLabel(text)
        label.setWordWrap(True)
        QVBoxLayout(self).addWidget(label)

    def sizeHint(self):  # noqa: N802 - Qt's name
        self.asked += 1
        return super().sizeHint()

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        self.asked += 1
        return QSize(200, 120)


def test_showing_a_page_asks_only_that_page_for_its_size(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    stack = CurrentViewLayout(holder)
    pages = [CountingPage("A long wrapped explanation. " * 20) for _ in range(3)]
    for page in pages:
        stack.addWidget(page)
    holder.resize(640, 480)
    holder.show()
    qtbot.waitExposed(holder)
    for shown in (1, 2, 0, 2):
        for page in pages:
            page.asked = 0
        stack.setCurrentIndex(shown)
        holder.adjustSize()  # asks the layout for its sizes, as a splitter does
        qtbot.wait(10)
        assert [page.asked > 0 for page in pages] == [n == shown for n in range(3)]
        assert pages[shown].geometry() == holder.rect()  # the shown view fills the area
    assert stack.minimumSize() == QSize(200, 120)
    assert not stack.hasHeightForWidth()  # the wrapped labels are measured inside the page
