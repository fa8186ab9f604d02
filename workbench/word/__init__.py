"""Word documents: export, reading, and bringing a mentor's review back."""
