"""The Qt bindings must not drop references to None.

PySide6 6.12.0 did, once per call of any method returning nothing; on Python
3.11 a long session (typing in the statement calls thousands of them) then
aborts with "deallocating None". pyproject.toml excludes that release; this
test catches any other release that does the same.
"""

import sys

from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QLabel, QPlainTextEdit


def test_calls_returning_nothing_keep_none_alive(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert sys.getrefcount(None) - before > -1000


def test_a_highlighter_setting_formats_keeps_none_alive(qapp):
    class Bold(QSyntaxHighlighter):
        def highlightBlock(self, text):  # noqa: N802
            self.setFormat(0, len(text), QTextCharFormat())

    editor = QPlainTextEdit()
    editor.setPlainText("\n".join(["a line of the statement"] * 200))
    highlighter = Bold(editor.document())
    before = sys.getrefcount(None)
    for _ in range(10):
        highlighter.rehighlight()
    assert sys.getrefcount(None) - before > -1000
