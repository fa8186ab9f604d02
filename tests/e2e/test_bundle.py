"""The desktop bundle (``make dist``) built and started as a user would start it.

PyInstaller builds the Linux folder and its tarball; the tarball is unpacked
elsewhere and the program started in a clean environment: no PATH, no
PYTHONPATH, no virtual environment, only HOME, temporary XDG folders and the
offscreen platform. It prints its version, saves the screenshots of the
sample, opens a mentee's package given on its command line (making the
mentor's copy, which today's code then reads), and its install script puts it
in a desktop menu with the package type. Skipped where PyInstaller is not
installed (the ``dist`` extra; ``make test`` installs it).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from workbench import APP_NAME, __version__
from workbench.sample.first_package import MENTEE_NAME, build_first_package
from workbench.store.identity import create_identity
from workbench.store.portfolios import open_portfolio
from workbench.store.user_data import stand_in_data_dir

ROOT = Path(__file__).resolve().parents[2]
SLUG = "mentoring-workbench"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.bundle,
    pytest.mark.timeout(900),  # the build takes one to three minutes on two cores
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed (pip install -e '.[dist]')",
    ),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The program inside the unpacked tarball of a fresh build."""
    work = tmp_path_factory.mktemp("bundle")
    build = [sys.executable, str(ROOT / "packaging" / "build.py")]
    build += ["--dist", str(work / "dist"), "--work", str(work / "build")]
    done = subprocess.run(build, capture_output=True, text=True, timeout=800)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    (tarball,) = (work / "dist").glob(f"{SLUG}-{__version__}-linux-*.tar.gz")
    unpacked = work / "unpacked"
    with tarfile.open(tarball) as tar:
        safe = {"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}
        tar.extractall(unpacked, **safe)
    program = unpacked / SLUG / SLUG
    assert os.access(program, os.X_OK)
    return program


def clean_env(home: Path) -> dict:
    """What a desktop session hands a program, without the project's .venv or PATH."""
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_RUNTIME_DIR": str(runtime),
    }


def run(program: Path, home: Path, *args, timeout=240) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(program), *map(str, args)],
        capture_output=True,
        text=True,
        env=clean_env(home),
        cwd=home,
        timeout=timeout,
    )


def test_the_bundle_holds_only_the_qt_it_uses(bundle):
    internal = bundle.parent / "_internal" / "PySide6"
    modules = {p.name.split(".")[0] for p in internal.glob("Qt*.so")}
    assert modules <= {"QtCore", "QtGui", "QtWidgets", "QtCharts", "QtOpenGL", "QtOpenGLWidgets"}
    libraries = " ".join(p.name for p in (internal / "Qt" / "lib").iterdir())
    for absent in ("WebEngine", "Qt63D", "Multimedia", "Quick", "Qml", "Pdf"):
        assert absent not in libraries
    assert (bundle.parent / "_internal" / "resources" / "routes.json").is_file()
    assert (bundle.parent / "install-desktop.sh").is_file()


def test_the_bundle_says_its_version(bundle, tmp_path):
    done = run(bundle, tmp_path, "--version", timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{APP_NAME} {__version__}"


def test_the_bundle_saves_the_screenshots_of_the_sample(bundle, tmp_path):
    shots = tmp_path / "shots"
    done = run(bundle, tmp_path, "--demo", "--screenshots", shots)
    assert done.returncode == 0, done.stderr[-2000:]
    names = {p.name for p in shots.glob("*.png")}
    for name in ("00-welcome.png", "01-overview.png", "02-matrix.png", "05-statement.png"):
        assert name in names
    assert "revalidation-cpd.png" in names and "guide-mentor.png" in names
    assert all(p.stat().st_size > 5000 for p in shots.glob("*.png"))  # drawn, not blank


def test_the_bundle_opens_a_package_given_on_its_command_line(bundle, tmp_path):
    with stand_in_data_dir(tmp_path / "mentee-data"):
        mentee = create_identity(MENTEE_NAME)
        package = build_first_package(mentee, tmp_path / "alex", tmp_path / "first.wbpack")
    home = tmp_path / "mentor"
    home.mkdir()
    made = run(bundle, home, "fingerprint", "--name", "Sam Okafor", timeout=60)  # the CLI inside
    assert made.returncode == 0, made.stderr

    shots = home / "opening"
    done = run(bundle, home, package, "--screenshots", shots)

    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    title = f"Chartership portfolio of {MENTEE_NAME}"
    assert f"Opened first.wbpack into '{title}'." in done.stdout
    assert "Their key fingerprint is" in done.stdout  # the question was asked, and answered
    assert sorted(p.name for p in shots.iterdir()) == [
        "open-01-question.png",
        "open-02-opened.png",
    ]
    (copy,) = (home / "data" / SLUG / "portfolios").iterdir()
    with open_portfolio(copy) as opened:
        assert opened.portfolio.title == title


def test_the_install_script_puts_it_in_the_menu(bundle, tmp_path):
    env = {**clean_env(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        ["sh", str(bundle.parent / "install-desktop.sh")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    data = tmp_path / "data"
    desktop = (data / "applications" / f"{SLUG}.desktop").read_text()
    assert f'Exec="{bundle}" %f' in desktop
    assert "MimeType=application/x-wbpack;" in desktop
    assert (data / "mime" / "packages" / f"{SLUG}.xml").is_file()
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / f"{SLUG}.png").is_file()
    if (Path("/usr/bin") / "xdg-mime").exists():
        asked = subprocess.run(
            ["xdg-mime", "query", "default", "application/x-wbpack"],
            capture_output=True, text=True, env=env, timeout=60,
        )  # fmt: skip
        assert asked.stdout.strip() == f"{SLUG}.desktop"
    gone = subprocess.run(
        ["sh", str(bundle.parent / "install-desktop.sh"), "--uninstall"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert gone.returncode == 0 and not (data / "applications" / f"{SLUG}.desktop").exists()
