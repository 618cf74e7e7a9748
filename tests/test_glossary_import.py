"""Import: round trips change nothing; planned changes and conflicts; --apply keeps TOML layout."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glossaries import real_glossary
from termguard.errors import ExchangeFormatError, GlossaryError
from termguard.glossary.formats import generate_export
from termguard.glossary.importing import (
    ImportPlan,
    apply_import,
    plan_import,
    read_exchange,
)
from termguard.glossary.read import read_glossary

ROOT = Path(__file__).resolve().parent.parent
EXCHANGE = Path(__file__).parent / "data" / "glossaries" / "exchange"

# (format, source, target, file name) for every export the import reads back
ROUND_TRIPS = [
    ("tbx", None, None, "g.tbx"),
    ("tbx2", None, None, "g2.tbx"),
    ("csv", None, None, "g.csv"),
    ("csv", "kk", "en", "kk-en.csv"),
    ("csv", "en", "th", "en-th.csv"),
    ("tsv", "ru", "kk", "ru-kk.tsv"),
    ("po", "kk", "th", "th.po"),
    ("xlsx", None, None, "g.xlsx"),
    ("jsonl", None, None, "g.jsonl"),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A private copy of the fixture glossary folder."""
    return Path(shutil.copytree(EXCHANGE / "glossary", tmp_path / "glossary"))


def plan_text(folder: Path, tmp_path: Path, name: str, text: str,
              pair: tuple[str, str] | None = None) -> ImportPlan:  # fmt: skip
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    glossary = read_glossary(folder)
    return plan_import(glossary, read_exchange(path, glossary, pair=pair), [folder])


def lines(plan: ImportPlan, *folders: Path) -> list[str]:
    """The summary without the folders in front of file names."""
    out = []
    for line in plan.summary():
        for folder in (*folders, EXCHANGE):
            line = line.replace(f"{folder}/", "")
        out.append(line)
    return out


@pytest.mark.parametrize(("fmt", "source", "target", "name"), ROUND_TRIPS,
                         ids=[r[3] for r in ROUND_TRIPS])  # fmt: skip
@pytest.mark.parametrize("which", ["fixture", "real"])
def test_export_then_import_changes_nothing(
    tmp_path: Path, which: str, fmt: str, source: str | None, target: str | None, name: str
) -> None:
    """Every export format read back into the glossary it came from reports no changes."""
    if which == "fixture":
        paths: list[Path] = [EXCHANGE / "glossary"]
        glossary = read_glossary(*paths)
    else:
        glossary = real_glossary()
        paths = [ROOT / "glossary"]
    (data,) = generate_export(glossary, fmt, source=source, target=target).values()
    path = tmp_path / name
    path.write_bytes(data)
    pair = (source, target) if fmt in ("csv", "tsv") and source and target else None
    plan = plan_import(glossary, read_exchange(path, glossary, pair=pair), paths)
    assert plan.summary() == ["no changes"]


def test_apply_matches_the_golden_files(folder: Path) -> None:
    """--apply of edits.csv gives exactly the expected TOML: comments and layout kept."""
    glossary = read_glossary(folder)
    plan = plan_import(glossary, read_exchange(EXCHANGE / "edits.csv", glossary), [folder])
    written = apply_import(plan, [folder])
    assert [Path(p).name for p in written] == [
        "civil-society.toml",
        "courts.toml",
        "elections.toml",
    ]
    for expected in sorted((EXCHANGE / "expected").glob("*.toml")):
        assert (folder / expected.name).read_text(encoding="utf-8") == expected.read_text(
            encoding="utf-8"
        ), expected.name


def test_apply_then_import_again_leaves_only_the_conflicts(folder: Path) -> None:
    """After --apply the same file reports no changes, only the conflicts it never applies."""
    glossary = read_glossary(folder)
    apply_import(plan_import(glossary, read_exchange(EXCHANGE / "edits.csv", glossary), [folder]),
                 [folder])  # fmt: skip
    again = read_glossary(folder)
    plan = plan_import(again, read_exchange(EXCHANGE / "edits.csv", again), [folder])
    assert plan.changes == []
    assert len(plan.conflicts) == 3
    assert plan.totals().endswith("3 conflict(s)")


