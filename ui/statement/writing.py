"""What the Statement view offers for writing, gathered as one mixin: the outline
of an empty statement, find and replace, focus mode and quoting a passage from the
journal (each in its own module)."""

from __future__ import annotations

from ui.statement.find_replace import StatementFinding
from ui.statement.focus import StatementFocus
from ui.statement.outline import StatementOutline
from ui.statement.quoting import StatementQuoting


class Writing(StatementFocus, StatementOutline, StatementFinding, StatementQuoting):
    """The writing aids of the Statement view."""
