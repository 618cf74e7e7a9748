"""Running the review page: a socket on 127.0.0.1 only, uvicorn, and the browser opened on it.

The address is bound before anything is announced, so `--port 0` (any free port) works and the
URL printed is the one that answers. The browser is opened through a small HTML file readable
by this user only that redirects to the page, so the token never appears on a command line
another local user could read (as Jupyter does).
"""

from __future__ import annotations

import os
import socket
import tempfile
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from termguard.errors import TermguardError
from termguard.review.app import create_app, new_token
from termguard.review.workspace import Workspace

HOST = "127.0.0.1"


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:`port` (0: any free port); TermguardError if taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise TermguardError(
            f"{HOST}:{port}: cannot listen there ({exc.strerror}); pass another --port, "
            "or --port 0 for any free one"
        ) from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def open_browser(url: str) -> Path | None:
    """Open `url` through a user-only redirect file; the file, to remove when done."""
    fd, name = tempfile.mkstemp(prefix="termguard-review-", suffix=".html")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(
            '<!doctype html><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0;url={url}">'
            f'<a href="{url}">termguard review</a>\n'
        )
    if not webbrowser.open(Path(name).as_uri()):
        os.unlink(name)
        return None
    return Path(name)


class ReviewServer:
    """The page for a workspace on a bound socket; run() serves until stopped."""

    def __init__(self, workspace: Workspace, sock: socket.socket, *, ui: str | None = None):
        import uvicorn

        self.workspace = workspace
        self.sock = sock
        self.port = sock.getsockname()[1]
        self.token = new_token()
        self.app = create_app(workspace, self.token, self.port, ui=ui)
        config = uvicorn.Config(
            self.app,
            log_config=None,
            access_log=False,
            lifespan="off",
            ws="none",
            timeout_graceful_shutdown=5,
        )
        self.server = uvicorn.Server(config)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/t/{self.token}/"

    def run(self) -> None:
        """Serve until Ctrl+C (or stop()); the memory is fed what was saved before returning.

        In another thread than the main one, uvicorn leaves the signals alone: stop() ends it.
        """
        try:
            self.server.run(sockets=[self.sock])
        finally:
            self.sock.close()
            self.workspace.close()

    def stop(self) -> None:
        self.server.should_exit = True

    @property
    def started(self) -> bool:
        return bool(self.server.started)


def serve(
    workspace: Workspace,
    *,
    port: int = 0,
    browser: bool = True,
    ui: str | None = None,
    on_ready: Callable[[str], Any] | None = None,
) -> None:
    """Serve the review page on 127.0.0.1 until interrupted; `on_ready(url)` hears the address."""
    server = ReviewServer(workspace, bind(port), ui=ui)
    if on_ready is not None:
        on_ready(server.url)
    redirect = open_browser(server.url) if browser else None
    try:
        server.run()
    finally:
        if redirect is not None:
            redirect.unlink(missing_ok=True)
