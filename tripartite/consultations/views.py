"""Pages of the consultations app: thin views that parse a form, call one service or query, and render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tripartite.commissions.models import Commission
from tripartite.core.i18n import current_language
from tripartite.core.pages import (
    SignInRequired,
    confirm_page,
    delete_page,
    deny,
    form_page,
    permit,
    refusal_text,
    submit,
)
from tripartite.core.policy import Action, can, visible
from tripartite.core.views import history_page, paginate
from tripartite.partners.models import Organisation

from . import access, exports, measures, queries, services
from .forms import (
    CloseForm,
    DraftEditForm,
    DraftFilterForm,
    DraftForm,
    DraftTextFields,
    MeetingLinkForm,
    PositionForm,
    PublishForm,
    ReferralForm,
    ReplyForm,
)
from .models import DraftAct, DraftVersion, Position, Referral, Reply

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def _texts(data: dict[str, Any]) -> tuple[dict[str, str], str]:
    """The version's text per language (a Word or PDF file wins over pasted text) and the uploaded files' names."""
    texts, names = {}, []
    for code in LANGUAGE_CODES:
        upload = data.pop(f"file_{code}", None)
        pasted = data.pop(f"text_{code}", "") or ""
        if upload is not None:
            texts[code] = services.text_of_upload(upload.read(), upload.name, code)
            names.append(upload.name)
        else:
            texts[code] = pasted
    return texts, ", ".join(names)


def _drafters_for(user: Any) -> Any:
    if not user.is_authenticated:
        return Organisation.objects.none()
    ids = [o.pk for o in Organisation.objects.all() if can(user, Action.CREATE, o, kind=DraftAct)]
    return Organisation.objects.filter(pk__in=ids)


def _commissions_for(user: Any) -> Any:
    ids = [c.pk for c in Commission.objects.select_related("secretariat") if can(user, Action.CREATE, c, kind=Referral)]
    return Commission.objects.filter(pk__in=ids)


# Lists -------------------------------------------------------------------------------------------------------


def consultation_list(request: HttpRequest) -> HttpResponse:
    filter_form = DraftFilterForm(request.GET)
    page = paginate(request, queries.draft_list(user=request.user, **filter_form.filters()))
    return render(request, "consultations/list.html", {
        "open_rows": queries.open_referrals(request.user), "filter_form": filter_form, "page_obj": page,
        "may_create": request.user.is_authenticated and _drafters_for(request.user).exists(),
    })


def my_consultations(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return deny(request)
    return render(request, "consultations/mine.html", {"rows": queries.open_referrals(request.user, only_mine=True)})


# Drafts ------------------------------------------------------------------------------------------------------


def draft_create(request: HttpRequest) -> HttpResponse:
    drafters = _drafters_for(request.user)
    if not request.user.is_authenticated or not drafters.exists():
        return deny(request)
    form = DraftForm(request.POST or None, request.FILES or None, drafters=drafters)

    def create(data: dict[str, Any]) -> DraftAct:
        texts, names = _texts(data)
        return services.draft_create(by=request.user, texts=texts, source_name=names, **data)

    created = submit(request, form, create)
    if created is not None:
        count = created.latest_version().articles.count()
        messages.success(request, ngettext("The draft was registered with %(count)s article.",
                                           "The draft was registered with %(count)s articles.", count) % {
            "count": count})
        return redirect("consultations:draft", pk=created.pk)
    return form_page(request, form, title=_("New draft act"), back_url=reverse("consultations:list"),
                     submit=_("Register"), intro=_("Paste the text or upload a Word file in each language you have; "
                                                   "a language left out is shown as missing, never translated."))


def draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draft = queries.draft_for(request.user, pk)
    versions = list(queries.versions_with_articles(draft))
    if not versions:
        raise Http404
    try:
        number = int(request.GET.get("version", versions[-1].number))
    except ValueError:
        number = versions[-1].number
    shown = next((v for v in versions if v.number == number), versions[-1])
    user = request.user
    referrals = [queries.referral_row(r) for r in draft.referrals.select_related("commission", "version")]
    return render(request, "consultations/draft.html", {
        "object": draft, "versions": versions, "shown": shown, "referrals": referrals,
        "text_languages": settings.LANGUAGES,
        "may_change": can(user, Action.CHANGE, draft) and draft.is_open,
        "may_delete": can(user, Action.DELETE, draft),
        "may_history": can(user, Action.VIEW_HISTORY, draft),
        "may_add_version": can(user, Action.CREATE, draft, kind=DraftVersion) and draft.is_open,
        "may_refer": draft.is_open and _commissions_for(user).exists(),
    })


def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = queries.draft_for(request.user, pk)
    permit(request, Action.CHANGE, draft)
    form = DraftEditForm(request.POST or None, instance=draft)
    if submit(request, form, lambda data: services.draft_update(draft=draft, by=request.user, data=data)):
        messages.success(request, _("The changes were saved."))
        return redirect("consultations:draft", pk=pk)
    return form_page(request, form, title=_("Edit the draft"), back_url=reverse("consultations:draft", args=[pk]),
                     submit=_("Save"))


def draft_delete(request: HttpRequest, pk: int) -> HttpResponse:
    draft = queries.draft_for(request.user, pk)
    permit(request, Action.DELETE, draft)
    return delete_page(request, obj=draft, delete=lambda: services.draft_delete(draft=draft, by=request.user),
                       title=_("Delete the draft"), back_url=reverse("consultations:draft", args=[pk]),
                       done_url=reverse("consultations:list"), done=_("The draft was deleted."))


def draft_history(request: HttpRequest, pk: int) -> HttpResponse:
    draft = queries.draft_for(request.user, pk)
    return history_page(request, draft, back_url=reverse("consultations:draft", args=[pk]))


def version_add(request: HttpRequest, pk: int) -> HttpResponse:
    draft = queries.draft_for(request.user, pk)
    permit(request, Action.CREATE, draft, kind=DraftVersion)
    form = DraftTextFields(request.POST or None, request.FILES or None)

    def add(data: dict[str, Any]) -> DraftVersion:
        texts, names = _texts(data)
        return services.version_add(draft=draft, by=request.user, texts=texts, source_name=names, **data)

    version = submit(request, form, add)
    if version is not None:
        messages.success(request, _("Version %(number)s was added.") % {"number": version.number})
        return redirect(reverse("consultations:diff", args=[pk]) + f"?from={version.number - 1}&to={version.number}")
    return form_page(request, form, title=_("New version of %(draft)s") % {"draft": draft},
                     back_url=reverse("consultations:draft", args=[pk]), submit=_("Add the version"),
                     intro=_("The earlier versions and the positions on them stay as they are."))


def version_diff(request: HttpRequest, pk: int) -> HttpResponse:
    draft = queries.draft_for(request.user, pk)
    latest = draft.latest_version()
    if latest is None:
        raise Http404
    try:
        new_number = int(request.GET.get("to", latest.number))
        old_number = int(request.GET.get("from", new_number - 1))
    except ValueError:
        raise Http404 from None
    old, new = queries.version_for(draft, old_number), queries.version_for(draft, new_number)
    lang = current_language()
    changes = queries.version_diff(old, new, (lang,))
    return render(request, "consultations/diff.html", {
        "object": draft, "old": old, "new": new, "lang": lang, "versions": draft.versions.all(),
        "changes": [(c, c.segments.get(lang, [])) for c in changes],
        "changed_only": request.GET.get("all") != "1",
    })


def draft_close(request: HttpRequest, pk: int) -> HttpResponse:
    draft = queries.draft_for(request.user, pk)
    permit(request, Action.CHANGE, draft)
    form = CloseForm(request.POST or None)
    if submit(request, form, lambda data: services.draft_close(draft=draft, by=request.user, **data)):
        messages.success(request, _("The outcome was recorded; the consultation is closed."))
        return redirect("consultations:draft", pk=pk)
    return form_page(request, form, title=_("Record the outcome of %(draft)s") % {"draft": draft},
                     back_url=reverse("consultations:draft", args=[pk]), submit=_("Record"),
                     intro=_("Once the draft is adopted or withdrawn, no position can be added."))


# Referrals ---------------------------------------------------------------------------------------------------


def refer(request: HttpRequest, pk: int) -> HttpResponse:
    draft = queries.draft_for(request.user, pk)
    commissions = _commissions_for(request.user)
    if not commissions.exists():
        return deny(request)
    form = ReferralForm(request.POST or None, commissions=commissions)
    referral = submit(request, form, lambda data: services.referral_create(draft=draft, by=request.user, **data))
    if referral is not None:
        messages.success(request, _("The draft was referred to %(commission)s.") % {"commission": referral.commission})
        return redirect("consultations:referral", pk=referral.pk)
    return form_page(request, form, title=_("Refer %(draft)s to a commission") % {"draft": draft},
                     back_url=reverse("consultations:draft", args=[pk]), submit=_("Refer"),
                     intro=_("The deadline is counted in working days on the national calendar from the day of "
                             "referral."))


def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = queries.referral_for(request.user, pk)
    row = queries.referral_row(referral)
    positions = queries.positions_of(request.user, referral)
    position_list = list(positions) if positions is not None else []
    user = request.user
    may_reply = can(user, Action.CREATE, referral.draft, kind=Reply)
    entries = queries.positions_by_article(referral, position_list)
    late = {p.pk for p in position_list if queries.is_late(p, row.deadline)}
    editable = {p.pk for p in position_list if not p.is_withdrawn and can(user, Action.CHANGE, p)}
    historians = {p.pk for p in position_list if can(user, Action.VIEW_HISTORY, p)}
    return render(request, "consultations/referral.html", {
        "object": referral, "row": row, "draft": referral.draft, "entries": entries,
        "may_read": positions is not None, "late": late, "editable": editable, "historians": historians, "may_reply": may_reply,
        "may_speak": referral.draft.is_open and bool(access.speaking_rights(user, referral)),
        "may_publish": can(user, Action.CHANGE, referral) and not referral.published,
        "may_link": can(user, Action.CHANGE, referral),
        "may_history": can(user, Action.VIEW_HISTORY, referral),
        "text_languages": settings.LANGUAGES, "lang": current_language(),
    })


def referral_publish(request: HttpRequest, pk: int) -> HttpResponse:
    referral = queries.referral_for(request.user, pk)
    permit(request, Action.CHANGE, referral)
    form = PublishForm(request.POST or None)
    if submit(request, form, lambda data: services.referral_publish(referral=referral, by=request.user, **data)):
        messages.success(request, _("The draft and the positions are now public."))
        return redirect("consultations:referral", pk=pk)
    return form_page(request, form, title=_("Publish the positions"), back_url=reverse("consultations:referral", args=[pk]),
                     submit=_("Publish"), intro=_("Anyone will be able to read the draft and every position on it."))


def referral_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    referral = queries.referral_for(request.user, pk)
    permit(request, Action.CHANGE, referral)
    initial = {"agenda_item": referral.agenda_item_id, "decision": referral.decision_id,
               "commission_stance": referral.commission_stance}
    form = MeetingLinkForm(request.POST or None, commission=referral.commission, initial=initial)
    if submit(request, form, lambda data: services.referral_link_meeting(referral=referral, by=request.user, **data)):
        messages.success(request, _("The commission's consideration of the draft was recorded."))
        return redirect("consultations:referral", pk=pk)
    return form_page(request, form, title=_("The commission's meeting on %(draft)s") % {"draft": referral.draft},
                     back_url=reverse("consultations:referral", args=[pk]), submit=_("Save"),
                     intro=_("The agenda item that considered the draft, and the decision that records the "
                             "commission's view of it."))


def referral_history(request: HttpRequest, pk: int) -> HttpResponse:
    referral = queries.referral_for(request.user, pk)
    return history_page(request, referral, back_url=reverse("consultations:referral", args=[pk]))


def _table_language(request: HttpRequest) -> str:
    lang = request.GET.get("lang") or current_language()
    if lang not in LANGUAGE_CODES:
        raise Http404
    return lang


def _table_positions(request: HttpRequest, referral: Referral) -> list[Position]:
    positions = queries.positions_of(request.user, referral)
    if positions is None:
        if not request.user.is_authenticated:
            raise SignInRequired
        raise PermissionDenied
    return list(positions)


def table_docx(request: HttpRequest, pk: int) -> HttpResponse:
    referral = queries.referral_for(request.user, pk)
    lang = _table_language(request)
    data = exports.table_docx(referral, _table_positions(request, referral), lang)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="consultation-{referral.pk}-{lang}.docx"'
    return response


def table_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    referral = queries.referral_for(request.user, pk)
    lang = _table_language(request)
    data = exports.table_xlsx(referral, _table_positions(request, referral), lang)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="consultation-{referral.pk}-{lang}.xlsx"'
    return response


# Positions and replies ---------------------------------------------------------------------------------------


def _speaker_choices(user: Any, referral: Referral) -> list[tuple[str, str]]:
    from tripartite.commissions.rules import side_name

    choices = []
    for side, org, coordinates in access.speaking_rights(user, referral):
        choices.append((f"{side}:{org.pk}:0", _("%(organisation)s (%(side)s)") % {"organisation": org,
                                                                                   "side": side_name(side)}))
        if coordinates:
            choices.append((f"{side}:{org.pk}:1", _("The whole %(side)s side, as its coordinator %(organisation)s") % {
                "side": side_name(side), "organisation": org}))
    return choices


def position_add(request: HttpRequest, pk: int) -> HttpResponse:
    referral = queries.referral_for(request.user, pk)
    speakers = _speaker_choices(request.user, referral)
    if not speakers:
        return deny(request)
    back = reverse("consultations:referral", args=[pk])
    latest = referral.draft.latest_version()
    articles = latest.articles.all() if latest else referral.version.articles.all()
    initial = {"article": request.GET.get("article")} if request.GET.get("article") else None
    form = PositionForm(request.POST or None, speakers=speakers, articles=articles, initial=initial)

    def add(data: dict[str, Any]) -> Position:
        side, org_id, whole = data.pop("speaker").split(":")
        organisation = get_object_or_404(Organisation, pk=int(org_id))
        return services.position_add(referral=referral, by=request.user, organisation=organisation, side=side,
                                     for_side=whole == "1", **data)

    position = submit(request, form, add)
    if position is not None:
        if queries.is_late(position, queries.referral_row(referral).deadline):
            messages.warning(request, _("The position was recorded. It came after the deadline and is marked late."))
        else:
            messages.success(request, _("The position was recorded."))
        return redirect(back + f"#position-{position.pk}")
    return form_page(request, form, title=_("Give a position on %(draft)s") % {"draft": referral.draft},
                     back_url=back, submit=_("Submit the position"),
                     intro=_("An amendment needs the proposed wording, an objection its reasons."))


def _position(request: HttpRequest, pk: int) -> Position:
    position = get_object_or_404(Position.objects.select_related("referral__draft", "organisation"), pk=pk)
    referral = queries.referral_for(request.user, position.referral_id)
    if queries.positions_of(request.user, referral) is None:
        raise Http404
    return position


def position_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    position = _position(request, pk)
    permit(request, Action.CHANGE, position)
    back = reverse("consultations:referral", args=[position.referral_id])
    if request.method == "POST":
        try:
            services.position_withdraw(position=position, by=request.user)
        except services.DomainError as exc:
            return confirm_page(request, title=_("Withdraw the position"), back_url=back, obj=position,
                                error=refusal_text(exc))
        messages.success(request, _("The position was withdrawn; it stays on record."))
        return redirect(back)
    return confirm_page(request, title=_("Withdraw the position"), back_url=back, obj=position,
                        what=_("The position stays on record, marked withdrawn."), submit_label=_("Withdraw"))


def position_history(request: HttpRequest, pk: int) -> HttpResponse:
    position = _position(request, pk)
    return history_page(request, position, back_url=reverse("consultations:referral", args=[position.referral_id]))


def reply(request: HttpRequest, pk: int) -> HttpResponse:
    position = _position(request, pk)
    permit(request, Action.CREATE, position.referral.draft, kind=Reply)
    back = reverse("consultations:referral", args=[position.referral_id]) + f"#position-{position.pk}"
    existing = Reply.objects.filter(position=position).first()
    form = ReplyForm(request.POST or None, instance=existing)
    saved = submit(request, form, lambda data: services.reply_save(position=position, by=request.user, **data))
    if saved is not None:
        messages.success(request, _("The reply was recorded."))
        return redirect(back)
    return form_page(request, form, title=_("Reply to %(position)s") % {"position": position}, back_url=back,
                     submit=_("Save the reply"), intro=_("A rejection, even in part, needs its reason."))


def commission_consultations(request: HttpRequest, pk: int) -> HttpResponse:
    commission = get_object_or_404(visible(request.user, Commission.objects.all()), pk=pk)
    referrals = Referral.objects.filter(commission=commission).filter(
        Q(draft__in=queries.visible_drafts(request.user))).select_related("draft", "version", "commission")
    return render(request, "consultations/commission.html", {
        "commission": commission, "rows": [queries.referral_row(r) for r in referrals],
        "years": measures.commission_years(request.user, commission, timezone.localdate())})