def test_the_summary_lists_every_kind_of_change(folder: Path) -> None:
    """The dry run names each change and conflict with its file:line, in file order."""
    glossary = read_glossary(folder)
    plan = plan_import(glossary, read_exchange(EXCHANGE / "edits.csv", glossary), [folder])
    assert lines(plan, folder) == [
        "edits.csv:2: 'ngo': definition 'A non-profit organisation independent of the state.' "
        "-> 'A non-profit organisation that is independent of the state.'",
        "edits.csv:2: 'ngo' kk 'мемлекеттік емес ұйым': status 'deprecated' -> 'forbidden'",
        "edits.csv:2: new th term 'เอ็นจีโอ' in 'ngo' (admitted, abbreviation, proposed)",
        "edits.csv:2: conflict: the file makes en 'NGO' admitted in 'ngo', the glossary has it "
        "preferred; which term is preferred is decided in glossary/: edit it by hand",
        "edits.csv:10: conflict: the file adds kk 'Аманат' as preferred to 'amanat', where "
        "'AMANAT' is preferred; which term is preferred is decided in glossary/: edit it by "
        "hand, or add the new term as admitted",
        "edits.csv:13: new th term 'การรับฟังความคิดเห็นสาธารณะ' in 'public-hearings' "
        "(preferred, full-form, proposed)",
        "edits.csv:16: 'mediation' en 'mediated': note (none) -> 'past participle'",
        "edits.csv:16: conflict: en term 'public hearing' is in concept 'public-hearings' in the "
        "glossary (civil-society.toml:52) but in 'mediation' in the file; move it in glossary/ "
        "by hand if it really belongs there",
        "edits.csv:19: new concept 'civil-society-forum' (kk 1, en 2) -> civil-society.toml",
        "edits.csv:21: new concept 'election-observer' (kk 1, ru 1, en 1) -> elections.toml",
        "2 new concept(s), 2 new term(s), 1 status change(s), 2 other change(s), "
        "0 new source(s), 3 conflict(s)",
    ]


def test_nothing_is_deleted(folder: Path, tmp_path: Path) -> None:
    """A file that leaves out terms, languages and columns asks for no change."""
    plan = plan_text(folder, tmp_path, "x.csv", "id,kk\nngo,үкіметтік емес ұйым\n")
    assert plan.summary() == ["no changes"]


def test_a_bilingual_row_fills_a_missing_translation(folder: Path, tmp_path: Path) -> None:
    """A target written where the glossary had none becomes the preferred term."""
    text = "source,target,description\nқоғамдық тыңдау,การรับฟังความคิดเห็น,\n"
    plan = plan_text(folder, tmp_path, "x.csv", text, ("kk", "th"))
    assert lines(plan, tmp_path, folder)[:-1] == [
        "x.csv:2: new th term 'การรับฟังความคิดเห็น' in 'public-hearings' "
        "(preferred, full-form, proposed)"
    ]


def test_a_changed_bilingual_target_is_a_conflict(folder: Path, tmp_path: Path) -> None:
    """Replacing the target of a row would change the preferred term: reported, not applied."""
    text = "source,target\nмедиация,conciliation\n"
    plan = plan_text(folder, tmp_path, "x.csv", text, ("kk", "en"))
    assert plan.changes == []
    assert plan.conflicts[0].message.startswith(
        "the file translates kk 'медиация' as en 'conciliation', the glossary as 'mediation'"
    )


def test_a_bilingual_row_for_an_unknown_term_is_a_conflict(folder: Path, tmp_path: Path) -> None:
    """A source term no concept has cannot be placed without an id."""
    plan = plan_text(folder, tmp_path, "x.tsv", "сайлау\telection\n", ("kk", "en"))
    assert plan.conflicts[0].message.startswith("no concept has the kk term 'сайлау'")


def test_bilingual_languages_are_guessed_from_the_terms(folder: Path, tmp_path: Path) -> None:
    """Without --from/--to a bilingual CSV takes the languages whose terms it matches."""
    text = "source,target\nмедиация,การไกล่เกลี่ย\nүкіметтік емес ұйым,องค์กรพัฒนาเอกชน\n"
    plan = plan_text(folder, tmp_path, "x.csv", text)
    assert plan.summary() == ["no changes"]


def test_a_term_in_two_concepts_of_one_entry_is_a_conflict(folder: Path, tmp_path: Path) -> None:
    """An id-less entry whose terms belong to two concepts is not guessed at."""
    plan = plan_text(folder, tmp_path, "x.csv", "id,kk,en\n,медиация,NGO [abbreviation]\n")
    assert "belong to concepts 'mediation', 'ngo'" in plan.conflicts[0].message


