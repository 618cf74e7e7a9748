"""Tests of `termguard check`: exit codes, the four report formats, and the HTML in Chromium."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from termguard.cli import cli

DATA = Path(__file__).parent / "data" / "check"
GLOSSARY = str(DATA / "glossary")
EVERY = str(DATA / "every-problem.en-kk.po")
CLEAN = str(DATA / "clean.en-kk.po")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "--glossary", GLOSSARY, *args])
    return result.exit_code, result.stdout, result.stderr


def test_clean_catalog_exits_0_and_prints_nothing() -> None:
    """A clean catalog exits 0 with no findings on stdout and a summary on stderr."""
    code, out, err = _run(CLEAN)
    assert (code, out) == (0, "")
    assert err == "7 pairs in 1 file(s): 0 error(s), 0 warning(s)\n"


def test_findings_exit_3_grouped_by_file_with_lines_and_spans() -> None:
    """Findings exit 3; the text report names the file, then line, severity, check and span."""
    code, out, err = _run(EVERY)
    assert code == 3
    assert out.startswith(EVERY + "\n")
    assert (
        "  11: error term-missing [en->kk]: 'civil society' (civil-society) has no approved kk "
        "rendering in the target; expected 'азаматтық қоғам'\n"
        "      source: They spoke about [civil society].\n"
        "      suggestion: азаматтық қоғам\n"
    ) in out
    assert "  35: error mixed-script [en->kk]: 'Бiр' mixes Latin (i) and Cyrillic letters\n" in out
    # 8 or 9 errors: the misspelt медиацея is a near-miss warning, or with an exact-only matcher
    # a missing term.
    summary = re.fullmatch(r"11 pairs in 1 file\(s\): (\d) error\(s\), (\d) warning\(s\)\n", err)
    assert summary is not None
    assert int(summary.group(1)) + int(summary.group(2)) == 11


@pytest.mark.parametrize(
    ("target", "tgt", "message"),
    [
        ("Медиация дамып келеді!", "ru", "target is Kazakh, not Russian"),
        ("Mediation дамып келеді.", "en", "target is Kazakh, not English"),
    ],
)
def test_target_in_the_wrong_language_exits_3(
    tmp_path: Path, target: str, tgt: str, message: str
) -> None:
    """check --source/--target reports a Kazakh target in a Russian or English file, exit 3."""
    src, tgt_file = tmp_path / "s.kk", tmp_path / f"t.{tgt}"
    src.write_text("Медиация дамып келеді.\n", encoding="utf-8")
    tgt_file.write_text(target + "\n", encoding="utf-8")
    code, out, _ = _run(
        "--source", str(src), "--target", str(tgt_file), "--from", "kk", "--to", tgt
    )
    assert code == 3
    assert f"  1: error wrong-language [kk->{tgt}]: {message}" in out


def test_fail_on_sets_the_threshold() -> None:
    """--fail-on never always exits 0; warnings alone exit 3 only with --fail-on warning."""
    assert _run(EVERY, "--fail-on", "never")[0] == 0
    assert _run(EVERY, "--only", "term-deprecated")[0] == 0
    assert _run(EVERY, "--only", "term-deprecated", "--fail-on", "warning")[0] == 3


def test_only_and_skip_choose_checks() -> None:
    """--only runs the named checks; --skip leaves checks out."""
    _, out, _ = _run(EVERY, "--only", "numbers", "--format", "jsonl")
    assert {json.loads(line)["check"] for line in out.splitlines()} == {"numbers"}
    _, out, _ = _run(EVERY, "--skip", "numbers", "--format", "jsonl")
    assert "numbers" not in {json.loads(line)["check"] for line in out.splitlines()}


def test_json_report_records_what_made_it() -> None:
    """--format json has the version, glossary hash, counts per check and every finding."""
    code, out, _ = _run(EVERY, "--format", "json")
    doc = json.loads(out)
    assert code == 3
    assert list(doc) == ["generator", "version", "glossary", "pairs", "files", "counts", "findings"]
    assert doc["generator"].startswith("termguard ") and doc["version"] == 1
    assert doc["pairs"] == 11
    assert doc["counts"]["numbers"] == {"warning": 0, "error": 1}
    first = doc["findings"][0]
    assert (first["line"], first["check"], first["span"]) == (11, "term-missing", "civil society")


def test_aligned_text_files_are_checked(tmp_path: Path) -> None:
    """--source/--target check two aligned files; the report is written atomically with -o."""
    report = tmp_path / "out" / "report.jsonl"
    code, out, _ = _run(
        "--source",
        str(DATA / "ntrex" / "newstest2019.en.txt"),
        "--target",
        str(DATA / "ntrex" / "newstest2019.kk.txt"),
        "--only",
        "mixed-script",
        "--format",
        "jsonl",
        "-o",
        str(report),
    )
    assert (code, out) == (3, "")
    lines = [json.loads(x) for x in report.read_text(encoding="utf-8").splitlines()]
    assert [(f["line"], f["span"]) for f in lines] == [(7, "Mоливуд"), (8, "Cүтсорғышты")]


def test_bad_input_exits_1_with_path_and_line(tmp_path: Path) -> None:
    """An undecodable file exits 1 with 'Error: path:line: problem, and how to fix it'."""
    bad = tmp_path / "bad.tsv"
    bad.write_bytes("en\tru\nHello\tПривет, как дела у вас сегодня?\n".encode("cp1251"))
    code, out, err = _run(str(bad))
    assert (code, out) == (1, "")
    assert err == (
        f"Error: {bad}:2: not valid utf-8 (byte 0xCF); it looks like cp1251: "
        "convert it with `iconv -f cp1251 -t UTF-8`\n"
    )


def test_the_command_offers_every_check() -> None:
    """--only and --skip offer exactly the library's checks, in its order."""
    from termguard.check import CHECKS
    from termguard.cli.check import CHECK_IDS

    assert tuple(CHECKS) == CHECK_IDS


