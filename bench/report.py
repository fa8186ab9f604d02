"""How a benchmark hands its figures to ``run_all.py``.

A script calls ``record`` for each figure it prints. When run by ``run_all.py``
(which sets BENCH_RESULTS to a file), each figure is appended there as one JSON
line; run alone, ``record`` does nothing and the script's own output stands.
"""

from __future__ import annotations

import json
import os


def record(
    figure: str,
    value: float,
    unit: str,
    *,
    floor: str = "",
    floor_value: float | None = None,
    target: str = "",
    met: bool | None = None,
) -> None:
    """One measured figure, its floor from the same run, and the target it is held to."""
    path = os.environ.get("BENCH_RESULTS")
    if not path:
        return
    line = {
        "figure": figure,
        "value": value,
        "unit": unit,
        "floor": floor,
        "floor_value": floor_value,
        "target": target,
        "met": met,
    }
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")
