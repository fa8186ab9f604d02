"""Shared fixtures. Qt runs offscreen; each test gets its own data folder,
settings and portfolio folder, so nothing leaks between tests or to the user."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from workbench.store import db  # noqa: E402
from workbench.store.identity import Identity, create_identity  # noqa: E402
from workbench.store.models import new_uuid  # noqa: E402

# CI runs the property tests on fixed examples (HYPOTHESIS_PROFILE=ci, set by .ci/run),
# so a landing never fails on a case met by chance; other runs explore new ones.
settings.register_profile("ci", derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

FIXTURES = Path(__file__).resolve().parent / "fixtures"  # our own files, in this repository
# Files shared beside a checkout, used as extra cases when present (skipped otherwise).
SHARED_FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path, monkeypatch):
    """Point the user's data and config folders into the test's temp folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config")
    )
    yield
    db.disconnect()


@pytest.fixture
def me() -> Identity:
    """The identity of this machine's user (the mentee in most tests)."""
    return create_identity("Casey Mentee")


@pytest.fixture
def other() -> Identity:
    """A second person, not stored as this machine's identity."""
    return Identity(uuid=new_uuid(), name="Morgan Mentor")


def show_view(qtbot, view, session, size=(1200, 780)):
    """Show a view as the main window would: refreshed on the session's changes."""
    session.changed.connect(view.refresh)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    return view


@pytest.fixture
def session(demo, qapp):
    """The sample portfolio as the GUI sees it, acting as its mentee."""
    from ui.common.session import Session
    from workbench.store.portfolios import MENTEE, person_with_role

    session = Session(demo, person_with_role(demo.portfolio, MENTEE))
    yield session
    session.undo_stack.clear()


@pytest.fixture
def demo(tmp_path):
    """The sample portfolio, opened; closed after the test."""
    from workbench.sample.build import build_demo

    opened = build_demo(tmp_path / "demo")
    yield opened
    opened.close()


@pytest.fixture
def portfolio(tmp_path, me):
    """A new Chartership portfolio with the PKSB outline, opened by ``me``."""
    from workbench.frameworks.library import builtin_framework, install_framework
    from workbench.store.portfolios import create_portfolio, ensure_person

    opened = create_portfolio(
        tmp_path / "mine", me, route="chartership", mentor_name="Morgan Mentor"
    )
    person = ensure_person(me)
    opened.portfolio.framework = install_framework(builtin_framework(), person)
    opened.portfolio.save()
    yield opened
    opened.close()
