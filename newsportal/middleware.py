from django.conf import settings
from django.db import close_old_connections
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _


def has_nul(request) -> bool:
    return "\x00" in request.path or any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
    )


class RejectNulMiddleware:
    """Answer 400 to an address with a NUL character: never valid, and PostgreSQL refuses it in text.

    Stopped here once, rather than in every search, filter and lookup that reads the query string.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            message = _("Null characters are not allowed.")
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)


class PathLocaleMiddleware(LocaleMiddleware):
    """The language comes from the address alone: Indonesian at the root, English under /en/.

    Never from the browser's Accept-Language or a cookie, so that one address is one page,
    the same for every reader and every cache.
    """

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class RetryReadMiddleware:
    """Run a GET or HEAD once more when the database dropped its connection under it.

    The pool hands out only connections that answered a check, so a dropped one (PostgreSQL
    restarted, the backend terminated) meets only the requests already running; a read is safe to
    run twice, and the pool makes a new connection for it (or gives up within its timeout: a 503).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in ("GET", "HEAD") and getattr(response, "lost_database_connection", False):
            close_old_connections()  # hand the dropped connection back, to be discarded
            response = self.get_response(request)
        return response
