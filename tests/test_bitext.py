"""Tests of termguard.bitext: every format gives the same pairs; bad input stops at path:line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from termguard.bitext import (
    Pair,
    guess_lang,
    lang_code,
    lang_from_name,
    read_aligned,
    read_bitext,
    read_file,
)
from termguard.errors import InputError

FORMATS = Path(__file__).parent / "data" / "check" / "formats"
EXPECTED = [
    ("The NGO met the akim.", "ҮЕҰ әкім мен кездесті."),
    ("Civil society grew by 1.8% in 2019.", "Азаматтық қоғам 2019 жылы 1,8%-ға өсті."),
    ("Mediation is free.", "Медиация тегін."),
]


def _texts(pairs: list[Pair]) -> list[tuple[str, str]]:
    return [(p.source, p.target) for p in pairs]


@pytest.mark.parametrize("name", ["news.en-kk.po", "news.tsv", "news-1.2.xlf", "news-2.0.xlf"])
def test_every_format_reads_the_same_pairs(name: str) -> None:
    """.po, TSV, XLIFF 1.2 and XLIFF 2.0 holding the same text give the same en->kk pairs."""
    pairs = read_bitext(FORMATS / name)
    assert _texts(pairs) == EXPECTED
    assert {(p.src_lang, p.tgt_lang, p.path) for p in pairs} == {("en", "kk", str(FORMATS / name))}


def test_tmx_gives_a_pair_per_target_language_unless_one_is_chosen() -> None:
    """A TMX with kk and ru targets gives both; --to kk keeps only kk, with the tuid as id."""
    pairs = read_bitext(FORMATS / "news.tmx")
    assert sorted({p.tgt_lang for p in pairs}) == ["kk", "ru"]
    kk = read_bitext(FORMATS / "news.tmx", tgt_lang="kk")
    assert _texts(kk) == EXPECTED
    assert [(p.id, p.line) for p in kk] == [("1", 5), ("2", 10), ("3", 15)]


def test_aligned_text_files_pair_by_line_and_name_their_languages() -> None:
    """Two aligned .txt files give pairs located in the target file; languages from the names."""
    pairs = read_aligned(FORMATS / "news.en.txt", FORMATS / "news.kk.txt")
    assert _texts(pairs) == EXPECTED
    assert [(p.line, p.src_lang, p.tgt_lang) for p in pairs] == [
        (1, "en", "kk"),
        (2, "en", "kk"),
        (3, "en", "kk"),
    ]
    assert pairs[0].path == str(FORMATS / "news.kk.txt")


def test_po_lines_flags_and_plurals(tmp_path: Path) -> None:
    """.po pairs carry the msgid line and format flags; plural forms pair with msgid_plural."""
    po = tmp_path / "a.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: kk\\n"\n"X-Source-Language: en\\n"\n\n'
        '#: src/a.c:1\n#, c-format\nmsgid "Hello %s"\nmsgstr "Сәлем %s"\n\n'
        'msgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "%d файл"\n\n'
        '#, fuzzy\nmsgid "Draft"\nmsgstr "Жоба"\n\n#~ msgid "Old"\n#~ msgstr "Ескі"\n',
        encoding="utf-8",
    )
    pairs = read_bitext(po)
    assert [(p.line, p.source, p.target, p.flags) for p in pairs] == [
        (8, "Hello %s", "Сәлем %s", ("c-format",)),
        (12, "%d files", "%d файл", ()),
    ]


def test_languages_come_from_options_then_file_then_script(tmp_path: Path) -> None:
    """Options override the header; a TSV without a header gets languages from its script."""
    tsv = tmp_path / "a.tsv"
    tsv.write_text("Hello\tСәлеметсіз бе\nThe NGO\tҮЕҰ\n", encoding="utf-8")
    assert {(p.src_lang, p.tgt_lang) for p in read_bitext(tsv)} == {("en", "kk")}
    assert {(p.src_lang, p.tgt_lang) for p in read_bitext(tsv, tgt_lang="ru")} == {("en", "ru")}


def test_language_tags_and_file_names() -> None:
    """kk-KZ, kaz_Cyrl, rus and th map to termguard codes; file names state languages."""
    assert [lang_code(t) for t in ("kk-KZ", "kaz_Cyrl", "rus", "th", "de", None)] == [
        "kk",
        "kk",
        "ru",
        "th",
        None,
        None,
    ]
    assert lang_from_name("newstest2019-ref.kaz.txt") == "kk"
    assert lang_from_name("eng_Latn.devtest") == "en"
    assert lang_from_name("notes.txt") is None


def test_script_tells_kazakh_from_russian() -> None:
    """Kazakh letters make Cyrillic text kk; without them it is ru; Thai and Latin are th and en."""
    assert guess_lang(["Үкіметтік емес ұйымдар жиналды."]) == "kk"
    assert guess_lang(["Неправительственные организации собрались."]) == "ru"
    assert guess_lang(["องค์กรพัฒนาเอกชน"]) == "th"
    assert guess_lang(["12 345"]) is None


def test_xliff_inline_codes_are_kept_as_markup(tmp_path: Path) -> None:
    """XLIFF inline codes come through as <g id>/<x id> markup for the placeholder check."""
    xlf = tmp_path / "a.xlf"
    xlf.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="a" source-language="en-US" target-language="ru-RU" datatype="plaintext">'
        '<body>\n<trans-unit id="t1"><source>The <g id="1">NGO</g> said<x id="2"/>.</source>'
        '<target><g id="1">НПО</g> заявила.</target></trans-unit>\n'
        '<trans-unit id="t2" translate="no"><source>CODE</source></trans-unit>\n'
        "</body></file></xliff>\n",
        encoding="utf-8",
    )
    [pair] = read_bitext(xlf)
    assert (pair.source, pair.target) == (
        'The <g id="1">NGO</g> said<x id="2"/>.',
        '<g id="1">НПО</g> заявила.',
    )
    assert (pair.id, pair.line, pair.src_lang, pair.tgt_lang) == ("t1", 4, "en", "ru")


# --- bad input --------------------------------------------------------------------------------


def _raises(path: Path, match: str, **kwargs: str) -> InputError:
    with pytest.raises(InputError, match=match) as info:
        read_bitext(path, **kwargs)
    return info.value


def test_cp1251_file_is_refused_with_its_line_and_a_conversion_hint(tmp_path: Path) -> None:
    """A TSV in cp1251 stops the read at the first bad line, naming the encoding to convert from."""
    tsv = tmp_path / "a.tsv"
    tsv.write_bytes("en\tru\nHello\tПривет, как дела у вас сегодня?\n".encode("cp1251"))
    err = _raises(
        tsv,
        r"a\.tsv:2: not valid utf-8 \(byte 0xCF\); it looks like cp1251: "
        r"convert it with `iconv -f cp1251 -t UTF-8`",
    )
    assert err.lineno == 2


def test_double_encoded_text_is_refused(tmp_path: Path) -> None:
    """UTF-8 read as cp1251 and saved again (mojibake) is found and shown decoded."""
    tsv = tmp_path / "a.tsv"
    tsv.write_text("en\tru\nHello\t" + "Привет".encode().decode("cp1251") + "\n", encoding="utf-8")
    _raises(
        tsv,
        r"a\.tsv:2: text is double-encoded: 'РџСЂРёРІРµС‚' is 'Привет' "
        r"\(UTF-8 read as cp1251\); export the file again as UTF-8",
    )


def test_replacement_characters_and_utf16_without_bom_are_refused(tmp_path: Path) -> None:
    """U+FFFD (text already lost) and NUL bytes (UTF-16 without BOM) stop the read."""
    lost = tmp_path / "lost.tsv"
    lost.write_text("en\tkk\nHello\tС\ufffdлем\n", encoding="utf-8")
    _raises(lost, r"lost\.tsv:2: contains U\+FFFD replacement characters")
    utf16 = tmp_path / "wide.tsv"
    utf16.write_bytes("en\tkk\nHello\tСәлем\n".encode("utf-16-le"))
    _raises(utf16, r"wide\.tsv: the file is UTF-16LE without a byte-order mark")


def test_utf16_tmx_with_bom_is_read(tmp_path: Path) -> None:
    """A UTF-16 TMX with a byte-order mark (as CAT tools write it) is read."""
    text = (FORMATS / "news.tmx").read_text(encoding="utf-8").replace('"UTF-8"', '"UTF-16"')
    tmx = tmp_path / "a.tmx"
    tmx.write_bytes(text.encode("utf-16"))
    assert _texts(read_bitext(tmx, tgt_lang="kk")) == EXPECTED


def test_declared_po_charset_is_honoured(tmp_path: Path) -> None:
    """A .po declaring charset=CP1251 is decoded with it."""
    po = tmp_path / "a.po"
    po.write_bytes(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=CP1251\\n"\n\n'
        'msgid "Hello"\nmsgstr "Привет"\n'.encode("cp1251")
    )
    assert _texts(read_bitext(po, src_lang="en")) == [("Hello", "Привет")]


def test_po_string_without_closing_quote_is_refused(tmp_path: Path) -> None:
    """An unterminated .po string (which polib would read as empty) stops the read at its line."""
    po = tmp_path / "a.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: kk\\n"\n\nmsgid "Hello"\nmsgstr "Сәлем\n', encoding="utf-8"
    )
    _raises(
        po,
        r"a\.po:6: not a valid \.po catalog \(a string without its closing quote\)",
        src_lang="en",
    )


def test_malformed_xml_names_its_line(tmp_path: Path) -> None:
    """Broken XLIFF markup is an InputError at the line lxml reports."""
    xlf = tmp_path / "a.xlf"
    xlf.write_text(
        '<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n', encoding="utf-8"
    )
    err = _raises(xlf, r"a\.xlf:4: not well-formed XML")
    assert err.lineno == 4


def test_wrong_column_count_names_the_line(tmp_path: Path) -> None:
    """A TSV line with three columns under a two-language header is refused at its line."""
    tsv = tmp_path / "a.tsv"
    tsv.write_text("en\tkk\nHello\tСәлем\nA\tB\tC\n", encoding="utf-8")
    _raises(tsv, r"a\.tsv:3: expected 2 tab-separated columns, found 3")


def test_aligned_files_of_different_length_are_refused(tmp_path: Path) -> None:
    """Aligned files must have the same number of lines; the shorter one is named."""
    (tmp_path / "a.en.txt").write_text("One\nTwo\nThree\n", encoding="utf-8")
    (tmp_path / "a.kk.txt").write_text("Бір\nЕкі\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.kk\.txt:3: has 2 lines but .* has 3"):
        read_aligned(tmp_path / "a.en.txt", tmp_path / "a.kk.txt")


def test_unknown_extension_and_missing_language_are_refused(tmp_path: Path) -> None:
    """An unknown file type, and a language that cannot be told, are InputErrors with a hint."""
    doc = tmp_path / "a.docx"
    doc.write_text("x", encoding="utf-8")
    _raises(doc, r"a\.docx: unknown file type; use \.po, \.tsv")
    tsv = tmp_path / "n.tsv"
    tsv.write_text("1\t2\n", encoding="utf-8")
    _raises(tsv, r"n\.tsv: cannot tell the source language; pass --from kk\|ru\|th\|en")
    _raises(tmp_path / "missing.po", r"missing\.po: no such file; check the path")


def test_kyrgyz_is_neither_kazakh_nor_russian() -> None:
    """Cyrillic with ң ө ү but no ә ғ қ ұ і is Kyrgyz: the guess is None, not kk or ru."""
    from termguard.bitext import kyrgyz

    text = "Өкмөттүк эмес уюмдардын өкүлдөрү жыйналышка катышты."
    assert guess_lang([text]) is None
    assert kyrgyz(text)
    assert not kyrgyz("Үкіметтік емес ұйымдардың өкілдері жиналды.")


# --- files other tools write ------------------------------------------------------------------

TOOLS = Path(sys.executable).parent
PROJECT_GLOSSARY = Path(__file__).parent.parent / "glossary"
PLURAL_PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
    '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
    'msgid "The assembly met."\nmsgstr "Ассамблея собралась."\n\n'
    'msgid "Mediation is free."\nmsgstr "Медиация бесплатна."\n\n'
    '#, fuzzy\nmsgid "The akim spoke."\nmsgstr "Аким выступил."\n\n'
    'msgid "%d NGO took part."\nmsgid_plural "%d NGOs took part."\n'
    'msgstr[0] "Участвовала %d НГО."\nmsgstr[1] "Участвовали %d НГО."\n'
    'msgstr[2] "Участвовали %d НГО."\n'
)


def _tool(name: str, *args: str) -> None:
    subprocess.run([str(TOOLS / name), "--progress=none", *args], check=True, capture_output=True)


def test_po2xliff_plural_units_are_read_like_po_plurals(tmp_path: Path) -> None:
    """Every plural form of a po2xliff group pairs with the plural source, and is checked."""
    (tmp_path / "a.po").write_text(PLURAL_PO, encoding="utf-8")
    _tool("po2xliff", str(tmp_path / "a.po"), str(tmp_path / "a.xlf"))
    found = read_file(tmp_path / "a.xlf")
    assert (found.units, found.skipped, found.warnings) == (4, (("draft", 1),), ())
    plural = [p for p in found.pairs if p.id.endswith("]")]
    assert [(p.source, p.target) for p in plural] == [
        ("%d NGOs took part.", "Участвовала %d НГО."),
        ("%d NGOs took part.", "Участвовали %d НГО."),
        ("%d NGOs took part.", "Участвовали %d НГО."),
    ]
    from termguard.check import run_check
    from termguard.glossary.read import read_glossary

    report = run_check(found.pairs, read_glossary(PROJECT_GLOSSARY))
    deprecated = [f for f in report.findings if f.check == "term-deprecated"]
    assert [(f.line, f.span) for f in deprecated] == [(p.line, "НГО") for p in plural]
    assert {f.check for f in report.findings} == {"term-deprecated"}


def test_xliff_drafts_are_skipped_unless_include_fuzzy(tmp_path: Path) -> None:
    """A fuzzy entry made into XLIFF (approved="no", needs-translation) is a draft."""
    (tmp_path / "a.po").write_text(PLURAL_PO, encoding="utf-8")
    _tool("po2xliff", str(tmp_path / "a.po"), str(tmp_path / "a.xlf"))
    assert "Аким выступил." not in [p.target for p in read_bitext(tmp_path / "a.xlf")]
    drafts = read_file(tmp_path / "a.xlf", include_fuzzy=True)
    assert "Аким выступил." in [p.target for p in drafts.pairs]
    assert drafts.skipped == ()


def test_stated_source_language_loses_to_an_obvious_script(tmp_path: Path) -> None:
    """po2xliff's default source-language en-US on Kazakh text reads as kk, with a warning."""
    (tmp_path / "a.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n\n'
        'msgid "Медиация тегін."\nmsgstr "Медиация бесплатна."\n',
        encoding="utf-8",
    )
    _tool("po2xliff", str(tmp_path / "a.po"), str(tmp_path / "a.xlf"))
    assert b'source-language="en-US"' in (tmp_path / "a.xlf").read_bytes()
    found = read_file(tmp_path / "a.xlf")
    assert {(p.src_lang, p.tgt_lang) for p in found.pairs} == {("kk", "ru")}
    assert found.warnings == (
        f"{tmp_path / 'a.xlf'}: the XLIFF source-language says the source language is en, but "
        "the text is Cyrillic: read as kk; pass --from to choose",
    )
    given = read_file(tmp_path / "a.xlf", src_lang="kk")
    assert given.warnings == () and given.pairs[0].src_lang == "kk"


