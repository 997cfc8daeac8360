"""Pages of the surveys app (collection): campaigns, invitations, the questionnaire editor, the respondent's form.

The respondent's form is one server-rendered page in the chosen language, without JavaScript; it is checked by
`services.validate_answers` (the same check as the API and the importer) and stored by `services.submit_response`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tripartite.core.errors import DomainError
from tripartite.core.pages import delete_page, deny, permit, refusal_text, save_page, submit
from tripartite.core.policy import Action, can
from tripartite.core.throttle import client_address
from tripartite.core.views import history_page, paginate
from tripartite.languages import LANGUAGES
from tripartite.surveys.collect import queries, services
from tripartite.surveys.collect.forms import (
    CampaignFilterForm,
    CampaignForm,
    IntroForm,
    InvitationsForm,
    OptionForm,
    QuestionForm,
    QuestionnaireForm,
)
from tripartite.surveys.models import (
    LANGUAGE_CHOICES,
    Campaign,
    Option,
    Question,
    QuestionnaireVersion,
    Response,
)


def _write_page(
    request: HttpRequest, form: forms.BaseForm, call: Callable[[dict[str, Any]], Any], *, done: str,
    next_url: Callable[[Any], str], title: str, back_url: str, submit_label: str, context: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page of one write: a valid form runs `call` and goes on to `next_url(result)` saying `done`; else the
    form is shown (again, with the service's refusal on it)."""
    return save_page(
        request, form, call,
        done=done, done_url=lambda result: next_url(result), title=title, back_url=back_url,
        submit=submit_label, context=context,
    )


def _post_action(request: HttpRequest, back: str, call: Callable[[], Any], success: str) -> HttpResponse:
    try:
        call()
    except (ValidationError, DomainError) as exc:
        messages.error(request, refusal_text(exc))
    else:
        if success:
            messages.success(request, success)
    return redirect(back)


def _results_url(campaign: Campaign) -> str:
    return reverse("surveys:results", args=[campaign.slug])


def respond_url(request: HttpRequest, campaign: Campaign, **params: str) -> str:
    """The absolute link of the respondent's form, with query parameters (lang, i, ref)."""
    query = urlencode({k: v for k, v in params.items() if v})
    path = reverse("surveys:respond", args=[campaign.slug]) + (f"?{query}" if query else "")
    return request.build_absolute_uri(path)


# Campaigns ---------------------------------------------------------------------------------------------------


def campaign_list(request: HttpRequest) -> HttpResponse:
    filter_form = CampaignFilterForm(request.GET)
    page = paginate(request, queries.campaign_list(user=request.user, **filter_form.filters()))
    user = request.user
    may_create = user.is_authenticated and queries.manageable_owners(user).exists()
    return render(request, "surveys/list.html", {
        "filter_form": filter_form, "page_obj": page, "may_create": may_create,
        "today": timezone.localdate(),
    })


def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = queries.campaign_for(request.user, slug)
    user = request.user
    may_manage = queries.may_manage(user, campaign)
    links = [(code, name, respond_url(request, campaign, lang=code)) for code, name in LANGUAGE_CHOICES
             if code in campaign.languages]
    return render(request, "surveys/campaign_detail.html", {
        "object": campaign, "stats": queries.campaign_stats(campaign) if may_manage or queries.may_see_results(
            user, campaign) else None,
        "state": campaign.state(), "links": links, "questions": campaign.version.ordered_questions(),
        "may_manage": may_manage,
        "may_history": can(user, Action.VIEW_HISTORY, campaign),
        "results_url": _results_url(campaign) if queries.may_see_results(user, campaign) else "",
        "demo_banner": True,
    })


def _campaign_form(request: HttpRequest, campaign: Campaign | None) -> CampaignForm:
    user = request.user
    versions = queries.usable_versions(user)
    if campaign is not None:
        versions = QuestionnaireVersion.objects.filter(
            Q(pk__in=versions.values("pk")) | Q(pk=campaign.version_id)
        ).select_related("questionnaire")
    return CampaignForm(request.POST or None, instance=campaign, owners=queries.manageable_owners(user),
                        versions=versions)


def _campaign_url(campaign: Campaign) -> str:
    return reverse("surveys:campaign", args=[campaign.slug])


