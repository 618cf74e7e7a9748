"""Write the bad-input files of tests/data/bad/ (one file per kind of bad input).

The files are committed; this script says how each was made and rewrites them byte for byte
(run it from the repository root: `python scripts/make_bad_inputs.py`). Big inputs (a huge line)
are not committed: the test makes them. The text inside is a sentence of seed 001 and the
sentences of tests/data/check/formats, so a reader that gets past the damage sees real text.
"""

from __future__ import annotations

import gzip
import io
import stat
import struct
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "bad"

KK = "Жаңа Конституция – қоғамға серпін.\nМедиация тегін.\n"
RU = "Гражданское общество выросло на 1,8% в 2019 году.\nМедиация бесплатна.\n"
EN = "The NGO met the akim.\nMediation is free.\n"
DATE = (2000, 1, 1, 0, 0, 0)

BILLION_LAUGHS = """<!DOCTYPE {root} [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""
XXE = """<!DOCTYPE {root} [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
"""
XXE_PARAMETER = """<!DOCTYPE {root} [
  <!ENTITY % remote SYSTEM "file:///etc/passwd">
  %remote;
]>
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
{doctype}<tmx version="1.4">
  <header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x"
          creationtool="x" creationtoolversion="1"/>
  <body>
    <tu tuid="1">
      <tuv xml:lang="en"><seg>The NGO met the akim.</seg></tuv>
      <tuv xml:lang="kk"><seg>{target}</seg></tuv>
    </tu>
  </body>
</tmx>
"""
XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
{doctype}<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="news.txt" source-language="en" target-language="kk" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>The NGO met the akim.</source>
        <target>{target}</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""
TBX = """<?xml version="1.0" encoding="UTF-8"?>
{doctype}<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>bad input</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="ngo">
      <langSec xml:lang="en"><termSec><term>NGO</term></termSec></langSec>
      <langSec xml:lang="kk"><termSec><term>{target}</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _xml(template: str, root: str, doctype: str, target: str) -> bytes:
    return template.format(doctype=doctype.format(root=root), target=target).encode("utf-8")


def _zip(members: list[tuple[str, bytes]], **kwargs: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, **kwargs) as zf:
        for name, data in members:
            zf.writestr(zipfile.ZipInfo(name, date_time=DATE), data)
    return buf.getvalue()


def _package(top: str = "translate-kk_en-1_0", extra: list[tuple[str, bytes]] = ()) -> bytes:  # type: ignore[assignment]
    meta = b'{"package_version": "1.0", "from_code": "kk", "to_code": "en", "type": "translate"}'
    members = [
        (f"{top}/metadata.json", meta),
        (f"{top}/model/model.bin", b"\0" * 64),
        (f"{top}/sentencepiece.model", b"\0" * 64),
        *extra,
    ]
    return _zip(members)


def _symlink_package() -> bytes:
    buf = io.BytesIO(_package())
    with zipfile.ZipFile(buf, "a") as zf:
        info = zipfile.ZipInfo("translate-kk_en-1_0/model/vocab.txt", date_time=DATE)
        info.create_system = 3  # Unix, so the mode bits below are read
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    return buf.getvalue()


def _zip_bomb() -> bytes:
    """A package whose model.bin inflates from about 1 KB to 4 GiB (bzip2 of zeros)."""
    buf = io.BytesIO(_package())
    with zipfile.ZipFile(buf, "a", compression=zipfile.ZIP_BZIP2, allowZip64=True) as zf:
        info = zipfile.ZipInfo("translate-kk_en-1_0/model/shared_vocabulary.bin", date_time=DATE)
        info.compress_type = zipfile.ZIP_BZIP2
        block = b"\0" * (64 << 20)
        with zf.open(info, "w", force_zip64=True) as f:
            for _ in range(64):
                f.write(block)
    return buf.getvalue()


def _docx(doctype: str = "", text: str = "Медиация тегін.") -> bytes:
    """A minimal Word document (one paragraph) that python-docx opens."""
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + doctype.format(root="w:document")
        + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )
    return _zip(
        [
            ("[Content_Types].xml", types.encode()),
            ("_rels/.rels", rels.encode()),
            ("word/document.xml", document.encode()),
        ]
    )


