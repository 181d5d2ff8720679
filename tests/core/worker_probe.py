"""A task for the two-worker test: each run leaves its own row in the cache table."""

import os
import time
import uuid

from django.core.cache import cache
from django_tasks import task


@task()
def probe(n: int) -> int:
    """Record one execution of job ``n`` (a new key per run) and return ``n``."""
    time.sleep(0.02)  # long enough for the two workers to compete for the queue
    cache.set(f"probe-run:{n}:{os.getpid()}:{uuid.uuid4().hex}", 1, None)
    return n
