"""Facts -> RDF quads: the one place vietkg writes RDF.

Each article becomes one named graph holding the article node (PROV-O provenance), every fact
extracted from it and the evidence (sentence and character offsets) of each. Entity IRIs
(people, bodies, documents, clusters, memberships) derive from normalised content, so the same
article ingested twice yields the same quads and two articles about one body share its node.
"""

from __future__ import annotations

import contextlib
import hashlib
from datetime import UTC, datetime

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from vietkg.ingest.model import (
    EXTRACTOR_VERSION,
    ClusterFact,
    Doc,
    DocumentFact,
    Evidence,
    OrgRef,
    PartialDate,
)
from vietkg.ontology.terms import (
    DCT,
    ELI,
    FOAF,
    ORG,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    VKG,
    XSD,
    graph_iri,
    id_iri,
)
from vietkg.ontology.text import canon, code_slug, fold, slug
from vietkg.ontology.vocab import (
    BODY_TYPE,
    CLUSTER_ROLE,
    DOC_KIND,
    EVENT_KIND,
    EVENT_KIND_CLASS,
    IMPL_MODE,
    PART,
    POST,
    TENURE_CHANGE,
    vocab_iri,
)

Term = NamedNode | BlankNode | Literal

BODY_CLASS = {
    "party-committee": VKG.PartyCommittee,
    "party-board": VKG.PartyBoard,
    "people-council": VKG.PeopleCouncil,
    "people-committee": VKG.PeopleCommittee,
}


def article_key(source: str) -> str:
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]


def article_graph(source: str) -> NamedNode:
    return graph_iri(article_key(source))


def lit(value: str, lang: str | None = None) -> Literal:
    return Literal(value, language=lang) if lang else Literal(value)


def typed(value: str, dtype: str) -> Literal:
    return Literal(value, datatype=XSD[dtype])


def document_key(fact: DocumentFact, doc: Doc) -> str:
    """Issuer, kind, term or year, number: party numbers restart per kind in each term."""
    code = fact.issuer_code.upper()
    issuer = code_slug(code)
    if code.endswith(("QU", "HU", "ĐU", "TXU")) and doc.context.district:
        issuer += "-" + slug(doc.context.district)
    if code.endswith(("TU", "QU", "HU", "ĐU", "TXU")) and doc.context.province:
        issuer += "-" + slug(doc.context.province)
    period = str(fact.year) if fact.year else (slug(fact.term) if fact.term else "")
    parts = [issuer, code_slug(fact.kind)] + ([period] if period else []) + [str(fact.number)]
    return "/".join(parts)


class _Writer:
    """Collects the quads of one article graph."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.source = doc.article.source
        self.h = article_key(self.source)
        self.g = graph_iri(self.h)
        self.article = id_iri("article", self.h)
        self.quads: list[Quad] = []
        self._seen_orgs: set[str] = set()
        self.province = slug(doc.context.province or "viet-nam")

    def add(self, s: NamedNode | BlankNode, p: NamedNode, o: Term) -> None:
        self.quads.append(Quad(s, p, o, self.g))

    def label(self, node: NamedNode, text: str) -> None:
        self.add(node, RDFS.label, lit(text, "vi"))
        self.add(node, VKG.normLabel, lit(fold(text)))

    def evidence(self, node: NamedNode, ev: Evidence) -> NamedNode:
        e = id_iri("evidence", self.h, f"{ev.start}-{ev.end}")
        self.add(node, VKG.evidence, e)
        self.add(e, RDF.type, VKG.Evidence)
        self.add(e, VKG.inArticle, self.article)
        self.add(e, VKG.quote, lit(ev.sentence, "vi"))
        self.add(e, VKG.startOffset, typed(str(ev.start), "integer"))
        self.add(e, VKG.endOffset, typed(str(ev.end), "integer"))
        return e

    def date(self, node: NamedNode, d: PartialDate | None, main: NamedNode | None = None) -> None:
        if d is None:
            return
        self.add(node, VKG.dateText, lit(d.text))
        self.add(node, VKG.datePrecision, lit(d.precision))
        self.add(node, VKG.earliest, typed(d.earliest.isoformat(), "date"))
        self.add(node, VKG.latest, typed(d.latest.isoformat(), "date"))
        if main is not None:
            dtype = {"day": "date", "month": "gYearMonth", "year": "gYear"}[d.precision]
            self.add(node, main, typed(d.text, dtype))

    # -- entities -------------------------------------------------------------------------
    def org(self, ref: OrgRef) -> NamedNode:
        node = id_iri("org", slug(ref.label))
        if ref.label in self._seen_orgs:
            return node
        self._seen_orgs.add(ref.label)
        self.add(node, RDF.type, ORG.Organization)
        if ref.body_type in ("party-board", "office", "unit"):
            self.add(node, RDF.type, ORG.OrganizationalUnit)
        if ref.body_type in BODY_CLASS:
            self.add(node, RDF.type, BODY_CLASS[ref.body_type])
        self.add(node, SKOS.prefLabel, lit(ref.label, "vi"))
        self.label(node, ref.label)
        if ref.written and canon(ref.written) != ref.label:
            self.add(node, SKOS.altLabel, lit(canon(ref.written), "vi"))
        self.add(node, VKG.bodyType, vocab_iri(BODY_TYPE, ref.body_type))
        if ref.parent is not None:
            parent = self.org(ref.parent)
            rel = ORG.unitOf if ref.body_type in ("party-board", "office", "unit") else ORG.subOrganizationOf
            self.add(node, rel, parent)
        return node

    def person(self, name: str) -> NamedNode:
        name = canon(name)
        node = id_iri("person", f"{slug(name)}--{self.province}")
        self.add(node, RDF.type, FOAF.Person)
        self.add(node, FOAF.name, lit(name))
        self.label(node, name)
        return node

    def document(self, fact: DocumentFact) -> NamedNode:
        node = id_iri("doc", document_key(fact, self.doc))
        self.add(node, RDF.type, ELI.LegalResource)
        self.add(node, ELI.id_local, lit(fact.symbol))
        self.add(node, ELI.number, lit(str(fact.number)))
        self.add(node, VKG.kindCode, lit(fact.kind))
        self.add(node, VKG.issuerCode, lit(fact.issuer_code))
        self.add(node, ELI.type_document, vocab_iri(DOC_KIND, fact.kind))
        self.label(node, fact.symbol)
        if fact.issuer is not None:
            self.add(node, ELI.passed_by, self.org(fact.issuer))
        if fact.date is not None:
            if fact.date.precision == "day":
                self.add(node, ELI.date_document, typed(fact.date.text, "date"))
            self.date(node, fact.date)
        if fact.term:
            self.add(node, VKG.term, lit(fact.term))
        if fact.title:
            self.add(node, ELI.title, lit(fact.title, "vi"))
        return node

    def cluster(self, fact: ClusterFact) -> NamedNode:
        owner = slug(fact.organiser.label) if fact.organiser else self.province
        node = id_iri("cluster", owner, str(fact.number))
        self.add(node, RDF.type, ORG.OrganizationalCollaboration)
        self.add(node, RDF.type, VKG.EmulationCluster)
        self.add(node, VKG.clusterNumber, typed(str(fact.number), "integer"))
        label = f"Cụm thi đua số {fact.number}"
        if fact.organiser:
            label += f" – {fact.organiser.label}"
            self.add(node, VKG.organisedBy, self.org(fact.organiser))
        self.add(node, SKOS.prefLabel, lit(label, "vi"))
        self.label(node, label)
        return node


def _article(w: _Writer) -> None:
    a, art = w.article, w.doc.article
    w.add(a, RDF.type, VKG.Article)
    w.add(a, RDF.type, PROV.Entity)
    w.add(a, RDF.type, SCHEMA.NewsArticle)
    w.add(a, VKG.sourceUrl, lit(art.source))
    if art.source.startswith(("http://", "https://", "file:")):
        with contextlib.suppress(ValueError):  # not every URL is a valid IRI
            w.add(a, SCHEMA.url, NamedNode(art.source))
    if art.title:
        w.add(a, DCT.title, lit(canon(art.title), "vi"))
    if art.site:
        w.add(a, VKG.site, lit(art.site))
    if art.author:
        w.add(a, VKG.byline, lit(canon(art.author)))
    if art.display_date:
        w.add(a, VKG.displayDate, typed(art.display_date, "date"))
    w.add(a, VKG.contentHash, lit(art.content_hash))
    w.add(a, VKG.extractorVersion, lit(EXTRACTOR_VERSION))
    if art.retrieved:
        w.add(a, PROV.generatedAtTime, typed(art.retrieved, "dateTime"))
    if w.doc.context.province:
        w.add(a, VKG.jurisdiction, lit(w.doc.context.province))
    w.add(w.g, PROV.wasDerivedFrom, a)


def _people(w: _Writer) -> None:
    for f in w.doc.facts.people:
        w.evidence(w.person(f.name), f.evidence)


def _roles(w: _Writer) -> None:
    for i, f in enumerate(w.doc.facts.roles):
        obs = id_iri("obs", w.h, str(i))
        person = w.person(f.name)
        w.add(obs, RDF.type, VKG.PostObservation)
        w.add(obs, RDF.type, ORG.Membership)
        w.add(obs, ORG.member, person)
        role = vocab_iri(POST, f.post)
        w.add(role, SKOS.prefLabel, lit(canon(f.post), "vi"))
        w.add(obs, ORG.role, role)
        if f.org is not None:
            org = w.org(f.org)
            w.add(obs, ORG.organization, org)
            post = id_iri("post", f"{slug(f.post)}--{slug(f.org.label)}")
            w.add(post, RDF.type, ORG.Post)
            w.add(post, ORG.postIn, org)
            w.add(post, ORG.role, role)
            w.add(post, SKOS.prefLabel, lit(f"{canon(f.post)}, {f.org.label}", "vi"))
            w.add(obs, VKG.post, post)
        w.add(obs, VKG.titleAsWritten, lit(canon(f.title), "vi"))
        w.add(obs, VKG.former, typed("true" if f.former else "false", "boolean"))
        if f.change:
            w.add(obs, VKG.change, vocab_iri(TENURE_CHANGE, f.change))
        w.add(obs, VKG.observedIn, w.article)
        w.date(obs, f.date)
        w.evidence(obs, f.evidence)


def _documents(w: _Writer) -> dict[str, NamedNode]:
    nodes: dict[str, NamedNode] = {}
    for i, f in enumerate(w.doc.facts.documents):
        node = w.document(f)
        nodes.setdefault(f.symbol, node)
        cit = id_iri("citation", w.h, str(i))
        w.add(cit, RDF.type, VKG.Citation)
        w.add(cit, VKG.document, node)
        w.add(cit, VKG.inArticle, w.article)
        w.add(w.article, DCT.references, node)
        w.evidence(cit, f.evidence)
    return nodes


def _events(w: _Writer, docs: dict[str, NamedNode]) -> None:
    for i, f in enumerate(w.doc.facts.events):
        ev = id_iri("event", w.h, str(i))
        w.add(ev, RDF.type, SCHEMA.Event)
        for kind in f.kinds:
            w.add(ev, RDF.type, EVENT_KIND_CLASS.get(kind, SCHEMA.Event))
            w.add(ev, VKG.eventKind, vocab_iri(EVENT_KIND, kind))
        w.add(ev, SCHEMA.name, lit(canon(f.label), "vi"))
        w.label(ev, f.label)
        w.add(ev, VKG.inArticle, w.article)
        w.date(ev, f.date, SCHEMA.startDate)
        if f.organizer is not None:
            w.add(ev, SCHEMA.organizer, w.org(f.organizer))
        if f.location:
            w.add(ev, SCHEMA.location, lit(canon(f.location), "vi"))
        for symbol in f.about:
            if symbol in docs:
                w.add(ev, SCHEMA.about, docs[symbol])
        w.evidence(ev, f.evidence)
        for j, a in enumerate(f.attendees):
            role = id_iri("event", w.h, str(i), "attendee", str(j))
            w.add(ev, SCHEMA.attendee, role)
            w.add(role, RDF.type, SCHEMA.Role)
            w.add(role, SCHEMA.attendee, w.person(a.name))
            w.add(role, SCHEMA.roleName, lit(a.part, "vi"))
            w.add(role, VKG.part, vocab_iri(PART, a.part))
            w.add(role, VKG.titleAsWritten, lit(canon(a.title), "vi"))
            w.evidence(role, a.evidence)


def _clusters(w: _Writer) -> dict[int, NamedNode]:
    nodes: dict[int, NamedNode] = {}
    for f in w.doc.facts.clusters:
        cl = w.cluster(f)
        nodes.setdefault(f.number, cl)
        w.evidence(cl, f.evidence)
        year = str(f.year) if f.year else "unknown"
        for m in f.members:
            org = w.org(m.org)
            ms = id_iri("membership", *cl.value.split("/id/cluster/")[1].split("/"), year, slug(m.org.label))
            w.add(ms, RDF.type, VKG.ClusterMembership)
            w.add(ms, RDF.type, ORG.Membership)
            w.add(ms, ORG.member, org)
            w.add(ms, ORG.organization, cl)
            w.add(ms, VKG.clusterRole, vocab_iri(CLUSTER_ROLE, m.role))
            if f.year:
                w.add(ms, VKG.year, typed(str(f.year), "gYear"))
                w.date(ms, PartialDate(str(f.year)))
            w.evidence(ms, m.evidence)
    return nodes


def _implementations(w: _Writer, docs: dict[str, NamedNode], clusters: dict[int, NamedNode]) -> None:
    for i, f in enumerate(w.doc.facts.implementations):
        if f.symbol not in docs:
            continue
        node = id_iri("impl", w.h, str(i))
        unit = w.org(f.unit)
        w.add(node, RDF.type, VKG.Implementation)
        w.add(node, RDF.type, PROV.Activity)
        w.add(node, VKG.unit, unit)
        w.add(node, PROV.wasAssociatedWith, unit)
        w.add(node, VKG.document, docs[f.symbol])
        w.add(node, PROV.used, docs[f.symbol])
        w.add(node, VKG.mode, vocab_iri(IMPL_MODE, f.mode))
        w.add(node, VKG.inArticle, w.article)
        w.date(node, f.date)
        if f.via_cluster is not None and f.via_cluster in clusters:
            w.add(node, VKG.viaCluster, clusters[f.via_cluster])
        w.evidence(node, f.evidence)
    for link in w.doc.facts.doc_links:
        if link.source in docs and link.target in docs:
            rel = VKG.implementsDocument if link.relation == "implements" else ELI.based_on
            w.add(docs[link.source], rel, docs[link.target])


def to_quads(doc: Doc, retrieved: datetime | None = None) -> list[Quad]:
    """All quads of one article's named graph."""
    if retrieved is not None and not doc.article.retrieved:
        doc.article.retrieved = retrieved.astimezone(UTC).isoformat(timespec="seconds")
    w = _Writer(doc)
    _article(w)
    _people(w)
    _roles(w)
    docs = _documents(w)
    _events(w, docs)
    clusters = _clusters(w)
    _implementations(w, docs, clusters)
    return _dedupe(w.quads)


def _dedupe(quads: list[Quad]) -> list[Quad]:
    seen: set[Quad] = set()
    out: list[Quad] = []
    for q in quads:
        if q not in seen:
            seen.add(q)
            out.append(q)
    return out

