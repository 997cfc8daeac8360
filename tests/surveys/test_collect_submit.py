"""Submitting responses: atomic and idempotent, one-time invitations, referral chains and waves, closed
campaigns, and the rate limit per hashed address."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.surveys.conftest import VALID
from tripartite.surveys.collect import services
from tripartite.surveys.models import Invitation, Response, SubmissionThrottle


def submit(campaign: Any, key: str, **kw: Any) -> tuple[Response, bool]:
    return services.submit_response(campaign, kw.pop("answers", VALID), idempotency_key=key, language="ru", **kw)


def test_submit_stores_nothing_identifying(campaign: Any) -> None:
    response, created = submit(campaign, "k1")
    assert created and response.answers == VALID and response.wave == 0 and response.recruited_by is None
    names = {f.name for f in Response._meta.get_fields()}
    assert not names & {"ip", "ip_address", "user", "user_agent", "address", "invitation"}


def test_replayed_key_returns_the_same_response(campaign: Any) -> None:
    first, created = submit(campaign, "same-key")
    again, created_again = submit(campaign, "same-key", answers={**VALID, "gender": 1})
    assert created and not created_again and again.pk == first.pk
    assert Response.objects.count() == 1 and Response.objects.get().answers["gender"] == VALID["gender"]


def test_same_key_in_another_campaign_is_a_new_response(campaign: Any, snowball: Any) -> None:
    submit(campaign, "k")
    submit(snowball, "k")
    assert Response.objects.count() == 2


def test_invalid_answers_store_nothing(campaign: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        submit(campaign, "bad", answers={**VALID, "gov": 7})
    assert set(caught.value.message_dict) == {"gov"}
    assert Response.objects.count() == 0


def test_missing_idempotency_key_is_refused(campaign: Any) -> None:
    with pytest.raises(ValidationError):
        submit(campaign, "  ")


def test_one_time_invitation(by_invitation: Any, admin_user: Any) -> None:
    tokens = services.invitations_generate(campaign=by_invitation, by=admin_user, count=3)
    assert len({t.token for t in tokens}) == 3
    with pytest.raises(services.NotAllowed):
        submit(by_invitation, "no-token")
    with pytest.raises(services.NotAllowed):
        submit(by_invitation, "wrong", invitation="not-a-token")
    submit(by_invitation, "k1", invitation=tokens[0].token)
    used = Invitation.objects.get(pk=tokens[0].pk)
    assert used.used_at is not None
    with pytest.raises(services.InvitationUsed) as caught:
        submit(by_invitation, "k2", invitation=tokens[0].token)
    assert caught.value.status == 409
    # Replaying the first submission (same key) is still the same thank-you, not an error.
    again, created = submit(by_invitation, "k1", invitation=tokens[0].token)
    assert not created
    assert Response.objects.count() == 1
    assert Invitation.objects.filter(used_at__isnull=True).count() == 2


def test_invalid_answers_do_not_use_up_the_invitation(by_invitation: Any, admin_user: Any) -> None:
    token = services.invitations_generate(campaign=by_invitation, by=admin_user, count=1)[0].token
    with pytest.raises(ValidationError):
        submit(by_invitation, "k1", invitation=token, answers={})
    assert Invitation.objects.get().used_at is None


def test_referral_chain_and_waves(snowball: Any) -> None:
    seed, _ = submit(snowball, "seed")
    first, _ = submit(snowball, "w1", referral=seed.referral_code)
    second, _ = submit(snowball, "w2", referral=first.referral_code)
    sibling, _ = submit(snowball, "w1b", referral=seed.referral_code)
    unknown, _ = submit(snowball, "u", referral="no-such-code")
    assert (seed.wave, first.wave, second.wave, sibling.wave, unknown.wave) == (0, 1, 2, 1, 0)
    assert second.recruited_by_id == first.pk and first.recruited_by_id == seed.pk
    assert unknown.recruited_by is None
    assert set(seed.recruits.values_list("pk", flat=True)) == {first.pk, sibling.pk}
    assert len({r.referral_code for r in Response.objects.all()}) == 5


def test_referral_is_ignored_outside_snowball_campaigns(campaign: Any) -> None:
    seed, _ = submit(campaign, "seed")
    other, _ = submit(campaign, "other", referral=seed.referral_code)
    assert other.recruited_by is None and other.wave == 0


def test_referral_from_another_campaign_does_not_count(snowball: Any, make_campaign: Any) -> None:
    elsewhere = make_campaign(slug="other-snowball", mode="snowball")
    seed, _ = submit(elsewhere, "seed")
    response, _ = submit(snowball, "x", referral=seed.referral_code)
    assert response.recruited_by is None


@pytest.mark.parametrize(("opens_in", "closes_in"), [(-20, -1), (1, 10)])
def test_closed_or_future_campaign_refuses(make_campaign: Any, opens_in: int, closes_in: int) -> None:
    closed = make_campaign(opens_in=opens_in, closes_in=closes_in)
    with pytest.raises(services.CampaignClosed) as caught:
        submit(closed, "k")
    assert caught.value.status == 403
    assert Response.objects.count() == 0


def test_campaign_is_open_on_its_last_day(make_campaign: Any) -> None:
    last_day = make_campaign(opens_in=-3, closes_in=0)
    assert last_day.is_open()
    tomorrow = timezone.now() + timedelta(days=1)
    assert not last_day.is_open(tomorrow)


def test_import_source_may_fill_a_closed_campaign(make_campaign: Any) -> None:
    closed = make_campaign(opens_in=-20, closes_in=-1)
    _response, created = submit(closed, "imported", source=Response.Source.IMPORT)
    assert created


# Rate limit --------------------------------------------------------------------------------------------------


def test_rate_limit_counts_per_hashed_address(db: Any, settings: Any) -> None:
    settings.SURVEYS_SUBMISSIONS_PER_HOUR = 3
    assert all(services.register_attempt("10.0.0.1") for _ in range(3))
    assert not services.register_attempt("10.0.0.1")
    assert services.register_attempt("10.0.0.2")
    stored = set(SubmissionThrottle.objects.values_list("address_hash", flat=True))
    assert "10.0.0.1" not in "".join(stored) and all(len(h) == 64 for h in stored)


def test_salt_rotates_daily_and_is_never_stored(settings: Any) -> None:
    today = timezone.localdate()
    assert services.address_hash("10.0.0.1", today) != services.address_hash("10.0.0.1", today - timedelta(days=1))
    assert services.address_hash("10.0.0.1", today) == services.address_hash("10.0.0.1", today)
    field_names = {f.name for f in SubmissionThrottle._meta.get_fields()}
    assert "salt" not in field_names


def test_old_counters_are_deleted(db: Any, settings: Any) -> None:
    settings.SURVEYS_SUBMISSIONS_PER_HOUR = 5
    SubmissionThrottle.objects.create(address_hash="x" * 64, day=timezone.localdate() - timedelta(days=3), hour=1, count=9)
    services.register_attempt("10.0.0.9")
    assert not SubmissionThrottle.objects.filter(address_hash="x" * 64).exists()


def test_form_answers_429_in_the_users_language(client: Any, campaign: Any, settings: Any) -> None:
    settings.SURVEYS_SUBMISSIONS_PER_HOUR = 1
    body = {f"q_{k}": v for k, v in VALID.items()}
    assert client.post(f"/surveys/r/{campaign.slug}/?lang=ru", {**body, "token": "a", "lang": "ru"}).status_code == 302
    refused = client.post(f"/surveys/r/{campaign.slug}/?lang=ru", {**body, "token": "b", "lang": "ru"})
    assert refused.status_code == 429
    assert "Слишком много" in refused.content.decode()
    assert Response.objects.count() == 1
