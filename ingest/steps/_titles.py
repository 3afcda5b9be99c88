"""Titles as written beside a name: ``Thành ủy viên, Phó Trưởng ban Tuyên giáo Thành ủy TPHCM``.

A title is a sequence of parts separated by ``, `` or `` - ``; each part is an optional ``nguyên``
(former), a post from ``posts.csv`` and the body it is held in, read with the body grammar
(``_orgs.read_org``). A comma or dash inside a body name (``Ban Thi đua - Khen thưởng``) does not
split, because what follows it does not open a post.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from vietkg.ingest.model import Doc
from vietkg.ingest.patterns import Post, posts, title_stops
from vietkg.ingest.steps._orgs import OrgSpan, read_org
from vietkg.ingest.steps._places import low_text
from vietkg.ontology.text import key

log = logging.getLogger(__name__)

SEP = re.compile(r"\s*(?:,|\s[-–]|\s*;?\s*kiêm|\s+và)\s+")


@dataclass
class Part:
    start: int
    end: int
    post: Post
    post_text: str  # the post as printed
    org: OrgSpan | None
    former: bool
    org_start: int  # where the body starts (the shared word "ban" of "Trưởng ban ...")


@cache
def _posts_by_letter() -> dict[str, tuple[tuple[str, Post], ...]]:
    out: dict[str, list[tuple[str, Post]]] = {}
    for p in posts():
        out.setdefault(key(p.written)[:1], []).append((key(p.written), p))
    return {c: tuple(v) for c, v in out.items()}


def match_post(doc: Doc, pos: int) -> Post | None:
    low = low_text(doc)
    for k, p in _posts_by_letter().get(low[pos:pos + 1], ()):
        end = pos + len(k)
        if low.startswith(k, pos) and (end >= len(low) or not low[end].isalnum()):
            if p.written.isupper() and doc.text[pos:end] != p.written:
                continue  # abbreviations (TVTU) only in capitals
            return p
    return None


def _stop_at(doc: Doc, pos: int) -> bool:
    low = low_text(doc)
    if not doc.text[pos:pos + 1].islower():
        return False
    return any(low.startswith(s, pos) and not low[pos + len(s):pos + len(s) + 1].isalnum() for s in title_stops())


def read_part(doc: Doc, pos: int, limit: int) -> Part | None:
    """One post and its body starting at ``pos``."""
    low = low_text(doc)
    start, former = pos, False
    if low.startswith("nguyên ", pos):
        former, pos = True, pos + len("nguyên ")
    post = match_post(doc, pos)
    if post is None:
        return None
    end = pos + len(key(post.written))
    org, org_start = None, end
    rest = end + 1
    if rest < limit and doc.text[end:rest] == " " and not _stop_at(doc, rest):
        org = read_org(doc, rest, limit)
        if post.shares and (org is None or org.kind == "committee"):
            share = low.rfind(key(post.shares), pos, end)
            shared = read_org(doc, share, limit) if share >= 0 else None
            if shared is not None and shared.end > end:
                org = shared
        if org is not None:
            org_start, end = org.start, org.end
    return Part(start, end, post, doc.text[pos:pos + len(key(post.written))], org, former, org_start)


def read_title(doc: Doc, pos: int, limit: int) -> list[Part]:
    """The parts of a title starting at ``pos`` (nothing if no post opens it)."""
    parts: list[Part] = []
    while pos < limit:
        part = read_part(doc, pos, limit)
        if part is None:
            break
        parts.append(part)
        m = SEP.match(doc.text, part.end, limit)
        if not m or (match_post(doc, m.end()) is None and not low_text(doc).startswith("nguyên ", m.end())):
            break
        if m.group(0).strip() == "và" and not doc.text[m.end()].isupper():
            break  # "... và bí thư các tổ chức cơ sở đảng": other people, not a part of this title
        pos = m.end()
    return parts


def title_before(doc: Doc, clause_start: int, name_start: int) -> list[Part]:
    """The longest title that ends right before a name (apposition: ``Bí thư Quận ủy Ba Đình X``)."""
    for m in re.finditer(r"\w+", doc.text[clause_start:name_start]):
        pos = clause_start + m.start()
        if not doc.text[pos].isupper() and not doc.text.startswith("nguyên", pos):
            continue
        parts = read_title(doc, pos, name_start)
        if parts and doc.text[parts[-1].end:name_start].strip() == "":
            return parts
        if parts:  # a body read past a place: cut the last part at the name
            last = parts[-1]
            if last.end > name_start:
                continue
    return []
