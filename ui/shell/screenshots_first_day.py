"""Screenshots of a brand-new portfolio, seen by its mentee and by its mentor.

Every view of a new portfolio is empty, and each must say what to do in it.
The portfolio is marked as a sample, so it opens without touching the
identity of this computer's user.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from workbench.sample.new_portfolio import build_new_portfolio
from workbench.store.portfolios import MENTEE, MENTOR, open_portfolio, person_with_role


def save_first_day(window, folder: Path, grab, settle) -> None:
    """new-mentee-<view>.png and new-mentor-<view>.png for every view."""
    root = build_new_portfolio(Path(tempfile.mkdtemp(prefix="workbench-shots-")) / "new")
    if not window.close_portfolio():  # the sample open before goes first, and its status line
        return
    window._show_portfolio(open_portfolio(root), remember=False)  # not among the recent
    for role in (MENTEE, MENTOR):
        window.act_as(person_with_role(window.session.portfolio, role))
        for key in window.view_keys:
            window.show_view(key)
            settle()
            grab(folder / f"new-{role}-{key}.png")
    _send_on(window, folder, settle)
    window.close_portfolio()


def _send_on(window, folder: Path, settle) -> None:
    """The offer after "Send for review…" (shown, not acted on)."""
    from ui.statement.send import SendOnDialog

    window.act_as(person_with_role(window.session.portfolio, MENTEE))
    dialog = SendOnDialog(window, 1)
    dialog.show()
    settle()
    dialog.grab().save(str(folder / "new-mentee-send-for-review.png"))
    dialog.done(0)
