"""Competency frameworks and the registration routes."""
