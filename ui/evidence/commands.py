"""Undo commands for evidence.

A command's ``redo``/``undo`` each call one workbench service, then tell the
session that evidence changed. Deleting only sets the tombstone, so undo
restores the item and its file; files are collected when the portfolio closes.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from workbench.errors import WorkbenchError
from workbench.evidence import library as evidence

FIELD_NAMES = {
    "title": "title",
    "evidence_type": "type",
    "item_date": "date",
    "description": "description",
    "reflection": "reflection",
    "url": "web address",
}
TEXT_MERGE_ID = 3101


class EvidenceCommand(QUndoCommand):
    """Base: runs a service as the session's actor and reports errors to the session."""

    def __init__(self, session, text: str):
        super().__init__(text)
        self.session = session

    def run(self, action) -> bool:
        try:
            action()
        except WorkbenchError as exc:
            self.session.message.emit(str(exc))
            self.setObsolete(True)
            return False
        self.session.notify("evidence")
        return True


class EditCommand(EvidenceCommand):
    """A change to one field of one item; typing in the same field merges into one step."""

    def __init__(self, session, uuid: str, label: str, field: str, old, new):
        super().__init__(session, f"edit {FIELD_NAMES.get(field, field)} of {label}")
        self.uuid, self.field, self.old, self.new = uuid, field, old, new

    def _apply(self, value) -> None:
        item = evidence.get_item(self.uuid)
        self.run(lambda: evidence.update_item(item, self.session.actor, **{self.field: value}))

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)

    def id(self) -> int:
        return TEXT_MERGE_ID if self.field in ("description", "reflection") else -1

    def mergeWith(self, other) -> bool:
        if not isinstance(other, EditCommand) or (other.uuid, other.field) != (
            self.uuid,
            self.field,
        ):
            return False
        self.new = other.new
        return True


class LinksCommand(EvidenceCommand):
    """Set the criteria and skills an item is linked to."""

    def __init__(self, session, uuid: str, label: str, old: tuple, new: tuple, text: str = ""):
        super().__init__(session, text or f"change the links of {label}")
        self.uuid, self.old, self.new = uuid, old, new

    def _apply(self, links: tuple) -> None:
        item = evidence.get_item(self.uuid)
        criteria, skills = links
        self.run(
            lambda: evidence.set_links(item, self.session.actor, criteria=criteria, skills=skills)
        )

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class DeleteCommand(EvidenceCommand):
    """Delete items (tombstones); undo restores them with their links and files."""

    def __init__(self, session, uuids: list[str], labels: list[str]):
        super().__init__(session, f"delete {', '.join(labels)}")
        self.uuids = uuids

    def _set(self, deleted: bool) -> None:
        items = [evidence.get_item(uuid) for uuid in self.uuids]
        self.run(lambda: evidence.set_deleted(items, self.session.actor, deleted))

    def redo(self) -> None:
        self._set(True)

    def undo(self) -> None:
        self._set(False)


class AddedCommand(DeleteCommand):
    """Items that were just added: undo deletes them, redo brings them back."""

    def __init__(self, session, uuids: list[str], labels: list[str]):
        super().__init__(session, uuids, labels)
        self.setText(f"add {labels[0]}" if len(labels) == 1 else f"add {len(labels)} items")
        self.first = True

    def redo(self) -> None:
        if self.first:  # the items exist already; the first redo is the adding itself
            self.first = False
            return
        self._set(False)

    def undo(self) -> None:
        self._set(True)
