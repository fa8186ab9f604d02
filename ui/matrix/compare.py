"""The Compare and Chart pages of the Gap matrix view: two snapshots side by
side, and the areas' ratings at the start and now.

A mixin of MatrixView, kept apart so each module stays short.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.common.plain import plain_label
from ui.matrix.model import ComparisonModel
from workbench.matrix import comparison


class MatrixComparison:
    """Needs ``snapshots``, ``snapshot``, ``scale``, ``chart``, ``chart_page`` and
    ``_refresh_tab`` from the view."""

    def _compare_page(self) -> QWidget:
        self.before_box = QComboBox()
        self.before_box.setAccessibleName("Compare from snapshot")
        self.after_box = QComboBox()
        self.after_box.setAccessibleName("Compare to snapshot")
        for box in (self.before_box, self.after_box):
            box.currentIndexChanged.connect(lambda _: self._refresh_tab())
        self.comparison = ComparisonModel(self)
        self.compare_table = QTableView()
        self.compare_table.setModel(self.comparison)
        self.compare_table.setAccessibleName("Comparison of two snapshots")
        self.compare_table.setAlternatingRowColors(True)
        self.compare_table.setSortingEnabled(False)
        header = self.compare_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 240)  # long area names wrap rather than squeeze the skills
        self.compare_table.verticalHeader().hide()
        self.compare_summary = plain_label()
        row = QHBoxLayout()
        row.addWidget(QLabel("From:"))
        row.addWidget(self.before_box)
        row.addWidget(QLabel("to:"))
        row.addWidget(self.after_box)
        row.addStretch()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.compare_table, 1)
        layout.addWidget(self.compare_summary)
        return page

    def _refresh_comparison(self) -> None:
        before = self._chosen(self.before_box)
        after = self._chosen(self.after_box)
        if before is None or after is None:
            self.comparison.set_rows([])
            self.compare_summary.setText("Take at least two snapshots to compare them.")
            return
        rows = comparison.compare(before.uuid, after.uuid)
        self.comparison.set_rows(rows)
        up = sum(1 for r in rows if (r.change or 0) > 0)
        self.compare_summary.setText(
            f"{len(rows)} chosen skills; {up} improved from “{before.label}” to “{after.label}”."
        )

    def _refresh_chart(self) -> None:
        if self.chart is None:
            from ui.matrix.chart import MatrixChart  # QtCharts loads when the chart is first shown

            self.chart = MatrixChart()
            self.chart_page.layout().addWidget(self.chart)
        start = self.snapshots[0] if self.snapshots else None
        now = self.snapshot
        self.chart.show_summaries(
            comparison.area_summaries(start.uuid) if start else [],
            comparison.area_summaries(now.uuid) if now else [],
            start.label if start else "",
            now.label if now else "",
            max((level.value for level in self.scale), default=4),
        )

    def _chosen(self, box: QComboBox):
        index = box.currentIndex()
        return self.snapshots[index] if 0 <= index < len(self.snapshots) else None
