"""Step ``documents``: every numbered document the article cites, once per document.

Party symbols ``<số>-<KIND>/<ISSUER>`` (``35-NQ/TW``, ``10-CTrHĐ/TU``, ``14-QĐ/BTGTU``) in all their
printed variants — no ``số``, en dash, spaces, ``TƯ``/``T.Ư``, state style ``34/CT-TW``, glued
``05-CT/TWcủa`` — and state symbols ``<số>/<năm>/<KIND>-<ISSUER>`` (``30/2020/NĐ-CP``). The kind is
the code (``doc_kinds.csv``, authoritative over the words before the number); the legislature
prints none (``45/2022/QH15``, ``12/2023/UBTVQH15``), so there the noun before the number names it
(``Nghị quyết số``, ``Luật Thi đua, khen thưởng số``). The issuer is read after the symbol (``của
Bộ Chính trị``) or derived from the code (``issuers.csv``: TU is the article's Tỉnh/Thành ủy, QH15
is Quốc hội); the date ``ngày 22/10/2018`` after it; the term (khóa) when written or derivable
from the date (``party_terms.csv``).
"""

from __future__ import annotations

import logging
import re

from vietkg.ingest.model import Doc, DocumentFact, OrgRef, PartialDate
from vietkg.ingest.patterns import doc_kinds, issuers, kind_labels, party_issuers, party_terms
from vietkg.ingest.steps._orgs import committee_label, label, read_org
from vietkg.ingest.steps._places import low_text
from vietkg.ontology import Place

log = logging.getLogger(__name__)

DASH = r"[-\u2010-\u2014\u2212]"
# A number not glued to a digit, slash or dot before it (the look-behind after the first digit
# lets the regex engine skip to digits: four times faster than leading with it).
NUM = r"(?P<num>\d(?<![\d/.]\d)\d{0,4})"
KINDS = r"CTrHĐ|CTr|Ctr|TTr|QĐi|QyĐ|QĐ|NQ|CT|KL|QC|TT|HD|TB|TC|BC|KH|ĐA|PA|DA|CV|BB|BS|GM|NĐ|TTLT|CĐ"
PARTY = re.compile(rf"{NUM}\s*(?:{DASH}|/)?\s*(?P<kind>{KINDS})\s*/\s*"
                   r"(?P<iss>(?:T\.Ư|[A-ZĐƯ]{1,12})(?:-[A-ZĐ]{1,6})?)")
STATE = re.compile(rf"{NUM}\s*/\s*(?P<year>(?:19|20)\d{{2}})\s*/\s*"
                   rf"(?P<kind>[A-ZĐ][A-Za-zĐđ]{{0,5}})"
                   rf"\s*{DASH}\s*(?P<iss>[A-ZĐ][A-Za-zĐđ]{{0,10}}\d{{0,2}}(?:{DASH}[A-ZĐ][A-Za-zĐđ]{{0,10}})*)")
# <số>/<KIND>-<ISSUER>: the state's form (939/QĐ-TTg, 01/NQ-CP), multi-part issuers too
# (152/KH-MTTQ-BTT: the Front committee's standing board); the Party's when printed so (34/CT-TW).
SWAPPED = re.compile(rf"{NUM}\s*/\s*(?P<kind>{KINDS})\s*{DASH}\s*"
                     r"(?P<iss>T\.Ư|TƯ|TW|TU|[A-ZĐ][A-ZĐa-z]{1,7}(?:\d{1,2})?(?:-[A-ZĐ]{2,8})*)\b")
# The legislature prints no kind: <số>/<năm>/QH15, <số>/<năm>/UBTVQH14 (issuer and its term).
LEGISLATURE = re.compile(rf"{NUM}\s*/\s*(?P<year>(?:19|20)\d{{2}})\s*/\s*"
                         r"(?P<iss>(?:UBTVQH|QH)\d{1,2})\b")
NOUN_WINDOW = 90  # how far back the noun naming a kindless symbol's kind may stand
DEFAULT_KIND = "NQ"  # the legislature's numbered acts cited in the news are mostly resolutions
DATE_AFTER = re.compile(r"\s*,?\s*(?:ban hành\s+)?ngày\s*(\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(\d{1,2})"
                        r"\s*(?:/|-|\.|\s+năm\s+)\s*(\d{4})")
OF = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:,\s*)?(?:của|do)\s+")
TERM = re.compile(r"khó?a\s+([IVXL]+)\b")


def _issuer_code(raw: str) -> str:
    code = raw.replace(".", "").replace("TƯ", "TW")
    return code


