"""Headless commands on the same core as the GUI: ``python main.py COMMAND …``.

Each command is a function ``cmd_<name>(args) -> int`` registered in
``build_parser``. Errors print one line on stderr and exit non-zero.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path

from workbench.cli.actors import cli_actor, own_identity
from workbench.cli.exchange import add_parsers as add_exchange_parsers
from workbench.cli.journey import add_parsers as add_journey_parsers
from workbench.cli.submission import add_parsers as add_submission_parsers
from workbench.errors import ValidationError, WorkbenchError
from workbench.evidence.files import check_integrity
from workbench.frameworks.formats import read_framework
from workbench.frameworks.library import builtin_framework, save_to_library
from workbench.matrix.ratings import latest_snapshot, matrix_rows
from workbench.sample.build import build_demo, build_revalidation_demo
from workbench.statement.comment_reading import all_comments
from workbench.store.db import PortfolioFolder, list_backups, require_portfolio
from workbench.store.identity import create_identity
from workbench.store.portfolios import (
    create_portfolio,
    open_portfolio,
    restore_from_backup,
)


def cmd_new(args) -> int:
    """A new portfolio of this computer's user, as the new-portfolio wizard makes it."""

    if not args.mentor.strip():
        raise ValidationError('Name your mentor with --mentor "Their Name".')
    start, target = _date(args.start, "--start"), _date(args.target, "--target")
    identity = create_identity(args.name) if args.name else own_identity()
    with create_portfolio(
        args.portfolio,
        identity,
        route=args.route,
        title=args.title,
        mentor_name=args.mentor,
        start_date=start,
        target_date=target,
        framework=builtin_framework(),
    ) as opened:
        title, root = opened.portfolio.title, opened.root
    print(f"Created '{title}' in {root}: {identity.name} (mentee), mentor {args.mentor.strip()}.")
    return 0


