"""The views of the main window, in sidebar order, and extra menu actions.

A view is a QWidget subclass with class attributes ``key`` (a short name),
``title`` (the sidebar text) and ``icon`` (a QStyle.StandardPixmap name such
as "SP_FileIcon"), a constructor ``(session, parent=None)``, and
``refresh(what: set)`` called when ``session.changed`` names something it
shows ("all" means everything). It may offer ``screenshot_states()``: (name,
callable) pairs that put it into extra states worth a screenshot, and
``save_pending()`` returning False to stop the portfolio from closing.

A menu installer is a function ``install(window)`` that adds actions to
``window.menus`` ("file", "edit", "view", "tools", "help"); actions that need
an open portfolio read ``window.session`` when triggered.
"""


def view_classes() -> list:
    from .cpd_view import CpdView
    from .evidence_coverage import CoverageView
    from .evidence_view import EvidenceView
    from .matrix_view import MatrixView
    from .mentoring_view import MentoringView
    from .overview import OverviewView
    from .statement_view import StatementView

    return [
        OverviewView,
        MatrixView,
        EvidenceView,
        CoverageView,
        StatementView,
        CpdView,
        MentoringView,
    ]


def menu_installers() -> list:
    from .evidence_check import install as install_evidence_check
    from .sharing import install as install_sharing
    from .word_actions import install as install_word

    return [install_evidence_check, install_word, install_sharing]
