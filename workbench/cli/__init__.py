"""The headless commands (``python main.py COMMAND``); ``main.py`` reads only the names here,
so opening the GUI loads none of the commands."""

COMMANDS = (
    "new",
    "demo",
    "matrix",
    "import-framework",
    "check",
    "comments",
    "export",
    "import-docx",
)
COMMANDS += ("pack", "unpack", "fingerprint")  # cli/exchange.py
COMMANDS += ("readiness", "cpd", "meetings")  # cli/journey.py
COMMANDS += ("backups", "restore")
COMMANDS += ("submission",)  # cli/submission.py
