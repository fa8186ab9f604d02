"""Benchmarks time the program as a user runs it the second time: from compiled
sources. Where Python is told not to write bytecode (``PYTHONDONTWRITEBYTECODE``),
every start would compile the project's modules again; these keep compiled files
in a folder of the benchmark's own instead (``PYTHONPYCACHEPREFIX``).
"""

from __future__ import annotations

import compileall
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("workbench", "ui")


def _cache() -> str:
    """The given prefix, or one folder kept for every benchmark run (reused, not piled up)."""
    default = Path(tempfile.gettempdir()) / "workbench-bench-pycache"
    return os.environ.get("PYTHONPYCACHEPREFIX") or str(default)


def compile_here() -> None:
    """This process reads (and writes) compiled modules; the project's are compiled now."""
    sys.pycache_prefix = _cache()
    sys.dont_write_bytecode = False
    for package in PACKAGES:
        compileall.compile_dir(ROOT / package, quiet=1)


def compiled_env(env: dict) -> dict:
    """``env`` for child processes that read and keep compiled modules."""
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("PYTHONPYCACHEPREFIX", _cache())
    return env
