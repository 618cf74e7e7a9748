"""The glossary's check policy in `check`: levels, scope, renderings, dates, short forms, nesting.

Texts are lines of NTREX-128 (CC BY-SA 4.0) and WMT19 kk-en (see tests/data/judged/README.md)
unless they say otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from termguard.bitext import Pair, read_bitext
from termguard.checks import Finding, run_check
from termguard.glossary.model import Glossary, Term
from termguard.matching import find_terms
from termguard.testing import make_glossary


def _pair(source: str, target: str, src: str, tgt: str, line: int = 1, **kw: str) -> Pair:
    return Pair(source, target, src, tgt, kw.pop("path", "doc.txt"), line, str(line), **kw)


def _check(pairs: list[Pair], glossary: Glossary, **kw: object) -> list[Finding]:
    return list(run_check(pairs, glossary, **kw).findings)  # type: ignore[arg-type]


def _ids(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.check, f.concept) for f in findings]


def test_an_advisory_concept_never_raises_term_missing(project_glossary: Glossary) -> None:
    """'Louisiana State Police' rendered штаты is no missing 'state' (an advisory concept)."""
    pair = _pair(
        "The department is crediting the Louisiana State Police fugitive task force.",
        "Департамент Луизиана штатының жедел полиция бөлімшесін атап өтті.",
        "en",
        "kk",
    )
    assert project_glossary["state"].policy.check == "advisory"
    assert _check([pair], project_glossary) == []


def test_a_kazakhstani_body_applies_only_in_documents_about_kazakhstan(
    project_glossary: Glossary,
) -> None:
    """'Supreme Court nominee Brett Kavanaugh' needs no Kazakhstani Supreme Court, unless the
    document is declared to be about Kazakhstan."""
    source = "Supreme Court nominee Brett Kavanaugh testified on Thursday."
    pair = _pair(source, "Кандидат Бретт Кавано бейсенбі күні куәлік берді.", "en", "kk")
    assert _check([pair], project_glossary) == []
    found = _check([pair], project_glossary, about_kz={"doc.txt"})
    assert ("term-missing", "supreme-court-of-kazakhstan") in _ids(found)


def test_a_kazakhstani_name_nearby_brings_kazakhstans_bodies_into_scope(
    project_glossary: Glossary,
) -> None:
    """A Supreme Court two lines after Kazakhstan is named is Kazakhstan's; 40 lines on, not."""
    named = _pair("Kazakhstan adopted a new law.", "Қазақстан жаңа заң қабылдады.", "en", "kk", 1)
    near = _pair("The Supreme Court ruled.", "Сот шешім шығарды.", "en", "kk", 3)
    far = _pair("The Supreme Court ruled.", "Сот шешім шығарды.", "en", "kk", 41)
    filler = [_pair(f"Line {i}.", f"Жол {i}.", "en", "kk", i) for i in range(4, 41)]
    found = _check([named, near, far, *filler], project_glossary)
    assert [(f.line, f.concept) for f in found if f.check == "term-missing"] == [
        (3, "supreme-court-of-kazakhstan")
    ]


def test_derived_forms_render_their_concept(project_glossary: Glossary) -> None:
    """казахстанская (WMT19-style Russian) renders Kazakhstan; the Republic is not missing."""
    pair = _pair(
        "Қазақстан экономикасы өсіп келеді.", "Казахстанская экономика растёт.", "kk", "ru"
    )
    assert _check([pair], project_glossary) == []


def test_a_declared_equivalent_renders_the_concept(project_glossary: Glossary) -> None:
    """облыс әкімі rendered 'Akim of the region' or 'akim' is rendered (akim is its equivalent)."""
    pair = _pair(
        "Облыс әкімі Асқар Мырзахметов конференцияны қорытындылады.",
        "Akim Askar Myrzakhmetov summarized the conference.",
        "kk",
        "en",
    )
    assert _check([pair], project_glossary, about_kz={"doc.txt"}) == []


