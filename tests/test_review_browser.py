"""The review page in headless Chromium (Debian's, driven by Playwright; no browser download).

Screenshots of the views go to $TERMGUARD_SCREENSHOTS when it is set (else the test's folder).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from review_helpers import (
    EN_002,
    NGO_SENTENCE,
    RU_000,
    changed_lines,
    copy_locales,
    entry_lines,
    entry_of,
    msgfmt_check,
)

pytest.importorskip("starlette")
sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Debian's chromium (make system-deps installs it)"
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Served:
    """A review server on 127.0.0.1 in a thread, over a copy of the demo's catalogs."""

    def __init__(self, tmp: Path, glossary: Any) -> None:
        from termguard.review.server import ReviewServer, bind
        from termguard.review.workspace import open_workspace

        self.locales = copy_locales(tmp, RU_000, EN_002)
        self.ws = open_workspace([self.locales], glossary, memory=str(tmp / "tm.sqlite"))
        self.server = ReviewServer(self.ws, bind(0))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                break
            threading.Event().wait(0.025)
        self.url = self.server.url

    def catalog(self, rel: str) -> Any:
        return next(
            c for c in self.ws.catalogs.values() if c.abspath == (self.locales / rel).resolve()
        )

    def stop(self) -> None:
        self.server.stop()
        self.thread.join(timeout=10)


@pytest.fixture
def served(tmp_path: Path, project_glossary: Any) -> Iterator[Served]:
    s = Served(tmp_path, project_glossary)
    yield s
    s.stop()


