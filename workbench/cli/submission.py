"""The ``submission`` command: the folder (or zip) to upload, and with ``--pdf`` one PDF.

The readiness check is printed first (what is still missing); the bundle is
made anyway, since a candidate may upload a draft for their mentor to read.
"""

from __future__ import annotations

from pathlib import Path

from workbench.cli.actors import reader_role
from workbench.cli.journey import checklist_line
from workbench.store.portfolios import open_portfolio
from workbench.submission.bundle import build_bundle, check_target
from workbench.submission.plan import gather_plan


def cmd_submission(args) -> int:
    check_target(args.out, args.replace)
    with open_portfolio(args.portfolio, holder="submission command") as opened:
        plan = gather_plan(opened)
        if plan.missing:
            print(f"Not ready yet ({len(plan.missing)} to do):")
            role = reader_role(opened.portfolio)
            for item in plan.missing:
                print(checklist_line(item, role))
        result = build_bundle(plan, args.out, pdf=args.pdf, replace=args.replace)
    for line in result.summary():
        print(line)
    return 0


def add_parsers(sub) -> None:
    command = sub.add_parser(
        "submission", help="write the folder or zip to upload (statement, PKSB, evidence)"
    )
    command.add_argument("--portfolio", required=True, type=Path)
    command.add_argument(
        "--out", required=True, type=Path, help="a new folder, or a file ending in .zip"
    )
    command.add_argument("--pdf", action="store_true", help="add the whole portfolio as one PDF")
    command.add_argument("--replace", action="store_true", help="replace --out if it exists")
    command.set_defaults(handler=cmd_submission)
