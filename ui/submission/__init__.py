"""File → Prepare submission…: the readiness check, then the folder or zip (and PDF)."""
