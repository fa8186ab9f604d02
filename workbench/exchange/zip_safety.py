"""A zip read without trusting it: the cheap structural checks of a package.

The end record is read by hand (``struct``) with its zip64 locator, so a
directory declaring too many entries or too many bytes is refused before
``zipfile`` parses it; then each entry's name, kind, compression, size and
ratio (zip bombs) is checked, and entries are read never beyond a limit.
Any damage the zip library meets becomes a ``PackageError`` naming the file.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.errors import IncompletePackage, PackageError

MAX_ENTRIES = 20_000  # evidence files; a portfolio holds tens, a large one hundreds
MAX_DIRECTORY_ENTRY = 256  # bytes of central directory per entry, on average at most
MAX_TOTAL_SIZE = 64 * 2**30
COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what the writer uses
MAX_RATIO = 100  # uncompressed / compressed, checked for entries over RATIO_FLOOR
RATIO_FLOOR = 2**20
CHUNK = 1024 * 1024
# What the zip library raises on a damaged file (RecursionError is a RuntimeError).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    struct.error,
    OverflowError,
    IndexError,
    KeyError,
    TypeError,
    MemoryError,
)
END = struct.Struct("<4s4H2LH")  # end of central directory record
END_SIGNATURE = b"PK\x05\x06"
LOCATOR = struct.Struct("<4sLQL")  # zip64 end of central directory locator
LOCATOR_SIGNATURE = b"PK\x06\x07"
END64 = struct.Struct("<4sQ2H2L4Q")  # zip64 end of central directory record
END64_SIGNATURE = b"PK\x06\x06"
MAX_COMMENT = 0xFFFF


@contextmanager
def opened_zip(path: Path) -> Iterator[zipfile.ZipFile]:
    """The package as a zip, its directory's size checked before ``zipfile`` parses it.

    One open file serves both steps, so the file checked is the file parsed
    even if a sync service replaces it meanwhile.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the ``with`` below
    except FileNotFoundError:
        raise PackageError(f"The package {path} does not exist.") from None
    except OSError as exc:
        raise PackageError(f"The package {path} cannot be read ({exc.strerror}).") from None
    head = b""
    with handle:
        try:
            head = handle.read(4)
            count, size = _directory_extent(handle)
        except ZIP_ERRORS:
            raise _not_a_zip(path.name, head) from None
        _check_directory_extent(count, size, path.name)
        try:
            zf = zipfile.ZipFile(handle)
        except ZIP_ERRORS:
            raise _not_a_zip(path.name, head) from None
        with zf:
            if len(zf.infolist()) != count:
                raise PackageError(
                    f"{path.name} is damaged: its table of contents is inconsistent."
                )
            yield zf


def _not_a_zip(name: str, head: bytes) -> PackageError:
    if head.startswith(b"PK"):
        return IncompletePackage(
            f"{name} is incomplete or damaged (it may still be copying); "
            "try again when the copy has finished."
        )
    return PackageError(f"{name} is not a workbench package (it is not a zip file).")


def _directory_extent(handle) -> tuple[int, int]:
    """(entries, central directory bytes) as the zip's end records declare them.

    Read the way ``zipfile`` finds them (the end record in the last 64 KiB, the
    zip64 record just before its locator), taking the larger of any two
    declarations so the library can never be led to parse more than was checked.
    """
    handle.seek(0, os.SEEK_END)
    file_size = handle.tell()
    tail_start = max(0, file_size - END.size - MAX_COMMENT)
    handle.seek(tail_start)
    tail = handle.read()
    at = len(tail) - END.size
    if not (at >= 0 and tail[at:].startswith(END_SIGNATURE) and tail[-2:] == b"\0\0"):
        at = tail.rfind(END_SIGNATURE)
    if at < 0 or at + END.size > len(tail):
        raise zipfile.BadZipFile("no end of central directory")
    fields = END.unpack_from(tail, at)
    count, size = fields[4], fields[5]
    for count64, size64 in _zip64_extents(handle, tail_start + at):
        count, size = max(count, count64), max(size, size64)
    return count, size


