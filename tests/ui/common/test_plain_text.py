"""User text is plain text (DESIGN rule 10): names, titles and comments written as markup
are shown exactly as typed, and never hide the rest of a message.

Qt renders a label, message box or tooltip as rich text when its text *looks* like
HTML, so each check reads what the user would see: the text itself for plain
text, the rendered document for rich text.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTextEdit,
    QWidget,
)

from tests.workbench.exchange.support import Two, rate_as_mentor
from ui.common import plain
from ui.sharing import actions as sharing
from ui.sharing import opening as sharing_open
from ui.shell.main_window import MainWindow
from workbench.exchange.apply import pack
from workbench.exchange.copies import unpack
from workbench.exchange.reader import read_package
from workbench.statement import drafts
from workbench.store import keys
from workbench.store.identity import create_identity

MENTEE_NAME = "Casey<img src=x> <b>Mentee</b>"
MENTOR_NAME = "<b>Mallory</b> <!-- a &amp; b"
PHONE_WARNING = "Compare it with them by phone"


def shown(text: str, text_format: Qt.TextFormat) -> str:
    """What the user reads for ``text`` in a widget of ``text_format``."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText().replace("\xa0", " ")


def label_text(label: QLabel) -> str:
    return shown(label.text(), label.textFormat())


def tooltip_text(widget: QWidget) -> str:
    return shown(widget.toolTip(), Qt.TextFormat.AutoText)


# --- the helper itself ---------------------------------------------------------------


def test_escape_keeps_markup_characters_literal():
    assert plain.escape("<b>Mallory</b> & co") == "&lt;b&gt;Mallory&lt;/b&gt; &amp; co"


def test_literal_leaves_ordinary_text_alone():
    assert plain.literal("Casey sent you a package.") == "Casey sent you a package."


def test_literal_text_is_shown_as_written_with_its_line_breaks(qapp):
    text = "From <b>Mallory</b> <!-- hidden?\n\nfingerprint  AB:CD &amp; more"
    assert shown(plain.literal(text), Qt.TextFormat.AutoText) == text


def test_a_plain_label_never_reads_markup(qapp):
    widget = plain.plain_label("<b>Mallory</b>")
    assert widget.textFormat() == Qt.TextFormat.PlainText
    widget.setText("Casey<img src=x>")
    assert label_text(widget) == "Casey<img src=x>"


def test_menu_text_shows_an_ampersand_instead_of_a_shortcut():
    assert plain.menu_text("Salt & Pepper") == "Salt && Pepper"


# --- the package questions -------------------------------------------------------------


class HostileTwo(Two):
    """Two people whose names are written as markup."""

    def __init__(self, tmp_path, monkeypatch):
        super().__init__(tmp_path, monkeypatch, introduce=False)
        self.mentee = self.as_mentee()
        self.mentor = self.as_mentor()

    def as_mentee(self):
        return self._be("hostile-mentee", MENTEE_NAME)

    def as_mentor(self):
        return self._be("hostile-mentor", MENTOR_NAME)

    def _be(self, folder: str, name: str):
        self.monkeypatch.setenv("XDG_DATA_HOME", str(self.tmp / folder / "data"))
        return create_identity(name)


@pytest.fixture
def two(tmp_path, monkeypatch) -> HostileTwo:
    people = HostileTwo(tmp_path, monkeypatch)
    people.start_mentee_portfolio()
    with people.open(people.mentee_root, people.as_mentee()) as (opened, me):
        drafts.save_working_copy(opened.portfolio, me, "I designed the induction programme.")
        drafts.send_for_review(opened.portfolio, me, "First draft")
    return people


class BoxReader:
    """Answers the next message boxes, keeping what each one showed."""

    def __init__(self, *answers: QMessageBox.StandardButton):
        self.answers = list(answers)
        self.seen: list[str] = []
        self.boxes: list[QMessageBox] = []
        QTimer.singleShot(0, self._answer)

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(0, self._answer)  # not open yet
            return
        self.seen.append(shown(box.text(), box.textFormat()))
        self.boxes.append(box)
        box.done(self.answers.pop(0))
        if self.answers:
            QTimer.singleShot(0, self._answer)


def test_a_sender_name_in_markup_does_not_hide_the_new_copy_fingerprint(window, two, errors):
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        path = pack(opened, me, two.tmp / "from-casey.wbpack").path
    fingerprint = keys.fingerprint(read_package(path).manifest["public_key"])
    two.as_mentor()
    reader = BoxReader(QMessageBox.StandardButton.No)
    assert sharing.open_package(window, path) is None
    (text,) = reader.seen
    assert text.startswith(f"{MENTEE_NAME} sent you 'Chartership portfolio of {MENTEE_NAME}'")
    assert fingerprint in text and PHONE_WARNING in text
    assert "someone else made this file" in text and errors == []


