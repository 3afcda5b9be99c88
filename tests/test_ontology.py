"""The ontology package: every term the code uses is declared, labelled and valid data passes.

- every vkg: name in ``terms.py`` is declared in ``vietkg.ttl`` with @vi/@en labels and a definition;
- every concept of every scheme has @vi/@en preferred labels and a notation, and its IRI is what
  ``vocab_iri`` builds from the notation; the notations the code emits resolve;
- ``shapes.ttl`` accepts the quads ``ingest.rdf`` writes for a real sentence and rejects broken data;
- ``data/bodies.ttl`` uses the IRI rule of ``rdf.py`` and is what its generator makes;
- ``data/places.csv`` loads, covers 63 + 34 provinces, and a malformed file names file and line.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse

from vietkg.ingest.model import (
    AttendanceFact,
    ClusterFact,
    Doc,
    DocumentFact,
    EventFact,
    Evidence,
    ImplementationFact,
    MemberFact,
    OrgRef,
    PartialDate,
    RawArticle,
    RoleFact,
)
from vietkg.ingest.rdf import to_quads
from vietkg.ontology import (
    OntologyDataError,
    load_ontology,
    ontology_files,
    places,
    question_files,
    read_places,
)
from vietkg.ontology.terms import ID_NS, PREFIXES, VKG_CLASSES, VKG_NS, VKG_PROPERTIES
from vietkg.ontology.text import slug
from vietkg.ontology.vocab import (
    BODY_TYPE,
    CLUSTER_ROLE,
    DOC_KIND,
    EVENT_KINDS,
    IMPL_MODE,
    PART,
    POST,
    VOCAB_NS,
    vocab_iri,
)

ONTO = Path(__file__).resolve().parent.parent / "ontology"
OWL = PREFIXES["owl"]
SKOS = PREFIXES["skos"]
RDFS = PREFIXES["rdfs"]
RDF_TYPE = PREFIXES["rdf"] + "type"


@cache
def _store() -> Store:
    store = Store()
    for path in ontology_files():
        store.extend(Quad(t.subject, t.predicate, t.object) for t in parse(path=str(path), format=RdfFormat.TURTLE))
    return store


def _ask(query: str) -> bool:
    return bool(_store().query("".join(f"PREFIX {p}: <{i}>\n" for p, i in PREFIXES.items()) + query))


def _select(query: str) -> list[tuple[str, ...]]:
    result = _store().query("".join(f"PREFIX {p}: <{i}>\n" for p, i in PREFIXES.items()) + query)
    return [tuple(term.value if term is not None else "" for term in row) for row in result]  # type: ignore[union-attr]


# ---- OWL ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", VKG_CLASSES)
def test_class_declared(name: str) -> None:
    assert _ask(f"ASK {{ <{VKG_NS}{name}> a owl:Class }}"), f"vkg:{name} is not an owl:Class in vietkg.ttl"


@pytest.mark.parametrize("name", VKG_PROPERTIES)
def test_property_declared(name: str) -> None:
    assert _ask(f"ASK {{ <{VKG_NS}{name}> a ?t FILTER(?t IN (owl:ObjectProperty, owl:DatatypeProperty)) }}"), (
        f"vkg:{name} is not an owl:ObjectProperty or owl:DatatypeProperty in vietkg.ttl"
    )


def test_every_vkg_term_labelled_and_defined() -> None:
    rows = _select(f"""
        SELECT ?t WHERE {{
          ?t a ?k FILTER(?k IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty))
          FILTER(STRSTARTS(STR(?t), "{VKG_NS}"))
          FILTER NOT EXISTS {{
            ?t rdfs:label ?vi FILTER(LANG(?vi) = "vi") ?t rdfs:label ?en FILTER(LANG(?en) = "en")
            ?t skos:definition|rdfs:comment ?d FILTER(LANG(?d) = "en")
          }}
        }}""")
    assert rows == []


def test_reused_terms_have_vietnamese_labels() -> None:
    rows = _select(f"""
        SELECT ?t WHERE {{
          ?t a ?k FILTER(?k IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty))
          FILTER(!STRSTARTS(STR(?t), "{VKG_NS}"))
          FILTER NOT EXISTS {{ ?t rdfs:label ?vi FILTER(LANG(?vi) = "vi") }}
        }}""")
    assert rows == []


def test_no_undeclared_vkg_term_in_ontology_files() -> None:
    """A vkg: IRI used anywhere in the ontology files is one terms.py names (no typos)."""
    known = {VKG_NS + n for n in (*VKG_CLASSES, *VKG_PROPERTIES)}
    used = {
        term.value
        for q in load_ontology()
        for term in (q.subject, q.predicate, q.object)
        if isinstance(term, NamedNode) and term.value.startswith(VKG_NS)
    }
    assert used - known == set()


# ---- SKOS --------------------------------------------------------------------------------------

def test_every_concept_labelled_with_notation() -> None:
    rows = _select("""
        SELECT ?c WHERE {
          ?c a skos:Concept
          FILTER NOT EXISTS {
            ?c skos:prefLabel ?vi FILTER(LANG(?vi) = "vi") ?c skos:prefLabel ?en FILTER(LANG(?en) = "en")
            ?c skos:notation ?n ; skos:inScheme ?s . ?s a skos:ConceptScheme
          }
        }""")
    assert rows == []


def test_concept_iris_follow_vocab_rule() -> None:
    rows = _select("SELECT ?c ?n ?s WHERE { ?c a skos:Concept ; skos:notation ?n ; skos:inScheme ?s }")
    assert len(rows) > 100
    for concept, notation, scheme in rows:
        name = scheme.removeprefix(VOCAB_NS)
        assert concept == vocab_iri(name, notation).value, (concept, notation)


def _notations(scheme: str) -> set[str]:
    rows = _select(f"SELECT ?n WHERE {{ ?c skos:inScheme <{VOCAB_NS}{scheme}> ; skos:notation ?n }}")
    return {n for (n,) in rows}


def _declared(iri: NamedNode) -> bool:
    return _ask(f"ASK {{ {iri} a skos:Concept }}")


CODE_NOTATIONS = [
    *[(DOC_KIND, k) for k in ("NQ", "CT", "KL", "QĐ", "QĐi", "QyĐ", "ĐA", "CTr", "CTrHĐ", "KH", "HD", "TB",
                              "BC", "NĐ", "TT", "CV", "L")],
    *[("event-kind", k) for k in EVENT_KINDS],
    *[(IMPL_MODE, k) for k in ("committed", "directed", "reported", "reviewed")],
    *[(CLUSTER_ROLE, k) for k in ("leader", "deputy", "member")],
    *[(PART, k) for k in ("chủ trì", "chỉ đạo", "phát biểu", "dự")],
    *[(BODY_TYPE, k) for k in ("party-committee", "party-board", "office", "people-council", "people-committee",
                               "front", "central-body", "state-body", "school", "newspaper", "unit", "organization")],
    *[(POST, k) for k in ("Bí thư", "Phó Bí thư Thường trực", "Phó Trưởng ban Thường trực", "Thành ủy viên",
                          "Ủy viên Ban Thường vụ", "Chủ tịch", "Cụm trưởng", "Tổng Biên tập")],
]


@pytest.mark.parametrize(("scheme", "notation"), CODE_NOTATIONS)
def test_code_notations_resolve(scheme: str, notation: str) -> None:
    assert _declared(vocab_iri(scheme, notation)), f"{scheme}/{notation} -> {vocab_iri(scheme, notation)}"


def test_doc_kind_slugs_unique() -> None:
    kinds = _notations(DOC_KIND)
    assert len({slug(k) for k in kinds}) == len(kinds)


# ---- SHACL -------------------------------------------------------------------------------------

SENTENCE = (
    "Sáng 23/4/2021, đồng chí Nguyễn Văn A, Thành ủy viên, Phó Trưởng ban Thường trực Ban Tuyên giáo "
    "Thành ủy Thành phố Hồ Chí Minh chủ trì hội nghị ký kết giao ước thi đua Cụm thi đua số 1 triển khai "
    "Nghị quyết 35-NQ/TW."
)


def _doc() -> Doc:
    ev = Evidence(0, len(SENTENCE), SENTENCE)
    hcm = OrgRef("Thành ủy Thành phố Hồ Chí Minh", "party-committee")
    btg = OrgRef("Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh", "party-board", hcm)
    q1 = OrgRef("Ban Tuyên giáo Quận ủy Quận 1", "party-board", OrgRef("Quận ủy Quận 1", "party-committee", hcm))
    day = PartialDate("2021-04-23")
    doc = Doc(RawArticle(source="https://example.org/a.html", text=SENTENCE, title="Ký kết", site="example.org",
                         display_date="2021-04-23", content_hash="abc"), SENTENCE)
    doc.context.province = "Thành phố Hồ Chí Minh"
    f = doc.facts
    title = "Thành ủy viên, Phó Trưởng ban Thường trực"
    f.roles.append(RoleFact("Nguyễn Văn A", "Phó Trưởng ban Thường trực", btg, title, day, ev))
    f.roles.append(RoleFact("Nguyễn Văn A", "Thành ủy viên", hcm, "Thành ủy viên", PartialDate("2021"), ev))
    f.documents.append(DocumentFact("35-NQ/TW", 35, "NQ", "TW", ev, OrgRef("Bộ Chính trị", "central-body"),
                                    PartialDate("2018-10"), term="XII"))
    f.events.append(EventFact(day, ["ky_ket", "hoi_nghi"], "Hội nghị ký kết giao ước thi đua", ev, btg,
                              attendees=[AttendanceFact("Nguyễn Văn A", "Phó Trưởng ban", "chủ trì", ev)],
                              about=["35-NQ/TW"]))
    f.clusters.append(ClusterFact(1, "Cụm thi đua số 1", btg, 2021, ev, [MemberFact(q1, "leader", ev)]))
    f.implementations.append(ImplementationFact(q1, "35-NQ/TW", "committed", ev, day, via_cluster=1))
    return doc


def _validate(quads: list[Quad]) -> tuple[bool, str]:
    pyshacl = pytest.importorskip("pyshacl")
    rdflib = pytest.importorskip("rdflib")
    store = Store()
    store.extend(quads)
    store.extend(Quad(q.subject, q.predicate, q.object) for q in load_ontology())
    data = rdflib.Graph()
    data.parse(data=_union_nt(store), format="nt")
    shapes = rdflib.Graph().parse(ONTO / "shapes.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    return bool(conforms), str(text)


def _union_nt(store: Store) -> str:
    lines = {f"{q.subject} {q.predicate} {q.object} ." for q in store}
    return "\n".join(sorted(lines)) + "\n"


def test_shapes_accept_what_rdf_writes() -> None:
    conforms, report = _validate(to_quads(_doc()))
    assert conforms, report


def _without(quads: list[Quad], predicate: str) -> list[Quad]:
    return [q for q in quads if q.predicate.value != predicate]


def _broken() -> Iterator[tuple[str, list[Quad]]]:
    good = to_quads(_doc())
    yield "implementation without document", [
        q for q in good if not (q.predicate.value == VKG_NS + "document" and "/impl/" in q.subject.value)
    ]
    yield "evidence without offsets", _without(good, VKG_NS + "startOffset")
    yield "article without content hash", _without(good, VKG_NS + "contentHash")
    yield "event without kind", _without(good, VKG_NS + "eventKind")
    g = good[0].graph_name
    obs = next(q.subject for q in good if q.object.value == VKG_NS + "PostObservation")
    yield "bad partial date", [*good, Quad(obs, NamedNode(VKG_NS + "dateText"), Literal("23/4/2021"), g)]
    yield "earliest after latest", [
        *_without(good, VKG_NS + "earliest"),
        *[Quad(q.subject, NamedNode(VKG_NS + "earliest"), Literal("2099-01-01", datatype=NamedNode(
            PREFIXES["xsd"] + "date")), g) for q in good if q.predicate.value == VKG_NS + "latest"],
    ]
    yield "unknown doc kind", [
        *[q for q in good if q.predicate.value != PREFIXES["eli"] + "type_document"],
        *[Quad(q.subject, q.predicate, vocab_iri(DOC_KIND, "XYZ"), g) for q in good
          if q.predicate.value == PREFIXES["eli"] + "type_document"],
    ]


@pytest.mark.parametrize(("what", "quads"), list(_broken()), ids=[w for w, _ in _broken()])
def test_shapes_reject_broken_data(what: str, quads: list[Quad]) -> None:
    conforms, _ = _validate(quads)
    assert not conforms, f"shapes accepted: {what}"


# ---- gazetteer ---------------------------------------------------------------------------------

def test_bodies_iris_follow_rdf_rule() -> None:
    rows = _select(f"""SELECT ?o ?l WHERE {{ ?o a org:Organization ; skos:prefLabel ?l
                       FILTER(STRSTARTS(STR(?o), "{ID_NS}org/")) }}""")
    assert len(rows) > 150
    for iri, label in rows:
        assert iri == f"{ID_NS}org/{slug(label)}", (iri, label)


def test_bodies_key_facts() -> None:
    org = f"{ID_NS}org/"
    assert _ask(f"""ASK {{ <{org}ban-tuyen-giao-thanh-uy-thanh-pho-ho-chi-minh> vkg:validUntil "2025-02-03"^^xsd:date ;
                          vkg:successor <{org}ban-tuyen-giao-va-dan-van-thanh-uy-thanh-pho-ho-chi-minh> }}""")
    assert _ask(f"""ASK {{ ?m a vkg:Merger ; org:originalOrganization <{org}tinh-uy-binh-duong> ;
                          org:resultingOrganization <{org}thanh-uy-thanh-pho-ho-chi-minh> ; prov:startedAtTime ?t }}""")
    assert _ask(f"""ASK {{ <{org}quan-uy-quan-4> vkg:validUntil "2025-07-01"^^xsd:date ;
                          org:subOrganizationOf <{org}thanh-uy-thanh-pho-ho-chi-minh> }}""")
    assert _ask(f"ASK {{ <{org}ban-tuyen-giao-quan-uy-quan-4> org:unitOf <{org}quan-uy-quan-4> }}")


def test_bodies_ttl_is_generated() -> None:
    """bodies.ttl is the output of tools/make_bodies.py over the CSV files (one source)."""
    spec = importlib.util.spec_from_file_location("make_bodies", ONTO / "tools" / "make_bodies.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_bodies"] = module
    spec.loader.exec_module(module)
    assert module.render() == (ONTO / "data" / "bodies.ttl").read_text(encoding="utf-8")


def test_places_load() -> None:
    rows = places()
    provinces = [p for p in rows if not p.parent]
    assert len(provinces) == 64  # 63 of 2024 + Thừa Thiên Huế before it became the city of Huế
    assert len([p for p in provinces if p.valid_on(date(2024, 6, 1))]) == 63
    assert len([p for p in provinces if p.valid_on(date(2025, 7, 1))]) == 34
    hcm = [p for p in rows if p.parent == "Thành phố Hồ Chí Minh"]
    assert len([p for p in hcm if p.valid_on(date(2020, 6, 1))]) == 24
    assert len([p for p in hcm if p.valid_on(date(2024, 6, 1))]) == 22
    q4 = next(p for p in hcm if p.name == "Quận 4")
    assert q4.committee_label == "Quận ủy Quận 4"
    assert not q4.valid_on(date(2025, 7, 1))


def test_places_error_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "places.csv"
    bad.write_text("name,kind,parent,committee,aliases,valid_from,valid_until\n"
                   "Quận 4,urban-district,Thành phố Hồ Chí Minh,Quận ủy,,,\n"
                   "Quận 5,urban-district,Thành phố Hồ Chí Minh,Quận ủy,,,2025-13-01\n", encoding="utf-8")
    with pytest.raises(OntologyDataError, match=r"places\.csv:3"):
        read_places(bad)


def test_question_files_found() -> None:
    assert all(p.suffix == ".rq" and p.is_file() for p in question_files().values())
