"""The taxonomy and crosswalk as SKOS (Turtle, JSON-LD) and CSV: they parse back and say what is unverified."""

from __future__ import annotations

import csv
import io
from typing import Any

from rdflib import RDF, SKOS, Graph, Literal, URIRef

from tripartite.principles.models import Principle

BASE = "http://testserver/principles/"


def _graph(content: bytes, fmt: str) -> Graph:
    graph = Graph()
    graph.parse(data=content.decode("utf-8"), format=fmt)
    return graph


def _check(graph: Graph) -> None:
    scheme = URIRef(BASE + "#principles")
    principles = set(graph.subjects(SKOS.inScheme, scheme))
    assert len(principles) == 11 and (scheme, RDF.type, SKOS.ConceptScheme) in graph
    p09 = URIRef(BASE + "P09/")
    labels = {label.language for label in graph.objects(p09, SKOS.prefLabel)}
    assert labels == {"kk", "ru", "en"}
    assert (p09, SKOS.relatedMatch, URIRef(BASE + "conventions/C087/")) in graph
    assert (p09, SKOS.relatedMatch, URIRef(BASE + "#sdg-8.8")) in graph
    assert (p09, SKOS.notation, Literal("P09")) in graph
    assert any("UNCONFIRMED" in str(note) for note in graph.objects(p09, SKOS.editorialNote))
    c144 = URIRef(BASE + "conventions/C144/")
    notes = [str(n) for n in graph.objects(c144, SKOS.scopeNote) if n.language == "en"]
    assert notes == ["Ratification by the country: Not established — not confirmed by a source"]


def test_the_turtle_export_parses_back_with_rdflib(client: Any, db: Any) -> None:
    response = client.get("/principles/export.ttl")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/turtle")
    _check(_graph(response.content, "turtle"))


def test_the_json_ld_export_parses_back_with_rdflib(client: Any, db: Any) -> None:
    response = client.get("/api/v1/principles/export/jsonld")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"
    _check(_graph(response.content, "json-ld"))


def test_the_csv_has_one_row_per_link_of_the_crosswalk(client: Any, db: Any) -> None:
    response = client.get("/principles/export.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    links = sum(p.conventions.count() + p.sdg_targets.count() for p in Principle.objects.all())
    assert len(rows) == links
    c131 = next(r for r in rows if r["target"] == "C131")
    assert (c131["principle"], c131["ratification"], c131["ratified_on"], c131["ratification_verified"]) == (
        "P06", "ratified", "2025-10-20", "yes")
    assert {r["article_verified"] for r in rows} == {"no"}


def test_an_unknown_format_is_404(client: Any, db: Any, api: Any) -> None:
    assert client.get("/principles/export.xml").status_code == 404
    assert api().get("principles/export/xml")[0] == 422
