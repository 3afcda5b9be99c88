"""Bytes to text for Vietnamese pages: BOMs, UTF-16, UTF-8, Windows-1258, TCVN3, VNI, mojibake.

:func:`decode` turns a file's bytes into ``str``; :func:`repair` fixes text that is already ``str``
but was typed in a legacy 8-bit font (TCVN3 / VNI, read as cp1252 or latin-1) or is UTF-8 that was
read as cp1252 ("mojibake": ``Viá»‡t`` for ``Việt``).

Decisions are made by measuring, not guessing: each candidate reading is scored by the share of its
words that are well-formed Vietnamese syllables (an onset, a nucleus, a coda, at most one tone
mark), and the best one wins. The scoring runs only when the text shows the characters that betray
a wrong reading (latin-1 symbols such as ``©µ¸``, VNI mark bytes such as ``øûï``), so ordinary UTF-8
costs one regex scan. Windows-1258 writes tone marks as combining characters: the result is NFC.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from collections.abc import Callable

from vietkg.ingest.model import IngestError
from vietkg.ingest.vnfonts import tcvn3_to_unicode, vni_to_unicode

log = logging.getLogger(__name__)

# latin-1 / cp1252 characters that are not Vietnamese letters: their presence means a reading
# may be wrong (TCVN3 bytes, VNI mark bytes, halves of UTF-8 sequences). NBSP is not suspect.
_SUSPECT = re.compile(
    "[\u0080-\u009f\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d0\u00d1\u00d6-\u00d8\u00db"
    "\u00dc\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f0\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe"
    "\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2020\u2021\u2030\u2039\u203a"
    "\u20ac\u2122]"
)
# characters cp1252 puts in 0x80-0x9F, back to their byte (for mojibake repair)
_CP1252_HIGH = {bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_MOJIBAKE_RUN = re.compile("[\u0080-\u00ff" + "".join(_CP1252_HIGH) + "]{2,}")
_MOJIBAKE_SIGN = re.compile("[\u00c2-\u00c6\u00e1-\u00e3][\u0080-\u00bf" + "".join(_CP1252_HIGH) + "]")

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Vietnamese rhymes (nucleus + coda), tone marks aside: each main vowel with the endings it takes.
_RHYMES = frozenset(main + end for main, ends in {
    "a": " c ch i m n ng nh o p t u y", "ă": "c m n ng p t", "â": "c m n ng p t u y",
    "e": " c m n ng o p t", "ê": " ch m n nh p t u", "i": " a c ch m n nh p t u", "y": " ",
    "o": " c i m n ng p t", "oo": "c ng", "ô": " c i m n ng p t", "ơ": " i m n p t",
    "u": " a c i m n ng p t", "ư": " a c i m n ng t u", "iê": "c m n ng p t u", "yê": "m n ng t u",
    "uô": "c i m n ng t", "ươ": "c i m n ng p t u", "oa": " c ch i m n ng nh o p t y", "oă": "c m n ng t",
    "oe": " m n o t", "uâ": "n ng t y", "uê": " ch n nh", "uy": " a ch n nh p t u", "uyê": "n t", "uơ": " ",
}.items() for end in ends.split(" "))
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h",
           "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
_EDGE = "\"'“”‘’()[]{}.,;:!?…-–—/«»*•"
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def _syllable_ok(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return any(bare.startswith(onset) and bare[len(onset):] in _RHYMES for onset in _ONSETS)


def vietnamese_score(text: str, limit: int = 20000) -> float:
    """Share of the words of ``text`` (its first ``limit`` characters) that are Vietnamese syllables."""
    total = good = 0
    for token in text[:limit].split():
        word = token.strip(_EDGE)
        if not word or any(c.isdigit() for c in word):
            continue
        total += 1
        good += _syllable_ok(word)
    return good / total if total else 0.0


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252 / latin-1: ``Viá»‡t`` -> ``Việt``; other text is left as it was."""

    def fix(m: re.Match[str]) -> str:
        run = m.group(0)
        raw = bytes(_CP1252_HIGH.get(c, ord(c)) for c in run)
        out = raw.decode("utf-8", errors="surrogateescape")
        if out == run:
            return run
        # bytes that were not part of a UTF-8 sequence go back to the characters they were
        return "".join(bytes([ord(c) - 0xDC00]).decode("cp1252", errors="replace")
                       if "\udc80" <= c <= "\udcff" else c for c in out)

    return _MOJIBAKE_RUN.sub(fix, text)


