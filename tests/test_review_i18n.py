"""The review page's own strings: all extracted, all translated into Russian, valid for gettext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

babel = pytest.importorskip("babel")
pytest.importorskip("jinja2")

from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

from termguard.review.i18n import LOCALE_DIR, catalog_path, negotiate, translations  # noqa: E402

REVIEW = Path(__file__).resolve().parent.parent / "src" / "termguard" / "review"


def _extracted() -> set[str | tuple[str, ...]]:
    method_map = [("**.py", "python"), ("templates/**.html", "jinja2")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REVIEW), method_map, options, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def test_the_template_holds_every_string_of_the_page() -> None:
    """review.pot lists exactly the strings in the code and templates (make review-messages)."""
    with (LOCALE_DIR / "review.pot").open("rb") as f:
        pot = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(f) if m.id}
    assert pot == _extracted()


def test_every_string_has_a_russian_translation() -> None:
    """Each string of the page is translated into Russian, none fuzzy, plurals in three forms."""
    with catalog_path("ru").open("rb") as f:
        catalog = read_po(f, locale="ru")
    messages = [m for m in catalog if m.id]
    assert {m.id if isinstance(m.id, str) else tuple(m.id) for m in messages} == _extracted()
    for m in messages:
        assert not m.fuzzy, m.id
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(forms) and len(forms) == (3 if isinstance(m.id, tuple) else 1), m.id
    ru = translations("ru")
    assert ru.gettext("Source") == "Оригинал"
    assert ru.ngettext("%(num)d entry", "%(num)d entries", 5) == "%(num)d записей"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs gettext's msgfmt")
def test_the_russian_catalog_passes_msgfmt_check() -> None:
    """gettext's msgfmt --check accepts the Russian catalog (formats, plural forms, header)."""
    run = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(catalog_path("ru"))],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr


def test_the_browsers_language_picks_the_page_language() -> None:
    """Accept-Language picks Russian or English by weight; anything else gives English."""
    assert negotiate("ru-RU,ru;q=0.9,en-US;q=0.8") == "ru"
    assert negotiate("kk-KZ,kk;q=0.9,ru;q=0.8,en;q=0.7") == "ru"
    assert negotiate("en;q=0.9,ru;q=0.5") == "en"
    assert negotiate("th-TH") == "en"
    assert negotiate(None) == "en"
