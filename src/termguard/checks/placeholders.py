"""The placeholders family: printf, brace and markup placeholders kept from source to target."""

from __future__ import annotations

import re
from collections import Counter

from termguard.bitext import Pair
from termguard.checks.base import Finding, finding, pair_check

_PLACEHOLDER = re.compile(
    r"%(?:\d+\$|\([\w.]+\))?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|ll|[hlLqjzt])?"
    r"[diouxXeEfFgGcrsaAp]"  # printf: %s %d %1$s %(name)s %.2f; no space flag, so '50% of' is text
    r"|\{\{\s*[\w.]+\s*\}\}"  # {{ name }}
    r"|[%$]\{\w+\}"  # %{name} ${name}
    r"|\{[\w.\[\]]*(?:![rsa])?(?::[^{}\s]*)?\}"  # {0} {name} {} {x:>10}
    r"|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>"  # markup and XLIFF inline codes
)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)(?:[^<>]*?\bid=\"([^\"]*)\")?[^<>]*?(/?)>")


def _placeholder_key(token: str) -> str:
    """Tags compare by name, closing slash and id (attributes such as title may be translated)."""
    m = _TAG.fullmatch(token)
    if not m:
        return token
    closing, name, ident, empty = m.groups()
    return f"<{closing}{name}{f' id={ident}' if ident else ''}{empty}>"


def placeholders(text: str) -> list[tuple[int, int, str]]:
    """Every printf, brace or markup placeholder in `text` as (start, end, text)."""
    return [(m.start(), m.end(), m.group()) for m in _PLACEHOLDER.finditer(text)]


@pair_check("placeholders", "error", order=90)
def check_placeholders(pair: Pair) -> list[Finding]:
    """placeholders: every placeholder of the source is in the target, and no others."""
    if not pair.target.strip():
        return []
    src = placeholders(pair.source)
    tgt = placeholders(pair.target)
    if not src and not tgt:
        return []
    src_left = Counter(_placeholder_key(t) for _, _, t in src)
    tgt_left = Counter(_placeholder_key(t) for _, _, t in tgt)
    missing = src_left - tgt_left
    extra = tgt_left - src_left
    out: list[Finding] = []
    for side, found, left, what in (
        ("source", src, missing, "missing from the target"),
        ("target", tgt, extra, "not in the source"),
    ):
        for start, end, token in found:
            key = _placeholder_key(token)
            if left[key] > 0:
                left[key] -= 1
                out.append(
                    finding(
                        pair,
                        "placeholders",
                        f"placeholder {token} is {what}",
                        side=side,
                        start=start,
                        end=end,
                        suggestion=token if side == "source" else "",
                    )
                )
    return out
