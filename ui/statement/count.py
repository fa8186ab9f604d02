"""The word count under the statement: "742 / 1000 words" and the words per criterion."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QWidget

from workbench.frameworks.routes import CountRules, Route
from workbench.statement.wordcount import StatementCounter, WordCount


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
        self.counter: StatementCounter | None = None

    def show_text(self, text: str, route: Route) -> WordCount:
        """Count ``text`` (called on every keystroke: only changed lines are read again)."""
        if self.counter is None or self.counter.route != route:
            self.counter = StatementCounter(route)
        count = self.counter.count(text)
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
