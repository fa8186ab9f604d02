"""What goes into the submission, gathered from the portfolio as plain data.

This part reads the database, so it runs where the portfolio is open (the GUI
thread or the command); writing the bundle then needs only this data and the
stored files. The checklist is the readiness check's own (one rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from workbench.evidence import blobs
from workbench.evidence.library import evidence_items
from workbench.exchange.signoff import SignOffCheck, latest_signoff
from workbench.journey.readiness import (
    CV_TYPES,
    JOB_TYPES,
    LETTER_TYPES,
    CheckItem,
    readiness,
)
from workbench.statement import markdown
from workbench.word.export import SUBMISSION, ExportContent
from workbench.word.gather import gather_content

# What part of the submission an item stands for (beside being evidence).
EVIDENCE, CV, JOB, LETTER = "evidence", "cv", "job", "letter"
STATEMENT_SECTION = "Statement"  # where a citation sits before any heading


@dataclass(frozen=True)
class PlanItem:
    """One evidence item as the submission shows it."""

    number: int
    title: str
    kind: str  # "file", "note" or "link"
    evidence_type: str
    item_date: date | None
    criteria: tuple[str, ...]  # "PP Personal performance"
    skills: tuple[str, ...]  # "4.1 Information literacy"
    description: str
    reflection: str
    url: str
    source_name: str
    size: int
    blob: Path | None  # the stored file (which may be missing)
    blob_sha: str | None
    cited_in: tuple[str, ...]  # the statement's sections that cite it, in order
    part: str = EVIDENCE

    @property
    def label(self) -> str:
        return f"E{self.number}"


@dataclass(frozen=True)
class SubmissionPlan:
    title: str
    candidate: str
    route: str
    when: date
    content: ExportContent  # the statement, PKSB and evidence rows of the Word export
    items: tuple[PlanItem, ...]
    missing: tuple[CheckItem, ...]  # the readiness items not done, in the checklist's order
    signoff: SignOffCheck | None = None

    @property
    def ready(self) -> bool:
        return not self.missing


def gather_plan(opened, today: date | None = None) -> SubmissionPlan:
    """Everything the bundle needs from the open portfolio (``OpenPortfolio``)."""
    portfolio = opened.portfolio
    content = gather_content(portfolio, SUBMISSION, today)
    shown = {row.number: row for row in content.evidence}
    cited = cited_sections(content.statement)
    items = []
    for row in evidence_items(portfolio):
        export_row = shown.get(row.number)
        items.append(
            PlanItem(
                number=row.number,
                title=row.title,
                kind=row.kind,
                evidence_type=row.evidence_type,
                item_date=row.item_date,
                criteria=tuple(export_row.criteria) if export_row else row.criteria,
                skills=tuple(export_row.skills) if export_row else row.skills,
                description=row.description,
                reflection=row.reflection,
                url=row.url,
                source_name=row.source_name,
                size=row.size,
                blob=blobs.blob_path(opened.root, row.blob_sha) if row.blob_sha else None,
                blob_sha=row.blob_sha,
                cited_in=tuple(cited.get(row.number, ())),
                part=part_of(row.evidence_type),
            )
        )
    checklist = readiness(portfolio, today)
    return SubmissionPlan(
        title=content.title,
        candidate=content.candidate,
        route=content.route,
        when=content.when,
        content=content,
        items=tuple(items),
        missing=tuple(item for item in checklist.items if not item.done),
        signoff=verified_signoff(portfolio),
    )


def part_of(evidence_type: str) -> str:
    """CV, job description or letter by the readiness check's own types."""
    kind = (evidence_type or "").strip().lower()
    for part, types in ((CV, CV_TYPES), (JOB, JOB_TYPES), (LETTER, LETTER_TYPES)):
        if kind in types:
            return part
    return EVIDENCE


def cited_sections(statement: str) -> dict[int, list[str]]:
    """For each cited number, the headings of the sections that cite it (in order)."""
    found: dict[int, list[str]] = {}
    section = STATEMENT_SECTION
    for block in markdown.parse(statement):
        if block.kind in (markdown.HEADING1, markdown.HEADING2):
            section = block.text.strip() or STATEMENT_SECTION
            continue
        for span in block.spans:
            if span.citation is not None:
                sections = found.setdefault(span.citation, [])
                if section not in sections:
                    sections.append(section)
    return found


def verified_signoff(portfolio) -> SignOffCheck | None:
    """The mentor's sign-off of the latest version, when it verifies (the checklist's rule)."""
    signed = latest_signoff(portfolio).check
    return signed if signed is not None and signed.verified else None
