"""Comments in a review copy as Word 365 and LibreOffice write them: one thread each.

python-docx 1.2 writes single comments (``comments.xml``, with each comment's
range and reference mark in the body); each comment and each reply is added
through it, a reply on the same words as its comment, as Word does. What
python-docx has no API for is written here as raw parts, registered in the
content types and the document's relationships:

- each comment's last paragraph carries a ``w14:paraId``;
- ``commentsExtended.xml``: a ``w15:commentEx`` per comment, keyed by that
  paragraph id; a reply names its comment's in ``w15:paraIdParent``; every
  comment of a resolved thread has ``w15:done="1"``;
- ``commentsIds.xml``: a ``w16cid:durableId`` per comment (Word keeps it when
  it saves the file);
- ``people.xml``: a ``w15:person`` for each author.

The durable id is derived from the comment's uuid (``durable_id``), so a review
copy coming back names the comments that were exported from here: an import
adds the new replies and states to the comment that exists, and does not make
it again. (LibreOffice writes new ids; then the comment's words find it.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.text.run import Run
from lxml import etree

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
PARTS = {  # name: (content type, relationship type, root element)
    "commentsExtended": (
        f"{WML}.commentsExtended+xml",
        "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
        f"{{{W15}}}commentsEx",
    ),
    "commentsIds": (
        f"{WML}.commentsIds+xml",
        "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
        f"{{{W16CID}}}commentsIds",
    ),
    "people": (
        f"{WML}.people+xml",
        "http://schemas.microsoft.com/office/2011/relationships/people",
        f"{{{W15}}}people",
    ),
}
NAMESPACES = {"w15": W15, "w16cid": W16CID}
DETACHED_NOTE = "(On a passage that has since changed: “{quote}”)\n"
ID_LIMIT = 0x7FFFFFFF  # paragraph and durable ids are below this


@dataclass
class ExportReply:
    author: str
    initials: str
    when: datetime
    text: str
    uuid: str = ""


@dataclass
class ExportComment:
    """A comment; ``start``/``end`` are offsets in the statement (None: detached)."""

    start: int | None
    end: int | None
    author: str
    initials: str
    when: datetime
    text: str
    quote: str = ""
    replies: list[ExportReply] = field(default_factory=list)
    uuid: str = ""
    resolved: bool = False


def durable_id(uuid: str) -> str:
    """The ``w16cid:durableId`` a comment or reply with this uuid is exported with."""
    digits = uuid.replace("-", "")[:8]
    return f"{int(digits, 16) % (ID_LIMIT - 1) + 1:08X}"


def comment_runs(written, start: int | None, end: int | None) -> list[Run]:
    """The written runs a comment on start:end covers (``written``: (span, run) pairs)."""
    if start is None or end is None:
        return []
    runs = [run for span, run in written if span.start >= start and span.end <= end and span.text]
    if not runs and end >= start:  # an empty range: the span around it
        runs = [run for span, run in written if span.start <= start <= span.end][:1]
    return runs


def write_comments(doc, comments: list[ExportComment], written, fallback: list[Run]) -> None:
    """Add each comment and its replies to ``doc`` as one Word thread.

    ``written`` pairs each written statement span with its run; a comment whose
    words are gone sits on ``fallback`` (the title) with the words quoted."""
    if not comments:
        return
    thread = _Threads()
    for comment in comments:
        runs = comment_runs(written, comment.start, comment.end)
        text = comment.text
        if not runs:
            runs = fallback
            if comment.quote:
                text = DETACHED_NOTE.format(quote=comment.quote) + text
        parent = thread.add(doc, runs, comment, text, None, comment.resolved)
        for reply in comment.replies:
            thread.add(doc, runs, reply, reply.text, parent, comment.resolved)
    thread.write_parts(doc)


class _Threads:
    def __init__(self):
        self.entries: list[tuple[str, str | None, bool, str]] = []  # paraId, parent, done, durable
        self.people: dict[str, None] = {}
        self.used: set[str] = set()
        self.counter = 0

    def add(self, doc, runs, item, text: str, parent: str | None, done: bool) -> str:
        made = doc.add_comment(runs, text=text, author=item.author, initials=item.initials)
        element = made._comment_elm
        element.date = item.when.replace(tzinfo=None, microsecond=0)
        para_id = self._fresh(item.uuid[9:] if item.uuid else "")
        durable = durable_id(item.uuid) if item.uuid else self._fresh("")
        self.used.add(durable)
        element.findall(f"{{{element.nsmap['w']}}}p")[-1].set(f"{{{W14}}}paraId", para_id)
        self.entries.append((para_id, parent, done, durable))
        self.people.setdefault(item.author)
        return para_id

    def _fresh(self, seed: str) -> str:
        """A paragraph id from the seed's hex digits, unique in the document."""
        digits = "".join(ch for ch in seed if ch in "0123456789abcdef")[:8]
        value = int(digits, 16) % (ID_LIMIT - 1) + 1 if digits else 0
        while not value or f"{value:08X}" in self.used:
            self.counter += 1
            value = (value + self.counter) % (ID_LIMIT - 1) + 1
        self.used.add(f"{value:08X}")
        return f"{value:08X}"

    def write_parts(self, doc) -> None:
        extended = _root("commentsExtended")
        ids = _root("commentsIds")
        people = _root("people")
        for para_id, parent, done, durable in self.entries:
            entry = etree.SubElement(extended, f"{{{W15}}}commentEx")
            entry.set(f"{{{W15}}}paraId", para_id)
            if parent:
                entry.set(f"{{{W15}}}paraIdParent", parent)
            entry.set(f"{{{W15}}}done", "1" if done else "0")
            known = etree.SubElement(ids, f"{{{W16CID}}}commentId")
            known.set(f"{{{W16CID}}}paraId", para_id)
            known.set(f"{{{W16CID}}}durableId", durable)
        for name in self.people:
            person = etree.SubElement(people, f"{{{W15}}}person")
            person.set(f"{{{W15}}}author", name)
            presence = etree.SubElement(person, f"{{{W15}}}presenceInfo")
            presence.set(f"{{{W15}}}providerId", "None")
            presence.set(f"{{{W15}}}userId", name)
        parts = {"commentsExtended": extended, "commentsIds": ids, "people": people}
        for name, root in parts.items():
            _add_part(doc, name, root)


def _root(name: str):
    prefix = "w16cid" if name == "commentsIds" else "w15"
    return etree.Element(PARTS[name][2], nsmap={prefix: NAMESPACES[prefix]})


def _add_part(doc, name: str, root) -> None:
    content_type, relationship, _ = PARTS[name]
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI(f"/word/{name}.xml"), content_type, data, doc.part.package)
    doc.part.relate_to(part, relationship)
