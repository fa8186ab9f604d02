"""The reflective statement: text, versions, redlines and comments."""
