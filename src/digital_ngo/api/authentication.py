"""API tokens that expire and do not survive a password change.

A token older than ``API_TOKEN_DAYS`` is deleted when next presented (401; the client asks
for a new one at ``/api/token/``). Changing or resetting the password deletes the user's
tokens (the ``pre_save`` receiver below), so a leaked token dies with the old password.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if token.created < timezone.now() - timedelta(days=settings.API_TOKEN_DAYS):
            token.delete()
            raise AuthenticationFailed(_("The token has expired; ask for a new one."))
        return user, token


def drop_tokens_on_password_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not instance.pk or kwargs.get("raw"):
        return
    old = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old is not None and old != instance.password:
        Token.objects.filter(user_id=instance.pk).delete()


def connect() -> None:
    pre_save.connect(
        drop_tokens_on_password_change,
        sender=settings.AUTH_USER_MODEL,
        dispatch_uid="api.drop_tokens_on_password_change",
    )