def _shot(page: Any, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("TERMGUARD_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"review-{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def _open_entry(page: Any, served: Served, rel: str, msgid: str) -> None:
    from termguard.review.workspace import entry_id

    catalog = served.catalog(rel)
    eid = entry_id(entry_of(catalog.abspath, msgid))
    page.goto(f"{served.url}c/{catalog.id}?e={eid}")
    page.wait_for_selector(f'#entry[data-eid="{eid}"]')


def test_terms_are_highlighted_and_a_suggestion_is_accepted_by_keyboard(
    browser: Any, served: Served, tmp_path: Path
) -> None:
    """Open a catalog, see its terms marked, type a deprecated term, take the suggested one with
    Alt+1, accept with Ctrl+Enter: the .po then has it, passes msgfmt --check and differs from
    before only in that entry."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(served.url)
    _shot(page, "documents", tmp_path)
    path = served.locales / RU_000
    before = path.read_text(encoding="utf-8")
    _open_entry(page, served, RU_000, NGO_SENTENCE)
    assert page.locator('#source mark.term.ok[data-concept="ngo"]').inner_text() == (
        "үкіметтік емес ұйымдардың"
    )
    assert page.locator('#checked mark.term.ok[data-concept="association"]').count() == 1
    box = page.locator("#msgstr")
    box.fill("Создана новая ассоциация НГО")
    page.wait_for_selector('#checked mark.term.deprecated[data-concept="ngo"]')
    assert page.locator('.finding[data-check="term-deprecated"]').count() == 1
    assert page.locator('#source mark.term.deprecated[data-concept="ngo"]').count() == 1
    _shot(page, "entry-findings", tmp_path)
    box.focus()
    page.keyboard.press("Alt+1")
    assert box.input_value() == "Создана новая ассоциация НПО"
    eid = page.locator("#entry").get_attribute("data-eid")
    page.keyboard.press("Control+Enter")
    # accepting saves, then moves on to the next unfinished entry
    page.wait_for_selector(f'#entry:not([data-eid="{eid}"])')
    assert page.locator(f'.row[data-eid="{eid}"]').get_attribute("data-status") == "reviewed"
    entry = entry_of(path, NGO_SENTENCE)
    assert entry.msgstr == "Создана новая ассоциация НПО" and "fuzzy" not in entry.flags
    assert msgfmt_check(path).returncode == 0
    after = path.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed <= set(entry_lines(before, NGO_SENTENCE))
    assert added <= set(entry_lines(after, NGO_SENTENCE))
    assert page.locator("#entry").get_attribute("data-status") != "reviewed"
    assert not errors, errors


def test_an_edited_draft_is_there_after_a_reload(
    browser: Any, served: Served, tmp_path: Path
) -> None:
    """Edit a draft, save with Ctrl+S, reload: the text is the saved one and it needs work."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    _open_entry(page, served, RU_000, NGO_SENTENCE)
    box = page.locator("#msgstr")
    box.fill("В стране появилась новая ассоциация неправительственных организаций")
    page.keyboard.press("Control+s")
    page.wait_for_selector("#message.ok")
    page.reload()
    page.wait_for_selector("#entry")
    assert page.locator("#msgstr").input_value() == (
        "В стране появилась новая ассоциация неправительственных организаций"
    )
    assert page.locator("#entry").get_attribute("data-status") == "needs-work"
    assert page.locator(".row.current").get_attribute("data-status") == "needs-work"
    # the machine's draft is offered beside the person's text
    assert page.locator("#suggestions .suggestion.machine").count() == 1
    _shot(page, "entry-saved", tmp_path)


def test_keys_move_to_the_next_entry_with_findings(browser: Any, served: Served) -> None:
    """F8 goes to the next entry with findings, Ctrl+Down to the next one, Ctrl+B copies the
    source into the box."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{served.url}c/{served.catalog(RU_000).id}")
    first = page.locator("#entry").get_attribute("data-eid")
    assert page.locator(".row.current").get_attribute("data-findings") == "0"
    page.keyboard.press("F8")
    page.wait_for_selector(f'#entry:not([data-eid="{first}"])')
    row = page.locator(".row.current")
    assert int(row.get_attribute("data-findings") or 0) > 0
    current = page.locator("#entry").get_attribute("data-eid")
    page.keyboard.press("Control+ArrowDown")
    page.wait_for_selector(f'#entry:not([data-eid="{current}"])')
    page.keyboard.press("Control+b")
    assert page.locator("#msgstr").input_value() == page.locator("#entry").get_attribute(
        "data-source"
    )


def test_a_page_from_another_site_cannot_write(browser: Any, served: Served) -> None:
    """A page of another origin that knows an entry's address cannot save it, nor can a
    request without the token; the catalog stays as it was."""
    from termguard.review.workspace import entry_base, entry_id

    catalog = served.catalog(RU_000)
    entry = entry_of(catalog.abspath, NGO_SENTENCE)
    save = f"{served.url}c/{catalog.id}/e/{entry_id(entry)}/save"
    before = catalog.abspath.read_bytes()
    page = browser.new_page()
    page.set_content("<p>elsewhere</p>")
    body = {"msgstr": "взлом", "action": "accept", "base": entry_base(entry)}
    outcome = page.evaluate(
        """async ([url, body]) => {
            const out = [];
            for (const type of ["text/plain", "application/json"]) {
              try {
                const r = await fetch(url, {method: "POST", mode: "no-cors",
                  headers: {"Content-Type": type}, body: JSON.stringify(body)});
                out.push(r.type);
              } catch (e) { out.push("error"); }
            }
            return out;
        }""",
        [save, body],
    )
    assert len(outcome) == 2
    refused_before = served.server.app.refused
    no_token = page.goto(served.url.replace(served.server.token, "x" * 32))
    assert no_token is not None and no_token.status == 403
    assert catalog.abspath.read_bytes() == before
    assert served.server.app.refused > refused_before


def test_kazakh_and_thai_render_with_their_fonts(
    browser: Any, served: Served, tmp_path: Path
) -> None:
    """Thai source text is drawn with a Thai font and Kazakh with Noto Sans, every glyph found."""
    fonts = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    if "Noto Sans Thai" not in fonts or "Noto Sans" not in fonts:
        pytest.skip("needs fonts-noto-core (make system-deps installs it)")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    cdp = page.context.new_cdp_session(page)

    def used_fonts(selector: str) -> dict[str, int]:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        found = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return {f["familyName"]: f["glyphCount"] for f in found}

    thai = next(
        e.msgid
        for e in served.catalog(EN_002).state.entries.values()
        if any("\u0e00" <= ch <= "\u0e7f" for ch in e.msgid) and len(e.msgid) > 20
    )
    _open_entry(page, served, EN_002, thai)
    used = used_fonts("#source")
    _shot(page, "entry-thai", tmp_path)
    assert "Noto Sans Thai" in used, used
    assert not ({"DejaVu Sans", "Liberation Sans"} & set(used)), used  # no tofu fallback
    _open_entry(page, served, RU_000, NGO_SENTENCE)
    used = used_fonts("#source")
    assert set(used) == {"Noto Sans"}, used


def test_the_page_in_russian(browser: Any, served: Served, tmp_path: Path) -> None:
    """A browser asking for Russian gets the page in Russian, keys and statuses included."""
    context = browser.new_context(locale="ru-RU", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    _open_entry(page, served, RU_000, NGO_SENTENCE)
    assert (page.locator(".side h2").first.text_content() or "").startswith("Оригинал")
    assert page.locator("#status").inner_text() == "черновик"
    assert page.locator('button[data-action="accept"]').inner_text().startswith("Принять")
    _shot(page, "entry-ru", tmp_path)
    context.close()
