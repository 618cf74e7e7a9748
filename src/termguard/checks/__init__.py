"""Terminology and consistency checks over (source, target) pairs, one module per family.

terms.py (term-missing, term-forbidden, term-deprecated, near-miss), consistency.py
(term-inconsistent), numbers.py, script.py (untranslated, mixed-script, wrong-language),
placeholders.py; each
check is one function registered with its id, severity and place in reports (base.py), and
run.py runs the enabled ones. A new check is one decorated function in one of these files.
"""

from __future__ import annotations

# Importing a family registers its checks (each family is imported below for its names).
from termguard.checks.base import (
    CHECKS,
    SEVERITIES,
    Check,
    Finding,
    RunContext,
    TermContext,
    TermLookup,
    corpus_check,
    finding,
    glossary_check,
    pair_check,
    register,
    registered,
    term_check,
    unregister,
)
from termguard.checks.consistency import Rendering, check_consistency, renderings
from termguard.checks.numbers import check_numbers, number_values
from termguard.checks.placeholders import check_placeholders, placeholders
from termguard.checks.run import (
    Checker,
    CheckPart,
    CheckReport,
    FindTerms,
    check_pairs,
    run_check,
)
from termguard.checks.script import (
    check_mixed_script,
    check_untranslated,
    check_wrong_language,
    keep_words,
)
from termguard.checks.terms import (
    check_near_miss,
    check_term_deprecated,
    check_term_forbidden,
    check_term_missing,
    check_terms,
)

__all__ = [
    "CHECKS",
    "SEVERITIES",
    "Check",
    "CheckPart",
    "CheckReport",
    "Checker",
    "FindTerms",
    "Finding",
    "Rendering",
    "RunContext",
    "TermContext",
    "TermLookup",
    "check_consistency",
    "check_mixed_script",
    "check_near_miss",
    "check_numbers",
    "check_pairs",
    "check_placeholders",
    "check_term_deprecated",
    "check_term_forbidden",
    "check_term_missing",
    "check_terms",
    "check_untranslated",
    "check_wrong_language",
    "corpus_check",
    "finding",
    "glossary_check",
    "keep_words",
    "number_values",
    "pair_check",
    "placeholders",
    "register",
    "registered",
    "renderings",
    "run_check",
    "term_check",
    "unregister",
]
