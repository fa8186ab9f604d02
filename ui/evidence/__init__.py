"""The Evidence and Coverage views, their models, dialogs and workers."""
