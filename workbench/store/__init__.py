"""Storage: the database, models, portfolios and roles, the user's identity and key."""
