"""WSGI entry point for gunicorn: ``gunicorn config.wsgi``."""

from django.core.wsgi import get_wsgi_application

from config.boot import load_settings_or_exit

load_settings_or_exit()
application = get_wsgi_application()
