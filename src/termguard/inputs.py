"""Inputs as people give them: files and folders, folders walked with include and exclude globs.

Every reader goes through read_input (the bytes of one path) and bitext.decode (their text), so a
missing file, a folder, a Word document where text was expected or a zip bomb is refused the same
way by every command: `path[:line]: problem; what to do`.

Globs follow .gitignore rules (pathspec's GitIgnoreSpec, as black and others use): `*.docx`
matches at any depth, `drafts/` a folder and all under it, `2024/**/*.md` a path; they are
matched against the path under the folder given. Hidden files and folders (a leading dot) and
the folders a run writes to are never walked into.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from termguard.errors import InputError

#: What a folder yields when no --include is given, per command.
DOCUMENTS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.srt", "*.vtt", "*.docx")
BITEXT = ("*.po", "*.tsv", "*.tmx", "*.xlf", "*.xliff", "*.sdlxliff")

#: How standard input is named in messages (`<stdin>:3: ...`).
STDIN_NAME = "<stdin>"

#: Longer lines are not running text (a minified file, a binary blob, a log): refuse them.
MAX_LINE = 100_000


@dataclass(frozen=True)
class Inputs:
    """The files to read, and the folders they were found in (for naming catalogs)."""

    files: tuple[str, ...]
    folders: tuple[str, ...]

    def common_root(self) -> str | None:
        """The folder every input lies under, when a folder was given: names catalogs."""
        if not self.folders:
            return None
        root = os.path.commonpath([os.path.abspath(f) for f in self.folders])
        absolute = [os.path.abspath(f) for f in self.files]
        if all(os.path.commonpath([root, f]) == root for f in absolute):
            return root
        return None


def _spec(patterns: Iterable[str]) -> object:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def expand_inputs(
    paths: Sequence[str],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    default_include: Sequence[str] = DOCUMENTS,
    skip: Sequence[str | Path] = (),
) -> Inputs:
    """Files named, plus the files in folders named (recursively, sorted), filtered by globs.

    A file named on its own is always taken (exclude applies to what folders hold); `skip`
    names output folders never walked into. A folder that yields nothing is an error that
    says which globs were used.
    """
    wanted = _spec(include or default_include)
    unwanted = _spec(exclude)
    skipped = {os.path.abspath(s) for s in skip}
    files: list[str] = []
    folders: list[str] = []
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            files.append(path)  # a missing file is the reader's to report
            continue
        folders.append(path)
        found = []
        for here, dirs, names in os.walk(path):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and os.path.abspath(os.path.join(here, d)) not in skipped
                and not unwanted.match_file(_rel(os.path.join(here, d), path) + "/")  # type: ignore[attr-defined]
            )
            for name in sorted(names):
                if name.startswith("."):
                    continue
                full = os.path.join(here, name)
                rel = _rel(full, path)
                if wanted.match_file(rel) and not unwanted.match_file(rel):  # type: ignore[attr-defined]
                    found.append(full)
        if not found:
            globs = ", ".join(include or default_include)
            extra = f" (excluding {', '.join(exclude)})" if exclude else ""
            raise InputError(
                f"no files to read in this folder: looked for {globs}{extra}; "
                "pass --include GLOB to take other files",
                path,
            )
        files.extend(found)
    return Inputs(tuple(dict.fromkeys(files)), tuple(folders))


def _rel(path: str, base: str) -> str:
    return Path(os.path.relpath(path, base)).as_posix()


def check_path(path: str | Path) -> None:
    """Refuse a path that is missing, a folder or a device, before anything opens it."""
    name = str(path)
    try:
        mode = os.stat(name).st_mode
    except FileNotFoundError as exc:
        raise InputError("no such file; check the path", name) from exc
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", name) from exc
    if stat.S_ISDIR(mode):
        raise InputError("is a folder; name a file in it", name)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        raise InputError("is a device, not a file; save the text to a file and give that", name)


def read_input(path: str | Path) -> bytes:
    """The bytes of a file given to termguard; InputError says what is wrong with the path."""
    name = str(path)
    check_path(name)
    try:
        with open(name, "rb") as f:
            return f.read()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", name) from exc


# ---------------------------------------------------------------------------------------------
# What kind of file is this: magic bytes, checked before any decoding.

_CONVERT = (
    "termguard reads plain text: save it as UTF-8 text (e.g. "
    "`libreoffice --headless --convert-to txt:Text FILE`) and give that"
)
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF document", "extract its text first (e.g. `pdftotext FILE`)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "termguard reads text, not images"),
    (b"\xff\xd8\xff", "a JPEG image", "termguard reads text, not images"),
    (b"GIF87a", "a GIF image", "termguard reads text, not images"),
    (b"GIF89a", "a GIF image", "termguard reads text, not images"),
    (b"II*\x00", "a TIFF image", "termguard reads text, not images"),
    (b"MM\x00*", "a TIFF image", "termguard reads text, not images"),
    (b"\x1f\x8b", "gzip-compressed data", "decompress it first (`gunzip -k FILE`)"),
    (b"BZh", "bzip2-compressed data", "decompress it first (`bunzip2 -k FILE`)"),
    (b"\xfd7zXZ\x00", "xz-compressed data", "decompress it first (`unxz -k FILE`)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "extract the text file from it first"),
    (b"Rar!\x1a\x07", "a RAR archive", "extract the text file from it first"),
    (b"\x7fELF", "a program (ELF executable)", "give the text file instead"),
    (b"MZ", "a Windows program", "give the text file instead"),
    (b"\xde\x12\x04\x95", "a compiled gettext catalog (.mo)", "give the .po it was made from"),
    (b"\x95\x04\x12\xde", "a compiled gettext catalog (.mo)", "give the .po it was made from"),
    (b"SQLite format 3\x00", "an SQLite database", "export the text from it first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls)", _CONVERT),
    (b"{\\rtf", "an RTF document", _CONVERT),
)
_ZIP_KINDS = (
    (
        "word/",
        "a Word document (.docx)",
        "translate, terms and check --source/--target read Word files; here, save it as "
        "UTF-8 text and give that",
    ),
    ("xl/", "an Excel workbook (.xlsx)", "save the sheet as UTF-8 text or CSV and give that"),
    ("ppt/", "a PowerPoint presentation (.pptx)", _CONVERT),
)


def _zip_kind(raw: bytes) -> tuple[str, str]:
    try:
        with zipfile.ZipFile(BytesIO(raw)) as zf:
            return zip_kind(zf)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError):
        return "a zip archive", "extract the text file from it first"


def zip_kind(zf: zipfile.ZipFile) -> tuple[str, str]:
    """What a zip holds ('a Word document (.docx)', ...) and what to do with it."""
    names = zf.namelist()
    mimetype = ""
    if "mimetype" in names and zf.getinfo("mimetype").file_size < 200:
        mimetype = zf.read("mimetype").decode("ascii", "replace")
    if "opendocument" in mimetype:
        return f"an OpenDocument file ({mimetype.rsplit('.', 1)[-1]})", _CONVERT
    if "epub" in mimetype:
        return "an EPUB book", _CONVERT
    for prefix, kind, hint in _ZIP_KINDS:
        if any(n.startswith(prefix) for n in names):
            return kind, hint
    if any(n.count("/") == 1 and n.endswith("/metadata.json") for n in names):
        return (
            "an Argos translation package",
            "install it with `termguard models install FILE`",
        )
    return "a zip archive", "extract the text file from it first"


def sniff(raw: bytes, path: str) -> None:
    """Refuse a file that is not text (a .docx, a PDF, an image...), naming what it is.

    Raises InputError with the kind of file and what to do; returns for anything else.
    """
    kind = hint = ""
    if raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        kind, hint = _zip_kind(raw)
    else:
        for magic, what, how in _MAGIC:
            if raw.startswith(magic) and (magic != b"MZ" or b"PE\x00\x00" in raw[:1024]):
                kind, hint = what, how
                break
    if kind:
        raise InputError(f"this is {kind}, not a text file; {hint}", path)


def _utf16_without_bom(raw: bytes) -> str | None:
    """'UTF-16LE' or 'UTF-16BE' for text in UTF-16 without a byte-order mark, else None."""
    head = raw[:4096]
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    for codec, zeros, other in (("UTF-16LE", odd, even), ("UTF-16BE", even, odd)):
        # Latin text has a zero high byte for every character; Cyrillic has 0x04, Thai 0x0E
        highs = zeros.count(0) + zeros.count(4) + zeros.count(0x0E)
        if highs >= 0.9 * len(zeros) and other.count(0) < 0.1 * len(other):
            try:
                raw[: len(head) // 2 * 2].decode(codec.lower().replace("utf-16", "utf_16_"))
            except UnicodeDecodeError:
                continue
            return codec
    return None


def check_binary(raw: bytes, path: str) -> None:
    """Refuse NUL bytes and control characters: UTF-16 without a BOM, or binary data."""
    head = raw[:65536]
    codec = _utf16_without_bom(raw) if b"\x00" in head else None
    if codec is not None:
        raise InputError(
            f"the file is {codec} without a byte-order mark; convert it with "
            f"`iconv -f {codec} -t UTF-8 FILE`",
            path,
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(
            "contains NUL bytes: the file is binary or damaged; give a plain-text (UTF-8) file",
            path,
            raw[:nul].count(b"\n") + 1,
        )
    controls = sum(head.count(bytes([c])) for c in range(32) if c not in (9, 10, 12, 13, 27))
    if controls > max(8, len(head) // 100):
        raise InputError(
            "looks like binary data (control characters), not text; give a plain-text file",
            path,
        )


def check_text(text: str, path: str, max_line: int | None = MAX_LINE) -> None:
    """Refuse text with nothing in it, or a line too long to be running text."""
    if not text.strip():
        raise InputError("is empty (no text in it); check that it is the file you meant", path)
    if max_line is None or len(text) <= max_line:
        return
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > max_line:
            raise InputError(
                f"line is {len(line):,} characters long (termguard reads lines of up to "
                f"{max_line:,}); this is not running text: split it into paragraphs, or "
                "check that it is the file you meant",
                path,
                number,
            )


# ---------------------------------------------------------------------------------------------
# Zip archives from outside: sized by what they declare before anything is inflated.

#: A member this much larger than its compressed size is a zip bomb, not a model or a sheet.
MAX_RATIO = 200
#: Members smaller than this are not judged by their ratio (tiny files compress oddly well).
_RATIO_FLOOR = 4 << 20


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def zip_problem(zf: zipfile.ZipFile, max_total: int, free: int | None = None) -> str | None:
    """What makes a zip unsafe to inflate (declared sizes, ratio, links), or None.

    Judged from the central directory only, so a zip bomb is refused before a byte is
    inflated. `free` is the disk space where it will be unpacked, if known.
    """
    total = 0
    for info in zf.infolist():
        mode = info.external_attr >> 16
        if info.create_system == 3 and stat.S_ISLNK(mode):
            return f"'{info.filename}' is a symbolic link; a package holds plain files only"
        total += info.file_size
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            1, info.compress_size
        ):
            return (
                f"'{info.filename}' inflates from {_size(info.compress_size)} to "
                f"{_size(info.file_size)} ({info.file_size // max(1, info.compress_size):,}:1); "
                "this is a zip bomb, not real data"
            )
    if total > max_total:
        return f"it inflates to {_size(total)}, more than the {_size(max_total)} allowed"
    if free is not None and total > free:
        return f"it inflates to {_size(total)} but only {_size(free)} of disk space is free"
    return None


# ---------------------------------------------------------------------------------------------
# XML from outside. The parsers never resolve entities nor fetch DTDs (resolve_entities=False,
# no_network, load_dtd=False); a file that declares entities is refused outright, since an
# unexpanded &name; would silently become text and an expanded one can be a bomb or read files.

_ENTITY = re.compile(r"<!ENTITY\s+(%\s*)?([^\s>]+)")


def refuse_entities(text: str, path: str) -> None:
    """Refuse XML whose DOCTYPE declares entities (billion laughs, external entities)."""
    start = text.find("<!DOCTYPE")
    if start < 0:
        return
    end = text.find("]>", start)
    m = _ENTITY.search(text, start, end if end >= 0 else len(text))
    if m:
        kind = "parameter entity" if m.group(1) else "entity"
        raise InputError(
            f"declares the XML {kind} '{m.group(2)}' in its DOCTYPE; termguard does not "
            "expand entities (they can hide a billion-laughs bomb or read local files): "
            "write the text in place of each reference and remove the declaration",
            path,
            text.count("\n", 0, m.start()) + 1,
        )


def xml_parser(**options: Any) -> Any:
    """An lxml parser for files from outside: no entities resolved, no DTD, no network."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, **options
    )


def check_zipped_xml(zf: zipfile.ZipFile, path: str) -> None:
    """Refuse a zipped package (.docx) any of whose XML parts declares entities.

    Only the start of each part is read: a DOCTYPE comes before the root element.
    """
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels")):
            with zf.open(info) as f:
                head = f.read(65536).decode("utf-8", "replace")
            try:
                refuse_entities(head, info.filename)
            except InputError as exc:
                raise InputError(f"{info.filename}: {exc.msg}", path) from exc
