"""What the Statement view offers for writing, gathered as one mixin: the outline
of an empty statement, find and replace, and focus mode (each in its own module)."""

from __future__ import annotations

from ui.statement.find_replace import StatementFinding
from ui.statement.focus import StatementFocus
from ui.statement.outline import StatementOutline


class Writing(StatementFocus, StatementOutline, StatementFinding):
    """The writing aids of the Statement view."""
