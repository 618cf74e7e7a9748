"""The review application over HTTP: the token, Host and Origin guard, pages, saves, languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_helpers import NGO_SENTENCE, RU_000, copy_locales, entry_of

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from starlette.testclient import TestClient

from termguard.review.app import create_app
from termguard.review.workspace import entry_base, entry_id, open_workspace

PORT = 8765
TOKEN = "test-token-123"
ORIGIN = f"http://127.0.0.1:{PORT}"
BASE = f"/t/{TOKEN}"


@pytest.fixture
def site(tmp_path: Path, project_glossary):  # type: ignore[no-untyped-def]
    locales = copy_locales(tmp_path, RU_000)
    ws = open_workspace([locales], project_glossary, memory=None)
    app = create_app(ws, TOKEN, PORT)
    client = TestClient(app, base_url=ORIGIN)
    (catalog,) = ws.catalogs.values()
    yield client, ws, catalog, app
    ws.close()


def _save_body(catalog, msgstr: str = "Ассоциация НПО", action: str = "accept") -> dict[str, str]:  # type: ignore[no-untyped-def]
    entry = entry_of(catalog.abspath, NGO_SENTENCE)
    return {"msgstr": msgstr, "action": action, "base": entry_base(entry)}


def _save_url(catalog) -> str:  # type: ignore[no-untyped-def]
    entry = entry_of(catalog.abspath, NGO_SENTENCE)
    return f"{BASE}/c/{catalog.id}/e/{entry_id(entry)}/save"


def test_pages_need_the_token(site) -> None:  # type: ignore[no-untyped-def]
    """Without the run's token, or with another, every address is refused; with it, served."""
    client, _, catalog, _ = site
    assert client.get("/").status_code == 403
    assert client.get(f"/t/wrong-token/c/{catalog.id}").status_code == 403
    assert client.get("/t/wrong-token/static/review.js").status_code == 403
    page = client.get(f"{BASE}/")
    assert page.status_code == 200 and catalog.name in page.text


def test_another_host_is_refused(site) -> None:  # type: ignore[no-untyped-def]
    """A Host other than this server's loopback address is refused (DNS rebinding)."""
    client, *_ = site
    assert client.get(f"{BASE}/", headers={"Host": "evil.example"}).status_code == 403
    assert client.get(f"{BASE}/", headers={"Host": f"localhost:{PORT}"}).status_code == 200
    assert client.get(f"{BASE}/", headers={"Host": "127.0.0.1:9999"}).status_code == 403


def test_a_save_from_another_origin_is_refused_and_writes_nothing(site) -> None:  # type: ignore[no-untyped-def]
    """A save without Origin, with another site's, marked cross-site, or sent as a form is
    refused; the catalog is unchanged; the page's own save goes through."""
    client, _, catalog, app = site
    before = catalog.abspath.read_bytes()
    url, body = _save_url(catalog), _save_body(catalog)
    attempts = [
        {},
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": f"http://127.0.0.1:{PORT + 1}"},
        {"Origin": ORIGIN, "Sec-Fetch-Site": "cross-site"},
        {"Origin": ORIGIN, "Sec-Fetch-Site": "same-site"},
    ]
    for headers in attempts:
        assert client.post(url, json=body, headers=headers).status_code == 403, headers
    form = client.post(url, data=body, headers={"Origin": ORIGIN})
    assert form.status_code == 415
    assert catalog.abspath.read_bytes() == before
    assert app.refused == len(attempts) + 1
    ok = client.post(url, json=body, headers={"Origin": ORIGIN, "Sec-Fetch-Site": "same-origin"})
    assert ok.status_code == 200 and ok.json()["outcome"] == "saved"
    assert entry_of(catalog.abspath, NGO_SENTENCE).msgstr == "Ассоциация НПО"


def test_cross_site_reads_are_refused_but_a_visit_is_not(site) -> None:  # type: ignore[no-untyped-def]
    """A cross-site subresource request is refused; a top-level visit (the browser opened from
    the redirect file) is served."""
    client, *_ = site
    embed = {
        "Sec-Fetch-Site": "cross-site",
        "Sec-Fetch-Mode": "no-cors",
        "Sec-Fetch-Dest": "script",
    }
    assert client.get(f"{BASE}/static/review.js", headers=embed).status_code == 403
    visit = {
        "Sec-Fetch-Site": "cross-site",
        "Sec-Fetch-Mode": "navigate",
        "Sec-Fetch-Dest": "document",
    }
    assert client.get(f"{BASE}/", headers=visit).status_code == 200
    assert client.get(f"{BASE}/", headers={"Origin": "http://evil.example"}).status_code == 403


def test_pages_forbid_framing_and_foreign_resources(site) -> None:  # type: ignore[no-untyped-def]
    """Pages carry a security policy with nothing from elsewhere, no framing, no referrer."""
    client, *_ = site
    page = client.get(f"{BASE}/")
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    refused = client.get("/")
    assert refused.headers["x-frame-options"] == "DENY"


