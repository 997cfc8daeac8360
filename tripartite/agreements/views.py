"""Pages of the agreements app: thin views that parse a form, call one service or query, and render."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tripartite.agreements import queries, rules, services
from tripartite.agreements.charts import bar_chart_svg
from tripartite.agreements.coding import review
from tripartite.agreements.forms import (
    AgreementFilterForm,
    AgreementForm,
    BargainingMemberForm,
    ClauseForm,
    CodingUploadForm,
    CommitmentForm,
    ComparisonForm,
    CoverageForm,
    DisputeProcedureForm,
    FulfilForm,
    PartyForm,
    PdfUploadForm,
    SuggestionCorrectForm,
)
from tripartite.agreements.models import (
    Agreement,
    AgreementParty,
    BargainingMember,
    Clause,
    CodingBatch,
    CodingSuggestion,
    Commitment,
    Decision,
    DisputeProcedureClause,
    Status,
    Topic,
)
from tripartite.agreements.rules import Kind
from tripartite.commissions import queries as commission_queries
from tripartite.core.errors import DomainError
from tripartite.core.i18n import in_languages
from tripartite.core.pages import delete_page, deny, form_page, permit, refusal_text, save_page, submit
from tripartite.core.policy import Action, can, may_see_unpublished
from tripartite.core.uploads import stored_file_response
from tripartite.core.views import history_page, paginate


def _today() -> date:
    return timezone.localdate()


def _changeable(request: HttpRequest, pk: int) -> Agreement:
    """The agreement, if the user may see it (else 404) and change it (else sign in, or 403)."""
    agreement = queries.agreement_for(request.user, pk)
    permit(request, Action.CHANGE, agreement)
    return agreement


def _detail_url(agreement: Agreement | int) -> str:
    pk = agreement if isinstance(agreement, int) else agreement.pk
    return reverse("agreements:detail", args=[pk])


# Register -----------------------------------------------------------------------------------------------------


def agreement_list(request: HttpRequest) -> HttpResponse:
    filter_form = AgreementFilterForm(request.GET)
    today = _today()
    page = paginate(request, queries.agreement_list(user=request.user, today=today, **filter_form.filters()))
    rows = [(a, a.status_on(today)) for a in page.object_list]
    labels = dict(Status.choices)
    may_create = request.user.is_authenticated and queries.owners_for(request.user).exists()
    query = request.GET.urlencode()
    return render(request, "agreements/list.html", {
        "filter_form": filter_form, "page_obj": page, "may_create": may_create, "query": query,
        "rows": [(a, labels[s]) for a, s in rows],
    })


def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The register as open data (CSV or JSON), with the same search and filters as the list."""
    filter_form = AgreementFilterForm(request.GET)
    today = _today()
    agreements = queries.agreement_list(user=request.user, today=today, **filter_form.filters()).prefetch_related(
        "sectors", "regions", "parties__organisation")
    header = ["id", "registration_number", "kind", "level", *in_languages("title"), "status", "signed_on",
              "effective_from", "effective_to", "employer", "sectors", "regions", "parties", "covered_employees",
              "document_sha256"]
    rows = [[
        a.pk, a.registration_number, a.kind, a.level, *(getattr(a, c) for c in in_languages("title")),
        a.status_on(today), a.signed_on.isoformat() if a.signed_on else "",
        a.effective_from.isoformat() if a.effective_from else "", a.effective_to.isoformat() if a.effective_to else "", a.employer.name if a.employer else "",
        " ".join(s.code for s in a.sectors.all()), " ".join(r.kato for r in a.regions.all()),
        "; ".join(f"{p.side}: {p.organisation.name}" for p in a.parties.all()),
        a.covered_employees if a.covered_employees is not None else "", a.document_sha256,
    ] for a in agreements]
    if fmt == "json":
        return JsonResponse({"agreements": [dict(zip(header, row, strict=True)) for row in rows]},
                            json_dumps_params={"ensure_ascii": False})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="agreements.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = queries.agreement_for(request.user, pk)
    today = _today()
    as_of = parse_date(request.GET.get("as_of", "") or "") if request.GET.get("as_of") else None
    detail = queries.agreement_detail(agreement=agreement, today=today)
    user = request.user
    procedure = DisputeProcedureClause.objects.filter(agreement=agreement).first()
    return render(request, "agreements/detail.html", {
        "object": agreement, "detail": detail, "today": today, "as_of": as_of,
        "clauses": queries.clauses_as_of(agreement, as_of),
        "parties": agreement.parties.select_related("organisation"),
        "members": agreement.bargaining_members.select_related("organisation"),
        "procedure": procedure,
        "procedure_days": _procedure_days(procedure, agreement.reference_date or today),
        "may_change": can(user, Action.CHANGE, agreement),
        "may_delete": can(user, Action.DELETE, agreement) and not agreement.registration_number,
        "may_history": can(user, Action.VIEW_HISTORY, agreement),
        "may_see_original": may_see_unpublished(user),
        "is_collective": agreement.kind == Kind.COLLECTIVE,
        "coding_batches": _coding_batches(agreement) if can(user, Action.CHANGE, agreement) else [],
    })


