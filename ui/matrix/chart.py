"""A bar chart of the chosen areas: start, now and target, per area.

Colour never carries meaning alone: each series has its own fill pattern, a
legend entry and value labels on the bars.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from workbench.matrix.comparison import AreaSummary


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class MatrixChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName("Chart of areas: start, now and target")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)

    def show_summaries(
        self,
        start: list[AreaSummary],
        now: list[AreaSummary],
        start_label: str,
        now_label: str,
        maximum: int,
    ) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        palette = self.palette()
        self.chart.setTheme(
            QChart.ChartTheme.ChartThemeDark
            if _is_dark(palette)
            else QChart.ChartTheme.ChartThemeLight
        )
        self.chart.setBackgroundBrush(palette.brush(QPalette.ColorRole.Base))
        if not now:
            self.chart.setTitle("")
            self.caption.setText(
                "Nothing to chart yet: tick the skills relevant to you and give them a current "
                "and a target rating."
            )
            return
        before = {a.area: a for a in start}
        names = [a.name for a in reversed(now)]
        series = QHorizontalBarSeries()
        sets = (
            (
                start_label,
                [before[a.area].current if a.area in before else 0 for a in reversed(now)],
                Qt.BrushStyle.Dense5Pattern,
            ),
            (f"Now: {now_label}", [a.current for a in reversed(now)], Qt.BrushStyle.SolidPattern),
            ("Target", [a.target for a in reversed(now)], Qt.BrushStyle.BDiagPattern),
        )
        accent = palette.color(QPalette.ColorRole.Highlight)
        colours = (QColor(accent).lighter(160), accent, QColor(accent).darker(150))
        for (name, values, pattern), colour in zip(sets, colours, strict=True):
            bar_set = QBarSet(name)
            bar_set.append([round(v, 1) for v in values])
            bar_set.setBrush(QBrush(colour, pattern))
            bar_set.setBorderColor(palette.color(QPalette.ColorRole.Text))
            bar_set.setLabelColor(palette.color(QPalette.ColorRole.Text))
            series.append(bar_set)
        series.setBarWidth(0.9)  # each bar as tall as its label: equal values' labels apart
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(names)
        values = QValueAxis()
        values.setRange(0, maximum)
        values.setTickCount(maximum + 1)
        values.setLabelFormat("%d")
        values.setTitleText("Average rating of your chosen skills")
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        self.chart.setTitle(
            "Your chosen areas: where you started, where you are, where you aim to be"
        )
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.caption.setText(
            "Each bar is the average rating of the skills you chose in that area. "
            "Patterns: dotted = start, solid = now, hatched = target."
        )
