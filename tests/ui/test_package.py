"""Importing the user interface spares PySide6's reading of every later module's source."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import json, linecache, sys

    import PySide6.QtCore  # installs PySide6's import hook
    import ui
    import probe_uses_qt  # a module that names PySide6, imported after the hook

    features = sys.modules["shibokensupport.feature"]
    print(json.dumps({
        "source_read": probe_uses_qt.__file__ in linecache.cache,
        "flag": features.pyside_feature_dict.get("probe_uses_qt"),
    }))
    """
)


def test_a_module_imported_after_the_ui_is_not_read(tmp_path):
    (tmp_path / "probe_uses_qt.py").write_text("from PySide6.QtCore import QObject\n")
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": f"{ROOT}:{tmp_path}", "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # PySide6's own answer would be: read (kept in linecache), flagged 0 as using PySide6.
    assert seen == {"source_read": False, "flag": -1}
