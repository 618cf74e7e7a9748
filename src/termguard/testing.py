"""Helpers for tests: a FakeTranslator with scripted n-best lists, and make_glossary()."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from termguard.glossary.model import Glossary
from termguard.glossary.read import read_glossary
from termguard.translate.engine import Candidate


@dataclass
class FakeTranslator:
    """Translates by table: `table[sentence]` is the n-best list, best first.

    Sentences missing from the table are copied (as the tiny copy-trained models do), with a
    score of -0.1. Every call is recorded in `calls`.
    """

    from_code: str
    to_code: str
    table: Mapping[str, Sequence[str | tuple[str, float]]] = field(default_factory=dict)
    fallback: Callable[[str], str] = lambda s: s
    name: str = "fake 1.0"
    calls: list[list[str]] = field(default_factory=list)

    def translate_batch(
        self,
        sentences: Sequence[str],
        n_best: int = 1,
        on_progress: Callable[[float], None] | None = None,
    ) -> list[list[Candidate]]:
        self.calls.append(list(sentences))
        out = []
        for n, s in enumerate(sentences, start=1):
            rows = self.table.get(s, [self.fallback(s)])
            cands = []
            for i, row in enumerate(rows[:n_best]):
                text, score = row if isinstance(row, tuple) else (row, -0.1 - 0.1 * i)
                cands.append(Candidate(text, score))
            out.append(cands)
            if on_progress is not None:
                on_progress(n / len(sentences))
        return out


def make_glossary(toml_text: str, tmp_dir: Path | None = None) -> Glossary:
    """A Glossary from TOML text (validated like the real one when tmp_dir is given)."""
    if tmp_dir is not None:
        path = tmp_dir / "glossary.toml"
        path.write_text(toml_text, encoding="utf-8")
        return read_glossary(path)
    tomllib.loads(toml_text)  # fail early on syntax
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "glossary.toml"
        path.write_text(toml_text, encoding="utf-8")
        return read_glossary(path)
