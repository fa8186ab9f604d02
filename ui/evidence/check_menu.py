"""Tools ▸ Check evidence files…, installed when the window is built.

The check itself (``ui.evidence.check``, which reads the evidence store) is
imported when first asked for, so a portfolio paints without it.
"""

from __future__ import annotations

from PySide6.QtGui import QAction


def install(window) -> None:
    """Add Tools ▸ Check evidence files… to the main window."""
    action = QAction("Check &evidence files…", window)
    action.setStatusTip("Check that every stored evidence file is present and unchanged")

    def run() -> None:
        if window.session is None:
            return
        from ui.evidence.check import IntegrityCheck

        check = window.reused(
            "evidence-check",
            lambda: IntegrityCheck(window.session, window),
            fresh=lambda part: part.session is window.session,
        )
        check.start()

    action.triggered.connect(run)
    window.menus["tools"].addAction(action)
