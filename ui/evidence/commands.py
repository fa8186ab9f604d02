"""Undo commands for evidence.

A command's ``redo``/``undo`` each call one workbench service, then tell the
session that evidence changed. Deleting only sets the tombstone, so undo
restores the item and its file; files are collected when the portfolio closes.
"""

from __future__ import annotations

from ui.common.undo import ServiceCommand
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


class EvidenceCommand(ServiceCommand):
    """Base: runs a service as the session's actor and reports errors to the session."""

    def __init__(self, session, text: str, *, already_done: bool = False):
        super().__init__(session, text, "evidence", already_done=already_done)


class EditCommand(EvidenceCommand):
    """A change to one field of one item; typing in the same field merges into one step."""

    def __init__(self, session, uuid: str, label: str, field: str, old, new):
        super().__init__(session, f"edit {FIELD_NAMES.get(field, field)} of {label}")
        self.uuid, self.field, self.old, self.new = uuid, field, old, new

    def _apply(self, value) -> None:
        evidence.update_item(self.uuid, self.session.actor, **{self.field: value})

    def forward(self) -> None:
        self._apply(self.new)

    def backward(self) -> None:
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
        criteria, skills = links
        evidence.set_links(self.uuid, self.session.actor, criteria=criteria, skills=skills)

    def forward(self) -> None:
        self._apply(self.new)

    def backward(self) -> None:
        self._apply(self.old)


class DeleteCommand(EvidenceCommand):
    """Delete items (tombstones); undo restores them with their links and files."""

    def __init__(self, session, uuids: list[str], labels: list[str], **kwargs):
        super().__init__(session, f"delete {', '.join(labels)}", **kwargs)
        self.uuids = uuids

    def _set(self, deleted: bool) -> None:
        evidence.set_deleted(self.uuids, self.session.actor, deleted)

    def forward(self) -> None:
        self._set(True)

    def backward(self) -> None:
        self._set(False)


class AddedCommand(DeleteCommand):
    """Items that were just added: undo deletes them, redo brings them back."""

    def __init__(self, session, uuids: list[str], labels: list[str]):
        # the items exist already; the first redo is the adding itself
        super().__init__(session, uuids, labels, already_done=True)
        self.setText(f"add {labels[0]}" if len(labels) == 1 else f"add {len(labels)} items")

    def forward(self) -> None:
        self._set(False)

    def backward(self) -> None:
        self._set(True)
