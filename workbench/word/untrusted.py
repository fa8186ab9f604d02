"""Opening an untrusted .docx: the zip checked, DTDs refused, XML parsed safely.

The file arrives by email. Before any XML is parsed the zip is checked (is it
one, is it complete, how many entries, how big unpacked), and every XML part
that declares a DOCTYPE or ENTITY is refused, so neither entity bombs nor
external entities reach a parser; the parser itself resolves no entities,
loads no DTD and nothing from the network. (python-docx's own parser does not
resolve entities either, but we never hand it an untrusted file.)
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from workbench.errors import DocxError

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_PART_BYTES = 128 * 1024 * 1024

DOCUMENT = "word/document.xml"
COMMENTS = "word/comments.xml"
COMMENTS_EXTENDED = "word/commentsExtended.xml"
COMMENTS_IDS = "word/commentsIds.xml"
STYLES = "word/styles.xml"
CORE = "docProps/core.xml"
WANTED = (DOCUMENT, COMMENTS, COMMENTS_EXTENDED, COMMENTS_IDS, STYLES, CORE)
DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


# The package ----------------------------------------------------------------------------


def read_parts(path: Path | str) -> dict[str, bytes]:
    """The XML parts we need, after checking the zip and refusing DTDs."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise DocxError(f"The file {path} does not exist.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise DocxError(f"{name} is larger than {MAX_FILE_BYTES // 2**20} MB; it is not read.")
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocxError(f"{name} is an old Word 97-2003 document; save it as .docx in Word first.")
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK"):
            raise DocxError(
                f"{name} is damaged or incomplete (its zip ends early); ask for it again."
            )
        raise DocxError(f"{name} is not a Word document (.docx).")
    try:
        with zipfile.ZipFile(path) as package:
            return _checked_parts(package, name)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, NotImplementedError) as exc:
        raise DocxError(f"{name} is damaged and cannot be read ({exc}).") from None


def _checked_parts(package: zipfile.ZipFile, name: str) -> dict[str, bytes]:
    entries = package.infolist()
    if len(entries) > MAX_ENTRIES:
        raise DocxError(f"{name} holds {len(entries)} parts; a Word document has far fewer.")
    if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED:
        raise DocxError(f"{name} unpacks to more than {MAX_UNCOMPRESSED // 2**20} MB; not read.")
    names = {entry.filename for entry in entries}
    if DOCUMENT not in names:
        raise DocxError(f"{name} is a zip file but not a Word document (it has no {DOCUMENT}).")
    parts = {}
    for entry in entries:
        if not entry.filename.endswith((".xml", ".rels")):
            continue
        if entry.file_size > MAX_PART_BYTES:
            raise DocxError(f"{name}: the part {entry.filename} is too large to read.")
        data = package.read(entry)
        if _declares_dtd(data):
            raise DocxError(
                f"{name} declares a DTD in {entry.filename}; Word never writes one, so the "
                "file is refused for safety."
            )
        if entry.filename in WANTED:
            parts[entry.filename] = data
    return parts


def _declares_dtd(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16", "replace").encode("utf-8")
    return bool(DECLARATION.search(data))


def parse_xml(data: bytes, part: str, name: str):
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DocxError(f"{name}: the part {part} is damaged ({exc}).") from None
