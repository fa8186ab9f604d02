"""The whole two-person loop with only commands, each person with their own data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from docx import Document

from tests.workbench.word.wordfile import add_comment_like_word

ROOT = Path(__file__).resolve().parents[2]


def command(data: Path, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_DATA_HOME": str(data), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
    )


def fingerprint_of(output: str) -> str:
    return output.split("Key fingerprint: ")[1].strip()


def ok(data: Path, *args) -> str:
    result = command(data, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_new_then_pack_unpack_review_and_back_with_commands_only(tmp_path):
    casey, morgan = tmp_path / "casey", tmp_path / "morgan"
    mine, copy = tmp_path / "casey-portfolio", tmp_path / "morgan-copy"
    made = ok(
        casey,
        *("new", "--name", "Casey Mentee", "--portfolio", mine, "--route", "chartership"),
        *("--mentor", "Morgan Mentor", "--start", "2026-01-05", "--target", "2026-12-31"),
    )
    assert "Casey Mentee (mentee)" in made
    morgan_key = fingerprint_of(ok(morgan, "fingerprint", "--name", "Morgan Mentor"))
    casey_key = fingerprint_of(ok(casey, "fingerprint"))  # read out to each other by phone
    draft = tmp_path / "draft.docx"
    document = Document()
    document.add_paragraph("I redesigned the induction programme for new students.")
    document.save(draft)
    ok(casey, "import-docx", "--portfolio", mine, "--as-version", draft)

    ok(casey, "pack", "--portfolio", mine, "--out", tmp_path / "to-morgan.wbpack")
    package = tmp_path / "to-morgan.wbpack"
    unconfirmed = command(morgan, "unpack", package, "--portfolio", copy)
    assert unconfirmed.returncode != 0 and casey_key in unconfirmed.stderr
    opened = ok(morgan, "unpack", package, "--portfolio", copy, "--accept-key", casey_key)
    assert "was made from the package Casey Mentee sent you" in opened
    review = tmp_path / "review.docx"
    ok(morgan, "export", "--portfolio", copy, "--kind", "review", "--out", review)
    add_comment_like_word(review, tmp_path / "reviewed.docx", "induction programme", "Why?")
    ok(morgan, "import-docx", "--portfolio", copy, tmp_path / "reviewed.docx")
    ok(morgan, "pack", "--portfolio", copy, "--out", tmp_path / "to-casey.wbpack")
    back = ok(
        casey, "unpack", tmp_path / "to-casey.wbpack", "--portfolio", mine,
        "--accept-key", morgan_key,
    )  # fmt: skip
    assert "1 new comment from Morgan Mentor on version 1." in back
    assert "joined as your mentor" in back

    for data, root in ((casey, mine), (morgan, copy)):
        [seen] = json.loads(ok(data, "comments", "--portfolio", root, "--format", "json"))[
            "comments"
        ]
        # Morgan imported it; it shows the name Word gives its author, both sides.
        assert seen["author"] == "Ruth Adebayo" and seen["text"] == "Why?"
        assert seen["anchored_text"] == "induction programme"


def test_new_refuses_bad_input_in_one_line_and_exits_non_zero(tmp_path):
    data = tmp_path / "data"
    base = ("new", "--name", "Casey Mentee", "--portfolio")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    cases = [
        ((*base, tmp_path / "a", "--route", "charter", "--mentor", "M"), "chartership, "),
        ((*base, busy, "--route", "chartership", "--mentor", "M"), "is not empty"),
        ((*base, tmp_path / "b", "--route", "chartership", "--mentor", " "), "--mentor"),
        (
            (*base, tmp_path / "c", "--route", "chartership", "--mentor", "M", "--start", "5/1"),
            "is not a date",
        ),
    ]
    for args, says in cases:
        result = command(data, *args)
        assert result.returncode == 1, args
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
        assert says in result.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "c").exists()
    assert [p.name for p in busy.iterdir()] == ["notes.txt"]
