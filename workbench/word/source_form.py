"""Giving a statement read back from Word its own spelling where Word could not keep it.

Word keeps what the Markdown means, not how it was typed: ``* `` and ``- ``
bullets are both List Bullet, ``###`` is Heading 2, the blank lines between
blocks and a trailing newline are gone. So a text read from Word is laid
against the version it came from, block by block (``markdown.parse``, the
one reading of the subset): each block that means the same (kind, words,
emphasis) is written as that version wrote it, with the version's spacing
around it; blocks that differ are written as read. Our own export read back
is therefore the version's text exactly, and an edited file differs only
where it was edited.
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch

from workbench.statement import markdown

MAX_BLOCKS = 200_000  # past this many blocks the text is kept as read
FIRST_CODE = 0x10000  # each distinct block becomes one character past the BMP for the diff


def _key(line: str) -> tuple:
    """What a block means: its kind and its words with their emphasis."""
    block = markdown.parse_line(line)
    merged: list[list] = []
    for span in block.spans:
        if merged and merged[-1][1:] == [span.bold, span.italic]:
            merged[-1][0] += span.text
        else:
            merged.append([span.text, span.bold, span.italic])
    return block.kind, tuple(map(tuple, merged))


def _blocks(text: str) -> list[tuple[int, str]]:
    """(start, line) of each block: every line that holds more than whitespace."""
    found = []
    at = 0
    for line in text.split("\n"):
        if line.strip():
            found.append((at, line))
        at += len(line) + 1
    return found


def _diff(mine: list, theirs: list, key) -> list[tuple[int, int, int]]:
    """(op, count in mine, count in theirs) runs of a diff of two lists by ``key``.

    Each distinct key becomes one character past the BMP and the two strings
    are diffed with diff-match-patch (near-linear for lists mostly the same).
    """
    codes: dict = {}

    def encode(items) -> str:
        return "".join(codes.setdefault(key(item), chr(FIRST_CODE + len(codes))) for item in items)

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 1.0
    return [
        (op, len(text) if op != 1 else 0, len(text) if op != -1 else 0)
        for op, text in dmp.diff_main(encode(mine), encode(theirs), False)
    ]


def _by_writing(
    mine: list[tuple[int, str]], theirs: list[tuple[int, str]], key
) -> list[int | None]:
    """For each block of ``mine``, the index of the block of ``theirs`` it is, or None.

    Lines equal as written are matched first, without reading them; only the
    lines between those are read (``markdown.parse_line``) and matched by meaning.
    """
    partner: list[int | None] = [None] * len(mine)
    i = j = 0
    gap_i, gap_j = 0, 0

    def by_meaning(i_end: int, j_end: int) -> None:
        if gap_i == i_end or gap_j == j_end:
            return
        a, b = gap_i, gap_j
        for op, n, m in _diff(mine[gap_i:i_end], theirs[gap_j:j_end], key):
            if op == 0:
                for offset in range(n):
                    partner[a + offset] = b + offset
            a, b = a + n, b + m

    for op, n, m in _diff(mine, theirs, lambda item: item[1]):
        if op == 0:
            by_meaning(i, j)
            for offset in range(n):
                partner[i + offset] = j + offset
            gap_i, gap_j = i + n, j + m
        i, j = i + n, j + m
    by_meaning(i, j)
    return partner


def _by_meaning(
    mine: list[tuple[int, str]], theirs: list[tuple[int, str]], key
) -> list[int | None]:
    """As ``_by_writing``, every block matched by its meaning (``key``)."""
    partner: list[int | None] = [None] * len(mine)
    i = j = 0
    for op, n, m in _diff(mine, theirs, key):
        if op == 0:
            partner[i : i + n] = range(j, j + n)
        i, j = i + n, j + m
    return partner


def _partners(mine: list[tuple[int, str]], theirs: list[tuple[int, str]]) -> list[int | None]:
    """For each block of ``mine``, the block of ``theirs`` it is (or None).

    Matching as written first is quick, but it may pair a line with a twin further
    on and leave blocks of the same meaning unmatched on both sides. Only then are
    all blocks matched by meaning, and that kept if it matches more.
    """
    keys: dict[str, tuple] = {}

    def key(block: tuple[int, str]) -> tuple:  # each distinct line read once
        found = keys.get(block[1])
        if found is None:
            found = keys[block[1]] = _key(block[1])
        return found

    quick = _by_writing(mine, theirs, key)

    paired = set(quick)
    left_mine = {key(block) for block, j in zip(mine, quick, strict=True) if j is None}
    if not left_mine or not any(
        key(b) in left_mine for n, b in enumerate(theirs) if n not in paired
    ):
        return quick
    thorough = _by_meaning(mine, theirs, key)
    return thorough if thorough.count(None) < quick.count(None) else quick


def restore(read: str, source: str) -> str:
    """``read`` with every block that means what a block of ``source`` means written as
    ``source`` writes it (and ``source``'s spacing between such blocks)."""
    if read == source:
        return read
    mine, theirs = _blocks(read), _blocks(source)
    if not mine or not theirs or len(mine) + len(theirs) > MAX_BLOCKS:
        return read
    partner = _partners(mine, theirs)

    def end(block: tuple[int, str]) -> int:
        return block[0] + len(block[1])

    out: list[str] = []
    for index, block in enumerate(mine):
        j = partner[index]
        if index == 0:
            out.append(source[: theirs[0][0]] if j == 0 else read[: block[0]])
        else:
            before = partner[index - 1]
            if j is not None and before is not None and j == before + 1:
                out.append(source[end(theirs[before]) : theirs[j][0]])
            else:
                out.append(read[end(mine[index - 1]) : block[0]])
        out.append(block[1] if j is None else theirs[j][1])
    last = partner[-1]
    out.append(source[end(theirs[-1]) :] if last == len(theirs) - 1 else read[end(mine[-1]) :])
    return "".join(out)
