"""The BIN is checked the same way through the service, the web form and the API, with a clear message."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tripartite.partners import services
from tripartite.partners.models import Kind, Organisation

pytestmark = pytest.mark.django_db

VALID = "181140012341"
VALID_SECOND_PASS = "040840000611"
WRONG_DIGIT = "181140012345"  # the control digit should be 1
SHORT = "18114001234"


def create(by, bin_value, name="Union"):
    return services.organisation_create(by=by, data={"kind": Kind.TRADE_UNION, "name_en": name, "bin": bin_value})


def bin_errors(call) -> list[str]:
    with pytest.raises(ValidationError) as err:
        call()
    return err.value.message_dict["bin"]


@pytest.mark.parametrize("value", [VALID, VALID_SECOND_PASS, " 1811 4001 2341 "])
def test_service_accepts_a_valid_bin_and_stores_its_digits(admin_user, value):
    org = create(admin_user, value)
    assert org.bin == "".join(value.split())


def test_service_refuses_a_bin_of_the_wrong_length(admin_user):
    with translation.override("en"):
        assert bin_errors(lambda: create(admin_user, SHORT)) == ["A BIN has 12 digits; you entered 11 digits."]
    assert not Organisation.objects.exists()


def test_service_refuses_a_bin_with_a_wrong_control_digit(admin_user):
    with translation.override("en"):
        [message] = bin_errors(lambda: create(admin_user, WRONG_DIGIT))
    assert "should be 1, not 5" in message


def test_service_refuses_a_bin_with_letters(admin_user):
    with translation.override("en"):
        [message] = bin_errors(lambda: create(admin_user, "18114001234A"))
    assert "digits only" in message


def test_bin_message_is_in_the_users_language(admin_user):
    with translation.override("ru"):
        [ru] = bin_errors(lambda: create(admin_user, SHORT))
    with translation.override("kk"):
        [kk] = bin_errors(lambda: create(admin_user, SHORT))
    assert "12 цифр" in ru
    assert "12 цифр" in kk and kk != ru


def test_a_duplicate_bin_names_the_organisation_that_has_it(admin_user):
    first = create(admin_user, VALID, name="First union")
    with translation.override("en"):
        [message] = bin_errors(lambda: create(admin_user, VALID, name="Second union"))
    assert "First union" in message and str(first.pk) in message
    assert Organisation.objects.count() == 1


def test_web_form_shows_the_bin_error_on_the_field(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/partners/new/", {"kind": Kind.TRADE_UNION, "name_en": "Union", "bin": WRONG_DIGIT, "published": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert "should be 1, not 5" in response.context["form"].errors["bin"][0]
    assert not Organisation.objects.exists()


def test_web_form_registers_an_organisation_with_a_valid_bin(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/partners/new/", {"kind": Kind.TRADE_UNION, "name_en": "Union", "bin": VALID})
    org = Organisation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/partners/{org.pk}/"
    assert org.bin == VALID


@pytest.mark.parametrize("value", [SHORT, WRONG_DIGIT, "1811400123410"])
def test_api_answers_422_with_the_field_bin(api, admin_user, value):
    status, body = api(admin_user).post("partners/organisations", {"kind": "trade_union", "name_en": "U", "bin": value})
    assert status == 422
    assert [e["field"] for e in body["errors"]] == ["bin"]


def test_api_accepts_a_valid_bin(api, admin_user):
    status, body = api(admin_user).post("partners/organisations", {"kind": "trade_union", "name_en": "U", "bin": VALID})
    assert status == 201 and body["bin"] == VALID


@pytest.mark.parametrize(("value", "expected"), [("1", "1 цифру"), ("12", "2 цифры"), ("12345", "5 цифр")])
def test_the_russian_length_message_uses_the_right_plural_form(admin_user, value, expected):
    with translation.override("ru"):
        [message] = bin_errors(lambda: create(admin_user, value))
    assert message.endswith(f"вы ввели {expected}.")