def _coding_batches(agreement: Agreement) -> list[tuple[CodingBatch, int]]:
    """The files read for coding, with how many of their articles still wait for review."""
    batches = agreement.coding_batches.annotate(
        waiting=Count("suggestions", filter=Q(suggestions__decision=Decision.PENDING)))
    return [(b, b.waiting) for b in batches]


def _procedure_days(procedure: DisputeProcedureClause | None, on: date) -> list[tuple[str, int, Any]]:
    """(deadline name, agreed days, statutory days) for the agreement's shorter deadlines."""
    rows = []
    for key, days in (procedure.deadline_days.items() if procedure else []):
        rule = rules.rule_on(key, on)
        rows.append((rules.in_language(rule.description) if rule else key, days, rule.value if rule else None))
    return rows


def agreement_create(request: HttpRequest) -> HttpResponse:
    owners = queries.owners_for(request.user)
    if not request.user.is_authenticated or not owners.exists():
        return deny(request)
    form = AgreementForm(request.POST or None, owners=owners)

    def create(data: dict[str, Any]) -> Agreement:
        return services.agreement_create(by=request.user, **data)

    return save_page(
        request, form, create,
        done=_("The agreement was registered."), done_url=_detail_url,
        title=_("New agreement"), back_url=reverse("agreements:list"), submit=_("Register the agreement"),
    )


def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _changeable(request, pk)
    form = AgreementForm(request.POST or None, instance=agreement)

    def update(data: dict[str, Any]) -> Agreement:
        sectors, regions = data.pop("sectors"), data.pop("regions")
        return services.agreement_update(agreement=agreement, by=request.user, data=data, sectors=sectors,
                                         regions=regions)

    return save_page(
        request, form, update,
        done=_("The agreement was saved."), done_url=_detail_url(agreement), title=_("Edit the agreement"),
        back_url=_detail_url(agreement), submit=_("Save"),
    )


def agreement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = queries.agreement_for(request.user, pk)
    permit(request, Action.DELETE, agreement)
    return delete_page(
        request, obj=agreement, delete=lambda: services.agreement_delete(agreement=agreement, by=request.user),
        title=_("Delete the agreement?"), back_url=_detail_url(agreement), done_url=reverse("agreements:list"),
        done=_("The agreement was deleted."),
    )


