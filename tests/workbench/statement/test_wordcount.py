"""Word counting with a route's rules (DESIGN.md, Text, versions and comments)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.frameworks.routes import CountRules, get_route
from workbench.statement.wordcount import (
    StatementCounter,
    citations,
    count_for_route,
    count_statement,
    count_words,
)

ALL_IN = CountRules(exclude_headings=False, exclude_citations=False, exclude_quotations=False)
ALL_OUT = CountRules(exclude_headings=True, exclude_citations=True, exclude_quotations=True)


def test_plain_words_markers_and_dashes():
    assert count_words("") == 0
    assert count_words("   \n\t ") == 0
    assert count_words("One two  three\nfour") == 4
    assert count_words("- a list item - with a dash \u2014 and *emphasis*") == 8
    assert count_words("well-being 2024 e-mail") == 3


def test_unicode_words_count_once_each():
    combining = "cafe\u0301 nai\u0308ve"  # decomposed accents
    assert count_words(combining) == 2
    assert count_words("great work \U0001f389 \U0001f44d\U0001f3fd") == 4
    assert count_words("\u0645\u0643\u062a\u0628\u0629 \u05e1\u05e4\u05e8\u05d9\u05d4 library") == 3
    assert count_words("\u200f\u200e") == 0  # direction marks alone are not words


def test_rules_decide_headings_citations_and_quotations():
    text = '# My statement\n\nI ran "a big session" for staff [E12].\n\n> A quoted line here\n'
    assert count_statement(text, ALL_IN, 1000).words == 2 + 8 + 4
    # the heading (2), the citation (1), the inline quotation (3) and the quoted line (4) go
    assert count_statement(text, ALL_OUT, 1000).words == 4
    only_citations = CountRules(False, True, False)
    assert count_statement(text, only_citations, 1000).words == 2 + 7 + 4


def test_curly_quotation_marks_and_unmatched_marks():
    text = 'She said \u201cthis is fine\u201d and left. An odd " mark stays.'
    assert count_statement(text, ALL_OUT, 10).words == 8


def test_label_and_over_limit_are_plain():
    route = get_route("revalidation")
    text = " ".join(["word"] * 260)
    count = count_for_route(text, route)
    assert count.label == "260 / 250"
    assert count.over == 10
    assert count_for_route("short", route).over == 0


def test_sections_per_criterion_follow_headings():
    route = get_route("chartership")
    text = (
        "# Statement\n\nIntro words here.\n\n"
        "## Personal performance\n\nOne two three.\n\n### A sub-heading\n\nFour five.\n\n"
        "## C2: Organisation\n\nSix seven [E1].\n\n"
        "## Looking back\n\nNot in any criterion.\n"
    )
    count = count_for_route(text, route)
    assert [(s.code, s.words) for s in count.sections] == [("C1", 5), ("C2", 2)]
    assert count.words == 3 + 5 + 2 + 4


def test_no_sections_without_criterion_headings():
    assert count_for_route("Just a paragraph.", get_route("chartership")).sections == ()


def test_a_twenty_thousand_word_paste_is_counted():
    text = ("Reflection on practice [E3] matters. " * 5000).strip()
    count = count_for_route(text, get_route("chartership"))
    assert count.words == 20_000
    assert count.over == 19_000


def test_citations_are_found_with_their_numbers():
    text = "See [E1] and [E12], not [E] or [X3]."
    assert citations(text) == [(4, 8, 1), (13, 18, 12)]


# Counting as the editor does: lines remembered by their text ------------------------------

PIECES = [
    "## Personal performance", "## C2: Organisation", "# Statement", "### Sub", "\n", "\n\n",
    "- ", "> ", "[E12]", '"', "\u201c", "\u201d", "*", "**", " ", "word", "well-being", "\u2014",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
EDITS = st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 12), st.sampled_from([*PIECES, "a", ""])),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(TEXTS, EDITS, st.sampled_from(["chartership", "revalidation", "certification"]))
def test_a_counter_kept_over_random_edits_agrees_with_a_full_count(text, edits, code):
    route = get_route(code)
    counter = StatementCounter(route)
    assert counter.count(text) == count_for_route(text, route)
    for where, cut, typed in edits:
        at = int(where * len(text))
        text = text[:at] + typed + text[at + cut :]
        assert counter.count(text) == count_for_route(text, route)


def test_a_keystroke_reads_again_only_the_line_it_changed():
    route = get_route("chartership")
    lines = ["# Statement", "", "## Personal performance", ""]
    lines += [f"Paragraph {n} about the library [E{n + 1}]." for n in range(40)]
    text = "\n".join(lines)
    counter = StatementCounter(route)
    counter.count(text)
    read = counter.lines_read
    typed = text.replace("Paragraph 7 about", "Paragraph 7 mostly about")
    assert counter.count(typed) == count_for_route(typed, route)
    assert counter.lines_read == read + 1
    assert counter.count(typed) == count_for_route(typed, route)  # nothing changed: none read
    assert counter.lines_read == read + 1


def test_a_counter_forgets_lines_typed_over():
    route = get_route("chartership")
    counter = StatementCounter(route)
    counter.REMEMBERED = 100
    for n in range(300):
        counter.count(f"Line {n}\nThe same second line.")
    assert len(counter._lines) <= 100
    assert counter.count("Line 3\nThe same second line.").words == 6
