"""Opening an untrusted .docx: the zip checked, DTDs refused, XML parsed safely.

The file arrives by email. Before any XML is parsed the file is recognised
(a zip, an old Word file, a password-protected one), the zip is checked (how
many entries, encrypted entries, how big unpacked) and each part is read
through a bounded reader that counts the bytes it really inflates, so a zip
whose declared sizes lie is refused before it fills memory. Every XML part
that declares a DTD is refused, whatever its encoding, so neither entity
bombs nor external entities reach a parser; the parser itself resolves no
entities, loads no DTD and nothing from the network, and a DTD it still
finds is refused. Strict Open XML files are read by renaming their
namespaces to the transitional ones, which mean the same.

Parts are found through the package's relationships (``_rels/.rels`` and the
main document's), so a file that names them differently is still read; the
dict ``read_parts`` returns is keyed by the usual names below.
"""

from __future__ import annotations

import codecs
import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

from workbench.errors import DocxError

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_PART_BYTES = 128 * 1024 * 1024
CHUNK = 1024 * 1024

DOCUMENT = "word/document.xml"
COMMENTS = "word/comments.xml"
COMMENTS_EXTENDED = "word/commentsExtended.xml"
COMMENTS_IDS = "word/commentsIds.xml"
PEOPLE = "word/people.xml"
STYLES = "word/styles.xml"
NUMBERING = "word/numbering.xml"
CORE = "docProps/core.xml"
# relationship type (its last path segment) -> the usual part name
DOCUMENT_RELATIONS = {
    "comments": COMMENTS,
    "commentsExtended": COMMENTS_EXTENDED,
    "commentsIds": COMMENTS_IDS,
    "people": PEOPLE,
    "styles": STYLES,
    "numbering": NUMBERING,
}
WANTED = (DOCUMENT, *DOCUMENT_RELATIONS.values(), CORE)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)", re.IGNORECASE)
ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# The first bytes of "<?" in each encoding an XML file may use without a byte-order mark.
UNMARKED = (
    (b"\x00\x00\x00\x3c", "utf-32-be"),
    (b"\x3c\x00\x00\x00", "utf-32-le"),
    (b"\x00\x3c\x00\x3f", "utf-16-be"),
    (b"\x3c\x00\x3f\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp500"),  # EBCDIC
)
MARKS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)

TRANSITIONAL = "http://schemas.openxmlformats.org/"
# Strict namespace -> the transitional namespace that means the same.
STRICT = {
    "http://purl.oclc.org/ooxml/wordprocessingml/main": (
        f"{TRANSITIONAL}wordprocessingml/2006/main"
    ),
    "http://purl.oclc.org/ooxml/officeDocument/relationships": (
        f"{TRANSITIONAL}officeDocument/2006/relationships"
    ),
}
STRICT_RELATIONS = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


# The package ----------------------------------------------------------------------------


