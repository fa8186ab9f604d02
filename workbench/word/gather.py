"""Gathering what a Word export shows from the portfolio, as plain ``ExportContent``.

A submission shows the statement as the mentee has it now (the working copy);
a review copy shows the latest version sent for review, with the comments that
are open on it, so the comments a mentor adds in Word can be matched back to
that version.
"""

from __future__ import annotations

from datetime import date

from workbench.errors import DocxError
from workbench.evidence import library as evidence
from workbench.frameworks.routes import Route, get_route
from workbench.matrix.comparison import compare
from workbench.matrix.ratings import area_comments, framework_skills, snapshots
from workbench.statement import comment_reading, drafts, wordcount
from workbench.store.models import Area, Portfolio
from workbench.word.comments_xml import ExportComment, ExportReply
from workbench.word.export import REVIEW, EvidenceRow, ExportContent, PksbRow
from workbench.word.pksb import AreaNote


def initials(name: str) -> str:
    return "".join(part[0] for part in name.split() if part[:1].isalpha()).upper()[:4]


def route_title(route: Route) -> str:
    return route.name if route.award in ("", "any") else f"{route.name} ({route.award})"


def count_note(route: Route) -> str:
    rules = route.count_rules
    left_out = [
        what
        for what, excluded in (
            ("headings", rules.exclude_headings),
            ("evidence references", rules.exclude_citations),
            ("quotations", rules.exclude_quotations),
        )
        if excluded
    ]
    if not left_out:
        return "every word counted"
    joined = ", ".join(left_out[:-1]) + (" and " if len(left_out) > 1 else "") + left_out[-1]
    return f"{joined} not counted"


def gather_content(portfolio: Portfolio, kind: str, today: date | None = None) -> ExportContent:
    route = get_route(portfolio.route)
    latest = drafts.latest_version(portfolio)
    if kind == REVIEW:
        if latest is None:
            raise DocxError(
                "There is no version to review yet: send the statement for review first."
            )
        text = latest.text
    else:
        text = drafts.working_text(portfolio)
    count = wordcount.count_for_route(text, route)
    before, after, rows, notes = _pksb(portfolio)
    content = ExportContent(
        title=portfolio.title,
        candidate=portfolio.candidate.name,
        route=route_title(route),
        when=today or date.today(),
        statement=text,
        word_count=count.words,
        word_limit=route.word_limit,
        count_note=count_note(route),
        evidence=_evidence(portfolio, route),
        pksb=rows,
        pksb_start_label=before,
        pksb_end_label=after,
        area_notes=notes,
        comments=_comments(latest) if latest else [],
        portfolio_uuid=portfolio.uuid,
    )
    if kind == REVIEW:
        content.version_uuid = latest.uuid
        content.version_label = f"Version {latest.number}"
        content.unsent_changes = drafts.working_text(portfolio) != latest.text
    return content


def _evidence(portfolio: Portfolio, route: Route) -> list[EvidenceRow]:
    names = {skill.code: skill.name for skill in framework_skills(portfolio)}
    criteria = {c.code: f"{c.code} {c.name}" for c in route.criteria}
    return [
        EvidenceRow(
            number=row.number,
            title=row.title,
            item_date=row.item_date,
            criteria=[criteria.get(code, code) for code in row.criteria],
            skills=[f"{code} {names.get(code, '')}".strip() for code in row.skills],
            description=row.description,
        )
        for row in evidence.evidence_items(portfolio)
    ]


def _pksb(portfolio: Portfolio) -> tuple[str, str, list[PksbRow], list[AreaNote]]:
    taken = snapshots(portfolio)
    if not taken:
        return "Start", "End", [], []
    first = next((s for s in taken if s.kind == "start"), taken[0])
    last = next((s for s in taken if s.kind == "end"), taken[-1])
    after = "End" if last.kind == "end" else f"Latest ({last.label})"
    if last.uuid == first.uuid:
        after = "Now"
    rows = [
        PksbRow(
            code=row.code,
            name=row.name,
            area=row.area_name,
            start=row.before_current,
            end=row.after_current,
            target=row.after_target,
        )
        for row in compare(first, last)
    ]
    return f"Start ({first.taken_on:%b %Y})", after, rows, _area_notes(last, rows)


def _area_notes(snapshot, rows: list[PksbRow]) -> list[AreaNote]:
    """The comment of each area that has a chosen skill, in the table's order."""
    texts = area_comments(snapshot)
    names = Area.select(Area.uuid, Area.name).where(Area.uuid.in_(list(texts)))
    written = {area.name: texts[area.uuid] for area in names}
    chosen = list(dict.fromkeys(row.area for row in rows))
    return [AreaNote(name, written.get(name, "")) for name in chosen]


def _comments(version) -> list[ExportComment]:
    """Every comment on the version with its replies; the writer leaves out the
    resolved ones unless asked (``ExportOptions.resolved``)."""
    return [
        ExportComment(
            start=None if view.detached else view.start,
            end=None if view.detached else view.end,
            author=view.author_name,
            initials=initials(view.author_name),
            when=view.word_date or view.created,
            text=view.text,
            quote=view.original_quote if view.detached else view.quote,
            replies=[
                ExportReply(
                    r.author_name, initials(r.author_name), r.word_date or r.created, r.text, r.uuid
                )
                for r in view.replies
            ],
            uuid=view.uuid,
            resolved=view.resolved,
        )
        for view in comment_reading.comments_for_version(version)
    ]
