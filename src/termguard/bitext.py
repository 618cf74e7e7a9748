"""Reading translations to check: .po, TSV, TMX, XLIFF 1.2/2.0 and aligned text into Pairs."""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from termguard.errors import InputError
from termguard.glossary.model import LANGS, is_date
from termguard.inputs import (
    MAX_LINE,
    check_binary,
    check_text,
    read_input,
    refuse_entities,
    sniff,
)

# Re-exported: readers and callers of this wave name them from here.
from termguard.lang.detect import guess_lang as guess_lang
from termguard.lang.detect import kyrgyz as kyrgyz
from termguard.lang.detect import lang_code as lang_code
from termguard.lang.detect import lang_from_name as lang_from_name
from termguard.lang.detect import looks_kyrgyz as looks_kyrgyz

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pair:
    """One source segment and its translation, located in the file the translation lives in."""

    source: str
    target: str
    src_lang: str
    tgt_lang: str
    path: str
    line: int
    id: str
    #: Format flags from the catalog (c-format, python-brace-format, ...), for placeholder checks.
    flags: tuple[str, ...] = ()
    #: The file the source text lives in, at the same line, when it is not `path` (two plain
    #: text files aligned by line); findings on the source side name it.
    source_path: str = ""
    #: The document of the file the pair belongs to ("" for the whole file), for checks that
    #: compare a document's pairs (term-inconsistent, scope, short forms).
    document: str = ""
    #: The document's date (ISO, or a year), for dated terms; "" if unknown.
    date: str = ""


FORMATS = ("po", "tsv", "tmx", "xliff", "txt")
_EXTENSIONS = {
    ".po": "po",
    ".pot": "po",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
}


# ---------------------------------------------------------------------------------------------
# Decoding: every reader goes through here, so encoding problems are reported the same way.

_MOJIBAKE_HINT = re.compile(
    r"[ÐÑÃÂà][\u0080-\u00bf\u0152-\u2122]"  # UTF-8 read as cp1252 / Latin-1
    r"|[РСТ][ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™љ›њќћџЎўЈ¤Ґ¦§Ё©Є«¬®Ї°±Ііґµ¶·ё№є»јЅѕї]"  # ... as cp1251
    r"|вЂ|เธ|เน|เธ"  # typographic quotes as cp1251; Thai as cp874
)
_MOJIBAKE_CODECS = ("cp1251", "cp1252", "latin-1", "cp874")


def _plausible(text: str) -> bool:
    """Decoded text that reads as Cyrillic or Thai (not stray combining marks or symbols)."""
    letters = 0
    for ch in text:
        o = ord(ch)
        if 0x400 <= o <= 0x4FF or 0xE00 <= o <= 0xE7F:
            letters += 1
        elif o > 0x7F and not 0x2010 <= o <= 0x203A and ch not in "«»\u00a0":
            return False
    return letters >= 2


def _mojibake(line: str) -> tuple[str, str, str] | None:
    """(garbled word, what it was, codec it was misread with) if the line holds UTF-8 misread."""
    if not _MOJIBAKE_HINT.search(line):
        return None
    for word in line.split():
        if word.isascii() or len(word) < 2:
            continue
        for codec in _MOJIBAKE_CODECS:
            try:
                fixed = word.encode(codec).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if fixed != word and _plausible(fixed):
                return word, fixed, codec
    return None


def _cyrillic_share(text: str) -> float:
    high = [ch for ch in text if ord(ch) > 127]
    return sum("\u0400" <= ch <= "\u04ff" for ch in high) / max(1, len(high))


def _guess_encoding(raw: bytes) -> str | None:
    """The encoding a non-UTF-8 file is probably in, named as iconv takes it.

    The legacy encodings Kazakh and Russian text comes in are tried first: on a short file
    charset_normalizer alone mistakes cp1251 Cyrillic for Shift JIS.
    """
    for codec, name in (("cp1251", "cp1251"), ("koi8_r", "koi8-r")):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if _cyrillic_share(text) > 0.9:
            # Kazakh letters of KZ-1048 sit where cp1251 has Serbian and Macedonian ones
            if codec == "cp1251" and any(ch in text for ch in "ЉЊЌЋЏљњќћџЎўҐЂЃђѓ"):
                return "kz-1048"
            return name
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    return best.encoding if best is not None else None


