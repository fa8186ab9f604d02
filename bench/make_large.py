"""Generate a large portfolio: a candidate two years in, through the real services.

A 200-skill framework, 4 snapshots, 300 evidence items (small files), 60
statement versions of 1,000–5,000 words, 3,000 comments with replies, 500 CPD
entries and 100 meetings.

    python bench/make_large.py DIR [--scale 0.1]

``--scale`` shrinks every count (for a quick try); the default is the full size.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.evidence.files import import_files  # noqa: E402
from workbench.evidence.library import set_links  # noqa: E402
from workbench.frameworks.library import install_framework  # noqa: E402
from workbench.frameworks.spec import (  # noqa: E402
    AreaSpec,
    FrameworkSpec,
    SkillSpec,
    default_scale,
)
from workbench.journey import cpd, mentoring  # noqa: E402
from workbench.matrix import ratings as matrix  # noqa: E402
from workbench.statement import comments, drafts  # noqa: E402
from workbench.store import db  # noqa: E402
from workbench.store.identity import Identity, load_identity  # noqa: E402
from workbench.store.models import Person, new_uuid  # noqa: E402
from workbench.store.portfolios import MENTOR, add_member, create_portfolio  # noqa: E402

WORDS = (
    "library",
    "users",
    "service",
    "reflection",
    "learning",
    "evidence",
    "practice",
    "feedback",
    "team",
    "collection",
    "digital",
    "literacy",
    "session",
    "students",
    "research",
    "data",
    "change",
    "improve",
    "strategy",
    "community",
    "outreach",
    "value",
    "impact",
    "skills",
    "mentor",
    "meeting",
    "review",
    "plan",
)


def framework(skills: int) -> FrameworkSpec:
    areas = [AreaSpec(str(a), f"Area {a}", f"Description of area {a}") for a in range(1, 17)]
    for n in range(skills):
        area = areas[n % 16]
        area.skills.append(SkillSpec(f"{area.code}.{len(area.skills) + 1}", f"Skill {n + 1}"))
    return FrameworkSpec(key="large", name="Large framework", scale=default_scale(), areas=areas)


def paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def redraft(rng: random.Random, paragraphs: list[str], words: int, evidence: int) -> str:
    """The next draft: about a tenth of the paragraphs rewritten, grown to ``words``."""
    for index in rng.sample(range(len(paragraphs)), len(paragraphs) // 10):
        paragraphs[index] = f"{paragraph(rng, 80)} [E{rng.randint(1, evidence)}]"
    while len(paragraphs) * 81 < words:
        paragraphs.insert(rng.randint(0, len(paragraphs)), paragraph(rng, 80))
    third = max(1, len(paragraphs) // 3)
    parts = ["# Reflective statement"]
    for n, criterion in enumerate(CRITERIA):
        parts.append(f"## {criterion}")
        parts.extend(paragraphs[n * third : (n + 1) * third if n < 2 else None])
    return "\n\n".join(parts)


CRITERIA = ("Personal performance", "Organisational context", "Wider professional context")


def count(full: int, scale: float) -> int:
    return max(1, round(full * scale))


def build(root: Path, scale: float = 1.0, seed: int = 7) -> Path:
    rng = random.Random(seed)
    today = date.today()
    # The user of this data folder is the candidate, so the app opens it as theirs.
    mentee_id = load_identity() or Identity(uuid=new_uuid(), name="Large Candidate")
    opened = create_portfolio(
        root,
        mentee_id,
        route="chartership",
        mentor_name="Large Mentor",
        start_date=today - timedelta(days=730),
        target_date=today + timedelta(days=60),
    )
    portfolio = opened.portfolio
    mentee = Person.get_by_id(mentee_id.uuid)
    mentor_uuid = new_uuid()
    mentor = Person.create(uuid=mentor_uuid, author=mentor_uuid, name="Large Mentor")
    add_member(portfolio, mentee, mentor, MENTOR)
    portfolio.framework = install_framework(framework(count(200, scale)), mentee)
    portfolio.save()
    skills = matrix.framework_skills(portfolio)

    step("snapshots")
    for index, kind in enumerate(("start", "review", "review", "review")):
        snapshot = matrix.begin_snapshot(
            portfolio, mentee, kind, taken_on=today - timedelta(days=700 - index * 180)
        )
        with db.database.atomic():
            for skill in skills:
                matrix.set_rating(
                    snapshot,
                    skill,
                    mentee,
                    relevant=rng.random() < 0.3,
                    current=rng.randint(0, 3),
                    target=rng.randint(2, 4),
                )

    step("evidence")
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for n in range(count(300, scale)):
            path = Path(tmp) / f"evidence-{n + 1:03d}.txt"
            path.write_text(paragraph(rng, 200 + n), encoding="utf-8")
            files.append(path)
        items = import_files(opened, mentee, files).items
    criteria = ["C1", "C2", "C3"]
    for item in items:
        linked = {s.uuid for s in rng.sample(skills, 2)}
        set_links(item.uuid, mentee, skills=linked, criteria={rng.choice(criteria)})

    step("versions and comments")
    versions_total = count(60, scale)
    per_version = count(3000, scale) // versions_total
    paragraphs = [paragraph(rng, 80) for _ in range(12)]
    for number in range(versions_total):
        words = 1000 + 4000 * number // max(1, versions_total - 1)
        text = redraft(rng, paragraphs, words, len(items))
        drafts.save_working_copy(portfolio, mentee, text)
        version = drafts.send_for_review(portfolio, mentee, f"Draft {number + 1}")
        for _ in range(per_version):
            start = rng.randrange(0, len(text) - 40)
            view = comments.create_comment(
                portfolio, mentor, version, start, start + rng.randint(5, 40), paragraph(rng, 12)
            )
            comments.reply(portfolio, mentee, view.uuid, paragraph(rng, 8))
            if rng.random() < 0.85:  # most feedback gets dealt with
                comments.resolve(portfolio, mentee, view.uuid, "Done in the next draft")

    step("CPD and meetings")
    for n in range(count(500, scale)):
        cpd.add_activity(
            portfolio,
            mentee,
            activity_date=today - timedelta(days=rng.randint(0, 720)),
            title=f"Activity {n + 1}",
            hours=rng.choice((0.5, 1, 1.5, 2, 3)),
            activity_type=rng.choice(("course", "reading", "event", "mentoring")),
            reflection=paragraph(rng, 30),
        )
    for n in range(count(100, scale)):
        meeting = mentoring.add_meeting(
            portfolio, mentee, today - timedelta(days=7 * n + 1), "video call", paragraph(rng, 60)
        )
        due = today + timedelta(days=n)
        mentoring.add_action(meeting, mentee, paragraph(rng, 6), mentee.uuid, due)
    opened.close()
    return root


def step(name: str) -> None:
    print(f"  {time.strftime('%H:%M:%S')} {name}…", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    started = time.perf_counter()
    build(args.folder, args.scale)
    print(f"Large portfolio written to {args.folder} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
