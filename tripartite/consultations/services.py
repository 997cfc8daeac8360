"""Writes of the consultations app: one function per use case, each checked by the policy and run in a
transaction, so that a refused request leaves no trace."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tripartite.commissions.models import Commission
from tripartite.core import writes
from tripartite.core.errors import Conflict, DomainError, NotAllowed
from tripartite.core.i18n import in_languages
from tripartite.core.policy import Action
from tripartite.partners.models import Organisation

from . import access, articles
from .models import (
    Article,
    DraftAct,
    DraftVersion,
    Outcome,
    Position,
    Referral,
    Reply,
)

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


class DraftTextRefused(DomainError):
    """The text or file of a draft could not be cut into numbered articles; nothing was stored."""


class ConsultationClosed(Conflict):
    """The draft was adopted or withdrawn: the consultation is closed."""


class PositionRefused(NotAllowed):
    """The organisation may not speak for that side of that commission."""


DRAFT_FIELDS = ("kind", *in_languages("title"), "reference")
POSITION_FIELDS = ("stance", *in_languages("wording"), *in_languages("reasons"))
REPLY_FIELDS = ("verdict", *in_languages("reason"))


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


_TEXT_PROBLEMS = {
    "not_docx": _("The file for %(language)s is not a Word (.docx) document: save it as .docx and upload it again."),
    "not_pdf": _("The file for %(language)s is not a readable PDF document: check the file, or save it as .docx and "
                 "upload it again."),
    "pdf_no_text": _("The PDF for %(language)s has no text layer (a scan?): upload the .docx, or paste the text."),
    "empty": _("The text in %(language)s is empty."),
    "no_articles": _("No numbered articles or points were recognised in the text in %(language)s. Number them as "
                     "“Статья 1.”, “1-бап.”, “Article 1”, “1.”, “1)” or “п. 1”, one per line."),
}


def _refuse_text(code: str, language: str) -> DraftTextRefused:
    return DraftTextRefused(_TEXT_PROBLEMS[code], field=f"text_{language}", params={"language": _language_name(language)})


def text_of_docx(data: bytes, language: str) -> str:
    """The text of an uploaded Word file, refused with a message naming the language when it is not one."""
    try:
        return articles.docx_text(data)
    except articles.TextNotRecognised as exc:
        raise _refuse_text(exc.code, language) from exc


def text_of_pdf(data: bytes, language: str) -> str:
    """The text of an uploaded PDF file, refused with a message naming the language when it has none to read."""
    try:
        return articles.pdf_text(data)
    except articles.TextNotRecognised as exc:
        raise _refuse_text(exc.code, language) from exc


def text_of_upload(data: bytes, name: str, language: str) -> str:
    """The text of an uploaded Word or PDF file, chosen by the file's extension."""
    if (name or "").lower().endswith(".pdf"):
        return text_of_pdf(data, language)
    return text_of_docx(data, language)


@dataclass(frozen=True)
class MergedUnit:
    key: str
    kind: str
    headings: dict[str, str]
    texts: dict[str, str]


def merge_languages(texts: Mapping[str, str]) -> list[MergedUnit]:
    """The articles of the texts given (language → text), matched across languages by their number."""
    parsed: dict[str, list[articles.Unit]] = {}
    for code in LANGUAGE_CODES:
        text = (texts.get(code) or "").strip()
        if not text:
            continue
        try:
            parsed[code] = articles.split_units(text)
        except articles.TextNotRecognised as exc:
            raise _refuse_text(exc.code, code) from exc
    if not parsed:
        raise DraftTextRefused(_("Give the text of the draft in at least one language."), field="text_ru")
    order: list[str] = []
    merged: dict[str, MergedUnit] = {}
    for code in sorted(parsed, key=lambda c: -len(parsed[c])):
        for unit in parsed[code]:
            if unit.key not in merged:
                merged[unit.key] = MergedUnit(unit.key, unit.kind, {}, {})
                order.append(unit.key)
            merged[unit.key].headings[code] = unit.heading
            merged[unit.key].texts[code] = unit.text
    if articles.PREAMBLE in merged:
        order.remove(articles.PREAMBLE)
        order.insert(0, articles.PREAMBLE)
    return [merged[key] for key in order]


