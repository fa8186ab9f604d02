"""Starting an empty statement from the route's outline; the budget per criterion."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import show_view
from ui.statement.view import StatementView
from workbench.frameworks.routes import get_route, outline_prompt
from workbench.statement import drafts
from workbench.statement.outline import statement_outline
from workbench.statement.wordcount import count_for_route, count_words


def test_the_outline_is_a_heading_per_criterion_with_the_prompt():
    route = get_route("chartership")
    outline = statement_outline(route)
    assert outline.startswith("## Personal performance\n\n" + outline_prompt())
    count = count_for_route(outline, route)
    assert [s.code for s in count.sections] == ["C1", "C2", "C3"]
    assert all(s.budget == 330 for s in count.sections)
    assert get_route("revalidation").criterion_budget == round(250 * 0.33)


def test_a_section_over_its_budget_says_by_how_much():
    route = get_route("revalidation")
    text = "## Personal performance\n\n" + "word " * 100
    (section,) = count_for_route(text, route).sections
    assert (section.words, section.budget, section.over) == (100, 82, 18)


def test_an_empty_statement_starts_from_the_outline(qtbot, session):
    drafts.save_working_copy(session.portfolio, session.actor, "")
    view = show_view(qtbot, StatementView(session), session, (1300, 800))
    assert view.outline_offer.isVisible()
    assert view.outline_button.text() == "Start from the Chartership outline"
    qtbot.mouseClick(view.outline_button, Qt.MouseButton.LeftButton)
    route = get_route(session.portfolio.route)
    assert view.editor.toPlainText() == statement_outline(route)
    assert view.editor.textCursor().selectedText() == outline_prompt()
    assert not view.outline_offer.isVisible()
    sections = view.counter.sections.text()
    words = count_words(outline_prompt())
    assert f"Personal performance: {words} / {route.criterion_budget}" in sections
    view.save_pending()
    assert drafts.working_text(session.portfolio) == statement_outline(route)
    view.editor.undo()  # one step takes the whole outline out
    assert view.editor.toPlainText() == ""
    assert view.outline_offer.isVisible()


def test_no_offer_when_the_statement_has_text(qtbot, session):
    view = show_view(qtbot, StatementView(session), session, (1300, 800))
    assert view.editor.toPlainText()
    assert not view.outline_offer.isVisible()
