"""The check policy and dated terms in the glossary: read, validated, exported, imported back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from termguard.errors import GlossaryError
from termguard.glossary.formats import generate_export
from termguard.glossary.importing import apply_import, plan_import, read_exchange
from termguard.glossary.model import Policy
from termguard.glossary.read import read_glossary, validate_glossary

ROOT = Path(__file__).resolve().parent.parent

NUR_OTAN = (
    '{ text = "Nur Otan", status = "admitted", valid_from = "2006-12-22", '
    'valid_until = "2022-03-01", date_uncertain = true }'
)
CONCEPT = """subject = "government"

[[concept]]
id = "amanat-party"
definition = "The ruling party of Kazakhstan."
check = "required"
scope = "kz"
# why the policy is so (comments stay where they are on import)
exclude = ["аманат сөзі"]
short_forms = {{ en = ["AMANAT"] }}
derived = {{ ru = ["амановский"] }}
equivalents = ["party"]
policy_note = "The registered name."
kk = [{{ text = "AMANAT партиясы", valid_from = "2022-03-01" }}]
en = [
  {{ text = "AMANAT party", valid_from = "2022-03-01" }},
  {nur_otan},
]

[[concept]]
id = "party"
definition = "A political party."
check = "advisory"
kk = [{{ text = "партия" }}]
en = [{{ text = "party" }}]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A glossary folder with one dated, scoped concept and one advisory one."""
    path = tmp_path / "glossary"
    path.mkdir()
    (path / "g.toml").write_text(CONCEPT.format(nur_otan=NUR_OTAN), "utf-8")
    return path


def test_the_policy_and_dates_are_read_into_the_model(folder: Path) -> None:
    """Every policy key and term date of the file is on the concept and its terms."""
    concept = read_glossary(folder)["amanat-party"]
    assert concept.policy == Policy(
        check="required",
        scope="kz",
        exclude=("аманат сөзі",),
        short_forms=(("en", ("AMANAT",)),),
        derived=(("ru", ("амановский",)),),
        equivalents=("party",),
        note="The registered name.",
    )
    nur_otan = concept.terms_in("en")[1]
    assert (nur_otan.valid_from, nur_otan.valid_until, nur_otan.date_uncertain) == (
        "2006-12-22",
        "2022-03-01",
        True,
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('check = "required"', 'check = "sometimes"', "unknown check 'sometimes'"),
        ('scope = "kz"', 'scope = "kazakhstan"', "unknown scope 'kazakhstan'"),
        ('equivalents = ["party"]', 'equivalents = ["no-such"]', "equivalent 'no-such'"),
        ('valid_from = "2006-12-22"', 'valid_from = "22 December 2006"', "must be an ISO date"),
        ('valid_from = "2006-12-22"', 'valid_from = "2006-02-30"', "must be an ISO date"),
        ('valid_until = "2022-03-01"', 'valid_until = "2001-01-01"', "must come before"),
        ('exclude = ["аманат сөзі"]', 'exclude = "аманат сөзі"', "'exclude' must be a list"),
    ],
)
def test_a_bad_policy_or_date_is_an_error_at_its_line(
    folder: Path, old: str, new: str, message: str
) -> None:
    """A wrong policy value or date names the file, the line and how to write it."""
    path = folder / "g.toml"
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    with pytest.raises(GlossaryError) as err:
        read_glossary(folder)
    assert message in str(err.value)
    assert f"{path}:" in str(err.value)


def test_the_project_glossary_has_a_policy_for_every_concept() -> None:
    """Every concept of glossary/ states its check level, and the glossary validates."""
    glossary = read_glossary(ROOT / "glossary")
    text = "".join(p.read_text("utf-8") for p in (ROOT / "glossary").glob("*.toml"))
    assert text.count("[[concept]]") == text.count("\ncheck = ") == len(glossary)
    assert not [p for p in validate_glossary(ROOT / "glossary") if p.severity == "error"]


FORMATS = [("tbx", "g.tbx"), ("csv", "g.csv"), ("xlsx", "g.xlsx"), ("jsonl", "g.jsonl")]


@pytest.mark.parametrize(("fmt", "name"), FORMATS)
def test_an_export_carries_the_policy_and_dates_back_unchanged(
    folder: Path, tmp_path: Path, fmt: str, name: str
) -> None:
    """Exporting and importing again plans no change: the policy and dates come back."""
    glossary = read_glossary(folder)
    path = tmp_path / name
    path.write_bytes(generate_export(glossary, fmt)[""])
    records = read_exchange(path, glossary)
    assert {r.id: r.policy for r in records if r.id} == {c.id: c.policy for c in glossary}
    assert plan_import(glossary, records, [folder]).changes == []


def test_a_changed_policy_and_date_in_a_tbx_are_applied_keeping_comments(
    folder: Path, tmp_path: Path
) -> None:
    """A TBX whose policy note and term date were edited changes just those keys on --apply."""
    glossary = read_glossary(folder)
    tbx = generate_export(glossary, "tbx")[""].decode("utf-8")
    edited = tbx.replace(glossary["party"].policy.to_json(), json.dumps({"check": "off"}))
    edited = edited.replace("valid_from=2006-12-22", "valid_from=2006-12-23")
    assert edited.count("2006-12-23") == 1 and "off" in edited
    path = tmp_path / "edited.tbx"
    path.write_text(edited, "utf-8")
    plan = plan_import(glossary, read_exchange(path, glossary), [folder])
    assert sorted(c.field for c in plan.changes) == ["policy", "valid_from"]
    apply_import(plan, [folder])
    after = read_glossary(folder)
    assert after["party"].policy.check == "off"
    assert after["amanat-party"].terms_in("en")[1].valid_from == "2006-12-23"
    assert "# why the policy is so" in (folder / "g.toml").read_text("utf-8")


def test_csv_cells_write_dates_in_the_term_notation(folder: Path) -> None:
    """A dated term's cell reads 'Nur Otan [admitted, from ..., until ..., date-uncertain]'."""
    text = generate_export(read_glossary(folder), "csv")[""].decode("utf-8")
    assert "Nur Otan [admitted, from 2006-12-22, until 2022-03-01, date-uncertain]" in text


def test_the_real_glossary_survives_every_export_and_import(tmp_path: Path) -> None:
    """The project glossary exported to TBX, CSV, XLSX and JSONL imports back with no change."""
    folder = Path(shutil.copytree(ROOT / "glossary", tmp_path / "glossary"))
    glossary = read_glossary(folder)
    for fmt, name in FORMATS:
        path = tmp_path / name
        path.write_bytes(generate_export(glossary, fmt)[""])
        assert plan_import(glossary, read_exchange(path, glossary), [folder]).changes == [], fmt
