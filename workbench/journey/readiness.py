"""Where a portfolio stands: the readiness checklist, reminders and recent activity.

The checklist follows the parts of the portfolio's route (resources/routes.json):
each part becomes one or more items, each either done or with a one-line reason
and the place (a view key) where it is fixed. The Overview and the
``readiness`` command both show this, so a mentor can check several portfolios.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workbench.evidence.coverage import criterion_counts
from workbench.exchange.signoff import latest_signoff
from workbench.frameworks.routes import Route, get_route
from workbench.journey.cpd import summary
from workbench.statement import comment_reading as comment_kinds
from workbench.statement.drafts import working_text
from workbench.statement.open_comments import open_comments_here  # the one rule of open
from workbench.statement.wordcount import count_for_route
from workbench.store.models import Comment, EvidenceItem, Portfolio, Rating, Snapshot
from workbench.store.roles import MENTOR

# The places a checklist item or reminder leads to (the views' keys).
MATRIX, EVIDENCE, STATEMENT, CPD, MENTORING = "matrix", "evidence", "statement", "cpd", "mentoring"
OVERVIEW = "overview"

# The evidence types that stand for the parts of the portfolio beside the evidence
# (compared without case, so "Annotated CV" and "cv" both count).
CV_TYPE, JOB_TYPE, LETTER_TYPE = "Annotated CV", "Annotated job description", "Letter of support"
CV_TYPES = {"annotated cv", "cv", "curriculum vitae"}
JOB_TYPES = {"annotated job description", "job description", "job_description"}
LETTER_TYPES = {"letter of support", "letter_of_support"}
LETTERS_NEEDED = 2
# Where a mentor signs off: the menu and action of ui/sharing/menu.py (a test compares them).
SIGN_OFF_STEP = "sign it off (Tools ▸ Sign off…)"


@dataclass(frozen=True)
class CheckItem:
    key: str
    title: str
    done: bool
    reason: str  # one line: what is missing, or what is in place, and the mentee's next step
    place: str
    mentor_reason: str = ""  # the same told to the mentor, where the wording differs

    def reason_for(self, role: str | None) -> str:
        return worded_for(role, self.reason, self.mentor_reason)


def worded_for(role: str | None, text: str, mentor_text: str) -> str:
    """What the person in ``role`` reads: a mentor is told what the candidate has still
    to do, and what is the mentor's own to do (``mentor_text``, where it differs)."""
    return mentor_text if role == MENTOR and mentor_text else text


@dataclass(frozen=True)
class Readiness:
    portfolio: str
    title: str
    route: str
    award: str
    mentee_title: str  # "Candidate", or "Member" in revalidation (Route.mentee_title)
    target_date: date | None
    today: date
    items: tuple[CheckItem, ...]

    @property
    def days_to_target(self) -> int | None:
        return (self.target_date - self.today).days if self.target_date else None

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def ready(self) -> bool:
        return all(item.done for item in self.items)

    def item(self, key: str) -> CheckItem:
        return next(i for i in self.items if i.key == key)

    def as_json(self) -> dict:
        return {
            "portfolio": self.title,
            "route": self.route,
            "award": self.award,
            "target_date": self.target_date.isoformat() if self.target_date else None,
            "days_to_target": self.days_to_target,
            "ready": self.ready,
            "done": self.done_count,
            "total": len(self.items),
            "items": [
                {
                    "key": i.key,
                    "title": i.title,
                    "done": i.done,
                    "reason": i.reason,
                    "mentor_reason": i.reason_for(MENTOR),
                    "place": i.place,
                }
                for i in self.items
            ],
        }


def plural(count: int | float, word: str) -> str:
    return f"{count:g} {word}" + ("" if count == 1 else "s")


# The checklist ---------------------------------------------------------------------------


def readiness(portfolio: Portfolio, today: date | None = None) -> Readiness:
    today = today or date.today()
    route = get_route(portfolio.route)
    items: list[CheckItem] = []
    for part, name in route.parts:
        items.extend(_check_part(portfolio, route, part, name, today))
    items.append(check_open_comments(portfolio))
    return Readiness(
        portfolio=portfolio.uuid,
        title=portfolio.title,
        route=route.name,
        award=route.award,
        mentee_title=route.mentee_title,
        target_date=portfolio.target_date,
        today=today,
        items=tuple(items),
    )


