"""The sidebar's icons are the project's own: one per view, a white mark on a tile.

They are drawn as SVG (``resources/icons/views/<key>.svg``) so that start-up
needs nothing of QStyle; each must render, in the tile's colour with its white
mark, at the sidebar's size and at twice it for a high-density screen.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QIcon

from ui.shell.views import VIEWS
from workbench.sample.build import build_demo

WHITE = QColor("#ffffff")


def tile_colour(entry) -> QColor:
    return QColor(
        re.search(r'<rect [^>]*fill="(#[0-9a-f]{6})"', Path(entry.icon_file).read_text())[1]
    )


@pytest.mark.parametrize("entry", VIEWS, ids=lambda e: e.key)
@pytest.mark.parametrize("size", [20, 40])
def test_each_views_icon_renders_its_tile_and_mark(qapp, entry, size):
    image = QIcon(entry.icon_file).pixmap(size, size).toImage()
    assert image.width() == size
    colours = {image.pixelColor(x, y).rgb() for x in range(size) for y in range(size)}
    assert tile_colour(entry).rgb() in colours  # the tile
    assert WHITE.rgb() in colours  # the mark on it


def test_the_tiles_differ_so_the_views_tell_apart(qapp):
    assert len({tile_colour(entry).name() for entry in VIEWS}) == len(VIEWS)


def test_the_sidebar_shows_each_views_icon(qtbot, window, me, tmp_path):
    build_demo(tmp_path / "sample").close()
    assert window.open_portfolio(tmp_path / "sample")
    for row in range(window.sidebar.count()):
        icon = window.sidebar.item(row).icon()
        assert not icon.pixmap(20, 20).isNull()