def _zip64_extents(handle, end_at: int) -> Iterator[tuple[int, int]]:
    if end_at < LOCATOR.size:
        return
    handle.seek(end_at - LOCATOR.size)
    locator = LOCATOR.unpack(handle.read(LOCATOR.size))
    if locator[0] != LOCATOR_SIGNATURE:
        return
    for where in (end_at - LOCATOR.size - END64.size, locator[2]):
        if where >= 0:
            handle.seek(where)
            data = handle.read(END64.size)
            if len(data) == END64.size and data.startswith(END64_SIGNATURE):
                record = END64.unpack(data)
                yield record[7], record[8]


def _check_directory_extent(count: int, size: int, name: str) -> None:
    if count > MAX_ENTRIES:
        raise PackageError(f"{name} has too many entries ({count}; at most {MAX_ENTRIES}).")
    if size > MAX_DIRECTORY_ENTRY * max(count, 1):
        raise PackageError(
            f"{name} is damaged: its table of contents is far larger than its {count} entries need."
        )


def check_entries(
    zf: zipfile.ZipFile, name: str, expected: Callable[[str], bool]
) -> dict[str, zipfile.ZipInfo]:
    """Every entry by name, each checked; ``expected`` says which names may be there."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise PackageError(f"{name} has too many entries ({len(infos)}; at most {MAX_ENTRIES}).")
    found: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        _check_entry_name(info.filename, name)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackageError(f"{name} contains a symbolic link ({info.filename}); refused.")
        if info.is_dir():
            raise PackageError(f"{name} contains a folder entry ({info.filename}); refused.")
        if info.flag_bits & 0x1:
            raise PackageError(f"{name} contains an encrypted entry ({info.filename}).")
        if info.compress_type not in COMPRESSIONS:
            raise PackageError(
                f"{name}: {info.filename} is compressed in a way the workbench does not write."
            )
        if info.filename in found:
            raise PackageError(f"{name} contains the entry {info.filename} twice.")
        if not expected(info.filename):
            raise PackageError(f"{name} contains an unexpected entry '{info.filename}'.")
        _check_ratio(info, name)
        total += info.file_size
        if total > MAX_TOTAL_SIZE:
            raise PackageError(f"{name} would unpack to more than {MAX_TOTAL_SIZE // 2**30} GiB.")
        found[info.filename] = info
    return found


def _check_entry_name(entry: str, name: str) -> None:
    parts = entry.replace("\\", "/").split("/")
    if entry.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", entry):
        raise PackageError(f"{name} contains an absolute path ({entry}); refused.")
    if ".." in parts:
        raise PackageError(f"{name} contains a path that leaves the package ({entry}); refused.")
    if "\\" in entry or "\x00" in entry:
        raise PackageError(f"{name} contains an invalid entry name ({entry!r}).")


def _check_ratio(info: zipfile.ZipInfo, name: str) -> None:
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise PackageError(
            f"{name} looks like a zip bomb: {info.filename} would grow from "
            f"{info.compress_size} bytes to {info.file_size} bytes; refused."
        )


def read_limited(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str):
    """Yield the chunks of an entry, refusing one that grows beyond ``limit``."""
    read = 0
    try:
        with zf.open(info) as handle:
            while chunk := handle.read(CHUNK):
                read += len(chunk)
                if read > limit:
                    raise PackageError(f"{name}: {info.filename} is larger than it says; refused.")
                yield chunk
    except ZIP_ERRORS as exc:
        raise PackageError(f"{name}: {info.filename} is damaged ({_reason(exc)}).") from None


def _reason(exc: BaseException) -> str:
    """A short reason from a library error, for the end of a sentence."""
    text = str(exc).strip().rstrip(".") or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def read_small(zf, info, limit: int, name: str) -> bytes:
    if info is None:
        return b""
    if info.file_size > limit:
        raise PackageError(f"{name}: {info.filename} is too large ({info.file_size} bytes).")
    return b"".join(read_limited(zf, info, limit, name))
