"""API tokens expire and die with the password they were obtained with."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from digital_ngo.accounts.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(make_user):
    user = make_user(Role.NGO_ADMIN)
    return user, Token.objects.create(user=user)


def call(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client.get("/api/applications/").status_code


def test_a_fresh_token_works_and_an_old_one_expires(holder, settings):
    user, token = holder
    assert call(token) == 200
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=31))
    assert call(token) == 401
    assert not Token.objects.filter(user=user).exists()


def test_a_password_change_drops_the_tokens(holder):
    user, token = holder
    user.set_password("an-Other-long-passw0rd")
    user.save()
    assert call(token) == 401


def test_saving_without_a_new_password_keeps_the_token(holder):
    user, token = holder
    user.full_name = "Yeni Ad"
    user.save()
    assert call(token) == 200
