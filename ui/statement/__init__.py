"""The Statement view: editor, versions, redline, word count and comments."""
