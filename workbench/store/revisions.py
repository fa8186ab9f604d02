"""The revision a record's author gives their next change to it."""

from __future__ import annotations

import time


def next_revision(current: int) -> int:
    """The revision of an author's next change to a record.

    At least one more than before, and at least the author's clock in
    milliseconds: a copy restored from a backup has older revisions than its
    partner holds, yet its next change is still newer than all of them. Only
    the author's own clock is used, only to order their own changes.
    """
    return max(current + 1, time.time_ns() // 1_000_000)
