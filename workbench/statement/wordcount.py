"""Counting the words of a statement with a route's rules.

It is one linear pass over the lines, each read by
``workbench.statement.markdown.parse_line`` (the same reading as the editor
and the Word export): headings, citations, ``> `` quotations and quoted words
are what that reading says they are. Markers are left out and the texts of a
line's spans joined, so ``well-*being*`` stays one word. A word is a run of
non-space characters holding at least one letter, digit or pictograph, so a
list marker "-" or a lone dash is not a word, "well-being" is one word and an
emoji on its own is one word (as word processors count it).

The editor counts on every keystroke with a ``StatementCounter``, which reads
again only the lines whose text changed and gives what ``count_statement`` gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import filterfalse

from workbench.frameworks.routes import CountRules, Route
from workbench.statement import markdown

WORDISH = re.compile(r"[^\W_]|[\u2600-\u27bf\U0001f000-\U0001faff]")


@dataclass(frozen=True)
class SectionCount:
    """The words under a heading that names an assessment criterion."""

    code: str
    name: str
    words: int
    budget: int | None = None  # the route's words for one criterion, if it sets them

    @property
    def over(self) -> int:
        """How many words over the section's budget (0 within it or without one)."""
        return max(0, self.words - self.budget) if self.budget else 0


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
    # A token that is all str.isalnum passes WORDISH's [^\W_]; only the others need the
    # regular expression. map and filterfalse keep the loop out of Python bytecode.
    tokens = text.split()
    rest = filterfalse(str.isalnum, tokens)
    return len(tokens) - sum(1 for found in map(WORDISH.search, rest) if found is None)


def counted_text(block: markdown.Block, rules: CountRules) -> str:
    """The text of one block that counts under the rules (left-out spans become spaces)."""
    if block.kind in markdown.HEADINGS and rules.exclude_headings:
        return ""
    if block.kind == markdown.QUOTE and rules.exclude_quotations:
        return ""
    spans = block.spans
    if len(spans) == 1 and spans[0].citation is None and not spans[0].quoted:
        return spans[0].text
    return "".join(
        " "
        if (span.citation is not None and rules.exclude_citations)
        or (span.quoted and rules.exclude_quotations)
        else span.text
        for span in spans
    )


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


@dataclass(frozen=True, slots=True)
class LineCount:
    """What one line adds to the count: its words, and its heading if it is one."""

    words: int
    heading: str | None = None  # the heading's text
    level: int = 0  # the heading's level


BLANK = LineCount(0)


def count_line(line: str, rules: CountRules) -> LineCount:
    """The words of one line (without its newline) under the rules."""
    block = markdown.parse_line(line)
    if block is None:
        return BLANK
    words = count_words(counted_text(block, rules))
    if block.kind in markdown.HEADINGS:
        return LineCount(words, block.text, block.level)
    return LineCount(words)


def total_of_lines(lines: Iterable[LineCount], limit: int, route: Route | None = None):
    """Total words and, when headings name criteria, the words under each."""
    total = 0
    sections: dict[str, list] = {}  # criterion code -> [criterion, words]
    current = None  # the [criterion, words] of the open criterion section
    level = 0  # the level of its heading
    for line in lines:
        if line.heading is not None:
            criterion = _criterion_of(line.heading, route)
            if criterion is not None:
                current = sections.setdefault(criterion.code, [criterion, 0])
                level = line.level
            elif current is not None and line.level <= level:
                current = None
        total += line.words
        if current is not None:
            current[1] += line.words
    budget = route.criterion_budget if route else None
    ordered = [
        SectionCount(c.code, c.name, sections[c.code][1], budget)
        for c in (route.criteria if route else ())
        if c.code in sections
    ]
    return WordCount(total, limit, tuple(ordered))


def count_statement(text: str, rules: CountRules, limit: int, route: Route | None = None):
    """Total words and, when headings name criteria, the words under each."""
    lines = (count_line(line, rules) for line in text.split("\n"))
    return total_of_lines(lines, limit, route)


class StatementCounter:
    """``count_for_route`` for a text that changes a little at a time, as it is typed.

    The count of a line depends on its text alone, so the lines read before are
    remembered by their text and a keystroke reads again only the line it
    changed; the sum over the lines is taken afresh each time, with the same
    ``count_line`` and ``total_of_lines`` as ``count_statement``. An editor that
    knows which lines changed keeps their ``line`` counts and asks for the ``total``.
    """

    REMEMBERED = 20_000  # line texts kept; past that they are forgotten and read again

    def __init__(self, route: Route):
        self.route = route
        self._lines: dict[str, LineCount] = {}
        self.lines_read = 0  # how many lines were read (not found remembered) so far

    def count(self, text: str) -> WordCount:
        return self.total([self.line(line) for line in text.split("\n")])

    def line(self, line: str) -> LineCount:
        """The count of one line (without its newline)."""
        found = self._lines.get(line)
        if found is None:
            if len(self._lines) >= self.REMEMBERED:
                self._lines.clear()
            self.lines_read += 1
            found = self._lines[line] = count_line(line, self.route.count_rules)
        return found

    def total(self, lines: Iterable[LineCount]) -> WordCount:
        """The count of a statement made of these lines, in order."""
        return total_of_lines(lines, self.route.word_limit, self.route)


def count_for_route(text: str, route: Route) -> WordCount:
    return count_statement(text, route.count_rules, route.word_limit, route)


def citations(text: str) -> list[tuple[int, int, int]]:
    """Each evidence citation as (start, end, evidence number), in text order."""
    return [(s.start, s.end, s.citation) for s in markdown.citation_spans(text)]
