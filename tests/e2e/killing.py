"""Start a worker process and kill it with SIGKILL: shared by the crash tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("crash_worker.py")


def start_worker(*args, env: dict | None = None) -> subprocess.Popen:
    """``crash_worker.py`` with these arguments, its output piped, on this source tree."""
    return subprocess.Popen(
        [sys.executable, str(WORKER), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {}), "PYTHONPATH": str(ROOT)},
    )


def sigkill(child: subprocess.Popen) -> tuple[str, int]:
    """Kill the worker (if it still runs); return what it printed and its exit code."""
    child.send_signal(signal.SIGKILL)
    out, _err = child.communicate()
    return out, child.returncode