def test_a_conflicting_save_answers_409_with_the_text_on_disk(site) -> None:  # type: ignore[no-untyped-def]
    """A save based on an old version answers 409 with the text on disk and its new base."""
    client, _, catalog, _ = site
    url, body = _save_url(catalog), _save_body(catalog)
    first = client.post(url, json=body, headers={"Origin": ORIGIN})
    assert first.status_code == 200
    stale = client.post(url, json={**body, "msgstr": "Другой текст"}, headers={"Origin": ORIGIN})
    assert stale.status_code == 409
    data = stale.json()
    assert data["outcome"] == "conflict" and data["msgstr"] == "Ассоциация НПО"
    assert data["base"] == first.json()["base"]


def test_the_entry_page_shows_terms_findings_and_suggestions(site) -> None:  # type: ignore[no-untyped-def]
    """A live check of a text with a deprecated term marks it, says so and suggests the term."""
    client, _, catalog, _ = site
    entry = entry_of(catalog.abspath, NGO_SENTENCE)
    url = f"{BASE}/c/{catalog.id}/e/{entry_id(entry)}/check"
    data = client.post(
        url, json={"msgstr": "Создана ассоциация НГО"}, headers={"Origin": ORIGIN}
    ).json()
    assert '<mark class="term deprecated" data-concept="ngo"' in data["checked"]
    assert "term-deprecated" in data["review"] and 'data-text="НПО"' in data["review"]
    assert "научно-производственное объединение" in data["review"]  # the concept's note
    page = client.get(f"{BASE}/c/{catalog.id}", params={"e": entry_id(entry)})
    assert '<mark class="term ok" data-concept="ngo"' in page.text


def test_filters_by_status_and_check(site) -> None:  # type: ignore[no-untyped-def]
    """The entry list shows only entries of the status and the check asked for."""
    client, ws, catalog, _ = site
    drafts = client.get(f"{BASE}/c/{catalog.id}", params={"status": "draft"}).text
    untranslated = client.get(f"{BASE}/c/{catalog.id}", params={"status": "untranslated"}).text
    counts = ws.counts(catalog)
    assert drafts.count('class="row draft') == counts.draft
    assert 'class="row untranslated' not in drafts
    assert untranslated.count('class="row untranslated') == counts.untranslated
    mixed = client.get(f"{BASE}/c/{catalog.id}", params={"check": "mixed-script"}).text
    assert mixed.count('class="row ') == 1 and "20 Сәуiр" in mixed


def test_the_page_speaks_russian_when_the_browser_asks(site) -> None:  # type: ignore[no-untyped-def]
    """Accept-Language ru gives the Russian page; the chosen language sticks to the token's path."""
    client, _, catalog, _ = site
    ru = client.get(
        f"{BASE}/c/{catalog.id}", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}
    )
    assert "Оригинал" in ru.text and "Принять" in ru.text
    en = client.get(f"{BASE}/c/{catalog.id}", headers={"Accept-Language": "en-GB"})
    assert "Source" in en.text and "Оригинал" not in en.text
    chosen = client.get(f"{BASE}/ui/ru", params={"next": f"{BASE}/"}, follow_redirects=False)
    assert chosen.status_code == 303 and chosen.headers["location"] == f"{BASE}/"
    assert f"Path={BASE}/" in chosen.headers["set-cookie"]
    assert "Документы" in client.get(f"{BASE}/").text
    elsewhere = client.get(
        f"{BASE}/ui/ru", params={"next": "http://evil.example/"}, follow_redirects=False
    )
    assert elsewhere.headers["location"] == f"{BASE}/"


def test_memory_matches_are_offered(tmp_path: Path, project_glossary) -> None:  # type: ignore[no-untyped-def]
    """A reviewed memory translation of a similar sentence is among the entry's suggestions."""
    from termguard.tm.store import Record, open_memory

    memory = open_memory(tmp_path / "tm.sqlite")
    similar = NGO_SENTENCE + " деп хабарлады"
    record = Record("kk", "ru", similar, "Создана ассоциация НПО, сообщается", "reviewed", "a.tmx")
    memory.sync_file(str(tmp_path / "a.tmx"), "tmx", [record])
    memory.close()
    locales = copy_locales(tmp_path, RU_000)
    ws = open_workspace([locales], project_glossary, memory=str(tmp_path / "tm.sqlite"))
    client = TestClient(create_app(ws, TOKEN, PORT), base_url=ORIGIN)
    (catalog,) = ws.catalogs.values()
    entry = entry_of(catalog.abspath, NGO_SENTENCE)
    page = client.get(f"{BASE}/c/{catalog.id}", params={"e": entry_id(entry)}).text
    assert 'data-text="Создана ассоциация НПО, сообщается"' in page
    assert "reviewed · a.tmx" in page
    ws.close()
