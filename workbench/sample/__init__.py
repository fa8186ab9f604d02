"""The sample portfolios."""
