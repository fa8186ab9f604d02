"""The readiness, cpd and meetings commands, and the two sample portfolios."""

from __future__ import annotations

import json

import pytest

from workbench.cli.main import run


@pytest.fixture
def samples(tmp_path):
    chartership, revalidation = tmp_path / "chartership", tmp_path / "revalidation"
    assert run(["demo", "--portfolio", str(chartership)]) == 0
    assert run(["demo", "--portfolio", str(revalidation), "--route", "revalidation"]) == 0
    return chartership, revalidation


def test_readiness_of_several_portfolios_at_once(samples, capsys):
    capsys.readouterr()
    assert run(["readiness", "--portfolio", *map(str, samples)]) == 0
    out = capsys.readouterr().out
    assert "Chartership portfolio of Jordan Ellis (Chartership, MCLIP): 4 of 10 done" in out
    assert "[ ] PKSB at the end: Take the end snapshot" in out
    assert "(fix in: matrix)" in out
    assert "Revalidation" in out and "18.5 of 20 hours in the last 12 months" in out


def test_readiness_is_worded_for_the_reader(samples):
    from workbench.cli.journey import readiness_text
    from workbench.journey.readiness import readiness
    from workbench.store.portfolios import open_portfolio
    from workbench.store.roles import MENTEE, MENTOR

    with open_portfolio(samples[0]) as opened:
        result = readiness(opened.portfolio)
    to_mentee, to_mentor = readiness_text(result, MENTEE), readiness_text(result, MENTOR)
    assert "[ ] PKSB at the end: Take the end snapshot once your development is done." in to_mentee
    assert (
        "[ ] PKSB at the end: No end snapshot yet: the candidate takes it once their "
        "development is done.  (see: matrix)"
    ) in to_mentor


def test_readiness_run_by_the_mentor_is_worded_for_them(tmp_path, capsys):
    from tests.workbench.journey.helpers import join_mentor
    from workbench.store.identity import Identity, create_identity
    from workbench.store.models import new_uuid
    from workbench.store.portfolios import create_portfolio

    mentor = create_identity("Morgan Mentor")  # this computer's user
    mentee = Identity(uuid=new_uuid(), name="Casey Mentee")
    with create_portfolio(tmp_path / "casey", mentee, route="chartership") as opened:
        join_mentor(opened, mentee, mentor)
    capsys.readouterr()
    assert run(["readiness", "--portfolio", str(tmp_path / "casey")]) == 0
    out = capsys.readouterr().out
    assert (
        "[ ] PKSB at the end: No end snapshot yet: the candidate takes it once their "
        "development is done.  (see: matrix)"
    ) in out
    assert "your development" not in out


def test_readiness_as_json(samples, capsys):
    capsys.readouterr()
    assert run(["readiness", "--portfolio", str(samples[1]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["route"] == "Revalidation" and data["days_to_target"] == 35
    items = {i["key"]: i for i in data["items"]}
    assert items["cpd_log"]["done"] is False and items["cpd_log"]["place"] == "cpd"
    assert items["statement"]["done"] is True
    assert items["cpd_log"]["mentor_reason"] == items["cpd_log"]["reason"]  # the same for both
    assert run(["readiness", "--portfolio", str(samples[0]), "--format", "json"]) == 0
    items = {i["key"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    assert items["pksb_end"]["reason"].startswith("Take the end snapshot")
    assert items["pksb_end"]["mentor_reason"].startswith("No end snapshot yet: the candidate")


def test_cpd_export_then_import_elsewhere(samples, tmp_path, capsys):
    out = tmp_path / "log.csv"
    assert run(["cpd", "--portfolio", str(samples[1]), "--export", str(out)]) == 0
    assert out.read_bytes().count(b"\r\n") == 9  # header and eight activities
    assert run(["cpd", "--portfolio", str(samples[0]), "--import", str(out)]) == 0
    assert "Imported 8 activities (0 already in the log)" in capsys.readouterr().out
    assert run(["cpd", "--portfolio", str(samples[0]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["activities"]) == 14 and data["summary"]["required"] is None


def test_a_bad_csv_fails_with_the_row_and_adds_nothing(samples, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,title,hours\n2026-01-01,Fine,1\n2026-01-02,Negative,-4\n")
    assert run(["cpd", "--portfolio", str(samples[1]), "--import", str(bad)]) == 1
    assert "row 3: The hours must be more than zero" in capsys.readouterr().err
    assert run(["cpd", "--portfolio", str(samples[1]), "--format", "csv"]) == 0
    assert "Fine" not in capsys.readouterr().out


def test_meetings_command(samples, capsys):
    capsys.readouterr()
    assert run(["meetings", "--portfolio", str(samples[0])]) == 0
    out = capsys.readouterr().out
    assert "Agreement by Jordan Ellis: agreed by both" in out
    assert "[!] Find two pieces of evidence for C3" in out
    assert run(["meetings", "--portfolio", str(samples[0]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["meetings"]) == 3 and data["agreement"]["agreed"]