def decode(
    raw: bytes, path: str, declared: str | None = None, *, max_line: int | None = MAX_LINE
) -> str:
    """UTF-8 (or BOM/declared) text of a file; InputError with path:line for encoding damage.

    A file that is not text (a .docx, a PDF, an image, a program...) is named for what it is,
    and an empty file or a line longer than `max_line` is refused, before anything reads it.
    """
    if not raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        sniff(raw, path)
    if raw.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8", "charset"):
        try:
            encoding = codecs.lookup(declared).name
        except LookupError as exc:
            raise InputError(
                f"unknown charset '{declared}' declared in the file; "
                "declare UTF-8 and save as UTF-8",
                path,
                1,
            ) from exc
    else:
        encoding = "utf-8"
    if not encoding.startswith(("utf-16", "utf_16", "utf-32", "utf_32")):
        check_binary(raw, path)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = _guess_encoding(raw)
        hint = (
            f"it looks like {guess}: convert it with `iconv -f {guess} -t UTF-8`"
            if guess and guess.replace("_", "-") not in ("utf-8", "ascii")
            else "save the file as UTF-8"
        )
        raise InputError(
            f"not valid {encoding} (byte 0x{raw[exc.start]:02X}); {hint}", path, line
        ) from exc
    check_text(text, path, max_line)
    for lineno, line_text in enumerate(text.splitlines(), 1):
        if "\ufffd" in line_text:
            raise InputError(
                "contains U+FFFD replacement characters: text was lost in an earlier encoding "
                "conversion; export the file again from the original",
                path,
                lineno,
            )
        bad = _mojibake(line_text)
        if bad:
            word, fixed, codec = bad
            raise InputError(
                f"text is double-encoded: '{word}' is '{fixed}' (UTF-8 read as {codec}); "
                "export the file again as UTF-8",
                path,
                lineno,
            )
    return text


def _read_bytes(path: str) -> bytes:
    return read_input(path)


def read_text(path: str | Path, *, max_line: int | None = MAX_LINE) -> str:
    """The text of a file, read and decoded as every input is (see decode)."""
    name = str(path)
    return decode(read_input(name), name, max_line=max_line)


# ---------------------------------------------------------------------------------------------
# What a read found: the pairs, and every unit that gave none, counted by reason.

#: The reason for units skipped as drafts: fuzzy .po entries, XLIFF states that need review,
#: and termguard's own machine output in TMX and parallel TSV.
DRAFT = "draft"


