"""A record given as itself or by its uuid: how every service takes what the UI holds.

The UI passes uuids (``workbench.store.handles``); the core and the CLI may pass
the records they hold. ``record_of`` turns either into the record, or raises
``NotFound`` with the caller's sentence (``{uuid}`` in it names the one asked for).
"""

from __future__ import annotations

from workbench.errors import NotFound


def record_of(model, value, missing: str, live: bool = False):
    """The ``model`` record ``value`` is or names; with ``live``, a tombstone is missing too."""
    if isinstance(value, model):
        return value
    record = model.get_or_none(model.uuid == value)
    if record is None or (live and record.deleted):
        raise NotFound(missing.format(uuid=value))
    return record
