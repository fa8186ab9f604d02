"""The revalidation statement drafted from the CPD log: an outline of the last
12 months, under a heading per criterion, for the member to rewrite.
"""

from __future__ import annotations

import re
from datetime import date

from workbench.dates import long_date
from workbench.frameworks.routes import get_route
from workbench.journey.cpd import activities, summary
from workbench.statement.drafts import save_working_copy, working_text
from workbench.store.models import Person, Portfolio
from workbench.store.portfolios import MENTEE, require_role


def statement_outline(portfolio: Portfolio, as_of: date | None = None) -> str:
    """A first draft of the reflective statement, built from the last 12 months of CPD.

    It lists what was done and the member's own reflections, under a heading per
    criterion, for the member to cut down and rewrite in their own voice.
    """
    facts = summary(portfolio, as_of)
    route = get_route(portfolio.route)
    rows = [
        r for r in activities(portfolio) if facts.window_start <= r.activity_date <= facts.as_of
    ]
    rows.sort(key=lambda r: -r.hours)
    lines = [
        f"In the 12 months to {long_date(facts.as_of)} I logged {facts.hours:g} hours of CPD "
        f"across {facts.activities} activities, "
        f"{facts.participatory_hours:g} of them participatory.",
        "",
    ]
    reflections = [r for r in rows if r.reflection]
    for index, criterion in enumerate(route.criteria):
        lines.append(f"## {criterion.name}")
        lines.append("")
        for row in reflections[index :: len(route.criteria)][:2]:
            lines.append(f"- {row.title} ({row.hours:g} h): {_first_sentence(row.reflection)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def draft_statement(portfolio: Portfolio, actor: Person, as_of: date | None = None) -> str:
    """Put the outline built from the log into the statement; return the text it had.

    An existing draft is kept: the outline goes below it, for the member to merge.
    """

    require_role(portfolio, actor, MENTEE)
    before = working_text(portfolio)
    outline = statement_outline(portfolio, as_of)
    text = f"{before.rstrip()}\n\n{outline}" if before.strip() else outline
    save_working_copy(portfolio, actor, text)
    return before