def test_old_tmx_lang_attribute_is_read(tmp_path: Path) -> None:
    """<tuv lang="..."> (TMX 1.1, still written by older tools) counts like xml:lang."""
    tmx = tmp_path / "old.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.1"><header srclang="en" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
        'creationtoolversion="1"/><body>\n'
        '<tu><tuv lang="en"><seg>Mediation is free.</seg></tuv>'
        '<tuv lang="kk"><seg>Медиация тегін.</seg></tuv></tu>\n'
        '<tu><tuv lang="en"><seg>The NGO met.</seg></tuv>'
        '<tuv lang="ru"><seg>НПО встретилась.</seg></tuv></tu>\n</body></tmx>\n',
        encoding="utf-8",
    )
    assert _texts(read_bitext(tmx)) == [
        ("Mediation is free.", "Медиация тегін."),
        ("The NGO met.", "НПО встретилась."),
    ]
    only_kk = read_file(tmx, tgt_lang="kk")
    assert len(only_kk.pairs) == 1
    assert only_kk.warnings == (f"{tmx}: 1 of 2 units read; skipped 1 with no kk text",)


def test_po2tmx_output_is_read(tmp_path: Path) -> None:
    """A TMX made by po2tmx gives the catalog's translated pairs, plural forms included."""
    (tmp_path / "a.po").write_text(PLURAL_PO, encoding="utf-8")
    _tool("po2tmx", "-l", "ru", str(tmp_path / "a.po"), str(tmp_path / "a.tmx"))
    pairs = read_bitext(tmp_path / "a.tmx")
    assert ("The assembly met.", "Ассамблея собралась.") in _texts(pairs)
    assert {(p.src_lang, p.tgt_lang) for p in pairs} == {("en", "ru")}


