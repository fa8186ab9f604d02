"""Importing the user interface spares PySide6's reading of every later module's source."""

from __future__ import annotations

import json
import os
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
    import probe_names_qt, probe_plain  # two modules imported after the hook

    features = sys.modules["shibokensupport.feature"].pyside_feature_dict
    print(json.dumps({
        name: {
            "source_read": sys.modules[name].__file__ in linecache.cache,
            "flag": features.get(name),
        }
        for name in ("probe_names_qt", "probe_plain")
    }))
    """
)


def test_modules_imported_after_the_ui_are_not_read(tmp_path):
    (tmp_path / "probe_names_qt.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "probe_plain.py").write_text("import json\n")
    path = os.pathsep.join((str(ROOT), str(tmp_path)))
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": path, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # PySide6 alone reads both (kept in linecache) and flags the one naming PySide6 0, its
    # own choice of switches, and the other -1; here neither is read and both choose.
    assert seen == {
        "probe_names_qt": {"source_read": False, "flag": 0},
        "probe_plain": {"source_read": False, "flag": 0},
    }
