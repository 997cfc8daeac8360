"""Signing in and out, changing the password, Argon2 hashes, the administration for administrators only."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2(make_user):
    user = make_user("ann")
    assert user.password.startswith("argon2")


def test_login_and_logout(client, make_user):
    make_user("ann")
    response = client.post("/accounts/login/", {"username": "ann", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"].is_authenticated
    client.post("/accounts/logout/")
    assert not client.get("/").context["user"].is_authenticated


def test_wrong_password_shows_the_form_again_with_an_error(client, make_user):
    make_user("ann")
    response = client.post("/accounts/login/", {"username": "ann", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_password_change(client, make_user):
    user = make_user("ann")
    client.login(username="ann", password=PASSWORD)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "a-much-longer-pass-2026", "new_password2": "a-much-longer-pass-2026"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-much-longer-pass-2026")


def test_admin_site_is_for_platform_administrators_only(client, make_user):
    make_user("analyst", role="analyst")
    make_user("boss", role="admin")
    client.login(username="analyst", password=PASSWORD)
    assert client.get("/admin/").status_code == 302
    client.login(username="boss", password=PASSWORD)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/core/roleassignment/").status_code == 200


def test_pages_speak_the_chosen_language(client):
    client.post("/i18n/setlang/", {"language": "kk", "next": "/"})
    page = client.get("/").content.decode()
    assert 'lang="kk"' in page
    client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert 'lang="ru"' in client.get("/").content.decode()
