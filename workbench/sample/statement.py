"""The sample statement: three versions with the mentor's comments on them.

Version 1 is an early, descriptive draft; version 2 answers the mentor; version
3 adds the wider context. The comments show each state: open, resolved with a
reason, carried forward from version 1, and detached (its words were cut).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from workbench.sample.evidence import NUMBERS, cite
from workbench.statement.comments import comment_on, create_comment, reply, resolve
from workbench.statement.drafts import save_working_copy, send_for_review
from workbench.store.models import Comment, CommentState, Person, Skill, StatementVersion
from workbench.store.portfolios import OpenPortfolio

INTRO = """# Reflective statement

I have worked as an assistant librarian in a university library for four years. \
When I began this portfolio my PKSB showed two clear gaps: designing learning rather than \
delivering it, and speaking up for the library beyond my own team. This statement \
follows what I did about each gap, what difference it made, and what I will do next.
"""

PERSONAL_V1 = """## Personal performance

At the start I rated my teaching skills highly because I ran many induction sessions \
{induction}. I learnt a lot about teaching this year. I went on a course about active learning and \
changed my sessions afterwards {course}. The students seemed to enjoy them more.

I also set up a staff wiki so that the team's know-how is written down {wiki}. \
It was hard work but it was worth it in the end.
"""

PERSONAL_V2 = """## Personal performance

At the start I rated my teaching skills highly because I ran many induction sessions \
{induction}. Looking back, I was rating how confident I felt in front of a room, not \
whether students could do anything new afterwards. A colleague observed one of my \
sessions and her notes showed that I talked for forty minutes out of fifty {observation}.

I joined a short course on active learning {course} and redesigned the digital skills drop-ins \
around three tasks that students complete with their own assignments. I collected \
feedback forms before and after the change: the share of students who said they could \
find a peer-reviewed article on their own rose from about half to four in five {dropins}. \
The numbers are small and the groups were different, so I read them as encouraging \
rather than as proof.

What I take from this is that my strength was delivery and my gap was design. I now \
plan a session by writing down what a student should be able to do at the end, and I \
cut anything that does not serve it.

I also set up a staff wiki so that the team's know-how is written down {wiki}. \
It was hard work but it was worth it in the end.
"""

PERSONAL_V3 = PERSONAL_V2.replace(
    "I also set up a staff wiki so that the team's know-how is written down {wiki}. \
It was hard work but it was worth it in the end.\n",
    "The staff wiki I set up for the team {wiki} taught me something similar about knowledge \
management: pages written for the author were never read, while short how-to pages \
written around a question were used every week. I moved my rating for knowledge \
management from one to two, and I want a second year of use before I claim more.\n",
)

ORGANISATION_V1 = """## Organisational context

Our library serves about 20,000 students and 2,000 staff across two campuses. I work in \
the teaching and learning team, which reports to the head of academic services. \
I presented our service to the faculty board {board}.
"""

ORGANISATION_V2 = """## Organisational context

Our library serves about 20,000 students and 2,000 staff across two campuses. I work in \
the teaching and learning team, which reports to the head of academic services. The \
university's new strategy asks every service to show how it supports student success, \
and our funding now depends on showing it.

To understand how our welcome week served new students, I compared attendance, \
feedback and later enquiry records for the last two years {welcome_review}. Students who came to a \
library session in welcome week were far more likely to book a one-to-one appointment \
later, but fewer than a third of them came at all, and part-time students hardly ever \
did. I recommended moving half of the sessions online and into the evening, and the \
head of service agreed to try it this year.

Presenting these findings to the faculty board was the first time I had argued for a \
change outside my team {board}. I prepared by asking what the board cared about, which \
was retention, and I led with that rather than with library figures. Two departments \
have since asked for sessions built into their first-year modules.
"""

WIDER_V3 = """## Wider professional context

I joined the regional group of university libraries and now read the sector news every \
week {regional}. Two issues have shaped my work. The first is the debate about artificial \
intelligence tools in student research: at a regional meeting I heard how other \
libraries teach students to check what such tools produce, and I added a short \
exercise on verifying sources to my drop-ins. The second is open access. Our researchers \
ask more and more about where they may deposit their work, and the questions showed me \
that I did not understand the licensing well enough to answer them.

I took a short online course on open licences and wrote a one-page guide for my \
colleagues on the enquiry desk {licences}. It is now linked from our research support pages. \
Looking across the sector helped me see our library's choices as one option among \
several, which made my recommendations to the faculty board more convincing.

