"""The limits of what a record may hold: one place for every path a value arrives by.

A value typed into the app and a value that arrives in a package meet the same
limits, so a package can never bring what the app would refuse from its own
user (a 10 MB comment, a rating of 99, a revision that can never be raised).
Services that check typed input take their constants from here, and
``exchange.records.parse_line`` checks every field of every arriving record
against ``text_limit`` and the ranges below.

Over-long typed text is refused (never silently cut), except names and titles,
which ``clean_name`` makes one printable line and cuts to ``NAME_MAX``. An
arriving name that is not already in that form is refused, so what the partner
sees is what the sender saw.
"""

from __future__ import annotations

import unicodedata

from workbench.errors import ValidationError

# Text lengths, in characters, by kind of field.
NAME_MAX = 200  # a person's name, a member's name, a portfolio's title
TITLE_MAX = 200  # the title of a CPD activity
LABEL_MAX = 120  # the label of a statement version
SHORT_TEXT_MAX = 2_000  # any other one-line field: codes, kinds, skill names, file names
URL_MAX = 8_000  # a web address given as evidence
COMMENT_MAX = 20_000  # a comment or a reply
ACTION_MAX = 500  # a meeting action
AGREEMENT_MAX = 4_000  # the mentoring agreement
LONG_TEXT_MAX = 100_000  # notes, reflections, descriptions, reasons, a framework's scale
STATEMENT_MAX = 1_000_000  # a statement version, and the quotes comments take from it

# Numbers.
RATING_LOWEST = 0  # every framework's scale lies within these (the PKSB's is 0-4)
RATING_HIGHEST = 10
HOURS_MAX = 100.0  # one CPD activity; a long residential course is still below this
MAX_REVISION = 2**53 - 1  # exact in every JSON reader; leaves room to change a record again
MAX_INTEGER = 2**53 - 1  # any other whole number in a record (positions, offsets, sizes)

# Limits of one field of one table ("table.field"); other text fields take
# SHORT_TEXT_MAX (one line) or LONG_TEXT_MAX (multi-line) by their kind.
FIELD_TEXT_MAX = {
    "person.name": NAME_MAX,
    "membership.name": NAME_MAX,
    "portfolio.title": NAME_MAX,
    "cpd_activity.title": TITLE_MAX,
    "statement_version.label": LABEL_MAX,
    "statement_version.text": STATEMENT_MAX,
    "evidence_item.url": URL_MAX,
    "comment.text": COMMENT_MAX,
    "comment.word_author": NAME_MAX,
    "comment.quote": STATEMENT_MAX,
    "comment.prefix": STATEMENT_MAX,
    "comment.suffix": STATEMENT_MAX,
    "meeting_action.text": ACTION_MAX,
    "agreement.text": AGREEMENT_MAX,
}

# Fields that hold a person's name or a portfolio's title (see clean_name).
NAME_FIELDS = frozenset({"person.name", "membership.name", "portfolio.title"})
# Name fields that may also be empty (a comment written here has no Word author).
OPTIONAL_NAME_FIELDS = frozenset({"comment.word_author"})

# Unicode categories a name may not hold: controls, format characters (bidi
# overrides and isolates, zero-width marks), line and paragraph separators,
# and lone surrogates (which no file or database can store).
_UNPRINTABLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def text_limit(table: str, field: str, multiline: bool) -> int:
    """The most characters ``table.field`` may hold."""
    default = LONG_TEXT_MAX if multiline else SHORT_TEXT_MAX
    return FIELD_TEXT_MAX.get(f"{table}.{field}", default)


# Zero-width non-joiner and joiner shape letters in Persian, Indic and other
# scripts (and emoji): part of how some names are written, so they stay.
_JOINERS = {"\u200c", "\u200d"}


def clean_name(text: str, what: str = "a name") -> str:
    """A name or title as one line of printable text, at most NAME_MAX characters.

    Newlines and bidi controls in a name could make one person's words look
    like another's, so they never get in: whitespace runs become one space,
    invisible and control characters are dropped. Refuses what is left empty.
    """
    spaced = "".join(" " if ch.isspace() else ch for ch in text or "")
    kept = "".join(
        ch for ch in spaced if unicodedata.category(ch) not in _UNPRINTABLE or ch in _JOINERS
    )
    name = " ".join(kept.split())[:NAME_MAX].rstrip()
    if not name:
        raise ValidationError(f"Please enter {what}.")
    return name


def is_clean_name(text: str) -> bool:
    """Whether ``text`` is already what ``clean_name`` makes of it."""
    try:
        return clean_name(text) == text
    except ValidationError:
        return False
