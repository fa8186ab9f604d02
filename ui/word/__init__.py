"""Word export and import dialogs and their worker."""
