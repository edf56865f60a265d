"""WSGI entry point for gunicorn: ``gunicorn config.wsgi``."""

from django.core.wsgi import get_wsgi_application

from config.boot import load_settings_or_exit

load_settings_or_exit()
application = get_wsgi_application()

from core.warmup import warm_up  # noqa: E402 - needs the app registry loaded above

warm_up()
