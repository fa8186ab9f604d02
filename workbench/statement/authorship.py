"""Who a comment is by, as people see it: the one rule.

Records are single-writer: only a record's author may change it, and records
travel signed in their author's packages. A comment brought in from a Word
file is therefore the importing person's record (its ``author``), and the name
Word gives it is kept beside it in ``word_author`` (with Word's date in
``word_date``). Wherever a comment's author is named or filtered on (cards,
the filter by person, recent activity, exports) the shown author is
``shown_author``: the Word author when there is one, else the person. Where
the app tells the mentor's comments from others (the version the mentor last
read), ``is_mentors`` counts a comment whose Word author is the mentor's name.
Permissions (editing, deleting) stay with the record's author.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

UNKNOWN = "someone"


def same_name(a: str, b: str) -> bool:
    """Two spellings of one name: case and runs of spaces do not matter."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def shown_author(
    author: str, word_author: str, names: Mapping[str, str], unknown: str = UNKNOWN
) -> str:
    """The name a comment or reply is shown by (``names``: person uuid -> name)."""
    return word_author or names.get(author, unknown)


def is_mentors(author: str, word_author: str, mentors: Mapping[str, str]) -> bool:
    """Whether a comment counts as the mentor's (``mentors``: mentor uuid -> name).

    A comment imported from Word by someone else counts when its Word author's
    name is a mentor's name."""
    if word_author:
        return any(same_name(word_author, name) for name in mentors.values())
    return author in mentors


def mentor_named(name: str, mentors: Iterable[str]) -> str | None:
    """The mentor's name as stored, when ``name`` (from Word) is theirs."""
    return next((mentor for mentor in mentors if same_name(name, mentor)), None)
