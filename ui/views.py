"""The views of the main window, in sidebar order.

A view is a QWidget subclass with class attributes ``key`` (a short name),
``title`` (the sidebar text) and ``icon`` (a QStyle standard pixmap name), a
constructor ``(session, parent=None)``, and ``refresh(what: set)`` called when
``session.changed`` names something it shows ("all" means everything). It may
offer ``screenshot_states()``: (name, callable) pairs that put it into extra
states worth a screenshot.
"""


def view_classes() -> list:
    from .matrix_view import MatrixView
    from .overview import OverviewView

    return [OverviewView, MatrixView]