def campaign_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated or not queries.manageable_owners(request.user).exists():
        return deny(request)
    services.ensure_builtin_template()
    form = _campaign_form(request, None)
    if request.method == "GET":
        form.initial.setdefault("opens_on", timezone.localdate())
    return _write_page(request, form, lambda data: services.campaign_create(by=request.user, **data),
                       done=_("The campaign was created."), next_url=_campaign_url,
                       title=_("New survey campaign"), back_url=reverse("surveys:list"), submit_label=_("Create"))


def campaign_edit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = queries.campaign_for(request.user, slug)
    permit(request, Action.CHANGE, campaign)
    form = _campaign_form(request, campaign)
    return _write_page(request, form, lambda data: services.campaign_update(campaign=campaign, by=request.user, data=data),
                       done=_("The changes were saved."), next_url=_campaign_url,
                       title=_("Edit %(name)s") % {"name": campaign}, back_url=_campaign_url(campaign),
                       submit_label=_("Save"),
                       context={"history_url": reverse("surveys:campaign_history", args=[slug])})


def campaign_history(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = queries.campaign_for(request.user, slug)
    return history_page(request, campaign, back_url=reverse("surveys:campaign", args=[slug]))


def invitations(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = queries.campaign_for(request.user, slug)
    permit(request, Action.CHANGE, campaign)
    form = InvitationsForm(request.POST or None)
    created = submit(request, form, lambda data: services.invitations_generate(
        campaign=campaign, by=request.user, count=data["count"]))
    if created is not None:
        messages.success(request, _("%(n)s invitations were generated.") % {"n": len(created)})
        return redirect("surveys:invitations", slug=slug)
    page = paginate(request, campaign.invitations.order_by("-created_at", "-id"))
    rows = [(inv, respond_url(request, campaign, i=inv.token)) for inv in page.object_list]
    status = 422 if request.method == "POST" and form.errors else 200
    return render(request, "surveys/invitations.html", {
        "object": campaign, "form": form, "page_obj": page, "rows": rows, "stats": queries.campaign_stats(campaign),
    }, status=status)


def invitations_csv(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = queries.campaign_for(request.user, slug)
    permit(request, Action.CHANGE, campaign)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-invitations.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["token", "link", "created_at", "used_at"])
    for inv in campaign.invitations.order_by("created_at", "id").iterator():
        writer.writerow([
            inv.token, respond_url(request, campaign, i=inv.token),
            timezone.localtime(inv.created_at).isoformat(timespec="seconds"),
            timezone.localtime(inv.used_at).isoformat(timespec="seconds") if inv.used_at else "",
        ])
    return response


# The respondent's form ----------------------------------------------------------------------------------------


def _respondent_language(request: HttpRequest, campaign: Campaign) -> str:
    allowed = [code for code in LANGUAGES if code in (campaign.languages or [])] or ["ru"]
    for candidate in (request.GET.get("lang"), request.POST.get("lang"), getattr(request, "LANGUAGE_CODE", "")):
        if candidate and candidate in allowed:
            return candidate
    return allowed[0]


def _answers_from_post(request: HttpRequest, version: QuestionnaireVersion) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for spec in services.answer_schema(version):
        name = f"q_{spec.code}"
        if spec.kind == Question.Kind.MULTIPLE:
            answers[spec.code] = request.POST.getlist(name)
        else:
            answers[spec.code] = request.POST.get(name, "")
    return answers


def _default_values(version: QuestionnaireVersion) -> dict[str, Any]:
    """The questions' default answers as the form shows them (option names become option codes)."""
    values: dict[str, Any] = {}
    for question in version.ordered_questions():
        default = (question.default or "").strip()
        if not default or not question.takes_answer:
            continue
        if question.has_options:
            codes = {o.value_name: o.code for o in question.sorted_options()}
            chosen = [codes[name] for name in default.split() if name in codes]
            values[question.code] = chosen if question.kind == Question.Kind.MULTIPLE else (chosen or [None])[0]
        else:
            values[question.code] = default
    return values


def _form_questions(version: QuestionnaireVersion, values: dict[str, Any], errors: dict[str, str],
                    not_asked: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """The form's rows: calculated values are not shown, notes are only read, and after a check (or a refused
    submission) a question that is not asked shows only that it is not asked, unless it holds an answer."""
    rows = []
    number = 0
    for question in version.ordered_questions():
        if question.kind == Question.Kind.CALCULATE:
            continue
        number += 1
        value = values.get(question.code)
        if question.kind == Question.Kind.MULTIPLE:
            selected = {str(v) for v in (value or [])}
        else:
            selected = {str(value)} if value not in (None, "") else set()
        rows.append({
            "number": number, "question": question, "name": f"q_{question.code}",
            "options": [(o, str(o.code) in selected) for o in question.sorted_options()],
            "value": "" if value is None or isinstance(value, list) else value,
            "error": errors.get(question.code, ""),
            "not_asked": question.code in not_asked, "conditional": bool(question.relevance),
        })
    return rows


def _message_page(request: HttpRequest, campaign: Campaign, lang: str, *, title: str, text: str,
                  status: int) -> HttpResponse:
    return render(request, "surveys/respond_message.html", {
        "campaign": campaign, "title": title, "text": text, "lang": lang,
    }, status=status)


def respond(request: HttpRequest, slug: str) -> HttpResponse:
    """The respondent's form: GET shows it, POST stores the answers (or shows them again with messages)."""
    campaign = queries.public_campaign(slug)
    lang = _respondent_language(request, campaign)
    with translation.override(lang):
        request.LANGUAGE_CODE = lang
        return _respond(request, campaign, lang)


def _respond(request: HttpRequest, campaign: Campaign, lang: str) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    invitation = (source.get("i") or "").strip()
    referral = (source.get("ref") or "").strip()
    try:
        services.check_open(campaign)
    except DomainError as exc:
        return _message_page(request, campaign, lang, title=campaign.title, text=str(exc),
                             status=403 if request.method == "POST" else 200)
    if campaign.mode == Campaign.Mode.INVITATION:
        try:
            services.find_invitation(campaign, invitation)
        except DomainError as exc:
            return _message_page(request, campaign, lang, title=campaign.title, text=str(exc), status=exc.status)
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    not_asked: frozenset[str] = frozenset()
    token = services.new_idempotency_key()
    if request.method != "POST":
        values = _default_values(campaign.version)
    elif request.POST.get("check"):
        # "Check my answers": the server evaluates the conditions (the form works without JavaScript) and shows
        # which questions are asked, storing nothing.
        token = (request.POST.get("token") or "").strip()[:64] or token
        values = _answers_from_post(request, campaign.version)
        checked = services.check_answers(campaign.version, values)
        errors, not_asked = checked.errors, frozenset(checked.not_asked)
    else:
        if not services.register_attempt(client_address(request)):
            return _message_page(
                request, campaign, lang, title=_("Too many submissions"),
                text=_("Too many answers were sent from your connection in the last hour. Please try again later."),
                status=429,
            )
        token = (request.POST.get("token") or "").strip()[:64] or token
        values = _answers_from_post(request, campaign.version)
        not_asked = frozenset(services.check_answers(campaign.version, values).not_asked)
        try:
            response, _created = services.submit_response(
                campaign, values, idempotency_key=token, invitation=invitation or None, referral=referral or None,
                language=lang, source=Response.Source.FORM,
            )
        except ValidationError as exc:
            errors = {field: " ".join(str(m) for m in messages_) for field, messages_ in exc.message_dict.items()}
        except DomainError as exc:
            return _message_page(request, campaign, lang, title=campaign.title, text=str(exc), status=exc.status)
        else:
            url = reverse("surveys:thanks", args=[campaign.slug, response.referral_code])
            return redirect(f"{url}?{urlencode({'lang': lang})}")
    other_languages = [
        (code, name, "?" + urlencode({k: v for k, v in (("lang", code), ("i", invitation), ("ref", referral)) if v}))
        for code, name in LANGUAGE_CHOICES if code in campaign.languages and code != lang
    ]
    return render(request, "surveys/respond.html", {
        "campaign": campaign, "version": campaign.version, "lang": lang, "token": token,
        "invitation": invitation, "referral": referral, "questions": _form_questions(campaign.version, values, errors, not_asked),
        "errors": errors, "other_languages": other_languages,
        "conditional": any(q.relevance for q in campaign.version.ordered_questions()),
    }, status=422 if errors and not request.POST.get("check") else 200)


def thanks(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    campaign = queries.public_campaign(slug)
    response = Response.objects.filter(campaign=campaign, referral_code=code).only("pk", "referral_code").first()
    if response is None:
        raise Http404
    lang = _respondent_language(request, campaign)
    with translation.override(lang):
        request.LANGUAGE_CODE = lang
        referral_link = respond_url(request, campaign, ref=code) if campaign.is_snowball else ""
        return render(request, "surveys/thanks.html", {
            "campaign": campaign, "lang": lang, "referral_link": referral_link,
            "results_url": _results_url(campaign) if campaign.results_public else "",
        })


# Questionnaires ----------------------------------------------------------------------------------------------


def questionnaire_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, queries.questionnaire_rows(request.user))
    may_create = request.user.is_authenticated and queries.manageable_owners(request.user).exists()
    return render(request, "surveys/questionnaires.html", {"page_obj": page, "may_create": may_create})


def questionnaire_create(request: HttpRequest) -> HttpResponse:
    owners = queries.manageable_owners(request.user) if request.user.is_authenticated else None
    if owners is None or not owners.exists():
        return deny(request)
    services.ensure_builtin_template()
    form = QuestionnaireForm(request.POST or None, owners=owners, sources=queries.usable_versions(request.user))
    if request.method == "GET" and request.GET.get("copy_from", "").isdigit():
        form.initial["copy_from"] = int(request.GET["copy_from"])
    return _write_page(request, form, lambda data: services.questionnaire_create(by=request.user, **data),
                       done=_("The questionnaire was created with a draft version 1."),
                       next_url=lambda created: reverse("surveys:version", args=[created.code, 1]),
                       title=_("New questionnaire"), back_url=reverse("surveys:questionnaires"),
                       submit_label=_("Create"))


def questionnaire_detail(request: HttpRequest, code: str) -> HttpResponse:
    questionnaire = queries.questionnaire_for(request.user, code)
    latest = questionnaire.latest_version()
    if latest is None:
        raise Http404
    return redirect("surveys:version", code=code, number=latest.number)


def questionnaire_edit(request: HttpRequest, code: str) -> HttpResponse:
    questionnaire = queries.questionnaire_for(request.user, code)
    permit(request, Action.CHANGE, questionnaire)
    if questionnaire.is_template:
        raise PermissionDenied
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    back = reverse("surveys:questionnaire", args=[code])
    return _write_page(request, form, lambda data: services.questionnaire_update(
        questionnaire=questionnaire, by=request.user, data=data),
        done=_("The changes were saved."), next_url=lambda _saved: back,
        title=_("Edit %(name)s") % {"name": questionnaire}, back_url=back, submit_label=_("Save"),
        context={"history_url": reverse("surveys:questionnaire_history", args=[code])})


def questionnaire_history(request: HttpRequest, code: str) -> HttpResponse:
    questionnaire = queries.questionnaire_for(request.user, code)
    return history_page(request, questionnaire, back_url=reverse("surveys:questionnaire", args=[code]))


def version_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    questionnaire = queries.questionnaire_for(request.user, code)
    version = queries.version_of(questionnaire, number)
    may_change = not questionnaire.is_template and can(request.user, Action.CHANGE, questionnaire)
    return render(request, "surveys/version.html", {
        "questionnaire": questionnaire, "version": version, "questions": version.ordered_questions(),
        "versions": questionnaire.versions.order_by("number"),
        "may_change": may_change, "may_edit": may_change and not version.is_published,
        "may_copy": request.user.is_authenticated and queries.manageable_owners(request.user).exists(),
        "campaigns": queries.visible_campaigns(request.user).filter(version=version),
    })


@require_POST
def version_new(request: HttpRequest, code: str) -> HttpResponse:
    questionnaire = queries.questionnaire_for(request.user, code)
    permit(request, Action.CHANGE, questionnaire)
    try:
        draft = services.version_new_draft(questionnaire=questionnaire, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("surveys:questionnaire", code=code)
    return redirect("surveys:version", code=code, number=draft.number)


# The questionnaire editor: a version's introduction, questions and options, for those who may change it.


def _version(request: HttpRequest, code: str, number: int) -> QuestionnaireVersion:
    questionnaire = queries.questionnaire_for(request.user, code)
    version = queries.version_of(questionnaire, number)
    permit(request, Action.CHANGE, questionnaire)
    return version


def _question(request: HttpRequest, pk: int) -> Question:
    question = get_object_or_404(Question.objects.select_related("version__questionnaire"), pk=pk)
    permit(request, Action.CHANGE, queries.questionnaire_for(request.user, question.version.questionnaire.code))
    return question


def _option(request: HttpRequest, pk: int) -> Option:
    option = get_object_or_404(Option.objects.select_related("question__version__questionnaire"), pk=pk)
    permit(request, Action.CHANGE, queries.questionnaire_for(request.user, option.question.version.questionnaire.code))
    return option


def _version_url(version: QuestionnaireVersion) -> str:
    return reverse("surveys:version", args=[version.questionnaire.code, version.number])


def _question_url(question: Question) -> str:
    return _version_url(question.version) + f"#question-{question.pk}"


@require_POST
def version_publish(request: HttpRequest, code: str, number: int) -> HttpResponse:
    version = _version(request, code, number)
    return _post_action(request, _version_url(version),
                        lambda: services.version_publish(version=version, by=request.user),
                        _("Version %(n)s is published and can be used in campaigns.") % {"n": number})


def version_intro(request: HttpRequest, code: str, number: int) -> HttpResponse:
    version = _version(request, code, number)
    form = IntroForm(request.POST or None, instance=version)
    return _write_page(request, form, lambda data: services.version_update(version=version, by=request.user, data=data),
                       done=_("The changes were saved."), next_url=_version_url,
                       title=_("Introduction of %(name)s") % {"name": version}, back_url=_version_url(version),
                       submit_label=_("Save"))


def question_add(request: HttpRequest, code: str, number: int) -> HttpResponse:
    version = _version(request, code, number)
    form = QuestionForm(request.POST or None)
    return _write_page(request, form, lambda data: services.question_add(version=version, by=request.user, data=data),
                       done=_("The question was added."), next_url=_question_url,
                       title=_("Add a question to %(name)s") % {"name": version}, back_url=_version_url(version),
                       submit_label=_("Add question"))


def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    form = QuestionForm(request.POST or None, instance=question)
    return _write_page(request, form, lambda data: services.question_update(question=question, by=request.user, data=data),
                       done=_("The changes were saved."), next_url=_question_url,
                       title=_("Edit question %(code)s") % {"code": question.code}, back_url=_question_url(question),
                       submit_label=_("Save"))


@require_POST
def question_move(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    return _post_action(request, _question_url(question),
                        lambda: services.question_move(question=question, by=request.user, direction=direction), "")


def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    back = _version_url(question.version)
    return delete_page(request, obj=question, delete=lambda: services.question_delete(question=question, by=request.user),
                       title=_("Delete question %(code)s") % {"code": question.code}, back_url=back, done_url=back,
                       done=_("The question was deleted."))


def option_add(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    form = OptionForm(request.POST or None)
    return _write_page(request, form, lambda data: services.option_add(question=question, by=request.user, data=data),
                       done=_("The option was added."), next_url=lambda _added: _question_url(question),
                       title=_("Add an option to %(code)s") % {"code": question.code}, back_url=_question_url(question),
                       submit_label=_("Add option"))


def option_edit(request: HttpRequest, pk: int) -> HttpResponse:
    option = _option(request, pk)
    back = _question_url(option.question)
    form = OptionForm(request.POST or None, instance=option)
    return _write_page(request, form, lambda data: services.option_update(
        option=option, by=request.user, data={**data, "code": option.code if data["code"] is None else data["code"]}),
        done=_("The changes were saved."), next_url=lambda _saved: back,
        title=_("Edit option %(code)s") % {"code": option.code}, back_url=back, submit_label=_("Save"))


@require_POST
def option_move(request: HttpRequest, pk: int) -> HttpResponse:
    option = _option(request, pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    return _post_action(request, _question_url(option.question),
                        lambda: services.option_move(option=option, by=request.user, direction=direction), "")


def option_delete(request: HttpRequest, pk: int) -> HttpResponse:
    option = _option(request, pk)
    back = _question_url(option.question)
    return delete_page(request, obj=option, delete=lambda: services.option_delete(option=option, by=request.user),
                       title=_("Delete option %(code)s") % {"code": option.code}, back_url=back, done_url=back,
                       done=_("The option was deleted."))
