"""Draw the judged sample of a check run, as tests/data/judged/ holds it.

    python scripts/judge_sample.py FINDINGS.jsonl SOURCE.txt TARGET.txt DIRECTION CORPUS \
        [--documents DOCUMENT_IDS.tsv] [--verdicts VERDICTS.jsonl ...] > sample.jsonl

FINDINGS is `termguard check ... --format jsonl`. The sample is the procedure of the judged
samples: `rng = random.Random(20261203)`; the error-level findings in report order ->
`rng.sample(errors, 50)`, then the warnings -> `rng.sample(warnings, 50)` with the same
generator, or all of them where there are 50 or fewer; sorted by line. Each sampled finding
gets both segments; its verdict, cause and reason come from the first VERDICTS file that judged
the same finding (line, check, span, concept), and are left empty ("verdict": "") otherwise,
for a person to judge by reading both sides.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

SEED = 20261203
SIZE = 50


def _key(d: dict[str, object]) -> tuple[object, ...]:
    return (d["line"], d["check"], d["span"], d.get("concept", ""))


def sample(findings: list[dict[str, object]]) -> list[dict[str, object]]:
    """The sampled findings, sorted by line (see the module doc)."""
    rng = random.Random(SEED)
    picked: list[dict[str, object]] = []
    for severity in ("error", "warning"):
        items = [f for f in findings if f["severity"] == severity]
        if len(items) > SIZE:
            items = [items[i] for i in sorted(rng.sample(range(len(items)), SIZE))]
        picked += items
    return sorted(picked, key=lambda f: (f["line"], f["severity"] != "error"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("findings")
    ap.add_argument("source")
    ap.add_argument("target")
    ap.add_argument("direction")
    ap.add_argument("corpus")
    ap.add_argument("--documents")
    ap.add_argument("--verdicts", action="append", default=[])
    args = ap.parse_args()
    findings = [json.loads(x) for x in Path(args.findings).read_text().splitlines() if x]
    src = Path(args.source).read_text(encoding="utf-8").split("\n")
    tgt = Path(args.target).read_text(encoding="utf-8").split("\n")
    docs = Path(args.documents).read_text().split("\n") if args.documents else []
    known: dict[tuple[object, ...], dict[str, object]] = {}
    for path in args.verdicts:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                known.setdefault(_key(d), d)
    for f in sample(findings):
        line = int(str(f["line"]))
        judged = known.get(_key(f), {})
        out = {
            "direction": args.direction,
            "corpus": args.corpus,
            "line": line,
            "document": docs[line - 1].split("\t")[0] if docs else "",
            "check": f["check"],
            "severity": f["severity"],
            "source": src[line - 1],
            "target": tgt[line - 1],
            "span": f["span"],
            "message": f["message"],
            "concept": f["concept"],
            "verdict": judged.get("verdict", ""),
            "cause": judged.get("cause", ""),
            "reason": judged.get("reason", ""),
            "side": f["side"],
            "start": f["start"],
            "end": f["end"],
            "suggestion": f["suggestion"],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
