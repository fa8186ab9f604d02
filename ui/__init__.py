"""The PySide6 user interface; it calls workbench/ services and shows results."""
