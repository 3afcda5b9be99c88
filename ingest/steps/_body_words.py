"""The words of body names, as data: the body grammar (``body_grammar.csv``) matched in running text.

``match_word`` finds a grammar entry of one kind (``head``, ``committee``, ``central``, ``connector``,
``level``, ``alias``, ``numbered``) at an offset of the casefolded text; the other helpers answer the
small questions the body reader asks: does a number belong to the name (``Quận 4``), does a post
open here, is a capitalised level word a word of the name (``Xã hội``), does a comma enumerate the
fields of one name (``Sở Văn hóa, Thể thao và Du lịch``).
"""

from __future__ import annotations

import re
from functools import cache

from vietkg.ingest.model import Doc
from vietkg.ingest.patterns import body_grammar, posts, surnames
from vietkg.ingest.steps._places import low_text, match_places
from vietkg.ontology.text import key

SUB_DISTRICT = {"ward", "commune", "township", "special"}  # level kinds the gazetteer does not list


@cache
def _keyed(kind: str) -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Grammar entries of one kind by their first letter: (key, text, value), longest first."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for text, value in body_grammar()[kind]:
        k = key(text)
        out.setdefault(k[:1], []).append((k, text, value))
    return {c: tuple(sorted(v, key=lambda t: -len(t[0]))) for c, v in out.items()}


def match_word(low: str, pos: int, kind: str) -> tuple[str, str] | None:
    """The longest grammar entry of ``kind`` written at ``pos`` as a whole word: (text, value)."""
    for k, text, value in _keyed(kind).get(low[pos:pos + 1], ()):
        end = pos + len(k)
        if low.startswith(k, pos) and (end >= len(low) or not low[end].isalnum()):
            return text, value
    return None


def name_word(text: str, j: int, level: str) -> bool:
    """A capitalised level word before a lower-case syllable is a word of the name (``Xã hội`` of
    ``Sở Lao động - Thương binh và Xã hội``), not a place level (``xã Tân Phú``, ``UBND xã``)."""
    k = j + len(level)
    return text[j].isupper() and bool(re.match(r" [a-zà-ỹđ]", text[k:k + 2]))


_INNER = re.compile(r", ([A-ZÀ-ỸĐ]\w*(?: [a-zà-ỹđ]\w*)?) và [A-ZÀ-ỸĐ]")


def inner_list(doc: Doc, j: int, limit: int) -> bool:
    """A comma inside a name that enumerates its fields, ``A, B và C`` (``Sở Văn hóa, Thể thao và
    Du lịch``): the part after it opens no body, post or place, and ``và`` + a capital follows."""
    m = _INNER.match(doc.text, j, limit)
    if m is None:
        return False
    low, at = low_text(doc), j + 2
    if any(match_word(low, at, kind) for kind in ("head", "committee", "central", "level")):
        return False
    first = m.group(1).split()[0]
    return key(first) not in surnames() and not match_places(low, at)[1] and not opens_post(low, at)


@cache
def _post_keys() -> tuple[str, ...]:
    return tuple(key(p.written) for p in posts())


def opens_post(low: str, at: int) -> bool:
    """A post of ``posts.csv`` (any case) is written at ``at``."""
    return any(low.startswith(k, at) and not low[at + len(k):at + len(k) + 1].isalnum() for k in _post_keys())


@cache
def _numbered_words() -> tuple[str, ...]:
    return tuple(key(t) for t, _ in body_grammar()["numbered"])


def numbered(low: str, j: int) -> bool:
    """A number that belongs to the name: ``Quận 4``, ``Ban Chỉ đạo 35`` (``body_grammar.csv``)."""
    words = _numbered_words()
    before = low[max(0, j - max(map(len, words), default=0) - 2):j].rstrip()
    return any(before.endswith(w) and not before[-len(w) - 1:-len(w)].isalnum() for w in words)


def alias(head_text: str) -> str:
    """The canonical spelling of a name's head (``Ủy ban nhân dân`` -> ``UBND``)."""
    for text, value in body_grammar()["alias"]:
        if head_text.startswith(text):
            return value + head_text[len(text):]
    return head_text


@cache
def committee_levels() -> dict[str, frozenset[str]]:
    """Committee word -> the level kinds of the units it leads (``Thị ủy`` -> town)."""
    return {key(t): frozenset(v.split("|")) for t, v in body_grammar()["committee"] if v}


@cache
def level_kinds() -> dict[str, str]:
    """Level word -> its kind (``phường`` -> ward)."""
    return {key(t): v for t, v in body_grammar()["level"]}


@cache
def bare_heads() -> frozenset[str]:
    """Keys of a head or committee written alone (``Ủy ban MTTQ Việt Nam``, ``UBND``, ``Đảng ủy``):
    no one in particular, so never a member or an implementer. Heads that name their own level and
    place by the article (``Tỉnh đoàn``) are completed before they get here."""
    g = body_grammar()
    words = [t for t, _ in g["head"]] + [t for t, _ in g["committee"]] + [v for _, v in g["alias"]]
    return frozenset(key(w) for w in words)
