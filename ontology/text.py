"""Text keys shared by ingest and graph: NFC, tone placement, folding, slugs.

Display text keeps what the article printed; these functions make *keys* so that ``Quận uỷ`` and
``Quận ủy``, NFD and NFC, ``Ð`` (U+00D0) and ``Đ`` compare equal, and ``Nguyen Tho Truyen``
finds ``Nguyễn Thọ Truyền``.
"""

from __future__ import annotations

import re
import unicodedata

# Old-style tone placement ("hoà", "uỷ") -> the placement most news sites use ("hòa", "ủy").
# Only open syllables ending in the pair are rewritten; "qu" + y ("quý") and closed syllables
# ("hoàn", "huỳnh") are left alone.
_TONE = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE.update({k.upper(): v.upper() for k, v in list(_TONE.items())})
_TONE.update({k[0].upper() + k[1:]: v[0].upper() + v[1:] for k, v in list(_TONE.items()) if k.islower()})
_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(sorted(_TONE, key=len, reverse=True)) + r")(?!\w)")

_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ", "\u00a0": " ", "\u2009": " ",
                             "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": ""})


def nfc(text: str) -> str:
    """NFC, look-alike letters repaired (Ð -> Đ), invisible spaces mapped."""
    return unicodedata.normalize("NFC", text).translate(_LOOKALIKES)


def tone(text: str) -> str:
    """Move old-style tone marks to the modern position: ``uỷ`` -> ``ủy``, ``hoà`` -> ``hòa``."""
    return _TONE_RE.sub(lambda m: _TONE[m.group(1)], text)


def canon(text: str) -> str:
    """The display form used for labels: NFC, modern tone placement, single spaces."""
    return " ".join(tone(nfc(text)).split())


def fold(text: str) -> str:
    """Diacritic-free, casefolded search key: ``Nguyễn Thọ Truyền`` -> ``nguyen tho truyen``."""
    s = tone(nfc(text)).casefold().replace("đ", "d")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w/\-]+", " ", s).split())


def key(text: str) -> str:
    """Casefolded key that keeps diacritics: two spellings of one name share it."""
    return " ".join(tone(nfc(text)).casefold().split())


def slug(text: str) -> str:
    """An IRI-safe slug: ``Ban Tuyên giáo Thành ủy`` -> ``ban-tuyen-giao-thanh-uy``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def code_slug(code: str) -> str:
    """A slug for codes where Đ is a letter of its own: ``ĐA`` (Đề án) -> ``dda``, ``DA`` -> ``da``."""
    return slug(nfc(code).replace("Đ", "Dd").replace("đ", "dd"))
