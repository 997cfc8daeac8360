"""The demonstration data: loaded once into an empty register, never twice, with accounts that work."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tripartite.commissions.models import Commission, CommissionMember, Decision
from tripartite.core.policy import Action, can
from tripartite.demo.content import ACCOUNTS, password_for
from tripartite.demo.services import load_demo
from tripartite.jurisdictions import validate_bin
from tripartite.partners.models import Kind, MembershipReport, Organisation

pytestmark = pytest.mark.django_db


def _counts():
    return (Organisation.objects.count(), Commission.objects.count(), CommissionMember.objects.count(),
            Decision.objects.count())


def test_the_demo_loads_once_and_a_second_run_adds_nothing():
    first = load_demo()
    assert first.loaded
    before = _counts()
    second = load_demo()
    assert not second.loaded
    assert _counts() == before
    assert [a.username for a in second.accounts] == [a.role for a in ACCOUNTS]


def test_the_demo_is_not_loaded_into_a_register_that_has_organisations():
    Organisation.objects.create(kind=Kind.NGO, name_en="Real NGO")
    assert not load_demo().loaded
    assert Commission.objects.count() == 0


def test_the_demo_contains_the_national_level_and_is_marked_as_demo():
    load_demo()
    rtc = Commission.objects.get(level="republican")
    assert "Republican Tripartite Commission" in rtc.name_en and rtc.name_kk and rtc.name_ru
    assert rtc.secretariat.name_en.startswith("Ministry of Labour and Social Protection")
    sides = {m.organisation.short_name or m.organisation.name_en for m in rtc.members.exclude(role="secretary")}
    assert {"НПП «Атамекен»", "ПАРЫЗ", "КРРК", "ФПРК", "КТК", "Union \"Amanat\""} <= sides
    assert all(c.is_demo for c in Commission.objects.all())
    assert all(o.is_demo for o in Organisation.objects.all())


def test_every_commission_has_members_and_one_is_out_of_parity():
    load_demo()
    today = timezone.localdate()
    broken = []
    for commission in Commission.objects.all():
        assert commission.members.exists(), commission
        if not commission.parity_on(today).ok:
            broken.append(commission.name_en)
    assert broken == ["Almaty City Tripartite Commission on Social Partnership"]


def test_decisions_are_done_pending_and_overdue():
    load_demo()
    today = timezone.localdate()
    statuses = [d.status_on(today) for d in Decision.objects.all()]
    assert statuses.count("overdue") == 1
    assert statuses.count("pending") >= 2 and statuses.count("done") >= 3


def test_union_hierarchies_have_membership_reports_and_valid_bins():
    load_demo()
    primary = Organisation.objects.get(name_en="Primary union organisation of Demo-Metall LLP (demo)")
    assert [a.short_name for a in primary.ancestors()][-1] == "ФПРК"
    assert MembershipReport.objects.filter(organisation=primary).count() == 2
    for org in Organisation.objects.all():
        validate_bin(org.bin)


def test_the_demo_accounts_log_in_and_the_secretary_can_register_commissions(client):
    load_demo()
    for account in ACCOUNTS:
        assert client.login(username=account.role, password=password_for(account.role)), account.role
        client.logout()
    from tripartite.core.models import User

    secretary = User.objects.get(username="secretary")
    ministry = Commission.objects.get(level="republican").secretariat
    assert can(secretary, Action.CREATE, ministry, kind=Commission)
    assert can(secretary, Action.CHANGE, Commission.objects.get(level="republican"))
    assert not can(User.objects.get(username="editor"), Action.CHANGE, Commission.objects.get(level="republican"))


def test_the_command_prints_the_accounts_each_time():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Demonstration data loaded" in out.getvalue() and "demo-secretary-2026" in out.getvalue()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "no demonstration data was loaded" in out.getvalue() and "demo-admin-2026" in out.getvalue()


def test_demo_records_carry_the_demo_badge(client):
    load_demo()
    rtc = Commission.objects.get(level="republican")
    page = client.get(f"/commissions/{rtc.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "demo-badge" in page


def test_the_demo_holds_consultations_of_every_outcome_with_all_sides_and_every_kind_of_reply():
    from tripartite.consultations.models import DraftAct, Position, Reply
    from tripartite.consultations.queries import version_diff

    load_demo()
    rtc = Commission.objects.get(level="republican")
    drafts = DraftAct.objects.filter(referrals__commission=rtc)
    # The consultations demo's three drafts, and the programmes demo's open one its roadmap measure points to.
    assert sorted(drafts.values_list("outcome", flat=True)) == ["adopted", "open", "open", "withdrawn"]
    assert all(d.is_demo for d in drafts)
    positions = Position.objects.filter(referral__commission=rtc)
    assert set(positions.values_list("side", flat=True)) == {"state", "employers", "workers"}
    assert positions.filter(article__isnull=False).values("article").distinct().count() >= 5
    assert set(Reply.objects.values_list("verdict", flat=True)) == {"accepted", "partly", "rejected"}
    adopted = drafts.get(outcome="adopted")
    first, second = adopted.versions.order_by("number")
    changed = [c.key for c in version_diff(first, second, ("kk", "ru", "en")) if c.status == "changed"]
    assert changed == ["2", "4"]


def test_the_public_sees_the_open_demo_consultation_with_its_deadline(client):
    load_demo()
    page = client.get("/consultations/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "On the method of calculating the minimum wage (demo)" in page
