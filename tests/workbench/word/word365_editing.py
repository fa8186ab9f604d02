"""Test helpers that answer and resolve comments in a saved .docx the way Word 365 does.

Word 365 keeps a thread in three parts beside comments.xml: commentsExtended
(w15:paraIdParent, w15:done, keyed by the w14:paraId of each comment's last
paragraph), commentsIds (w16cid:durableId) and people.xml; a reply has its own
range and reference mark on its comment's words. (Building a Word 365 file
from scratch is ``word365``.)
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tests.workbench.word.wordfile import W, read_zip, w, write_zip

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
PARTS = {
    "word/commentsExtended.xml": (
        f"{{{W15}}}commentsEx",
        f"{WML}.commentsExtended+xml",
        "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
    ),
    "word/commentsIds.xml": (
        f"{{{W16CID}}}commentsIds",
        f"{WML}.commentsIds+xml",
        "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
    ),
    "word/people.xml": (
        f"{{{W15}}}people",
        f"{WML}.people+xml",
        "http://schemas.microsoft.com/office/2011/relationships/people",
    ),
}


def tree(xml: bytes):
    return etree.fromstring(xml)


def text_of(comment) -> str:
    return "".join(t.text or "" for t in comment.iter(w("t")))


def last_para_id(comment) -> str:
    return comment.findall(w("p"))[-1].get(f"{{{W14}}}paraId")


class Word365File:
    """A .docx opened for editing as Word 365 would: call the edits, then save()."""

    def __init__(self, path: Path):
        self.parts = read_zip(path)
        self.comments = tree(self.parts["word/comments.xml"])
        self.document = tree(self.parts["word/document.xml"])
        self.extra = {}
        for name, (root, content_type, relationship) in PARTS.items():
            if name in self.parts:
                self.extra[name] = tree(self.parts[name])
            else:
                self.extra[name] = etree.Element(root, nsmap={"w15": W15, "w16cid": W16CID})
                self._register(name, content_type, relationship)
        self.next_id = 100

    def _register(self, name: str, content_type: str, relationship: str) -> None:
        types = tree(self.parts["[Content_Types].xml"])
        override = etree.SubElement(types, f"{{{types.nsmap[None]}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", content_type)
        self.parts["[Content_Types].xml"] = etree.tostring(types)
        rels = tree(self.parts["word/_rels/document.xml.rels"])
        rel = etree.SubElement(rels, f"{{{rels.nsmap[None]}}}Relationship")
        rel.set("Id", f"rIdW365{len(rels)}")
        rel.set("Type", relationship)
        rel.set("Target", name.split("/", 1)[1])
        self.parts["word/_rels/document.xml.rels"] = etree.tostring(rels)

    def comment(self, text: str, nth: int = 0):
        return [c for c in self.comments.iter(w("comment")) if text_of(c) == text][nth]

    def entry(self, para_id: str):
        ext = self.extra["word/commentsExtended.xml"]
        found = [e for e in ext if e.get(f"{{{W15}}}paraId") == para_id]
        if found:
            return found[0]
        made = etree.SubElement(ext, f"{{{W15}}}commentEx")
        made.set(f"{{{W15}}}paraId", para_id)
        made.set(f"{{{W15}}}done", "0")
        return made

    def reply(self, parent_text: str, text: str, author: str, date: str, nth: int = 0) -> str:
        """Answer a comment (the nth saying ``parent_text``): a new comment on the same
        words, linked to its parent."""
        parent = self.comment(parent_text, nth)
        parent_para = last_para_id(parent)
        if parent_para is None:  # Word gives every comment paragraph an id on save
            parent_para = f"{self.next_id + 0x10000000:08X}"
            parent.findall(w("p"))[-1].set(f"{{{W14}}}paraId", parent_para)
            self.entry(parent_para)
        self.next_id += 1
        new_id = str(self.next_id)
        answer = etree.SubElement(self.comments, w("comment"), nsmap={"w": W})
        answer.set(w("id"), new_id)
        answer.set(w("author"), author)
        answer.set(w("initials"), "".join(p[0] for p in author.split()))
        answer.set(w("date"), date)
        paragraph = etree.SubElement(answer, w("p"))
        para_id = f"{self.next_id + 0x20000000:08X}"
        paragraph.set(f"{{{W14}}}paraId", para_id)
        paragraph.set(f"{{{W14}}}textId", "77777777")
        ref = etree.SubElement(paragraph, w("r"))
        etree.SubElement(ref, w("annotationRef"))
        etree.SubElement(etree.SubElement(paragraph, w("r")), w("t")).text = text
        self._range_beside(parent.get(w("id")), new_id)
        self.entry(para_id).set(f"{{{W15}}}paraIdParent", parent_para)
        known = etree.SubElement(self.extra["word/commentsIds.xml"], f"{{{W16CID}}}commentId")
        known.set(f"{{{W16CID}}}paraId", para_id)
        known.set(f"{{{W16CID}}}durableId", f"{self.next_id + 0x30000000:08X}")
        self._person(author)
        return new_id

    def _range_beside(self, parent_id: str, new_id: str) -> None:
        for tag in ("commentRangeStart", "commentRangeEnd"):
            mark = next(e for e in self.document.iter(w(tag)) if e.get(w("id")) == parent_id)
            twin = etree.Element(w(tag))
            twin.set(w("id"), new_id)
            mark.addnext(twin)
        reference = next(
            e for e in self.document.iter(w("commentReference")) if e.get(w("id")) == parent_id
        )
        run = etree.Element(w("r"))
        etree.SubElement(run, w("commentReference")).set(w("id"), new_id)
        reference.getparent().addnext(run)

    def resolve(self, text: str) -> None:
        """Mark a comment's thread done, as Word's Resolve does."""
        para_id = last_para_id(self.comment(text))
        self.entry(para_id).set(f"{{{W15}}}done", "1")
        for entry in self.extra["word/commentsExtended.xml"]:
            if entry.get(f"{{{W15}}}paraIdParent") == para_id:
                entry.set(f"{{{W15}}}done", "1")

    def _person(self, author: str) -> None:
        people = self.extra["word/people.xml"]
        if any(p.get(f"{{{W15}}}author") == author for p in people):
            return
        person = etree.SubElement(people, f"{{{W15}}}person")
        person.set(f"{{{W15}}}author", author)
        presence = etree.SubElement(person, f"{{{W15}}}presenceInfo")
        presence.set(f"{{{W15}}}providerId", "AD")
        presence.set(f"{{{W15}}}userId", "S::ruth@example.org::0000")

    def saved_by(self, name: str) -> None:
        core = tree(self.parts["docProps/core.xml"])
        modified = core.find(f"{{{CP}}}lastModifiedBy")
        modified.text = name
        self.parts["docProps/core.xml"] = etree.tostring(core)

    def save(self, target: Path) -> Path:
        self.parts["word/comments.xml"] = etree.tostring(self.comments)
        self.parts["word/document.xml"] = etree.tostring(self.document)
        for name, root in self.extra.items():
            self.parts[name] = etree.tostring(root)
        write_zip(target, self.parts)
        return target
