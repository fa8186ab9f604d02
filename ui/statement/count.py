"""The word count under the statement: "742 / 1000 words" and the words per criterion.

It is taken on every keystroke. ``BlockCounts`` keeps the count of each text
block of the editor and, after an edit, reads again only the blocks it changed
(the core's ``StatementCounter`` counts each line and sums them), so typing
never copies or splits the whole statement.
"""

from __future__ import annotations

from itertools import chain

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QWidget

from workbench.frameworks.routes import CountRules, Route
from workbench.statement.wordcount import LineCount, StatementCounter, WordCount


def plain_lines(block_text: str) -> list[str]:
    """The lines of one block as ``QTextDocument.toPlainText`` gives them (the saved text)."""
    if block_text.isascii():
        return [block_text]
    return block_text.replace("\xa0", " ").replace("\u2028", "\n").split("\n")


class BlockCounts:
    """The line counts of each block of a document, kept up to date edit by edit."""

    def __init__(self, route: Route):
        self.counter = StatementCounter(route)
        self.blocks: list[tuple[LineCount, ...]] = []
        self.last: WordCount | None = None  # the total of the blocks as they are

    def _read(self, text: str) -> tuple[LineCount, ...]:
        return tuple(self.counter.line(line) for line in plain_lines(text))

    def read_all(self, document: QTextDocument) -> WordCount:
        self.blocks = []
        block = document.firstBlock()
        while block.isValid():
            self.blocks.append(self._read(block.text()))
            block = block.next()
        return self.total()

    def edited(self, document: QTextDocument, position: int, added: int) -> WordCount:
        """After ``contentsChange``: read the blocks from ``position`` to the end of what
        was added; the blocks after them are the old ones, shifted."""
        first = document.findBlock(position)
        last = document.findBlock(min(position + added, document.characterCount() - 1))
        if not first.isValid() or not last.isValid():
            return self.read_all(document)
        new = []
        block = first
        while True:
            new.append(self._read(block.text()))
            if block == last:
                break
            block = block.next()
        grown = document.blockCount() - len(self.blocks)
        replaced = slice(first.blockNumber(), last.blockNumber() + 1 - grown)
        if not grown and self.blocks[replaced] == new and self.last is not None:
            return self.last  # a key within a word: every line counts as before
        self.blocks[replaced] = new
        if len(self.blocks) != document.blockCount():  # never expected; count it all anew
            return self.read_all(document)
        return self.total()

    def total(self) -> WordCount:
        self.last = self.counter.total(chain.from_iterable(self.blocks))
        return self.last


class WordCountBar(QWidget):
    """Shows a count plainly; going over the limit is said, never prevented."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.icon = QLabel()
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(warning.pixmap(16, 16))
        self.icon.setToolTip("Over the word limit")
        self.label = QLabel()
        self.label.setAccessibleName("Word count")
        self.sections = QLabel()
        self.sections.setAccessibleName("Words per criterion")
        self.sections.setWordWrap(True)  # a narrow window wraps the sections, never cuts them
        self.sections.setToolTip(
            "Words under each criterion's heading, against the route's budget for it "
            "(a guide to balance the sections, not a rule)"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.icon)
        layout.addWidget(self.label)
        layout.addWidget(self.sections, 1)
        self.count: WordCount | None = None
        self.counts: BlockCounts | None = None

    def show_document(self, document: QTextDocument, route: Route) -> WordCount:
        """Count the whole document (when it is loaded, or the route changes)."""
        if self.counts is None or self.counts.counter.route != route:
            self.counts = BlockCounts(route)
            self.count = None  # another route: its limit and rules are shown anew
        return self.show(self.counts.read_all(document), route)

    def show_edit(self, document: QTextDocument, position: int, added: int) -> WordCount:
        """Count again after an edit (on every keystroke): only the blocks it changed."""
        return self.show(self.counts.edited(document, position, added), self.counts.counter.route)

    def show(self, count: WordCount, route: Route) -> WordCount:
        if count == self.count:
            return count  # most keys leave the count as it was: nothing to show anew
        label = f"{count.words} / {count.limit} words"
        if count.over:
            label = f"<b>{label} — {count.over} over the limit</b>"
        self.label.setText(label)
        self.icon.setVisible(bool(count.over))
        self.label.setToolTip(
            "Counted as the route counts: "
            + ", ".join(describe_rules(route.count_rules))
            + ". Going over is allowed while drafting."
        )
        self.sections.setText("  ·  ".join(section_label(s) for s in count.sections))
        self.count = count
        return count


def section_label(section) -> str:
    """ "Personal performance: 210 / 330", with the words over its budget if any."""
    if section.budget is None:
        return f"{section.name}: {section.words}"
    label = f"{section.name}: {section.words} / {section.budget}"
    return f"{label} ({section.over} over)" if section.over else label


def describe_rules(rules: CountRules) -> list[str]:
    return [
        "headings not counted" if rules.exclude_headings else "headings counted",
        "citations not counted" if rules.exclude_citations else "citations counted",
        "quotations not counted" if rules.exclude_quotations else "quotations counted",
    ]
