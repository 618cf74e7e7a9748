"""The review page as a Starlette application: pages, JSON calls, and the guard in front.

Every address lies under /t/<token>/, the run's secret (secrets.token_urlsafe); the guard
refuses, before anything else runs, a request whose path lacks it, whose Host is not this
server's own loopback address (so a web page cannot reach the server through a name it points
at 127.0.0.1: DNS rebinding), whose Origin is another site's, or that a browser marks as
cross-site (Sec-Fetch-Site) other than a top-level visit. Requests that change a catalog must
also be same-origin JSON (a cross-site form cannot send that without a preflight, which gets no
CORS answer). Pages are sent with a content security policy that loads nothing from elsewhere,
may not be framed, and send no Referer.
"""

from __future__ import annotations

import html
import json
import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from termguard.review.i18n import UI_LANGS, negotiate, translations
from termguard.review.workspace import (
    ENTRY_CHECKS,
    STATUSES,
    Catalog,
    Review,
    Span,
    Workspace,
    entry_base,
    entry_id,
    entry_status,
    own_lines,
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HERE = Path(__file__).resolve().parent
UI_COOKIE = "termguard-review-ui"
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
        b"frame-ancestors 'none'",
    ),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def new_token() -> str:
    """A per-run secret for the page's addresses."""
    return secrets.token_urlsafe(24)