def _check_part(portfolio, route: Route, part: str, name: str, today: date) -> list[CheckItem]:
    if part == "statement":
        return [check_statement(portfolio, route)]
    if part == "evidence":
        return check_evidence(portfolio, route)
    who = f"the {route.mentee_title.lower()}"  # as a mentor is told what is left
    if part == "pksb_start":
        return [check_pksb(portfolio, "start", name, who)]
    if part == "pksb_end":
        return [check_pksb(portfolio, "end", name, who)]
    if part == "cv":
        return [check_evidence_type(portfolio, part, name, CV_TYPES, CV_TYPE, who)]
    if part == "job_description":
        return [check_evidence_type(portfolio, part, name, JOB_TYPES, JOB_TYPE, who)]
    if part == "mentor_form":
        return [check_signoff(portfolio, name)]
    if part == "letters_of_support":
        return [check_letters(portfolio, name, who)]
    if part == "cpd_log":
        return [check_cpd(portfolio, name, today)]
    return [CheckItem(part, name, False, "Check this part by hand.", STATEMENT)]


def statement_text(portfolio: Portfolio) -> str:
    return working_text(portfolio)


def check_statement(portfolio: Portfolio, route: Route) -> CheckItem:
    title = f"Statement within {route.word_limit} words"
    text = statement_text(portfolio)
    count = count_for_route(text, route)
    if count.words == 0:
        return CheckItem("statement", title, False, "No statement written yet.", STATEMENT)
    if count.over:
        reason = f"{count.words} words: {count.over} over the {route.word_limit}-word limit."
        return CheckItem("statement", title, False, reason, STATEMENT)
    reason = f"{count.words} of {route.word_limit} words."
    return CheckItem("statement", title, True, reason, STATEMENT)


def check_evidence(portfolio: Portfolio, route: Route) -> list[CheckItem]:
    """One item per criterion: enough evidence items show it."""
    if route.min_evidence_per_criterion <= 0:
        return []

    counts = criterion_counts(portfolio)
    need = route.min_evidence_per_criterion
    items = []
    for criterion in route.criteria:
        count = counts.get(criterion.code, 0)
        title = f"Evidence for {criterion.code} {criterion.name}"
        key = f"evidence-{criterion.code}"
        if count >= need:
            reason = f"{plural(count, 'item')} show this criterion."
            items.append(CheckItem(key, title, True, reason, EVIDENCE))
            continue
        reason = f"{count} of {need} items show this criterion"
        items.append(
            CheckItem(key, title, False, f"{reason}; link more.", EVIDENCE, f"{reason} yet.")
        )
    return items


def check_pksb(portfolio: Portfolio, kind: str, name: str, who: str) -> CheckItem:
    found = (
        Snapshot.select()
        .where(Snapshot.portfolio == portfolio, Snapshot.kind == kind, ~Snapshot.deleted)
        .first()
    )
    key = f"pksb_{kind}"
    if found is not None:
        rated = _rated_skills(found)
        if rated:
            reason = f"{found.label}: {plural(rated, 'skill')} rated."
            return CheckItem(key, name, True, reason, MATRIX)
        return CheckItem(key, name, False, f"{found.label} has no skills rated yet.", MATRIX)
    if kind == "start":
        reason = "Rate the skills that matter to your role to take the start snapshot."
        told = f"No start snapshot yet: {who} rates the skills that matter to their role."
    else:
        reason = "Take the end snapshot once your development is done."
        told = f"No end snapshot yet: {who} takes it once their development is done."
    return CheckItem(key, name, False, reason, MATRIX, told)


def _rated_skills(snapshot: Snapshot) -> int:
    return (
        Rating.select()
        .where(
            Rating.snapshot == snapshot,
            Rating.relevant,
            Rating.current.is_null(False),
            ~Rating.deleted,
        )
        .count()
    )


def _items_of_type(portfolio: Portfolio, types: set[str]) -> list[EvidenceItem]:
    query = EvidenceItem.select(
        EvidenceItem.number, EvidenceItem.title, EvidenceItem.evidence_type
    ).where(EvidenceItem.portfolio == portfolio, ~EvidenceItem.deleted)
    return [item for item in query if item.evidence_type.strip().lower() in types]


def check_evidence_type(
    portfolio, key: str, name: str, types: set[str], what: str, who: str
) -> CheckItem:
    found = _items_of_type(portfolio, types)
    if found:
        reason = f"E{found[0].number} {found[0].title}."
        return CheckItem(key, name, True, reason, EVIDENCE)
    reason = f"Add it as evidence with the type '{what}'."
    told = f"{who.capitalize()} has not added it yet (as evidence of the type '{what}')."
    return CheckItem(key, name, False, reason, EVIDENCE, told)


