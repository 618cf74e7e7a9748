"""Build src/termguard/data/reference_counts.json.gz: word counts of general text per language.

`termguard extract` contrasts a candidate's words with general text: a word as frequent in
general news as in the articles says little about a term. The general text is the human
translations of FLORES-200 devtest (Wikinews, Wikivoyage, Wikibooks) and NTREX-128
(newstest2019), 3,009 sentences in each of kk, ru, th and en, both CC BY-SA 4.0 (see
../shared/corpora/SOURCES.md). The file holds lower-case words as the languages cut them
(Thai by pythainlp's newmm) and their counts; nothing is read from ../shared at run time.

Run from a checkout after `uv sync`:  .venv/bin/python scripts/build_reference_counts.py
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from termguard.lang import get_language

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora" / "parallel"
OUT = ROOT / "src" / "termguard" / "data" / "reference_counts.json.gz"
FILES = {
    "kk": ("flores200_devtest/kaz_Cyrl.devtest", "ntrex128/newstest2019-ref.kaz.txt"),
    "ru": ("flores200_devtest/rus_Cyrl.devtest", "ntrex128/newstest2019-ref.rus.txt"),
    "th": ("flores200_devtest/tha_Thai.devtest", "ntrex128/newstest2019-ref.tha.txt"),
    "en": ("flores200_devtest/eng_Latn.devtest", "ntrex128/newstest2019-src.eng.txt"),
}


def count_words(lang: str) -> tuple[int, int, Counter[str]]:
    """(sentences, words, counts of lower-case words) of the language's general text."""
    language = get_language(lang)
    cut = language.segmenter()
    counts: Counter[str] = Counter()
    sentences = words = 0
    for name in FILES[lang]:
        for line in (CORPORA / name).read_text(encoding="utf-8").splitlines():
            text = language.normalise(line).text
            sentences += 1
            for s, e in language.token_spans(text, cut):
                word = text[s:e]
                if any(ch.isalpha() for ch in word):
                    counts[word.lower()] += 1
                    words += 1
    return sentences, words, counts


def main() -> int:
    data: dict[str, object] = {
        "source": "FLORES-200 devtest and NTREX-128 newstest2019 references, CC BY-SA 4.0",
        "languages": {},
    }
    for lang in FILES:
        sentences, words, counts = count_words(lang)
        data["languages"][lang] = {  # type: ignore[index]
            "sentences": sentences,
            "words": words,
            "counts": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        }
        print(f"{lang}: {sentences} sentences, {words} words, {len(counts)} distinct")
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    OUT.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
