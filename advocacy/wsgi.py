import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings")
application = get_wsgi_application()

from advocacy.warmup import warm_up  # noqa: E402 (needs the configured Django)

warm_up()
