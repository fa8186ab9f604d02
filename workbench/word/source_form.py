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

from difflib import SequenceMatcher

from workbench.statement import markdown

MAX_BLOCKS = 20_000  # past this many blocks the texts are kept as read (alignment cost)


def _key(block: markdown.Block) -> tuple:
    """What a block means: its kind and its words with their emphasis."""
    merged: list[list] = []
    for span in block.spans:
        if merged and merged[-1][1:] == [span.bold, span.italic]:
            merged[-1][0] += span.text
        else:
            merged.append([span.text, span.bold, span.italic])
    return block.kind, tuple(map(tuple, merged))


def _line_end(text: str, block: markdown.Block) -> int:
    end = text.find("\n", block.start)
    return len(text) if end == -1 else end


def restore(read: str, source: str) -> str:
    """``read`` with every block that means what a block of ``source`` means written as
    ``source`` writes it (and ``source``'s spacing between such blocks)."""
    if read == source:
        return read
    mine, theirs = markdown.parse(read), markdown.parse(source)
    if not mine or not theirs or len(mine) + len(theirs) > MAX_BLOCKS:
        return read
    matcher = SequenceMatcher(None, [_key(b) for b in mine], [_key(b) for b in theirs], False)
    # For each block of ``read``: the index of the block of ``source`` it matches, or None.
    partner: list[int | None] = [None] * len(mine)
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                partner[i1 + offset] = j1 + offset
    out: list[str] = []
    for index, block in enumerate(mine):
        j = partner[index]
        if index == 0:
            out.append(source[: theirs[0].start] if j == 0 else read[: block.start])
        else:
            before = partner[index - 1]
            if j is not None and before is not None and j == before + 1:
                out.append(source[_line_end(source, theirs[before]) : theirs[j].start])
            else:
                out.append(read[_line_end(read, mine[index - 1]) : block.start])
        if j is None:
            out.append(read[block.start : _line_end(read, block)])
        else:
            out.append(source[theirs[j].start : _line_end(source, theirs[j])])
    last = partner[-1]
    if last == len(theirs) - 1:
        out.append(source[_line_end(source, theirs[-1]) :])
    else:
        out.append(read[_line_end(read, mine[-1]) :])
    return "".join(out)
