"""Reading source documents: encodings people's files really come in, and their language."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from termguard.errors import InputError

_KK_ONLY = set("әғқұһіӘҒҚҰҺІ")
_KY_OR_KK = set("ңөүҢӨҮ")


def decode_document(data: bytes, path: str) -> str:
    """UTF-8 text (a BOM is dropped), or an InputError naming the encoding it looks like."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(data) > 3 and data[1::2].count(0) > len(data) // 4
    ):
        raise InputError(
            "the file is UTF-16, not UTF-8; convert it with "
            f"'iconv -f UTF-16 -t UTF-8 {path} > {Path(path).stem}.utf8.txt'",
            path,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if b"\x00" in data[:4096]:
            raise InputError(
                "binary data, not text; pass a plain-text article", path, line
            ) from exc
        name = _guess_legacy(data)
        hint = (
            f"convert it with 'iconv -f {name} -t UTF-8'"
            if name != "unknown"
            else "save it as UTF-8"
        )
        raise InputError(f"not UTF-8 (looks like {name}); {hint}", path, line) from exc
    if "\x00" in text:
        raise InputError("binary data, not text; pass a plain-text article", path)
    return unicodedata.normalize("NFC", text)


def _cyrillic_share(text: str) -> float:
    high = [ch for ch in text if ord(ch) > 127]
    return sum("\u0400" <= ch <= "\u04ff" for ch in high) / max(1, len(high))


def _guess_legacy(data: bytes) -> str:
    """The legacy encoding Kazakh and Russian files come in: cp1251, KZ-1048, KOI8-R, else any."""
    for codec, iconv_name in (("cp1251", "CP1251"), ("kz1048", "KZ-1048"), ("koi8_r", "KOI8-R")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _cyrillic_share(text) > 0.9:
            # Kazakh letters of KZ-1048 sit where cp1251 has Serbian and Macedonian ones
            if codec == "cp1251" and any(ch in text for ch in "ЉЊЌЋЏљњќћџЎўҐЂЃђѓ"):
                return "KZ-1048"
            return iconv_name
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    return guess.encoding if guess is not None else "unknown"


def read_document(path: str | Path) -> str:
    """The text of a source document, with clear errors for unreadable files."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", str(path)) from exc
    return decode_document(data, str(path))


def detect_language(text: str, path: str = "<text>") -> str:
    """kk, ru, th or en by script and letters; Kyrgyz (ң ө ү without ә ғ қ ұ і) is refused."""
    counts = {"thai": 0, "cyrillic": 0, "latin": 0}
    kk = ky = 0
    for ch in text:
        if "\u0e00" <= ch <= "\u0e7f":
            counts["thai"] += 1
        elif "\u0400" <= ch <= "\u04ff":
            counts["cyrillic"] += 1
            kk += ch in _KK_ONLY
            ky += ch in _KY_OR_KK
        elif ch.isascii() and ch.isalpha():
            counts["latin"] += 1
    script = max(counts, key=lambda k: counts[k])
    if counts[script] == 0:
        raise InputError("no letters to tell the language by; pass --from", path)
    if script == "thai":
        return "th"
    if script == "latin":
        return "en"
    letters = counts["cyrillic"]
    if kk >= max(2, letters // 200):
        return "kk"
    if ky >= max(2, letters // 200):
        raise InputError(
            "looks like Kyrgyz (ң, ө, ү without ә, ғ, қ, ұ, і), which termguard does not "
            "translate; pass --from kk if it is Kazakh",
            path,
        )
    return "ru"


def doc_name(path: str | Path) -> str:
    """The catalog's domain for a document: its file name without the extension."""
    name = Path(path).stem
    return re.sub(r"[^\w.-]+", "_", name) or "document"
