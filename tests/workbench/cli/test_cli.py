"""The headless commands run in a real child process, as a script would use them."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SHARED_FIXTURES

ROOT = Path(__file__).resolve().parents[3]


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )


def test_demo_then_matrix_as_csv_and_json(tmp_path):
    folder = tmp_path / "demo"
    assert run("demo", "--portfolio", folder).returncode == 0
    result = run("matrix", "--portfolio", folder, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["code", "name", "area", "current", "target", "gap", "relevant"]
    chosen = [r for r in rows if r["relevant"] == "True"]
    assert len(chosen) == 12
    as_json = json.loads(run("matrix", "--portfolio", folder, "--format", "json").stdout)
    assert as_json["snapshot"] == "Mid-point review"
    digital = next(s for s in as_json["skills"] if s["code"] == "10.2")
    assert (digital["current"], digital["target"], digital["gap"]) == (3, 4, 1)


def test_bad_input_exits_non_zero_with_one_line(tmp_path):
    result = run("matrix", "--portfolio", tmp_path / "nothing")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    broken = tmp_path / "broken.csv"
    broken.write_text("area,skill\n", encoding="utf-8")
    result = run("import-framework", broken)
    assert result.returncode == 1
    assert "line 1" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("matrix_file", "skills", "repeated"),
    [
        (FIXTURES / "outreach.matrix", "5 skills", "B.1"),
        pytest.param(
            SHARED_FIXTURES / "mahara-example.matrix",
            "31 skills",
            "4.4.3",
            marks=pytest.mark.skipif(
                not (SHARED_FIXTURES / "mahara-example.matrix").exists(),
                reason="the shared Mahara example is not beside this checkout",
            ),
        ),
    ],
)
def test_import_framework_keeps_it_in_the_library(tmp_path, matrix_file, skills, repeated):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    result = run("import-framework", matrix_file, env=env)
    assert result.returncode == 0, result.stderr
    assert skills in result.stdout
    assert repeated in result.stderr  # the repeated element is reported
    library = list((tmp_path / "data").rglob("frameworks/*.json"))
    assert len(library) == 1


def test_the_gui_without_a_display_says_so_in_one_line(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = run(env=env)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "No display found" in result.stderr and "--screenshots" in result.stderr


def test_screenshots_need_no_display(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DISPLAY",)},
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("QT_QPA_PLATFORM", None)
    result = run("--demo", "--screenshots", tmp_path / "shots", env=env)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "shots").glob("*.png"))
    assert "00-welcome.png" in names and "02-matrix-chart.png" in names
    assert "revalidation-overview.png" in names
    assert "mentor-first-package-question.png" in names
    assert "mentor-first-package-summary.png" in names
    if shutil.which("soffice"):
        assert "submission-pksb.png" in names
    else:
        assert "no picture of the PKSB page" in result.stdout
