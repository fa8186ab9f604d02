"""Odd files: each gets its own true sentence, never a traceback or a wrong count."""

from __future__ import annotations

import struct
import zipfile
from datetime import date, datetime

import pytest

from tests.workbench.word.wordfile import read_zip, write_zip
from workbench.errors import DocxError
from workbench.word.export import REVIEW, ExportComment, ExportContent, export_docx
from workbench.word.reading import read_docx

TRANSITIONAL = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
STATEMENT = "# Looking back\n\nThe wiki was worth it, and the drop-in too."


def review_copy(tmp_path, comments=()):
    content = ExportContent(
        title="Statement",
        candidate="Jordan Ellis",
        route="Chartership (MCLIP)",
        when=date(2026, 11, 29),
        statement=STATEMENT,
        word_count=11,
        word_limit=1000,
        comments=list(comments),
        portfolio_uuid="p-1",
        version_uuid="v-1",
    )
    return export_docx(content, tmp_path / "review.docx", REVIEW)


def compound_file(streams: list[str]) -> bytes:
    """A minimal OLE compound file: its header and one directory sector naming the streams."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)  # version, byte order, 512 B
    struct.pack_into("<I", header, 48, 0)  # the directory starts in sector 0
    directory = bytearray()
    for index, name in enumerate(["Root Entry", *streams]):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        struct.pack_into("<HB", entry, 64, len(encoded), 5 if index == 0 else 2)
        directory += entry
    return bytes(header) + bytes(directory).ljust(512, b"\x00")


def test_a_password_protected_docx_is_called_that(tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(compound_file(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    with pytest.raises(DocxError, match="locked.docx is protected with a password"):
        read_docx(path)


def test_an_old_word_file_is_still_called_that(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(compound_file(["WordDocument", "1Table"]))
    with pytest.raises(DocxError, match="old Word 97-2003 document"):
        read_docx(path)


def test_a_strict_open_xml_file_is_read_with_its_comments(tmp_path):
    notes = [
        ExportComment(start, start + len(words), "Ruth Adebayo", "RA", datetime(2026, 11, 3), text)
        for words, text in (("Looking back", "Title?"), ("wiki", "Which?"), ("drop-in", "When?"))
        for start in [STATEMENT.index(words)]
    ]
    parts = read_zip(review_copy(tmp_path, notes))
    for name, data in parts.items():
        if name.endswith(".xml"):
            parts[name] = data.replace(TRANSITIONAL, STRICT)
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:body>", b'<w:body w:conformance="strict">', 1
    )
    strict = tmp_path / "strict.docx"
    write_zip(strict, parts)
    document = read_docx(strict)
    assert document.markdown == STATEMENT
    assert [c.quote for c in document.comments] == ["Looking back", "wiki", "drop-in"]


def patch_headers(path, entry: bytes, local: tuple[int, str, int], central: tuple[int, str, int]):
    """Set a field of one entry's local and central zip headers: (offset, format, value)."""
    data = bytearray(path.read_bytes())
    for signature, name_offset, (offset, fmt, value) in (
        (b"PK\x03\x04", 30, local),
        (b"PK\x01\x02", 46, central),
    ):
        at = data.find(signature)
        while at != -1:
            if data[at + name_offset : at + name_offset + len(entry)] == entry:
                old = struct.unpack_from(fmt, data, at + offset)[0]
                struct.pack_into(fmt, data, at + offset, value(old) if callable(value) else value)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def test_an_encrypted_zip_entry_is_named(tmp_path):
    path = tmp_path / "zipcrypto.docx"
    write_zip(path, read_zip(review_copy(tmp_path)))
    encrypted = lambda flags: flags | 0x1  # noqa: E731 - the flag a zip tool with a password sets
    patch_headers(path, b"word/document.xml", (6, "<H", encrypted), (8, "<H", encrypted))
    assert zipfile.ZipFile(path).getinfo("word/document.xml").flag_bits & 0x1
    with pytest.raises(DocxError, match=r"has an encrypted part \(word/document.xml\)"):
        read_docx(path)


DTD = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize(
    "encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16", "utf-8-sig"]
)
def test_a_dtd_in_any_encoding_is_refused(tmp_path, encoding):
    parts = read_zip(review_copy(tmp_path))
    parts["word/document.xml"] = DTD.encode(encoding)
    path = tmp_path / f"{encoding}.docx"
    write_zip(path, parts)
    with pytest.raises(DocxError, match="declares a DTD in word/document.xml"):
        read_docx(path)


def test_a_zip_whose_sizes_lie_is_refused(tmp_path):
    """The entry says 100 bytes and inflates to 20 MB: refused, never read whole."""
    parts = read_zip(review_copy(tmp_path))
    path = tmp_path / "liar.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
        package.writestr("word/filler.xml", b"<x>" + b" " * 20_000_000 + b"</x>")
    patch_headers(path, b"word/filler.xml", (22, "<I", 100), (24, "<I", 100))
    # The reader stops at the declared size, so the lie shows as a bad checksum.
    with pytest.raises(DocxError, match="liar.docx is damaged .*word/filler.xml"):
        read_docx(path)
