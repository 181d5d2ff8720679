"""gunicorn settings (read from the working directory): workers sized for the machine.

workers = 2 × cores + 1 (gunicorn's rule: while one worker waits on the database or the
network another uses the core), overridable with ``WEB_CONCURRENCY``; ``GUNICORN_THREADS``
(default 1: sync workers, measured fastest for this app, see README) adds threads.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
