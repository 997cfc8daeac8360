"""The review queue: a signed file read into stored suggestions, and each suggestion accepted, corrected or rejected.

Only an accepted or corrected suggestion becomes a clause with its parameters, through the agreements services
(the same checks and audit trail as a clause typed by hand); favourability findings are computed from the clauses,
so they follow at once. Dispute-procedure periods are shown to the reviewer but are not clause parameters, so they
do not become parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tripartite.agreements import rules
from tripartite.agreements import services as agreement_services
from tripartite.agreements.models import Agreement, Clause, CodingBatch, CodingSuggestion, Decision
from tripartite.core import writes
from tripartite.core.errors import Conflict
from tripartite.core.policy import Action

from . import services


class AlreadyDecided(Conflict):
    """The suggestion was decided before (by this reviewer in another tab, or by another one)."""


@transaction.atomic
def batch_create(*, agreement: Agreement, by: Any, upload: Any) -> CodingBatch:
    """Read the uploaded PDF or DOCX, cut it into articles and store the suggestion for each one."""
    writes.require(by, Action.CHANGE, agreement)
    text = services.read_upload(upload)
    on = agreement.reference_date or timezone.localdate()
    suggestions = [(article, services.suggest(article.text, on=on)) for article in services.segment_text(text)]
    batch = CodingBatch(agreement=agreement, file_name=(getattr(upload, "name", "") or "")[:255], created_by=by,
                        model_version=suggestions[0][1].model if suggestions else "")
    writes.save(batch, by)
    CodingSuggestion.objects.bulk_create([
        CodingSuggestion(
            batch=batch, number=article.number[:20], text=article.text, lang=s.lang,
            topics=[[code, round(score, 4)] for code, score in s.topics],
            parameters=[{"key": p.key, "value": str(p.value), "unit": p.unit, "text": p.text, "via": p.via}
                        for p in s.parameters],
            confidence=s.topics[0][1] if s.topics else 0.0, model_version=s.model)
        for article, s in suggestions
    ])
    return batch


def clause_parameters(suggestion: CodingSuggestion) -> dict[str, Decimal]:
    """The suggested values of the pack's clause parameters (dispute periods left out)."""
    return {p["key"]: Decimal(p["value"]) for p in suggestion.parameters if rules.parameter(p["key"]) is not None}


def _locked(suggestion: CodingSuggestion) -> CodingSuggestion:
    locked = CodingSuggestion.objects.select_for_update(of=("self",)).select_related("batch__agreement").get(
        pk=suggestion.pk)
    if locked.decision != Decision.PENDING:
        raise AlreadyDecided(_("This suggestion was already decided (%(decision)s)."), field="decision",
                             params={"decision": locked.get_decision_display()})
    return locked


def _decided(suggestion: CodingSuggestion, by: Any, decision: str, clause: Clause | None) -> None:
    suggestion.decision = decision
    suggestion.decided_by = by
    suggestion.decided_at = timezone.now()
    suggestion.clause = clause
    writes.save(suggestion, by)


def _add_clause(suggestion: CodingSuggestion, by: Any, topic: str, parameters: Mapping[str, Decimal]) -> Clause:
    return agreement_services.clause_add(
        by=by, agreement=suggestion.batch.agreement, number=suggestion.number, topic=topic,
        parameters=parameters, **{f"text_{suggestion.lang}": suggestion.text})


@transaction.atomic
def suggestion_accept(*, suggestion: CodingSuggestion, by: Any) -> Clause:
    """The suggestion as it stands becomes a clause: the top topic and the suggested parameter values."""
    suggestion = _locked(suggestion)
    writes.require(by, Action.CHANGE, suggestion.batch.agreement)
    clause = _add_clause(suggestion, by, suggestion.topic, clause_parameters(suggestion))
    _decided(suggestion, by, Decision.ACCEPTED, clause)
    return clause


@transaction.atomic
def suggestion_correct(*, suggestion: CodingSuggestion, by: Any, topic: str,
                       parameters: Mapping[str, Any]) -> Clause:
    """The reviewer's topic and parameter values (``{key: number or text}``; empty ones dropped) become a clause."""
    suggestion = _locked(suggestion)
    writes.require(by, Action.CHANGE, suggestion.batch.agreement)
    clause = _add_clause(suggestion, by, topic, agreement_services.parse_parameters(parameters))
    _decided(suggestion, by, Decision.CORRECTED, clause)
    return clause


@transaction.atomic
def suggestion_reject(*, suggestion: CodingSuggestion, by: Any) -> None:
    """The article is not coded as a clause."""
    suggestion = _locked(suggestion)
    writes.require(by, Action.CHANGE, suggestion.batch.agreement)
    _decided(suggestion, by, Decision.REJECTED, None)