def _date(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{option} '{text}' is not a date; write it as YYYY-MM-DD.") from None


def cmd_demo(args) -> int:
    build = build_revalidation_demo if args.route == "revalidation" else build_demo
    with build(args.portfolio) as opened:
        print(f"Sample portfolio written to {opened.root}")
    return 0


def cmd_matrix(args) -> int:
    with open_portfolio(args.portfolio, holder="matrix command") as opened:
        snapshot = latest_snapshot(opened.portfolio)
        rows = matrix_rows(snapshot) if snapshot else []
    fields = ("code", "name", "area", "current", "target", "gap", "relevant")
    records = [
        dict(
            zip(
                fields,
                (r.code, r.name, r.area_name, r.current, r.target, r.gap, r.relevant),
                strict=True,
            )
        )
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
    spec = read_framework(args.file)
    target = save_to_library(spec)
    print(f"Imported '{spec.name}': {len(spec.areas)} areas, {spec.skill_count} skills -> {target}")
    for warning in spec.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def cmd_check(args) -> int:
    with open_portfolio(args.portfolio, holder="check command") as opened:
        report = check_integrity(opened, fix=args.fix)
    for path in opened.cleaned:  # removed on opening: a killed process had left them
        print(f"fixed: removed {path}, left over from work that was interrupted")
    for line in report.fixed:
        print(f"fixed: {line}")
    for problem in report.problems:
        print(f"problem: {problem.message}")
    print(report.summary())
    return 0 if report.ok else 1


def cmd_comments(args) -> int:
    with open_portfolio(args.portfolio, holder="comments command") as opened:
        views = all_comments(opened.portfolio)
    records = [
        {
            "uuid": v.uuid,
            "author": v.author_name,
            "state": v.state,
            "target": v.target_kind,
            "target_uuid": v.target_uuid,
            "made_on_version": v.origin_number,
            "version": v.version_number,
            "start": v.start,
            "end": v.end,
            "anchored_text": None if v.detached else v.quote,
            "original_quote": v.original_quote,
            "text": v.text,
            "resolved_by": v.state_by if v.resolved else "",
            "reason": v.reason,
            "replies": [{"author": r.author_name, "text": r.text} for r in v.replies],
        }
        for v in views
    ]
    if args.format == "json":
        json.dump({"comments": records}, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        for r in records:
            where = f"v{r['version']}" if r["version"] else r["target"]
            quote = r["anchored_text"] or r["original_quote"]
            on = f"  <<{quote}>>" if quote else ""
            print(f"[{r['state']}] {where} {r['author']}: {r['text']}{on}")
    return 0


def cmd_export(args) -> int:
    # python-docx loads only for the Word commands.
    from workbench.word.export import ExportOptions, export_docx, export_warnings
    from workbench.word.gather import gather_content

    options = ExportOptions(
        word_count=not args.no_count,
        evidence=not args.no_evidence,
        pksb=not args.no_pksb,
        resolved=args.with_resolved,
    )
    with open_portfolio(args.portfolio, holder="export command") as opened:
        content = gather_content(opened.portfolio, args.kind)
    for warning in export_warnings(content, args.kind, options):
        print(f"warning: {warning}", file=sys.stderr)
    path = export_docx(content, args.out, args.kind, options)
    print(f"Wrote the {args.kind} copy to {path}")
    return 0


def cmd_import_docx(args) -> int:
    from workbench.word.review import apply_review, preview_review  # python-docx: Word only

    with open_portfolio(args.portfolio, holder="import-docx command") as opened:
        actor = cli_actor(opened.portfolio, args.acting_as)
        preview = preview_review(
            opened.portfolio, actor, args.file, as_version=args.as_version, tracked=args.tracked
        )
        print(preview.summary())
        for item in preview.comments:
            status = "already here" if item.duplicate_of else item.placement
            status += ", to resolve" if item.resolve else ""
            who = item.word.author + (" (the mentor)" if item.mentor else "")
            print(f"  [{status}] {who}: {item.word.text!r} on {item.quote!r}")
        for item in preview.outside:
            print(f"  [outside] {item.word.author}: {item.word.text!r} {item.word.outside}")
        for change in preview.changes:
            print(f"  [tracked {change.kind}] {change.author}: {change.text!r}")
        for warning in preview.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if preview.text_differs and not args.as_version:
            print(
                "hint: add --as-version to take the file's text as a new version", file=sys.stderr
            )
        if args.dry_run:
            return 0
        result = apply_review(opened.portfolio, actor, preview)
    print(result.summary(args.file.name))
    return 0


def cmd_backups(args) -> int:
    require_portfolio(args.portfolio)
    for path in list_backups(PortfolioFolder(args.portfolio)):
        print(f"{path.name}\t{path.stat().st_size} bytes")
    return 0


def cmd_restore(args) -> int:
    used = restore_from_backup(args.portfolio, args.backup, holder="restore command")
    print(f"Restored {args.portfolio} from {used.name}; the replaced file is kept in backups/.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description="Mentoring workbench commands")
    sub = parser.add_subparsers(dest="command", required=True)

    new = sub.add_parser("new", help="start a new portfolio of your own, as its mentee")
    new.add_argument("--portfolio", required=True, type=Path, help="a new or empty folder")
    new.add_argument("--route", required=True, help="chartership, certification, …")
    new.add_argument("--mentor", required=True, help="your mentor's name")
    new.add_argument("--title", default="", help="default: from the route and your name")
    new.add_argument("--start", help="start date, YYYY-MM-DD (default: today)")
    new.add_argument("--target", help="target submission date, YYYY-MM-DD")
    new.add_argument("--name", help="make your identity with this name on first use")
    new.set_defaults(handler=cmd_new)

    demo = sub.add_parser("demo", help="write the sample portfolio into a folder")
    demo.add_argument("--portfolio", required=True, type=Path)
    demo.add_argument("--route", choices=("chartership", "revalidation"), default="chartership")
    demo.set_defaults(handler=cmd_demo)

    matrix = sub.add_parser("matrix", help="print the latest snapshot of the gap matrix")
    matrix.add_argument("--portfolio", required=True, type=Path)
    matrix.add_argument("--format", choices=("csv", "json"), default="csv")
    matrix.set_defaults(handler=cmd_matrix)

    framework = sub.add_parser("import-framework", help="add a framework file to your library")
    framework.add_argument("file", type=Path)
    framework.set_defaults(handler=cmd_import_framework)

    check = sub.add_parser("check", help="check that every stored evidence file is intact")
    check.add_argument("--portfolio", required=True, type=Path)
    check.add_argument("--fix", action="store_true", help="remove unused and left-over files")
    check.set_defaults(handler=cmd_check)
    comments = sub.add_parser("comments", help="list every comment and where it is anchored")
    comments.add_argument("--portfolio", required=True, type=Path)
    comments.add_argument("--format", choices=("text", "json"), default="text")
    comments.set_defaults(handler=cmd_comments)

    export = sub.add_parser("export", help="write the statement to a Word file")
    export.add_argument("--portfolio", required=True, type=Path)
    export.add_argument("--kind", choices=("submission", "review"), default="submission")
    export.add_argument("--out", required=True, type=Path)
    export.add_argument("--no-count", action="store_true", help="leave out the word count")
    export.add_argument("--no-evidence", action="store_true", help="leave out the evidence")
    export.add_argument("--no-pksb", action="store_true", help="leave out the PKSB table")
    export.add_argument(
        "--with-resolved",
        action="store_true",
        help="a review copy also carries the resolved comments, marked resolved",
    )
    export.set_defaults(handler=cmd_export)

    docx_in = sub.add_parser("import-docx", help="bring in the comments of a reviewed Word file")
    docx_in.add_argument("--portfolio", required=True, type=Path)
    docx_in.add_argument("file", type=Path)
    docx_in.add_argument(
        "--as-version", action="store_true", help="first take the file's text as a new version"
    )
    docx_in.add_argument(
        "--tracked",
        choices=("accept", "reject", "keep"),
        default="accept",
        help="the file's tracked changes, with --as-version: accept them, reject them, or keep "
        "the statement's text and bring in the comments only (default: accept)",
    )
    docx_in.add_argument("--as", dest="acting_as", help="the member importing (default: you)")
    docx_in.add_argument("--dry-run", action="store_true", help="show the preview only")
    docx_in.set_defaults(handler=cmd_import_docx)

    backups = sub.add_parser("backups", help="list a portfolio's backup copies, newest first")
    backups.add_argument("--portfolio", required=True, type=Path)
    backups.set_defaults(handler=cmd_backups)
    restore = sub.add_parser("restore", help="put a backup copy in place of the database")
    restore.add_argument("--portfolio", required=True, type=Path)
    restore.add_argument("--backup", type=Path, help="the copy to restore (default: the latest)")
    restore.set_defaults(handler=cmd_restore)

    add_exchange_parsers(sub)

    add_journey_parsers(sub)
    add_submission_parsers(sub)
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