def _docx_bomb() -> bytes:
    """A Word document with a picture that inflates from about 1 KB to 1 GiB."""
    buf = io.BytesIO(_docx())
    with zipfile.ZipFile(buf, "a", compression=zipfile.ZIP_BZIP2, allowZip64=True) as zf:
        info = zipfile.ZipInfo("word/media/image1.png", date_time=DATE)
        info.compress_type = zipfile.ZIP_BZIP2
        block = b"\0" * (64 << 20)
        with zf.open(info, "w", force_zip64=True) as f:
            for _ in range(16):
                f.write(block)
    return buf.getvalue()


def _mo() -> bytes:
    """A compiled gettext catalog (what msgfmt writes) with no messages."""
    return struct.pack("<7I", 0x950412DE, 0, 0, 28, 28, 0, 28)


def _xlsx(sheet: bytes) -> bytes:
    workbook = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<sheets><sheet name="glossary" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    )
    root_rels = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    types = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        b'worksheet+xml"/></Types>'
    )
    return _zip(
        [
            ("[Content_Types].xml", types),
            ("_rels/.rels", root_rels),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", rels),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
    )


def _sheet(doctype: str, value: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + doctype.format(root="worksheet")
        + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>en</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>ngo</t></is></c>'
        f'<c r="B2" t="inlineStr"><is><t>{value}</t></is></c></row></sheetData></worksheet>'
    ).encode("utf-8")


def files() -> dict[str, bytes]:
    """Every bad input by file name."""
    docx = _zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES.encode()),
            ("word/document.xml", f"<w:document><w:t>{KK}</w:t></w:document>".encode()),
        ]
    )
    odt = _zip(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", f"<office:text>{KK}</office:text>".encode()),
        ]
    )
    xlsx_good = _xlsx(_sheet("", "NGO"))
    return {
        # plain text: articles (translate, terms) and aligned text (check --source/--target)
        "empty.txt": b"",
        "blank.txt": b" \n\n\t\n",
        "binary.txt": bytes((i * 37 + 11) % 256 for i in range(2048)),
        "nul-bytes.txt": KK.encode("utf-8").replace(b" ", b"\0", 3),
        "invalid-utf8.txt": KK.encode("utf-8")[:20] + b"\xc3\x28" + KK.encode("utf-8")[20:],
        "utf16-le-no-bom.txt": KK.encode("utf-16-le"),
        "utf16-be-no-bom.txt": KK.encode("utf-16-be"),
        "cp1251.txt": RU.encode("cp1251"),
        "double-encoded.txt": RU.encode("utf-8").decode("cp1251").encode("utf-8"),
        # other kinds of file given as an article
        "article.docx": docx,
        "article.odt": odt,
        "article.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
        "photo.png": b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + bytes(17),
        "photo.jpg": b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01" + bytes(32),
        "logo.gif": b"GIF89a\x01\0\x01\0\0\0\0;",
        "article.txt.gz": gzip.compress(KK.encode("utf-8"), mtime=0),
        "a.out": b"\x7fELF\x02\x01\x01" + bytes(57),
        # Word documents (translate, terms, check --source/--target read them)
        "billion-laughs.docx": _docx(BILLION_LAUGHS, "&lol9;"),
        "xxe.docx": _docx(XXE, "&xxe;"),
        "zip-bomb.docx": _docx_bomb(),
        # catalogs and parallel text (check)
        "unclosed-quote.po": 'msgid ""\nmsgstr ""\n"Language: kk\\n"\n\nmsgid "The NGO'
        '\nmsgstr "ҮЕҰ"\n'.encode(),
        "garbage.po": b'msgid ""\nmsgstr ""\n\nthis is not a catalog\nmsgid "a"\nmsgstr "b"\n',
        "unknown-charset.po": b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=NOPE-9\\n"'
        b'\n"Language: kk\\n"\n\nmsgid "The NGO met the akim."\nmsgstr "x"\n',
        "compiled.po": _mo(),
        "three-columns.tsv": "The NGO met the akim.\tҮЕҰ әкім мен кездесті.\textra\n".encode(),
        "unclosed-tag.tmx": _xml(TMX, "tmx", "", "ҮЕҰ").replace(b"</seg></tuv>\n    </tu>", b""),
        "billion-laughs.tmx": _xml(TMX, "tmx", BILLION_LAUGHS, "&lol9;"),
        "xxe.tmx": _xml(TMX, "tmx", XXE, "&xxe;"),
        "xxe-parameter.tmx": _xml(TMX, "tmx", XXE_PARAMETER, "ҮЕҰ"),
        "unclosed-tag.xlf": _xml(XLIFF, "xliff", "", "ҮЕҰ").replace(b"</target>", b""),
        "billion-laughs.xlf": _xml(XLIFF, "xliff", BILLION_LAUGHS, "&lol9;"),
        "xxe.xlf": _xml(XLIFF, "xliff", XXE, "&xxe;"),
        # glossary exchange files (glossary import)
        "unclosed-tag.tbx": _xml(TBX, "tbx", "", "ҮЕҰ").replace(b"</term></termSec>", b"", 1),
        "billion-laughs.tbx": _xml(TBX, "tbx", BILLION_LAUGHS, "&lol9;"),
        "xxe.tbx": _xml(TBX, "tbx", XXE, "&xxe;"),
        "not-tbx.tbx": b'<?xml version="1.0"?>\n<html><body>not a termbase</body></html>\n',
        "unclosed-quote.csv": 'id,en,kk\nngo,"NGO,ҮЕҰ\n'.encode(),
        "cp1251.csv": "id,en,ru\nngo,NGO,НПО\n".encode("cp1251"),
        "no-languages.csv": b"name,value\nngo,NGO\n",
        "text.xlsx": EN.encode(),
        "truncated.xlsx": xlsx_good[: len(xlsx_good) // 2],
        "billion-laughs.xlsx": _xlsx(_sheet(BILLION_LAUGHS, "&lol9;")),
        "xxe.xlsx": _xlsx(_sheet(XXE, "&xxe;")),
        "broken.jsonl": b'{"id": "ngo", "terms": {"en": [\n',
        # glossary files (glossary validate, show, and every command's --glossary)
        "unclosed-string.toml": b'subject = "courts\n[[concept]]\nid = "mediation"\n',
        "binary.toml": bytes((i * 37 + 11) % 256 for i in range(512)),
        "utf16-le-no-bom.toml": 'subject = "courts"\n'.encode("utf-16-le"),
        # translation packages (models install)
        "not-a-zip.argosmodel": EN.encode(),
        "empty.argosmodel": b"",
        "truncated.argosmodel": _package()[:200],
        "traversal.argosmodel": _package(extra=[("translate-kk_en-1_0/../../x", b"x")]),
        "absolute-path.argosmodel": _package(extra=[("/tmp/termguard-x", b"x")]),
        "symlink.argosmodel": _symlink_package(),
        "two-top-folders.argosmodel": _package(extra=[("other/metadata.json", b"{}")]),
        "loose-files.argosmodel": _zip([("metadata.json", b"{}"), ("model.bin", b"\0")]),
        "zip-bomb.argosmodel": _zip_bomb(),
        "no-metadata.argosmodel": _zip([("translate-kk_en-1_0/model/model.bin", b"\0")]),
    }


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    made = files()
    if sys.argv[1:]:  # only these, e.g. `make_bad_inputs.py xxe.docx`
        made = {k: v for k, v in made.items() if k in sys.argv[1:]}
    for name, data in made.items():
        (OUT / name).write_bytes(data)
    print(f"wrote {len(made)} files into {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
