"""MLPS 2.0 level 2 password rules (issue 22 point 7): length, character classes, no reuse of the
last five, an optional maximum age."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.passwords import character_classes, is_expired

pytestmark = pytest.mark.django_db


def test_a_password_needs_three_of_lower_upper_digits_and_symbols():
    assert character_classes("abcdefghij") == 1
    assert character_classes("Abcdefghi1") == 3
    assert character_classes("Ab1!") == 4


@pytest.mark.parametrize("password", ["short-A1", "alllowercaseletters", "ALLUPPER123456"])
def test_a_short_or_too_simple_password_is_refused(password, enterprise_user):
    with pytest.raises(ValidationError):
        validate_password(password, enterprise_user)


def test_a_long_password_with_three_classes_is_accepted(enterprise_user):
    validate_password("Taiyuan-export-2026", enterprise_user)


def test_none_of_the_last_five_passwords_may_be_used_again_but_the_sixth_may(enterprise_user):
    used = [f"Earlier-Pass-{n}-2026" for n in range(6)]
    for password in used:
        enterprise_user.set_password(password)
        enterprise_user.save()
    for password in used[1:]:
        with pytest.raises(ValidationError) as refused:
            validate_password(password, enterprise_user)
        assert "password_reused" in [e.code for e in refused.value.error_list]
    validate_password(used[0], enterprise_user)


def test_a_password_change_through_the_page_refuses_the_current_password(client, enterprise_user):
    client.force_login(enterprise_user)
    response = client.post("/accounts/password/", {
        "old_password": "Correct-Horse-2026", "new_password1": "Correct-Horse-2026",
        "new_password2": "Correct-Horse-2026"})
    assert response.status_code == 200  # the form again, with the error
    assert enterprise_user.password_history.count() == 1


def test_expiry_is_off_by_default_and_counts_days_since_the_last_change_when_set():
    now = timezone.now()
    assert not is_expired(now - timedelta(days=1000), now=now, max_age_days=0)
    assert is_expired(now - timedelta(days=91), now=now, max_age_days=90)
    assert not is_expired(now - timedelta(days=89), now=now, max_age_days=90)


def test_with_an_expired_password_the_token_endpoint_answers_403_password_expired(api, enterprise_user, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    enterprise_user.__class__.objects.filter(pk=enterprise_user.pk).update(
        password_changed_at=timezone.now() - timedelta(days=91))
    response = api(None).post("/api/v1/auth/token/", {"username": enterprise_user.username,
                                                      "password": "Correct-Horse-2026"}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "password_expired"


def test_with_an_expired_password_every_page_sends_the_user_to_change_it(client, enterprise_user, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    enterprise_user.__class__.objects.filter(pk=enterprise_user.pk).update(
        password_changed_at=timezone.now() - timedelta(days=91))
    client.force_login(enterprise_user)
    response = client.get("/home/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/"
    assert client.get("/accounts/password/").status_code == 200