_CANDIDATES: dict[str, Callable[[str], str]] = {
    "tcvn3": tcvn3_to_unicode,
    "vni": vni_to_unicode,
    "mojibake": fix_mojibake,
}


def suspicious(text: str) -> bool:
    """True when ``text`` shows characters a right reading of Vietnamese would not have."""
    found = len(_SUSPECT.findall(text, 0, 50000))
    return (found >= 2 and found * 400 >= min(len(text), 50000)) or found >= 20


def repair(text: str, name: str = "") -> str:
    """Text typed in TCVN3 / VNI, or UTF-8 read as cp1252, back to Unicode; other text unchanged.

    The decision is taken for the whole text; ``name`` only labels the log line.
    """
    if not suspicious(text):
        return text
    best, best_name, best_score = text, "as is", vietnamese_score(text)
    for cand_name, convert in _CANDIDATES.items():
        if cand_name == "mojibake" and len(_MOJIBAKE_SIGN.findall(text, 0, 50000)) < 2:
            continue
        candidate = convert(text)
        score = vietnamese_score(candidate)
        if score > best_score + 0.05:
            best, best_name, best_score = candidate, cand_name, score
    if best_name != "as is":
        log.info("%s: text read as %s (syllable score %.2f)", name or "text", best_name, best_score)
    return best


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML page declares in its first 4 KB (a Python codec name), if any."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > len(sample) // 6 and even == 0:
        return "utf-16-le"
    if even > len(sample) // 6 and odd == 0:
        return "utf-16-be"
    return None


def _from_bom(data: bytes) -> tuple[str, bytes] | None:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                       (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return codec, data[len(bom):]
    return None


def _single_byte(data: bytes, name: str) -> str:
    """Bytes that are not UTF-8: Windows-1258, or TCVN3 / VNI / plain cp1252, whichever reads best."""
    as_1258 = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    as_1252 = repair(data.decode("cp1252", errors="replace").replace("\ufffd", ""), name)
    s1258, s1252 = vietnamese_score(as_1258), vietnamese_score(as_1252)
    log.info("%s: not UTF-8; cp1258 scores %.2f, cp1252/legacy fonts %.2f", name, s1258, s1252)
    return as_1258 if s1258 >= s1252 else as_1252


def decode(data: bytes, name: str = "", declared: str | None = None) -> str:
    """Decode a file's bytes to text (NFC), trying BOM, UTF-16, a declared charset, UTF-8, then
    the 8-bit Vietnamese encodings; legacy fonts and mojibake are repaired. ``name`` labels
    messages. Raises :class:`IngestError` when the bytes are not text (binary data)."""
    bom = _from_bom(data)
    if bom:
        text = bom[1].decode(bom[0], errors="replace")
    elif codec := _utf16_without_bom(data):
        text = data.decode(codec, errors="replace")
    else:
        text = _decode_8bit(data, name, declared)
    if _binary(text):
        raise IngestError(f"{name or 'input'}: binary content, not text")
    return unicodedata.normalize("NFC", repair(text, name))


def _binary(text: str) -> bool:
    """Control characters (other than line and tab) or U+FFFD in more than 2% of a sample."""
    sample = text[:4000]
    bad = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f") or c == "\ufffd")
    return bad * 50 > len(sample)


def _decode_8bit(data: bytes, name: str, declared: str | None) -> str:
    declared = declared or declared_charset(data)
    if declared and declared not in ("utf-8", "cp1252", "latin-1", "iso8859-1", "ascii"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            log.info("%s: does not decode as its declared charset %s", name, declared)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _single_byte(data, name)
