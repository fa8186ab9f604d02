"""``make dist``: the workbench as a desktop program, built with PyInstaller.

    python packaging/build.py [--dist DIR] [--work DIR] [--no-archive]

On every platform it makes one folder (``dist/mentoring-workbench/``) holding the
program, Python, the Qt modules the workbench uses and ``resources/``; then:

- Linux: ``install-desktop.sh`` beside the program (menu entry, icon, the
  ``.wbpack`` type) and ``dist/mentoring-workbench-<version>-linux-<arch>.tar.gz``.
- Windows: ``register-wbpack.ps1`` beside the program (the ``.wbpack`` type and
  "Open with" for ``.docx``, for the user, no administrator) and
  ``dist\\mentoring-workbench-<version>-windows-<arch>.zip``; the program is
  ``mentoring-workbench.exe`` with the icon, and no console window.
- macOS: ``dist/Mentoring Workbench.app`` (declaring the ``.wbpack`` and
  ``.docx`` types) and ``dist/mentoring-workbench-<version>-macos-<arch>.zip``
  made by ``ditto`` so the app's symbolic links survive.

PyInstaller builds for the system it runs on: build each platform on that
platform. Nothing here downloads anything.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench import APP_NAME, APP_SLUG, __version__  # noqa: E402

SPEC = ROOT / "packaging" / "workbench.spec"
INSTALL_SCRIPT = ROOT / "packaging" / "linux" / "install-desktop.sh"
REGISTER_SCRIPT = ROOT / "packaging" / "windows" / "register-wbpack.ps1"


def system_name() -> str:
    if sys.platform.startswith("linux"):
        return "linux"
    return {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)


def program(folder: Path) -> Path:
    """The program inside a built folder."""
    suffix = ".exe" if sys.platform == "win32" else ""
    return folder / f"{APP_SLUG}{suffix}"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller(dist: Path, work: Path) -> None:
    try:
        import PyInstaller  # noqa: F401  (only to say clearly what is missing)
    except ImportError:
        sys.exit("PyInstaller is not installed: run  .venv/bin/pip install -e '.[dist]'  first.")
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    subprocess.run(command, check=True, cwd=ROOT)


def archive(dist: Path, folder: Path) -> Path:
    machine = platform.machine().lower() or "unknown"
    stem = f"{APP_SLUG}-{__version__}-{system_name()}-{machine}"
    if sys.platform == "darwin":
        app = dist / f"{APP_NAME}.app"
        target = dist / f"{stem}.zip"
        target.unlink(missing_ok=True)
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(app), str(target)], check=True)
        return target
    if sys.platform == "win32":
        return Path(shutil.make_archive(str(dist / stem), "zip", dist, folder.name))
    target = dist / f"{stem}.tar.gz"
    partial = target.with_name(target.name + ".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=folder.name)
    os.replace(partial, target)
    return target


def build(dist: Path, work: Path, make_archive: bool = True) -> dict:
    started = time.monotonic()
    run_pyinstaller(dist, work)
    folder = dist / APP_SLUG
    if sys.platform.startswith("linux"):
        shutil.copy2(INSTALL_SCRIPT, folder / INSTALL_SCRIPT.name)
    elif sys.platform == "win32":
        shutil.copy2(REGISTER_SCRIPT, folder / REGISTER_SCRIPT.name)
    made = {"folder": folder, "program": program(folder), "size": folder_size(folder)}
    if make_archive:
        made["archive"] = archive(dist, folder)
    made["seconds"] = time.monotonic() - started
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--no-archive", action="store_true", help="only the folder")
    args = parser.parse_args(argv)
    made = build(args.dist.resolve(), args.work.resolve(), not args.no_archive)
    print(f"{APP_NAME} {__version__}: {made['folder']} ({made['size'] / 2**20:.0f} MiB)")
    if "archive" in made:
        size = made["archive"].stat().st_size / 2**20
        print(f"Archive: {made['archive']} ({size:.0f} MiB), built in {made['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
