"""One error body for every API failure: {"error": {"status", "code", "message", "details"}}."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler


def _details(error: DjangoValidationError) -> Any:
    return error.message_dict if hasattr(error, "error_dict") else error.messages


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn service errors into 400/403 and wrap every error in the same envelope."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_details(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    code = getattr(exc, "default_code", "error")
    fallback = getattr(exc, "default_detail", "")
    message = detail.get("detail") if isinstance(detail, dict) and "detail" in detail else fallback
    details = None if isinstance(detail, dict) and set(detail) == {"detail"} else detail
    response.data = {
        "error": {
            "status": response.status_code,
            "code": code,
            "message": str(message),
            "details": details,
        }
    }
    return response