def test_a_part_of_a_title_does_not_render_the_title(project_glossary: Glossary) -> None:
    """'Foreign Minister' translated Премьер Министрі (Prime Minister) is missing (NTREX 629)."""
    pair = _pair(
        "North Korean Foreign Minister Ri Yong Ho says his nation will never disarm first.",
        "Солтүстік Кореяның Премьер Министрі Ри Янг Хо ешқашан бірінші қарусызданбайды деді.",
        "en",
        "kk",
    )
    assert ("term-missing", "minister-of-foreign-affairs") in _ids(_check([pair], project_glossary))


@pytest.mark.parametrize(
    ("text", "lang", "concept"),
    [
        ("босқындардың елге ерікті түрде қайтарылуы үшін", "kk", "volunteer"),
        ("ерікті қуғынға ұшыраған көшбасшылары", "kk", "volunteer"),
        ("Батыс Қазақстан мен Павлодар облыстары", "kk", "republic-of-kazakhstan"),
        ("Вчера Акимов сказал журналистам", "ru", "akim"),
        ("В НПО «Алтай» работают 500 человек.", "ru", "ngo"),
    ],
)
def test_a_term_inside_an_excluded_collocation_is_not_its_concept(
    text: str, lang: str, concept: str, project_glossary: Glossary
) -> None:
    """The concept's `exclude` collocations are no hits of it (ерікті түрде is 'voluntarily')."""
    assert concept not in {h.concept for h in find_terms(text, lang, project_glossary)}


def test_almaty_after_a_pm_time_is_found(project_glossary: Glossary) -> None:
    """'2:42 PM Almaty time' (WMT19 kk-en 325): PM is no name before Almaty."""
    text = "registered the earthquake on November 6th at 2:42 PM Almaty time."
    assert "almaty" in {h.concept for h in find_terms(text, "en", project_glossary)}


def test_ru_eu_before_a_quotation_is_found(project_glossary: Glossary) -> None:
    """ЕС right before a quotation in lower case is the EU (NTREX ru 1288); ВКО «Алмаз-Антей» is
    still a company's name, no region."""
    text = "о будущих отношениях с ЕС «точно откалиброван, чтобы избежать этих проверок»."
    assert "european-union" in {h.concept for h in find_terms(text, "ru", project_glossary)}
    company = find_terms("концерн ВКО «Алмаз-Антей»", "ru", project_glossary)
    assert "east-kazakhstan-region" not in {h.concept for h in company}


def test_a_hit_carries_the_concepts_inside_it(project_glossary: Glossary) -> None:
    """Қазақстан халқы Ассамблеясы Кеңесінің is the Council, with the APK and Kazakhstan inside."""
    [hit] = find_terms("Қазақстан халқы Ассамблеясы Кеңесінің отырысы", "kk", project_glossary)
    assert hit.concept == "council-of-the-assembly"
    assert {n.concept for n in hit.nested} == {
        "assembly-of-people-of-kazakhstan",
        "republic-of-kazakhstan",
    }


def test_a_deprecated_term_nested_in_a_longer_one_is_reported(tmp_path: Path) -> None:
    """A deprecated name inside a longer term is term-deprecated, though the longer term won."""
    glossary = make_glossary(
        """
subject = "test"
[[concept]]
id = "council"
definition = "A council of the assembly."
kk = [{ text = "Ассамблея кеңесі" }]
en = [{ text = "Council of the Old Assembly" }]
[[concept]]
id = "assembly"
definition = "The assembly."
kk = [{ text = "Ассамблея" }]
en = [{ text = "Assembly" }, { text = "Old Assembly", status = "deprecated" }]
""",
        tmp_path,
    )
    pair = _pair("Ассамблея кеңесі жиналды.", "The Council of the Old Assembly met.", "kk", "en")
    [hit] = find_terms(pair.target, "en", glossary)
    assert hit.concept == "council"
    assert ("term-deprecated", "assembly") in _ids(_check([pair], glossary))