def read_parts(path: Path | str) -> dict[str, bytes]:
    """The XML parts we need (keyed by their usual names), checked and free of DTDs."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise DocxError(f"The file {path} does not exist.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise DocxError(f"{name} is larger than {MAX_FILE_BYTES // 2**20} MB; it is not read.")
    with open(path, "rb") as handle:
        head = handle.read(8)
        if head == OLE_MAGIC:
            # A compound file: an old .doc, or a .docx locked with a password, which
            # Word wraps in one (its EncryptionInfo and EncryptedPackage streams).
            if ENCRYPTION_INFO in handle.read():
                raise DocxError(
                    f"{name} is protected with a password; open it in Word, remove the "
                    "password (File > Info > Protect Document) and save it, then import it."
                )
            raise DocxError(
                f"{name} is an old Word 97-2003 document; save it as .docx in Word first."
            )
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
    locked = next((entry.filename for entry in entries if entry.flag_bits & 0x1), None)
    if locked is not None:
        raise DocxError(
            f"{name} has an encrypted part ({locked}); a Word document never encrypts its "
            "zip entries, so the file cannot be read. Ask for it to be saved again from Word."
        )
    by_name = {entry.filename: entry for entry in entries}
    budget = [MAX_UNCOMPRESSED]
    data = {}
    for entry in entries:  # every XML part is checked for a DTD, wanted or not
        if entry.filename.endswith((".xml", ".rels")):
            data[entry.filename] = _checked(package, entry, name, budget)
    document = _main_part(data, name)
    if document not in by_name:
        raise DocxError(f"{name} is a zip file but not a Word document (it has no {DOCUMENT}).")
    parts = {DOCUMENT: data[document]}
    if CORE in data:
        parts[CORE] = data[CORE]
    for usual, real in _related_parts(data, document).items():
        if real in data:
            parts[usual] = data[real]
    return parts


def _checked(package: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str, budget) -> bytes:
    """The entry's bytes, read through a reader that stops past the limits."""
    if entry.file_size > MAX_PART_BYTES:
        raise DocxError(f"{name}: the part {entry.filename} is too large to read.")
    chunks = []
    size = 0
    with package.open(entry) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            budget[0] -= len(chunk)
            if size > MAX_PART_BYTES or budget[0] < 0:
                raise DocxError(
                    f"{name}: the part {entry.filename} unpacks to more than its zip says; "
                    "the file is refused."
                )
            chunks.append(chunk)
    data = b"".join(chunks)
    if declares_dtd(data):
        raise DocxError(
            f"{name} declares a DTD in {entry.filename}; Word never writes one, so the "
            "file is refused for safety."
        )
    return data


def _relations(data: bytes | None) -> dict[str, str]:
    """Relationship type (its last segment) -> target, from a .rels part."""
    if not data:
        return {}
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        return {}
    found = {}
    for relation in root.iter(f"{{{RELS}}}Relationship"):
        if relation.get("TargetMode") == "External":
            continue
        kind = (relation.get("Type") or "").rstrip("/").rpartition("/")[2]
        found.setdefault(kind, relation.get("Target") or "")
    return found


def _main_part(data: dict[str, bytes], name: str) -> str:
    target = _relations(data.get("_rels/.rels")).get("officeDocument")
    return _resolve("", target) if target else DOCUMENT


def _related_parts(data: dict[str, bytes], document: str) -> dict[str, str]:
    folder, _, file = document.rpartition("/")
    relations = _relations(data.get(f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}"))
    found = {}
    for kind, usual in DOCUMENT_RELATIONS.items():
        target = relations.get(kind)
        found[usual] = _resolve(folder, target) if target else usual
    return found


def _resolve(folder: str, target: str | None) -> str:
    if not target:
        return ""
    joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(joined)


# DTDs in any encoding ----------------------------------------------------------------------


def encoding_of(data: bytes) -> str:
    """The encoding an XML parser would read these bytes in (BOM, first bytes, declaration)."""
    for mark, encoding in MARKS:
        if data.startswith(mark):
            return encoding
    for start, encoding in UNMARKED:
        if data.startswith(start):
            return encoding
    declared = ENCODING.match(data)
    return declared.group(1).decode("ascii").lower() if declared else "utf-8"


def declares_dtd(data: bytes) -> bool:
    """Whether the part declares a DTD (or is in an encoding we cannot check, which is refused)."""
    try:
        text = data.decode(encoding_of(data), "replace")
    except LookupError:
        return True  # an encoding Python does not know: never a Word file
    return bool(DECLARATION.search(text))


# Parsing --------------------------------------------------------------------------------------


def _parser():
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
    )


def parse_xml(data: bytes, part: str, name: str):
    """The part's root element, with a Strict Open XML file's names made transitional."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise DocxError(f"{name}: the part {part} is damaged ({exc}).") from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise DocxError(f"{name} declares a DTD in {part}; the file is refused for safety.")
    if any(namespace in STRICT for namespace in root.nsmap.values()):
        root = _transitional(root)
    return root


def _transitional(root):
    """The same tree with Strict namespaces renamed (one pass over the elements)."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        element.tag = _renamed(element.tag)
        for key in list(element.attrib):
            new = _renamed(key)
            if new != key:
                element.attrib[new] = element.attrib.pop(key)
    return root


def _renamed(name: str) -> str:
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        if namespace in STRICT:
            return f"{{{STRICT[namespace]}}}{local}"
    return name
