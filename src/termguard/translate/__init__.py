"""Offline translation: Argos packages through CTranslate2, segmentation, selection and repair."""

from __future__ import annotations

from termguard.translate.engine import (
    Candidate,
    Translator,
    get_translator,
    has_route,
    installed_pairs,
    translate_text,
)
from termguard.translate.segment import Segment, rebuild, segment_text

__all__ = [
    "Candidate",
    "Segment",
    "Translator",
    "get_translator",
    "has_route",
    "installed_pairs",
    "rebuild",
    "segment_text",
    "translate_text",
]
