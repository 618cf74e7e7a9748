"""`termguard review`: served on 127.0.0.1 with a token, stopped by Ctrl+C, clear on bad input."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from review_helpers import ROOT, RU_000, copy_locales
from termguard.cli import cli

pytest.importorskip("starlette")


def test_review_serves_on_loopback_with_a_token_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    """The command prints its 127.0.0.1 address with a token, serves it, refuses the address
    without the token, and exits 0 on SIGINT."""
    locales = copy_locales(tmp_path, RU_000)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "termguard",
            "review",
            str(locales),
            "--no-browser",
            "--port",
            "0",
            "--glossary",
            str(ROOT / "glossary"),
            "--no-tm",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and "/t/" in url
        with urllib.request.urlopen(url, timeout=10) as page:
            assert page.status == 200
            assert "000_91604382561779cc" in page.read().decode("utf-8")
        bare = url.split("/t/")[0] + "/"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(bare, timeout=10)
        assert refused.value.code == 403
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_review_of_a_folder_without_catalogs_says_what_to_do(tmp_path: Path) -> None:
    """No catalog under the path given: exit 1 with a message naming it, no traceback."""
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(
        cli,
        ["review", str(tmp_path / "empty"), "--no-browser", "--glossary", str(ROOT / "glossary")],
    )
    assert result.exit_code == 1
    assert "no catalog to review" in result.output and "empty" in result.output


def test_review_of_a_port_in_use_says_so(tmp_path: Path) -> None:
    """A port another program listens on is refused with the way out (--port 0)."""
    import socket

    locales = copy_locales(tmp_path, RU_000)
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    port = busy.getsockname()[1]
    try:
        result = CliRunner().invoke(
            cli,
            [
                "review",
                str(locales),
                "--no-browser",
                "--port",
                str(port),
                "--no-tm",
                "--glossary",
                str(ROOT / "glossary"),
            ],
        )
    finally:
        busy.close()
    assert result.exit_code == 1
    assert f"127.0.0.1:{port}: cannot listen there" in result.output and "--port 0" in result.output
