"""The Overview: where the portfolio stands and what to do next.

The first view of a portfolio. It shows the readiness checklist of the route,
each item ticked or with its reason and a button straight to the view where it
is fixed; the days to the target date; reminders; meeting actions due soon
(ticked here by whoever may tick them); the CPD hours of the last 12 months;
and the latest changes. Everything comes from one workbench service
(``workbench.journey.overview``) in ``refresh``; the widgets hold plain data only.

Opening a portfolio paints the window first: the Overview shows its heading at
once and fills in the rest right after the first paint, so the journey code
(the checklist reads every part of the portfolio) is imported only then.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.common.plain import literal, menu_text, plain_label
from ui.journey.commands import push_done
from ui.shell.first_paint import after_first_paint
from ui.shell.views import VIEW_TITLES
from workbench.dates import local_time, short_date
from workbench.errors import WorkbenchError
from workbench.store.roles import MENTOR

if TYPE_CHECKING:
    from workbench.journey.cpd import CpdSummary
    from workbench.journey.readiness import CheckItem


def _label(text: str = "", wrap: bool = True, name: str = "") -> QLabel:
    label = plain_label(text)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)  # gone from the page now; deleted once events run
            widget.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())


def _when(day: date, today: date) -> str:
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


class CheckRow(QFrame):
    """One checklist item: a tick or a mark, its title and reason, a way to fix it."""

    def __init__(self, item: CheckItem, go, role: str | None, parent=None):
        super().__init__(parent)
        self.item = item
        reason = item.reason_for(role)
        self.setObjectName(f"check-{item.key}")
        icon = QLabel()
        mark = "SP_DialogApplyButton" if item.done else "SP_MessageBoxWarning"
        icon.setPixmap(_style_pixmap(self, mark, 20))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = _label(item.title)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.reason = _label(reason)
        texts = QVBoxLayout()
        texts.setSpacing(1)
        texts.addWidget(title)
        texts.addWidget(self.reason)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(icon)
        row.addLayout(texts, 1)
        self.button = None
        if not item.done:
            self.button = QPushButton(f"Open {VIEW_TITLES.get(item.place, item.place)}")
            self.button.setObjectName(f"go-{item.key}")
            self.button.setToolTip(f"Go to the {VIEW_TITLES.get(item.place, item.place)} view")
            verb = "Open" if role == MENTOR else "Fix"  # a mentor reads; the mentee fixes
            self.button.setAccessibleName(f"{verb}: {item.title}")
            self.button.clicked.connect(lambda: go(item.place))
            row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        state = "done" if item.done else "to do"
        self.setAccessibleName(f"{item.title}: {state}. {reason}")


OVERVIEW = "overview"  # this view's key in the sidebar (ui/shell/views.py)


class OverviewView(QWidget):
    # The view key the user asked to open (also handled through the main window).

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.today = date.today()
        self.state = None  # the readiness checklist, once filled
        self._dirty = True
        self._build()
        self.heading.setText(session.info.title)
        window = parent.window() if parent is not None else None
        if window is not None and not window.isVisible():
            self._waiting = True  # the window paints first, then the page fills
            self.subtitle.setText("Reading the portfolio…")
            self.body.hide()
            after_first_paint(window, self._fill_after_paint, context=self)
        else:
            self._waiting = False
            self.refresh({"all"})

    # Building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = _label(name="heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.subtitle = _label(name="subtitle")
        self.countdown = _label(wrap=False, name="countdown")
        big = self.countdown.font()
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setBold(True)
        self.countdown.setFont(big)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        top = QGridLayout()
        top.addWidget(self.heading, 0, 0)
        top.addWidget(self.subtitle, 1, 0)
        top.addWidget(self.countdown, 0, 1, 2, 1)
        top.setColumnStretch(0, 1)

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Readiness")
        self.progress.setTextVisible(True)

        self.checklist_box = QGroupBox("Ready to submit?")
        self.checklist = QVBoxLayout(self.checklist_box)
        self.reminder_box = QGroupBox("Reminders")
        self.reminder_list = QVBoxLayout(self.reminder_box)
        self.actions_box = QGroupBox("Meeting actions due soon")
        self.actions_list = QVBoxLayout(self.actions_box)
        self.cpd_box = QGroupBox("CPD in the last 12 months")
        cpd_layout = QVBoxLayout(self.cpd_box)
        self.cpd_text = _label(name="cpd-text")
        self.cpd_bar = QProgressBar()
        self.cpd_bar.setAccessibleName("CPD hours in the last 12 months")
        cpd_layout.addWidget(self.cpd_text)
        cpd_layout.addWidget(self.cpd_bar)
        self.recent_box = QGroupBox("Recent activity")
        self.recent_list = QVBoxLayout(self.recent_box)

        side = QVBoxLayout()
        for box in (self.reminder_box, self.actions_box, self.cpd_box, self.recent_box):
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            side.addWidget(box)
        side.addStretch()
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.checklist_box)
        left.addStretch()
        columns.addLayout(left, 3)
        columns.addLayout(side, 2)

        self.body = QWidget()  # hidden until the page's facts are in
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.progress)
        body.addLayout(columns, 1)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)
        layout.addStretch()  # keeps the heading at the top while the body is hidden
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # Refreshing -------------------------------------------------------------------------

    def refresh(self, what: set) -> None:
        """Everything on this page depends on everything: rebuild, now or when shown."""
        self._dirty = True
        if not self._waiting and (self.isVisible() or "all" in what):
            self._rebuild()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._dirty and not self._waiting:
            self._rebuild()
        super().showEvent(event)

    def _fill_after_paint(self) -> None:
        self._waiting = False
        if self._dirty:
            self._rebuild()

    def _rebuild(self) -> None:
        from workbench.journey.overview import overview  # see the module's notes

        self._dirty = False
        self.today = date.today()
        facts = overview(self.session.portfolio, self.today)
        self.state = facts.state
        self.body.show()
        self._fill_heading(facts.people)
        self._fill_checklist()
        self._fill_reminders(facts.reminders)
        self._fill_actions(facts.due_actions)
        self.actions_box.setVisible(facts.has_actions)
        self._fill_cpd(facts.cpd)
        self._fill_recent(facts.recent)

    def _fill_heading(self, members: list) -> None:
        state = self.state
        self.heading.setText(self.session.info.title)
        roles = {"mentee": state.mentee_title, "mentor": "Mentor"}
        people = [f"{roles.get(m.role, m.role)}: {m.name}" for m in members]
        award = "" if state.award == "any" else f" ({state.award})"
        self.subtitle.setText(" · ".join([f"{state.route}{award}", *people]))
        days = state.days_to_target
        if days is None:
            self.countdown.setText("No target date")
        elif days >= 0:
            target = state.target_date
            left = "1 day" if days == 1 else f"{days} days"
            self.countdown.setText(f"{left} to go\nTarget {short_date(target)}")
        else:
            self.countdown.setText(f"{-days} days past\nthe target date")
        self.countdown.setAccessibleName(self.countdown.text().replace("\n", " "))
        self.progress.setRange(0, len(state.items))
        self.progress.setValue(state.done_count)
        self.progress.setFormat(
            f"{state.done_count} of {len(state.items)} done"
        )  # as the checklist

    def _fill_checklist(self) -> None:
        _clear(self.checklist)
        done = self.state.done_count
        self.checklist_box.setTitle(
            "Ready to submit!"
            if self.state.ready
            else f"Ready to submit? ({done} of {len(self.state.items)} done)"
        )
        for item in self.state.items:
            self.checklist.addWidget(CheckRow(item, self.go, self.session.role))

    def _fill_reminders(self, found: list) -> None:
        _clear(self.reminder_list)
        self.reminder_box.setVisible(bool(found))
        for reminder in found:
            row = QHBoxLayout()
            icon = QLabel()
            mark = "SP_MessageBoxWarning" if reminder.urgent else "SP_MessageBoxInformation"
            icon.setPixmap(_style_pixmap(self, mark, 16))
            icon.setAlignment(Qt.AlignmentFlag.AlignTop)
            text = _label(reminder.text_for(self.session.role), name=f"reminder-{reminder.key}")
            row.addWidget(icon)
            row.addWidget(text, 1)
            if reminder.place in VIEW_TITLES and reminder.place != OVERVIEW:  # not to itself
                button = QPushButton("Open")
                button.setToolTip(f"Go to the {VIEW_TITLES[reminder.place]} view")
                button.setAccessibleName(f"Open {VIEW_TITLES[reminder.place]}")
                button.clicked.connect(lambda _=False, p=reminder.place: self.go(p))
                row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.reminder_list.addLayout(row)

    def _fill_actions(self, due: list) -> None:
        _clear(self.actions_list)
        if not due:
            self.actions_list.addWidget(_label("Nothing due in the next two weeks."))
        me = self.session.me.uuid
        for action in due:
            late = action.overdue(self.today)
            when = _when(action.due_date, self.today)
            text = f"{action.text} — {action.owner_name}, due {when}"
            box = QCheckBox(menu_text(("Overdue: " if late else "") + text))
            box.setObjectName(f"action-{action.uuid}")
            box.setAccessibleName(text)
            may = action.may_tick(me)
            box.setEnabled(may)
            box.setToolTip(
                "Tick when it is done"
                if may
                else literal(
                    f"Only {action.owner_name} or the person who wrote the action can tick it"
                )
            )
            if late:
                font = box.font()
                font.setBold(True)
                box.setFont(font)
            box.toggled.connect(lambda checked, uuid=action.uuid: self.tick(uuid, checked))
            self.actions_list.addWidget(box)
        link = QPushButton("All meetings and actions…")
        link.setFlat(True)
        link.clicked.connect(lambda: self.go("mentoring"))
        self.actions_list.addWidget(link, 0, Qt.AlignmentFlag.AlignLeft)

    def _fill_cpd(self, facts: CpdSummary) -> None:
        required = facts.required
        if required:
            self.cpd_box.setVisible(True)
            left = f"; {facts.remaining:g} to go" if not facts.met else " — target met"
            self.cpd_text.setText(f"{facts.hours:g} of {required:g} hours{left}.")
            self.cpd_bar.setRange(0, int(required * 10))
            self.cpd_bar.setValue(int(min(facts.hours, required) * 10))
            self.cpd_bar.setFormat(f"{facts.hours:g} h")
            self.cpd_bar.setVisible(True)
        else:
            self.cpd_box.setVisible(facts.activities > 0)
            self.cpd_text.setText(
                f"{facts.hours:g} hours over {facts.activities} activities "
                f"({facts.participatory_hours:g} participatory)."
            )
            self.cpd_bar.setVisible(False)

    def _fill_recent(self, entries: list) -> None:
        _clear(self.recent_list)
        if not entries:
            self.recent_list.addWidget(_label("Nothing yet."))
        for entry in entries:
            when = _when(local_time(entry.when).date(), self.today)
            label = _label(f"{entry.who} {entry.what} · {when}")
            self.recent_list.addWidget(label)

    # Acting -----------------------------------------------------------------------------

    def go(self, place: str) -> None:
        """Open the view where something is fixed."""
        self.session.go_to(place)

    def tick(self, uuid: str, done: bool) -> None:
        from workbench.journey import mentoring  # loaded with the page's facts by now

        actor = self.session.actor
        try:
            mentoring.set_action_done(uuid, actor, done)
        except WorkbenchError as exc:
            self.session.message.emit(str(exc))
            self.refresh({"meetings"})
            return
        verb = "done" if done else "not done"
        push_done(
            self.session,
            f"mark action {verb}",
            lambda: mentoring.set_action_done(uuid, actor, not done),
            lambda: mentoring.set_action_done(uuid, actor, done),
            "meetings",
        )


def _style_pixmap(widget: QWidget, name: str, size: int):
    """The style's standard icon ``name`` at ``size``. QStyle is loaded here, once the
    Overview fills in after the first paint: its enums alone take ~14 ms to load."""
    from PySide6.QtWidgets import QStyle

    return widget.style().standardIcon(getattr(QStyle.StandardPixmap, name)).pixmap(size, size)