class Guard:
    """Refuses requests without the token, for another host, or from another site."""

    def __init__(self, app: ASGIApp, token: str, port: int) -> None:
        self.app = app
        self.token = token
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{h}" for h in self.hosts}
        self.refused = 0

    def reason(self, scope: Scope) -> tuple[int, str] | None:
        """Why a request is refused (status, text), or None."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host", "") not in self.hosts:
            return 403, "refused: this server answers only to its own loopback address"
        parts = scope["path"].split("/", 3)
        given = parts[2] if len(parts) > 2 and parts[1] == "t" else ""
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            return 403, "refused: open the address `termguard review` printed (it has a token)"
        origin = headers.get("origin")
        site = headers.get("sec-fetch-site")
        if scope["method"] in ("GET", "HEAD"):
            if origin is not None and origin not in self.origins:
                return 403, "refused: cross-site request"
            top = headers.get("sec-fetch-mode") == "navigate" and headers.get("sec-fetch-dest") in (
                "document",
                None,
            )
            if site in ("cross-site", "same-site") and not top:
                return 403, "refused: cross-site request"
            return None
        if origin not in self.origins:
            return 403, "refused: a change must come from the review page itself (Origin)"
        if site is not None and site != "same-origin":
            return 403, "refused: cross-site request"
        if headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return 415, "refused: changes are sent as application/json"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = self.reason(scope)
        if refused is not None:
            self.refused += 1
            status, text = refused
            await send(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        *SECURITY_HEADERS,
                    ],
                }
            )
            await send({"type": "http.response.body", "body": text.encode("utf-8")})
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


# ---------------------------------------------------------------------------- rendering


def highlight(text: str, spans: Sequence[Span]) -> str:
    """`text` as HTML with each span in a <mark> whose class says what the checks found."""
    out, at = [], 0
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if s.start < at or s.end > len(text) or s.end <= s.start:
            continue
        out.append(html.escape(text[at : s.start]))
        out.append(
            f'<mark class="term {s.kind}" data-concept="{html.escape(s.concept)}" '
            f'title="{html.escape(s.title)}">{html.escape(text[s.start : s.end])}</mark>'
        )
        at = s.end
    out.append(html.escape(text[at:]))
    return "".join(out)


_DIFF = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.S)


def worddiff(diff: str) -> str:
    """A word diff (`[-old-] {+new+}`, tm.adapt.word_diff) as HTML with <del> and <ins>."""
    out, at = [], 0
    for m in _DIFF.finditer(diff):
        out.append(html.escape(diff[at : m.start()]))
        if m.group(1) is not None:
            out.append(f"<del>{html.escape(m.group(1))}</del>")
        else:
            out.append(f"<ins>{html.escape(m.group(2))}</ins>")
        at = m.end()
    out.append(html.escape(diff[at:]))
    return "".join(out)


class Pages:
    """Renders the templates in each UI language."""

    def __init__(self, base: str) -> None:
        from jinja2 import Environment, FileSystemLoader, select_autoescape

        self.base = base
        self.envs = {}
        for lang in UI_LANGS:
            env = Environment(
                loader=FileSystemLoader(HERE / "templates"),
                autoescape=select_autoescape(["html"]),
                extensions=["jinja2.ext.i18n"],
                trim_blocks=True,
                lstrip_blocks=True,
            )
            env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
            env.globals.update(base=base, ui=lang, ui_langs=UI_LANGS)
            env.filters["highlight"] = highlight
            env.filters["worddiff"] = worddiff
            self.envs[lang] = env

    def render(self, lang: str, name: str, **context: Any) -> str:
        return self.envs[lang].get_template(name).render(**context)


def _ui(request: Any, default: str | None) -> str:
    chosen = request.cookies.get(UI_COOKIE)
    if chosen in UI_LANGS:
        return str(chosen)
    if default in UI_LANGS:
        return str(default)
    return negotiate(request.headers.get("accept-language"))


def _entry_context(ws: Workspace, catalog: Catalog, eid: str, review: Review | None = None) -> Any:
    entry = catalog.entry(eid)
    if entry is None:
        return None
    if review is None:
        review = ws.review(catalog, entry)
    previous = None
    if entry.previous_msgid:
        from termguard.tm.adapt import word_diff

        previous = {
            "text": entry.previous_msgid,
            "diff": word_diff(entry.previous_msgid, entry.msgid),
        }
    return {
        "catalog": catalog,
        "entry": entry,
        "eid": eid,
        "status": entry_status(entry),
        "base": entry_base(entry),
        "review": review,
        "line": catalog.msgid_line(entry),
        "notes": own_lines(entry),
        "previous": previous,
        "editable": catalog.state.editable and not entry.msgid_plural,
    }


def _rows(ws: Workspace, catalog: Catalog, status: str, check: str) -> list[dict[str, Any]]:
    rows = []
    for n, (eid, entry) in enumerate(catalog.state.entries.items(), 1):
        st = entry_status(entry)
        findings = ws.entry_findings(catalog, entry) if not entry.msgid_plural else ()
        checks = sorted({f.check for f in findings})
        if status and st != status:
            continue
        if check == "any" and not findings:
            continue
        if check and check != "any" and check not in checks:
            continue
        rows.append(
            {
                "n": n,
                "eid": eid,
                "status": st,
                "source": entry.msgid,
                "target": entry.msgstr,
                "findings": len(findings),
                "checks": checks,
            }
        )
    return rows


class _Handlers:
    """The page's routes over one workspace: each method answers one route."""

    def __init__(self, ws: Workspace, base: str, ui: str | None) -> None:
        self.ws, self.base, self.ui = ws, base, ui
        self.pages = Pages(base)

    def url(self, path: str, **query: str) -> str:
        q = {k: v for k, v in query.items() if v}
        return f"{self.base}{path}" + (f"?{urlencode(q)}" if q else "")

    def index_page(self, request: Request) -> Response:
        lang = _ui(request, self.ui)
        docs = []
        for c in self.ws.catalogs.values():
            try:
                c.refresh()
            except Exception as exc:  # the file was removed: say so on the page
                self.ws.problems.append(str(exc))
                continue
            findings = sum(
                bool(self.ws.entry_findings(c, e))
                for e in c.state.entries.values()
                if not e.msgid_plural
            )
            docs.append({"catalog": c, "counts": self.ws.counts(c), "findings": findings})
        feeder = self.ws.feeder
        return HTMLResponse(
            self.pages.render(
                lang,
                "index.html",
                docs=docs,
                problems=self.ws.problems,
                memory=self.ws.memory_path,
                memory_errors=feeder.errors if feeder is not None else [],
                url=self.url,
                here=_here(request),
            )
        )

    def catalog_page(self, request: Request) -> Response:
        lang = _ui(request, self.ui)
        catalog = self.ws.catalog(request.path_params["cid"])
        if catalog is None:
            return HTMLResponse("no such catalog", status_code=404)
        catalog.refresh()
        status = request.query_params.get("status", "")
        check = request.query_params.get("check", "")
        status = status if status in STATUSES else ""
        check = check if check in (*ENTRY_CHECKS, "any") else ""
        rows = _rows(self.ws, catalog, status, check)
        eid = request.query_params.get("e") or (rows[0]["eid"] if rows else "")
        if catalog.entry(eid) is None:
            eid = rows[0]["eid"] if rows else ""
        entry = _entry_context(self.ws, catalog, eid) if eid else None
        return HTMLResponse(
            self.pages.render(
                lang,
                "catalog.html",
                catalog=catalog,
                counts=self.ws.counts(catalog),
                rows=rows,
                current=eid,
                status=status,
                check=check,
                statuses=STATUSES,
                checks=ENTRY_CHECKS,
                changes=len(catalog.changes),
                url=self.url,
                here=_here(request),
                **({"e": entry} if entry else {}),
            )
        )

    def entry_fragment(self, request: Request) -> Response:
        lang = _ui(request, self.ui)
        catalog = self.ws.catalog(request.path_params["cid"])
        if catalog is None:
            return HTMLResponse("no such catalog", status_code=404)
        catalog.refresh()
        entry = _entry_context(self.ws, catalog, request.path_params["eid"])
        if entry is None:
            return HTMLResponse("no such entry", status_code=404)
        return HTMLResponse(self.pages.render(lang, "entry.html", e=entry, url=self.url))

    async def check_entry(self, request: Request) -> Response:
        lang = _ui(request, self.ui)
        body = await _json(request)
        catalog = self.ws.catalog(request.path_params["cid"])
        entry = catalog.entry(request.path_params["eid"]) if catalog is not None else None
        if catalog is None or entry is None or not isinstance(body.get("msgstr"), str):
            return JSONResponse({"error": "no such entry"}, status_code=404)
        text = body["msgstr"]

        def work() -> dict[str, str]:
            review = self.ws.review(catalog, entry, text)
            ctx = _entry_context(self.ws, catalog, request.path_params["eid"], review)
            return {
                "review": self.pages.render(lang, "review.html", e=ctx, url=self.url),
                "checked": highlight(text, review.target_spans),
                "source": highlight(entry.msgid, review.source_spans),
                "findings": str(len(review.findings)),
            }

        return JSONResponse(await run_in_threadpool(work))

    async def save_entry(self, request: Request) -> Response:
        lang = _ui(request, self.ui)
        body = await _json(request)
        cid, eid = request.path_params["cid"], request.path_params["eid"]
        msgstr, action, base_ = body.get("msgstr"), body.get("action", "save"), body.get("base")
        if not (isinstance(msgstr, str) and isinstance(action, str) and isinstance(base_, str)):
            return JSONResponse({"error": "send msgstr, action and base"}, status_code=400)
        result = await run_in_threadpool(self.ws.save, cid, eid, msgstr, action, base_)
        catalog = self.ws.catalog(cid)
        status_code = {
            "saved": 200,
            "unchanged": 200,
            "conflict": 409,
            "gone": 410,
            "locked": 423,
            "invalid": 422,
        }[result.outcome]
        out: dict[str, Any] = {"outcome": result.outcome, "message": result.message}
        if catalog is not None and result.entry is not None:
            entry = result.entry

            def render() -> None:
                ctx = _entry_context(self.ws, catalog, entry_id(entry))
                if ctx is None:
                    return
                out.update(
                    status=ctx["status"],
                    base=ctx["base"],
                    msgstr=entry.msgstr,
                    findings=len(ctx["review"].findings),
                    review=self.pages.render(lang, "review.html", e=ctx, url=self.url),
                    checked=highlight(entry.msgstr, ctx["review"].target_spans),
                    source=highlight(entry.msgid, ctx["review"].source_spans),
                    counts=self.ws.counts(catalog).__dict__,
                )

            await run_in_threadpool(render)
        return JSONResponse(out, status_code=status_code)

    def choose_ui(self, request: Request) -> Response:
        lang = request.path_params["lang"]
        back = request.query_params.get("next", "")
        if not back.startswith(self.base + "/") or "//" in back[len(self.base) :]:
            back = self.base + "/"
        response = RedirectResponse(back, status_code=303)
        if lang in UI_LANGS:
            response.set_cookie(
                UI_COOKIE, lang, path=self.base + "/", samesite="strict", httponly=True
            )
        return response


def create_app(ws: Workspace, token: str, port: int, *, ui: str | None = None) -> Guard:
    """The review application for `ws`, guarded, under /t/<token>/."""
    base = f"/t/{token}"
    h = _Handlers(ws, base, ui)
    routes = [
        Route("/", h.index_page),
        Route("/c/{cid}", h.catalog_page),
        Route("/c/{cid}/e/{eid}", h.entry_fragment),
        Route("/c/{cid}/e/{eid}/check", h.check_entry, methods=["POST"]),
        Route("/c/{cid}/e/{eid}/save", h.save_entry, methods=["POST"]),
        Route("/ui/{lang}", h.choose_ui),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=[Mount(base, routes=routes)])
    return Guard(app, token, port)


def _here(request: Any) -> str:
    query = request.url.query
    return str(request.url.path) + (f"?{query}" if query else "")


async def _json(request: Any) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return body if isinstance(body, dict) else {}
