"""Raw WordprocessingML that python-docx has no API for: fields, bookmarks, links."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    properties.append(header)


def add_field(paragraph, instruction: str, placeholder: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def bookmark_start(p, mark: int, name: str, first: bool) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(mark))
    start.set(qn("w:name"), name)
    properties = p.find(qn("w:pPr"))
    if first and properties is not None:
        properties.addnext(start)
    else:
        p.insert(0, start)


def bookmark_end(p, mark: int) -> None:
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(mark))
    p.append(end)


def wrap_in_link(run_element, bookmark: str) -> None:
    """Make a run an internal hyperlink to a bookmark."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    run_element.addprevious(link)
    link.append(run_element)
