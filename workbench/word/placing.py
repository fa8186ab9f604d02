"""Which version a reviewed Word file belongs to, and where its comments land on it.

Pure functions of plain data (no database), so the preview can run in a worker.

The version: the one whose text the file has; else the one the copy names
(a review copy carries its version's id); else the closest by words, only
when it is really close (``CLOSE``), otherwise the file matches none.

Placement is near-linear in the text and the number of comments: one word
diff between the file's text and the version's (``TextMapper``), then each
comment is placed through it (``anchoring.place``); a comment whose words
are truly gone goes to the line nearest to where they were, found through the
same diff with a binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from workbench.errors import DocxError
from workbench.statement.anchoring import TextMapper, make_anchor, place
from workbench.word.reading import WordComment

EXACT, MOVED, NEAREST, POINT = "exact", "moved", "nearest", "point"
CLOSE = 0.75  # share of words in common for a file without an id to match a version
WORD = re.compile(r"\w+")
CHECK_EVERY = 64  # comments between two looks at the cancel flag


@dataclass(frozen=True)
class VersionText:
    """A statement version as plain data."""

    uuid: str
    number: int
    text: str


def similarity(a: str, b: str) -> float:
    """Share of words in common, counted with repeats (linear; 1.0 for the same words)."""
    first, second = _words(a), _words(b)
    if not first and not second:
        return 1.0
    return sum((first & second).values()) / max(first.total(), second.total())


@lru_cache(maxsize=16)
def _words(text: str) -> Counter:
    """The words of a text with their counts (kept for the few texts a preview compares).

    Counted per whitespace-separated token first (C speed), then each distinct
    token split into words: the same as finding every word, as a word never
    spans whitespace, but a long text of few distinct tokens costs little.
    """
    words: Counter = Counter()
    for token, count in Counter(text.lower().split()).items():
        for word in WORD.findall(token):
            words[word] += count
    return words


def closest(texts: tuple[str, ...], versions: list[VersionText]) -> tuple[VersionText, float]:
    """The version nearest to any of the file's texts, newest first on a tie."""
    best, alike = versions[-1], -1.0
    for version in reversed(versions):
        score = max(similarity(text, version.text) for text in texts)
        if score > alike:
            best, alike = version, score
    return best, alike


def place_comments(
    comments: list[WordComment],
    spot: Callable[[WordComment], tuple[int | None, int | None]],
    source: str,
    target: str,
    check: Callable[[], None] | None = None,
) -> dict[str, tuple[int, int, str]]:
    """Word comment id -> (start, end, placement) on ``target`` for comments on ``source``.

    ``spot`` gives a comment's offsets in ``source``. Comments with no offsets
    at all go to the first line (``NEAREST``); the caller leaves out those
    that are outside the statement.
    """
    found: dict[str, tuple[int, int, str]] = {}
    same = source == target
    mapper = None if same else TextMapper(source, target)
    lines = _lines(target)
    starts = [line[0] for line in lines]
    for count, comment in enumerate(comments):
        if check is not None and count % CHECK_EVERY == 0:
            check()
        start, end = spot(comment)
        if start is None or end is None or end <= start or not source[start:end].strip():
            found[comment.word_id] = _nearest(lines, starts, mapper, start)
            continue
        quote = source[start:end]
        if same:
            found[comment.word_id] = (start, end, POINT if comment.point else EXACT)
            continue
        where = place(make_anchor(source, start, end), mapper)
        if where is not None and target[where[0] : where[1]].strip():
            kind = EXACT if target[where[0] : where[1]] == quote else MOVED
            if comment.point and kind == EXACT:
                kind = POINT
            found[comment.word_id] = (where[0], where[1], kind)
        else:
            found[comment.word_id] = _nearest(lines, starts, mapper, start)
    return found


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of the text that holds words, in order."""
    lines = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            lines.append((offset + lead, offset + len(line.rstrip())))
        offset += len(line)
    return lines


def _nearest(lines, starts, mapper: TextMapper | None, start: int | None) -> tuple[int, int, str]:
    """The line of the target nearest to where the comment was (the first if unknown)."""
    if not lines:
        raise DocxError("The statement version is empty; there is nothing to comment on.")
    at = 0 if start is None else (mapper.map(start) if mapper is not None else start)
    index = max(0, bisect_right(starts, at) - 1)
    candidates = [lines[index]] + ([lines[index + 1]] if index + 1 < len(lines) else [])
    line = min(candidates, key=lambda span: 0 if span[0] <= at <= span[1] else abs(span[0] - at))
    return line[0], line[1], NEAREST