def _store_version(draft: DraftAct, by: Any, texts: Mapping[str, str], note: str, source_name: str) -> DraftVersion:
    units = merge_languages(texts)
    number = (draft.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DraftVersion(draft=draft, number=number, note=(note or "").strip()[:500],
                           source_name=(source_name or "")[:200])
    writes.save(version, by)
    Article.objects.bulk_create([
        Article(version=version, order=index, key=unit.key[:20], kind=unit.kind,
                **{f"heading_{c}": unit.headings.get(c, "")[:500] for c in LANGUAGE_CODES},
                **{f"text_{c}": unit.texts.get(c, "") for c in LANGUAGE_CODES})
        for index, unit in enumerate(units, start=1)
    ])
    return version


def _require_open(draft: DraftAct) -> None:
    if not draft.is_open:
        raise ConsultationClosed(_("The consultation on this draft is closed (%(outcome)s)."),
                                 params={"outcome": draft.get_outcome_display()})


def _received_at(at: datetime | None, not_before: date) -> datetime:
    """When a position or reply was given: now, or the moment of a letter recorded afterwards."""
    if at is None:
        return timezone.now()
    if at > timezone.now():
        raise DomainError(_("A position or reply cannot be dated in the future."), field="at")
    if timezone.localdate(at) < not_before:
        raise DomainError(_("It cannot be dated before the day it answers (%(date)s)."),
                          params={"date": not_before.isoformat()}, field="at")
    return at


# Drafts and versions ------------------------------------------------------------------------------------------


@transaction.atomic
def draft_create(*, by: Any, drafter: Organisation, kind: str, texts: Mapping[str, str], note: str = "",
                 source_name: str = "", **fields: Any) -> DraftAct:
    """Register a draft of `drafter` with its first version, cut into articles from `texts` (language → text).

    `fields`: the titles (`title_kk`, `title_ru`, `title_en`) and `reference`. A text with no recognisable
    articles refuses the whole draft.
    """
    writes.require(by, Action.CREATE, drafter, kind=DraftAct)
    draft = DraftAct(drafter=drafter, kind=kind, published=False)
    writes.apply_changes(draft, fields, DRAFT_FIELDS)
    writes.save(draft, by)
    _store_version(draft, by, texts, note, source_name)
    return draft


@transaction.atomic
def draft_update(*, draft: DraftAct, by: Any, data: Mapping[str, Any]) -> DraftAct:
    draft = DraftAct.objects.select_for_update().get(pk=draft.pk)
    writes.require(by, Action.CHANGE, draft)
    writes.apply_changes(draft, data, DRAFT_FIELDS, required=("kind",))
    writes.save(draft, by)
    return draft


@transaction.atomic
def draft_delete(*, draft: DraftAct, by: Any) -> None:
    """Delete a draft that was never referred; a referred draft is withdrawn instead, so its record stays."""
    writes.require(by, Action.DELETE, draft)
    if draft.referrals.exists():
        raise Conflict(_("This draft was referred to a commission and cannot be deleted; record it as withdrawn "
                         "instead."))
    writes.delete(draft, by)


@transaction.atomic
def version_add(*, draft: DraftAct, by: Any, texts: Mapping[str, str], note: str = "",
                source_name: str = "") -> DraftVersion:
    """A new version of an open draft; the earlier versions, and the positions on them, stay as they were."""
    draft = DraftAct.objects.select_for_update().get(pk=draft.pk)
    writes.require(by, Action.CREATE, draft, kind=DraftVersion)
    _require_open(draft)
    return _store_version(draft, by, texts, note, source_name)


@transaction.atomic
def draft_close(*, draft: DraftAct, by: Any, outcome: str, outcome_on: date, act_number: str = "",
                act_url: str = "", note: str = "") -> DraftAct:
    """Record that the draft was adopted (number, date, link) or withdrawn; this closes every consultation on it."""
    draft = DraftAct.objects.select_for_update().get(pk=draft.pk)
    writes.require(by, Action.CHANGE, draft)
    _require_open(draft)
    if outcome not in (Outcome.ADOPTED, Outcome.WITHDRAWN):
        raise DomainError(_("Choose adopted or withdrawn."), field="outcome")
    draft.outcome, draft.outcome_on, draft.outcome_note = outcome, outcome_on, (note or "").strip()
    draft.act_number = (act_number or "").strip() if outcome == Outcome.ADOPTED else ""
    draft.act_url = (act_url or "").strip() if outcome == Outcome.ADOPTED else ""
    writes.save(draft, by)
    return draft


# Referrals ----------------------------------------------------------------------------------------------------


@transaction.atomic
def referral_create(*, draft: DraftAct, by: Any, commission: Commission, referred_on: date,
                    period_days: int | None = None, version: DraftVersion | None = None) -> Referral:
    """Refer an open draft (its latest version unless another is named) to a commission, by its secretariat."""
    writes.require(by, Action.CREATE, commission, kind=Referral)
    draft = DraftAct.objects.select_for_update().get(pk=draft.pk)
    _require_open(draft)
    version = version or draft.latest_version()
    if version is None:
        raise Conflict(_("The draft has no text yet."))
    if draft.referrals.filter(commission=commission).exists():
        raise Conflict(_("The draft was already referred to this commission."), field="commission")
    referral = Referral(draft=draft, commission=commission, version=version, referred_on=referred_on,
                        period_days=period_days or None)
    writes.save(referral, by)
    return referral


@transaction.atomic
def referral_publish(*, referral: Referral, by: Any, published_on: date) -> Referral:
    """The commission publishes the consultation: the draft and the sides' positions become public."""
    referral = Referral.objects.select_for_update().select_related("draft", "commission").get(pk=referral.pk)
    writes.require(by, Action.CHANGE, referral)
    if referral.published_on is not None:
        raise Conflict(_("The positions were already published on %(date)s."),
                       params={"date": referral.published_on.isoformat()})
    if published_on > timezone.localdate():
        raise DomainError(_("The positions cannot be published on a future date."), field="published_on")
    referral.published_on = published_on
    writes.save(referral, by)
    draft = referral.draft
    if not draft.published:
        draft.published = True
        writes.save(draft, by)
    return referral


@transaction.atomic
def referral_link_meeting(*, referral: Referral, by: Any, agenda_item: Any = None, decision: Any = None,
                          commission_stance: str = "") -> Referral:
    """The commission's secretariat records the agenda item that considered the draft and the decision that
    records the commission's view of it (supports, supports with the amendments in the table, does not support)."""
    referral = Referral.objects.select_for_update().select_related("commission").get(pk=referral.pk)
    writes.require(by, Action.CHANGE, referral)
    referral.agenda_item, referral.decision = agenda_item, decision
    referral.commission_stance = commission_stance or ""
    writes.save(referral, by)
    return referral


# Positions ----------------------------------------------------------------------------------------------------


@transaction.atomic
def position_add(*, referral: Referral, by: Any, organisation: Organisation, side: str, stance: str,
                 for_side: bool = False, article: Article | None = None, at: datetime | None = None,
                 **fields: Any) -> Position:
    """Record a position of `organisation` under its `side` (for the whole side if `for_side`), on an article or
    on the draft as a whole. After the deadline it is accepted and shown as late; after the outcome, refused.

    `fields`: `wording_kk/ru/en` (proposed wording) and `reasons_kk/ru/en`. `at`: when a position sent by letter
    arrived (now unless given; never in the future, never before the referral).
    """
    referral = Referral.objects.select_related("draft", "commission").get(pk=referral.pk)
    DraftAct.objects.select_for_update().get(pk=referral.draft_id)  # serialise with closing the draft
    _require_open(referral.draft)
    writes.require(by, Action.CREATE, organisation, kind=Position)
    rights = {(s, org.pk): coordinates for s, org, coordinates in access.speaking_rights(by, referral)}
    if (side, organisation.pk) not in rights:
        raise PositionRefused(_("%(organisation)s has no seat on this side of %(commission)s and cannot give its "
                                "position here."),
                              field="organisation", params={"organisation": organisation, "commission": referral.commission})
    if for_side and not rights[(side, organisation.pk)]:
        raise PositionRefused(_("Only the side's coordinator (an organisation holding the chair, co-chair or "
                                "coordinator seat) gives the position of the whole side."), field="for_side")
    position = Position(referral=referral, organisation=organisation, side=side, for_side=for_side,
                        article=article, submitted_by=by if getattr(by, "is_authenticated", False) else None,
                        submitted_at=_received_at(at, referral.referred_on))
    writes.apply_changes(position, {"stance": stance, **fields}, POSITION_FIELDS)
    writes.save(position, by)
    return position


@transaction.atomic
def position_withdraw(*, position: Position, by: Any) -> Position:
    """Withdraw a position: it stays on record, marked withdrawn, and needs no reply any more."""
    position = Position.objects.select_for_update().select_related("referral__draft", "organisation").get(pk=position.pk)
    writes.require(by, Action.CHANGE, position)
    _require_open(position.referral.draft)
    if position.withdrawn_at is not None:
        raise Conflict(_("This position was already withdrawn."))
    position.withdrawn_at = timezone.now()
    writes.save(position, by)
    return position


# Replies ------------------------------------------------------------------------------------------------------


@transaction.atomic
def reply_save(*, position: Position, by: Any, verdict: str, at: datetime | None = None, **fields: Any) -> Reply:
    """The drafting body's reply to an amendment or objection (given again, it replaces the earlier one, which
    stays in the history). Rejecting, even in part, needs a reason. `at`: when the reply was given by letter."""
    position = Position.objects.select_for_update().select_related("referral__draft").get(pk=position.pk)
    writes.require(by, Action.CREATE, position.referral.draft, kind=Reply)
    if not position.needs_reply:
        raise Conflict(_("Only an amendment or an objection that was not withdrawn is answered."))
    reply = Reply.objects.filter(position=position).first() or Reply(position=position)
    reply.replied_by = by if getattr(by, "is_authenticated", False) else None
    reply.replied_at = _received_at(at, position.submitted_on)
    writes.apply_changes(reply, {"verdict": verdict, **fields}, REPLY_FIELDS)
    try:
        with transaction.atomic():
            writes.save(reply, by)
    except IntegrityError:
        raise Conflict(_("Someone else answered this proposal at the same time; reload the page.")) from None
    return reply
