"""Which paragraphs of a Word file are the statement, and how we know.

In order: the statement's bookmark, which our export writes around it; else,
when the portfolio's versions are known, the run of paragraphs whose words
best match one of them; else the document's structure: after the title block
and the word-count line, up to the first page break or table (the evidence
appendix and the PKSB table start on pages of their own). Tables, titles and
subtitles are never the statement.
"""

from __future__ import annotations

import re
from collections import Counter

from workbench.word.body import Body
from workbench.word.render import is_title

BOOKMARK, BEST_MATCH, HEADINGS = "bookmark", "best match", "headings"
FOUND_TEXT = {
    BOOKMARK: "by its bookmark",
    BEST_MATCH: "as the passage that best matches a version (the bookmark is gone)",
    HEADINGS: "from the document's headings and layout (the bookmark is gone)",
}
# The export's line under the title ("Word count: 873 of 1,000 (…)"), not statement text:
# written by ``word_count_line``, recognised by the pattern beside it.
WORD_COUNT_LINE = re.compile(r"\s*Word count: [\d,]+( of [\d,]+)?( \(.*\))?\s*$")


def word_count_line(count: int, limit: int | None, note: str) -> str:
    line = f"Word count: {count:,}"
    if limit:
        line += f" of {limit:,}"
    return f"{line} ({note})" if note else line


WORDS = re.compile(r"\w+")
MIN_RECALL = 0.5  # a best-matching passage must hold at least half a version's words


def statement_paragraphs(body: Body, known: tuple[str, ...] = ()) -> tuple[list[int], str]:
    """The indexes of the statement's paragraphs, and which way they were found."""
    paragraphs = body.paragraphs
    if body.bookmark_id is not None:
        region = [i for i, p in enumerate(paragraphs) if p.in_statement]
        if any(paragraphs[i].text().strip() for i in region):
            return region, BOOKMARK
    candidates = [i for i, p in enumerate(paragraphs) if not p.in_table and not is_title(p)]
    if known:
        best = _best_span(body, candidates, known)
        if best:
            return best, BEST_MATCH
    return _by_layout(body), HEADINGS


def _by_layout(body: Body) -> list[int]:
    chosen: list[int] = []
    for index, paragraph in enumerate(body.paragraphs):
        if paragraph.in_table or (paragraph.page_break and chosen):
            if chosen:
                break
            continue
        text = paragraph.text()
        if is_title(paragraph) or (
            not chosen and (not text.strip() or WORD_COUNT_LINE.match(text))
        ):
            continue  # the title block and the front matter
        chosen.append(index)
    return chosen


def _best_span(body: Body, candidates: list[int], known: tuple[str, ...]) -> list[int]:
    """The run of candidate paragraphs whose words best match one known text."""
    texts = [WORDS.findall(body.paragraphs[i].text().lower()) for i in candidates]
    best: list[int] = []
    best_score = 0.0
    for reference in known:
        vocabulary = Counter(WORDS.findall(reference.lower()))
        total = sum(vocabulary.values())
        if not total:
            continue
        # Kadane over paragraphs: a word of the version counts +1, any other word -1.
        run_start, run_sum, top, top_span = 0, 0, 0, (0, 0)
        for position, words in enumerate(texts):
            gain = sum(1 if word in vocabulary else -1 for word in words)
            if run_sum <= 0:
                run_start, run_sum = position, 0
            run_sum += gain
            if run_sum > top:
                top, top_span = run_sum, (run_start, position + 1)
        span = candidates[top_span[0] : top_span[1]]
        found = Counter(word for words in texts[top_span[0] : top_span[1]] for word in words)
        recall = sum((found & vocabulary).values()) / total
        if recall >= MIN_RECALL and recall > best_score:
            best, best_score = span, recall
    return best
