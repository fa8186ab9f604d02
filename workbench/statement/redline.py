"""Word-level diffs of two texts: what a redline shows as struck through or added."""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

TOKEN = re.compile(r"\s+|\S+")
LINE = re.compile(r"[^\n]*\n|[^\n]+")

# Redline operations, as diff-match-patch numbers them.
DELETE, EQUAL, INSERT = -1, 0, 1


def _token_diff(old: list[str], new: list[str], dmp, tidy: bool) -> list[tuple[int, str]]:
    """Diff two token lists: each distinct token becomes one character for dmp."""
    table: dict[str, str] = {}

    def encode(tokens: list[str]) -> str:
        out = []
        for token in tokens:
            code = table.get(token)
            if code is None:
                index = len(table) + 1
                code = chr(index + 0x800 if index >= 0xD800 else index)  # skip surrogates
                table[token] = code
            out.append(code)
        return "".join(out)

    a, b = encode(old), encode(new)
    decode = {code: token for token, code in table.items()}
    diffs = dmp.diff_main(a, b, False)
    if tidy:
        dmp.diff_cleanupEfficiency(diffs)
    return [(op, "".join(decode[c] for c in codes)) for op, codes in diffs]


def word_diff(old: str, new: str, tidy: bool = True) -> list[tuple[int, str]]:
    """A word-level diff: (DELETE | EQUAL | INSERT, text) pieces that rebuild both texts.

    Paragraphs are compared first, then the words of the changed paragraphs
    (each word and each run of spaces one token), so a redraft that touches
    many places stays fast. ``tidy`` folds a few unchanged words between two
    changes into them, which reads better in a redline; anchoring wants every
    unchanged word kept, so it passes False.
    """
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 2.0  # a slower diff is still a correct, if less tidy, redline
    dmp.Diff_EditCost = 8  # tokens: fold a few words between two changes into them
    pieces: list[tuple[int, str]] = []
    removed: list[str] = []
    added: list[str] = []

    def words_of_changed_paragraphs() -> None:
        if removed or added:
            old_words = TOKEN.findall("".join(removed))
            pieces.extend(_token_diff(old_words, TOKEN.findall("".join(added)), dmp, tidy))
            removed.clear()
            added.clear()

    for op, text in _token_diff(LINE.findall(old), LINE.findall(new), dmp, tidy=False):
        if op == EQUAL:
            words_of_changed_paragraphs()
            pieces.append((EQUAL, text))
        else:
            (removed if op == DELETE else added).append(text)
    words_of_changed_paragraphs()
    merged: list[tuple[int, str]] = []
    for op, text in pieces:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        elif text:
            merged.append((op, text))
    return merged
