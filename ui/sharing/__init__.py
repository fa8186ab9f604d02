"""Sharing packages, the sync folder and the mentor's sign-off in the GUI."""
