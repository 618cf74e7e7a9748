"""Catalog names no two documents share, and catalogs that show checks of a person's text."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from termguard.errors import CatalogNameError, InputError
from termguard.glossary.model import Glossary
from termguard.testing import FakeTranslator
from termguard.translate.outputs import catalog_names, source_id, write_outputs
from termguard.translate.pipeline import translate_documents

MINI = Path(__file__).parent / "data" / "glossaries" / "good" / "mini.toml"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    from termguard.glossary.read import read_glossary

    return read_glossary(MINI)


def touch(tmp_path: Path, *names: str) -> list[str]:
    out = []
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Медиация туралы {len(name)} бап.\n", encoding="utf-8")
        out.append(str(path))
    return out


def run_and_write(paths: list[str], locales: Path, glossary: Glossary, **kw: object) -> None:
    names = catalog_names(paths, locales=locales, **kw)  # type: ignore[arg-type]
    run = translate_documents(
        paths,
        ["en"],
        glossary,
        names=names,
        translator_factory=lambda s, t: FakeTranslator(s, t, fallback=lambda x: "About " + x),
    )
    write_outputs(
        run.documents,
        locales=locales,
        parallel=None,
        generator="termguard 0.1.0",
        glossary_digest=glossary.digest,
        glossary=glossary,
    )


def test_the_seeds_keep_their_catalog_names(tmp_path: Path) -> None:
    """Without --root a catalog is named by the file name, so the committed seed catalogs stay."""
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    names = catalog_names(seeds, locales=tmp_path / "locales")
    assert sorted(names.values()) == sorted(Path(p).stem for p in seeds)


def test_one_file_name_in_two_folders_is_an_error_naming_both(tmp_path: Path) -> None:
    """a/news.txt and b/news.txt cannot share news.po: the error names both and --root."""
    a, b = touch(tmp_path, "a/news.txt", "b/news.txt")
    with pytest.raises(CatalogNameError) as exc:
        catalog_names([a, b], locales=tmp_path / "locales")
    msg = str(exc.value)
    assert msg.startswith(f"{a}: would write the same catalog as {b}: ")
    assert "LC_MESSAGES/news.po; pass --root DIR" in msg


def test_root_names_catalogs_by_their_path(tmp_path: Path, glossary: Glossary) -> None:
    """With --root, 2024/03/news.txt and 2024/04/news.txt get catalogs in 2024/03/ and 2024/04/."""
    a, b = touch(tmp_path, "2024/03/news.txt", "2024/04/news.txt")
    locales = tmp_path / "locales"
    assert catalog_names([a, b], locales=locales, root=tmp_path) == {
        a: "2024/03/news",
        b: "2024/04/news",
    }
    run_and_write([a, b], locales, glossary, root=tmp_path)
    for month, path in (("03", a), ("04", b)):
        po = polib.pofile(str(locales / "en" / "LC_MESSAGES" / "2024" / month / "news.po"))
        assert po.metadata["X-Termguard-Source"] == source_id(path, locales)
        assert [e.msgid for e in po] == ["Медиация туралы 16 бап."]


def test_an_input_outside_the_root_is_refused(tmp_path: Path) -> None:
    """--root must hold every input; the error says so."""
    (a,) = touch(tmp_path, "in/news.txt")
    with pytest.raises(InputError, match="is not under --root"):
        catalog_names([a], locales=tmp_path / "locales", root=tmp_path / "elsewhere")


def test_extensions_tell_two_documents_apart_and_names_stay(
    tmp_path: Path, glossary: Glossary
) -> None:
    """article.md beside article.txt keep their extensions, and each keeps its name alone."""
    md, txt = touch(tmp_path, "article.md", "article.txt")
    locales = tmp_path / "locales"
    assert catalog_names([md, txt], locales=locales) == {md: "article.md", txt: "article.txt"}
    run_and_write([md, txt], locales, glossary)
    # translated alone later, each document finds its own catalog again
    assert catalog_names([txt], locales=locales) == {txt: "article.txt"}
    assert catalog_names([md], locales=locales) == {md: "article.md"}


def test_a_name_taken_by_another_document_in_an_earlier_run(
    tmp_path: Path, glossary: Glossary
) -> None:
    """article.txt owns article.po; article.md gets article.md.po; b/news.txt meets an error."""
    (txt,) = touch(tmp_path, "article.txt")
    locales = tmp_path / "locales"
    run_and_write([txt], locales, glossary)
    md, news_a = touch(tmp_path, "article.md", "a/news.txt")
    assert catalog_names([md], locales=locales) == {md: "article.md"}
    assert catalog_names([txt, md], locales=locales) == {txt: "article", md: "article.md"}
    run_and_write([news_a], locales, glossary)
    (news_b,) = touch(tmp_path, "b/news.txt")
    with pytest.raises(CatalogNameError) as exc:
        catalog_names([news_b], locales=locales)
    assert "a/news.txt (the catalog's X-Termguard-Source)" in str(exc.value)
    assert "if it is the same document moved, change that header line" in str(exc.value)


def test_reviewed_entries_show_the_checks_of_their_own_text(
    tmp_path: Path, glossary: Glossary
) -> None:
    """A reviewed entry's stale "untranslated" notes give way to the pass's checks of its msgstr."""
    src = tmp_path / "news.txt"
    src.write_text(
        "Үкіметтік емес ұйымдардың өкілдері 170 рет медиацияны талқылады.\n\nМедиация туралы.\n",
        encoding="utf-8",
    )
    locales = tmp_path / "locales"
    run = translate_documents([str(src)], ["en"], glossary, translator_factory=_no_model)
    write = dict(
        locales=locales, parallel=None, generator="t 1", glossary_digest="d", glossary=glossary
    )
    write_outputs(run.documents, **write)  # type: ignore[arg-type]
    po_path = locales / "en" / "LC_MESSAGES" / "news.po"
    po = polib.pofile(str(po_path), wrapwidth=0)
    first, second = po
    assert "termguard: untranslated" in first.comment
    # the translator renders one sentence without the approved term and drops a number
    first.msgstr, first.flags = "Representatives of NGOs discussed mediation.", []
    second.msgstr, second.flags = "About mediation.", []
    po.save(str(po_path))
    write_outputs(run.documents, **write)  # type: ignore[arg-type]
    first, second = polib.pofile(str(po_path))
    assert first.msgstr == "Representatives of NGOs discussed mediation." and first.flags == []
    lines = first.comment.splitlines()
    assert lines[0] == "termguard: flagged (checked the translator's text)"
    assert "untranslated" not in first.comment
    assert any(line.startswith("termguard: numbers: ") for line in lines), lines
    assert second.comment.splitlines() == [
        "termguard: ok (checked the translator's text)",
        "term: Медиация = mediation [mediation]",
    ]


def _no_model(src: str, tgt: str) -> FakeTranslator:
    from termguard.errors import ModelNotInstalledError

    raise ModelNotInstalledError(src, tgt, [])
