"""A brand-new sample portfolio: as the wizard makes it, with the mentor
joined, and nothing else (the first-day screenshots and their tests)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

from workbench.frameworks.library import builtin_framework
from workbench.store.identity import Identity
from workbench.store.portfolios import (
    MENTOR,
    add_member,
    create_portfolio,
    ensure_person,
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
