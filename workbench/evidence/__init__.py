"""The evidence library, its files and the content-addressed blob store."""
