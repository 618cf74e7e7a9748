"""The page's own strings in English and Russian, from gettext catalogs in review/locale/.

The Russian catalog is committed as a .po (review/locale/ru/LC_MESSAGES/review.po, kept up to
date with `make review-messages`: pybabel extract, then pybabel update) and compiled in memory
at start with babel's own .mo writer, so no binary file is committed and none can go stale.
English is the source language of the strings.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

#: Languages the page itself is available in; the first is the strings' own.
UI_LANGS = ("en", "ru")
DOMAIN = "review"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def catalog_path(lang: str) -> Path:
    """The .po file of one UI language."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled strings of `lang` (English: the strings as written)."""
    if lang not in UI_LANGS[1:]:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalog_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def negotiate(accept_language: str | None, default: str = "en") -> str:
    """The UI language a browser's Accept-Language header prefers among UI_LANGS."""
    if not accept_language:
        return default
    ranked = []
    for n, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        base = tag.strip().lower().split("-")[0]
        if base in UI_LANGS and q > 0:
            ranked.append((-q, n, base))
    return min(ranked)[2] if ranked else default
