"""Import 1 GiB of evidence in 200 files and compare with ``cp`` of the same files.

    python bench/evidence_import.py [--mib 1024] [--files 200] [--dir TMPDIR]

The import streams each file in chunks into ``blobs/`` while hashing it
(SHA-256), fsyncs it and records the items in one transaction. The floor is
``cp`` of the same files into the same file system, measured in the same run
(once alone, once followed by ``sync`` so both have reached the disk).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import record  # noqa: E402
from workbench.evidence.files import import_files  # noqa: E402
from workbench.store.identity import Identity  # noqa: E402
from workbench.store.models import new_uuid  # noqa: E402
from workbench.store.portfolios import create_portfolio, ensure_person  # noqa: E402


def make_files(folder: Path, total: int, count: int) -> list[Path]:
    """``count`` files of distinct random content adding up to ``total`` bytes."""
    folder.mkdir(parents=True)
    size = total // count
    block = os.urandom(size)
    paths = []
    for n in range(count):
        path = folder / f"evidence-{n:03d}.bin"
        # A distinct first 8 bytes per file, so no two files share a hash.
        path.write_bytes(n.to_bytes(8, "big") + block[8:])
        paths.append(path)
    return paths


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=1024, help="total size in MiB")
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=None, help="where to put the temp files")
    args = parser.parse_args()
    total = args.mib * 1024 * 1024
    with tempfile.TemporaryDirectory(dir=args.dir) as temp:
        work = Path(temp)
        paths = make_files(work / "source", total, args.files)
        subprocess.run(["sync"], check=False)
        mib = sum(p.stat().st_size for p in paths) / 1024 / 1024

        cp_seconds = timed(
            lambda: subprocess.run(
                ["cp", "-r", str(work / "source"), str(work / "cp1")], check=True
            )
        )
        cp_sync_seconds = timed(
            lambda: (
                subprocess.run(["cp", "-r", str(work / "source"), str(work / "cp2")], check=True),
                subprocess.run(["sync"], check=True),
            )
        )
        shutil.rmtree(work / "cp1")
        shutil.rmtree(work / "cp2")

        identity = Identity(uuid=new_uuid(), name="Bench Mentee")
        opened = create_portfolio(work / "portfolio", identity, route="chartership")
        try:
            mentee = ensure_person(identity)
            result = None

            def run_import():
                nonlocal result
                result = import_files(opened, mentee, paths)

            import_seconds = timed(run_import)
        finally:
            opened.close()
        assert result is not None and len(result.items) == args.files, result and result.summary()

    print(f"{args.files} files, {mib:.0f} MiB")
    print(f"cp              {cp_seconds:7.2f} s  {mib / cp_seconds:8.1f} MiB/s  (floor)")
    print(f"cp + sync       {cp_sync_seconds:7.2f} s  {mib / cp_sync_seconds:8.1f} MiB/s  (floor)")
    print(f"evidence import {import_seconds:7.2f} s  {mib / import_seconds:8.1f} MiB/s")
    print(f"import / (cp + sync) time: {import_seconds / cp_sync_seconds:.2f}x")
    throughput, floor = mib / import_seconds, mib / cp_seconds
    record(
        f"import {mib:.0f} MiB of evidence in {args.files} files",
        throughput,
        "MiB/s",
        floor="cp of the same files",
        floor_value=floor,
        target="at least 0.5x cp's throughput",
        met=throughput >= 0.5 * floor,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
