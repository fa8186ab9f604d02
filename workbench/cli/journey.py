"""The journey's headless commands: ``readiness``, ``cpd`` and ``meetings``.

``readiness`` takes several portfolio folders at once, so a mentor with a few
mentees sees where each stands in one run, worded for the reader's role there.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from workbench.cli.actors import cli_actor, reader_role
from workbench.journey.agreement import agreement_status
from workbench.journey.cpd import activities, summary
from workbench.journey.cpd_csv import csv_text, export_csv, import_csv
from workbench.journey.mentoring import meetings
from workbench.journey.readiness import readiness
from workbench.store.portfolios import open_portfolio
from workbench.store.roles import MENTOR

COMMANDS = ("readiness", "cpd", "meetings")


def _print_json(data) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    print()


def cmd_readiness(args) -> int:
    results, roles = [], []
    for folder in args.portfolio:
        with open_portfolio(folder, holder="readiness command") as opened:
            results.append(readiness(opened.portfolio))
            roles.append(reader_role(opened.portfolio))  # the text is worded for it
    if args.format == "json":
        data = [r.as_json() for r in results]
        _print_json(data[0] if len(data) == 1 else data)
        return 0
    for index, (result, role) in enumerate(zip(results, roles, strict=True)):
        if index:
            print()
        print(readiness_text(result, role))
    return 0


def readiness_text(result, role: str | None = None) -> str:
    days = result.days_to_target
    when = "no target date"
    if days is not None:
        when = f"{days} days to the target date" if days >= 0 else f"{-days} days past the target"
    award = "" if result.award == "any" else f", {result.award}"
    lines = [
        f"{result.title} ({result.route}{award}): "
        f"{result.done_count} of {len(result.items)} done; {when}"
    ]
    lines.extend(checklist_line(item, role) for item in result.items)
    return "\n".join(lines)


def checklist_line(item, role: str | None) -> str:
    """One checklist item as the commands print it, worded for the reader's role."""
    mark = "[x]" if item.done else "[ ]"
    where = "" if item.done else f"  ({'see' if role == MENTOR else 'fix in'}: {item.place})"
    return f"  {mark} {item.title}: {item.reason_for(role)}{where}"


def cmd_cpd(args) -> int:
    with open_portfolio(args.portfolio, holder="cpd command") as opened:
        portfolio = opened.portfolio
        if args.import_file:
            actor = cli_actor(portfolio, args.acting_as)
            result = import_csv(portfolio, actor, args.import_file)
            print(f"Imported {result.added} activities ({result.skipped} already in the log).")
        if args.export_file:
            path = export_csv(portfolio, args.export_file)
            print(f"Wrote the CPD log to {path}")
        if args.import_file or args.export_file:
            return 0
        facts = summary(portfolio)
        rows = activities(portfolio)
        text = csv_text(portfolio) if args.format == "csv" else ""
    if args.format == "csv":
        sys.stdout.write(text.replace("\r\n", "\n"))
    elif args.format == "json":
        _print_json({"summary": _summary_json(facts), "activities": [vars(r) for r in rows]})
    else:
        print(_summary_line(facts))
        for row in rows:
            flag = " (participatory)" if row.participatory else ""
            kind = f"{row.activity_type:<12}"
            print(f"  {row.activity_date}  {row.hours:>5g} h  {kind} {row.title}{flag}")
    return 0


def _summary_line(facts) -> str:
    target = f" of {facts.required:g}" if facts.required else ""
    return (
        f"{facts.hours:g}{target} hours in the 12 months from {facts.window_start} to "
        f"{facts.as_of} ({facts.participatory_hours:g} participatory, "
        f"{facts.activities} activities)"
    )


def _summary_json(facts) -> dict:
    return {
        "from": facts.window_start.isoformat(),
        "to": facts.as_of.isoformat(),
        "hours": facts.hours,
        "participatory_hours": facts.participatory_hours,
        "required": facts.required,
        "remaining": facts.remaining,
        "met": facts.met,
    }


def cmd_meetings(args) -> int:
    today = date.today()
    with open_portfolio(args.portfolio, holder="meetings command") as opened:
        status = agreement_status(opened.portfolio)
        rows = meetings(opened.portfolio)
    if args.format == "json":
        _print_json(
            {
                "agreement": {
                    "text": status.text,
                    "author": status.author_name,
                    "agreed": status.agreed,
                    "waiting_for": list(status.waiting_for),
                },
                "meetings": [{**vars(m), "actions": [vars(a) for a in m.actions]} for m in rows],
            }
        )
        return 0
    if status.exists:
        state = (
            "agreed by both" if status.agreed else f"waiting for {', '.join(status.waiting_for)}"
        )
        print(f"Agreement by {status.author_name}: {state}")
    else:
        print("No mentoring agreement yet")
    for meeting in rows:
        mode = meeting.mode or "Meeting"
        print(f"\n{meeting.meeting_date}  {mode} (notes by {meeting.author_name})")
        if meeting.notes:
            print(f"  {meeting.notes}")
        for action in meeting.actions:
            mark = "[x]" if action.done else ("[!]" if action.overdue(today) else "[ ]")
            due = f", due {action.due_date}" if action.due_date else ""
            print(f"  {mark} {action.text} ({action.owner_name}{due})")
    return 0


def add_parsers(sub) -> None:
    readiness = sub.add_parser(
        "readiness", help="print the readiness checklist of one or more portfolios"
    )
    readiness.add_argument(
        "--portfolio", required=True, type=Path, nargs="+", action="extend", metavar="DIR"
    )
    readiness.add_argument("--format", choices=("text", "json"), default="text")
    readiness.set_defaults(handler=cmd_readiness)

    cpd = sub.add_parser("cpd", help="print the CPD log, or import or export it as CSV")
    cpd.add_argument("--portfolio", required=True, type=Path)
    cpd.add_argument("--format", choices=("text", "csv", "json"), default="text")
    cpd.add_argument("--import", dest="import_file", type=Path, metavar="CSV")
    cpd.add_argument("--export", dest="export_file", type=Path, metavar="CSV")
    cpd.add_argument("--as", dest="acting_as", help="the member importing (default: you)")
    cpd.set_defaults(handler=cmd_cpd)

    meetings = sub.add_parser("meetings", help="print the mentoring agreement and meetings log")
    meetings.add_argument("--portfolio", required=True, type=Path)
    meetings.add_argument("--format", choices=("text", "json"), default="text")
    meetings.set_defaults(handler=cmd_meetings)