FOREIGN_TBX = """<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
<tbxHeader><fileDesc><sourceDesc><p>another tool</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="e1">
<langSec xml:lang="ru"><termSec><term>негосударственная организация</term>
<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
<langSec xml:lang="en"><termSec><term>NGOs</term></termSec></langSec>
</conceptEntry>
<conceptEntry id="e2">
<langSec xml:lang="kk"><termSec><term>AMANAT</term>
<termNote type="partOfSpeech">noun</termNote></termSec></langSec>
</conceptEntry>
<conceptEntry id="e3">
<langSec xml:lang="en"><termSec><term>mediation</term>
<termNote type="termType">acronym</termNote></termSec></langSec>
</conceptEntry>
</body></text></tbx>
"""


def test_tbx_from_elsewhere_keeps_what_tbx_cannot_say(folder: Path, tmp_path: Path) -> None:
    """Deprecated for forbidden, noun for proper noun: no change; a new term is admitted."""
    plan = plan_text(folder, tmp_path, "x.tbx", FOREIGN_TBX)
    assert lines(plan, tmp_path, folder)[:-1] == [
        "x.tbx:8: new en term 'NGOs' in 'ngo' (admitted, full-form, proposed)",
        "x.tbx:15: 'mediation' en 'mediation': type 'full-form' -> 'acronym'",
    ]


def test_a_changed_type_keeps_the_case_sensitivity(folder: Path, tmp_path: Path) -> None:
    """A new type from a file that says nothing of case pins the term's old case sensitivity."""
    plan = plan_text(folder, tmp_path, "x.tbx", FOREIGN_TBX)
    apply_import(plan, [folder])
    text = (folder / "courts.toml").read_text(encoding="utf-8")
    assert 'en = [{ text = "mediation", type = "acronym", case_sensitive = false }, ' in text


def test_a_second_preferred_term_is_a_conflict(folder: Path, tmp_path: Path) -> None:
    """Adding a preferred term where one of the same kind exists is reported, not applied."""
    plan = plan_text(folder, tmp_path, "x.csv", "id,en\nmediation,conciliation\n")
    assert plan.changes == []
    assert "where 'mediation' is preferred" in plan.conflicts[0].message


def test_new_concept_needs_a_definition_and_gets_a_good_id(folder: Path, tmp_path: Path) -> None:
    """A new concept without a definition is a conflict; an id not in kebab-case is remade."""
    text = "id,subject,kk,definition\nvoter,elections,сайлаушы,\nBad_Id,elections,дауыс,x\n"
    plan = plan_text(folder, tmp_path, "x.csv", text)
    assert [c.message.split(";")[0] for c in plan.conflicts] == [
        "new concept 'voter' has no definition",
    ]
    assert [c.describe().split(" -> ")[0] for c in plan.changes] == ["new concept 'bad-id' (kk 1)"]
    assert (
        plan.changes[0].note == "id made from 'Bad_Id' (the file's id 'Bad_Id' is not kebab-case)"
    )


def test_new_concepts_go_into_the_named_file(folder: Path, tmp_path: Path) -> None:
    """--into puts new concepts in that file, writing subject only where it differs."""
    path = tmp_path / "x.csv"
    path.write_text("id,subject,kk,definition\nvoter,elections,сайлаушы,One who votes.\n",
                    encoding="utf-8")  # fmt: skip
    glossary = read_glossary(folder)
    plan = plan_import(glossary, read_exchange(path, glossary), [folder],
                       into=folder / "courts.toml")  # fmt: skip
    apply_import(plan, [folder])
    text = (folder / "courts.toml").read_text(encoding="utf-8")
    assert text.endswith(
        '\n\n[[concept]]\nid = "voter"\nsubject = "elections"\ndefinition = "One who votes."\n'
        'kk = [{ text = "сайлаушы", review = "proposed" }]\n'
    )


