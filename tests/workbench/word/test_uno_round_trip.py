"""A review in LibreOffice, driven through UNO: export a review copy, let LibreOffice
add a comment, answer one and resolve one, save as .docx, import it, twice.

The edits run in ``uno_review.py`` under the system Python (the one with the
``uno`` module, from the python3-uno package), in a subprocess with a bound.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.workbench.word.test_threads import content
from workbench.sample.build import MENTOR_NAME
from workbench.statement import comment_reading, drafts
from workbench.store.models import Comment
from workbench.word.export import REVIEW, export_docx
from workbench.word.gather import gather_content
from workbench.word.reading import read_docx
from workbench.word.review import REPLY, apply_review, preview_review

SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).with_name("uno_review.py")
LIMIT_SECONDS = 240


def uno_missing() -> str:
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) is not installed"
    if not Path(SYSTEM_PYTHON).exists():
        return f"{SYSTEM_PYTHON} is not there to run LibreOffice's UNO bridge"
    found = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=60, check=False
    )
    if found.returncode:
        return "python3-uno (LibreOffice's UNO bridge for the system Python) is not installed"
    return ""


pytestmark = pytest.mark.skipif(bool(uno_missing()), reason=uno_missing() or "-")


def review_in_libreoffice(source: Path, folder: Path, **edits) -> tuple[Path, dict]:
    target = folder / "reviewed-in-libreoffice.docx"
    plan = folder / "plan.json"
    plan.write_text(
        json.dumps(
            {"source": str(source), "target": str(target), "profile": str(folder / "lo"), **edits}
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [SYSTEM_PYTHON, str(SCRIPT), str(plan)],
        capture_output=True,
        text=True,
        timeout=LIMIT_SECONDS,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert target.is_file(), "LibreOffice saved no .docx"
    return target, json.loads(done.stdout.strip().splitlines()[-1])


def test_a_review_made_in_libreoffice_comes_back_once(demo, tmp_path):
    mentee = demo.portfolio.candidate
    latest = drafts.latest_version(demo.portfolio)
    views = comment_reading.comments_for_version(latest)
    asked = next(v for v in views if v.text.startswith("Nice"))
    settled = next(v for v in views if v.text.startswith("Good:"))
    copy = export_docx(gather_content(demo.portfolio, REVIEW), tmp_path / "review.docx", REVIEW)
    reviewed, report = review_in_libreoffice(
        copy,
        tmp_path,
        add=[["welcome week", MENTOR_NAME, "Which year was this?"]],
        reply=[[asked.text, MENTOR_NAME, "Say what you will try next."]],
        resolve=[settled.text],
    )
    assert {a["text"] for a in report["annotations"] if a["resolved"]} == {settled.text}
    before = Comment.select().count()

    preview = preview_review(demo.portfolio, mentee, reviewed)
    new = {item.word.text: item for item in preview.new_comments}
    assert set(new) == {"Which year was this?", "Say what you will try next."}
    assert new["Which year was this?"].quote == "welcome week"
    assert new["Which year was this?"].mentor == MENTOR_NAME
    reply = new["Say what you will try next."]
    if report["threads_api"] or reply.word.parent_id:  # a LibreOffice that keeps threads
        assert reply.placement == REPLY and reply.reply_to == asked.uuid
    assert [item.word.text for item in preview.to_resolve] == [settled.text]
    result = apply_review(demo.portfolio, mentee, preview)
    assert (result.created, result.resolved) == (2, 1)
    assert Comment.select().count() == before + 2
    after = {v.uuid: v for v in comment_reading.comments_for_version(latest)}
    assert after[settled.uuid].resolved
    assert after[settled.uuid].reason == f"resolved in Word by {reviewed_by(reviewed)}"
    made = next(v for v in after.values() if v.text == "Which year was this?")
    assert made.author_name == MENTOR_NAME and made.author == mentee.uuid

    again = preview_review(demo.portfolio, mentee, reviewed)
    assert again.new_comments == [] and again.to_resolve == []
    apply_review(demo.portfolio, mentee, again)
    assert Comment.select().count() == before + 2


def reviewed_by(path: Path) -> str:
    """Who LibreOffice says saved the file (its profile's user name), else the Word author."""
    document = read_docx(path)
    return document.modified_by or MENTOR_NAME


def test_libreoffice_saves_a_reply_as_a_reply(tmp_path):
    copy = export_docx(content(), tmp_path / "review.docx", REVIEW)
    reviewed, report = review_in_libreoffice(
        copy, tmp_path, reply=[["Which ones?", MENTOR_NAME, "And when?"]]
    )
    if not report["threads_api"]:
        pytest.skip(
            "this LibreOffice has no comment threads in its UNO API (no ParentName): "
            "it saves a reply as a comment of its own"
        )
    comments = {c.text: c for c in read_docx(reviewed).comments}
    assert comments["And when?"].parent_id == comments["Which ones?"].word_id