def test_a_sender_name_in_markup_does_not_hide_the_first_key_warning(window, two, errors):
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        first = pack(opened, me, two.tmp / "from-casey.wbpack").path
    casey_key = read_package(first).manifest["public_key"]
    unpack(first, two.as_mentor(), two.mentor_root, confirmed_key=casey_key)
    rate_as_mentor(two.mentor_root, two.mentor, 3)
    with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
        back = pack(opened, mentor, two.tmp / "from-mallory.wbpack").path
    fingerprint = keys.my_fingerprint()
    two.as_mentee()
    assert window.open_portfolio(two.mentee_root)
    reader = BoxReader(QMessageBox.StandardButton.No)
    assert sharing.open_package(window, back) is None
    (text,) = reader.seen
    assert text.startswith(f"This is the first package from {MENTOR_NAME} (as mentor).")
    assert fingerprint in text and PHONE_WARNING in text and errors == []


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    found: list[str] = []
    monkeypatch.setattr(
        sharing_open, "show_error", lambda _parent, exc, _title="": found.append(str(exc))
    )
    return found


# --- a sweep of every view -------------------------------------------------------------

MARK = re.compile(r"xq\d+")


def leaks(text: str) -> list[str]:
    """Marked user strings in ``text`` whose ``<u>`` markup is not shown literally."""
    return [
        repr(text[max(0, m.start() - 40) : m.end() + 8])
        for m in MARK.finditer(text)
        if text[max(0, m.start() - 3) : m.start()] != "<u>" or text[m.end() : m.end() + 4] != "</u>"
    ]


def unsafe_texts(root: QWidget) -> list[str]:
    """Every place under ``root`` where a marked user string is shown as markup."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()}"
        if isinstance(widget, QLabel):
            found += [f"{name} text: {leak}" for leak in leaks(label_text(widget))]
        if isinstance(widget, QTextEdit):
            found += [f"{name} document: {leak}" for leak in leaks(widget.toPlainText())]
        found += [f"{name} tooltip: {leak}" for leak in leaks(tooltip_text(widget))]
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            found += [f"{name} item: {leak}" for leak in item_leaks(widget.model())]
    return found


def item_leaks(model, parent=None, depth=0) -> list[str]:
    """Tooltips of a model's items (and their children), read as a view shows them."""
    parent = parent or QModelIndex()
    found = []
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model, whose columnCount PySide keeps private
        columns = 1
    for row in range(min(model.rowCount(parent), 50)):
        for column in range(columns):
            index = model.index(row, column, parent)
            tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                found += [f"tooltip {leak}" for leak in leaks(shown(tip, Qt.TextFormat.AutoText))]
            if column == 0 and depth < 2:
                found += item_leaks(model, index, depth + 1)
    return found


USER_FIELDS = {
    "Person": ["name"],
    "Membership": ["name"],
    "Portfolio": ["title"],
    "Framework": ["name"],
    "Area": ["name", "description"],
    "Skill": ["name", "description"],
    "Snapshot": ["label"],
    "Rating": ["note"],
    "MentorRating": ["note"],
    "AreaComment": ["text"],
    "EvidenceItem": ["title", "source_name", "description", "reflection"],
    "StatementVersion": ["label"],
    "Comment": ["text"],
    "CommentState": ["reason"],
    "CpdActivity": ["title", "activity_type", "reflection"],
    "Agreement": ["text"],
    "Meeting": ["notes"],
    "MeetingAction": ["text"],
}


def mark_user_text() -> None:
    """Rewrite every user string of the open portfolio as markup, ``<u>xqN</u>``.

    One original string keeps one marked form (a person's name is the same in
    ``Person`` and ``Membership``), so views that compare names still agree.
    """
    from workbench.store import models

    marked: dict[str, str] = {}
    for model_name, fields in USER_FIELDS.items():
        model = getattr(models, model_name)
        for record in model.select():
            for field in fields:
                value = getattr(record, field)
                if value:
                    new = marked.setdefault(value, f"<u>xq{len(marked)}</u>")
                    model.update({field: new}).where(model.uuid == record.uuid).execute()


@pytest.fixture
def marked_sample(tmp_path, me):
    """The sample portfolio with every user string written as markup, ready to open."""
    from workbench.sample.build import build_demo

    root = tmp_path / "sample"
    opened = build_demo(root)
    mark_user_text()
    opened.close()
    return root


def visit_every_view(window: MainWindow) -> list[str]:
    found = []
    for key in window.view_keys:
        view = window.show_view(key)
        found += [f"{key}: {leak}" for leak in unsafe_texts(window)]
        for state, enter in getattr(view, "screenshot_states", list)():
            enter()
            found += [f"{key} {state}: {leak}" for leak in unsafe_texts(window)]
    return found


def visit_dialogs(window: MainWindow, *openers) -> list[str]:
    found = []
    for opener in openers:
        dialog = opener(window)
        assert dialog is not None, opener
        found += [f"{type(dialog).__name__}: {leak}" for leak in unsafe_texts(dialog)]
        dialog.close()
    return found


def test_no_view_or_dialog_shows_user_text_as_markup(window, marked_sample):
    from ui.word import actions as word_actions
    from workbench.store.portfolios import MENTOR, person_with_role

    assert window.open_portfolio(marked_sample)
    found = visit_every_view(window)
    found += visit_dialogs(
        window,
        sharing.send,
        sharing.show_settings,
        lambda w: word_actions.export(w, "review"),
        lambda w: word_actions.export(w, "submission"),
    )
    window.act_as(person_with_role(window.session.portfolio, MENTOR))
    found += visit_every_view(window)
    found += visit_dialogs(window, sharing.send, sharing.show_signoff)
    assert not found, "\n".join(sorted(set(found)))


