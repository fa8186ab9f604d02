"""The way to registration: CPD, mentoring, readiness and reminders."""
