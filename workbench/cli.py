"""Headless commands on the same core as the GUI: ``python main.py COMMAND …``.

Each command is a function ``cmd_<name>(args) -> int`` registered in
``build_parser``. Errors print one line on stderr and exit non-zero.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from .errors import WorkbenchError

COMMANDS = ("demo", "matrix", "import-framework")


def cmd_demo(args) -> int:
    from .demo import build_demo

    with build_demo(args.portfolio) as opened:
        print(f"Sample portfolio written to {opened.root}")
    return 0


def cmd_matrix(args) -> int:
    from .matrix import latest_snapshot, matrix_rows
    from .portfolios import open_portfolio

    with open_portfolio(args.portfolio, holder="matrix command") as opened:
        snapshot = latest_snapshot(opened.portfolio)
        rows = matrix_rows(snapshot) if snapshot else []
    fields = ("code", "name", "area", "current", "target", "gap", "relevant")
    records = [
        dict(zip(fields, (r.code, r.name, r.area_name, r.current, r.target, r.gap, r.relevant)))
        for r in rows
    ]
    if args.format == "json":
        label = snapshot.label if snapshot else None
        json.dump({"snapshot": label, "skills": records}, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    return 0


def cmd_import_framework(args) -> int:
    from .frameworks import read_framework, save_to_library

    spec = read_framework(args.file)
    target = save_to_library(spec)
    print(f"Imported '{spec.name}': {len(spec.areas)} areas, {spec.skill_count} skills -> {target}")
    for warning in spec.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description="Mentoring workbench commands")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="write the sample portfolio into a folder")
    demo.add_argument("--portfolio", required=True, type=Path)
    demo.set_defaults(handler=cmd_demo)

    matrix = sub.add_parser("matrix", help="print the latest snapshot of the gap matrix")
    matrix.add_argument("--portfolio", required=True, type=Path)
    matrix.add_argument("--format", choices=("csv", "json"), default="csv")
    matrix.set_defaults(handler=cmd_matrix)

    framework = sub.add_parser("import-framework", help="add a framework file to your library")
    framework.add_argument("file", type=Path)
    framework.set_defaults(handler=cmd_import_framework)
    return parser


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except WorkbenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc.filename or ''} {exc.strerror or exc}".strip(), file=sys.stderr)
        return 1


def main() -> int:
    """The console script ``workbench-cli``."""
    return run(sys.argv[1:])
