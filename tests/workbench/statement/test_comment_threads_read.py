"""Reading a version's comments without their threads, and the threads of a few later.

A list of thousands of comments shows a few cards at a time: it reads the comments
(where they sit, their states) at once and the replies of the cards it makes. Read
either way, every comment is the same.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace

from tests.workbench.statement.test_comments import V1, on, people, send  # noqa: F401
from workbench.statement import anchoring, placement
from workbench.statement.comment_reading import (
    _replies,
    comments_for_version,
    current_states,
    with_replies,
)
from workbench.statement.comments import delete_comment, reply, resolve
from workbench.statement.placement import statement_comments
from workbench.store import db
from workbench.store.models import Comment

V2 = V1.replace("I learnt a lot about teaching this year. ", "").replace(
    "about 20,000", "some 20,000"
)


@contextmanager
def statements():
    seen: list[str] = []
    connection = db.database.connection()
    connection.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        connection.set_trace_callback(None)


def threads(p, mentee, mentor):
    """Two versions; comments with and without replies, resolved, detached, on both."""
    v1 = send(p, mentee, V1)
    asked = on(p, mentor, v1, "20,000 students", "Source?")
    reply(p, mentee, asked.uuid, "Our annual report [E1].")
    gone = reply(p, mentor, asked.uuid, "Never mind.")
    delete_comment(p, mentor, gone.uuid)
    reply(p, mentor, asked.uuid, "Thanks.")
    resolve(p, mentee, asked.uuid, "Cited the annual report.")
    detached = on(p, mentor, v1, "I learnt a lot about teaching", "Say what you learnt.")
    reply(p, mentee, detached.uuid, "Cut it instead.")
    on(p, mentor, v1, "induction sessions", "Good.")
    v2 = send(p, mentee, V2)
    later = on(p, mentor, v2, "Organisational context", "Shorter?")
    reply(p, mentee, later.uuid, "Done.")
    return v1, v2


def test_threads_read_later_are_those_read_at_once(people):  # noqa: F811
    p, mentee, mentor = people
    for version in threads(p, mentee, mentor):
        full = comments_for_version(version)
        bare = comments_for_version(version, threads=False)
        assert all(view.replies is None for view in bare)
        assert [replace_thread(v) for v in bare] == [replace_thread(v) for v in full]
        assert with_replies(bare) == full
        assert with_replies(bare[1:2]) == full[1:2]
        assert with_replies(bare[:1] + full[1:]) == full
    assert any(v.detached and v.replies for v in full)  # on the second version


def replace_thread(view):
    """A view with its thread left out, to compare the rest of it."""
    return replace(view, replies=None)


def test_threads_of_any_number_of_cards_are_one_statement(people):  # noqa: F811
    p, mentee, mentor = people
    _, v2 = threads(p, mentee, mentor)
    bare = comments_for_version(v2, threads=False)
    with statements() as seen:
        read = with_replies(bare)
    assert len(seen) == 1
    with statements() as seen:
        assert with_replies(read) == read  # every thread already read: nothing to read
    assert seen == []


def test_states_and_replies_read_by_uuids_or_by_a_query_agree(people):  # noqa: F811
    p, mentee, mentor = people
    threads(p, mentee, mentor)
    query = statement_comments(p.uuid).select(Comment.uuid)
    uuids = [uuid for (uuid,) in query.tuples()]
    names = {mentee.uuid: mentee.name, mentor.uuid: mentor.name}
    assert current_states(uuids, names) == current_states(query, names)
    by_uuids = _replies(uuids, names)
    assert by_uuids == _replies(query, names) == _replies(uuids)  # names read with them
    assert sum(len(thread) for thread in by_uuids.values()) == 4  # the deleted one is left out


def test_reading_a_version_places_nothing_again(people, monkeypatch):  # noqa: F811
    """Comments made on the version shown keep their own anchor, and those carried
    onto it were placed when it was made: reading it runs no diff and no fuzzy match."""
    p, mentee, mentor = people
    v1, v2 = threads(p, mentee, mentor)
    expected = {version.uuid: comments_for_version(version) for version in (v1, v2)}

    def refused(*_args, **_kwargs):
        raise AssertionError("placed again while reading")

    monkeypatch.setattr(placement, "place_all", refused)
    monkeypatch.setattr(anchoring, "_fuzzy", refused)
    for version in (v1, v2):
        assert comments_for_version(version) == expected[version.uuid]
        assert comments_for_version(version, threads=False) == [
            replace(view, replies=None) for view in expected[version.uuid]
        ]
