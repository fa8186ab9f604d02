"""Test helpers: .docx files written the way Word 365 writes them, built with lxml.

Word 365 gives every paragraph a ``w14:paraId`` and rsids, splits runs where
editing sessions met (here: at every character), writes proofing marks,
smart tags, fields as ``fldChar``/``instrText``, hyperlinks, tracked changes
as ``w:ins``/``w:del``, and keeps comment threads in ``commentsExtended.xml``,
``commentsIds.xml`` and ``people.xml``. Styles are named in the user's language
unless built in; numbering lives in ``numbering.xml``.
"""

from __future__ import annotations

import copy
import itertools
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
NSMAP = {"w": W, "w14": W14, "w15": W15, "r": R}
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MS_REL = "http://schemas.microsoft.com/office/"
PART_TYPES = {
    "document": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "comments": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    "commentsExtended": "application/vnd.openxmlformats-officedocument.wordprocessingml."
    "commentsExtended+xml",
    "commentsIds": "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml",
    "people": "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml",
}
RELATION_TYPES = {
    "styles": REL + "styles",
    "numbering": REL + "numbering",
    "comments": REL + "comments",
    "commentsExtended": MS_REL + "2011/relationships/commentsExtended",
    "commentsIds": MS_REL + "2016/09/relationships/commentsIds",
    "people": MS_REL + "2011/relationships/people",
}
_ids = itertools.count(0x1A2B0000)


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def el(tag: str, parent=None, text: str | None = None, **attrs):
    """An element ``w:tag`` (or ``prefix:tag``) with ``w:`` attributes."""
    prefix, _, local = tag.rpartition(":")
    name = f"{{{NSMAP[prefix or 'w']}}}{local}"
    element = etree.Element(name, nsmap=NSMAP) if parent is None else etree.SubElement(parent, name)
    for key, value in attrs.items():
        key_prefix, _, key_local = key.rpartition("_")
        element.set(f"{{{NSMAP[key_prefix or 'w']}}}{key_local}", value)
    if text is not None:
        element.text = text
        element.set(XML_SPACE, "preserve")
    return element


def rsid() -> str:
    return f"{next(_ids):08X}"


