"""Sample data for the journey: CPD, the mentoring agreement, meetings and actions.

``build_journey`` adds them to the Chartership sample; ``build_revalidation``
writes a second sample, a Chartered member part-way through a year of CPD.
Dates are relative to ``today`` so the reminders always have something to say
(one overdue action, one due in a few days).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from workbench.evidence.library import add_note
from workbench.frameworks.library import builtin_framework, install_framework
from workbench.journey.agreement import confirm_agreement, save_agreement
from workbench.journey.cpd import (
    activities,
    add_activity,
    update_activity,
)
from workbench.journey.cpd_statement import statement_outline
from workbench.journey.mentoring import (
    add_action,
    add_meeting,
    add_meeting_comment,
    set_action_done,
)
from workbench.statement.drafts import save_working_copy
from workbench.store import db
from workbench.store.identity import Identity
from workbench.store.models import (
    ActionState,
    Agreement,
    AgreementConsent,
    Comment,
    CpdActivity,
    EvidenceItem,
    Meeting,
    MeetingAction,
    Person,
    new_uuid,
)
from workbench.store.portfolios import OpenPortfolio, create_portfolio, set_setting

# days ago, title, type, hours, participatory, skills, reflection
CHARTERSHIP_CPD = [
    (
        220,
        "Teaching Librarian online course, unit 1",
        "course",
        6,
        True,
        ("10.4",),
        "Planning a session around what students do, not what I say, changed my inductions.",
    ),
    (
        180,
        "Read: 'The Reflective Practitioner' (chapters 1-3)",
        "reading",
        3,
        False,
        (),
        "Gave me words for what reflection is: looking back in order to act differently.",
    ),
    (
        130,
        "Regional library group: digital skills meeting",
        "event",
        2.5,
        True,
        ("15.0",),
        "Heard how two other universities run drop-ins; borrowed their booking form.",
    ),
    (
        75,
        "Webinar: research data services for beginners",
        "webinar",
        1.5,
        True,
        ("5.0",),
        "I can now explain a data management plan to a researcher in plain words.",
    ),
    (
        40,
        "Staff wiki project: planning workshop",
        "work project",
        4,
        True,
        ("4.0",),
        "Running the workshop showed me how much of our know-how is in one person's head.",
    ),
    (
        12,
        "Read: CILIP Update, ethics special",
        "reading",
        1,
        False,
        ("1.0",),
        "The case studies match the researcher data requests I see at the desk.",
    ),
]

REVALIDATION_CPD = [
    (
        400,
        "Copyright for librarians course",
        "course",
        7,
        True,
        ("3.0",),
        "Outside the 12 months now: it still shapes how I answer copyright questions.",
    ),
    (
        340,
        "Cataloguing conference (two days)",
        "conference",
        6,
        True,
        ("8.0",),
        "Left with three changes for our local practice; two are done.",
    ),
    (
        300,
        "Mentoring a new Chartership candidate",
        "mentoring",
        3,
        True,
        ("11.0",),
        "Explaining the PKSB to someone else showed me where my own ratings were generous.",
    ),
    (
        250,
        "Read: report on public library funding",
        "reading",
        1.5,
        False,
        ("15.0",),
        "Helped me brief our manager on what the cuts elsewhere might mean for us.",
    ),
    (
        190,
        "Webinar: accessibility of e-resources",
        "webinar",
        1,
        True,
        ("14.0",),
        "We now test new databases with a screen reader before we buy them.",
    ),
    (
        120,
        "Work project: moving the catalogue to a new system",
        "work project",
        4,
        False,
        ("2.0", "14.0"),
        "Planning the data clean-up was the largest piece of work I led this year.",
    ),
    (
        60,
        "Local history group talk",
        "event",
        1.5,
        True,
        ("15.0",),
        "Gave a ten-minute talk on our digitised maps; three new volunteers came from it.",
    ),
    (
        20,
        "Read: two articles on automatic subject indexing",
        "reading",
        1.5,
        False,
        ("2.0",),
        "I want to try suggested subject headings on a small batch before judging them.",
    ),
]

AGREEMENT = """We meet every six weeks for about an hour, by video call, and in person \
once a term.
Jordan sends drafts a week before a meeting; Ruth replies by email within a week.
What we discuss stays between us.
Jordan leads: brings the questions and writes up each meeting's actions.
We review this agreement after three meetings."""

# days ago, mode, author ("me" or "mentor"), notes, [(text, owner, due in days, done)]
MEETINGS = [
    (
        200,
        "Video call",
        "me",
        "First meeting. Went through the PKSB together and chose twelve skills; agreed a "
        "target date next year.",
        [
            ("Rate the chosen skills in the start snapshot", "me", -190, True),
            ("Send Jordan two example portfolios", "mentor", -185, True),
        ],
    ),
    (
        90,
        "In person",
        "me",
        "Mid-point review. The ratings moved most in teaching; the statement needs more "
        "reflection. Evidence for C3 is thin.",
        [
            ("Find two pieces of evidence for C3", "me", -10, False),
            ("Read the first draft and comment", "mentor", -60, True),
        ],
    ),
    (
        20,
        "Video call",
        "mentor",
        "Talked through the second draft: good progress on C1. Agreed to aim for sign-off "
        "before the target date.",
        [
            ("Rewrite the faculty board paragraph with what changed", "me", 4, False),
            ("Check the evidence numbering before the next draft", "mentor", 25, False),
        ],
    ),
]


def _backdate(model, uuid: str, day: date, hour: int = 17) -> None:
    """Sample records look as if they were written on their own day, not all today."""
    when = datetime.combine(day, time(hour))
    model.update(updated_at=when).where(model.uuid == uuid).execute()


def _log(opened, person, rows, today: date) -> None:
    for days, title, kind, hours, participatory, skills, reflection in rows:
        activity = add_activity(
            opened.portfolio,
            person,
            activity_date=today - timedelta(days=days),
            title=title,
            activity_type=kind,
            hours=hours,
            participatory=participatory,
            reflection=reflection,
            skills=skills,
            today=today,
        )
        _backdate(CpdActivity, activity, today - timedelta(days=days))


def build_journey(opened: OpenPortfolio, me: Person, mentor: Person, today: date) -> None:
    """CPD entries, an agreed agreement and three meetings with their actions."""
    _log(opened, me, CHARTERSHIP_CPD, today)
    certificate = (
        EvidenceItem.select()
        .where(
            EvidenceItem.portfolio == opened.portfolio, EvidenceItem.evidence_type == "Certificate"
        )
        .first()
    )
    if certificate is not None:
        first = activities(opened.portfolio)[-1]
        update_activity(first.uuid, me, evidence=[certificate.number], today=today)
        _backdate(CpdActivity, first.uuid, first.activity_date)
    first_meeting = today - timedelta(days=MEETINGS[0][0])
    _backdate(Agreement, save_agreement(opened.portfolio, me, AGREEMENT), first_meeting, 18)
    consent = confirm_agreement(opened.portfolio, mentor)
    _backdate(AgreementConsent, consent, first_meeting + timedelta(days=2))
    people = {"me": me, "mentor": mentor}
    for days, mode, author, notes, actions in MEETINGS:
        writer = people[author]
        meeting_date = today - timedelta(days=days)
        meeting = add_meeting(opened.portfolio, writer, meeting_date, mode, notes, today=today)
        _backdate(Meeting, meeting, meeting_date, 16)
        for text, owner, due_in, done in actions:
            due = today + timedelta(days=due_in)
            action = add_action(meeting, writer, text, people[owner].uuid, due)
            _backdate(MeetingAction, action, meeting_date, 16)
            if done:
                state = set_action_done(action, people[owner], True)
                _backdate(ActionState, state, due - timedelta(days=2))
        if author == "mentor":
            comment = add_meeting_comment(meeting, me, "Thanks: I will send the rewrite by Friday.")
            _backdate(Comment, comment, meeting_date + timedelta(days=1), 9)


MEMBER = "Sam Okafor"


def build_revalidation(root: Path | str, today: date | None = None) -> OpenPortfolio:
    """A Chartered member's revalidation year: CPD short of 20 hours, a first draft."""

    today = today or date.today()
    member = Identity(uuid=new_uuid(), name=MEMBER)
    opened = create_portfolio(
        root,
        member,
        route="revalidation",
        title=f"Revalidation {today.year} of {MEMBER}",
        start_date=today - timedelta(days=330),
        target_date=today + timedelta(days=35),
    )
    with db.database.atomic():
        me = Person.get_by_id(member.uuid)
        opened.portfolio.framework = install_framework(builtin_framework(), me)
        opened.portfolio.save()
        set_setting("demo", "1")
        add_note(
            opened.portfolio,
            me,
            "Conference attendance certificate",
            evidence_type="Certificate",
            item_date=today - timedelta(days=338),
        )
        _log(opened, me, REVALIDATION_CPD, today)

        save_working_copy(opened.portfolio, me, statement_outline(opened.portfolio, today))
    return opened
