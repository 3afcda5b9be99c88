"""Text normalisation of titles and bodies, before any extraction step reads them.

``normalize_text`` unescapes HTML entities, applies NFC and repairs look-alike letters
(``Ð`` U+00D0 -> ``Đ``) through :func:`vietkg.ontology.text.nfc`, maps the odd spaces (NBSP, thin,
zero-width, soft hyphen) and collapses runs of spaces inside a line. Line breaks are kept:
paragraphs end sentences. It is idempotent.

What it does not do, on purpose: move tone marks (the text is shown as the article printed it;
``vietkg.ontology.text.tone`` makes matching keys), tokenize (``35-NQ/TW`` must survive intact), or
convert legacy font encodings (readers do that on the raw input, see ``vietkg.ingest.encoding``).
"""

from __future__ import annotations

import html
import logging
import re

from vietkg.ontology.text import nfc

log = logging.getLogger(__name__)

_SPACES = str.maketrans({
    "\t": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
    "\u2007": " ", "\u2008": " ", "\u200a": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ",
    "\u00ad": "", "\u2060": "", "\u2028": "\n", "\u2029": "\n\n", "\x0b": "\n", "\x0c": "\n",
    "\x85": "\n",
})
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_RUNS = re.compile(r" {2,}")
_LINE_EDGES = re.compile(r"^ +| +$", re.M)
_BLANKS = re.compile(r"\n{3,}")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def normalize_text(text: str) -> str:
    """Entities unescaped, NFC, look-alikes repaired, spaces normalised; line breaks kept."""
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = nfc(text).translate(_SPACES)
    text = _CONTROLS.sub("", text)
    text = _RUNS.sub(" ", text)
    text = _LINE_EDGES.sub("", text)
    return _BLANKS.sub("\n\n", text)