class Word365:
    """Builds document.xml paragraph by paragraph, then the whole package."""

    def __init__(self):
        self.document = el("document")
        self.body = el("body", self.document)
        self.comments = el("comments")
        self.extended = el("w15:commentsEx")
        self.ids = etree.Element(f"{{{W16CID}}}commentsIds", nsmap={"w16cid": W16CID})
        self.people = el("w15:people")
        self.styles = el("styles")
        self.numbering = el("numbering")
        self._people: set[str] = set()

    # Paragraphs and runs -----------------------------------------------------------

    def paragraph(self, style: str = "", parent=None, numbering: tuple[str, str] | None = None):
        p = el("p", self.body if parent is None else parent)
        p.set(f"{{{W14}}}paraId", rsid())
        p.set(f"{{{W14}}}textId", "77777777")
        p.set(w("rsidR"), rsid())
        p.set(w("rsidRDefault"), rsid())
        if style or numbering:
            props = el("pPr", p)
            if style:
                el("pStyle", props, val=style)
            if numbering:
                num = el("numPr", props)
                el("ilvl", num, val=numbering[1])
                el("numId", num, val=numbering[0])
        return p

    def runs(self, parent, text: str, bold: bool = False, style: str = "", hidden=False):
        """The text as one run per character, each with its rsid, as Word leaves them."""
        for char in text:
            r = el("r", parent)
            r.set(w("rsidR"), rsid())
            if bold or style or hidden:
                props = el("rPr", r)
                if style:
                    el("rStyle", props, val=style)
                if bold:
                    el("b", props)
                    el("bCs", props)
                if hidden:
                    el("vanish", props)
            el("t", r, text=char)
        return parent

    def proof(self, parent) -> None:
        el("proofErr", parent, type="spellStart")
        el("proofErr", parent, type="spellEnd")

    def field(self, parent, instruction: str, result: str) -> None:
        for kind, content in (("begin", None), ("instr", instruction), ("separate", None)):
            r = el("r", parent)
            if content is None:
                el("fldChar", r, fldCharType=kind)
            else:
                el("instrText", r, text=content)
        self.runs(parent, result)
        el("fldChar", el("r", parent), fldCharType="end")

    def tracked(self, parent, kind: str, text: str, author="Ruth Adebayo") -> None:
        change = el(kind, parent, id=str(next(_ids) % 10_000), author=author)
        change.set(w("date"), "2026-11-20T09:30:00Z")
        if kind == "ins":
            self.runs(change, text)
        else:
            for char in text:
                el("delText", el("r", change), text=char)

    def bookmark(self, parent, start: bool, name="wb_statement", mark="0") -> None:
        if start:
            el("bookmarkStart", parent, id=mark, name=name)
        else:
            el("bookmarkEnd", parent, id=mark)

    def page_break(self) -> None:
        el("br", el("r", self.paragraph()), type="page")

    # Comments ---------------------------------------------------------------------

    def start(self, parent, cid: str) -> None:
        el("commentRangeStart", parent, id=cid)

    def end(self, parent, cid: str) -> None:
        el("commentRangeEnd", parent, id=cid)
        self.mark(parent, cid)

    def mark(self, parent, cid: str) -> None:
        r = el("r", parent)
        el("rStyle", el("rPr", r), val="Kommentarzeichen")
        el("commentReference", r, id=cid)

    def comment(self, cid: str, text: str, author="Ruth Adebayo", parent_id: str = "", done=False):
        comment = el("comment", self.comments, id=cid, author=author, initials="RA")
        comment.set(w("date"), "2026-11-20T09:30:00Z")
        p = el("p", comment)
        para_id = rsid()
        p.set(f"{{{W14}}}paraId", para_id)
        el("annotationRef", el("r", p))
        el("t", el("r", p), text=text)
        entry = el(
            "w15:commentEx", self.extended, w15_paraId=para_id, w15_done="1" if done else "0"
        )
        if parent_id:
            entry.set(f"{{{W15}}}paraIdParent", parent_id)
        ids = etree.SubElement(self.ids, f"{{{W16CID}}}commentId")
        ids.set(f"{{{W16CID}}}paraId", para_id)
        ids.set(f"{{{W16CID}}}durableId", rsid())
        if author not in self._people:
            self._people.add(author)
            person = el("w15:person", self.people, w15_author=author)
            el("w15:presenceInfo", person, w15_providerId="None", w15_userId=author)
        return para_id

    # Styles -------------------------------------------------------------------------

    def style(self, style_id: str, name: str, kind="paragraph", based_on="", outline=None, **run):
        style = el("style", self.styles, type=kind, styleId=style_id)
        el("name", style, val=name)
        if based_on:
            el("basedOn", style, val=based_on)
        if outline is not None:
            el("outlineLvl", el("pPr", style), val=str(outline))
        if run:
            props = el("rPr", style)
            for tag in run:
                el(tag, props)

    def numbered(self, num_id: str, fmt: str) -> None:
        abstract = el("abstractNum", self.numbering, abstractNumId=num_id)
        level = el("lvl", abstract, ilvl="0")
        el("start", level, val="1")
        el("numFmt", level, val=fmt)
        el("abstractNumId", el("num", self.numbering, numId=num_id), val=num_id)

    # The package --------------------------------------------------------------------

    def save(self, path: Path) -> Path:
        el("sectPr", self.body)
        parts = {
            "document": self.document,
            "styles": self.styles,
            "numbering": self.numbering,
            "comments": self.comments,
            "commentsExtended": self.extended,
            "commentsIds": self.ids,
            "people": self.people,
        }
        types = etree.Element(f"{{{CT}}}Types", nsmap={None: CT})
        for extension, kind in (
            ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
            ("xml", "application/xml"),
        ):
            default = etree.SubElement(types, f"{{{CT}}}Default")
            default.set("Extension", extension)
            default.set("ContentType", kind)
        relations = etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
        for index, name in enumerate(parts):
            override = etree.SubElement(types, f"{{{CT}}}Override")
            override.set("PartName", f"/word/{name}.xml")
            override.set("ContentType", PART_TYPES[name])
            if name != "document":
                relation = etree.SubElement(relations, f"{{{PR}}}Relationship")
                relation.set("Id", f"rId{index}")
                relation.set("Type", RELATION_TYPES[name])
                relation.set("Target", f"{name}.xml")
        package_rels = etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
        main = etree.SubElement(package_rels, f"{{{PR}}}Relationship")
        main.set("Id", "rId1")
        main.set("Type", REL + "officeDocument")
        main.set("Target", "word/document.xml")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("[Content_Types].xml", _bytes(types))
            package.writestr("_rels/.rels", _bytes(package_rels))
            package.writestr("word/_rels/document.xml.rels", _bytes(relations))
            for name, root in parts.items():
                package.writestr(f"word/{name}.xml", _bytes(root))
        return path


def _bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def resave_like_word365(source: Path, target: Path) -> Path:
    """Our own .docx as Word 365 saves it again: paragraph ids, rsids, a run per character,
    proofing marks and smart tags; the comments and their ranges stay where they were."""
    with zipfile.ZipFile(source) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    for p in root.iter(w("p")):
        p.set(f"{{{W14}}}paraId", rsid())
        p.set(w("rsidR"), rsid())
    for r in list(root.iter(w("r"))):
        texts = r.findall(w("t"))
        if len(texts) != 1 or len(texts[0].text or "") < 2:
            continue
        for index, char in enumerate(texts[0].text):
            clone = copy.deepcopy(r)
            clone.set(w("rsidR"), rsid())
            clone.find(w("t")).text = char
            clone.find(w("t")).set(XML_SPACE, "preserve")
            if index == 1:  # a smart tag around the second character, a proofing mark after
                tag = etree.Element(w("smartTag"))
                tag.set(w("element"), "place")
                r.addprevious(tag)
                tag.append(clone)
                proof = etree.Element(w("proofErr"))
                proof.set(w("type"), "gramStart")
                tag.addnext(proof)
            else:
                r.addprevious(clone)
        r.getparent().remove(r)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return target
