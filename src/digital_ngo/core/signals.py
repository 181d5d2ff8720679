"""Signal handlers connected in one place: cache invalidation and the cache table.

Every save, delete or many-to-many change of a model of the public apps
(:data:`digital_ngo.core.cache.PUBLIC_APPS`) bumps that app's cache topic. Signals
rather than a call in each service, because (1) every publishing service ends in
such a write, (2) back-office edits change public data too, and (3) the services
are being rewritten onto ``core.workflow.perform`` in parallel: one module here
keeps invalidation complete and out of their way. ``bulk_create``/``update``
send no signals; code using them on public models calls ``cache.bump`` itself.
"""

from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from digital_ngo.core import cache


def _bump_for(sender: Any, **kwargs: Any) -> None:
    cache.bump(sender._meta.app_label)


def _bump_m2m(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    label = instance._meta.app_label
    if action.startswith("post_") and label in cache.PUBLIC_APPS:
        cache.bump(label)


def create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """``createcachetable`` after every ``migrate`` (idempotent; nothing to do with Redis)."""
    call_command("createcachetable", database=using, verbosity=0)


def connect() -> None:
    """Connect the handlers (called once from ``CoreConfig.ready``)."""
    for label in cache.PUBLIC_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):  # follows a save already seen
                continue
            post_save.connect(_bump_for, sender=model, dispatch_uid=f"bump-save-{model._meta}")
            post_delete.connect(_bump_for, sender=model, dispatch_uid=f"bump-del-{model._meta}")
    m2m_changed.connect(_bump_m2m, dispatch_uid="bump-m2m")
    post_migrate.connect(
        create_cache_table, sender=apps.get_app_config("core"), dispatch_uid="cache-table"
    )
