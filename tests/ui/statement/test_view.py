"""The Statement view, driven as the mentee and the mentor would drive it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPushButton

from tests.conftest import show_view
from ui.common.session import Session
from ui.statement.view import DRAFT, StatementView
from workbench.statement import comment_reading, comments, drafts
from workbench.store.portfolios import MENTOR, open_portfolio, person_with_role


def make_view(qtbot, session) -> StatementView:
    return show_view(qtbot, StatementView(session), session, (1300, 800))


@pytest.fixture
def view(qtbot, session):
    return make_view(qtbot, session)


@pytest.fixture
def mentor_session(demo, qapp):
    session = Session(demo, person_with_role(demo.portfolio, MENTOR))
    yield session
    session.undo_stack.clear()


@pytest.fixture
def mentor_view(qtbot, mentor_session):
    return make_view(qtbot, mentor_session)


def put_cursor(editor, position: int, anchor: int | None = None) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(anchor if anchor is not None else position)
    if anchor is not None:
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.setFocus()


def select_words(editor, words: str) -> None:
    start = editor.toPlainText().index(words)
    put_cursor(editor, start + len(words), anchor=start)


def comment_as(qtbot, view, words: str, text: str) -> str:
    select_words(view.editor, words)
    assert view.comment_button.isEnabled()
    qtbot.mouseClick(view.comment_button, Qt.MouseButton.LeftButton)
    assert view.panel.composer.isVisible()
    qtbot.keyClicks(view.panel.composer_text, text)
    qtbot.mouseClick(view.panel.add_button, Qt.MouseButton.LeftButton)
    made = [v for v in view.panel.views if v.text == text]
    assert len(made) == 1
    return made[0].uuid


def latest_uuid(session) -> str:
    return drafts.latest_version(session.portfolio).uuid


def test_typing_updates_the_count(qtbot, view):
    assert view.shown == DRAFT
    before = view.word_count.words
    assert view.count_label.text().startswith(f"{before} / 1000")
    put_cursor(view.editor, len(view.editor.toPlainText()))
    qtbot.keyClicks(view.editor, " Three more words")
    assert view.word_count.words == before + 3
    assert view.count_label.text().startswith(f"{before + 3} / 1000 words")
    assert "Personal performance: 324" in view.sections_label.text()


def test_over_the_limit_is_shown_plainly_never_blocked(qtbot, view):
    paste = " ".join(["reflection"] * 20_000)
    put_cursor(view.editor, len(view.editor.toPlainText()))
    view.editor.insertPlainText("\n\n" + paste)
    assert view.word_count.words == 873 + 20_000
    assert "over the limit" in view.count_label.text()
    assert view.count_icon.isVisible()
    assert view.editor.toPlainText().endswith("reflection")


def test_autosave_keeps_the_draft_without_closing(qtbot, view, session, demo):
    put_cursor(view.editor, 0)
    qtbot.keyClicks(view.editor, "Autosaved words. ")
    assert view.dirty
    qtbot.waitUntil(
        lambda: drafts.working_text(session.portfolio).startswith("Autosaved words."), timeout=4000
    )
    assert view.save_label.text() == "All changes saved"
    root = demo.root
    demo.close()
    with open_portfolio(root) as again:
        assert drafts.working_text(again.portfolio).startswith("Autosaved words. # Reflective")


def test_leaving_the_editor_saves_at_once(qtbot, view, session):
    put_cursor(view.editor, 0)
    qtbot.keyClicks(view.editor, "Quick ")
    view.documents.setFocus()  # focus out
    assert drafts.working_text(session.portfolio).startswith("Quick # Reflective")


def test_mentor_comment_on_a_version_lands_on_the_right_words_after_edits(
    qtbot, view, mentor_view, session, mentor_session
):
    mentor_view.show_document(latest_uuid(mentor_session))
    uuid = comment_as(qtbot, mentor_view, "the faculty board was the first time", "Say more here.")
    assert mentor_view.editor.mark_ranges()[uuid][1] > 0
    # the mentee edits around the commented words, in the draft
    view.refresh({"comments"})
    text = view.editor.toPlainText()
    at = text.index("Presenting these findings")
    put_cursor(view.editor, at)
    qtbot.keyClicks(view.editor, "In spring, ")
    after = view.editor.toPlainText().index("first time") + len("first time")
    put_cursor(view.editor, after)
    qtbot.keyClicks(view.editor, " ever")
    # the highlight followed the typing in the draft
    start, end = view.editor.mark_ranges()[uuid]
    assert view.editor.toPlainText()[start:end] == "the faculty board was the first time"
    assert view.send_for_review("After the board comment")
    newest = drafts.latest_version(session.portfolio)
    assert newest.number == 4
    view.show_document(newest.uuid)
    start, end = view.editor.mark_ranges()[uuid]
    assert newest.text[start:end] == "the faculty board was the first time"
    assert "In spring, Presenting" in newest.text


def test_a_comment_whose_words_are_deleted_becomes_detached(qtbot, view, mentor_view, session):
    mentor_view.show_document(latest_uuid(session))
    uuid = comment_as(qtbot, mentor_view, "Two departments", "Which ones?")
    view.refresh({"comments"})
    text = view.editor.toPlainText()
    sentence = "Two departments have since asked for sessions built into their first-year modules."
    start = text.index(sentence)
    put_cursor(view.editor, start + len(sentence), anchor=start)
    qtbot.keyClick(view.editor, Qt.Key.Key_Delete)
    assert sentence not in view.editor.toPlainText()
    assert view.send_for_review("Cut a sentence")
    view.show_document(latest_uuid(session))
    assert uuid not in view.editor.mark_ranges()
    detached = [v for v in view.panel.visible_views() if v.detached]
    assert [v.uuid for v in detached if v.uuid == uuid] == [uuid]
    assert detached[-1].original_quote == "Two departments"
    assert uuid in view.panel.cards  # listed, never dropped


def test_the_mentor_cannot_edit_the_text(qtbot, mentor_view, mentor_session, monkeypatch):
    assert mentor_view.shown == latest_uuid(mentor_session)
    assert mentor_view.documents.row_of(DRAFT) == -1  # no working draft for the mentor
    assert not mentor_view.send_button.isVisible()
    before = mentor_view.editor.toPlainText()
    put_cursor(mentor_view.editor, 0)
    qtbot.keyClicks(mentor_view.editor, "Mentor typing")
    qtbot.keyClick(mentor_view.editor, Qt.Key.Key_Delete)
    assert mentor_view.editor.isReadOnly()
    assert mentor_view.editor.toPlainText() == before
    shown = []
    monkeypatch.setattr("ui.statement.view.show_error", lambda parent, exc: shown.append(exc))
    assert mentor_view.send_for_review("not allowed") is False  # the core refuses it too
    assert "only the mentee" in str(shown[0])
    assert len(drafts.versions(mentor_session.portfolio)) == 3


def test_redline_shows_the_right_insertions_and_deletions(qtbot, view):
    view.compare_from.setCurrentIndex(0)
    view.compare_to.setCurrentIndex(1)
    qtbot.mouseClick(view.compare_button, Qt.MouseButton.LeftButton)
    assert view.stack.currentWidget() is view.redline
    assert view.redline.heading.text() == "Changes from version 1 to version 2"
    deleted = " ".join(view.redline.deleted())
    inserted = " ".join(view.redline.inserted())
    assert "I learnt a lot about teaching this year." in deleted
    assert "Looking back, I was rating how confident" in inserted
    assert "Our library serves about 20,000" not in deleted + inserted
    # deletions are struck through and insertions underlined in the document itself
    document = view.redline.browser.document()
    cursor = document.find("I learnt a lot")
    assert cursor.charFormat().fontStrikeOut()
    cursor = document.find("Looking back")
    assert cursor.charFormat().fontUnderline() and not cursor.charFormat().fontStrikeOut()
    qtbot.mouseClick(view.close_changes, Qt.MouseButton.LeftButton)
    assert view.stack.currentWidget() is view.editor


def test_changes_since_the_mentor_last_reviewed(qtbot, view):
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    assert "from version 2" in view.redline.heading.text()
    assert any("Wider professional context" in piece for piece in view.redline.inserted())
    assert any("It was hard work" in piece for piece in view.redline.deleted())


def test_emoji_before_a_comment_keep_highlights_on_the_right_words(qtbot, view, session):
    mentor = person_with_role(session.portfolio, MENTOR)
    text = (
        "Emoji \U0001f389\U0001f44d\U0001f3fd first, "
        "then cafe\u0301 and \u05e9\u05dc\u05d5\u05dd words."
    )
    version = drafts.import_version(session.portfolio, session.actor, text, "emoji")
    start = text.index("then cafe")
    made = comments.create_comment(
        session.portfolio, mentor, version, start, start + len("then cafe\u0301"), "Accent?"
    )
    view.refresh({"statement"})
    view.show_document(version.uuid)
    mark = view.editor.marks[0]
    assert (mark.start, mark.end) == (start + 3, start + 3 + len("then cafe\u0301"))  # UTF-16
    assert view.editor.mark_ranges()[made.uuid] == (start, start + len("then cafe\u0301"))
    # a selection made in Qt positions maps back to code points
    select_words(view.editor, "\u05e9\u05dc\u05d5\u05dd")  # str.index: code points
    cursor = view.editor.textCursor()
    qt_start = text.index("\u05e9") + 3
    put_cursor(view.editor, qt_start + 4, anchor=qt_start)
    assert view.editor.selection_range() == (text.index("\u05e9"), text.index("\u05e9") + 4)
    assert cursor is not None


def test_citations_link_to_evidence_and_warn_when_missing(qtbot, view, session):
    put_cursor(view.editor, 0)
    qtbot.keyClicks(view.editor, "See [E99] and [E1]. ")
    formats = block_formats(view.editor.document().firstBlock())
    missing = formats[(4, 5)]
    assert missing.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert formats[(14, 4)].fontUnderline()
    assert formats[(14, 4)].underlineStyle() != QTextCharFormat.UnderlineStyle.WaveUnderline
    messages = []
    session.message.connect(messages.append)
    rect = view.editor.cursorRect(_cursor_at(view.editor, 16))
    viewport = view.editor.viewport()
    with qtbot.waitSignal(view.editor.citation_touched) as signal:  # writing: no jump away
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [1]
    assert messages and messages[0].startswith("E1: ")
    ctrl = Qt.KeyboardModifier.ControlModifier
    with qtbot.waitSignal(view.evidence_requested):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, ctrl, rect.center())
    rect = view.editor.cursorRect(_cursor_at(view.editor, 6))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, ctrl, rect.center())
    assert messages[-1] == "There is no evidence item E99."


def block_formats(block) -> dict[tuple[int, int], QTextCharFormat]:
    ranges = block.layout().formats()
    return {(r.start, r.length): QTextCharFormat(r.format) for r in ranges}


def _cursor_at(editor, position: int) -> QTextCursor:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    return cursor


def test_cards_reply_resolve_filter_and_link_to_the_text(qtbot, view, session):
    view.show_document(latest_uuid(session))
    first = view.panel.views[0]
    card = view.panel.cards[first.uuid]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert view.editor.current_mark == first.uuid
    assert view.editor.textCursor().position() == view.editor.marks[0].start
    qtbot.mouseClick(card.reply_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(card.reply_box, "Thanks, I will add a second example.")
    qtbot.keyClick(card.reply_box, Qt.Key.Key_Return)
    found = view.panel.cards[first.uuid].view  # the panel reads the threads of its cards
    assert found.replies[-1].text == "Thanks, I will add a second example."
    assert view.panel.resolve(first.uuid, "Added the example.")
    assert first.uuid not in view.panel.cards  # the Open filter hides it now
    assert first.uuid not in view.editor.mark_ranges()
    view.panel.state_filter.setCurrentIndex(1)  # Resolved
    assert first.uuid in view.panel.cards
    assert all(v.resolved for v in view.panel.visible_views())
    view.panel.state_filter.setCurrentIndex(2)  # All
    authors = view.panel.author_filter
    assert authors.findData("Jordan Ellis") == -1  # only people who commented are offered
    authors.setCurrentIndex(authors.findData("Ruth Adebayo"))
    assert {v.author_name for v in view.panel.visible_views()} == {"Ruth Adebayo"}
    # clicking highlighted words selects their card
    view.panel.author_filter.setCurrentIndex(0)
    mark = view.editor.marks[0]
    rect = view.editor.cursorRect(_cursor_at(view.editor, mark.start + 1))
    qtbot.mouseClick(view.editor.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.panel.selected == mark.uuid


def test_overlapping_comments_shade_deeper(qtbot, mentor_view, mentor_session):
    mentor_view.show_document(latest_uuid(mentor_session))
    comment_as(qtbot, mentor_view, "two clear gaps: designing", "Overlap")
    block = mentor_view.editor.document().findBlock(
        mentor_view.editor.toPlainText().index("two clear")
    )
    alphas = {f.background().color().alpha() for f in block_formats(block).values()}
    assert len(alphas - {0, 255}) >= 2  # single and double shading both present


def test_comment_thread_on_a_skill(qtbot, session):
    from ui.statement.comment_panel import CommentThread
    from workbench.matrix.ratings import framework_skills

    skill = framework_skills(session.portfolio)[0]
    thread = CommentThread(session, "skill", skill.uuid)
    qtbot.addWidget(thread)
    thread.show()
    assert thread.summary.text() == "No comments on this skill yet."
    qtbot.keyClicks(thread.composer_text, "I will gather evidence for this.")
    qtbot.mouseClick(thread.add_button, Qt.MouseButton.LeftButton)
    stored = comment_reading.comments_for_target(session.portfolio, "skill", skill.uuid)
    assert [c.text for c in stored] == ["I will gather evidence for this."]
    assert list(thread.cards) == [stored[0].uuid]
    thread.set_target(None)
    assert not thread.composer.isEnabled()


def test_an_empty_draft_counts_zero_and_is_not_sent(qtbot, view, session, monkeypatch):
    view.editor.selectAll()
    qtbot.keyClick(view.editor, Qt.Key.Key_Delete)
    assert view.editor.toPlainText() == ""
    assert view.count_label.text() == "0 / 1000 words"
    assert view.sections_label.text() == ""
    shown = []
    monkeypatch.setattr("ui.statement.view.show_error", lambda parent, exc: shown.append(exc))
    assert view.send_for_review("empty") is False
    assert "empty" in str(shown[0])
    assert len(drafts.versions(session.portfolio)) == 3
    assert drafts.working_text(session.portfolio) == ""  # saved as typed, nothing lost


def test_deleting_ones_own_comment_can_be_undone(qtbot, mentor_view, mentor_session):
    mentor_view.show_document(latest_uuid(mentor_session))
    uuid = comment_as(qtbot, mentor_view, "four years", "Typo?")
    card = mentor_view.panel.cards[uuid]
    delete = next(b for b in card.findChildren(QPushButton) if b.text() == "Delete")
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert uuid not in mentor_view.panel.cards
    assert uuid not in mentor_view.editor.mark_ranges()
    mentor_session.undo_stack.undo()
    assert uuid in mentor_view.panel.cards
    assert uuid in mentor_view.editor.mark_ranges()
    mentor_session.undo_stack.redo()
    assert uuid not in mentor_view.panel.cards


def test_only_own_comments_offer_delete(view, session):
    view.show_document(latest_uuid(session))
    for card in view.panel.cards.values():  # all by the mentor; the mentee is acting
        assert "Delete" not in [b.text() for b in card.findChildren(QPushButton)]


def test_f8_walks_through_the_comments(qtbot, view, session):
    view.show_document(latest_uuid(session))
    view.editor.setFocus()
    order = [m.uuid for m in view.editor.marks]
    assert len(order) == 2
    qtbot.keyClick(view.editor, Qt.Key.Key_F8)
    assert view.panel.selected == order[0]
    qtbot.keyClick(view.editor, Qt.Key.Key_F8)
    assert view.panel.selected == order[1]
    assert view.editor.textCursor().position() == view.editor.marks[1].start
    qtbot.keyClick(view.editor, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert view.panel.selected == order[0]


def test_the_mentors_comments_stay_on_the_working_draft_as_provisional(qtbot, view, session):
    """While redrafting, each comment of the latest version is shown on its words, and its
    card finds them; the view says these places are provisional."""
    view.show_document(DRAFT)
    latest = drafts.latest_version(session.portfolio)
    assert not view.draft_note.isHidden()
    assert f"version {latest.number}" in view.draft_note.text()
    assert "provisional" in view.draft_note.text()
    put_cursor(view.editor, 0)
    qtbot.keyClicks(view.editor, "A new opening line. ")
    placed = [v for v in view.panel.visible_views() if not v.detached]
    assert placed and view.editor.marks
    first = placed[0]
    start, end = view.editor.mark_ranges()[first.uuid]
    assert view.editor.toPlainText()[start:end] == first.quote
    qtbot.mouseClick(view.panel.cards[first.uuid], Qt.MouseButton.LeftButton)
    assert view.editor.current_mark == first.uuid
    assert view.editor.textCursor().position() == start
    view.show_document(latest.uuid)
    assert view.draft_note.isHidden()
