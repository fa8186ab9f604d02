"""File names that every system the candidate or assessor uses accepts.

Windows forbids ``< > : " / \\ | ? *`` and control characters, a trailing dot
or space, and the device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9) whatever
their extension; macOS stores names decomposed, so names are NFC; Linux
allows 255 bytes. A name made here passes all three, and a bundle never holds
two names that differ only in case (Windows and macOS would see one file).
"""

from __future__ import annotations

import re
import unicodedata

FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{n}" for n in range(1, 10)}
    | {f"LPT{n}" for n in range(1, 10)}
)
STEM_MAX = 100  # characters: room for a folder path under Windows' 260
SUFFIX_MAX = 12


def safe_stem(text: str, fallback: str = "Untitled") -> str:
    """``text`` as the stem of a file name (no extension) safe on every system."""
    text = unicodedata.normalize("NFC", text or "")
    text = FORBIDDEN.sub(" ", text.replace("/", "-").replace("\\", "-").replace(":", " -"))
    text = "".join(" " if unicodedata.category(ch) in ("Zl", "Zp", "Cf") else ch for ch in text)
    text = re.sub(r"-[\s-]*-", "-", " ".join(text.split()))[:STEM_MAX]
    text = _fit_bytes(text, 255 - SUFFIX_MAX - 8).rstrip(" .")
    if not text:
        text = fallback
    if text.split(".")[0].upper() in RESERVED:
        text = f"{text} (file)"
    return text


def safe_suffix(name: str) -> str:
    """The extension of ``name`` (with its dot, lower case) if it is a plain one, else ""."""
    match = re.search(r"\.([A-Za-z0-9]{1,10})$", name or "")
    return f".{match.group(1).lower()}" if match else ""


def item_label(number: int, width: int = 2) -> str:
    """E03: the evidence number padded so that files sort in number order."""
    return f"E{number:0{width}d}"


def label_width(numbers) -> int:
    return max([2, *(len(str(n)) for n in numbers)])


def item_file_name(number: int, title: str, suffix: str, width: int = 2) -> str:
    """``E03 Presentation to the faculty board.pdf``."""
    return f"{item_label(number, width)} {safe_stem(title)}{suffix}"


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name (2)`` … when a name equal but for case is already taken."""
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem} ({n}){dot}{suffix}"
    taken.add(candidate.casefold())
    return candidate


def _fit_bytes(text: str, limit: int) -> str:
    while len(text.encode("utf-8")) > limit:
        text = text[:-1]
    return text