NUR_OTAN = (
    "Жамбыл облыстық «Нұр Отан» партиясы хабарлады.",
    'Zhambyl regional branch of "Nur Otan" Party reported.',
)


def test_a_dated_name_valid_on_the_documents_date_passes(project_glossary: Glossary) -> None:
    """Nur Otan in a 2019 article is the party's name then (WMT19 kk-en 121): no finding."""
    pair = _pair(*NUR_OTAN, "kk", "en", date="2019")
    assert _check([pair], project_glossary, about_kz={"doc.txt"}) == []


def test_a_dated_name_after_its_end_is_deprecated_with_the_name_of_that_date(
    project_glossary: Glossary,
) -> None:
    """Nur Otan in a 2023 article is term-deprecated, suggesting AMANAT."""
    pair = _pair(*NUR_OTAN, "kk", "en", date="2023-05-01")
    [f] = [f for f in _check([pair], project_glossary, about_kz={"doc.txt"}) if f.span]
    assert (f.check, f.suggestion) == ("term-deprecated", "AMANAT party")
    assert "2023-05-01" in f.message


def test_a_current_name_before_it_took_effect_is_deprecated(project_glossary: Glossary) -> None:
    """AMANAT in a 2019 article is not yet the name: term-deprecated, suggesting Nur Otan."""
    pair = _pair(
        "Жамбыл облыстық «Нұр Отан» партиясы хабарлады.",
        "Zhambyl regional branch of the AMANAT party reported.",
        "kk",
        "en",
        date="2019-05-01",
    )
    found = _check([pair], project_glossary, about_kz={"doc.txt"})
    assert [(f.check, f.suggestion) for f in found] == [("term-deprecated", "Nur Otan")]


def test_without_a_date_a_dated_name_keeps_its_status_with_a_note(
    project_glossary: Glossary,
) -> None:
    """With no date, Nur Otan is deprecated, and the finding says when it was right."""
    pair = _pair(*NUR_OTAN, "kk", "en")
    [f] = _check([pair], project_glossary, about_kz={"doc.txt"})
    assert f.check == "term-deprecated"
    assert "valid 2006-12-22 to 2022-03-01; the document has no date" in f.message


def test_an_uncertain_boundary_passes_both_names_in_its_year() -> None:
    """A boundary marked uncertain lets the old name pass all year; a sure one does not."""
    sure = Term("Nur Otan", "en", valid_until="2022-03-01")
    loose = Term("Nur Otan", "en", valid_until="2022-03-01", date_uncertain=True)
    assert not sure.valid_on("2022-06-01")
    assert loose.valid_on("2022-06-01")
    assert not loose.valid_on("2023-01-01")
    assert sure.valid_on("2022")  # a year alone is never held to a day


def test_a_po_header_gives_the_catalogs_date(tmp_path: Path) -> None:
    """X-Termguard-Date in a catalog's header dates every pair of it."""
    po = tmp_path / "a.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: kk\\n"\n'
        '"X-Termguard-Date: 2019-05-01\\n"\n\nmsgid "Сәлем"\nmsgstr "Hello"\n',
        encoding="utf-8",
    )
    assert [p.date for p in read_bitext(po)] == ["2019-05-01"]


@pytest.mark.parametrize("date", ["2019-13-45", "2019-02-30", "2019-5-1", "１９９９", "May 2019"])
def test_a_date_that_is_no_calendar_date_is_refused_everywhere(tmp_path: Path, date: str) -> None:
    """--date and X-Termguard-Date take calendar dates only, and say how to write one."""
    from click.testing import CliRunner

    from termguard.cli import cli
    from termguard.errors import InputError

    po = tmp_path / "a.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: kk\\n"\n'
        f'"X-Termguard-Date: {date}\\n"\n\nmsgid "Сәлем"\nmsgstr "Hello"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="is not a date; write it as 2019-05-01 or 2019"):
        read_bitext(po)
    tsv = tmp_path / "a.tsv"
    tsv.write_text("Hello\tПривет\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", str(tsv), "--from", "en", "--to", "ru", "--date", date]
    )
    assert result.exit_code == 2 and "is not a date; write 2019-05-01 or 2019" in result.output


