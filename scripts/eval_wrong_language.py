"""The wrong-language check on real human translations: false alarms and catches.

Runs `termguard.check.check_wrong_language` (through run_check, with the project glossary, so
do-not-translate terms are kept out as in `termguard check`) over the human targets of NTREX-128
and FLORES-200 (kk, ru, th, en) in ../shared/corpora/parallel, printing every false alarm with
its text; then puts FLORES Kazakh sentences into Russian, English and Thai targets (and Russian
ones into Kazakh targets) and counts how many are caught, by wrong-language alone and by
wrong-language or untranslated (which already reports a target with no letter of its script).

    uv run --frozen python scripts/eval_wrong_language.py [--sample 500] [--show 10]
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora" / "parallel"
HUMAN = {
    "ntrex": {
        "en": "ntrex128/newstest2019-src.eng.txt",
        "kk": "ntrex128/newstest2019-ref.kaz.txt",
        "ru": "ntrex128/newstest2019-ref.rus.txt",
        "th": "ntrex128/newstest2019-ref.tha.txt",
    },
    "flores": {
        "en": "flores200_devtest/eng_Latn.devtest",
        "kk": "flores200_devtest/kaz_Cyrl.devtest",
        "ru": "flores200_devtest/rus_Cyrl.devtest",
        "th": "flores200_devtest/tha_Thai.devtest",
    },
}


def read(rel: str) -> list[str]:
    return (CORPORA / rel).read_text(encoding="utf-8").splitlines()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=500, help="FLORES lines to inject")
    parser.add_argument("--show", type=int, default=10, help="misses to print per case")
    args = parser.parse_args()

    from termguard.bitext import Pair
    from termguard.check import run_check
    from termguard.glossary.read import read_glossary

    glossary = read_glossary(ROOT / "glossary")

    def findings(pairs: list[Pair], checks: tuple[str, ...]) -> dict[int, list[str]]:
        report = run_check(pairs, glossary, checks=checks)
        out: dict[int, list[str]] = {}
        for f in report.findings:
            if f.severity == "error":
                out.setdefault(f.line, []).append(f"{f.check}: {f.message}")
        return out

    print("False alarms on human targets (wrong-language, source -> target):")
    total = flagged = 0
    for corpus, files in HUMAN.items():
        texts = {lang: read(rel) for lang, rel in files.items()}
        for tgt in ("kk", "ru", "th", "en"):
            src = "en" if tgt != "en" else "kk"
            pairs = [
                Pair(s, t, src, tgt, f"{corpus}.{tgt}", i, str(i))
                for i, (s, t) in enumerate(zip(texts[src], texts[tgt], strict=True), 1)
                if t.strip()
            ]
            found = findings(pairs, ("wrong-language",))
            total += len(pairs)
            flagged += len(found)
            print(f"  {corpus:6} {src}->{tgt}: {len(found)} of {len(pairs)}")
            for line, msgs in sorted(found.items()):
                print(f"      {line}: {texts[tgt][line - 1][:120]}")
                for m in msgs:
                    print(f"          {m}")
    print(f"  all: {flagged} of {total}")

    flores = {lang: read(rel) for lang, rel in HUMAN["flores"].items()}
    print(f"\nInjected: the first {args.sample} FLORES lines of one language as another's target")
    for wrong, tgt, src in (
        ("kk", "ru", "en"),
        ("kk", "en", "ru"),
        ("kk", "th", "en"),
        ("ru", "kk", "en"),
    ):
        lines = flores[wrong][: args.sample]
        # a line the FLORES translators left in English is not Kazakh: say so, do not count it
        own = {
            i
            for i, t in enumerate(lines, 1)
            if wrong in ("kk", "ru") and not any("\u0400" <= ch <= "\u04ff" for ch in t)
        }
        pairs = [
            Pair(flores[src][i - 1], t, src, tgt, f"inject.{wrong}-in-{tgt}", i, str(i))
            for i, t in enumerate(lines, 1)
            if i not in own
        ]
        alone = findings(pairs, ("wrong-language",))
        either = findings(pairs, ("wrong-language", "untranslated"))
        n = len(pairs)
        print(
            f"  {wrong} in {tgt} targets: wrong-language {len(alone)} of {n}, "
            f"wrong-language or untranslated {len(either)} of {n}"
            + (f" ({len(own)} line(s) not in {wrong} left out: {sorted(own)})" if own else "")
        )
        for p in pairs:
            if p.line not in either and args.show:
                print(f"      missed {p.line}: {p.target[:120]}")
    print("\nShort and mixed cases:")
    for target, tgt in (
        ("Медиация дамып келеді!", "ru"),
        ("Mediation дамып келеді.", "en"),
        ("Қасым-Жомарт Тоқаев", "ru"),
        ("Нұр Отан", "en"),
        ("ҮЕҰ", "ru"),
        ("2019 жыл", "ru"),
    ):
        found = findings([Pair("x", target, "kk", tgt, "short", 1, "1")], ("wrong-language",))
        print(f"  {tgt}: {target!r}: {found.get(1, ['not flagged'])}")


if __name__ == "__main__":
    main()
