"""The canonical machine-readable dump: one JSON object per concept."""

from __future__ import annotations

import json
from pathlib import Path

from termguard.errors import ExchangeFormatError
from termguard.glossary.exchange import ConceptRecord, GlossaryFormat, TermRecord
from termguard.glossary.model import Glossary, Policy, Source


def generate_jsonl(glossary: Glossary) -> str:
    """Every concept with every field, one per line, in glossary order."""
    return "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in glossary.concepts)


def read_jsonl(path: str | Path) -> list[ConceptRecord]:
    """Concept records from the canonical JSONL dump (glossary export --format jsonl)."""
    name = str(path)
    from termguard.bitext import read_text

    lines = read_text(name, max_line=None).splitlines()
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            terms = tuple(
                TermRecord(
                    text=t["text"],
                    lang=lang,
                    status=t["status"],
                    type=t["type"],
                    pos=t["pos"],
                    gender=t.get("gender") or "",
                    case_sensitive=t["case_sensitive"],
                    review=t["review"],
                    note=t["note"],
                    valid_from=t.get("valid_from", ""),
                    valid_until=t.get("valid_until", ""),
                    date_uncertain=t.get("date_uncertain", False),
                    line=number,
                )
                for lang, items in data["terms"].items()
                for t in items
            )
            records.append(
                ConceptRecord(
                    id=data["id"],
                    terms=terms,
                    subject=data["subject"],
                    definition=data["definition"],
                    note=data["note"],
                    sources=tuple(Source(s["seed"], s["phrase"]) for s in data["sources"]),
                    do_not_translate=data["do_not_translate"],
                    policy=Policy.from_dict(data.get("policy", {})),
                    path=name,
                    line=number,
                )
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ExchangeFormatError(
                f"not a concept as 'glossary export --format jsonl' writes it ({exc})",
                name,
                number,
            ) from exc
    return records


def _export(
    glossary: Glossary, langs: tuple[str, ...], source: str | None, target: str | None
) -> dict[str, bytes]:
    return {"": generate_jsonl(glossary).encode("utf-8")}


FORMAT = GlossaryFormat("jsonl", _export, lambda path, glossary, pair: read_jsonl(path))