# --- named places, with the names testers used ---------------------------------------

COMMENT_TEXT = "<b>Say more</b> about this <!-- or not"
EVIDENCE_TITLE = "Casey<img src=x> report"
TITLE = "a &amp; b <b>portfolio</b>"


def visible_texts(root: QWidget) -> list[str]:
    return [label_text(label) for label in root.findChildren(QLabel)]


@pytest.fixture
def hostile_sample(tmp_path, me):
    """The sample portfolio whose mentor, comments, first evidence and title are markup."""
    from workbench.sample.build import build_demo
    from workbench.store.models import Comment, EvidenceItem, Membership, Person, Portfolio
    from workbench.store.portfolios import MENTOR, person_with_role

    root = tmp_path / "sample"
    opened = build_demo(root)
    mentor = person_with_role(opened.portfolio, MENTOR)
    Person.update(name=MENTOR_NAME).where(Person.uuid == mentor.uuid).execute()
    Membership.update(name=MENTOR_NAME).where(Membership.name == mentor.name).execute()
    Comment.update(text=COMMENT_TEXT).where(Comment.author == mentor.uuid).execute()
    first = EvidenceItem.select().order_by(EvidenceItem.number).first()
    EvidenceItem.update(title=EVIDENCE_TITLE).where(EvidenceItem.uuid == first.uuid).execute()
    Portfolio.update(title=TITLE).execute()
    opened.close()
    return root


def test_a_comment_card_shows_a_markup_author_and_text_as_written(window, hostile_sample):
    from ui.statement.comment_card import CommentCard

    assert window.open_portfolio(hostile_sample)
    view = window.show_view("statement")
    dict(view.screenshot_states())["comments"]()
    cards = [c for c in view.panel.findChildren(CommentCard) if c.view.author_name == MENTOR_NAME]
    assert cards
    texts = visible_texts(cards[0])
    assert any(t.startswith(f"{MENTOR_NAME} · ") for t in texts)
    assert COMMENT_TEXT in texts


def test_the_evidence_list_and_detail_show_a_markup_title_as_written(window, hostile_sample):
    from workbench.store.models import EvidenceItem

    assert window.open_portfolio(hostile_sample)
    view = window.show_view("evidence")
    item = EvidenceItem.get(EvidenceItem.title == EVIDENCE_TITLE)
    assert view.select(item.uuid)
    assert label_text(view.detail.heading) == f"E{item.number} · {EVIDENCE_TITLE}"
    shown_titles = [view.model.data(view.model.index(r, 1)) for r in range(view.model.rowCount())]
    assert EVIDENCE_TITLE in shown_titles


def test_the_overview_shows_a_markup_title_and_mentor_as_written(window, hostile_sample):
    assert window.open_portfolio(hostile_sample)
    view = window.show_view("overview")
    assert label_text(view.heading) == TITLE
    assert MENTOR_NAME in label_text(view.subtitle)
    assert window.windowTitle().startswith(TITLE)


def test_the_status_bar_names_a_markup_mentor_as_written(window, hostile_sample):
    from workbench.store.portfolios import MENTOR, person_with_role

    assert window.open_portfolio(hostile_sample)
    window.act_as(person_with_role(window.session.portfolio, MENTOR))
    assert label_text(window.who) == f"{MENTOR_NAME} · mentor"


def test_the_import_summary_shows_a_markup_sender_and_title_as_written(qtbot, tmp_path):
    from workbench.exchange.apply import ImportSummary

    summary = ImportSummary(
        root=tmp_path,
        portfolio_title=TITLE,
        sender_name=MENTOR_NAME,
        sender_role="mentor",
        new={"comment": 2},
        pinned_fingerprint="E97A 9C9D",
    )
    dialog = sharing_open.SummaryDialog(summary)
    qtbot.addWidget(dialog)
    heading, lines = visible_texts(dialog)[:2]
    assert heading == f"{TITLE} — package from {MENTOR_NAME}"
    assert f"{MENTOR_NAME}'s key (E97A 9C9D) is now remembered" in lines


def test_the_mentors_home_shows_a_markup_mentee_and_title_as_written(window, two):
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        package = pack(opened, me, two.tmp / "from-casey.wbpack").path
    casey_key = read_package(package).manifest["public_key"]
    unpack(package, two.as_mentor(), None, confirmed_key=casey_key)
    home = sharing.show_mentor_home(window)
    assert home.model.cells[0][:2] == (f"Chartership portfolio of {MENTEE_NAME}", MENTEE_NAME)
    home.close()


def test_escape_is_the_standard_librarys_without_quotes():
    import html
    import random

    from ui.common.plain import escape

    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice("<>&\"'a &amp;é\n") for _ in range(rng.randrange(30)))
        assert escape(text) == html.escape(text, quote=False), text
    assert escape(12) == "12"