@pytest.mark.parametrize(
    "header", ["source\ttarget", "Source\tTarget", "src\ttgt", "en\tkk", "id\tsource\ttarget"]
)
def test_tsv_header_row_is_not_read_as_data(tmp_path: Path, header: str) -> None:
    """A first row of column names or language codes is a header, not a pair."""
    tsv = tmp_path / "a.tsv"
    cells = "7\t" if header.startswith("id") else ""
    tsv.write_text(f"{header}\n{cells}Mediation is free.\tМедиация тегін.\n", encoding="utf-8")
    [pair] = read_bitext(tsv)
    assert (pair.source, pair.target, pair.src_lang, pair.tgt_lang) == (
        "Mediation is free.",
        "Медиация тегін.",
        "en",
        "kk",
    )
    assert pair.id == ("7" if cells else "2")


def test_tsv_escapes_are_read(tmp_path: Path) -> None:
    r"""\t, \n and \\ in a TSV cell are a tab, a newline and a backslash."""
    tsv = tmp_path / "a.tsv"
    tsv.write_text("en\tkk\nOne\\ttwo\\nthree\\\\n\tБір\\tекі\n", encoding="utf-8")
    [pair] = read_bitext(tsv)
    assert (pair.source, pair.target) == ("One\ttwo\nthree\\n", "Бір\tекі")
