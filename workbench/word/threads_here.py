"""What of a Word file's comment threads is already in the portfolio.

The one reading, for an import, of "this Word comment is one we have":

- a comment or reply with the same words whose durable id is the one a review
  copy gave it (``comments_xml.durable_id`` of its uuid; Word keeps durable ids
  when it saves), which tells apart two comments that say the same;
- else a comment with the same words on the statement (LibreOffice writes new
  ids), the words read by ``words_of``: without the notes an export or an
  import adds to them ("On a passage that has since changed", "On the words"),
  nor the "Reply: " and "Name in Word, date: " that older versions wrote;
- for a reply, else a reply with the same words on the same comment.

A durable id alone is not enough (a file from elsewhere may hold the same
number by chance): the words must agree too.

A done mark is taken in once: a comment resolved here, or resolved before by
an import ("resolved in Word by …"), is not resolved again by a file.
"""

from __future__ import annotations

import re

from workbench.statement.comment_reading import current_states
from workbench.statement.placement import STATEMENT
from workbench.store.models import Comment, CommentState, Portfolio
from workbench.word.comments_xml import DETACHED_NOTE, durable_id

NEAREST_NOTE = "(On the words “{quote}”) "
RESOLVED_IN_WORD = "resolved in Word by {name}"
OLD_REPLY_PREFIX = "Reply: "  # review copies made before replies were Word replies
# Imports made before word_author: "Ruth Adebayo in Word, 3 November 2026: …"
OLD_ATTRIBUTION = re.compile(r"^[^\n:]{1,200} in Word(?:, \d{1,2} [^\W\d_]+ \d{4})?: ")
NOTE_STARTS = tuple(note.split("{quote}")[0] for note in (DETACHED_NOTE, NEAREST_NOTE))
NOTE_ENDS = tuple(note.split("{quote}")[1] for note in (DETACHED_NOTE, NEAREST_NOTE))


def words_of(text: str) -> str:
    """A comment's own words, without what an export or an import put around them."""
    text = text.strip()
    if text.startswith(OLD_REPLY_PREFIX):
        text = text[len(OLD_REPLY_PREFIX) :]
    text = OLD_ATTRIBUTION.sub("", text, count=1)
    for start, end in zip(NOTE_STARTS, NOTE_ENDS, strict=True):
        if text.startswith(start) and end.strip() in text:
            text = text.split(end.strip(), 1)[1]
    return OLD_ATTRIBUTION.sub("", text.strip(), count=1).strip()


class Existing:
    """The portfolio's statement comments, looked up the ways an import needs."""

    def __init__(self, rows=(), resolved=frozenset(), taken=frozenset()):
        """``rows``: (uuid, parent, text) of each comment and reply, oldest first;
        ``resolved``: the resolved top-level comments; ``taken``: those resolved
        because a Word file marked them done. Nothing given: none here yet."""
        self.parent_of: dict[str, str | None] = {}
        self.words: dict[str, str] = {}
        self.by_durable: dict[str, str] = {}
        self.by_words: dict[str, str] = {}
        self.replies: dict[tuple[str, str], str] = {}
        for uuid, parent, text in rows:
            self.parent_of[uuid] = parent
            self.by_durable.setdefault(durable_id(uuid), uuid)
            words = self.words[uuid] = words_of(text)
            if parent:
                self.replies.setdefault((parent, words), uuid)
            self.by_words.setdefault(words, parent or uuid)
        self.resolved = set(resolved)
        self.taken = set(taken)

    @classmethod
    def of_portfolio(cls, portfolio: Portfolio) -> Existing:
        rows = list(
            Comment.select(Comment.uuid, Comment.parent, Comment.text)
            .where(
                Comment.portfolio == portfolio,
                Comment.target_kind == STATEMENT,
                ~Comment.deleted,
            )
            .order_by(Comment.updated_at, Comment.uuid)
            .tuples()
        )
        roots = [uuid for uuid, parent, _ in rows if not parent]
        resolved = {uuid for uuid, state in current_states(roots).items() if state[0]}
        taken = CommentState.select(CommentState.comment).where(
            CommentState.comment.in_(roots),
            CommentState.reason.startswith(RESOLVED_IN_WORD.split("{name}")[0]),
            ~CommentState.deleted,
        )
        return cls(rows, resolved, {state.comment_id for state in taken})

    def root_of(self, uuid: str) -> str:
        return self.parent_of.get(uuid) or uuid

    def _durable(self, durable: str, words: str) -> str | None:
        found = self.by_durable.get(durable)
        return found if found is not None and self.words[found] == words else None

    def comment(self, durable: str, words: str) -> str | None:
        """The top-level comment here that a Word comment is (or the one it answers)."""
        found = self._durable(durable, words)
        if found is not None:
            return self.root_of(found)
        return self.by_words.get(words)

    def reply(self, durable: str, root: str | None, words: str) -> str | None:
        """The reply here that a Word reply to ``root`` is."""
        found = self._durable(durable, words)
        if found is not None:
            return found
        return self.replies.get((root, words)) if root else None

    def resolved_or_taken(self, root: str) -> bool:
        return root in self.resolved or root in self.taken