def test_a_date_on_the_first_lines_of_an_article_is_its_date() -> None:
    """A dateline (21.01.2004 or 2004-01-21) in the first lines dates the article."""
    from termguard.checks.context import article_date

    assert article_date(["Елімізде ҮЕҰ қауымдастығы құрылды", "21.01.2004 12:30"]) == "2004-01-21"
    assert article_date(["no date here"] * 10 + ["2004-01-21"]) == ""


def test_a_short_form_counts_only_after_the_full_form(project_glossary: Glossary) -> None:
    """A capitalised Ассамблея after the APK's full name is the APK (its rendering is required);
    in a document without the full name it is nothing."""
    full = _pair(
        "Қазақстан халқы Ассамблеясының сессиясы өтті.",
        "A session of the Assembly of People of Kazakhstan was held.",
        "kk",
        "en",
        1,
    )
    short = _pair("Ассамблея жаңа жоба ұсынды.", "It proposed a new project.", "kk", "en", 2)
    found = _check([full, short], project_glossary)
    assert ("term-missing", "assembly-of-people-of-kazakhstan") in _ids(
        [f for f in found if f.line == 2]
    )
    alone = _pair(
        "Ассамблея жаңа жоба ұсынды.", "It proposed a new project.", "kk", "en", 1, path="b.txt"
    )
    assert _check([alone], project_glossary) == []


def test_a_short_form_in_the_target_renders_the_concept_after_its_full_form(
    project_glossary: Glossary,
) -> None:
    """'the Assembly' after the full name renders the APK's short form Ассамблея."""
    full = _pair(
        "Қазақстан халқы Ассамблеясының сессиясы өтті.",
        "A session of the Assembly of People of Kazakhstan was held.",
        "kk",
        "en",
        1,
    )
    short = _pair(
        "Ассамблея жаңа жоба ұсынды.", "The Assembly proposed a new project.", "kk", "en", 2
    )
    assert _check([full, short], project_glossary) == []


def test_a_near_miss_of_a_deprecated_spelling_is_not_reported(project_glossary: Glossary) -> None:
    """'Independent Kazakhstan' (WMT19 kk-en 242) is no misspelling of the deprecated Kazakstan."""
    pair = _pair(
        "Тәуелсіз Қазақстанның азаматы ретінде мен айыптаймын!",
        "As the citizen of Independent Kazakhstan, I will accuse openly!",
        "kk",
        "en",
    )
    assert [f for f in _check([pair], project_glossary) if f.check == "near-miss"] == []


def test_findings_carry_the_concepts_note_and_glossary_place(project_glossary: Glossary) -> None:
    """A finding names the concept's glossary file and line and carries its note."""
    pair = _pair(*NUR_OTAN, "kk", "en")
    [f] = _check([pair], project_glossary, about_kz={"doc.txt"})
    concept = project_glossary["amanat-party"]
    assert f.glossary == f"{concept.path}:{concept.line}"
    assert f.note == concept.note and "March 2022" in f.note


def test_a_quotation_the_source_gives_in_french_may_stay_french(
    project_glossary: Glossary,
) -> None:
    """NTREX 681 quotes 'Il faut bien le faire.' in the English source: kept, it is no
    untranslated text; an English sentence left in English (NTREX kk 1660) still is."""
    french = _pair("Il faut bien le faire.", "Il faut bien le faire.", "en", "th")
    english = (
        "Mr Bone told the Leave Means Leave rally in Solihull that he wanted to 'chuck Chequers'."
    )
    kept = _pair(english, english, "en", "kk", 2)
    assert _ids(_check([french, kept], project_glossary)) == [("untranslated", "")]
