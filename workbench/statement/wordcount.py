"""Counting the words of a statement with a route's rules.

It runs on every keystroke, so it is one linear pass over the lines: no
parsing beyond what the Markdown subset needs. A word is a run of
non-space characters holding at least one letter, digit or pictograph, so a
list marker "-" or a lone dash is not a word, "well-being" is one word and an
emoji on its own is one word (as word processors count it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.frameworks.routes import CountRules, Route

CITATION = re.compile(r"\[E(\d+)\]")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# Quotations stay within a line, so an unmatched mark cannot swallow the text.
QUOTATION = re.compile(r"\"[^\"\n]*\"|\u201c[^\u201d\n]*\u201d")
WORDISH = re.compile(r"[^\W_]|[\u2600-\u27bf\U0001f000-\U0001faff]")


@dataclass(frozen=True)
class SectionCount:
    """The words under a heading that names an assessment criterion."""

    code: str
    name: str
    words: int


@dataclass(frozen=True)
class WordCount:
    words: int
    limit: int
    sections: tuple[SectionCount, ...] = ()

    @property
    def over(self) -> int:
        """How many words over the limit (0 when within it)."""
        return max(0, self.words - self.limit)

    @property
    def label(self) -> str:
        return f"{self.words} / {self.limit}"


def count_words(text: str) -> int:
    """The number of words in plain text."""
    return sum(1 for token in text.split() if WORDISH.search(token))


def _counted_part(line: str, rules: CountRules, heading: re.Match | None) -> str:
    """The part of one line that counts under the rules."""
    if heading:
        return "" if rules.exclude_headings else heading.group(2)
    if rules.exclude_quotations:
        if line.lstrip().startswith(">"):
            return ""
        line = QUOTATION.sub(" ", line)
    if rules.exclude_citations:
        line = CITATION.sub(" ", line)
    return line


def _criterion_of(title: str, route: Route | None):
    """The criterion a heading names ("## Personal performance", "C1 …"), if any."""
    if route is None:
        return None
    folded = title.casefold()
    for criterion in route.criteria:
        if criterion.name.casefold() in folded:
            return criterion
        words = re.split(r"[\s:.\-\u2013\u2014]+", folded)
        if criterion.code.casefold() in words:
            return criterion
    return None


def count_statement(text: str, rules: CountRules, limit: int, route: Route | None = None):
    """Total words and, when headings name criteria, the words under each."""
    total = 0
    sections: dict[str, list] = {}
    current = None  # (criterion, heading level) of the open criterion section
    for line in text.splitlines():
        heading = HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            criterion = _criterion_of(heading.group(2), route)
            if criterion is not None:
                current = (criterion, level)
                sections.setdefault(criterion.code, [criterion, 0])
            elif current is not None and level <= current[1]:
                current = None
        words = count_words(_counted_part(line, rules, heading))
        total += words
        if current is not None:
            sections[current[0].code][1] += words
    ordered = [
        SectionCount(c.code, c.name, sections[c.code][1])
        for c in (route.criteria if route else ())
        if c.code in sections
    ]
    return WordCount(total, limit, tuple(ordered))


def count_for_route(text: str, route: Route) -> WordCount:
    return count_statement(text, route.count_rules, route.word_limit, route)


def citations(text: str) -> list[tuple[int, int, int]]:
    """Each evidence citation as (start, end, evidence number), in text order."""
    return [(m.start(), m.end(), int(m.group(1))) for m in CITATION.finditer(text)]
