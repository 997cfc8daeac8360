"""Reads shared by the consultation pages and the API: drafts, versions and their diff, referrals with their
deadline, positions (only for those who may read them) and the table of disagreements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext

from tripartite.core.i18n import localized
from tripartite.core.links import RecordLink
from tripartite.core.policy import visible

from . import access, articles
from .deadlines import ReferralDeadline, deadline_of
from .models import Article, DraftAct, DraftVersion, Outcome, Position, Referral, Reply


def visible_drafts(user: Any) -> QuerySet[DraftAct]:
    return visible(user, DraftAct.objects.select_related("drafter"))


def draft_for(user: Any, pk: int) -> DraftAct:
    draft = visible_drafts(user).filter(pk=pk).first()
    if draft is None:
        raise Http404
    return draft


def draft_list(*, user: Any, q: str = "", kind: str = "", outcome: str = "", commission: int | None = None
               ) -> QuerySet[DraftAct]:
    drafts = visible_drafts(user)
    if q:
        drafts = drafts.filter(Q(title_kk__icontains=q) | Q(title_ru__icontains=q) | Q(title_en__icontains=q)
                               | Q(reference__icontains=q))
    if kind:
        drafts = drafts.filter(kind=kind)
    if outcome:
        drafts = drafts.filter(outcome=outcome)
    if commission:
        drafts = drafts.filter(referrals__commission_id=commission)
    return drafts.prefetch_related("referrals__commission").distinct()


def referral_for(user: Any, pk: int) -> Referral:
    referral = Referral.objects.select_related("draft__drafter", "commission", "version").filter(pk=pk).first()
    if referral is None or not visible_drafts(user).filter(pk=referral.draft_id).exists():
        raise Http404
    return referral


def version_for(draft: DraftAct, number: int) -> DraftVersion:
    version = draft.versions.filter(number=number).first()
    if version is None:
        raise Http404
    return version


@dataclass(frozen=True)
class ReferralRow:
    referral: Referral
    deadline: ReferralDeadline | None
    status: str  # "open", "due_today", "overdue", "closed"

    @property
    def days_left(self) -> int | None:
        if self.deadline is None or self.status == "closed":
            return None
        return (self.deadline.due - timezone.localdate()).days


def referral_row(referral: Referral, today: date | None = None) -> ReferralRow:
    today = today or timezone.localdate()
    deadline = deadline_of(referral)
    if not referral.draft.is_open:
        status = "closed"
    elif deadline is None:
        status = "open"
    elif today > deadline.due:
        status = "overdue"
    elif today == deadline.due:
        status = "due_today"
    else:
        status = "open"
    return ReferralRow(referral, deadline, status)


def open_referrals(user: Any, *, only_mine: bool = False) -> list[ReferralRow]:
    """Consultations still open, soonest deadline first: the public list, or the user's own commissions'."""
    referrals = (Referral.objects.filter(draft__in=visible_drafts(user), draft__outcome=Outcome.OPEN)
                 .select_related("draft__drafter", "commission", "version"))
    rows = [referral_row(r) for r in referrals]
    if only_mine:
        rows = [row for row in rows if access.speaking_rights(user, row.referral)
                or access.may_read_positions(user, row.referral) and not row.referral.published]
    return sorted(rows, key=lambda row: (row.deadline.due if row.deadline else date.max, row.referral.pk))


def positions_of(user: Any, referral: Referral) -> QuerySet[Position] | None:
    """The referral's positions with their replies, or None when `user` may not read them yet."""
    if not access.may_read_positions(user, referral):
        return None
    return (referral.positions.select_related("article", "organisation", "reply", "submitted_by")
            .order_by("article__order", "side", "-for_side", "submitted_at", "id"))


def is_late(position: Position, deadline: ReferralDeadline | None) -> bool:
    return deadline is not None and position.submitted_on > deadline.due


@dataclass(frozen=True)
class ArticleEntry:
    """An article of the referred version with the positions on it."""

    article: Article | None  # None: the draft as a whole
    positions: list[Position]


def positions_by_article(referral: Referral, positions: list[Position]) -> list[ArticleEntry]:
    whole = [p for p in positions if p.article_id is None]
    by_article: dict[int, list[Position]] = {}
    for p in positions:
        if p.article_id is not None:
            by_article.setdefault(p.article_id, []).append(p)
    entries = [ArticleEntry(None, whole)] if whole else []
    arts = {a.pk: a for a in Article.objects.filter(pk__in=by_article)}
    for pk in sorted(by_article, key=lambda k: (arts[k].version.number, arts[k].order)):
        entries.append(ArticleEntry(arts[pk], by_article[pk]))
    return entries


# Comparing versions -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleChange:
    key: str
    kind: str
    label: str
    status: str
    old: Article | None
    new: Article | None
    segments: dict[str, list[articles.Segment]]  # language → word diff (changed articles only)


