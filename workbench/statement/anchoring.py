"""Finding a commented passage again in a newer text.

A comment anchors to (start, end, quote, prefix, suffix) in the text it was
made on. On a newer text it is placed by, in order: the word diff between the
two texts (the passage is still there, edited around); the same words found
elsewhere with matching context (the passage moved); diff-match-patch's
fuzzy ``match_main`` near where the passage should be (the passage was
reworded a little). When none of these holds, it cannot be placed: the caller
shows it as detached. Offsets are Python string indices (code points).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from workbench.statement.redline import DELETE, EQUAL, INSERT, word_diff

CONTEXT = 32  # characters kept before and after a quote
MIN_KEPT = 0.5  # share of a quote that must survive the edit for a fuzzy search
MIN_SIMILARITY = 0.6  # how close a fuzzy match must be to the quote
LONG_QUOTE = 16  # a unique quote this long is trusted without context
MAX_OCCURRENCES = 200


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""


def make_anchor(text: str, start: int, end: int) -> Anchor:
    return Anchor(
        start,
        end,
        text[start:end],
        text[max(0, start - CONTEXT) : start],
        text[end : end + CONTEXT],
    )


class TextMapper:
    """Maps offsets of an old text onto a new text through their word diff.

    The diff is computed once, so placing hundreds of comments costs one diff
    plus a binary search each.
    """

    def __init__(self, old: str, new: str):
        self.old = old
        self.new = new
        self._old_starts: list[int] = []
        # (op, old start, new start, length, new end of a replacement) per non-insert piece
        self._segments: list[list[int]] = []
        old_at = new_at = 0
        for op, piece in _pieces(old, new):
            size = len(piece)
            if op == INSERT:
                if self._segments and self._segments[-1][0] == DELETE:
                    self._segments[-1][4] = new_at + size
                new_at += size
                continue
            self._old_starts.append(old_at)
            self._segments.append([op, old_at, new_at, size, new_at])
            old_at += size
            if op == EQUAL:
                new_at += size
        self._new_length = new_at

    def _segment_at(self, loc: int) -> int:
        return max(0, bisect_right(self._old_starts, loc) - 1)

    def map(self, loc: int) -> int:
        """Where old offset ``loc`` lies in the new text (a deleted spot maps to its gap)."""
        if not self._segments:
            return 0
        op, old_at, new_at, size, _ = self._segments[self._segment_at(loc)]
        if op == EQUAL:
            return min(new_at + (loc - old_at), self._new_length)
        return new_at

    def map_end(self, loc: int) -> int:
        """Where the end of a range ending at old ``loc`` lies; a replaced last word
        maps past its replacement, so an edited passage keeps its new words."""
        if loc == 0 or not self._segments:
            return self.map(loc)
        op, old_at, new_at, size, replaced_end = self._segments[self._segment_at(loc - 1)]
        if op == EQUAL:
            return min(new_at + (loc - old_at), self._new_length)
        return replaced_end

    def kept(self, start: int, end: int) -> int:
        """How many characters of old[start:end] are unchanged in the new text."""
        total = 0
        index = self._segment_at(start)
        while index < len(self._segments):
            op, old_at, _, size, _ = self._segments[index]
            if old_at >= end:
                break
            if op == EQUAL:
                total += max(0, min(end, old_at + size) - max(start, old_at))
            index += 1
        return total


def _pieces(old: str, new: str) -> list[tuple[int, str]]:
    """The word diff of two texts, with what they share at each end cut off first.

    The common start and end are found by string comparison (fast, whatever
    their length) and backed off to a space, so a long text edited in one
    place costs its length, not a word diff of all of it.
    """
    if old == new:
        return [(EQUAL, old)]
    dmp = diff_match_patch()
    head = dmp.diff_commonPrefix(old, new)
    while head and not old[head - 1].isspace():
        head -= 1
    tail = dmp.diff_commonSuffix(old[head:], new[head:])
    while tail and not old[len(old) - tail].isspace():
        tail -= 1
    middle = word_diff(old[head : len(old) - tail], new[head : len(new) - tail], tidy=False)
    pieces = ([(EQUAL, old[:head])] if head else []) + middle
    return pieces + ([(EQUAL, old[len(old) - tail :])] if tail else [])


def _matcher() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.4
    dmp.Match_Distance = 1000
    dmp.Diff_Timeout = 0.2
    return dmp


def similarity(a: str, b: str, dmp: diff_match_patch | None = None) -> float:
    """1.0 for equal texts, 0.0 for nothing in common (edit distance based)."""
    if not a and not b:
        return 1.0
    dmp = dmp or _matcher()
    distance = dmp.diff_levenshtein(dmp.diff_main(a, b, False))
    return 1.0 - distance / max(len(a), len(b))


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _best_occurrence(new: str, anchor: Anchor, expected: int) -> tuple[int, int] | None:
    """The quote found verbatim elsewhere, when its context or length makes it credible."""
    quote = anchor.quote
    found = []
    at = new.find(quote)
    while at != -1 and len(found) < MAX_OCCURRENCES:
        found.append(at)
        at = new.find(quote, at + 1)
    if not found:
        return None
    need = min(8, len(anchor.prefix) + len(anchor.suffix))

    def score(at: int) -> tuple[int, int]:
        before = _common_suffix(new[max(0, at - CONTEXT) : at], anchor.prefix)
        after = _common_prefix(new[at + len(quote) : at + len(quote) + CONTEXT], anchor.suffix)
        return before + after, -abs(at - expected)

    best = max(found, key=score)
    if score(best)[0] >= need or (len(found) == 1 and len(quote) >= LONG_QUOTE):
        return best, best + len(quote)
    return None


def _snap(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """Widen a fuzzy match to whole words where the quote began/ended on a word."""
    if quote[:1].isalnum():
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    if quote[-1:].isalnum():
        while end < len(text) and text[end].isalnum():
            end += 1
    return start, end


def _fuzzy(new: str, quote: str, expected: int, dmp: diff_match_patch) -> tuple[int, int] | None:
    head = quote[:32]
    start = dmp.match_main(new, head, expected)
    if start < 0:
        return None
    end = start + len(quote)
    if len(quote) > 32:
        tail = quote[-32:]
        tail_at = dmp.match_main(new, tail, start + len(quote) - 32)
        if tail_at > start:
            end = tail_at + len(tail)
    start, end = _snap(new, start, min(end, len(new)), quote)
    if end <= start or similarity(new[start:end], quote, dmp) < MIN_SIMILARITY:
        return None
    return start, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def place(anchor: Anchor, mapper: TextMapper, dmp: diff_match_patch | None = None):
    """(start, end) of the anchor in ``mapper.new``, or None when it cannot be placed."""
    quote, new = anchor.quote, mapper.new
    if not quote.strip() or not new:
        return None
    start, end = mapper.map(anchor.start), mapper.map_end(anchor.end)
    kept = mapper.kept(anchor.start, anchor.end)
    if kept == len(quote) and new[start:end] == quote:
        return start, end
    moved = _best_occurrence(new, anchor, start)
    if moved is not None:
        return moved
    if kept / len(quote) < MIN_KEPT:
        return None  # most of the passage was deleted
    dmp = dmp or _matcher()
    start, end = _trimmed(new, start, end)
    if end > start and similarity(new[start:end], quote, dmp) >= MIN_SIMILARITY:
        return start, end
    return _fuzzy(new, quote, start, dmp)


def find_verbatim(anchor: Anchor, new: str) -> tuple[int, int] | None:
    """The anchor's quote where it stands again, word for word, with its context.

    No diff is needed, so a comment detached on one version is cheaply found
    again on a later version that brings its words back.
    """
    if not anchor.quote.strip() or not new:
        return None
    return _best_occurrence(new, anchor, anchor.start)


def place_all(anchors: list[Anchor], old: str, new: str) -> list[tuple[int, int] | None]:
    """Place many anchors made on ``old`` onto ``new`` with one diff."""
    mapper = TextMapper(old, new)
    dmp = _matcher()
    return [place(anchor, mapper, dmp) for anchor in anchors]
