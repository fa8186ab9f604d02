"""Test helpers that edit a .docx the way a word processor would (raw XML)."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def write_zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def commented_text(path: Path) -> dict[str, str]:
    """Comment id -> the text between its range start and end in document.xml."""
    root = etree.fromstring(read_zip(path)["word/document.xml"])
    open_ids: set[str] = set()
    found: dict[str, list[str]] = {}
    for element in root.iter():
        if element.tag == w("commentRangeStart"):
            open_ids.add(element.get(w("id")))
            found.setdefault(element.get(w("id")), [])
        elif element.tag == w("commentRangeEnd"):
            open_ids.discard(element.get(w("id")))
        elif element.tag == w("t"):
            for comment_id in open_ids:
                found[comment_id].append(element.text or "")
    return {key: "".join(value) for key, value in found.items()}


def add_comment_like_word(
    source: Path,
    target: Path,
    words: str,
    text: str,
    author: str = "Ruth Adebayo",
    initials: str = "RA",
    date: str = "2026-11-20T09:30:00Z",
) -> str:
    """Select ``words`` (inside one run) and add a comment on them; return its id."""
    parts = read_zip(source)
    document = etree.fromstring(parts["word/document.xml"])
    comments = _comments_root(parts)
    used = [int(c.get(w("id"))) for c in comments.iter(w("comment"))]
    used += [int(e.get(w("id"))) for e in document.iter(w("commentRangeStart"))]
    comment_id = str(max(used, default=-1) + 1)
    run = next(r for r in document.iter(w("r")) if words in "".join(r.itertext()))
    _split_and_mark(run, words, comment_id)
    comment = etree.SubElement(comments, w("comment"))
    comment.set(w("id"), comment_id)
    comment.set(w("author"), author)
    comment.set(w("initials"), initials)
    comment.set(w("date"), date)
    paragraph = etree.SubElement(comment, w("p"))
    etree.SubElement(etree.SubElement(paragraph, w("r")), w("t")).text = text
    parts["word/document.xml"] = etree.tostring(document, xml_declaration=True, encoding="UTF-8")
    parts["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, encoding="UTF-8")
    write_zip(target, parts)
    return comment_id


def _split_and_mark(run, words: str, comment_id: str) -> None:
    whole = "".join(t.text or "" for t in run.iter(w("t")))
    before, _, after = whole.partition(words)
    pieces = []
    for piece in (before, words, after):
        clone = copy.deepcopy(run)
        for child in list(clone):
            if child.tag != w("rPr"):
                clone.remove(child)
        t = etree.SubElement(clone, w("t"))
        t.text = piece
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        pieces.append(clone)
    start = etree.Element(w("commentRangeStart"))
    start.set(w("id"), comment_id)
    end = etree.Element(w("commentRangeEnd"))
    end.set(w("id"), comment_id)
    reference = etree.Element(w("r"))
    etree.SubElement(reference, w("commentReference")).set(w("id"), comment_id)
    for element in (pieces[0], start, pieces[1], end, reference, pieces[2]):
        run.addprevious(element)
    run.getparent().remove(run)


def _comments_root(parts: dict[str, bytes]):
    if "word/comments.xml" in parts:
        return etree.fromstring(parts["word/comments.xml"])
    types = parts["[Content_Types].xml"].decode()
    override = f'<Override PartName="/word/comments.xml" ContentType="{COMMENTS_TYPE}"/>'
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    rel = f'<Relationship Id="rIdC1" Type="{COMMENTS_REL}" Target="comments.xml"/>'
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", rel + "</Relationships>"
    ).encode()
    return etree.Element(w("comments"), nsmap={"w": W})
