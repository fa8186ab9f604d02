"""What a package brought, told in the users' words (pure functions, no database).

``tally`` turns the records a package applied into counts of things a person
cares about ("a comment on version 2", "a rating"); ``sentences`` turns the
counts into lines such as "3 new comments from Ruth Adebayo on version 2".
Background records (framework rows, people, memberships, links between
records) and deleted records (tombstones) are not told.
"""

from __future__ import annotations

from collections import Counter

# Records that are background: they travel, but nobody needs to hear about them.
QUIET = {"framework", "area", "skill", "person", "membership", "cpd_link", "comment_placement"}


def tally(applied: list[tuple[str, dict, bool]], version_numbers: dict[str, int]) -> Counter:
    """Count what arrived: ``applied`` holds (table, record, is_new) for each record
    taken from the package; ``version_numbers`` maps version uuids to their numbers."""
    counts: Counter = Counter()
    for table, row, is_new in applied:
        if table in QUIET or row.get("deleted"):
            continue
        key = _key(table, row, is_new, version_numbers)
        if key is not None:
            counts[key] += 1
    return counts


def _key(table: str, row: dict, is_new: bool, numbers: dict[str, int]) -> tuple | None:
    if table == "statement_version":
        return ("version", row.get("number")) if is_new else None
    if table == "comment":
        kind = "reply" if row.get("parent") else "comment"
        return (kind if is_new else "comment_edited", numbers.get(row.get("version") or ""))
    if table == "comment_state":
        return ("resolved" if row.get("state") == "resolved" else "reopened",)
    if table == "action_state":
        return ("action_done" if row.get("done") else "action_undone",)
    if table == "sign_off":
        return ("sign_off", numbers.get(row.get("version") or ""))
    if table in ("rating", "mentor_rating"):
        return (table, row.get("skill"))
    return (table, is_new)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def sentences(counts: Counter, sender: str) -> list[str]:
    """Plain sentences for ``counts`` (from ``tally``), the sender named as ``sender``."""
    out: list[str] = []
    out += _statement_lines(counts)
    out += _comment_lines(counts, sender)
    out += _rating_lines(counts, sender)
    out += _journey_lines(counts, sender)
    return out


def _statement_lines(counts: Counter) -> list[str]:
    numbers = sorted(k[1] for k in counts if k[0] == "version" and k[1] is not None)
    if len(numbers) == 1:
        return [f"Version {numbers[0]} of the statement arrived."]
    if numbers:
        listed = ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"
        return [f"Versions {listed} of the statement arrived."]
    return []


def _on_version(number: int | None) -> str:
    return f" on version {number}" if number is not None else ""


def _comment_lines(counts: Counter, sender: str) -> list[str]:
    out = []
    words = {
        "comment": ("new comment", "new comments"),
        "reply": ("reply", "replies"),
        "comment_edited": ("edited comment", "edited comments"),
    }
    for kind, (one, many) in words.items():
        by_version = sorted(
            ((k[1], n) for k, n in counts.items() if k[0] == kind),
            key=lambda pair: (pair[0] is None, pair[0] or 0),
        )
        for number, n in by_version:
            out.append(f"{_plural(n, one, many)} from {sender}{_on_version(number)}.")
    if counts[("resolved",)]:
        out.append(f"{sender} resolved {_plural(counts[('resolved',)], 'comment', 'comments')}.")
    if counts[("reopened",)]:
        out.append(f"{sender} reopened {_plural(counts[('reopened',)], 'comment', 'comments')}.")
    for key in counts:
        if key[0] == "sign_off":
            out.append(f"{sender} signed off the statement{_on_version(key[1])}.")
    return out


def _rating_lines(counts: Counter, sender: str) -> list[str]:
    out = []
    for table, tail in (("rating", ""), ("mentor_rating", " from the mentor's view")):
        skills = sum(1 for k in counts if k[0] == table)
        if skills:
            out.append(f"{sender} rated {_plural(skills, 'skill', 'skills')}{tail}.")
    return out


# (table, new or changed) → the sentence for one and for many ({n} the count, {s} the sender).
JOURNEY = {
    ("snapshot", True): ("{s} started a new PKSB snapshot.", "{s} started {n} new PKSB snapshots."),
    ("area_comment", True): (
        "{s} wrote how they will show learning in 1 area.",
        "{s} wrote how they will show learning in {n} areas.",
    ),
    ("area_comment", False): (
        "{s} changed what they wrote for 1 area.",
        "{s} changed what they wrote for {n} areas.",
    ),
    ("evidence_item", True): ("1 new evidence item from {s}.", "{n} new evidence items from {s}."),
    ("evidence_item", False): ("{s} updated 1 evidence item.", "{s} updated {n} evidence items."),
    ("evidence_link", True): (
        "{s} linked evidence to a skill or criterion.",
        "{s} linked evidence to skills or criteria {n} times.",
    ),
    ("cpd_activity", True): ("1 new CPD activity from {s}.", "{n} new CPD activities from {s}."),
    ("cpd_activity", False): ("{s} updated 1 CPD activity.", "{s} updated {n} CPD activities."),
    ("meeting", True): ("{s} logged a meeting.", "{s} logged {n} meetings."),
    ("meeting", False): (
        "{s} updated the notes of a meeting.",
        "{s} updated the notes of {n} meetings.",
    ),
    ("meeting_action", True): (
        "1 new meeting action from {s}.",
        "{n} new meeting actions from {s}.",
    ),
    ("meeting_action", False): (
        "{s} changed 1 meeting action.",
        "{s} changed {n} meeting actions.",
    ),
    ("action_done",): ("{s} ticked 1 meeting action done.", "{s} ticked {n} meeting actions done."),
    ("action_undone",): (
        "{s} marked 1 meeting action not done again.",
        "{s} marked {n} meeting actions not done again.",
    ),
    ("agreement", True): (
        "{s} wrote the mentoring agreement.",
        "{s} wrote the mentoring agreement.",
    ),
    ("agreement", False): (
        "{s} changed the mentoring agreement.",
        "{s} changed the mentoring agreement.",
    ),
    ("agreement_consent", True): (
        "{s} confirmed the mentoring agreement.",
        "{s} confirmed the mentoring agreement.",
    ),
    ("portfolio", False): (
        "{s} updated the portfolio's details.",
        "{s} updated the portfolio's details.",
    ),
}


def _journey_lines(counts: Counter, sender: str) -> list[str]:
    out = []
    for key, (one, many) in JOURNEY.items():
        n = counts[key]
        if n:
            out.append((one if n == 1 else many).format(n=n, s=sender))
    return out
