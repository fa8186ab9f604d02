"""The spelling check in the statement, the reflection note and the area comments."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat

from tests.conftest import show_view
from ui.statement import spelling as ui_spelling
from ui.statement.view import StatementView
from workbench.statement import drafts

WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def underlined(edit) -> list[str]:
    """The words the editor shows with the spelling underline, in order."""
    found = []
    block = edit.document().firstBlock()
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.underlineStyle() == WAVY:
                found.append(block.text()[fmt.start : fmt.start + fmt.length])
        block = block.next()
    return found


def write(qtbot, session, text: str) -> StatementView:
    drafts.save_working_copy(session.portfolio, session.actor, text)
    view = show_view(qtbot, StatementView(session), session, (1300, 800))
    checker = view.editor.spelling.checker
    qtbot.waitUntil(lambda: not checker._queued)
    return view


def test_a_misspelt_word_is_underlined_and_a_suggestion_replaces_it(qtbot, session):
    view = write(qtbot, session, "## Personal performance\n\nI recieve feedback each week.")
    editor = view.editor
    assert underlined(editor) == ["recieve"]
    at = editor.toPlainText().index("recieve") + 2
    menu = editor.spelling_menu(at)
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "receive"
    assert "Add “recieve” to my dictionary" in texts and "Ignore “recieve”" in texts
    menu.actions()[0].trigger()
    assert editor.toPlainText().endswith("I receive feedback each week.")
    qtbot.waitUntil(lambda: underlined(editor) == [])
    editor.undo()  # one step of the editor's own undo puts the word back
    assert editor.toPlainText().endswith("I recieve feedback each week.")
    editor.redo()
    assert "receive" in editor.toPlainText()


def test_citations_markers_and_acronyms_are_never_flagged_but_headings_are_checked(qtbot, session):
    text = (
        "# Reflective statment\n\n## Personal performance\n\n"
        "- As [E12] and [E3] show, the PKSB and CILIP **helped** me on 2nd May.\n"
        "> See https://example.org/libary or casey@exmaple.org"
    )
    view = write(qtbot, session, text)
    assert underlined(view.editor) == ["statment"]


def test_an_added_word_stays_added_after_reopening(qtbot, session):
    view = write(qtbot, session, "Our Zorblax catalogue moved.")
    assert underlined(view.editor) == ["Zorblax"]
    menu = view.editor.spelling_menu(view.editor.toPlainText().index("Zorblax"))
    next(a for a in menu.actions() if a.text().startswith("Add ")).trigger()
    qtbot.waitUntil(lambda: underlined(view.editor) == [])
    view.close()
    ui_spelling.forget_checkers()  # as a new start of the workbench
    again = write(qtbot, session, "Our Zorblax catalogue moved. A speling slip.")
    assert underlined(again.editor) == ["speling"]


def test_ignore_accepts_the_word_for_now(qtbot, session):
    view = write(qtbot, session, "Kwikfind is our search.")
    menu = view.editor.spelling_menu(1)
    next(a for a in menu.actions() if a.text().startswith("Ignore ")).trigger()
    qtbot.waitUntil(lambda: underlined(view.editor) == [])


def test_a_version_is_read_without_the_check(qtbot, session):
    view = write(qtbot, session, "I recieve feedback.")
    assert view.send_for_review("first")
    view.show_document(view.infos[-1].uuid)
    qtbot.wait(1)
    assert view.editor.isReadOnly() and underlined(view.editor) == []


def test_the_reflection_note_uses_the_same_check(qtbot, session):
    from ui.evidence.view import EvidenceView

    evidence = show_view(qtbot, EvidenceView(session), session)
    note = evidence.detail.reflection
    note.setReadOnly(False)
    note.blockSignals(True)  # the field's own saving is not under test
    note.setPlainText("What I lernt from the session")
    qtbot.waitUntil(lambda: underlined(note) == ["lernt"])
    menu = evidence.detail.reflection_spelling.spelling_menu(note.toPlainText().index("lernt"))
    assert "learnt" in [a.text() for a in menu.actions()]


def test_the_area_comment_uses_the_same_check(qtbot, session):
    from ui.matrix.view import MatrixView

    matrix = show_view(qtbot, MatrixView(session), session)
    matrix.comment_edit.setReadOnly(False)
    matrix.comment_edit.blockSignals(True)  # the field's own saving is not under test
    matrix.comment_edit.setPlainText("I will shwo this")
    qtbot.waitUntil(lambda: underlined(matrix.comment_edit) == ["shwo"])


def test_without_the_dictionary_the_editor_works_and_says_so_once(qtbot, session, monkeypatch):
    from workbench.statement import spelling

    def missing():
        raise spelling.SpellingUnavailable(
            "The spelling library (the chunspell package) is not installed, "
            "so spelling is not checked."
        )

    monkeypatch.setattr(spelling, "load_speller", missing)
    said = []
    session.message.connect(said.append)
    view = show_view(qtbot, StatementView(session), session, (1300, 800))
    qtbot.waitUntil(lambda: view.editor.spelling.checker.off_reason is not None)
    view.editor.textCursor().insertText("Typing recieve still works. ")
    view.editor.spelling.checker.check_queued()
    assert underlined(view.editor) == []
    assert [m for m in said if "spelling is not checked" in m] == [
        "The spelling library (the chunspell package) is not installed, so spelling is not checked."
    ]
    assert "Typing recieve still works." in view.editor.toPlainText()


def test_a_key_asks_the_dictionary_nothing_and_reads_only_its_own_block(
    qtbot, session, monkeypatch
):
    text = "## Personal performance\n\nI gather feedback each week.\n\nThe team reads it."
    view = write(qtbot, session, text)
    editor = view.editor
    checker = editor.spelling.checker
    asked, read = [], []
    monkeypatch.setattr(
        checker.speller, "check", lambda word: asked.append(word) or "x" not in word
    )
    looked_up = checker.misspelt
    monkeypatch.setattr(
        checker, "misspelt", lambda text, *a: read.append(text) or looked_up(text, *a)
    )
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index("feedback") + 4)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, "xy")
    assert asked == []  # typing looks words up in the known verdicts, never in the dictionary
    assert read == ["I gather feedxback each week.", "I gather feedxyback each week."]
    assert "feedxyback" in checker._queued  # checked once typing pauses
    checker.check_queued()  # the words seen while typing, in one batch
    assert sorted(asked) == ["feedxback", "feedxyback"]
    assert underlined(editor) == ["feedxyback"]
