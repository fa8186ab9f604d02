"""The UI receives plain data from the core, never a record (workbench/store/handles.py).

Every GUI test runs with the guard of ``tests/ui/plain_data.py`` on (see
``conftest.py``). Here: the guard catches a record, and a walk through every
view of the sample portfolio, as its mentee and as its mentor, leaves no
record but the handles in any widget's attributes or any model's rows.
"""

from __future__ import annotations

import sys
import types

import pytest
from PySide6.QtCore import QObject, Qt

from tests.ui.plain_data import Guard, records_in
from workbench.statement import drafts
from workbench.store.handles import portfolio_info
from workbench.store.portfolios import MENTEE, MENTOR, person_with_role


@pytest.fixture
def fake_view(monkeypatch):
    """A ``ui`` module that hands a record to the UI, as a careless view would."""
    module = types.ModuleType("ui.careless_view")
    module.drafts = drafts  # imported as a module
    module.latest_version = drafts.latest_version  # imported by name
    module.portfolio_info = portfolio_info
    module.person_with_role = person_with_role
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return module


def test_the_guard_finds_a_record_handed_to_the_ui(session, fake_view, monkeypatch):
    guard = Guard()
    guard.install(monkeypatch, prefix="ui.careless_view")
    fake_view.latest_version(session.portfolio)
    fake_view.drafts.versions(session.portfolio)
    assert sorted(set(guard.found)) == [
        "ui.careless_view ← workbench.statement.versions.latest_version: result: StatementVersion",
        "ui.careless_view ← workbench.statement.versions.versions: result[]: StatementVersion",
    ]


def test_the_guard_lets_plain_data_and_the_handles_through(session, fake_view, monkeypatch):
    guard = Guard()
    guard.install(monkeypatch, prefix="ui.careless_view")
    fake_view.portfolio_info(session.portfolio)
    fake_view.drafts.version_infos(session.portfolio)
    fake_view.person_with_role(session.portfolio, MENTOR)  # a handle, to act as
    assert guard.found == []


def test_records_are_found_inside_rows_and_dataclasses(session):
    latest = drafts.latest_version(session.portfolio)
    assert records_in({"rows": [(1, latest)]}) == ["result{}[][]: StatementVersion"]
    assert records_in(session.opened) == []  # it holds the portfolio: a handle
    assert records_in(drafts.version_infos(session.portfolio)) == []


def held_records(window) -> list[str]:
    """Records (other than handles) in the attributes of the window and its objects,
    and in the rows their item models cache."""
    found = []
    for obj in [window, *window.findChildren(QObject)]:
        name = type(obj).__name__
        if not type(obj).__module__.startswith("ui"):
            continue
        for attr, value in vars(obj).items():
            found += [f"{name}.{attr}: {f}" for f in records_in(value)]
    return found


def test_every_view_of_the_sample_holds_plain_data_only(qtbot, window, me):
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    for role in (MENTEE, MENTOR):
        window.act_as(person_with_role(window.session.portfolio, role))
        for key in window.view_keys:
            window.show_view(key)
            qtbot.wait(10)
            for _name, show_state in getattr(window.views[key], "screenshot_states", list)():
                show_state()
        assert held_records(window) == []
    # The walk would see a record kept by a view.
    window.views["statement"].careless = drafts.latest_version(window.session.portfolio)
    assert held_records(window) == ["StatementView.careless: result: StatementVersion"]
    del window.views["statement"].careless
