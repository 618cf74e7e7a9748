"""Shared CLI pieces: the throttled progress line and the --color / NO_COLOR switch."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner

from termguard.cli import cli
from termguard.cli.common import ProgressLine

MINI = str(Path(__file__).parent / "data" / "glossaries" / "good" / "mini.toml")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_redraws_a_few_times_a_second_not_per_item() -> None:
    """6,300 updates over 33 s draw about 4 times a second, and the last one always."""
    clock, out = Clock(), io.StringIO()
    bar = ProgressLine("translating", out, clock=clock)
    for i in range(1, 6301):
        clock.now = i * 33 / 6300
        bar.update(i, 6300)
    bar.close()
    assert 100 <= bar.draws <= 140
    assert out.getvalue().rstrip().endswith("100%  6,300/6,300 sentences  0:33")


def test_progress_estimate_comes_from_work_done() -> None:
    """A quarter done in 5 s leaves 0:15, half done in 3,700 s as long again; none at first."""
    bar = ProgressLine("translating", io.StringIO())
    assert bar.line(250, 1000, 5.0) == "translating  25%  250/1,000 sentences  0:15 left"
    assert "left" not in bar.line(10, 1000, 0.5)
    assert bar.line(500, 1000, 3700.0).endswith("sentences  1:01:40 left")


def test_color_always_never_and_no_color(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """--color always styles even into a pipe; never and NO_COLOR do not; auto follows the tty."""
    args = ["terms", "-", "--lang", "kk", "--glossary", MINI]
    text = "Медиация туралы.\n"
    always = CliRunner().invoke(cli, ["--color", "always", *args], input=text)
    assert always.exit_code == 0 and "\x1b[" in always.stdout
    never = CliRunner().invoke(cli, ["--color", "never", *args], input=text)
    assert never.exit_code == 0 and "\x1b[" not in never.stdout and "Медиация" in never.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    auto = CliRunner().invoke(cli, args, input=text, color=True)
    assert auto.exit_code == 0 and "\x1b[" not in auto.stdout
    monkeypatch.delenv("NO_COLOR")
    tty = CliRunner().invoke(cli, args, input=text, color=True)
    assert "\x1b[" in tty.stdout
