"""Word-level diffs of two texts: what a redline shows as struck through or added.

``styled_pieces`` reads both versions with ``workbench.statement.markdown`` (the
one reading of the subset), so the redline shows headings, emphasis, markers
and citations as the editor and the Word export do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

from diff_match_patch import diff_match_patch

from workbench.statement import markdown

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


@dataclass(frozen=True)
class Look:
    """How a character of a redline reads in the Markdown subset."""

    heading: bool = False
    bold: bool = False
    italic: bool = False
    marker: bool = False
    citation: bool = False


PLAIN = Look()


def looks(text: str) -> list[Look]:
    """The look of each character of a statement, as the tokenizer reads it."""
    result = [PLAIN] * len(text)
    for block in markdown.parse(text):
        heading = block.kind in markdown.HEADINGS
        if heading:
            result[block.start : block.end] = [Look(heading=True)] * (block.end - block.start)
        for span in block.spans:
            look = Look(heading, span.bold, span.italic, False, span.citation is not None)
            result[span.start : span.end] = [look] * len(span.text)
        for start, end in block.markers:
            result[start:end] = [Look(heading=heading, marker=True)] * (end - start)
    return result


def styled_pieces(pieces: list[tuple[int, str]]) -> list[tuple[int, str, Look]]:
    """The pieces of a word diff cut where their look changes: removed text looks as it
    did in the old version, the rest as it does in the new one."""
    old = looks("".join(text for op, text in pieces if op != INSERT))
    new = looks("".join(text for op, text in pieces if op != DELETE))
    at_old = at_new = 0
    result = []
    for op, text in pieces:
        source, at = (old, at_old) if op == DELETE else (new, at_new)
        position = 0
        for look, group in groupby(source[at : at + len(text)]):
            size = len(list(group))
            result.append((op, text[position : position + size], look))
            position += size
        if op != INSERT:
            at_old += len(text)
        if op != DELETE:
            at_new += len(text)
    return result