def test_usage_errors_exit_2() -> None:
    """No input, or a --source without its --target, is a usage error."""
    assert _run()[0] == 2
    assert _run("--source", CLEAN)[0] == 2


# --- HTML -------------------------------------------------------------------------------------


def test_html_report_is_self_contained_and_marks_terms(tmp_path: Path) -> None:
    """The HTML needs nothing from the network and marks approved and violating terms apart."""
    out = tmp_path / "r.html"
    code, _, _ = _run(EVERY, "--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert code == 3
    assert 'class="term-ok"' in page and 'class="flag term-bad"' in page
    assert 'class="term-src"' in page
    assert 'data-check="term-forbidden"' in page
    assert "http://" not in page and "https://" not in page
    assert page.count('class="pair"') == 11


def _png_colours(png: bytes) -> int:
    """The number of distinct pixel colours in an 8-bit RGB/RGBA PNG (plain zlib decoding)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    channels = 3
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        data = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, _, depth, colour = struct.unpack(">IIBB", data[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    colours: set[bytes] = set()
    for row in range(len(raw) // (stride + 1)):
        filt = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1 : (row + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if filt == 1:
                line[i] = (line[i] + a) & 0xFF
            elif filt == 2:
                line[i] = (line[i] + b) & 0xFF
            elif filt == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        if row % 8 == 0:
            colours.update(bytes(line[i : i + 3]) for i in range(0, stride, channels * 4))
        prev = line
        if len(colours) > 50:
            break
    return len(colours)


def _chromium(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    assert exe is not None
    return subprocess.run(
        [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1200,900",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")),
    reason="chromium is not installed (make test installs Debian's chromium)",
)
def test_html_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    """Chromium renders the report: not blank, findings in the DOM, the check filter hides rows."""
    page = tmp_path / "report.html"
    _run(EVERY, "--format", "html", "-o", str(page))
    shot = tmp_path / "shot.png"
    done = _chromium(f"--screenshot={shot}", page.as_uri(), tmp_path=tmp_path)
    assert shot.exists(), done.stderr[-2000:]
    assert _png_colours(shot.read_bytes()) > 5
    dom = _chromium("--dump-dom", page.as_uri(), tmp_path=tmp_path).stdout
    assert dom.count('class="finding"') == 11
    assert "губернатор" in dom and "term-forbidden" in dom
    assert 'class="pair"' in dom and 'class="pair hidden"' not in dom
    filtered = _chromium("--dump-dom", page.as_uri() + "#only=numbers", tmp_path=tmp_path).stdout
    assert filtered.count('class="pair"') == 1
    assert filtered.count('class="pair hidden"') == 10


def test_fuzzy_machine_drafts_are_checked_only_when_asked(tmp_path: Path) -> None:
    """Fuzzy entries (termguard's own drafts) are skipped unless --include-fuzzy is given."""
    mini = str(Path(__file__).parent / "data" / "glossaries" / "good" / "mini.toml")
    po = tmp_path / "draft.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: kk\\n"\n'
        '"X-Source-Language: en\\n"\n\n#, fuzzy\nmsgid "Mediation helps NGOs."\n'
        'msgstr "Медиация мемлекеттік емес ұйымдарға көмектеседі."\n',
        encoding="utf-8",
    )
    skipped = CliRunner().invoke(cli, ["check", str(po), "--glossary", mini])
    assert skipped.exit_code == 0
    assert skipped.stderr == (
        "0 pairs in 1 file(s): 0 error(s), 0 warning(s)\n"
        "1 draft unit(s) skipped in 1 file(s) (fuzzy entries, targets that need review, "
        "termguard's machine output); pass --include-fuzzy to check them\n"
    )
    checked = CliRunner().invoke(
        cli, ["check", str(po), "--glossary", mini, "--include-fuzzy", "--fail-on", "warning"]
    )
    assert checked.exit_code == 3
    assert "warning term-deprecated [en->kk]: 'мемлекеттік емес ұйымдарға'" in checked.output
