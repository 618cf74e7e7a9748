"""Reading source documents: encodings people's files really come in, and their language."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from termguard.errors import InputError


def decode_document(data: bytes, path: str) -> str:
    """A document's text in NFC; encoding problems raise InputError naming the encoding.

    Decoding is termguard.bitext's, shared with `check` and `terms`: UTF-8 (a BOM is dropped),
    UTF-16 with a BOM, and a clear error with an iconv command for anything else.
    """
    from termguard.bitext import decode

    return unicodedata.normalize("NFC", decode(data, path))


def read_document(path: str | Path) -> str:
    """The text of a source document, with clear errors for unreadable files."""
    from termguard.inputs import read_input

    return decode_document(read_input(path), str(path))


def detect_language(text: str, path: str = "<text>") -> str:
    """kk, ru, th or en by script and letters (bitext.guess_lang); Kyrgyz is refused."""
    from termguard.lang.detect import guess_lang, kyrgyz

    lang = guess_lang([text])
    if lang is not None:
        return lang
    if kyrgyz(text):
        raise InputError(
            "looks like Kyrgyz (ң, ө, ү without ә, ғ, қ, ұ, і), which termguard does not "
            "translate; pass --from kk if it is Kazakh",
            path,
        )
    raise InputError("cannot tell the language from the text; pass --from kk|ru|th|en", path)


def doc_name(path: str | Path, root: str | Path | None = None, *, keep_suffix: bool = False) -> str:
    """The catalog name of a document: its file name without the extension.

    With `root`, its path under root without the extension, folders kept (`2024/03/news`), so
    documents with one file name in different folders get different catalogs. `keep_suffix`
    keeps the extension (`article.html`), for documents that differ only in it.
    """
    p = Path(os.path.abspath(path))
    if root is None:
        parts = [p.name]
    else:
        base = Path(os.path.abspath(root))
        try:
            parts = list(p.relative_to(base).parts)
        except ValueError:
            raise InputError(
                f"is not under --root {root}; pass a --root folder that holds every input",
                str(path),
            ) from None
    if not keep_suffix and parts:
        parts[-1] = Path(parts[-1]).stem
    clean = [re.sub(r"[^\w.-]+", "_", part).strip(".") or "document" for part in parts]
    return "/".join(clean) or "document"
