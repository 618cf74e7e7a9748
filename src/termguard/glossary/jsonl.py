"""The canonical machine-readable dump: one JSON object per concept."""

from __future__ import annotations

import json

from termguard.glossary.model import Glossary


def generate_jsonl(glossary: Glossary) -> str:
    """Every concept with every field, one per line, in glossary order."""
    return "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in glossary.concepts)