def _canonical(num: str, kind: str, iss: str, year: str | None, kind_printed: bool = True,
               state_form: bool = False) -> str:
    if year and not kind_printed:
        return f"{num}/{year}/{iss}"
    if year:
        return f"{num}/{year}/{kind}-{iss}"
    if state_form:
        return f"{num}/{kind}-{iss}"
    return f"{num}-{kind}/{iss}"


def _default_issuer(doc: Doc, code: str) -> OrgRef | None:
    template = issuers().get(code) or issuers().get(code.split("-")[0]) or issuers().get(code.rstrip("0123456789"))
    if template is None:
        return None
    prov = doc.notes.get("province_place")
    dist = doc.notes.get("district_place")
    prov_label = committee_label(doc, prov.committee, prov) if isinstance(prov, Place) else "Tỉnh ủy"
    dist_label = committee_label(doc, dist.committee, dist) if isinstance(dist, Place) else ""
    text = template.format(province=prov_label, district=dist_label or "Huyện ủy",
                           people_committee="UBND")
    return OrgRef(text, "organization")


def _term(fact: DocumentFact, doc: Doc, end: int) -> str | None:
    m = TERM.match(doc.text, end, min(len(doc.text), end + 80)) or TERM.search(doc.text[end:end + 80])
    if m and fact.issuer_code == "TW":
        return m.group(1)
    if fact.date is None or fact.issuer_code != "TW":
        return None
    day = fact.date.earliest
    for term, start, stop in party_terms():
        if start <= day and (stop is None or day < stop):
            return term
    return None


def kind_before(doc: Doc, pos: int) -> str:
    """The kind named by the noun before a kindless symbol (``Nghị quyết số``, ``Luật Thủ đô số``)."""
    window = doc.text[max(0, pos - NOUN_WINDOW):pos]
    window = re.split(r"[.;:!?\n]", window)[-1]
    best: tuple[int, str] | None = None
    for name, code in kind_labels():
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", window):
            if best is None or m.end() > best[0]:
                best = (m.end(), code)
    return best[1] if best else DEFAULT_KIND


def _find(doc: Doc) -> list[tuple[re.Match[str], str, str, str, str | None]]:
    found: list[tuple[re.Match[str], str, str, str, str | None]] = []
    taken: list[tuple[int, int]] = []
    for rx in (STATE, LEGISLATURE, PARTY, SWAPPED):
        for m in rx.finditer(doc.text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if rx is LEGISLATURE:
                taken.append((m.start(), m.end()))
                found.append((m, m.group("num"), kind_before(doc, m.start()), m.group("iss"), m.group("year")))
                continue
            kind = doc_kinds().get(m.group("kind").casefold(), m.group("kind"))
            year = m.groupdict().get("year")
            if rx is not STATE and kind.casefold() not in doc_kinds():
                continue
            taken.append((m.start(), m.end()))
            found.append((m, m.group("num"), kind, _issuer_code(m.group("iss")), year))
    return sorted(found, key=lambda t: t[0].start())


def documents(doc: Doc) -> Doc:
    by_key: dict[tuple[int, str, str, str | None], DocumentFact] = {}
    low_text(doc)
    spans: list[tuple[int, int, str]] = []
    for m, num, kind, code, year in _find(doc):
        k = (int(num), kind.casefold(), code, year)
        fact = by_key.get(k)
        if fact is None:
            printed = "kind" in m.re.groupindex
            state_form = m.re is SWAPPED and code.split("-")[0] not in party_issuers()
            fact = DocumentFact(_canonical(num, kind, code, year, printed, state_form), int(num), kind, code,
                                doc.evidence(m.start(), m.end()), year=int(year) if year else None)
            by_key[k] = fact
            doc.facts.documents.append(fact)
        spans.append((m.start(), m.end(), fact.symbol))
        end = m.end()
        dm = DATE_AFTER.match(doc.text, end)
        if dm:
            if fact.date is None:
                fact.date = PartialDate.of(int(dm.group(3)), int(dm.group(2)), int(dm.group(1)))
            end = dm.end()
        of = OF.match(doc.text, end)
        if of and fact.issuer is None:
            span = read_org(doc, of.end())
            if span is not None:
                fact.issuer = label(doc, span)
        if fact.term is None:
            fact.term = _term(fact, doc, end)
    for fact in doc.facts.documents:
        if fact.issuer is None:
            fact.issuer = _default_issuer(doc, fact.issuer_code)
    doc.notes["doc_spans"] = spans
    return doc
