"""The text of a file as `terms` searches it, the same in the command and in a worker process."""

from __future__ import annotations

import codecs


def read_text(path: str, data: bytes | None = None) -> str:
    """A file's text as decoded (BOM and CRLF kept), so offsets index it, for `terms`.

    A document with markup (.docx, .html, .md, .srt, .vtt) gives the text of its units (what
    `translate` translates) joined by blank lines, so markup and scripts are never searched.
    `data` is text that is not a file (standard input, named STDIN_NAME), read as plain text.
    """
    from termguard.bitext import decode
    from termguard.inputs import read_input

    if data is None:
        data = read_input(path)
        from termguard.documents import detect_format, read_source

        if detect_format(path, data) != "txt":
            from termguard.translate.pipeline import UNIT_BREAK

            return UNIT_BREAK.join(u.text for u in read_source(path, data).units)
    text = decode(data, path)
    # decode drops a UTF-8 byte-order mark; offsets index the file as it is
    return "\ufeff" + text if data.startswith(codecs.BOM_UTF8) else text
