"""`termguard extract`: candidate terms of new articles that the glossary lacks, ranked."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import click

from termguard.cli.common import (
    LANG_CHOICE,
    glossary_option,
    include_options,
    load,
    text_inputs,
    write_output,
)

#: Columns of the tsv format, and keys of every jsonl object, in order.
FIELDS = (
    "rank", "term", "lang", "score", "frequency", "documents", "cvalue", "contrast", "words",
    "abbreviation", "variant_of", "variant_term", "nested", "translation", "translation_score",
    "source", "phrase", "forms",
)  # fmt: skip


def _row(rank: int, c: Any) -> dict[str, Any]:
    row = {f: getattr(c, f) for f in FIELDS if f != "rank"}
    row["nested"] = list(c.nested)
    row["forms"] = list(c.forms)
    return {"rank": rank, **row}


def generate_jsonl(candidates: Sequence[Any]) -> Iterable[str]:
    """One JSON object per candidate (see FIELDS)."""
    for rank, c in enumerate(candidates, 1):
        yield json.dumps(_row(rank, c), ensure_ascii=False)


def _cell(value: object) -> str:
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return " ".join(str(value).split())


def generate_tsv(candidates: Sequence[Any]) -> Iterable[str]:
    """A header, then one tab-separated row per candidate."""
    yield "\t".join(FIELDS)
    for rank, c in enumerate(candidates, 1):
        row = _row(rank, c)
        yield "\t".join(_cell(row[f]) for f in FIELDS)


def generate_text(candidates: Sequence[Any]) -> Iterable[str]:
    """One line per candidate: rank, score, term, counts; then what else is known of it."""
    for rank, c in enumerate(candidates, 1):
        extra = f" ({c.abbreviation})" if c.abbreviation else ""
        yield (
            f"{rank:3}. {c.score:8.2f}  {c.term}{extra}  "
            f"[{c.frequency}x in {c.documents} doc(s); {c.source}]"
        )
        if c.variant_of:
            yield f"       possible variant of {c.variant_of}: {c.variant_term}"
        if c.translation:
            yield f"       -> {c.translation} (Dice {c.translation_score:g})"
        if c.nested:
            yield f"       holds: {', '.join(c.nested)}"


def _read_documents(files: Sequence[str]) -> list[tuple[str, str]]:
    from termguard.cli.terms import read_text

    return [(path, read_text(path)) for path in files]


@click.command()
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "--lang",
    type=LANG_CHOICE,
    help="Language of the text (default: the project file's source-language).",
)
@include_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "tsv", "jsonl", "tbx", "csv"]),
    default="text",
    show_default=True,
    help="text: a ranked list; tsv, jsonl: one row per candidate; tbx, csv: concepts with "
    "review state 'proposed' for `termguard glossary import`.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True),
    help="Write to this file (replaced atomically); '-' or none: stdout.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="At most this many candidates, best first (0: all).",
)
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Only candidates seen at least this many times.",
)
@click.option(
    "--aligned",
    "aligned_path",
    type=click.Path(dir_okay=False),
    help="Aligned text (.po, .tmx, .tsv) in this language and another: each candidate gets "
    "the target phrase that co-occurs with it best (Dice).",
)
@click.option(
    "--subject",
    default="proposed-terms",
    show_default=True,
    help="Subject field of the concepts written as tbx or csv (import files them by it).",
)
@glossary_option
def extract(
    files: tuple[str, ...],
    lang: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    fmt: str,
    output: str | None,
    limit: int,
    min_count: int,
    aligned_path: str | None,
    subject: str,
    glossary_paths: tuple[str, ...],
) -> None:
    """Find candidate terms in articles that the glossary does not have yet, ranked.

    Candidates are noun phrases by the language's patterns (Kazakh noun and adjective chains
    with the izafet, Russian adjective + noun + genitive chains, English adjective and noun
    chains, Thai word n-grams), every inflected form folded to one dictionary form, scored by
    C-value, spread over the documents and contrast with general text (README, "New terms
    from articles"). Abbreviations defined in the text (phrase (ABBR), ABBR (phrase)) are
    paired with their full forms. Candidates that are glossary terms in any form are left
    out; one that near-misses a term is shown as a possible variant of its concept. Folders
    are walked (--include, --exclude); '-' reads standard input.

    \b
    Example:
      termguard extract seeds/ --lang kk --include '*.txt'
      termguard extract article.txt --lang kk --aligned reviewed.po --format jsonl
      termguard extract articles/ --lang kk --format tbx -o proposed.tbx
      termguard glossary import proposed.tbx --apply
    """
    from termguard.extract import extract_terms

    lang, paths = text_inputs(files, lang, include, exclude, "read")
    glossary = load(glossary_paths)
    pairs: list[Any] = []
    if aligned_path is not None:
        from termguard.bitext import read_bitext

        pairs = [p for p in read_bitext(aligned_path) if lang in (p.src_lang, p.tgt_lang)]
        if not pairs:
            raise click.UsageError(
                f"{aligned_path}: no segment pairs with a {lang} side; pass aligned text in "
                f"{lang} and the language to translate into"
            )
    found = extract_terms(
        _read_documents(paths),
        lang,
        glossary,
        limit=limit or None,
        min_count=min_count,
        aligned=pairs,
    )
    if fmt in ("tbx", "csv"):
        from termguard.extract.records import candidate_glossary
        from termguard.glossary.formats import generate_export
        from termguard.glossary.model import LANGS

        target = next((p.tgt_lang if p.src_lang == lang else p.src_lang for p in pairs), None)
        langs = tuple(code for code in LANGS if code in (lang, target))
        proposed = candidate_glossary(found, glossary, subject, target)
        data: str | bytes = generate_export(proposed, fmt, langs)[""]
    else:
        lines = {"text": generate_text, "jsonl": generate_jsonl, "tsv": generate_tsv}[fmt](found)
        data = "".join(line + "\n" for line in lines)
    if write_output(output, data):
        click.echo(f"wrote {output}", err=True)
    variants = sum(bool(c.variant_of) for c in found)
    click.echo(
        f"{len(found)} candidate(s) ({variants} possible variant(s)) from {len(paths)} file(s)",
        err=True,
    )


COMMANDS = [extract]
