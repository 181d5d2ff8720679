"""Permission helpers for views: who may use a view is checked with django-rules."""

from typing import Any

from django.core.exceptions import PermissionDenied


def require_object_permission(user: Any, permission: str, obj: Any) -> None:
    """Raise 403 unless ``user`` holds ``permission`` (on ``obj`` when it is given)."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied
