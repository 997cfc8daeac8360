"""The taxonomy and its crosswalk as open data: SKOS (Turtle, JSON-LD) through rdflib, and CSV.

Every concept's address is its page on the platform (``base`` is the absolute address of the principles list), so a
reader of the SKOS file can follow it back. Whether a principle's article or a convention's ratification is
confirmed by a source is kept in an editorial note; an unconfirmed fact says so in the note, in every language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext as _
from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from tripartite.languages import LANGUAGES

from .models import Convention, Principle, SdgTarget

FORMATS = {"ttl": ("turtle", "text/turtle; charset=utf-8"), "jsonld": ("json-ld", "application/ld+json"),
           "csv": ("csv", "text/csv; charset=utf-8")}


def ratification_text(convention: Convention) -> str:
    """"Ratified (2000)", "Not established — unverified", in the current language."""
    status = str(convention.get_ratified_display())
    when = convention.ratified_on.isoformat() if convention.ratified_on else (
        str(convention.ratified_year) if convention.ratified_year else "")
    line = f"{status} ({when})" if when else status
    if not convention.ratification_verified:
        line = _("%(status)s — not confirmed by a source") % {"status": line}
    return line


def _labels(graph: Graph, subject: URIRef, predicate: URIRef, obj: object, field: str) -> None:
    for lang in LANGUAGES:
        value = getattr(obj, f"{field}_{lang}", "")
        if value:
            graph.add((subject, predicate, Literal(value, lang=lang)))


def skos_graph(base: str, principles: Iterable[Principle], conventions: Iterable[Convention],
               targets: Iterable[SdgTarget]) -> Graph:
    ns = Namespace(base)
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dcterms", DCTERMS)
    schemes = {"principles": URIRef(base + "#principles"), "conventions": URIRef(base + "#conventions"),
               "sdg": URIRef(base + "#sdg")}
    titles = {"principles": "Labour Code principles", "conventions": "ILO conventions", "sdg": "SDG targets"}
    for key, scheme in schemes.items():
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
        for lang in LANGUAGES:
            with translation.override(lang):
                graph.add((scheme, SKOS.prefLabel, Literal(_(titles[key]), lang=lang)))
    for c in conventions:
        uri = ns[f"conventions/{c.code}/"]
        graph.add((uri, RDF.type, SKOS.Concept))
        graph.add((uri, SKOS.inScheme, schemes["conventions"]))
        graph.add((uri, SKOS.topConceptOf, schemes["conventions"]))
        graph.add((uri, SKOS.notation, Literal(c.code)))
        _labels(graph, uri, SKOS.prefLabel, c, "title")
        for lang in LANGUAGES:
            with translation.override(lang):
                graph.add((uri, SKOS.scopeNote, Literal(_("Ratification by the country: %(status)s") % {
                    "status": ratification_text(c)}, lang=lang)))
        if c.source_url:
            graph.add((uri, DCTERMS.source, URIRef(c.source_url)))
        if c.source_note:
            graph.add((uri, SKOS.editorialNote, Literal(c.source_note, lang="en")))
    for t in targets:
        uri = URIRef(f"{base}#sdg-{t.code}")
        graph.add((uri, RDF.type, SKOS.Concept))
        graph.add((uri, SKOS.inScheme, schemes["sdg"]))
        graph.add((uri, SKOS.topConceptOf, schemes["sdg"]))
        graph.add((uri, SKOS.notation, Literal(t.code)))
        _labels(graph, uri, SKOS.prefLabel, t, "title")
    for p in principles:
        uri = ns[f"{p.code}/"]
        graph.add((uri, RDF.type, SKOS.Concept))
        graph.add((uri, SKOS.inScheme, schemes["principles"]))
        graph.add((uri, SKOS.topConceptOf, schemes["principles"]))
        graph.add((uri, SKOS.notation, Literal(p.code)))
        _labels(graph, uri, SKOS.prefLabel, p, "name")
        _labels(graph, uri, SKOS.definition, p, "summary")
        _labels(graph, uri, DCTERMS.source, p, "source_title")
        if p.source_url:
            graph.add((uri, DCTERMS.source, URIRef(p.source_url)))
        if p.source_note:
            graph.add((uri, SKOS.editorialNote, Literal(p.source_note, lang="en")))
        for c in p.conventions.all():
            graph.add((uri, SKOS.relatedMatch, ns[f"conventions/{c.code}/"]))
        for t in p.sdg_targets.all():
            graph.add((uri, SKOS.relatedMatch, URIRef(f"{base}#sdg-{t.code}")))
    return graph


def skos(base: str, fmt: str) -> str:
    """The whole taxonomy as SKOS in ``fmt`` ("ttl" or "jsonld")."""
    graph = skos_graph(base, Principle.objects.prefetch_related("conventions", "sdg_targets"),
                       Convention.objects.all(), SdgTarget.objects.all())
    return graph.serialize(format=FORMATS[fmt][0])


CSV_COLUMNS = (
    "principle", "number", *[f"name_{lang}" for lang in LANGUAGES], "article", "article_verified", "target_type",
    "target", *[f"target_title_{lang}" for lang in LANGUAGES], "ratification", "ratified_on", "ratified_year",
    "ratification_verified", "source",
)


def crosswalk_csv() -> str:
    """One row per link of the crosswalk (a principle and a convention, or a principle and an SDG target)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for p in Principle.objects.prefetch_related("conventions", "sdg_targets"):
        head = [p.code, p.number, *[getattr(p, f"name_{lang}") for lang in LANGUAGES], p.article,
                "yes" if p.article_verified else "no"]
        for c in p.conventions.all():
            writer.writerow([*head, "convention", c.code, *[getattr(c, f"title_{lang}") for lang in LANGUAGES],
                             c.ratified, c.ratified_on.isoformat() if c.ratified_on else "", c.ratified_year or "",
                             "yes" if c.ratification_verified else "no", c.source_url])
        for t in p.sdg_targets.all():
            writer.writerow([*head, "sdg_target", t.code, *[getattr(t, f"title_{lang}") for lang in LANGUAGES],
                             "", "", "", "", ""])
    return out.getvalue()
