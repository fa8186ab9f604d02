"""The mentoring workbench core: plain Python, no Qt."""

APP_NAME = "Mentoring Workbench"
APP_SLUG = "mentoring-workbench"
__version__ = "0.1.0"
