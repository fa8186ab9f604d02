"""Plumbing shared by every view: the session, plain text, dialogs, keys."""
