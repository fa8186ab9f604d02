"""``main.py submission``: the checklist first, then the zip or folder and its summary;
a folder already there is refused in one line unless --replace is given."""

from __future__ import annotations

import zipfile

from workbench.cli.main import run
from workbench.sample.build import build_demo
from workbench.submission import bundle


def test_submission_prints_what_is_missing_then_writes_the_zip(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(bundle, "office_program", lambda: None)  # Word files only: fast
    build_demo(tmp_path / "demo").close()
    out = tmp_path / "Upload.zip"
    assert run(["submission", "--portfolio", str(tmp_path / "demo"), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "Not ready yet (6 to do):"
    assert "  [ ] PKSB at the end: Take the end snapshot once your development is done." in (
        line.split("  (fix in")[0] for line in printed
    )
    assert [line for line in printed if "files written to Upload.zip" in line]
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
    assert "Upload/01 Statement.docx" in names
    assert "Upload/Evidence/E03 Presentation to the faculty board.pdf" in names


def test_an_existing_target_is_refused_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(bundle, "office_program", lambda: None)
    build_demo(tmp_path / "demo").close()
    out = tmp_path / "Out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    args = ["submission", "--portfolio", str(tmp_path / "demo"), "--out", str(out)]
    assert run(args) == 1
    assert capsys.readouterr().err == (
        f"error: {out} already exists. Choose another name, or replace it.\n"
    )
    assert (out / "mine.txt").read_text() == "keep me"
    assert run([*args, "--replace"]) == 0
    assert not (out / "mine.txt").exists() and (out / "03 Evidence index.docx").is_file()


def test_a_mentor_reads_what_the_candidate_has_left(tmp_path, monkeypatch, capsys):
    from tests.workbench.journey.helpers import join_mentor
    from workbench.store.identity import Identity, create_identity
    from workbench.store.models import new_uuid
    from workbench.store.portfolios import create_portfolio

    monkeypatch.setattr(bundle, "office_program", lambda: None)
    mentor = create_identity("Morgan Mentor")  # this computer's user
    mentee = Identity(uuid=new_uuid(), name="Casey Mentee")
    with create_portfolio(tmp_path / "casey", mentee, route="chartership") as opened:
        join_mentor(opened, mentee, mentor)
    out = tmp_path / "Preview.zip"
    assert run(["submission", "--portfolio", str(tmp_path / "casey"), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert (
        "  [ ] PKSB at the end: No end snapshot yet: the candidate takes it once their "
        "development is done.  (see: matrix)"
    ) in printed
    assert "your development" not in printed and out.exists()
