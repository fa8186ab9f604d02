"""Reading frameworks: our JSON, CSV exports and Mahara SmartEvidence files."""

import json
import shutil

import pytest

from tests.conftest import FIXTURES, SHARED_FIXTURES
from workbench.errors import FrameworkError
from workbench.frameworks.formats import read_framework
from workbench.frameworks.library import (
    available_frameworks,
    builtin_framework,
    install_framework,
    save_to_library,
)
from workbench.store.models import Area, Framework, Skill
from workbench.store.portfolios import ensure_person

MAHARA = FIXTURES / "outreach.matrix"  # our own small Mahara file
SHARED_MAHARA = SHARED_FIXTURES / "mahara-example.matrix"  # Mahara's example, when beside us


def test_the_shipped_outline_has_the_sixteen_areas_and_the_scale():
    spec = builtin_framework()
    assert len(spec.areas) == 16
    assert spec.areas[0].name == "Ethics and values"
    assert [level.value for level in spec.scale] == [0, 1, 2, 3, 4]
    literacies = next(a for a in spec.areas if a.name == "Literacies and learning")
    assert len(literacies.skills) == 5
    assert all(a.description for a in spec.areas)


def test_json_round_trip_through_the_library(tmp_path):
    spec = builtin_framework()
    path = save_to_library(spec)
    again = read_framework(path)
    assert again.to_json() == spec.to_json()
    assert spec.name in [name for name, _ in available_frameworks()]


def test_csv_with_bom_semicolons_and_area_descriptions(tmp_path):
    path = tmp_path / "My PKSB.csv"
    path.write_text(
        "\ufeffArea;Code;Skill;Description\n"
        "Research;;;Finding things out properly\n"
        "Research;7.1;Research methods;Choosing a method\n"
        "Research;7.2;Ethics of research;\n"
        "Data management;5.1;Data curation;Looking after data\n",
        encoding="utf-8",
    )
    spec = read_framework(path)
    assert spec.name == "My PKSB"
    assert [(a.code, a.name) for a in spec.areas] == [("7", "Research"), ("5", "Data management")]
    assert spec.areas[0].description == "Finding things out properly"
    assert [s.code for s in spec.areas[0].skills] == ["7.1", "7.2"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("area,skill\nA,B\n", "line 1: the header needs the columns"),
        ("area,code,skill\nA,1.1,\n", "line 2: the 'skill' cell is empty"),
        ("area,code,skill\nA,1.1,One\n,1.2,Two\n", "line 3: the 'area' cell is empty"),
        ("area,code,skill\nA,1.1,One\nA,1.1,Again\n", "skill code 1.1 is used twice"),
        ("area,code,skill\n", "no skills found"),
        ("area,code,skill\nA,1.1,One,extra\n", "line 2: more cells than columns"),
    ],
)
def test_broken_csv_names_the_line(tmp_path, content, message):
    path = tmp_path / "broken.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FrameworkError, match=message):
        read_framework(path)


def test_csv_in_another_encoding_is_refused_clearly(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("area,code,skill\nCatalogu\xe9,1.1,R\xe9sum\xe9\n".encode("latin-1"))
    with pytest.raises(FrameworkError, match="not UTF-8"):
        read_framework(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "line 1, column 2: not valid JSON"),
        ('{"format": "other"}', "field 'format' must be"),
        ('{"format": "workbench-framework", "format_version": 9}', "unsupported 'format_version'"),
        (
            '{"format": "workbench-framework", "format_version": 1, "id": "x", "name": "X",'
            ' "areas": [{"code": "1", "name": "A", "skills": [{"code": "1.1"}]}]}',
            r"areas\[0\].skills\[0\]: field 'name' is missing",
        ),
        (
            '{"format": "workbench-framework", "format_version": 1, "id": "x", "name": "X",'
            ' "areas": []}',
            "'areas' must be a non-empty list",
        ),
        (
            '{"format": "workbench-framework", "format_version": 1, "id": "x", "name": "X",'
            ' "scale": [{"value": 0, "label": "a"}, {"value": 5, "label": "b"}],'
            ' "areas": [{"code": "1", "name": "A"}]}',
            "steps of one",
        ),
    ],
)
def test_broken_json_names_the_field(tmp_path, data, message):
    path = tmp_path / "broken.json"
    path.write_text(data, encoding="utf-8")
    with pytest.raises(FrameworkError, match=message):
        read_framework(path)


def test_a_mahara_file_imports_and_reports_the_repeated_element():
    spec = read_framework(MAHARA)
    assert spec.name == "Community outreach skills"
    assert [a.code for a in spec.areas] == ["A", "B"]
    assert spec.areas[0].name == "Working with partners"
    codes = [s.code for a in spec.areas for s in a.skills]
    assert codes == ["A.1", "A.2", "A.2.1", "B.1", "B.1 (2)"]
    assert spec.warnings == [
        "Element id B.1 appears more than once; the repeat was imported as B.1 (2)."
    ]
    assert spec.areas[0].skills[0].name == "Mapping local groups"


@pytest.mark.skipif(not SHARED_MAHARA.exists(), reason="Mahara's example is not beside us")
def test_the_shared_mahara_example_imports_and_reports_the_repeated_element():
    spec = read_framework(SHARED_MAHARA)
    assert spec.name == "Title of your framework"
    assert len(spec.areas) == 4
    codes = [s.code for a in spec.areas for s in a.skills]
    assert len(codes) == len(set(codes)) == 31
    assert "4.4.3 (2)" in codes
    assert spec.warnings == [
        "Element id 4.4.3 appears more than once; the repeat was imported as 4.4.3 (2)."
    ]
    assert spec.areas[0].skills[0].name == "Sub level of the standard"


def test_a_mahara_file_with_a_bad_standard_reference_is_refused(tmp_path):
    data = json.loads(MAHARA.read_text(encoding="utf-8"))
    data["framework"]["standardelements"][3]["standardid"] = 99
    path = tmp_path / "bad.matrix"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"standardelements\[3\]: 'standardid' names no"):
        read_framework(path)


def test_an_unreadable_or_unknown_file_is_refused(tmp_path):
    with pytest.raises(FrameworkError, match="cannot be read"):
        read_framework(tmp_path / "missing.json")
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    with pytest.raises(FrameworkError, match="unknown framework format"):
        read_framework(odd)


def test_install_stores_every_area_and_skill(portfolio, me, tmp_path):
    shutil.copy(MAHARA, tmp_path / "m.matrix")
    spec = read_framework(tmp_path / "m.matrix")
    before = Skill.select().count()
    framework = install_framework(spec, ensure_person(me))
    assert Framework.select().count() == 2
    assert Area.select().where(Area.framework == framework).count() == 2
    assert Skill.select().count() == before + 5
