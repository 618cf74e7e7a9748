"""Reading source documents: encodings people's files really come in, and their language."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from termguard.errors import InputError

_KK_ONLY = set("әғқұһіӘҒҚҰҺІ")
_KY_OR_KK = set("ңөүҢӨҮ")


def decode_document(data: bytes, path: str) -> str:
    """A document's text in NFC; encoding problems raise InputError naming the encoding.

    Decoding is termguard.bitext's, shared with `check` and `terms`: UTF-8 (a BOM is dropped),
    UTF-16 with a BOM, and a clear error with an iconv command for anything else.
    """
    from termguard.bitext import decode

    return unicodedata.normalize("NFC", decode(data, path))


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
