"""WSGI entry point (``gunicorn digital_ngo.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_ngo.settings")
application = get_wsgi_application()
