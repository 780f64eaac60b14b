"""A bare Django site for bench/serving.py: one view answering 20 KB, no middleware, no portal code.

DJANGO_SETTINGS_MODULE=bench.bare_django gunicorn --config newsportal/gunicorn.conf.py bench.bare_django
"""

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

SECRET_KEY = "bare-django-benchmark-only"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = __name__
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_TZ = True

PAGE = ("<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 8 + "</p>\n") * 45
BODY = PAGE.encode()[: 20 * 1024]


def twenty_kilobytes(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", twenty_kilobytes)]
application = get_wsgi_application()
