"""Finding words in the statement: every match of a search, for the find bar."""

from __future__ import annotations

import re


def find_all(
    text: str, needle: str, match_case: bool = False, whole_words: bool = False
) -> list[tuple[int, int]]:
    """Every match of ``needle`` in ``text`` as (start, end) code-point offsets, in order.

    Matches do not overlap. Whole words means the match has no letter, digit or
    underscore just before or after it ("learn" does not find "learnt").
    """
    if not needle:
        return []
    pattern = re.escape(needle)
    if whole_words:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    flags = 0 if match_case else re.IGNORECASE
    return [m.span() for m in re.finditer(pattern, text, flags)]