def test_apply_refuses_a_result_that_breaks_the_rules(folder: Path, tmp_path: Path) -> None:
    """A new term mixing Latin and Cyrillic letters stops the apply; no file is touched."""
    before = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.toml")}
    plan = plan_text(folder, tmp_path, "x.csv", "id,kk\nmediation,медиaция [admitted]\n")
    assert len(plan.changes) == 1
    with pytest.raises(GlossaryError, match=r"courts.toml:\d+: kk term 'медиaция'"):
        apply_import(plan, [folder])
    assert {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.toml")} == before


def test_unknown_extension_is_rejected(tmp_path: Path) -> None:
    """A file whose format cannot be told from its name asks for --format."""
    path = tmp_path / "g.docx"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(ExchangeFormatError, match="pass --format"):
        read_exchange(path, read_glossary(EXCHANGE / "glossary"))


# --- files other tools write, review states ---------------------------------------------------

CSV2TBX = Path(sys.executable).parent / "csv2tbx"


def _csv2tbx(tmp_path: Path, rows: list[tuple[str, str]]) -> Path:
    csv_path, tbx_path = tmp_path / "terms.csv", tmp_path / "terms.tbx"
    csv_path.write_text(
        '"source","target"\n' + "".join(f'"{s}","{t}"\n' for s, t in rows), encoding="utf-8"
    )
    subprocess.run(
        [str(CSV2TBX), "--progress=none", str(csv_path), str(tbx_path)],
        check=True,
        capture_output=True,
    )
    return tbx_path


@pytest.mark.parametrize("pair", [None, ("kk", "en")])
def test_csv2tbx_labels_and_ids_are_read_right(
    folder: Path, tmp_path: Path, pair: tuple[str, str] | None
) -> None:
    """csv2tbx's en/xx labels on kk/en terms are read as kk and en; its term-text ids remade."""
    tbx = _csv2tbx(
        tmp_path,
        [
            ("үкіметтік емес ұйым", "non-governmental organization"),
            ("азаматтық бақылау", "civic oversight"),
        ],
    )
    assert b'xml:lang="xx"' in tbx.read_bytes() and b'id="' in tbx.read_bytes()
    glossary = read_glossary(folder)
    records = read_exchange(tbx, glossary, pair=pair)
    assert [[(t.lang, t.text) for t in r.terms] for r in records] == [
        [("kk", "үкіметтік емес ұйым"), ("en", "non-governmental organization")],
        [("kk", "азаматтық бақылау"), ("en", "civic oversight")],
    ]
    plan = plan_import(glossary, records, [folder])
    assert plan.changes == []  # the first row is the ngo concept as the glossary has it
    [conflict] = plan.conflicts
    assert conflict.message.startswith("new concept 'civic-oversight' has no definition")


def test_bilingual_pair_is_refused_for_a_multilingual_tbx(folder: Path, tmp_path: Path) -> None:
    """--from/--to on a TBX with more than two languages is an error that says so."""
    glossary = read_glossary(folder)
    path = tmp_path / "g.tbx"
    (data,) = generate_export(glossary, "tbx").values()
    path.write_bytes(data)
    with pytest.raises(ExchangeFormatError, match=r"g\.tbx:\d+: --from and --to name the two"):
        read_exchange(path, glossary, pair=("kk", "en"))


def test_a_dropped_review_note_does_not_approve_a_term(folder: Path, tmp_path: Path) -> None:
    """A TBX whose 'termguard: review=proposed' notes a tool removed leaves proposed terms be."""
    glossary = read_glossary(folder)
    (data,) = generate_export(glossary, "tbx").values()
    assert b"review=proposed" in data
    stripped = re.sub(rb"\s*<note>termguard:[^<]*</note>", b"", data)
    path = tmp_path / "passed-through.tbx"
    path.write_bytes(stripped)
    plan = plan_import(glossary, read_exchange(path, glossary), [folder])
    assert plan.changes  # what else the notes said is lost (forbidden reads as deprecated) ...
    assert [c.describe() for c in plan.changes if c.field == "review"] == []  # ... not review


def test_a_file_that_says_approved_approves(folder: Path, tmp_path: Path) -> None:
    """A translator's new term is proposed; written with [approved] it comes in approved."""
    proposed = plan_text(folder, tmp_path, "a.csv", "id,th\npublic-hearings,การรับฟัง\n")
    approved = plan_text(folder, tmp_path, "b.csv", "id,th\npublic-hearings,การรับฟัง [approved]\n")
    assert [c.new.review for c in proposed.changes] == ["proposed"]
    assert [c.new.review for c in approved.changes] == ["approved"]
    th = 'th = [{ text = "องค์กรพัฒนาเอกชน", review = "proposed" }]'
    assert th in (folder / "civil-society.toml").read_text(encoding="utf-8")
    lowered = plan_text(folder, tmp_path, "c.csv", "id,th\nngo,องค์กรพัฒนาเอกชน\n")
    assert lowered.summary() == ["no changes"]
