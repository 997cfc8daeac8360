"""Sign-in throttling: refused after N failures (even with the right password) until the window passes, per
username and per hashed address, on the sign-in page, the administration's and the API token exchange."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from tests.conftest import PASSWORD
from tripartite.core import throttle
from tripartite.core.models import LoginFailure

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ADDRESS = "203.0.113.7"


@pytest.fixture(autouse=True)
def _limits(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # many sign-ins per test
    settings.LOGIN_FAILURES_ALLOWED = 3
    settings.LOGIN_FAILURES_ALLOWED_PER_ADDRESS = 5
    settings.LOGIN_FAILURE_WINDOW_MINUTES = 15
    settings.TRIPARTITE_TRUSTED_PROXIES = 0


def _sign_in(client: Any, username: str, password: str, *, address: str = ADDRESS, lang: str = "en", **extra: Any) -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address,
                       HTTP_ACCEPT_LANGUAGE=lang, **extra)


def _fail(client: Any, username: str, times: int, **kw: Any) -> None:
    for _n in range(times):
        response = _sign_in(client, username, "wrong", **kw)
        assert response.status_code == 200 and response.context["form"].errors


def test_after_n_failures_even_the_right_password_is_refused_with_429_and_when_to_retry(client, make_user):
    make_user("ann")
    _fail(client, "ann", 3)
    started = timezone.now()
    response = _sign_in(client, "ann", PASSWORD)
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated
    retry = int(response["Retry-After"])
    assert 14 * 60 < retry <= 15 * 60
    until = LoginFailure.objects.order_by("at").first().at + timedelta(minutes=15)
    assert started < until <= started + timedelta(minutes=15)
    with translation.override("en"):
        expected = throttle.Refusal(until=until).message()
    assert expected.startswith("Too many failed sign-in attempts for this account. Try again after ")
    assert timezone.localtime(until).strftime("%H:%M") in expected
    assert expected in response.content.decode()
    # Refused attempts guessed nothing: they are not recorded and do not push the time back.
    assert LoginFailure.objects.count() == 3


def test_the_refusal_speaks_russian_and_kazakh(client, make_user):
    make_user("ann")
    _fail(client, "ann", 3)
    ru = _sign_in(client, "ann", PASSWORD, lang="ru")
    assert ru.status_code == 429 and "Слишком много неудачных попыток входа в эту учётную запись" in ru.content.decode()
    kk = _sign_in(client, "ann", PASSWORD, lang="kk")
    assert kk.status_code == 429 and "Бұл есептік жазбаға кіру әрекеттері тым көп рет сәтсіз аяқталды" in kk.content.decode()


def test_sign_in_works_again_once_the_window_has_passed(client, make_user):
    make_user("ann")
    _fail(client, "ann", 3)
    assert _sign_in(client, "ann", PASSWORD).status_code == 429
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=15, seconds=1))
    assert _sign_in(client, "ann", PASSWORD).status_code == 302


def test_the_refusal_ends_when_the_oldest_counted_failure_leaves_the_window(db):
    start = timezone.now()
    for minutes in (0, 5, 10):
        throttle.record_failure("ann", ADDRESS, now=start + timedelta(minutes=minutes))
    refusal = throttle.login_refusal("ann", ADDRESS, now=start + timedelta(minutes=11))
    assert refusal is not None and refusal.until == start + timedelta(minutes=15) and not refusal.by_address
    assert throttle.login_refusal("ann", ADDRESS, now=start + timedelta(minutes=15)) is None
    # Recording a later failure deletes the rows that have left the window.
    throttle.record_failure("ann", ADDRESS, now=start + timedelta(minutes=21))
    assert LoginFailure.objects.count() == 2


def test_a_successful_sign_in_clears_the_usernames_failures(client, make_user):
    make_user("ann")
    _fail(client, "ann", 2)
    assert _sign_in(client, "ann", PASSWORD).status_code == 302
    assert not LoginFailure.objects.exists()
    client.post("/accounts/logout/")
    _fail(client, "ann", 2)
    assert _sign_in(client, "ann", PASSWORD).status_code == 302


def test_failures_count_per_username_whatever_the_case(client, make_user):
    make_user("ann")
    make_user("bob")
    _fail(client, "ANN", 3)
    assert _sign_in(client, "ann", PASSWORD).status_code == 429
    assert _sign_in(client, "bob", PASSWORD).status_code == 302


def test_one_address_cannot_try_many_usernames(client, make_user):
    make_user("zed")
    for name in ("a1", "a2", "a3", "a4", "a5"):
        _fail(client, name, 1)
    refused = _sign_in(client, "zed", PASSWORD)
    assert refused.status_code == 429
    assert "Too many failed sign-in attempts from your network." in refused.content.decode()
    assert _sign_in(client, "zed", PASSWORD, address="198.51.100.9").status_code == 302


def test_the_address_comes_from_x_forwarded_for_only_behind_trusted_proxies(client, make_user, settings):
    make_user("zed")
    for name in ("a1", "a2", "a3", "a4", "a5"):
        _fail(client, name, 1, address="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{len(name)}, {ADDRESS}")
    # Without trusted proxies the connection's address (the proxy) is the one counted.
    assert _sign_in(client, "zed", PASSWORD, address="10.0.0.1").status_code == 429
    client.post("/accounts/logout/")
    settings.TRIPARTITE_TRUSTED_PROXIES = 1
    # Behind one proxy, the address it appended counts; what the client wrote to the left of it does not.
    spoofed = _sign_in(client, "zed", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.200, {ADDRESS}")
    assert spoofed.status_code == 302


def test_the_limit_per_address_can_be_turned_off_alone(client, make_user, settings):
    settings.LOGIN_FAILURES_ALLOWED_PER_ADDRESS = 0
    make_user("zed")
    for name in ("a1", "a2", "a3", "a4", "a5", "a6"):
        _fail(client, name, 1)
    assert _sign_in(client, "zed", PASSWORD).status_code == 302


@pytest.mark.parametrize("setting", ["LOGIN_FAILURES_ALLOWED", "LOGIN_FAILURE_WINDOW_MINUTES"])
def test_zero_turns_the_throttling_off(client, make_user, settings, setting):
    setattr(settings, setting, 0)
    make_user("ann")
    _fail(client, "ann", 8)
    assert _sign_in(client, "ann", PASSWORD).status_code == 302
    assert not LoginFailure.objects.exists()


def test_neither_the_address_nor_the_username_is_stored(client, make_user):
    make_user("ann")
    _fail(client, "ann", 2)
    rows = list(LoginFailure.objects.values("username_key", "address_key"))
    assert len(rows) == 2
    for row in rows:
        stored = " ".join(row.values())
        assert ADDRESS not in stored and "ann" not in stored
        assert row["address_key"] == throttle.address_hash(ADDRESS, timezone.localdate(), purpose="login-throttle")
    # The address hash changes with the day's salt, and differs from the surveys' hash of the same address.
    today = timezone.localdate()
    assert throttle.address_hash(ADDRESS, today, purpose="login-throttle") != throttle.address_hash(
        ADDRESS, today - timedelta(days=1), purpose="login-throttle")
    assert throttle.address_hash(ADDRESS, today, purpose="login-throttle") != throttle.address_hash(
        ADDRESS, today, purpose="surveys-throttle")


def test_the_administration_sign_in_is_throttled_too(client, make_user):
    make_user("boss", role="admin")
    for _n in range(3):
        response = client.post("/admin/login/", {"username": "boss", "password": "wrong"}, REMOTE_ADDR=ADDRESS,
                               HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
    response = client.post("/admin/login/?next=/admin/", {"username": "boss", "password": PASSWORD},
                           REMOTE_ADDR=ADDRESS, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 429
    assert "Слишком много неудачных попыток входа в эту учётную запись" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # not signed in
    LoginFailure.objects.all().delete()
    assert client.post("/admin/login/?next=/admin/", {"username": "boss", "password": PASSWORD},
                       REMOTE_ADDR=ADDRESS).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_administration_sign_in_lets_in_whom_the_administration_lets_in(client, make_user):
    """Platform administrators by role sign in there (they hold no `is_staff` flag); others are refused."""
    make_user("boss", role="admin")
    make_user("analyst", role="analyst")
    refused = client.post("/admin/login/", {"username": "analyst", "password": PASSWORD})
    assert refused.status_code == 200 and refused.context["form"].errors
    assert client.post("/admin/login/?next=/admin/", {"username": "boss", "password": PASSWORD}).status_code == 302


def test_the_api_token_exchange_counts_and_is_refused_too(client, make_user):
    make_user("ann")
    for _n in range(3):
        response = client.post("/api/v1/auth/token", {"username": "ann", "password": "wrong"},
                               content_type="application/json", REMOTE_ADDR=ADDRESS)
        assert response.status_code == 401
    assert LoginFailure.objects.count() == 3
    refused = client.post("/api/v1/auth/token", {"username": "ann", "password": PASSWORD},
                          content_type="application/json", REMOTE_ADDR=ADDRESS)
    # Refused whatever the password, with the reason and when to try again.
    assert refused.status_code == 429 and "token" not in refused.json() and refused.json()["detail"]
    assert _sign_in(client, "ann", PASSWORD).status_code == 429
