"""Every model that holds money, scores, logframe, decisions or rules keeps its full history.

The test walks the project's models: each must be historised (django-simple-history)
or stand on the short list below, with the reason it needs no history.
"""

from django.apps import apps
from simple_history.models import registered_models

#: Models without field history, and why.
EXCEPTIONS = {
    "core.notification": "a message sent to a user; its content never changes",
    "core.actionlog": "the append-only log of workflow steps itself",
    "core.sentonce": "an append-only key that a scheduled step was done",
    "core.schedulerrun": "the scheduler's own append-only log",
    "core.workerheartbeat": "a worker's sign of life, overwritten every few seconds",
    "press.readpage": "a page's OCR checkpoint, derived from the uploaded file",
    "accounts.invitation": "a one-time token; its acceptance creates the (historised) user",
    "registry.economicregion": "reference data loaded from registry/data, not entered by users",
    "registry.district": "reference data loaded from registry/data, not entered by users",
    "press.mention": "derived from a clipping's text (itself historised) and recomputed",
    "press.fact": "derived from a clipping's text (itself historised) and recomputed",
    "programmes.taskprogress": "the append-only dated status history of a task (read as of a date)",
    "campaigns.delivery": "one row per recipient written by the sending worker; its status is "
    "the mailing's record (claimed atomically), the statement itself is historised",
}


def project_models():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("digital_ngo.")
        and not model.__name__.startswith("Historical")
    ]


def test_every_project_model_is_historised_or_excused():
    historised = set(registered_models.values())
    missing = [
        model._meta.label_lower
        for model in project_models()
        if model not in historised and model._meta.label_lower not in EXCEPTIONS
    ]
    assert missing == []


def test_the_exceptions_are_real_models_without_history():
    labels = {model._meta.label_lower for model in project_models()}
    historised = {model._meta.label_lower for model in registered_models.values()}
    assert set(EXCEPTIONS) <= labels
    assert not set(EXCEPTIONS) & historised
