"""A new statement started from the route's outline: a heading per criterion, each
with a one-line prompt (``outline_prompt`` in resources/routes.json) to write over.

The headings name the criteria as the word count reads them, so each section
is counted against its budget from the first word.
"""

from __future__ import annotations

from workbench.frameworks.routes import Route, outline_prompt


def statement_outline(route: Route) -> str:
    """The outline of a statement for ``route``: "## <criterion>" and the prompt, for each."""
    prompt = outline_prompt()
    parts = []
    for criterion in route.criteria:
        parts += [f"## {criterion.name}", "", prompt, ""]
    return "\n".join(parts).rstrip() + "\n"