def check_letters(portfolio: Portfolio, name: str, who: str) -> CheckItem:
    found = _items_of_type(portfolio, LETTER_TYPES)
    if len(found) >= LETTERS_NEEDED:
        return CheckItem("letters_of_support", name, True, "Both letters are attached.", EVIDENCE)
    attached = f"{len(found)} of {LETTERS_NEEDED} letters attached"
    reason = f"{attached}; add each as evidence of type '{LETTER_TYPE}' (one from your mentor)."
    told = f"{attached}. One of the two comes from you; {who} adds each as evidence."
    return CheckItem("letters_of_support", name, False, reason, EVIDENCE, told)


def check_signoff(portfolio: Portfolio, name: str) -> CheckItem:
    """The mentor signed off the latest version (its exact text), and the signature holds."""
    state = latest_signoff(portfolio)
    number, signed = state.version_number, state.check
    if number is None:
        reason = "Send a version of the statement for review; the mentor signs off the final one."
        told = "No version sent for review yet; you sign off the final one."
        return CheckItem("mentor_form", name, False, reason, STATEMENT, told)
    if signed is not None and signed.verified:  # named, as a portfolio may have two mentors
        reason = f"{signed.mentor} signed off version {number}."
        return CheckItem("mentor_form", name, True, reason, STATEMENT)
    if signed is not None:
        reason = (
            f"{signed.mentor}'s sign-off of version {number} cannot be trusted: {signed.reason}."
        )
        told = f"{reason} Read version {number}, then {SIGN_OFF_STEP} again."
    elif state.signed_older:
        reason = f"Version {number} is newer than the version the mentor signed off."
        told = (
            f"Version {number} is newer than the version signed off: read it, then {SIGN_OFF_STEP}."
        )
    else:
        reason = f"{state.mentor} has not signed off yet (latest is version {number})."
        told = (
            f"Not signed off yet. When the final version is in (the latest is version "
            f"{number}), read it, then {SIGN_OFF_STEP}."
        )
    return CheckItem("mentor_form", name, False, reason, STATEMENT, told)


def check_cpd(portfolio: Portfolio, name: str, today: date) -> CheckItem:
    facts = summary(portfolio, today)
    required = facts.required or 0
    if facts.met:
        reason = f"{facts.hours:g} hours in the last 12 months (of {required:g})."
        return CheckItem("cpd_log", name, True, reason, CPD)
    reason = (
        f"{facts.hours:g} of {required:g} hours in the last 12 months; {facts.remaining:g} to go."
    )
    return CheckItem("cpd_log", name, False, reason, CPD)


# Where the open comments on each kind of target are answered, and how one and
# several of them are named.
COMMENT_PLACES = {
    comment_kinds.STATEMENT: (STATEMENT, "on the statement", "on the statement"),
    comment_kinds.SKILL: (MATRIX, "on a skill in the gap matrix", "on skills in the gap matrix"),
    comment_kinds.EVIDENCE: (EVIDENCE, "on an evidence item", "on evidence items"),
}


def check_open_comments(portfolio: Portfolio) -> CheckItem:
    """Open comments, named where they are; the item leads to where most of them are."""
    by_kind = open_comments_here(portfolio)
    count = sum(by_kind.values())
    title = "No open comments"
    if count:
        kinds = [kind for kind in COMMENT_PLACES if by_kind.get(kind)]
        places = [COMMENT_PLACES[kind][1 if by_kind[kind] == 1 else 2] for kind in kinds]
        if len(kinds) == 1:
            where = f" {places[0]}"
        else:
            where = ": " + ", ".join(
                f"{by_kind[k]} {p}" for k, p in zip(kinds, places, strict=True)
            )
        them = "it" if count == 1 else "them"
        reason = f"{plural(count, 'comment')} still open{where}; answer or resolve {them}."
        view = COMMENT_PLACES[max(kinds, key=by_kind.get)][0]
        return CheckItem("comments", title, False, reason, view)
    if not Comment.select().where(Comment.portfolio == portfolio, ~Comment.deleted).exists():
        return CheckItem("comments", title, True, "No comments yet.", STATEMENT)
    return CheckItem("comments", title, True, "Every comment is resolved.", STATEMENT)