Next year I want to present our welcome week evaluation at the regional group, so that \
other libraries can learn from what worked and what did not, and I want to move from \
using the PKSB as a checklist to using it to plan my development with my manager.
"""

ETHICS_V3 = """
Research data requests tested my grasp of ethics. When a researcher asked us to share a \
list of students who had borrowed certain books, I knew the answer was no, but I could \
not explain why in terms the researcher accepted. I reread our professional ethics \
principles, discussed the case with my manager, and wrote a short reply that set out \
the privacy principle and offered anonymised loan figures instead {ethics}. I now keep a \
note of such cases, because explaining a decision well matters as much as making it.
"""

CLOSING_V3 = """## Looking back

Two years ago I would have described my job as running sessions and answering \
enquiries. Working through the PKSB with my mentor changed that. I now see myself as \
someone who designs learning, gathers evidence about whether it works, and argues for \
change with that evidence. The gaps I named at the start have narrowed rather than \
closed: design and advocacy are now strengths I am building, not things I avoid. The \
next step is to share what I have learnt beyond my own library, and to keep asking \
the question my mentor asked most often: so what difference did it make?
"""


def _cited(*parts: str) -> str:
    """The parts joined, each {key} replaced by the citation of that sample item."""
    return "\n".join(parts).format(**{key: cite(key) for key in NUMBERS})


V1 = _cited(INTRO, PERSONAL_V1, ORGANISATION_V1)
V2 = _cited(INTRO, PERSONAL_V2, ORGANISATION_V2)
V3 = _cited(INTRO, PERSONAL_V3 + ETHICS_V3, ORGANISATION_V2, WIDER_V3, CLOSING_V3)
VERSIONS = (V1, V2, V3)


def _comment(opened, who, version, quote, text, days_ago, today):
    start = version.text.index(quote)
    view = create_comment(opened.portfolio, who, version, start, start + len(quote), text)
    _backdate(Comment, view.uuid, today, days_ago)
    return view


def _backdate(model, uuid: str, today: date, days_ago: int) -> None:
    """Sample records get plausible past times, so lists read like a real journey."""
    when = datetime.combine(today - timedelta(days=days_ago), time(10, 30))
    model.update(updated_at=when).where(model.uuid == uuid).execute()


def _send(opened, me, text, label, days_ago, today) -> StatementVersion:
    save_working_copy(opened.portfolio, me, text)
    version = send_for_review(opened.portfolio, me, label)
    _backdate(StatementVersion, version.uuid, today, days_ago)
    return version


def build_statement(opened: OpenPortfolio, me: Person, mentor: Person, today: date) -> None:
    portfolio = opened.portfolio
    v1 = _send(opened, me, V1, "First draft", 60, today)
    _comment(  # carried forward unchanged to versions 2 and 3
        opened,
        mentor,
        v1,
        "two clear gaps",
        "Good: naming the gaps from your PKSB up front is exactly what assessors look for. "
        "Make sure each one is picked up again later on.",
        58,
        today,
    )
    learnt = _comment(
        opened,
        mentor,
        v1,
        "I learnt a lot about teaching this year.",
        "What did you learn, specifically? This is where reflection matters: what, so what, "
        "now what.",
        58,
        today,
    )
    board = _comment(
        opened,
        mentor,
        v1,
        f"I presented our service to the faculty board {cite('board')}.",
        "This is one sentence for what sounds like a big step. What did you argue, "
        "and what changed afterwards?",
        58,
        today,
    )
    answer = reply(portfolio, me, board.uuid, "I will expand it with the welcome week figures.")
    _backdate(Comment, answer.uuid, today, 50)
    v2 = _send(opened, me, V2, "After our March meeting", 40, today)
    state = resolve(portfolio, me, board.uuid, "Expanded into two paragraphs in version 2.")
    _backdate(CommentState, state, today, 40)
    state = resolve(portfolio, me, learnt.uuid, "Rewrote the paragraph around the observation.")
    _backdate(CommentState, state, today, 40)
    _comment(  # its words are cut in version 3, so it is detached there
        opened,
        mentor,
        v2,
        "It was hard work but it was worth it in the end.",
        "Worth it how? Say what the wiki changed for the team, or leave it out.",
        35,
        today,
    )
    _comment(
        opened,
        mentor,
        v2,
        "so I read them as encouraging rather than as proof",
        "Nice, honest reading of small numbers.",
        35,
        today,
    )
    _send(opened, me, V3, "With the wider context", 10, today)
    skill = Skill.select().where(Skill.code == "10.2").first()
    if skill is not None:
        view = comment_on(
            portfolio,
            mentor,
            "skill",
            skill.uuid,
            "The before-and-after feedback forms are good evidence for this skill.",
        )
        _backdate(Comment, view.uuid, today, 30)
