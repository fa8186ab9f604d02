"""Files written by every release still open; files from a newer release are refused
with the release that made them and what to do ("please update").

The fixtures in tests/fixtures/released/ were written once by the code of each
release (``make_released.py`` there): a mentee's first package of each package
format and a portfolio of each database schema.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from workbench import __version__
from workbench.errors import NewerDatabase, PackageError
from workbench.exchange import pack as packing
from workbench.exchange.copies import create_copy
from workbench.exchange.reader import FORMAT_VERSION, read_package
from workbench.frameworks.library import builtin_framework
from workbench.store import db
from workbench.store.identity import create_identity
from workbench.store.portfolios import create_portfolio, ensure_person, get_setting, open_portfolio
from workbench.versions import WRITTEN_BY

RELEASED = FIXTURES / "released"
TITLE = "Chartership portfolio of Robin Archivist"


def test_there_is_a_fixture_of_every_format_and_schema():
    for version in range(1, FORMAT_VERSION + 1):
        assert (RELEASED / f"format-{version}.wbpack").is_file()
    for version in range(1, db.SCHEMA_VERSION + 1):
        assert (RELEASED / f"schema-{version}.sqlite3").is_file()


@pytest.mark.parametrize("version", range(1, FORMAT_VERSION + 1))
def test_a_package_of_every_released_format_opens(version, tmp_path):
    path = RELEASED / f"format-{version}.wbpack"
    package = read_package(path)
    assert package.manifest["version"] == version
    mentor = create_identity("Sam Okafor")
    summary = create_copy(
        package, mentor, tmp_path / "copy", confirmed_key=package.manifest["public_key"]
    )
    with open_portfolio(summary.root) as opened:
        assert opened.portfolio.title == TITLE


@pytest.mark.parametrize("version", range(1, db.SCHEMA_VERSION + 1))
def test_a_portfolio_of_every_released_schema_opens(version, tmp_path):
    root = tmp_path / "portfolio"
    root.mkdir()
    shutil.copyfile(RELEASED / f"schema-{version}.sqlite3", root / db.DB_NAME)
    with open_portfolio(root) as opened:
        assert opened.portfolio.title == TITLE
        assert db.database.pragma("user_version") == db.SCHEMA_VERSION
        assert get_setting(WRITTEN_BY) == __version__  # the release that opened it last
    if version < db.SCHEMA_VERSION:
        assert any("before-migration" in p.name for p in (root / "backups").iterdir())


def test_a_package_names_the_release_that_made_it(tmp_path):
    me = create_identity("Robin Archivist")
    path = _package(tmp_path, me)
    with zipfile.ZipFile(path) as zf:
        assert json.loads(zf.read("manifest.json"))["app_version"] == __version__


def _package(tmp_path: Path, me) -> Path:
    with create_portfolio(
        tmp_path / "mine", me, route="chartership", mentor_name="Sam Okafor",
        framework=builtin_framework(),
    ) as opened:  # fmt: skip
        return packing.pack(opened, ensure_person(me), tmp_path / "out.wbpack").path


def test_a_package_from_a_newer_release_is_refused_with_its_release(tmp_path, monkeypatch):
    me = create_identity("Robin Archivist")
    monkeypatch.setattr(packing, "FORMAT_VERSION", FORMAT_VERSION + 1)
    monkeypatch.setattr(packing, "__version__", "9.1.0")
    path = _package(tmp_path, me)
    with pytest.raises(PackageError) as refused:
        read_package(path)
    assert str(refused.value) == (
        f"out.wbpack was made by version 9.1.0 of the workbench (package format "
        f"{FORMAT_VERSION + 1}; this version, {__version__}, reads format {FORMAT_VERSION}); "
        "please update the workbench to open it."
    )


def test_a_portfolio_from_a_newer_release_is_refused_with_its_release(tmp_path):
    root = tmp_path / "portfolio"
    root.mkdir()
    newest = max(RELEASED.glob("schema-*.sqlite3"), key=lambda p: int(p.stem.split("-")[1]))
    shutil.copyfile(newest, root / db.DB_NAME)
    open_portfolio(root).close()  # brought up to today's schema
    with sqlite3.connect(root / db.DB_NAME) as conn:  # what release 9.1.0 would leave
        conn.execute(f"PRAGMA user_version = {db.SCHEMA_VERSION + 1}")
        conn.execute("UPDATE setting SET value = '9.1.0' WHERE key = ?", (WRITTEN_BY,))
    conn.close()
    with pytest.raises(NewerDatabase, match="made by version 9.1.0 of the workbench") as refused:
        open_portfolio(root)
    assert str(refused.value).endswith("please update the workbench to open it.")
    assert f"schema {db.SCHEMA_VERSION + 1}; this version, {__version__}" in str(refused.value)
