"""Terminology and consistency checks: the names of termguard.checks, at their first address.

The checks live in the termguard.checks package, one module per family; this module keeps
`from termguard.check import ...` working for callers written before the move.
"""

from __future__ import annotations

from termguard.checks import (
    CHECKS,
    SEVERITIES,
    Checker,
    CheckPart,
    CheckReport,
    Finding,
    FindTerms,
    Rendering,
    check_consistency,
    check_mixed_script,
    check_numbers,
    check_pairs,
    check_placeholders,
    check_terms,
    check_untranslated,
    check_wrong_language,
    keep_words,
    number_values,
    placeholders,
    renderings,
    run_check,
)
from termguard.checks.numbers import numbers

__all__ = [
    "CHECKS",
    "SEVERITIES",
    "CheckPart",
    "CheckReport",
    "Checker",
    "FindTerms",
    "Finding",
    "Rendering",
    "check_consistency",
    "check_mixed_script",
    "check_numbers",
    "check_pairs",
    "check_placeholders",
    "check_terms",
    "check_untranslated",
    "check_wrong_language",
    "keep_words",
    "number_values",
    "numbers",
    "placeholders",
    "renderings",
    "run_check",
]
