"""Time packing and unpacking a large portfolio, beside zip/unzip of the same files.

    python bench/exchange.py [--blob-mib 1024] [--skills 2000] [--records-mib 100]

Builds a large mentee portfolio (a framework of ``--skills`` skills rated in
eight snapshots, 400 evidence items with links, 30 statement versions, 2000
comments) and ``--blob-mib`` MiB of random evidence files. Then, in the same
run: pack and unpack (into a new mentor's copy) without and with the files,
and the floors: the zip and unzip commands on the same records file and blobs,
and the records' JSON lines parsed and inserted with sqlite3 ``executemany`` in
one transaction. Last, the peak memory of a process unpacking a package with
``--records-mib`` MiB of records (long evidence descriptions), beside the same
process before it unpacks.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import record  # noqa: E402
from workbench.evidence.blobs import blob_path  # noqa: E402
from workbench.exchange.apply import pack  # noqa: E402
from workbench.exchange.copies import unpack  # noqa: E402
from workbench.store import db, keys  # noqa: E402
from workbench.store.identity import create_identity  # noqa: E402
from workbench.store.models import (  # noqa: E402
    Area,
    Comment,
    EvidenceItem,
    EvidenceLink,
    Framework,
    Rating,
    Skill,
    Snapshot,
    StatementVersion,
    new_uuid,
)
from workbench.store.portfolios import create_portfolio, ensure_person  # noqa: E402

WORDS = [
    "reflection",
    "evidence",
    "induction",
    "programme",
    "students",
    "feedback",
    "service",
    "design",
]


def insert(model, rows: list[dict]) -> None:
    size = max(1, 30000 // max(len(rows[0]), 1) // 2) if rows else 1
    for start in range(0, len(rows), size):
        model.insert_many(rows[start : start + size]).execute()


def build_records(opened, me, skills: int) -> int:
    """Bulk-insert a large portfolio's records (as the services would shape them)."""
    base = {"author": me.uuid}
    portfolio = opened.portfolio
    with db.database.atomic():
        framework = Framework.create(**base, key="big", name="Large framework")
        portfolio.framework = framework
        portfolio.save()
        areas = [
            {
                **base,
                "uuid": new_uuid(),
                "framework": framework.uuid,
                "code": str(a),
                "name": f"Area {a}",
                "position": a,
            }
            for a in range(max(1, skills // 50))
        ]
        insert(Area, areas)
        skill_rows = [
            {
                **base,
                "uuid": new_uuid(),
                "area": areas[s % len(areas)]["uuid"],
                "code": f"{s % len(areas)}.{s}",
                "name": f"Skill {s}",
                "description": " ".join(WORDS) * 3,
                "position": s,
            }
            for s in range(skills)
        ]
        insert(Skill, skill_rows)
        start = date(2025, 1, 1)
        for n in range(8):
            snap = Snapshot.create(
                **base,
                portfolio=portfolio,
                label=f"Review {n}",
                kind="start" if n == 0 else "review",
                taken_on=start + timedelta(days=30 * n),
                position=n,
            )
            insert(
                Rating,
                [
                    {
                        **base,
                        "uuid": new_uuid(),
                        "snapshot": snap.uuid,
                        "skill": s["uuid"],
                        "relevant": True,
                        "current": n % 5,
                        "target": 4,
                        "note": "Progress noted.",
                    }
                    for s in skill_rows
                ],
            )
        items = [
            {
                **base,
                "uuid": new_uuid(),
                "portfolio": portfolio.uuid,
                "number": i + 1,
                "title": f"Evidence {i + 1}",
                "kind": "note",
                "description": " ".join(WORDS) * 5,
            }
            for i in range(400)
        ]
        insert(EvidenceItem, items)
        insert(
            EvidenceLink,
            [
                {
                    **base,
                    "uuid": new_uuid(),
                    "evidence": item["uuid"],
                    "skill": skill_rows[(i * 7 + k) % skills]["uuid"],
                }
                for i, item in enumerate(items)
                for k in range(5)
            ],
        )
        text = " ".join(WORDS[i % len(WORDS)] for i in range(1000))
        versions = [
            {
                **base,
                "uuid": new_uuid(),
                "portfolio": portfolio.uuid,
                "number": v + 1,
                "text": f"{v} {text}",
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
            }
            for v in range(30)
        ]
        insert(StatementVersion, versions)
        insert(
            Comment,
            [
                {
                    **base,
                    "uuid": new_uuid(),
                    "portfolio": portfolio.uuid,
                    "version": versions[c % 30]["uuid"],
                    "start": 10,
                    "end": 30,
                    "quote": text[10:30],
                    "text": "Say more about what changed.",
                }
                for c in range(2000)
            ],
        )
    return sum(m.select().count() for m in (Rating, Skill, EvidenceItem, EvidenceLink, Comment))


def add_blobs(opened, me, total_mib: int, file_mib: int = 16) -> int:
    """Random evidence files (incompressible, like video) in the blob store."""
    count = max(1, total_mib // file_mib)
    with db.database.atomic():
        for n in range(count):
            data = os.urandom(file_mib * 2**20)
            sha = hashlib.sha256(data).hexdigest()
            target = blob_path(opened, sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            EvidenceItem.create(
                author=me.uuid,
                portfolio=opened.portfolio,
                number=1000 + n,
                title=f"Recording {n}",
                blob_sha=sha,
                size=len(data),
            )
    return count


def add_long_records(opened, me, mib: int) -> int:
    """Evidence items whose descriptions add up to ``mib`` MiB of records."""
    size = 40_000  # characters of one description, well below the limit of one
    count = max(1, mib * 2**20 // size)
    text = (" ".join(WORDS) + " ") * (size // (len(" ".join(WORDS)) + 1))
    rows = [
        {
            "author": me.uuid,
            "uuid": new_uuid(),
            "portfolio": opened.portfolio.uuid,
            "number": 5000 + n,
            "title": f"Long note {n}",
            "kind": "note",
            "description": f"{n} {text}",
        }
        for n in range(count)
    ]
    with db.database.atomic():
        insert(EvidenceItem, rows)
    return count


def timed(action) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def zip_floor(folder: Path, package: Path, with_blobs: bool, mentee_root: Path) -> dict:
    """zip and unzip of the same records file (and blobs folder), by the system tools.

    ``zip`` deflates everything (its default); ``zip -0`` stores, as the package
    does for evidence files. Both archives are unzipped.
    """
    work = folder / f"floor-{with_blobs}"
    work.mkdir()
    with zipfile.ZipFile(package) as zf:
        zf.extract("records.jsonl", work)
    names = ["records.jsonl"]
    if with_blobs:
        shutil.copytree(mentee_root / "blobs", work / "blobs")
        names.append("blobs")
    times = {}
    for label, level in (("zip", []), ("zip -0", ["-0"])):
        archive = folder / f"floor-{with_blobs}{''.join(level)}.zip"
        command = ["zip", "-q", "-r", *level, str(archive), *names]
        times[label] = timed(lambda c=command: subprocess.run(c, cwd=work, check=True))
        out = folder / f"floor-{with_blobs}{''.join(level)}-out"
        command = ["unzip", "-q", str(archive), "-d", str(out)]
        times[f"un{label}"] = timed(lambda c=command: subprocess.run(c, check=True))
        shutil.rmtree(out)
    return times


def sqlite_floor(folder: Path, package: Path) -> float:
    """The package's JSON lines parsed and inserted with sqlite3 executemany, one transaction.

    Read from the zip line by line, one bare table per record table, as the
    same number of rows of the same values; no checks, no merge.
    """

    def load() -> None:
        by_table: dict[str, list[tuple]] = {}
        columns: dict[str, list[str]] = {}
        with zipfile.ZipFile(package) as zf, zf.open("records.jsonl") as lines:
            for line in lines:
                record = json.loads(line)
                table = record.pop("table")
                names = columns.setdefault(table, sorted(record))
                by_table.setdefault(table, []).append(tuple(record[n] for n in names))
        conn = sqlite3.connect(folder / "floor.sqlite3")
        conn.execute("PRAGMA journal_mode=wal")
        with conn:
            for table, rows in by_table.items():
                names = columns[table]
                conn.execute(f'CREATE TABLE "{table}" ({", ".join(f"c{i}" for i in names)})')
                marks = ", ".join("?" for _ in names)
                conn.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
        conn.close()

    return timed(load)


def unpack_child(package: str, target: str, key: str, do_unpack: bool) -> int:
    """Run in a process of its own: unpack (or only import), then print the peak RSS."""
    mentor = create_identity("Morgan Mentor")
    if do_unpack:
        unpack(Path(package), mentor, Path(target), confirmed_key=key)
    print(_peak_bytes())
    return 0


def _peak_bytes() -> int:
    """This process's peak resident memory. Linux keeps ``ru_maxrss`` across exec
    (it would count the parent's memory at the fork), so its VmHWM is read there."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, KiB elsewhere


def peak_memory(folder: Path, package: Path, key: str, do_unpack: bool) -> float:
    """The peak resident memory (MiB) of a process unpacking ``package`` (or only starting)."""
    data = folder / f"child-data-{do_unpack}"
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    command = [sys.executable, __file__, "--child", str(package), str(folder / "child-copy"), key]
    done = subprocess.run(
        [*command, "--child-unpack" if do_unpack else "--child-idle"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.split()[-1]) / 2**20


def report(name: str, size: int, packed: float, unpacked: float, floor: dict) -> None:
    print(f"{name}: package {size / 2**20:.1f} MiB")
    print(
        f"  pack   {packed:7.2f} s   floor: zip {floor['zip']:5.2f} s (deflate), "
        f"zip -0 {floor['zip -0']:5.2f} s (store)"
    )
    print(
        f"  unpack {unpacked:7.2f} s   floor: unzip {floor['unzip']:5.2f} s "
        f"(deflated), {floor['unzip -0']:5.2f} s (stored)"
    )


def figure(name, value, unit, floor_name, floor_value, target, met) -> None:
    """Print one figure beside its floor and target, and hand it to ``run_all.py``."""
    ratio = f"{value / floor_value:5.2f}x" if floor_value else "  –  "
    print(
        f"  {name}: {value:.3g} {unit}; floor ({floor_name}) {floor_value:.3g} {unit}; "
        f"{ratio}; target {target}: {'met' if met else 'NOT MET'}"
    )
    record(name, value, unit, floor=floor_name, floor_value=floor_value, target=target, met=met)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blob-mib", type=int, default=1024)
    parser.add_argument("--skills", type=int, default=2000)
    parser.add_argument(
        "--records-mib",
        type=int,
        default=100,
        help="records of the package whose memory is measured",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--child-unpack", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-idle", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return unpack_child(*args.child, do_unpack=args.child_unpack)
    if not shutil.which("zip") or not shutil.which("unzip"):
        print("The zip and unzip commands are needed for the floor.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(folder / "mentee-data")
        mentee = create_identity("Casey Mentee")
        accepted = keys.my_public_key()  # the key its fingerprint was compared for, by phone
        root = folder / "mentee"
        small, large = folder / "records-only.wbpack", folder / "with-files.wbpack"
        long = folder / "long-records.wbpack"
        with create_portfolio(root, mentee, route="chartership", mentor_name="Morgan") as opened:
            me = ensure_person(mentee)
            records = build_records(opened, me, args.skills)
            t_pack_small = timed(lambda: pack(opened, me, small, include_blobs=False))
            files = add_blobs(opened, me, args.blob_mib) if args.blob_mib else 0
            if files:
                t_pack_large = timed(lambda: pack(opened, me, large))
            if args.records_mib:
                add_long_records(opened, me, args.records_mib)
                pack(opened, me, long, include_blobs=False)
        os.environ["XDG_DATA_HOME"] = str(folder / "mentor-data")
        mentor = create_identity("Morgan Mentor")
        t_unpack_small = timed(
            lambda: unpack(small, mentor, folder / "copy-small", confirmed_key=accepted)
        )
        t_sqlite = sqlite_floor(folder, small)
        if files:
            t_unpack_large = timed(
                lambda: unpack(large, mentor, folder / "copy-large", confirmed_key=accepted)
            )
        floor_small = zip_floor(folder, small, False, root)
        print(f"Portfolio: about {records} records; {files} evidence files, {args.blob_mib} MiB")
        report("records only", small.stat().st_size, t_pack_small, t_unpack_small, floor_small)
        if files:
            floor_large = zip_floor(folder, large, True, root)
            report("with files", large.stat().st_size, t_pack_large, t_unpack_large, floor_large)
        print("Figures, each beside its floor from this run and its target:")
        with zipfile.ZipFile(small) as zf:
            count = sum(1 for _ in zf.open("records.jsonl"))
        figure(
            f"unpack a records-only package of {count} records",
            t_unpack_small,
            "s",
            "json + sqlite3 executemany of the same lines",
            t_sqlite,
            "at most 5x the floor",
            t_unpack_small <= 5 * t_sqlite,
        )
        if files:
            for what, seconds, floor in (
                ("pack", t_pack_large, floor_large["zip -0"]),
                ("unpack", t_unpack_large, floor_large["unzip -0"]),
            ):
                tool = "zip -0" if what == "pack" else "unzip"
                figure(
                    f"{what} with {args.blob_mib} MiB of evidence files",
                    seconds,
                    "s",
                    f"{tool} of the same files",
                    floor,
                    "at most 2x its time",
                    seconds <= 2 * floor,
                )
        if args.records_mib:
            with zipfile.ZipFile(long) as zf:
                size = zf.getinfo("records.jsonl").file_size / 2**20
            idle = peak_memory(folder, long, accepted, do_unpack=False)
            peak = peak_memory(folder, long, accepted, do_unpack=True)
            figure(
                f"peak memory unpacking a package of {size:.0f} MiB of records",
                peak,
                "MiB",
                "the same process before unpacking",
                idle,
                "under 250 MiB",
                peak < 250,
            )
        print(
            "unpack verifies the signature, every hash and record, then applies in one "
            "transaction; the floors only copy bytes or load rows."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
