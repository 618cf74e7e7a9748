"""TBX v3 (ISO 30042:2019, TBX-Basic dialect, DCA style) export, and reading TBX v3 and v2 back.

Every concept becomes a conceptEntry with its subject field, definition, sources (admin
type="source", "seed: phrase") and note; every term a termSec with part of speech, term type,
administrative status and, where known, grammatical gender. What TBX-Basic cannot say (the
forbidden status, proper nouns, plural gender, review = proposed, a non-default case
sensitivity, do_not_translate) goes into a note "termguard: key=value; ..." beside the nearest
TBX-Basic value, so our reader restores it exactly; see exchange.tbx_marker.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from termguard.errors import ExchangeFormatError, InputError
from termguard.glossary.exchange import (
    MARKER,
    POLICY_MARKER,
    TBX_GENDER,
    TBX_GENDER_READ,
    TBX_POS,
    TBX_POS_READ,
    TBX_STATUS,
    TBX_STATUS_READ,
    TBX_TYPE,
    TBX_TYPE_READ,
    ConceptRecord,
    GlossaryFormat,
    TermRecord,
    concept_marker,
    parse_marker,
    parse_policy,
    policy_note,
    tbx_marker,
)
from termguard.glossary.model import (
    ABBREVIATION_TYPES,
    LANGS,
    Concept,
    Glossary,
    Policy,
    Source,
    Term,
)
from termguard.writers.atomic import write_bytes

log = logging.getLogger(__name__)

TBX3_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: conceptEntry ids must be XML IDs (no leading digit), so ours carry this prefix.
ID_PREFIX = "c-"


@dataclass(frozen=True)
class _Dialect:
    """Element names of one TBX version."""

    ns: str
    root: str
    header: str
    entry: str
    lang_sec: str
    term_sec: str

    def tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name


V3 = _Dialect(TBX3_NS, "tbx", "tbxHeader", "conceptEntry", "langSec", "termSec")
V2 = _Dialect("", "martif", "martifHeader", "termEntry", "langSet", "tig")


def _sub(
    parent: etree._Element, d: _Dialect, name: str, text: str | None = None, **attrs: str
) -> etree._Element:
    el = etree.SubElement(parent, d.tag(name), attrib=attrs)
    if text is not None:
        el.text = text
    return el


def _description(glossary: Glossary, langs: tuple[str, ...]) -> str:
    from termguard import __version__

    return (
        f"termguard {__version__} glossary {glossary.digest}: {len(glossary)} concepts, "
        f"languages {', '.join(langs)}"
    )


def _term(parent: etree._Element, d: _Dialect, term: Term) -> None:
    sec = _sub(parent, d, d.term_sec)
    _sub(sec, d, "term", term.text)
    _sub(sec, d, "termNote", TBX_POS[term.pos], type="partOfSpeech")
    _sub(sec, d, "termNote", TBX_TYPE[term.type], type="termType")
    _sub(sec, d, "termNote", TBX_STATUS[term.status], type="administrativeStatus")
    if term.gender:
        _sub(sec, d, "termNote", TBX_GENDER[term.gender], type="grammaticalGender")
    if term.note:
        _sub(sec, d, "note", term.note)
    marker = tbx_marker(term)
    if marker:
        _sub(sec, d, "note", marker)


def _entry(body: etree._Element, d: _Dialect, concept: Concept, langs: tuple[str, ...]) -> None:
    entry = _sub(body, d, d.entry, id=ID_PREFIX + concept.id)
    if concept.subject:
        _sub(entry, d, "descrip", concept.subject, type="subjectField")
    if concept.definition:
        _sub(entry, d, "descrip", concept.definition, type="definition")
    for s in concept.sources:
        _sub(entry, d, "admin", f"{s.seed}: {s.phrase}", type="source")
    if concept.note:
        _sub(entry, d, "note", concept.note)
    marker = concept_marker(concept)
    if marker:
        _sub(entry, d, "note", marker)
    policy = policy_note(concept)
    if policy:
        _sub(entry, d, "note", policy)
    for lang in langs:
        terms = concept.terms_in(lang)
        if terms:
            sec = _sub(entry, d, d.lang_sec, **{XML_LANG: lang})
            for term in terms:
                _term(sec, d, term)


def build_tree(glossary: Glossary, langs: tuple[str, ...], d: _Dialect) -> etree._Element:
    nsmap = {None: d.ns} if d.ns else None
    root = etree.Element(d.tag(d.root), nsmap=nsmap)  # type: ignore[arg-type]
    root.set(XML_LANG, "en")
    if d is V3:
        root.set("type", "TBX-Basic")
        root.set("style", "dca")
    else:
        root.set("type", "TBX-Basic-V1")
    header = _sub(root, d, d.header)
    file_desc = _sub(header, d, "fileDesc")
    title = _sub(file_desc, d, "titleStmt")
    _sub(title, d, "title", "termguard glossary")
    source_desc = _sub(file_desc, d, "sourceDesc")
    _sub(source_desc, d, "p", _description(glossary, langs))
    if d is V2:
        encoding = _sub(header, d, "encodingDesc")
        _sub(encoding, d, "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _sub(_sub(root, d, "text"), d, "body")
    for concept in glossary:
        if any(t.lang in langs for t in concept.terms):
            _entry(body, d, concept, langs)
    return root


def serialise(root: etree._Element, doctype: str | None = None) -> bytes:
    """Indented UTF-8 XML with the usual double-quoted declaration."""
    etree.indent(root, space="  ")
    data = etree.tostring(root, encoding="UTF-8", pretty_print=True, xml_declaration=False)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' + (doctype + "\n" if doctype else "")
    return head.encode("utf-8") + bytes(data)


def generate_tbx(glossary: Glossary, langs: tuple[str, ...] = LANGS) -> bytes:
    """The glossary as TBX v3 (TBX-Basic, DCA style), UTF-8 XML.

    TBX requires at least one term per language section and per concept entry, so languages
    without terms and concepts without terms in `langs` are left out.
    """
    return serialise(build_tree(glossary, langs, V3))


def write_tbx(path: str | Path, glossary: Glossary, langs: tuple[str, ...] = LANGS) -> None:
    """Write TBX v3 atomically."""
    write_bytes(path, generate_tbx(glossary, langs))


# --- reading ---------------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    # Never resolve entities or fetch DTDs: a TBX file comes from outside.
    from termguard.inputs import xml_parser

    parser: etree.XMLParser = xml_parser(remove_comments=True)
    return parser


def parse_tbx_file(path: str | Path) -> etree._Element:
    """The root element of a TBX file; broken XML raises ExchangeFormatError with the line.

    A file that is not text, or declares XML entities, is refused before it is parsed.
    """
    from termguard.bitext import decode
    from termguard.inputs import read_input, refuse_entities

    name = str(path)
    try:
        raw = read_input(name)
        m = re.match(rb"""^\s*<\?xml[^>]*encoding=["']([\w.:-]+)["']""", raw[:200])
        refuse_entities(decode(raw, name, m.group(1).decode() if m else None, max_line=None), name)
    except InputError as exc:
        raise ExchangeFormatError(exc.msg, name, exc.lineno) from exc
    try:
        tree = etree.fromstring(raw, _parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        msg = str(exc.msg).split(", line")[0] if exc.msg else "not well-formed"
        raise ExchangeFormatError(
            f"broken XML ({msg}); fix the file or export it again from your tool", name, line
        ) from exc
    return tree.getroot()


def _text(el: etree._Element) -> str:
    return "".join(str(t) for t in el.itertext()).strip()


def _line(el: etree._Element) -> int:
    # lxml-stubs type sourceline oddly; it is an int or None.
    return int(getattr(el, "sourceline", 0) or 0)


def _script(code: str) -> str:
    """The name of the script `code`'s language is written in ('Cyrillic')."""
    from termguard.lang import get_language
    from termguard.lang.script import SCRIPT_NAMES

    return SCRIPT_NAMES[get_language(code).script]


class _Reader:
    """Turns one parsed TBX document (v3 or v2) into concept records."""

    def __init__(
        self, root: etree._Element, path: str, pair: tuple[str, str] | None = None
    ) -> None:
        self.path = path
        self.pair = pair
        local = etree.QName(root).localname
        if local == "tbx" and etree.QName(root).namespace == TBX3_NS:
            self.d = V3
        elif local == "martif":
            self.d = (
                V2
                if not etree.QName(root).namespace
                else _Dialect(
                    etree.QName(root).namespace or "",
                    "martif",
                    "martifHeader",
                    "termEntry",
                    "langSet",
                    "tig",
                )
            )
        else:
            raise ExchangeFormatError(
                f"not a TBX file: the root element is <{local}>; expected <tbx "
                f'xmlns="{TBX3_NS}"> (TBX v3) or <martif> (TBX v2)',
                path,
                _line(root),
            )
        self.root = root
        # In a file termguard wrote, a missing gender or case note means the default;
        # in a file from elsewhere it means "not given", and the glossary value stands.
        desc = root.find(
            f"{self.d.tag(self.d.header)}/{self.d.tag('fileDesc')}/"
            f"{self.d.tag('sourceDesc')}/{self.d.tag('p')}"
        )
        self.ours = desc is not None and _text(desc).startswith("termguard ")
        self.langs = self._languages()

    def _languages(self) -> dict[str, str | None]:
        """The language each xml:lang label of the file stands for (None: skipped).

        --from/--to win: they name the two languages of a bilingual file, the source being the
        label of the root's xml:lang (csv2tbx writes 'en' and 'xx' whatever the text). Without
        them a label stands, unless its terms are in another script (csv2tbx's 'en' on Kazakh
        terms) or it is not a language termguard knows ('xx'): then the script decides, with a
        warning.
        """
        from termguard.bitext import guess_lang, lang_code

        d = self.d
        texts: dict[str, list[str]] = {}
        where: dict[str, int] = {}
        for sec in self.root.iter(d.tag(d.lang_sec)):
            label = (sec.get(XML_LANG) or "").strip()
            if not label:
                raise self.fail(f'<{d.lang_sec}> has no xml:lang; add xml:lang="kk" etc.', sec)
            where.setdefault(label, _line(sec))
            texts.setdefault(label, []).extend(
                _text(t) for t in sec.iter(d.tag("term")) if _text(t)
            )
        if self.pair is not None:
            if len(texts) > 2:
                raise self.fail(
                    f"--from and --to name the two languages of a bilingual file; this one has "
                    f"{len(texts)} ({', '.join(texts)}): leave them out",
                    self.root,
                )
            root_label = self.root.get(XML_LANG)
            labels = sorted(texts, key=lambda label: label != root_label)
            mapping: dict[str, str | None] = dict(zip(labels, self.pair, strict=False))
            if [lang_code(label) for label in labels] != list(self.pair[: len(labels)]):
                log.warning(
                    "%s: the file labels its languages %s; read as %s (--from/--to)",
                    self.path,
                    " and ".join(labels),
                    " and ".join(self.pair[: len(labels)]),
                )
            return mapping
        mapping = {}
        for label, terms in texts.items():
            code = lang_code(label)
            script = guess_lang(terms)
            if code is not None and (script is None or _script(script) == _script(code)):
                mapping[label] = code
            elif script is not None:
                said = f"labels them '{label}'" if code else f"has '{label}', not a language"
                log.warning(
                    "%s:%s: the file %s, but its terms are %s: read as %s; pass --from and --to "
                    "to choose",
                    self.path,
                    where[label],
                    said,
                    _script(script),
                    script,
                )
                mapping[label] = script
            else:
                log.warning(
                    "%s:%s: language '%s' is not one of %s; skipped",
                    self.path,
                    where[label],
                    label,
                    ", ".join(LANGS),
                )
                mapping[label] = None
        return mapping

    def fail(self, msg: str, el: etree._Element) -> ExchangeFormatError:
        return ExchangeFormatError(msg, self.path, _line(el))

    def _choice(self, el: etree._Element, table: dict[str, str], what: str) -> str:
        value = _text(el)
        if value not in table:
            raise self.fail(
                f"unknown {what} '{value}'; TBX-Basic allows " + ", ".join(sorted(table)), el
            )
        return table[value]

    def records(self) -> list[ConceptRecord]:
        d = self.d
        out = []
        for entry in self.root.iter(d.tag(d.entry)):
            out.append(self._concept(entry))
        if not out:
            raise self.fail(f"no <{d.entry}> in the file; nothing to import", self.root)
        return out

    def _notes(self, el: etree._Element) -> tuple[list[str], dict[str, str]]:
        human, marker = [], {}
        for note in el.findall(self.d.tag("note")):
            text = _text(note)
            if text.startswith(MARKER):
                marker.update(parse_marker(text, self.path, _line(note)))
            elif text.startswith(POLICY_MARKER):
                marker["policy"] = text
            elif text:
                human.append(text)
        return human, marker

    def _concept(self, entry: etree._Element) -> ConceptRecord:
        d = self.d
        raw_id = entry.get("id") or ""
        cid = raw_id[len(ID_PREFIX) :] if raw_id.startswith(ID_PREFIX) else raw_id
        subject = definition = None
        for descrip in entry.findall(d.tag("descrip")):
            kind = descrip.get("type")
            if kind == "subjectField":
                subject = _text(descrip)
            elif kind == "definition":
                definition = _text(descrip)
        sources = []
        for admin in entry.findall(d.tag("admin")):
            if admin.get("type") != "source":
                continue
            seed, sep, phrase = _text(admin).partition(": ")
            if sep and seed and phrase and " " not in seed:
                sources.append(Source(seed=seed, phrase=phrase))
            else:
                log.warning(
                    "%s:%s: source '%s' is not 'seed: phrase'; ignored",
                    self.path,
                    _line(admin),
                    _text(admin),
                )
        human, marker = self._notes(entry)
        terms: list[TermRecord] = []
        for sec in entry.findall(d.tag(d.lang_sec)):
            lang = self.langs.get((sec.get(XML_LANG) or "").strip())
            if lang is None:
                continue
            for term_sec in self._term_secs(sec):
                terms.append(self._term(term_sec, lang))
        return ConceptRecord(
            id=cid or None,
            terms=tuple(terms),
            subject=subject,
            definition=definition,
            note="\n".join(human) if human else None,
            sources=tuple(sources) if sources else None,
            do_not_translate=(
                True if marker.get("do_not_translate") == "true" else (False if self.ours else None)
            ),
            policy=(
                parse_policy(marker["policy"], self.path, _line(entry))
                if "policy" in marker
                else (Policy() if self.ours else None)
            ),
            path=self.path,
            line=_line(entry),
        )

    def _term_secs(self, lang_sec: etree._Element) -> list[etree._Element]:
        d = self.d
        secs = list(lang_sec.findall(d.tag(d.term_sec)))
        if d is not V3:  # TBX v2 also nests terms as ntig/termGrp
            secs += [
                grp
                for ntig in lang_sec.findall(d.tag("ntig"))
                for grp in ntig.findall(d.tag("termGrp"))
            ]
        return secs

    def _term(self, sec: etree._Element, lang: str) -> TermRecord:
        d = self.d
        term_el = sec.find(d.tag("term"))
        if term_el is None or not _text(term_el):
            raise self.fail(f"<{etree.QName(sec).localname}> without a <term>; add the term", sec)
        text = " ".join(_text(term_el).split())
        values: dict[str, str] = {}
        loose: set[str] = set()
        for note in sec.findall(d.tag("termNote")):
            kind = note.get("type")
            if kind == "administrativeStatus":
                values["status"] = self._choice(note, TBX_STATUS_READ, "administrativeStatus")
                if values["status"] == "deprecated":  # or forbidden, unless a note says
                    loose.add("status")
            elif kind == "termType":
                values["type"] = self._choice(note, TBX_TYPE_READ, "termType")
                if _text(note) == "phrase":
                    loose.add("type")
            elif kind == "partOfSpeech":
                values["pos"] = self._choice(note, TBX_POS_READ, "partOfSpeech")
                if values["pos"] == "noun":
                    loose.add("pos")
            elif kind == "grammaticalGender" and _text(note) != "other":
                values["gender"] = self._choice(note, TBX_GENDER_READ, "grammaticalGender")
        human, marker = self._notes(sec)
        for key in ("status", "pos", "gender", "review"):
            if key in marker:
                values[key] = marker[key]
                loose.discard(key)
        case = marker.get("case_sensitive")
        if self.ours:  # our notes say everything TBX-Basic cannot: nothing is lossy
            loose.clear()
            values.setdefault("gender", "")
            # but a tool passing the file through may drop a 'review=proposed' note: a missing
            # review stays "not given", so the import never turns proposed into approved
            if case is None and "type" in values:
                case = "true" if values["type"] in ABBREVIATION_TYPES else "false"
        return TermRecord(
            text=text,
            lang=lang,
            status=values.get("status"),
            type=values.get("type"),
            pos=values.get("pos"),
            gender=values.get("gender"),
            case_sensitive=None if case is None else case == "true",
            review=values.get("review"),
            note="\n".join(human) if human else None,
            valid_from=marker.get("valid_from", "" if self.ours else None),
            valid_until=marker.get("valid_until", "" if self.ours else None),
            date_uncertain=(
                marker.get("date_uncertain") == "true"
                if "date_uncertain" in marker or self.ours
                else None
            ),
            loose=frozenset(loose),
            line=_line(term_el),
        )


def read_tbx(path: str | Path, pair: tuple[str, str] | None = None) -> list[ConceptRecord]:
    """Concept records from a TBX v3 or v2 file, in file order.

    `pair` (--from, --to) names the languages of a bilingual file whatever its labels say.
    """
    return _Reader(parse_tbx_file(path), str(path), pair).records()


def _export(
    glossary: Glossary, langs: tuple[str, ...], source: str | None, target: str | None
) -> dict[str, bytes]:
    return {"": generate_tbx(glossary, langs)}


FORMAT = GlossaryFormat("tbx", _export, lambda path, glossary, pair: read_tbx(path, pair))
