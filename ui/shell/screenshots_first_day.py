"""Screenshots of a brand-new portfolio, seen by its mentee and by its mentor.

Every view of a new portfolio is empty, and each must say what to do in it.
The portfolio is marked as a sample, so it opens without touching the
identity of this computer's user.
"""

from __future__ import annotations

import tempfile
import uuid
from datetime import date, timedelta
from pathlib import Path

from workbench.frameworks.library import builtin_framework
from workbench.store.identity import Identity
from workbench.store.portfolios import (
    MENTEE,
    MENTOR,
    add_member,
    create_portfolio,
    ensure_person,
    open_portfolio,
    person_with_role,
    set_setting,
)


def build_new_portfolio(root: Path) -> Path:
    """A portfolio as the wizard makes it, with the mentor joined; nothing else."""
    mentee = Identity(uuid=str(uuid.uuid4()), name="Alex Reader")
    with create_portfolio(
        root,
        mentee,
        route="chartership",
        mentor_name="Sam Okafor",
        target_date=date.today() + timedelta(days=300),
        framework=builtin_framework(),
    ) as opened:
        me = ensure_person(mentee)
        mentor = ensure_person(Identity(uuid=str(uuid.uuid4()), name="Sam Okafor"))
        add_member(opened.portfolio, me, mentor, MENTOR)
        set_setting("demo", "1")  # opens as its mentee, with Act as
    return root


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