def version_diff(old: DraftVersion, new: DraftVersion, languages: tuple[str, ...]) -> list[ArticleChange]:
    """Article by article, what `new` added, removed or changed compared with `old`, in each language."""
    from .models import article_label

    before = {a.key: a for a in old.articles.all()}
    after = {a.key: a for a in new.articles.all()}
    keys = [a.key for a in new.articles.all()] + [k for k in before if k not in after]
    changes = []
    for key in keys:
        a, b = before.get(key), after.get(key)
        per_language: dict[str, list[articles.Segment]] = {}
        statuses = set()
        for lang in languages:
            old_text = _full_text(a, lang) if a else None
            new_text = _full_text(b, lang) if b else None
            status = articles.compare_status(old_text, new_text)
            statuses.add(status)
            if status == articles.CHANGED:
                per_language[lang] = articles.word_diff(old_text or "", new_text or "")
        if a is None:
            overall = articles.ADDED
        elif b is None:
            overall = articles.REMOVED
        else:
            overall = articles.CHANGED if articles.CHANGED in statuses else articles.UNCHANGED
        unit = b or a
        assert unit is not None
        changes.append(ArticleChange(key, unit.kind, article_label(unit.kind, key), overall, a, b, per_language))
    return changes


def _full_text(article: Article, lang: str) -> str:
    heading = getattr(article, f"heading_{lang}")
    body = getattr(article, f"text_{lang}")
    return f"{heading}\n{body}".strip() if heading else body


# The table of disagreements -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableRow:
    number: int
    article: str
    current: str
    proposed: str
    side: str
    organisation: str
    stance: str
    reasons: str
    reply: str
    late: bool


def table_rows(referral: Referral, positions: list[Position], lang: str) -> list[TableRow]:
    """Every amendment and objection not withdrawn, article by article, with the drafter's reply, in `lang`
    (falling back, for a text not given in `lang`, to another language it was given in)."""
    from django.utils.translation import gettext as _

    deadline = deadline_of(referral)
    rows = []
    wanted = [p for p in positions if p.needs_reply]
    wanted.sort(key=lambda p: (p.article.version.number if p.article else 0, p.article.order if p.article else 0,
                               p.side, not p.for_side, p.submitted_at))
    for number, p in enumerate(wanted, start=1):
        art = p.article
        reply: Reply | None = getattr(p, "reply", None) if hasattr(p, "reply") else None
        if reply is not None:
            reason = localized(reply, "reason", lang)
            answer = f"{reply.get_verdict_display()}: {reason}" if reason else str(reply.get_verdict_display())
        else:
            answer = _("No reply yet")
        org = str(p.organisation)
        if p.for_side:
            org = _("%(organisation)s, for the side") % {"organisation": org}
        rows.append(TableRow(
            number=number,
            article=art.title_line if art else _("The draft as a whole"),
            current=(localized(art, "text", lang) or "—") if art else "—",
            proposed=localized(p, "wording", lang) or "—",
            side=p.side_name, organisation=org, stance=str(p.get_stance_display()),
            reasons=localized(p, "reasons", lang) or "—", reply=answer, late=is_late(p, deadline),
        ))
    return rows


def versions_with_articles(draft: DraftAct) -> QuerySet[DraftVersion]:
    return draft.versions.prefetch_related(Prefetch("articles", queryset=Article.objects.order_by("order")))


def my_deadlines(user: Any, today: date) -> list[Any]:
    """For the home page: the open consultations on which one of the user's organisations may give a position, by
    their deadline; once the deadline passed, only those the user's organisations have not answered."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from tripartite.core.deadlines import UserDeadline

    found = []
    for row in open_referrals(user, only_mine=True):
        referral, deadline = row.referral, row.deadline
        rights = access.speaking_rights(user, referral, today)
        if deadline is None or not rights:
            continue
        overdue = today > deadline.due
        if overdue and referral.positions.filter(organisation__in=[org for _s, org, _c in rights],
                                                 withdrawn_at__isnull=True).exists():
            continue
        found.append(UserDeadline(
            due=deadline.due, overdue=overdue, unverified=not deadline.verified,
            what=_("Positions on %(draft)s") % {"draft": referral.draft},
            where=str(referral.commission), url=reverse("consultations:referral", args=[referral.pk])))
    return found


def agenda_item_links(user: Any, items: Any) -> dict[int, list[RecordLink]]:
    """For a commission's agenda items: the consultations referred to them that the reader may see."""
    referrals = (Referral.objects.filter(agenda_item__in=items, draft__in=visible_drafts(user))
                 .select_related("draft").order_by("pk"))
    found: dict[int, list[RecordLink]] = {}
    for referral in referrals:
        found.setdefault(referral.agenda_item_id, []).append(  # type: ignore[arg-type]
            RecordLink(pgettext("a link on an agenda item", "Consultation"), str(referral.draft),
                       reverse("consultations:referral", args=[referral.pk])))
    return found
