"""The views of the main window, in sidebar order, and extra menu actions.

A view is a QWidget subclass with a constructor ``(session, parent=None)`` and
``refresh(what: set)``, called when ``session.changed`` names something it
shows ("all" means everything). It may offer ``screenshot_states()``: (name,
callable) pairs that put it into extra states worth a screenshot, and
``save_pending()`` returning False to stop the portfolio from closing, and
``select(target)`` when others may ask to show something in it
(``session.go_to(key, target)``). Its
module is not imported at start-up: the window imports it once it has painted and
is idle (``ui.shell.window_views``), or when the view is first shown.

A menu installer is a function ``install(window)`` that adds actions to
``window.menus`` ("file", "edit", "view", "tools", "help"); actions that need
an open portfolio read ``window.session`` when triggered, and what follows the
open portfolio connects to ``window.session_changed``. What others need to
reach is registered by name (``window.add_part``, see ``ui.shell.window_parts``). Installers import
heavy modules (Word, cryptography) inside their actions, not at the top.
"""

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from ui.evidence.check_menu import install as install_evidence_check
from ui.sharing.menu import install as install_sharing
from ui.statement.focus import install as install_focus
from ui.submission.actions import install as install_submission
from ui.word.actions import install as install_word
from workbench.store.roles import MENTEE

# The sidebar's icons, one per view, named by its key (drawn for this project).
VIEW_ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons" / "views"


@dataclass(frozen=True)
class ViewEntry:
    key: str  # a short name, used by show_view()
    title: str  # the sidebar text
    where: str  # "module:Class"
    roles: tuple[str, ...] = ()  # the roles it is shown to; () for everyone

    @property
    def icon_file(self) -> str:
        return str(VIEW_ICONS / f"{self.key}.svg")

    @property
    def module(self) -> str:
        return self.where.partition(":")[0]

    def load(self) -> type:
        module, _, name = self.where.partition(":")
        return getattr(import_module(module), name)


VIEWS = (
    ViewEntry("overview", "Overview", "ui.journey.overview:OverviewView"),
    ViewEntry("matrix", "Gap matrix", "ui.matrix.view:MatrixView"),
    ViewEntry("evidence", "Evidence", "ui.evidence.view:EvidenceView"),
    ViewEntry("coverage", "Coverage", "ui.evidence.coverage:CoverageView"),
    ViewEntry("statement", "Statement", "ui.statement.view:StatementView"),
    ViewEntry("cpd", "CPD log", "ui.journey.cpd_view:CpdView"),
    ViewEntry("mentoring", "Mentoring", "ui.journey.mentoring_view:MentoringView"),
    # Private to the mentee: last, so the other views keep their Ctrl+number.
    ViewEntry(
        "journal",
        "Journal (private)",
        "ui.journey.journal_view:JournalView",
        roles=(MENTEE,),  # the candidate's own notebook: a mentor's copy has none
    ),
)


# Each view's name as the sidebar shows it, for the buttons that lead to it.
VIEW_TITLES = {entry.key: entry.title for entry in VIEWS}


def menu_installers() -> list:
    return [
        install_evidence_check,
        install_word,
        install_submission,
        install_sharing,
        install_focus,
    ]
