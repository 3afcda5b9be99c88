"""IRIs of the SKOS concepts vietkg's data points at (document kinds, event kinds, posts ...).

The concepts themselves — labels in Vietnamese and English, notations, definitions — are declared
in ``vocabularies.ttl``; this module only builds their IRIs from a scheme and a notation.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from vietkg.ontology.terms import VKG
from vietkg.ontology.text import code_slug, slug

VOCAB_NS = "https://vietkg.org/vocab/"

BODY_TYPE = "body-type"
DOC_KIND = "doc-kind"
EVENT_KIND = "event-kind"
POST = "post"
IMPL_MODE = "implementation-mode"
CLUSTER_ROLE = "cluster-role"
PART = "part"
TENURE_CHANGE = "tenure-change"

EVENT_KINDS = ("ky_ket", "phat_dong", "so_ket", "tong_ket", "khen_thuong", "hoi_nghi")
EVENT_KIND_CLASS: dict[str, NamedNode] = {
    "ky_ket": VKG.PactSigning,
    "phat_dong": VKG.Launch,
    "so_ket": VKG.MidTermReview,
    "tong_ket": VKG.YearEndReview,
    "khen_thuong": VKG.AwardCeremony,
    "hoi_nghi": VKG.Conference,
}


def vocab_iri(scheme: str, notation: str) -> NamedNode:
    """``vocab_iri(DOC_KIND, "CTrHĐ")`` -> ``https://vietkg.org/vocab/doc-kind/ctrhdd``.

    Document kinds are codes in which Đ is a letter of its own (ĐA Đề án vs DA Dự án), so their
    slugs keep it apart; other schemes slug their Vietnamese notation plainly.
    """
    key = code_slug(notation) if scheme == DOC_KIND else slug(notation)
    return NamedNode(f"{VOCAB_NS}{scheme}/{key}")


def scheme_iri(scheme: str) -> NamedNode:
    return NamedNode(f"{VOCAB_NS}{scheme}")
