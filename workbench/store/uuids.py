"""The uuids of new records: version 4 (random), as text.

``new_uuid`` makes one; ``new_uuids`` makes many of the same form at once (a
bulk import of thousands of rows), from one call for the random bytes, laid out
by slices of all of them: ``str(uuid4())`` each would cost more than storing the
rows.
"""

from __future__ import annotations

import os
import uuid


def new_uuid() -> str:
    return str(uuid.uuid4())


VERSION_4 = bytes(b & 0x0F | 0x40 for b in range(256))  # a byte with the version bits set
RFC_VARIANT = bytes(b & 0x3F | 0x80 for b in range(256))  # ...with the RFC 4122 variant's
# Where each of a uuid's 32 hex digits goes in its 36 characters (dashes after 8, 12, 16, 20).
DIGIT_PLACES = [(d, d + (d >= 8) + (d >= 12) + (d >= 16) + (d >= 20)) for d in range(32)]


def new_uuids(count: int) -> list[str]:
    """``count`` uuids of the form ``new_uuid`` makes."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = raw[6::16].translate(VERSION_4)
    raw[8::16] = raw[8::16].translate(RFC_VARIANT)
    digits = raw.hex().encode("ascii")
    text = bytearray(b"-") * (37 * count)  # each uuid, then a line end
    for digit, place in DIGIT_PLACES:
        text[place::37] = digits[digit::32]
    text[36::37] = b"\n" * count
    return text.decode("ascii").split()
