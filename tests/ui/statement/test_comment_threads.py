"""Comment threads on PKSB skills (gap matrix) and on evidence items (evidence view)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.matrix.model import SKILL
from ui.matrix.view import MatrixView
from workbench.statement import comment_reading, comments


def test_the_matrix_shows_and_takes_comments_on_the_selected_skill(qtbot, session):
    view = MatrixView(session)
    session.changed.connect(view.refresh)
    qtbot.addWidget(view)
    view.show()
    row = view.model_row("10.2")
    view.tree.setCurrentIndex(view.proxy.mapFromSource(view.model.skill_index(row.skill, SKILL)))
    thread = view.skill_thread
    assert thread.target_uuid == row.skill
    texts = [card.view.text for card in thread.cards.values()]
    assert texts == ["The before-and-after feedback forms are good evidence for this skill."]
    qtbot.keyClicks(thread.composer_text, "Thank you, I will link them.")
    qtbot.mouseClick(thread.add_button, Qt.MouseButton.LeftButton)
    stored = comment_reading.comments_for_target(session.portfolio, "skill", row.skill)
    assert [c.author_name for c in stored] == ["Ruth Adebayo", "Jordan Ellis"]
    assert len(thread.cards) == 2


def test_the_evidence_view_shows_comments_on_the_selected_item(qtbot, session):
    from ui.evidence.view import EvidenceView

    view = EvidenceView(session)
    session.changed.connect(view.refresh)
    qtbot.addWidget(view)
    view.show()
    row = view.current_row()
    assert row is not None and view.item_thread.target_uuid == row.uuid
    assert view.item_thread.summary.text() == "No comments on this evidence item yet."
    qtbot.keyClicks(view.item_thread.composer_text, "Which term was this?")
    qtbot.mouseClick(view.item_thread.add_button, Qt.MouseButton.LeftButton)
    stored = comment_reading.comments_for_target(session.portfolio, "evidence", row.uuid)
    assert [c.text for c in stored] == ["Which term was this?"]
    assert view.item_thread.summary.text() == "1 open, 0 resolved"


def test_many_comments_are_shown_a_batch_at_a_time(qtbot, session):
    from ui.statement.comment_panel import CARD_BATCH
    from workbench.matrix.ratings import framework_skills

    skill = next(s for s in framework_skills(session.portfolio) if s.code == "5.0")
    made = [
        comments.comment_on(session.portfolio, session.actor, "skill", skill.uuid, f"Note {n}")
        for n in range(CARD_BATCH + 5)
    ]
    view = MatrixView(session)
    qtbot.addWidget(view)
    view.show()
    row = view.model_row("5.0")
    view.tree.setCurrentIndex(view.proxy.mapFromSource(view.model.skill_index(row.skill, SKILL)))
    thread = view.skill_thread
    assert len(thread.cards) == CARD_BATCH
    assert thread.more_button.isVisible()
    assert thread.more_button.text() == "Show 5 more comments"
    thread.select(made[-1].uuid)  # choosing a comment not shown yet brings its card
    assert made[-1].uuid in thread.cards
    assert not thread.more_button.isVisible()
