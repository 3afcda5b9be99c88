"""The legacy 8-bit Vietnamese font encodings as data: TCVN3 (ABC) and VNI Windows.

Text typed with the ``.VnTime`` (TCVN3) or ``VNI-Times`` (VNI) fonts was stored as single bytes and
shows up today as cp1252 / latin-1 text: TCVN3 ``Uû ban nh©n d©n`` is ``Uỷ ban nhân dân``, VNI
``Ñaûng uûy Khoái`` is ``Đảng ủy Khối``. The tables below give each byte (as its latin-1 character)
the Unicode it stands for; the functions convert whole strings and back (the inverse is used by
the tests to check round trips on real sentences).

TCVN3 is TCVN 5712:1993 "VN3": one byte per precomposed lowercase letter (0xA1-0xFF). Its
uppercase accented letters were typed with a separate font (``.VnTimeH``) reusing the lowercase
bytes, so converted headings come back lowercase. The few uppercase letters of "VN1" that sit in
0xA0-0xFF, and its combining tone marks 0xB0-0xB4, are accepted too; the 0x80-0x9F range is left
as cp1252 punctuation (quotes, dashes), which is how VN3 documents use it.

VNI is a base letter followed by one mark byte (``a`` + ``ù`` -> ``á``; ``a`` + ``á`` -> ``ấ``), plus a
few single bytes for letters without a base (``ñ`` -> ``đ``, ``ô`` -> ``ơ``, ``ö`` -> ``ư``, ``ì`` -> ``ì``).
"""

from __future__ import annotations

import logging
import re
import unicodedata

log = logging.getLogger(__name__)

# ---- TCVN3 ---------------------------------------------------------------------------------
# byte -> Unicode, written as "bytes-as-latin-1 : letters" rows, one row per base letter.
_TCVN3_ROWS = (
    ("µ¶·¸¹", "àảãáạ"),
    ("¨»¼½¾Æ", "ăằẳẵắặ"),
    ("©ÇÈÉÊË", "âầẩẫấậ"),
    ("ÌÎÏÐÑ", "èẻẽéẹ"),
    ("ªÒÓÔÕÖ", "êềểễếệ"),
    ("×ØÜÝÞ", "ìỉĩíị"),
    ("ßáâãä", "òỏõóọ"),
    ("«åæçèé", "ôồổỗốộ"),
    ("¬êëìíî", "ơờởỡớợ"),
    ("ïñòóô", "ùủũúụ"),
    ("\xadõö÷øù", "ưừửữứự"),
    ("úûüýþ", "ỳỷỹýỵ"),
    ("®§", "đĐ"),
    ("¡¢£¤¥¦", "ĂÂÊÔƠƯ"),
    # VN1 uppercase letters placed in slots VN3 leaves unused
    ("¯º¿ÀÁÂÃÄÅÍÙÚÛàðÿ", "ẰẲẴẮẦẨẪẤỀỂỄẾỒỔỖỐ"),
    # VN1 combining tone marks (grave, hook, tilde, acute, dot below)
    ("°±²³´", "\u0300\u0309\u0303\u0301\u0323"),
)
_VN3_ROWS = 14  # the rows before are VN3 proper; the last two are the VN1 extras
TCVN3: dict[str, str] = {}
for _src, _dst in _TCVN3_ROWS:
    TCVN3.update(zip(_src, _dst, strict=True))
_TCVN3_TRANS = str.maketrans(TCVN3)
# The inverse covers VN3 proper, for round-trip tests.
_TCVN3_INVERSE = {d: s for src, dst in _TCVN3_ROWS[:_VN3_ROWS] for s, d in zip(src, dst, strict=True)}


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 text read as latin-1 / cp1252 to Unicode (NFC)."""
    return unicodedata.normalize("NFC", text.translate(_TCVN3_TRANS))


def unicode_to_tcvn3(text: str) -> str:
    """The inverse, for tests: uppercase accented letters fall back to lowercase, as .VnTimeH did."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_INVERSE:
            out.append(_TCVN3_INVERSE[ch])
        elif ch.lower() in _TCVN3_INVERSE and ch.lower() != ch:
            out.append(_TCVN3_INVERSE[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


# ---- VNI -----------------------------------------------------------------------------------
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
# mark byte (lowercase form; the uppercase form is its .upper()) -> combining marks it adds
VNI_MARKS: dict[str, str] = {
    "ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "à": _CIRC + _GRAVE, "á": _CIRC + _ACUTE, "å": _CIRC + _HOOK, "ã": _CIRC + _TILDE,
    "ä": _CIRC + _DOT,
    "ê": _BREVE, "è": _BREVE + _GRAVE, "é": _BREVE + _ACUTE, "ú": _BREVE + _HOOK, "ü": _BREVE + _TILDE,
    "ë": _BREVE + _DOT,
}
# which marks each base letter takes (circumflex on a/e/o, breve on a only)
_TONES = "øùûõï"
_VNI_BASES: dict[str, str] = {"a": _TONES + "âàáåãäêèéúüë", "e": _TONES + "âàáåãä",
                              "o": _TONES + "âàáåãä", "u": _TONES, "y": _TONES,
                              "ô": _TONES, "ö": _TONES}
# single bytes standing for a whole letter (lowercase; uppercase is .upper() on both sides)
VNI_SINGLES: dict[str, str] = {"ñ": "đ", "ô": "ơ", "ö": "ư", "ì": "ì", "í": "í", "ò": "ị",
                               "æ": "ỉ", "ó": "ĩ", "î": "ỵ"}

VNI_PAIRS: dict[str, str] = {}
for _base, _marks in _VNI_BASES.items():
    _letter = VNI_SINGLES.get(_base, _base)
    for _m in _marks:
        _uni = unicodedata.normalize("NFC", _letter + VNI_MARKS[_m])
        for _b, _mm, _u in ((_base, _m, _uni), (_base.upper(), _m.upper(), _uni.upper()),
                            (_base.upper(), _m, _uni.upper())):
            VNI_PAIRS[_b + _mm] = _u
_VNI_ALL: dict[str, str] = {**VNI_PAIRS, **VNI_SINGLES, **{k.upper(): v.upper() for k, v in VNI_SINGLES.items()}}
# one pass, pairs before singles: "oâ" is ô, a lone "ô" is ơ
_VNI_RE = re.compile("|".join(sorted(_VNI_ALL, key=len, reverse=True)))
_VNI_INVERSE: dict[str, str] = {}
for _k, _v in list(VNI_PAIRS.items()) + [(k, v) for k, v in VNI_SINGLES.items()] + [
        (k.upper(), v.upper()) for k, v in VNI_SINGLES.items()]:
    if (_k[0].isupper() == _k[-1].isupper()) and _v not in _VNI_INVERSE:
        _VNI_INVERSE[_v] = _k


def vni_to_unicode(text: str) -> str:
    """Convert VNI text read as latin-1 / cp1252 to Unicode (NFC)."""
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: _VNI_ALL[m.group(0)], text))


def unicode_to_vni(text: str) -> str:
    """The inverse, for tests: Unicode letters to VNI byte sequences (as latin-1 characters)."""
    return "".join(_VNI_INVERSE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
