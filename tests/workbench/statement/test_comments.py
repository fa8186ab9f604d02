"""Anchored comments: threads, states, carrying forward and detaching."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from main import main as run_main
from workbench.errors import NotFound, PermissionDenied, ValidationError
from workbench.matrix.ratings import framework_skills
from workbench.statement import drafts
from workbench.statement.anchoring import make_anchor, place_all
from workbench.statement.comment_reading import (
    DETACHED,
    OPEN,
    RESOLVED,
    all_comments,
    comments_for_target,
    comments_for_version,
)
from workbench.statement.comments import (
    comment_on,
    create_comment,
    delete_comment,
    edit_comment,
    reopen,
    reply,
    resolve,
    restore_comment,
)
from workbench.store.models import Comment, CommentPlacement
from workbench.store.portfolios import MENTOR, add_member, ensure_person

V1 = (
    "# Personal performance\n\n"
    "I ran induction sessions for new students. I learnt a lot about teaching this year. "
    "The students seemed to enjoy them more.\n\n"
    "## Organisational context\n\nOur library serves about 20,000 students [E1].\n"
)


@pytest.fixture
def people(portfolio, me, other):
    mentee = ensure_person(me)
    mentor = ensure_person(other)
    add_member(portfolio.portfolio, mentee, mentor, MENTOR)
    return portfolio.portfolio, mentee, mentor


def send(p, mentee, text, label=""):
    drafts.save_working_copy(p, mentee, text)
    return drafts.send_for_review(p, mentee, label)


def on(p, who, version, quote, text="A comment"):
    start = version.text.index(quote)
    return create_comment(p, who, version, start, start + len(quote), text)


def by_uuid(views):
    return {v.uuid: v for v in views}


def test_a_comment_lands_on_the_same_words_after_edits_around_it(people):
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    made = on(p, mentor, v1, "seemed to enjoy them", "How do you know?")
    assert (made.quote, made.state, made.author_name) == (
        "seemed to enjoy them",
        OPEN,
        "Morgan Mentor",
    )
    edited = V1.replace("I ran induction", "Last autumn I designed and ran induction").replace(
        "more.", "more, judging by the feedback forms [E2]."
    )
    v2 = send(p, mentee, edited)
    view = by_uuid(comments_for_version(v2))[made.uuid]
    assert view.state == OPEN and not view.detached
    assert v2.text[view.start : view.end] == "seemed to enjoy them"
    assert (view.origin_number, view.version_number) == (1, 2)


def test_a_comment_whose_words_were_deleted_is_detached_not_dropped(people):
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    gone = on(p, mentor, v1, "I learnt a lot about teaching this year.", "What, exactly?")
    kept = on(p, mentor, v1, "20,000 students")
    v2 = send(p, mentee, V1.replace("I learnt a lot about teaching this year. ", ""))
    views = by_uuid(comments_for_version(v2))
    assert views[gone.uuid].state == DETACHED
    assert (views[gone.uuid].start, views[gone.uuid].end) == (None, None)
    assert views[gone.uuid].quote == "I learnt a lot about teaching this year."
    assert views[kept.uuid].state == OPEN
    # still there, anchored, on the version it was made on
    assert by_uuid(comments_for_version(v1))[gone.uuid].start == v1.text.index("I learnt")


def test_a_short_quote_whose_words_were_deleted_does_not_jump_elsewhere(people):
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    made = on(p, mentor, v1, "new students")
    v2 = send(p, mentee, V1.replace(" for new students", ""))
    assert by_uuid(comments_for_version(v2))[made.uuid].detached


def test_a_reworded_passage_is_found_by_fuzzy_match(people):
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    made = on(p, mentor, v1, "The students seemed to enjoy them more.")
    v2 = send(p, mentee, V1.replace("seemed to enjoy them more", "seemed to enjoy them much more"))
    view = by_uuid(comments_for_version(v2))[made.uuid]
    assert view.quote == "The students seemed to enjoy them much more."


def test_a_moved_passage_is_followed(people):
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    made = on(p, mentor, v1, "I learnt a lot about teaching this year.")
    moved = V1.replace("I learnt a lot about teaching this year. ", "") + (
        "\nI learnt a lot about teaching this year.\n"
    )
    v2 = send(p, mentee, moved)
    view = by_uuid(comments_for_version(v2))[made.uuid]
    assert view.quote == "I learnt a lot about teaching this year."
    assert view.start > v2.text.index("20,000")


def test_carried_forward_over_three_versions(people):
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    made = on(p, mentor, v1, "induction sessions")
    send(p, mentee, "Intro line.\n\n" + V1)
    v3 = send(p, mentee, "Intro line.\n\n" + V1 + "\nA closing paragraph.\n")
    view = by_uuid(comments_for_version(v3))[made.uuid]
    assert v3.text[view.start : view.end] == "induction sessions"
    assert CommentPlacement.select().where(CommentPlacement.comment == made.uuid).count() == 2


def test_a_comment_on_an_old_version_is_placed_on_newer_ones(people):
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    v2 = send(p, mentee, "New start. " + V1)
    late = on(p, mentor, v1, "20,000 students")  # the mentor reads the older version
    view = by_uuid(comments_for_version(v2))[late.uuid]
    assert v2.text[view.start : view.end] == "20,000 students"


def test_overlapping_comments_on_the_same_words(people):
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    a = on(p, mentor, v1, "learnt a lot about teaching")
    b = on(p, mentee, v1, "a lot", "My own note")
    c = on(p, mentor, v1, "learnt a lot about teaching", "Second thought")
    v2 = send(p, mentee, V1.replace("this year", "in my first year"))
    views = by_uuid(comments_for_version(v2))
    assert {views[x.uuid].quote for x in (a, c)} == {"learnt a lot about teaching"}
    assert views[b.uuid].quote == "a lot"
    assert views[a.uuid].start < views[b.uuid].start < views[b.uuid].end < views[a.uuid].end


def test_unicode_text_anchors_by_code_point(people):
    p, mentee, mentor = people
    text = (
        "Caf\u00e9 and cafe\u0301 \U0001f389\U0001f44d\U0001f3fd great session. "
        "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd mixed with English here."
    )
    v1 = send(p, mentee, text)
    made = on(p, mentor, v1, "\U0001f44d\U0001f3fd great session")
    rtl = on(p, mentor, v1, "\u05e2\u05d5\u05dc\u05dd mixed")
    v2 = send(p, mentee, "\U0001f600 New opening. " + text.replace("great", "really great"))
    views = by_uuid(comments_for_version(v2))
    assert views[made.uuid].quote == "\U0001f44d\U0001f3fd really great session"
    assert views[rtl.uuid].quote == "\u05e2\u05d5\u05dc\u05dd mixed"


def test_placing_onto_an_empty_text_detaches_everything():
    anchor = make_anchor("Some words here.", 5, 10)
    assert place_all([anchor], "Some words here.", "") == [None]
    assert place_all([anchor], "Some words here.", "Some words here.") == [(5, 10)]


def test_many_comments_on_a_twenty_thousand_word_text():
    rng = random.Random(4)
    vocabulary = ["library", "students", "learning", "reflection", "evidence", "I", "the"]
    old = " ".join(f"{rng.choice(vocabulary)}{i}" for i in range(20_000))
    anchors = []
    for i in range(100):
        start = old.index(f"{vocabulary[0]}", i * 1500)
        anchors.append(make_anchor(old, start, start + 40))
    new = "A new first sentence. " + old.replace("students5 ", "pupils5 ")
    spots = place_all(anchors, old, new)
    assert all(s is not None for s in spots)
    assert [new[s:e] for s, e in spots] == [a.quote for a in anchors]


def test_replies_resolve_with_reason_and_reopen(people):
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    made = on(p, mentor, v1, "20,000 students", "Source?")
    reply(p, mentee, made.uuid, "Our annual report [E1].")
    reply(p, mentor, made.uuid, "Thanks.")
    with pytest.raises(ValidationError, match="why"):
        resolve(p, mentee, made.uuid, "   ")
    resolve(p, mentee, made.uuid, "Cited the annual report.")
    view = comments_for_version(v1)[0]
    assert (view.state, view.state_by, view.reason) == (
        RESOLVED,
        "Casey Mentee",
        "Cited the annual report.",
    )
    assert [(r.author_name, r.text) for r in view.replies] == [
        ("Casey Mentee", "Our annual report [E1]."),
        ("Morgan Mentor", "Thanks."),
    ]
    with pytest.raises(ValidationError, match="already resolved"):
        resolve(p, mentor, made.uuid)
    reopen(p, mentor, made.uuid, "Please add the year too.")
    assert comments_for_version(v1)[0].state == OPEN
    resolve(p, mentor, made.uuid)  # the mentor needs no reason
    assert comments_for_version(v1)[0].state == RESOLVED


def test_only_the_author_edits_or_deletes_a_comment(people):
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    made = on(p, mentor, v1, "20,000 students", "Source?")
    with pytest.raises(PermissionDenied):
        edit_comment(p, mentee, made.uuid, "Changed by the mentee")
    with pytest.raises(PermissionDenied):
        delete_comment(p, mentee, made.uuid)
    edit_comment(p, mentor, made.uuid, "Source, please?")
    assert comments_for_version(v1)[0].text == "Source, please?"
    delete_comment(p, mentor, made.uuid)
    assert comments_for_version(v1) == []
    stored = Comment.get_by_id(made.uuid)
    edited = stored.revision
    assert stored.deleted and edited > 2  # a tombstone, never removed
    with pytest.raises(PermissionDenied):
        restore_comment(p, mentee, made.uuid)
    restore_comment(p, mentor, made.uuid)
    assert [v.text for v in comments_for_version(v1)] == ["Source, please?"]
    assert Comment.get_by_id(made.uuid).revision > edited


def test_bad_comments_are_refused_clearly(people, tmp_path):
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    with pytest.raises(ValidationError, match="Select the words"):
        create_comment(p, mentor, v1, 5, 5, "Nothing selected")
    with pytest.raises(ValidationError, match="Select the words"):
        create_comment(p, mentor, v1, 0, len(V1) + 10, "Past the end")
    with pytest.raises(ValidationError, match="empty"):
        create_comment(p, mentor, v1, 0, 5, "  ")
    with pytest.raises(NotFound):
        create_comment(p, mentor, "no-such-version", 0, 5, "Lost")
    from workbench.store.models import Person

    stranger = Person.create(uuid="s-1", author="s-1", name="A Stranger")
    with pytest.raises(PermissionDenied):
        create_comment(p, stranger, v1, 0, 5, "Hello")


def test_comments_on_skills_and_evidence_use_the_same_model(people):
    p, mentee, mentor = people
    skill = framework_skills(p)[0]
    comment_on(p, mentor, "skill", skill.uuid, "Good choice of skill.")
    made = comment_on(p, mentee, "skill", skill.uuid, "Thanks, I will add evidence.")
    reply(p, mentor, made.uuid, "Great.")
    resolve(p, mentor, made.uuid)
    views = comments_for_target(p, "skill", skill.uuid)
    assert [(v.author_name, v.state) for v in views] == [
        ("Morgan Mentor", OPEN),
        ("Casey Mentee", RESOLVED),
    ]
    assert views[1].replies[0].text == "Great."
    with pytest.raises(NotFound):
        comment_on(p, mentor, "evidence", "missing-item", "Where is it?")
    with pytest.raises(ValidationError):
        comment_on(p, mentor, "cpd", skill.uuid, "Wrong kind")
    assert [v.target_kind for v in all_comments(p)] == ["skill", "skill"]


def test_cli_lists_every_comment_with_its_anchor(tmp_path, capsys):
    from workbench.sample.build import build_demo

    build_demo(tmp_path / "demo").close()
    assert run_main(["comments", "--portfolio", str(tmp_path / "demo"), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)["comments"]
    states = [c["state"] for c in listed if c["target"] == "statement"]
    assert {"open", "resolved", "detached"} <= set(states)
    carried = [c for c in listed if c["made_on_version"] == 1 and c["state"] == "open"]
    assert carried and carried[0]["version"] == 3
    assert carried[0]["anchored_text"] == carried[0]["original_quote"] == "two clear gaps"
    detached = next(c for c in listed if c["state"] == "detached")
    assert detached["anchored_text"] is None and detached["original_quote"]
    assert all(c["author"] == "Ruth Adebayo" for c in listed if c["target"] == "statement")
    assert {"statement", "skill"} <= {c["target"] for c in listed}


def test_cli_reports_a_missing_portfolio(tmp_path, capsys):
    assert run_main(["comments", "--portfolio", str(tmp_path / "nothing")]) == 1
    assert "error:" in capsys.readouterr().err


WORDS = ["library", "students", "I", "the", "\U0001f389", "cafe\u0301", "\u05e9\u05dc\u05d5\u05dd"]


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=12, max_size=60),
    first=st.integers(min_value=0),
    span=st.integers(min_value=1, max_value=4),
    before=st.text(alphabet="abc \n\U0001f600", max_size=20),
    after=st.text(alphabet="xyz \n", max_size=20),
)
def test_edits_outside_a_passage_never_move_it_off_its_words(words, first, span, before, after):
    """Whatever is typed before and after, the commented words are found again exactly.

    (Text glued onto a commented word changes that word, so edits are separate words.)
    """
    before = before + " " if before else ""
    after = " " + after if after else ""
    tokens = [f"{w}{i}" for i, w in enumerate(words)]  # unique words: one right answer
    old = " ".join(tokens)
    first %= len(tokens) - span
    start = len(" ".join(tokens[:first])) + (1 if first else 0)
    end = start + len(" ".join(tokens[first : first + span]))
    anchor = make_anchor(old, start, end)
    cut = len(" ".join(tokens[: first + span + 1]))
    new = before + old[:start] + old[start:cut] + after + old[cut:]
    (placed,) = place_all([anchor], old, new)
    assert placed is not None
    assert new[placed[0] : placed[1]] == anchor.quote
