"""The Overview, CPD log, Mentoring views and the mentor's home."""