def agreement_history(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = queries.agreement_for(request.user, pk)
    return history_page(request, agreement, back_url=_detail_url(agreement))


# Parties and bargaining commission ---------------------------------------------------------------------------


def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _changeable(request, pk)
    form = PartyForm(request.POST or None)
    return save_page(
        request, form, lambda d: services.party_add(by=request.user, agreement=agreement, **d),
        done=_("The party was added."), done_url=_detail_url(agreement), title=_("Add a party"),
        back_url=_detail_url(agreement), submit=_("Add"),
    )


@require_POST
def party_remove(request: HttpRequest, party_id: int) -> HttpResponse:
    party = get_object_or_404(AgreementParty.objects.select_related("agreement"), pk=party_id)
    _changeable(request, party.agreement_id)
    back = _detail_url(party.agreement_id)
    return delete_page(request, obj=party, delete=lambda: services.party_remove(party=party, by=request.user),
                       title=_("Remove the party"), back_url=back, done_url=back, done=_("The party was removed."))


def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _changeable(request, pk)
    form = BargainingMemberForm(request.POST or None)
    return save_page(
        request, form, lambda d: services.bargaining_member_add(by=request.user, agreement=agreement, **d),
        done=_("The member was added to the bargaining commission."), done_url=_detail_url(agreement),
        title=_("Add a member of the bargaining commission"), back_url=_detail_url(agreement),
        submit=_("Add"),
    )


@require_POST
def member_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_object_or_404(BargainingMember.objects.select_related("agreement"), pk=member_id)
    _changeable(request, member.agreement_id)
    back = _detail_url(member.agreement_id)
    return delete_page(request, obj=member,
                       delete=lambda: services.bargaining_member_remove(member=member, by=request.user),
                       title=_("Remove the member"), back_url=back, done_url=back, done=_("The member was removed."))


# Clauses ---------------------------------------------------------------------------------------------------------


def clause_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _changeable(request, pk)
    next_number = str(agreement.clauses.count() + 1)
    form = ClauseForm(request.POST or None, initial={"number": next_number})

    def add(_data: dict[str, Any]) -> Clause:
        return services.clause_add(by=request.user, agreement=agreement, parameters=form.parameters(),
                                   **form.clause_data())

    return save_page(
        request, form, add,
        done=_("The clause was added."), done_url=_detail_url(agreement) + "#clauses",
        title=_("Add a clause"), back_url=_detail_url(agreement), submit=_("Add"),
        intro=_("Typed parameters are checked against the statutory floors and the higher-level agreements. "
                "Leave a parameter empty if the clause does not set it."),
    )


def clause_edit(request: HttpRequest, clause_id: int) -> HttpResponse:
    clause = get_object_or_404(Clause.objects.select_related("agreement"), pk=clause_id)
    agreement = _changeable(request, clause.agreement_id)
    initial: dict[str, Any] = {"number": clause.number, "topic": clause.topic,
                               **{column: getattr(clause, column) for column in in_languages("text")}}
    initial |= {f"param_{p.key}": p.value for p in clause.parameters.all()}
    form = ClauseForm(request.POST or None, initial=initial, amending=True)

    def amend(data: dict[str, Any]) -> Clause:
        return services.clause_amend(clause=clause, by=request.user, data=form.clause_data(),
                                     parameters=form.parameters(), reason=data.get("reason", ""))

    return save_page(
        request, form, amend,
        done=_("The clause was amended; the previous version stays in its history."),
        done_url=_detail_url(agreement) + "#clauses",
        title=_("Amend clause %(number)s") % {"number": clause.number}, back_url=_detail_url(agreement),
        submit=_("Save the amendment"),
        context={"history_url": reverse("agreements:clause_history", args=[clause.pk])},
    )


@require_POST
def clause_delete(request: HttpRequest, clause_id: int) -> HttpResponse:
    clause = get_object_or_404(Clause.objects.select_related("agreement"), pk=clause_id)
    _changeable(request, clause.agreement_id)
    back = _detail_url(clause.agreement_id) + "#clauses"
    return delete_page(request, obj=clause, delete=lambda: services.clause_delete(clause=clause, by=request.user),
                       title=_("Delete the clause"), back_url=back, done_url=back, done=_("The clause was deleted."))


def clause_history(request: HttpRequest, clause_id: int) -> HttpResponse:
    clause = get_object_or_404(queries.visible_clauses(request.user), pk=clause_id)
    return history_page(request, clause, back_url=_detail_url(clause.agreement_id))


# Commitments -----------------------------------------------------------------------------------------------------


def commitment_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _changeable(request, pk)
    form = CommitmentForm(request.POST or None)

    def add(data: dict[str, Any]) -> Commitment:
        done_on, evidence = data.pop("done_on"), data.pop("evidence")
        commitment = services.commitment_add(by=request.user, agreement=agreement, **data)
        if done_on:
            services.commitment_fulfil(commitment=commitment, by=request.user, done_on=done_on, evidence=evidence)
        return commitment

    return save_page(
        request, form, add,
        done=_("The commitment was added."), done_url=_detail_url(agreement) + "#commitments",
        title=_("Add a commitment"), back_url=_detail_url(agreement), submit=_("Add"),
    )


def commitment_edit(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment.objects.select_related("agreement"), pk=commitment_id)
    _changeable(request, commitment.agreement_id)
    form = CommitmentForm(request.POST or None, instance=commitment)
    return save_page(
        request, form, lambda d: services.commitment_update(commitment=commitment, by=request.user, data=d),
        done=_("The commitment was saved."), done_url=_detail_url(commitment.agreement_id) + "#commitments",
        title=_("Edit the commitment"), back_url=_detail_url(commitment.agreement_id), submit=_("Save"),
    )


def commitment_fulfil(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment.objects.select_related("agreement"), pk=commitment_id)
    _changeable(request, commitment.agreement_id)
    form = FulfilForm(request.POST or None, initial={"done_on": _today()})
    return save_page(
        request, form, lambda d: services.commitment_fulfil(commitment=commitment, by=request.user, **d),
        done=_("The commitment was marked as fulfilled."),
        done_url=_detail_url(commitment.agreement_id) + "#commitments", title=_("Record fulfilment"),
        back_url=_detail_url(commitment.agreement_id), submit=_("Save"), intro=str(commitment),
    )


def overdue(request: HttpRequest) -> HttpResponse:
    today = _today()
    page = paginate(request, queries.overdue_commitments(request.user, today))
    return render(request, "agreements/overdue.html", {
        "page_obj": page, "rows": queries.commitment_rows(page.object_list, today),
    })


def follow_up(request: HttpRequest) -> HttpResponse:
    """The General Agreement's commitments and the decisions of the commission that concluded it, side by side."""
    today = _today()
    sections = []
    for agreement in queries.general_agreements_in_force(request.user, today):
        decisions = []
        if agreement.commission_id:
            decisions = [commission_queries.DecisionRow(d, d.status_on(today)) for d in
                         commission_queries.decision_list(user=request.user, today=today,
                                                          commission=agreement.commission)]
        sections.append({
            "agreement": agreement,
            "commitments": queries.commitment_rows(agreement.commitments.select_related("responsible_organisation"),
                                                   today),
            "fulfilment": queries.fulfilment(agreement.commitments.all(), today),
            "decisions": decisions,
        })
    return render(request, "agreements/follow_up.html", {"sections": sections, "today": today})


# Dispute-procedure clause ----------------------------------------------------------------------------------------


def procedure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _changeable(request, pk)
    if agreement.kind != Kind.COLLECTIVE:
        raise Http404
    on = agreement.reference_date or _today()
    current = DisputeProcedureClause.objects.filter(agreement=agreement).first()
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {"conciliators": current.conciliators, "mediator": current.mediator,
                   "arbitration_rules": current.arbitration_rules}
        initial |= {f"days_{k}": v for k, v in current.deadline_days.items()}
    form = DisputeProcedureForm(request.POST or None, initial=initial, on=on)

    def save(data: dict[str, Any]) -> Any:
        return services.dispute_procedure_set(
            agreement=agreement, by=request.user, deadline_days=form.deadline_days(),
            conciliators=data["conciliators"].splitlines(), mediator=data["mediator"],
            arbitration_rules=data["arbitration_rules"])

    return save_page(
        request, form, save,
        done=_("The dispute procedure was saved."), done_url=_detail_url(agreement) + "#procedure",
        title=_("Dispute procedure of the collective agreement"), back_url=_detail_url(agreement),
        submit=_("Save"),
        intro=_("The parties may agree their own procedure for collective disputes: named conciliators or a "
                "mediator, shorter deadlines and arbitration rules. A deadline may only be shortened, never "
                "lengthened."),
    )


# Documents and filing --------------------------------------------------------------------------------------------


def _upload(request: HttpRequest, pk: int, *, public: bool) -> HttpResponse:
    agreement = _changeable(request, pk)
    form = PdfUploadForm(request.POST or None, request.FILES or None)
    call = services.public_copy_upload if public else services.document_upload

    def upload(data: dict[str, Any]) -> Agreement:
        try:
            return call(agreement=agreement, by=request.user, upload=data["file"])
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc

    if submit(request, form, upload) is not None:
        messages.success(request, _("The file was stored with its SHA-256 checksum."))
        return redirect(_detail_url(agreement) + "#document")
    title = _("Upload the redacted public copy") if public else _("Upload the signed document")
    intro = (_("A copy with personal names and signatures removed, published beside the signed original.")
             if public else _("The agreement as signed, as a PDF. Its SHA-256 checksum is stored to prove later "
                              "that the file was not changed."))
    return form_page(request, form, title=title, back_url=_detail_url(agreement), submit=_("Upload"),
                     intro=intro)


def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    return _upload(request, pk, public=False)


def public_copy_upload(request: HttpRequest, pk: int) -> HttpResponse:
    return _upload(request, pk, public=True)


def download(request: HttpRequest, pk: int, which: str) -> HttpResponseBase:
    """The redacted copy for anyone who may see the agreement; the signed original for role holders only."""
    agreement = queries.agreement_for(request.user, pk)
    if which == "original":
        if not may_see_unpublished(request.user):
            return deny(request)
        stored = agreement.document
    else:
        stored = agreement.public_copy
    return stored_file_response(stored, f"agreement-{agreement.pk}-{which}.pdf")


def file(request: HttpRequest, pk: int) -> HttpResponse:
    """The pre-filing checklist, and filing itself when nothing is missing."""
    agreement = _changeable(request, pk)
    missing = services.filing_checklist(agreement)
    error = ""
    if request.method == "POST":
        try:
            services.agreement_file(agreement=agreement, by=request.user)
            messages.success(request, _("The agreement was filed under number %(number)s.")
                             % {"number": Agreement.objects.get(pk=agreement.pk).registration_number})
            return redirect(_detail_url(agreement) + "#filing")
        except services.FilingIncomplete as exc:
            missing = exc.missing
            error = _("The agreement cannot be filed yet. Complete what is missing below.")
        except DomainError as exc:
            error = str(exc)
    topics, topics_rule = rules.mandatory_topics(agreement.reference_date or _today())
    return render(request, "agreements/file.html", {
        "object": agreement, "missing": missing, "error": error, "topics_rule": topics_rule,
    }, status=400 if error else 200)


def receipt(request: HttpRequest, party_id: int) -> HttpResponse:
    """The filing receipt for one party: printable, no JavaScript."""
    party = get_object_or_404(AgreementParty.objects.select_related("agreement", "organisation"), pk=party_id)
    agreement = queries.agreement_for(request.user, party.agreement_id)
    if not agreement.registration_number:
        raise Http404
    return render(request, "agreements/receipt.html", {"object": agreement, "party": party,
                                                       "parties": agreement.parties.select_related("organisation")})


# Findings, coverage, comparison ----------------------------------------------------------------------------------


def findings(request: HttpRequest) -> HttpResponse:
    rows = queries.agreements_with_findings(request.user, _today())
    return render(request, "agreements/findings.html", {"rows": rows})


def coverage(request: HttpRequest) -> HttpResponse:
    form = CoverageForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        if data["organisation"] or data["sector"] or data["region"]:
            result = queries.coverage(user=request.user, on=data["on"] or _today(), organisation=data["organisation"],
                                      sector=data["sector"], region=data["region"])
    return render(request, "agreements/coverage.html", {"form": form, "result": result})


def compare(request: HttpRequest) -> HttpResponse:
    form = ComparisonForm(request.GET or None)
    rows: list[queries.ComparisonRow] = []
    chart = ""
    floor_display = ""
    if request.GET and form.is_valid():
        data = form.cleaned_data
        today = _today()
        rows = queries.comparison(user=request.user, key=data["parameter"], today=today, sector=data["sector"],
                                  region=data["region"])
        spec = rules.parameter(data["parameter"])
        floor = rules.rule_on(spec.floor_rule, today) if spec and spec.floor_rule else None
        floor_value = (Decimal(floor.value) if floor is not None and floor.value is not None
                       and not isinstance(floor.value, (bool, str)) else None)
        if floor_value is not None and spec is not None:
            floor_display = rules.format_value(floor_value, spec.unit)
        label = rules.parameter_label(data["parameter"])
        chart = bar_chart_svg([(r.agreement.title, r.value, r.display) for r in rows], title=label,
                              floor=floor_value,
                              floor_label=_("statutory: %(value)s") % {"value": floor_display} if floor_display else "")
    return render(request, "agreements/compare.html", {
        "form": form, "rows": rows, "chart": mark_safe(chart),  # noqa: S308 - built from escaped parts
        "floor_display": floor_display,
    })



# Coding from the signed file -------------------------------------------------------------------------------------


def coding_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload the signed PDF or DOCX; its articles are stored as suggestions and the review queue opens."""
    agreement = _changeable(request, pk)
    form = CodingUploadForm(request.POST or None, request.FILES or None)
    return save_page(
        request, form, lambda d: review.batch_create(agreement=agreement, by=request.user, upload=d["file"]),
        done=lambda batch: _waiting_message(batch.suggestions.count()),
        done_url=lambda batch: reverse("agreements:coding_review", args=[batch.pk]),
        title=_("Code from the signed file"), back_url=_detail_url(agreement), submit=_("Read the file"),
        intro=_("The file is cut into articles; for each one the platform suggests a topic and the parameter "
                "values it sets. Nothing becomes a clause until you accept or correct it."),
    )


def _waiting_message(count: int) -> str:
    return ngettext("%(count)s article is waiting for review.", "%(count)s articles are waiting for review.",
                    count) % {"count": count}


def _batch_changeable(request: HttpRequest, batch_id: int) -> CodingBatch:
    batch = get_object_or_404(CodingBatch.objects.select_related("agreement"), pk=batch_id)
    batch.agreement = _changeable(request, batch.agreement_id)
    return batch


def _suggestion_changeable(request: HttpRequest, suggestion_id: int) -> CodingSuggestion:
    suggestion = get_object_or_404(CodingSuggestion.objects.select_related("batch"), pk=suggestion_id)
    suggestion.batch.agreement = _changeable(request, suggestion.batch.agreement_id)
    return suggestion


def _suggestion_row(s: CodingSuggestion) -> dict[str, Any]:
    labels = dict(Topic.choices)
    return {
        "suggestion": s,
        "topics": [(labels.get(code, code), Decimal(str(score)) * 100) for code, score in s.topics[:3]],
        "parameters": [{"label": rules.parameter_label(p["key"]) if rules.parameter(p["key"]) else p["key"],
                        "value": rules.format_value(Decimal(p["value"]), p["unit"]), "text": p["text"],
                        "clause": rules.parameter(p["key"]) is not None} for p in s.parameters],
    }


def coding_review(request: HttpRequest, batch_id: int) -> HttpResponse:
    """The queue of one file: the articles still waiting, least sure first, then those decided."""
    batch = _batch_changeable(request, batch_id)
    suggestions = list(batch.suggestions.select_related("clause"))
    waiting = [s for s in suggestions if s.decision == Decision.PENDING]
    decided = [s for s in suggestions if s.decision != Decision.PENDING]
    return render(request, "agreements/coding_review.html", {
        "batch": batch, "object": batch.agreement,
        "waiting": [_suggestion_row(s) for s in waiting], "decided": [_suggestion_row(s) for s in decided],
    })


def _decide(request: HttpRequest, suggestion: CodingSuggestion, call: Any, done: str) -> HttpResponse:
    try:
        call()
        messages.success(request, done)
    except (ValidationError, DomainError) as exc:
        messages.error(request, refusal_text(exc))
    return redirect(reverse("agreements:coding_review", args=[suggestion.batch_id]))


@require_POST
def suggestion_accept(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    suggestion = _suggestion_changeable(request, suggestion_id)
    return _decide(request, suggestion, lambda: review.suggestion_accept(suggestion=suggestion, by=request.user),
                   _("Article %(number)s was added as a clause.") % {"number": suggestion.number})


@require_POST
def suggestion_reject(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    suggestion = _suggestion_changeable(request, suggestion_id)
    return _decide(request, suggestion, lambda: review.suggestion_reject(suggestion=suggestion, by=request.user),
                   _("Article %(number)s was rejected; it does not become a clause.") % {"number": suggestion.number})


def suggestion_correct(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    """Choose another topic or edit the parameter values; the corrected article becomes a clause."""
    suggestion = _suggestion_changeable(request, suggestion_id)
    initial: dict[str, Any] = {"topic": suggestion.topic}
    initial |= {f"param_{key}": value for key, value in review.clause_parameters(suggestion).items()}
    form = SuggestionCorrectForm(request.POST or None, initial=initial)
    queue = reverse("agreements:coding_review", args=[suggestion.batch_id])
    return save_page(
        request, form,
        lambda d: review.suggestion_correct(suggestion=suggestion, by=request.user, topic=d["topic"],
                                            parameters=form.parameters()),
        done=_("Article %(number)s was corrected and added as a clause.") % {"number": suggestion.number},
        done_url=queue, title=_("Correct article %(number)s") % {"number": suggestion.number}, back_url=queue,
        submit=_("Save as a clause"), intro=suggestion.text,
    )
