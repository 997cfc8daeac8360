"""Load the demonstration register into an empty database, through the same services a user's edits go through."""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from tripartite.commissions import services as commission_services
from tripartite.commissions.models import Commission
from tripartite.core.i18n import in_languages
from tripartite.core.models import Region, Role, ScopeType, Sector, User
from tripartite.core.services import role_grant
from tripartite.demo import content
from tripartite.partners import services as partner_services
from tripartite.partners.demo import demo_organisation
from tripartite.partners.models import Organisation


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    description: str


@dataclass(frozen=True)
class DemoResult:
    loaded: bool
    organisations: int
    commissions: int
    accounts: tuple[DemoAccount, ...]
    extras: tuple[str, ...] = ()


# Each app above the commissions brings its own demonstration data: a module with
# `load(*, by, users, orgs, today) -> str` (the returned line is printed by load_demo). Order matters:
# disputes refer to collective agreements, surveys belong to organisations.
DEMO_MODULES = (
    "tripartite.agreements.demo",
    "tripartite.disputes.demo",
    "tripartite.surveys.demo",
    "tripartite.grants.demo",
    "tripartite.consultations.demo",
    "tripartite.indicators.demo",
    "tripartite.principles.demo",
    "tripartite.programmes.demo",
)


def _load_app_demos(*, by: User, users: dict[str, User], orgs: dict[str, Organisation], today: date) -> list[str]:
    lines = []
    for name in DEMO_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        lines.append(importlib.import_module(name).load(by=by, users=users, orgs=orgs, today=today))
    return lines


def demo_accounts() -> tuple[DemoAccount, ...]:
    """The demo accounts that exist in the database (all of them once the demo is loaded)."""
    users = {u.username: u for u in User.objects.filter(username__in=[a.role for a in content.ACCOUNTS])}
    accounts = []
    for a in content.ACCOUNTS:
        user = users.get(a.role)
        if user is None:
            continue
        password = content.password_for(a.role)
        # An account that existed before the demo keeps its own password; never print a wrong one.
        accounts.append(DemoAccount(a.role, password if user.check_password(password) else "—", a.role, a.description))
    return tuple(accounts)


def _texts(field: str, kk: str, ru: str, en: str) -> dict[str, str]:
    """A trilingual field's three columns, for a service call: `_texts("name", kk, ru, en)` → name_kk=kk, …"""
    return dict(zip(in_languages(field), (kk, ru, en), strict=True))


def _day(today: date, offset: int | None) -> date | None:
    return None if offset is None else today + timedelta(days=offset)


def _create_users() -> dict[str, User]:
    users = {}
    for account in content.ACCOUNTS:
        user = User.objects.filter(username=account.role).first()
        if user is None:
            user = User.objects.create_user(username=account.role, password=content.password_for(account.role))
        users[account.role] = user
    role_grant(by=None, user=users["admin"], role=Role.ADMIN)
    role_grant(by=None, user=users["conciliator"], role=Role.CONCILIATOR)
    role_grant(by=None, user=users["analyst"], role=Role.ANALYST)
    return users


def _create_organisations(admin: User, today: date) -> dict[str, Organisation]:
    regions = {r.kato: r for r in Region.objects.all()}
    sectors = {s.code: s for s in Sector.objects.all()}
    orgs: dict[str, Organisation] = {}
    for serial, org in enumerate(content.ORGANISATIONS, start=1):
        orgs[org.key] = demo_organisation(
            by=admin, serial=serial, kind=org.kind, names=(org.kk, org.ru, org.en), subkind=org.subkind,
            parent=orgs[org.parent] if org.parent else None, short_name=org.short, registered_on=org.registered_on,
            regions=[regions[k] for k in org.regions if k in regions],
            sectors=[sectors[c] for c in org.sectors if c in sectors],
        )
        for offset, members, in_scope in org.reports:
            partner_services.membership_report_create(by=admin, organisation=orgs[org.key], data={
                "as_of": today + timedelta(days=offset), "members": members, "employees_in_scope": in_scope,
                "source": "Demonstration data",
            })
    return orgs


def _create_commissions(by: User, orgs: dict[str, Organisation], today: date) -> list[Commission]:
    regions = {r.kato: r for r in Region.objects.all()}
    sectors = {s.code: s for s in Sector.objects.all()}
    created = []
    for data in content.COMMISSIONS:
        commission = commission_services.commission_create(
            by=by, secretariat=orgs[data.secretariat], level=data.level, **_texts("name", data.kk, data.ru, data.en),
            region=regions.get(data.region) if data.region else None,
            sector=sectors.get(data.sector) if data.sector else None, established=today - timedelta(days=3 * 365),
        )
        for seat in data.seats:
            commission_services.member_add(
                by=by, commission=commission, side=seat.side, role=seat.role, person_name=seat.person,
                organisation=orgs[seat.org], position=seat.position, term_start=today - timedelta(days=2 * 365),
                term_end=today + timedelta(days=365),
            )
        for m in data.meetings:
            meeting = commission_services.meeting_create(
                by=by, commission=commission, date=today + timedelta(days=m.day), place=m.place,
                status="held" if m.held else "planned", minutes=m.minutes,
            )
            items = {}
            for number, (kk, ru, en) in enumerate(m.agenda, start=1):
                items[number] = commission_services.agenda_item_add(
                    by=by, meeting=meeting, number=number, **_texts("title", kk, ru, en)
                )
            for d in m.decisions:
                decision = commission_services.decision_create(
                    by=by, meeting=meeting, **_texts("text", d.kk, d.ru, d.en),
                    agenda_item=items.get(d.item) if d.item else None, responsible_side=d.side,
                    due_date=_day(today, d.due),
                )
                done_on = _day(today, d.done)
                if done_on is not None:
                    commission_services.decision_mark_done(decision=decision, by=by, done_on=done_on, note=d.note)
        created.append(commission)
    return created


def load_demo(*, today: date | None = None) -> DemoResult:
    """Fill an empty register with the demonstration data; with any organisation already registered, do nothing.

    Everything happens in one transaction: a failure leaves the database as it was.
    """
    if Organisation.objects.exists():
        return DemoResult(False, 0, 0, demo_accounts())
    today = today or timezone.localdate()
    with transaction.atomic():
        users = _create_users()
        orgs = _create_organisations(users["admin"], today)
        role_grant(by=None, user=users["secretary"], role=Role.SECRETARY, scope_type=ScopeType.ORGANISATION,
                   scope_id=orgs["ministry_labour"].pk)
        role_grant(by=None, user=users["editor"], role=Role.EDITOR, scope_type=ScopeType.ORGANISATION,
                   scope_id=orgs["fturk"].pk)
        commissions = _create_commissions(users["admin"], orgs, today)
        Organisation.objects.filter(pk__in=[o.pk for o in orgs.values()]).update(is_demo=True)
        Commission.objects.filter(pk__in=[c.pk for c in commissions]).update(is_demo=True)
        extras = _load_app_demos(by=users["admin"], users=users, orgs=orgs, today=today)
    return DemoResult(True, len(orgs), len(commissions), demo_accounts(), tuple(extras))

