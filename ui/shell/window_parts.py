"""What menu installers add to the main window, found by name instead of attributes.

A mixin of MainWindow. An installer (see ``ui.shell.views``) registers what
others need to reach: ``window.add_part("sync", controller)``, and anyone with
the window asks for it by that name: ``window.part("sync")``. The names in use:

- "send-action", "open-package-action", "sharing-settings-action",
  "mentor-home-action", "signoff-action", "sync" (the sync folder's controller):
  ``ui.sharing.menu`` ("sync" is made when first asked for: ``add_lazy_part``);
- "guide", "mentor-home", "evidence-check": windows shown once and then reused.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject


class WindowParts:
    """Needs ``parts`` (a dict) from the window."""

    def add_part(self, name: str, part):
        self.parts[name] = part
        return part

    def add_lazy_part(self, name: str, make: Callable[[], object]) -> None:
        """Register ``make``: the part is made the first time ``part(name)`` asks for it."""
        self.parts[name] = _Lazy(make)

    def part(self, name: str):
        if name not in self.parts:
            raise KeyError(
                f"The main window has no part named {name!r}; see ui.shell.window_parts."
            )
        part = self.parts[name]
        if isinstance(part, _Lazy):
            part = self.parts[name] = part.make()
        return part

    def reused(self, name: str, make: Callable[[], QObject], fresh=lambda _part: True):
        """The part ``name``, made the first time, and again when ``fresh(part)`` is False."""
        part = self.parts.get(name)
        if part is None or not fresh(part):
            if part is not None:
                part.deleteLater()
            part = self.add_part(name, make())
        return part


class _Lazy:
    """A part not made yet (``WindowParts.add_lazy_part``)."""

    def __init__(self, make: Callable[[], object]):
        self.make = make
