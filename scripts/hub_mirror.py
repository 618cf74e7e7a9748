"""A local stand-in for the Hugging Face hub and the Argos index, served on 127.0.0.1 only.

docs/models.md downloads models with huggingface_hub and transformers and Argos packages with curl.
scripts/check_model_recipes.py runs those commands as written, with HF_ENDPOINT and
ARGOS_PACKAGE_INDEX pointing here, so the download steps run their real code paths (HEAD + GET
of /<repo>/resolve/<revision>/<file>, /api/models/<repo>[/revision/<rev>], the tree listing)
against the layouts scripts/build_model_layouts.py wrote.

Served from ROOT:
  ROOT/hub/<org>/<name>/...    a model repository (any file, nested folders included)
  ROOT/files/...               plain files (the Argos index and packages, release zips)
"""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse


def _commit(repo: Path) -> str:
    digest = hashlib.sha1()
    for f in sorted(p for p in repo.rglob("*") if p.is_file()):
        digest.update(f.relative_to(repo).as_posix().encode())
        digest.update(str(f.stat().st_size).encode())
    return digest.hexdigest()


def _etag(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


class _Handler(BaseHTTPRequestHandler):
    root: Path

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send_json(self, data: object, status: int = 200) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, code: str) -> None:
        self.send_response(status)
        self.send_header("X-Error-Code", code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_file(self, path: Path, repo: Path | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(path.stat().st_size))
        self.send_header("Content-Type", "application/octet-stream")
        if repo is not None:
            self.send_header("ETag", f'"{_etag(path)}"')
            self.send_header("X-Repo-Commit", _commit(repo))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(path.read_bytes())

    def _repo_info(self, repo: Path, repo_id: str, tree: bool) -> None:
        files = sorted(p for p in repo.rglob("*") if p.is_file())
        if tree:
            self._send_json(
                [
                    {"type": "file", "path": f.relative_to(repo).as_posix(),
                     "size": f.stat().st_size, "oid": _etag(f)}
                    for f in files
                ]
            )  # fmt: skip
            return
        self._send_json(
            {
                "id": repo_id,
                "modelId": repo_id,
                "sha": _commit(repo),
                "private": False,
                "disabled": False,
                "gated": False,
                "siblings": [{"rfilename": f.relative_to(repo).as_posix()} for f in files],
                "tags": [],
            }
        )

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        parts = [unquote(p) for p in urlparse(self.path).path.strip("/").split("/")]
        if parts[:1] == ["files"]:
            path = self.root.joinpath("files", *parts[1:])
            return self._send_file(path) if path.is_file() else self._error(404, "EntryNotFound")
        if parts[:2] == ["api", "models"] and len(parts) >= 4:
            repo_id = "/".join(parts[2:4])
            repo = self.root / "hub" / repo_id
            if not repo.is_dir():
                return self._error(404, "RepoNotFound")
            return self._repo_info(repo, repo_id, tree="tree" in parts[4:5])
        if len(parts) >= 5 and parts[2] == "resolve":
            repo_id = "/".join(parts[:2])
            repo = self.root / "hub" / repo_id
            if not repo.is_dir():
                return self._error(404, "RepoNotFound")
            path = repo.joinpath(*parts[4:])
            return (
                self._send_file(path, repo) if path.is_file() else self._error(404, "EntryNotFound")
            )
        self._error(404, "EntryNotFound")


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    """Start the mirror on a free loopback port; returns the server and its base URL."""
    handler = type("Handler", (_Handler,), {"root": root})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
