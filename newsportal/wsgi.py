import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")

django_application = get_wsgi_application()

from newsportal.pagecache import CachedPageApplication  # noqa: E402 - once Django is set up

application = CachedPageApplication(django_application)
