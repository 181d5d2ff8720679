"""Helpers for forms shared by every app."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` on ``form``: per field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def message_errors(request: HttpRequest, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` as error messages on the next page."""
    for message in error.messages:
        messages.error(request, message)