@dataclass(frozen=True)
class BitextFile:
    """Everything read from one file: its pairs, how many units it holds and what was skipped.

    `skipped` counts units that gave no pair, by reason (DRAFT, or a phrase such as 'no kk
    text'); `warnings` are full `path:line: ...` messages for the caller to show (the library
    never prints).
    """

    path: str
    pairs: tuple[Pair, ...]
    units: int
    skipped: tuple[tuple[str, int], ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def drafts(self) -> int:
        """Units skipped as drafts (fuzzy, needs review, machine output)."""
        return dict(self.skipped).get(DRAFT, 0)


class _Tally:
    """Counts units and skips while a reader runs; collects warnings."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.units = 0
        self.skipped: dict[str, int] = {}
        self.warnings: list[str] = []

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def warn(self, msg: str, line: int | None = None) -> None:
        where = f"{self.path}:{line}" if line else self.path
        self.warnings.append(f"{where}: {msg}")

    def result(self, pairs: Sequence[Pair]) -> BitextFile:
        others = {r: n for r, n in self.skipped.items() if r != DRAFT}
        if others:
            said = ", ".join(f"{n} with {r}" for r, n in others.items())
            read = self.units - sum(self.skipped.values())
            self.warn(f"{read} of {self.units} units read; skipped {said}")
        return BitextFile(
            self.path, tuple(pairs), self.units, tuple(self.skipped.items()), tuple(self.warnings)
        )


# ---------------------------------------------------------------------------------------------
# Languages: explicit options win, then what the file says, then the script of the text. A
# stated source language whose script the text does not have loses to the script, with a
# warning; a stated target language stays (its wrong-script text is reported by the checks).


def _script_of_lang(code: str) -> str:
    """The name of the script `code`'s language is written in ('Cyrillic')."""
    from termguard.lang import get_language
    from termguard.lang.script import SCRIPT_NAMES

    return SCRIPT_NAMES[get_language(code).script]


def _resolve_lang(
    given: str | None,
    stated: str | None,
    texts: Sequence[str],
    path: str,
    side: str,
    tally: _Tally | None = None,
    what: str = "the file",
) -> str:
    option = "--from" if side == "source" else "--to"
    if given:
        return given
    if stated:
        guessed = guess_lang(texts) if side == "source" else None
        # A wrong source label is a tool's default (po2xliff writes en-US whatever the text);
        # targets in the wrong script are what the checks are there to report.
        if side == "source" and guessed and _script_of_lang(guessed) != _script_of_lang(stated):
            if tally is not None:
                tally.warn(
                    f"{what} says the source language is {stated}, but the text is "
                    f"{_script_of_lang(guessed)}: read as {guessed}; pass --from to choose"
                )
            return guessed
        return stated
    guessed = guess_lang(texts)
    if guessed is None:
        raise InputError(f"cannot tell the {side} language; pass {option} kk|ru|th|en", path)
    log.info("%s: %s language taken to be %s from its script", path, side, guessed)
    return guessed


def _stated(tag: str | None, path: str, what: str) -> str | None:
    if not tag or tag.strip().lower() in ("*all*", "x-default", "und", "mul", "xx"):
        return None
    code = lang_code(tag)
    if code is None:
        raise InputError(
            f"{what} language '{tag}' is not one termguard checks (kk, ru, th, en)", path
        )
    return code


def langs_from_name(path: str | Path) -> tuple[str, str] | None:
    """The language pair a file name states, as in 'news.kk-en.tsv' (termguard's parallel TSV)."""
    for a, b in re.findall(r"(?:^|[._])([a-z]{2,3})[-_]([a-z]{2,3})(?=[._]|$)", Path(path).name):
        src, tgt = lang_code(a), lang_code(b)
        if src and tgt and src != tgt:
            return src, tgt
    return None


# ---------------------------------------------------------------------------------------------
# Formats.


def detect_format(path: str | Path) -> str:
    """The format of a file, from its extension ('po', 'tsv', 'tmx', 'xliff')."""
    fmt = _EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(
            "unknown file type; use .po, .tsv, .tmx, .xlf/.xliff, or --source/--target for "
            "two aligned text files",
            str(path),
        )
    return fmt


_XML_ROOT = re.compile(rb"<(tmx|xliff)[\s>]")
_PO_START = re.compile(r'^\s*(?:msgctxt|msgid)\s+"', re.M)


def sniff_format(raw: bytes, path: str) -> str:
    """The format of data without a file name ('po', 'tsv', 'tmx', 'xliff'), from its content."""
    sniff(raw, path)
    head = raw[:8192].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        m = _XML_ROOT.search(head)
        if m:
            return m.group(1).decode("ascii")
    else:
        text = head.decode("utf-8", "replace")
        if _PO_START.search(text):
            return "po"
        if "\t" in text.split("\n", 1)[0]:
            return "tsv"
    raise InputError(
        "cannot tell the format from the content; check reads a .po catalog, TSV "
        "(source<TAB>target), TMX or XLIFF here: save it to a file with its extension",
        path,
        1,
    )


def read_file(
    path: str | Path,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    include_fuzzy: bool = False,
    data: bytes | None = None,
) -> BitextFile:
    """Every (source, translation) pair in one .po, TSV, TMX or XLIFF file, in file order,
    with the count of units in the file and of those skipped, by reason.

    Drafts (fuzzy .po entries, XLIFF targets whose state needs review, termguard's own machine
    output in TMX and parallel TSV) are skipped unless `include_fuzzy`.

    Languages come from `src_lang`/`tgt_lang`, else from the file's own metadata, else from the
    script of the text; metadata the script contradicts (po2xliff's default en-US on Kazakh
    text) loses to the script, with a warning. A TMX or TSV with several target languages gives
    pairs for each unless `tgt_lang` picks one; a multi-source TMX (srclang="*all*") gives
    every language pair of each unit unless `src_lang`/`tgt_lang` pick. With `data`
    (standard input, say), `path` only names it in messages and the format is told from the
    content.
    """
    name = str(path)
    if data is not None:
        raw = data
        fmt = sniff_format(raw, name)
    else:
        known = _EXTENSIONS.get(Path(name).suffix.lower())
        raw = _read_bytes(name)
        if known is None:
            sniff(raw, name)  # "this is a Word document", rather than "unknown file type"
        fmt = known or detect_format(name)
    tally = _Tally(name)
    if fmt == "po":
        pairs = _read_po(raw, name, src_lang, tgt_lang, include_fuzzy, tally)
    elif fmt == "tsv":
        pairs = _read_tsv(decode(raw, name), name, src_lang, tgt_lang, include_fuzzy, tally)
    elif fmt == "tmx":
        pairs = _read_tmx(raw, name, src_lang, tgt_lang, include_fuzzy, tally)
    else:
        pairs = _read_xliff(raw, name, src_lang, tgt_lang, include_fuzzy, tally)
    return tally.result(pairs)


def read_bitext(
    path: str | Path,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    include_fuzzy: bool = False,
    data: bytes | None = None,
) -> list[Pair]:
    """The pairs of read_file(...), its warnings sent to logging."""
    found = read_file(
        path, src_lang=src_lang, tgt_lang=tgt_lang, include_fuzzy=include_fuzzy, data=data
    )
    for warning in found.warnings:
        log.warning("%s", warning)
    return list(found.pairs)


def read_aligned_files(
    source_path: str | Path,
    target_path: str | Path,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> BitextFile:
    """Pairs from two plain-text files aligned by line; located in the target file.

    Two documents with markup (.docx, .html, .md, .srt, .vtt) are aligned by unit instead
    (read_document_pair): a translation termguard wrote keeps its paragraphs and cues.
    """
    src_name, tgt_name = str(source_path), str(target_path)
    from termguard.documents import detect_format

    src_raw, tgt_raw = _read_bytes(src_name), _read_bytes(tgt_name)
    if detect_format(src_name, src_raw) != "txt" or detect_format(tgt_name, tgt_raw) != "txt":
        return read_document_pair(src_name, tgt_name, src_lang=src_lang, tgt_lang=tgt_lang)
    src_lines = decode(src_raw, src_name).splitlines()
    tgt_lines = decode(tgt_raw, tgt_name).splitlines()
    if len(src_lines) != len(tgt_lines):
        short, n = (
            (src_name, len(src_lines))
            if len(src_lines) < len(tgt_lines)
            else (tgt_name, len(tgt_lines))
        )
        raise InputError(
            f"has {n} lines but {src_name} has {len(src_lines)} and {tgt_name} "
            f"{len(tgt_lines)}; aligned files need one segment per line in both",
            short,
            n + 1,
        )
    tally = _Tally(tgt_name)
    src = _resolve_lang(
        src_lang, lang_from_name(src_name), src_lines, src_name, "source", tally, "its name"
    )
    tgt = _resolve_lang(
        tgt_lang, lang_from_name(tgt_name), tgt_lines, tgt_name, "target", tally, "its name"
    )
    pairs = [
        Pair(s, t, src, tgt, tgt_name, i, str(i), source_path=src_name)
        for i, (s, t) in enumerate(zip(src_lines, tgt_lines, strict=True), 1)
        if s.strip()
    ]
    tally.units = len(pairs)
    return tally.result(pairs)


def read_document_pair(
    source_path: str | Path,
    target_path: str | Path,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> BitextFile:
    """Pairs from a document and its translation, unit by unit (paragraph, cell, cue).

    Both are read as `translate` reads them (termguard.documents), so markup is never part of
    a pair; a pair is located in the target at its unit's line and place.
    """
    from termguard.documents import read_source

    src_name, tgt_name = str(source_path), str(target_path)
    source, target = read_source(src_name), read_source(tgt_name)
    if source.format != target.format:
        raise InputError(
            f"is {target.format}, but {src_name} is {source.format}; compare a document with "
            "its translation in the same format",
            tgt_name,
        )
    if len(source.units) != len(target.units):
        raise InputError(
            f"has {len(target.units)} text units (paragraphs, cells, cues) but {src_name} has "
            f"{len(source.units)}; give the translation made from this source (termguard "
            "translate --documents keeps every unit)",
            tgt_name,
        )
    tally = _Tally(tgt_name)
    src_texts = [u.text for u in source.units]
    tgt_texts = [u.text for u in target.units]
    src = _resolve_lang(src_lang, None, src_texts, src_name, "source", tally)
    tgt = _resolve_lang(tgt_lang, None, tgt_texts, tgt_name, "target", tally)
    pairs = [
        Pair(s.text, t.text, src, tgt, tgt_name, t.line, t.place or str(t.line))
        for s, t in zip(source.units, target.units, strict=True)
        if s.text.strip()
    ]
    tally.units = len(pairs)
    return tally.result(pairs)


def read_aligned(
    source_path: str | Path,
    target_path: str | Path,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> list[Pair]:
    """The pairs of read_aligned_files(...), its warnings sent to logging."""
    found = read_aligned_files(source_path, target_path, src_lang=src_lang, tgt_lang=tgt_lang)
    for warning in found.warnings:
        log.warning("%s", warning)
    return list(found.pairs)


# ---------------------------------------------------------------------------------------------
# TSV: plain tab-separated text, one pair per line; tab, newline, carriage return and backslash
# inside a cell are written \t \n \r \\ (the convention of tools that split lines on tabs).

_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_UNESCAPE = re.compile(r"\\([\\tnr])")
_TSV_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def tsv_escape(cell: str) -> str:
    """A cell for one line of TSV: backslash, tab, newline and CR written as escapes."""
    if not any(ch in cell for ch in _TSV_ESCAPES):
        return cell
    return "".join(_TSV_ESCAPES.get(ch, ch) for ch in cell)


def tsv_unescape(cell: str) -> str:
    """The text of a TSV cell written by tsv_escape (other backslashes stay as they are)."""
    if "\\" not in cell:
        return cell
    return _TSV_UNESCAPE.sub(lambda m: _TSV_UNESCAPES[m.group(1)], cell)


#: Header names of TSV columns, as termguard's parallel TSV and other tools write them.
_TSV_COLUMNS = {
    "source": "source",
    "src": "source",
    "original": "source",
    "target": "target",
    "tgt": "target",
    "translation": "target",
    "id": "id",
    "status": "status",
    "state": "status",
    "note": "",
    "notes": "",
    "comment": "",
    "comments": "",
    "context": "",
}
#: Values of a status column that mark a machine draft (termguard's statuses, and drafts).
_DRAFT_STATUSES = frozenset(
    {"ok", "chosen", "repaired", "flagged", "untranslated", "fuzzy", "draft", "needs-review"}
)


def _tsv_header(cells: list[str]) -> list[tuple[str, str | None]] | None:
    """(role, language) per column if the first row is a header, else None.

    Roles: 'source', 'target', 'id', 'status' or '' (ignored); a language code names a language
    column (the first is the source, the others targets).
    """
    out: list[tuple[str, str | None]] = []
    for cell in cells:
        name = cell.strip().lower()
        if name in _TSV_COLUMNS:
            out.append((_TSV_COLUMNS[name], None))
        elif lang_code(name):
            out.append(("lang", lang_code(name)))
        else:
            return None
    roles = [r for r, _ in out]
    has_source = "source" in roles or "lang" in roles
    has_target = "target" in roles or roles.count("lang") + ("source" in roles) >= 2
    return out if len(out) >= 2 and has_source and has_target else None


def _read_tsv(
    text: str,
    path: str,
    src_lang: str | None,
    tgt_lang: str | None,
    include_fuzzy: bool,
    tally: _Tally,
) -> list[Pair]:
    rows = [(i, line.split("\t")) for i, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not rows:
        return []
    header = _tsv_header(rows[0][1])
    if header is not None:
        rows = rows[1:]
    width = len(header) if header else 2
    for lineno, cells in rows:
        if len(cells) != width:
            raise InputError(
                f"expected {width} tab-separated columns, found {len(cells)}; write one "
                "'source<TAB>target' pair per line (a first line of language codes or of "
                "column names such as source, target names them)",
                path,
                lineno,
            )
    rows = [(n, [tsv_unescape(c) for c in cells]) for n, cells in rows]
    if header is None:
        header = [("source", None), ("target", None)]
    roles = [r for r, _ in header]
    src_col = roles.index("source") if "source" in roles else roles.index("lang")
    status_col = roles.index("status") if "status" in roles else None
    id_col = roles.index("id") if "id" in roles else None
    tgt_cols = [i for i, (r, _) in enumerate(header) if i != src_col and r in ("target", "lang")]
    named = langs_from_name(path)
    src_stated = header[src_col][1] or (named[0] if named else None)
    if header[src_col][1] and src_lang and src_lang != header[src_col][1]:
        raise InputError(
            f"the source column is {header[src_col][1]}, not the --from language {src_lang}; "
            "the first language column is the source",
            path,
            1,
        )
    src = _resolve_lang(
        src_lang, src_stated, [c[src_col] for _, c in rows], path, "source", tally, "the header"
    )
    targets: list[tuple[int, str]] = []
    for i in tgt_cols:
        stated = header[i][1]
        if stated is None:
            stated = named[1] if named else None
            lang = _resolve_lang(
                tgt_lang, stated, [c[i] for _, c in rows], path, "target", tally, "its name"
            )
        else:
            lang = stated
        if tgt_lang is None or lang == tgt_lang:
            targets.append((i, lang))
    if not targets:
        names = ", ".join(c for c in text.splitlines()[0].split("\t"))
        raise InputError(f"no {tgt_lang} column; the header names {names}", path, 1)
    pairs = []
    for n, c in rows:
        if not c[src_col].strip():
            continue
        tally.units += 1
        if (
            status_col is not None
            and not include_fuzzy
            and c[status_col].strip().lower() in _DRAFT_STATUSES
        ):
            tally.skip(DRAFT)
            continue
        ident = c[id_col] if id_col is not None and c[id_col].strip() else str(n)
        for i, lang in targets:
            pairs.append(Pair(c[src_col], c[i], src, lang, path, n, ident))
    return pairs


_PO_CHARSET = re.compile(rb"charset=([\w.:-]+)")
_PO_KEYWORD = re.compile(r'^(?:#~\s*)?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\b|^"')
_PO_STRING = re.compile(
    r'^(?:#~\s*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$'
)


def _check_po_strings(text: str, path: str) -> None:
    """polib reads a string without its closing quote as empty: refuse it, not lose the text."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if _PO_KEYWORD.match(stripped) and not _PO_STRING.match(stripped):
            raise InputError(
                "not a valid .po catalog (a string without its closing quote); "
                "check it with `msgfmt --check`",
                path,
                number,
            )


def _read_po(
    raw: bytes,
    path: str,
    src_lang: str | None,
    tgt_lang: str | None,
    include_fuzzy: bool,
    tally: _Tally,
) -> list[Pair]:
    import polib

    m = _PO_CHARSET.search(raw[:4096])
    text = decode(raw, path, m.group(1).decode("ascii") if m else None)
    _check_po_strings(text, path)
    try:
        catalog = polib.pofile(text)
    except (OSError, ValueError) as exc:
        lm = re.search(r"line (\d+)", str(exc))
        raise InputError(
            f"not a valid .po catalog ({exc}); check it with `msgfmt --check`",
            path,
            int(lm.group(1)) if lm else None,
        ) from exc
    lines = text.splitlines()
    meta = catalog.metadata
    stated_tgt = _stated(meta.get("Language"), path, "'Language' header")
    stated_src = _stated(meta.get("X-Source-Language"), path, "'X-Source-Language' header")
    date = meta.get("X-Termguard-Date", "").strip()
    if date and not is_date(date):
        raise InputError(
            f"header X-Termguard-Date '{date}' is not a date; write it as 2019-05-01 or 2019",
            path,
        )
    live = [e for e in catalog if not e.obsolete and e.msgid]
    tally.units = len(live)
    entries = []
    for e in live:
        if e.fuzzy and not include_fuzzy:
            tally.skip(DRAFT)
        else:
            entries.append(e)
    src = _resolve_lang(
        src_lang,
        stated_src,
        [e.msgid for e in entries],
        path,
        "source",
        tally,
        "the 'X-Source-Language' header",
    )
    tgt = _resolve_lang(
        tgt_lang,
        stated_tgt,
        [e.msgstr or "".join(e.msgstr_plural.values()) for e in entries],
        path,
        "target",
        tally,
        "the 'Language' header",
    )
    pairs = []
    for e in entries:
        flags = tuple(sorted(f for f in e.flags if f.endswith("-format")))
        ident = f"{e.msgctxt}\x04{e.msgid}" if e.msgctxt else e.msgid
        line = _po_keyword_line(lines, e.linenum or 1, "msgid ")
        if e.msgid_plural:
            # Every plural form renders the general msgid_plural (the number placeholder and
            # all); a one-form language (kk, th) has only msgstr[0] for all of them.
            plural_line = _po_keyword_line(lines, e.linenum or 1, "msgid_plural")
            for index in sorted(e.msgstr_plural):
                pairs.append(
                    Pair(
                        e.msgid_plural,
                        e.msgstr_plural[index],
                        src,
                        tgt,
                        path,
                        plural_line,
                        f"{ident}[{index}]",
                        flags,
                    )
                )
        else:
            pairs.append(Pair(e.msgid, e.msgstr, src, tgt, path, line, ident, flags))
    if date:
        pairs = [replace(p, date=date) for p in pairs]
    return pairs


def _po_keyword_line(lines: list[str], start: int, keyword: str) -> int:
    """The 1-based line of `keyword` in the entry that polib says starts at `start`."""
    for i in range(max(start - 1, 0), min(len(lines), start + 200)):
        if lines[i].startswith(keyword):
            return i + 1
    return start


def _xml_error(exc: Exception, path: str) -> InputError:
    lineno = getattr(exc, "lineno", None)
    msg = re.sub(r"\s*\(<string>, line \d+\)$", "", str(exc))
    return InputError(f"not well-formed XML ({msg}); fix the markup", path, lineno)


_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding=["']([\w.:-]+)["']""")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _check_xml_encoding(raw: bytes, path: str) -> None:
    """Decoding errors with path:line before lxml reports them without a useful hint.

    Entity declarations are refused here too, before any parser sees them.
    """
    m = _XML_DECL.match(raw[:200])
    text = decode(raw, path, m.group(1).decode("ascii") if m else None, max_line=None)
    refuse_entities(text, path)


def _wrong_root(raw: bytes, path: str, expected: str) -> InputError:
    """translate-toolkit asserts the root element; say which file this is instead."""
    from lxml import etree

    from termguard.inputs import xml_parser

    try:
        root = etree.QName(etree.fromstring(raw, xml_parser())).localname
    except etree.XMLSyntaxError:
        root = "?"
    return InputError(
        f"not {expected} file (its root element is <{root}>); give a file of that kind, "
        "or name it by what it holds (.tmx, .xlf)",
        path,
        1,
    )


def _tmx_draft(tuv: Any) -> bool:
    """A target termguard wrote (its x-status prop), or one a tool marks as needing review."""
    for prop in tuv.iterchildren("{*}prop", "prop"):
        kind = (prop.get("type") or "").lower()
        value = (prop.text or "").strip().lower()
        if kind == "x-status" and value in _DRAFT_STATUSES:
            return True
        if kind in ("x-fuzzy", "fuzzy") and value in ("1", "true", "yes"):
            return True
        if kind in ("x-state", "state") and (value.startswith("needs") or value == "fuzzy"):
            return True
    return False


def _read_tmx(
    raw: bytes,
    path: str,
    src_lang: str | None,
    tgt_lang: str | None,
    include_fuzzy: bool,
    tally: _Tally,
) -> list[Pair]:
    from lxml import etree
    from translate.storage import tmx

    _check_xml_encoding(raw, path)
    try:
        store = tmx.tmxfile.parsestring(raw)  # type: ignore[no-untyped-call]
    except etree.XMLSyntaxError as exc:
        raise _xml_error(exc, path) from exc
    except AssertionError as exc:
        raise _wrong_root(raw, path, "a TMX") from exc
    header_src = _stated(store.sourcelanguage, path, "TMX srclang")
    # srclang="*all*": each unit names its own source; --from then picks units, not tuvs
    multi_source = (store.sourcelanguage or "").strip().lower() == "*all*"
    pairs = []
    unknown: dict[str, int] = {}
    for unit in store.units:
        tu = unit.xmlelement
        line = tu.sourceline or 0
        tally.units += 1
        # lang is TMX 1.1's attribute, which older tools still write in place of xml:lang
        texts: dict[str, tuple[str, bool]] = {}
        for tuv in unit.getlanguageNodes():
            tag = tuv.get(_XML_LANG) or tuv.get("lang")
            code = lang_code(tag)
            if code is None:
                if tag not in unknown:
                    unknown[tag or ""] = tuv.sourceline or line
                continue
            text = unit.getNodeText(tuv, "preserve") or ""
            texts.setdefault(code, (text, _tmx_draft(tuv)))
        stated = _stated(tu.get("srclang"), path, "TMX srclang") or header_src
        ident = unit.getid() or str(line)
        if multi_source and src_lang and stated and stated != src_lang:
            tally.skip(f"another source language ({stated})")
            continue
        if src_lang:
            sources = [src_lang] if src_lang in texts else []
        elif stated:
            sources = [stated] if stated in texts else []
        else:
            sources = [lang for lang in LANGS if lang in texts]  # multi-source: every pair
        if not sources:
            tally.skip(f"no {src_lang or stated} text")
            continue
        found = drafts = 0
        for source_lang in sources:
            source = texts[source_lang][0]
            if not source.strip():
                continue
            for lang in LANGS:
                if lang == source_lang or lang not in texts or (tgt_lang and lang != tgt_lang):
                    continue
                target, draft = texts[lang]
                if draft and not include_fuzzy:
                    drafts += 1
                    continue
                found += 1
                pairs.append(Pair(source, target, source_lang, lang, path, line, ident))
        if not found:
            if drafts:
                tally.skip(DRAFT)
            elif tgt_lang and tgt_lang not in texts:
                tally.skip(f"no {tgt_lang} text")
            else:
                tally.skip("no translation")
    for tag, where in unknown.items():
        tally.warn(f"skipping language '{tag}' (termguard checks kk, ru, th, en)", where)
    return pairs


_XLIFF_VERSION = re.compile(rb"<xliff[^>]*\sversion=[\"']([\d.]+)[\"']")
#: XLIFF 1.2 target states that mean no one has reviewed the text (XLIFF 2.0: 'initial').
_XLIFF_DRAFT_STATES = frozenset(
    {
        "new",
        "needs-translation",
        "needs-adaptation",
        "needs-l10n",
        "needs-review-translation",
        "needs-review-adaptation",
        "needs-review-l10n",
        "initial",
    }
)


def _xliff_forms(unit: Any) -> list[tuple[Any, Any, Any]]:
    """(element, source node, target node) per form: one for a unit, one per plural form."""
    from lxml import etree

    elem = unit.xmlelement
    if etree.QName(elem).localname == "group":
        forms = []
        for child in elem.iterchildren("{*}trans-unit"):
            forms.append((child, child.find("{*}source"), child.find("{*}target")))
        return forms
    return [(elem, unit.get_source_dom(), unit.get_target_dom())]


def _xliff_draft(unit: Any, elem: Any, target: Any, version2: bool) -> bool:
    if target is None or not (target.text or len(target)):
        return False  # nothing to review: an empty target is checked as untranslated
    if version2:
        segment = target.getparent()
        return (segment.get("state") or "") in _XLIFF_DRAFT_STATES
    if (target.get("state") or "") in _XLIFF_DRAFT_STATES:
        return True
    return "no" in (elem.get("approved"), unit.xmlelement.get("approved"))


def _read_xliff(
    raw: bytes,
    path: str,
    src_lang: str | None,
    tgt_lang: str | None,
    include_fuzzy: bool,
    tally: _Tally,
) -> list[Pair]:
    from lxml import etree
    from translate.storage import xliff, xliff2

    _check_xml_encoding(raw, path)
    m = _XLIFF_VERSION.search(raw[:4096])
    version2 = bool(m and m.group(1).startswith(b"2"))
    try:
        cls = xliff2.Xliff2File if version2 else xliff.xlifffile
        store: Any = cls.parsestring(raw)  # type: ignore[no-untyped-call]
    except etree.XMLSyntaxError as exc:
        raise _xml_error(exc, path) from exc
    except AssertionError as exc:
        raise _wrong_root(raw, path, "an XLIFF") from exc
    units = [u for u in store.units if u.istranslatable() and not u.isheader()]
    tally.units = len(units)
    file_src = _stated(store.getsourcelanguage(), path, "XLIFF source")
    file_tgt = _stated(store.gettargetlanguage(), path, "XLIFF target")
    # A plural group reads as a .po plural entry does: every form's target renders the plural
    # source (the last form's source, with its number placeholder).
    read: list[tuple[Any, list[tuple[str, str, int, str]]]] = []
    for unit in units:
        forms = _xliff_forms(unit)
        texts = [(_inline_text(s), _inline_text(t), e, t) for e, s, t in forms]
        if not texts or not any(s.strip() for s, _, _, _ in texts):
            tally.skip("an empty source")
            continue
        if not include_fuzzy and all(_xliff_draft(unit, e, t, version2) for _, _, e, t in texts):
            tally.skip(DRAFT)
            continue
        ident = _unit_id(unit, unit.xmlelement.sourceline or 0)
        plural = len(texts) > 1
        source = texts[-1][0]
        rows = []
        for i, (s, t, elem, _) in enumerate(texts):
            line = elem.sourceline or 0
            rows.append((source if plural else s, t, line, f"{ident}[{i}]" if plural else ident))
        read.append((unit, rows))
    sources = [s for _, rows in read for s, _, _, _ in rows]
    targets = [t for _, rows in read for _, t, _, _ in rows]
    pairs = []
    resolved: dict[tuple[str | None, str | None], tuple[str, str]] = {}
    for unit, rows in read:
        src, tgt = file_src, file_tgt
        if not version2:  # XLIFF 1.2: languages are per <file>; several files may differ
            for anc in unit.xmlelement.iterancestors():
                if etree.QName(anc).localname == "file":
                    src = _stated(anc.get("source-language"), path, "XLIFF source") or src
                    tgt = _stated(anc.get("target-language"), path, "XLIFF target") or tgt
                    break
        if (src, tgt) not in resolved:
            resolved[src, tgt] = (
                _resolve_lang(
                    src_lang, src, sources, path, "source", tally, "the XLIFF source-language"
                ),
                _resolve_lang(
                    tgt_lang, tgt, targets, path, "target", tally, "the XLIFF target-language"
                ),
            )
        pair_src, pair_tgt = resolved[src, tgt]
        for source, target, line, ident in rows:
            pairs.append(Pair(source, target, pair_src, pair_tgt, path, line, ident))
    return pairs


def _unit_id(unit: Any, line: int) -> str:
    # translate-toolkit prefixes XLIFF 1.2 ids with the file name and U+0004; keep the file's id.
    ident = unit.getid() or ""
    return str(ident.rsplit("\x04", 1)[-1] or line)


#: XLIFF inline codes (1.2 and 2.0): kept as compact markup so the placeholder check sees them.
#: The content of bpt/ept/ph/it is native code, not text; mrk only annotates text, so it is dropped.
_INLINE_EMPTY = {"x", "bx", "ex", "ph", "sc", "ec", "it", "bpt", "ept", "sm", "em"}
_INLINE_PAIRED = {"g", "pc"}


def _inline_text(node: Any) -> str:
    """Text of an XLIFF <source>/<target>, inline codes written as <x id="1"/>, <g id="2">..</g>."""
    if node is None:
        return ""
    from lxml import etree

    out: list[str] = [node.text or ""]
    for child in node:
        if not isinstance(child.tag, str):  # comments, processing instructions
            out.append(child.tail or "")
            continue
        name = etree.QName(child).localname
        ident = child.get("id") or child.get("rid") or ""
        attr = f' id="{ident}"' if ident else ""
        if name in _INLINE_EMPTY:
            out.append(f"<{name}{attr}/>")
        elif name in _INLINE_PAIRED:
            out.append(f"<{name}{attr}>{_inline_text(child)}</{name}>")
        else:
            out.append(_inline_text(child))
        out.append(child.tail or "")
    return "".join(out)
