"""What a reader gets when a request fails on our side."""

import sys

from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults

from .database import ended_session

# How long a reader (or a cache in front) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 5


def is_unavailable(error: BaseException) -> bool:
    """Whether ``error`` says the database is down, hung, restarting or overloaded: worth a retry soon."""
    return isinstance(error, OperationalError)


def is_lost_connection(error: BaseException) -> bool:
    """Whether the server ended the session under a query (a restart, a terminated backend).

    Not a timeout: a request that already waited for a hung server is not made to wait again.
    """
    return ended_session(error.__cause__)


def server_error(request):
    """The styled 500 page; a 503 with Retry-After when the database is down, hung or restarting.

    Django calls this while it handles the exception, wherever it was raised: in a view, a
    template or a middleware.
    """
    error = sys.exc_info()[1]
    if error is None or not is_unavailable(error):
        return defaults.server_error(request)
    # Rendered without the request: the context processors read the database.
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Read by RetryReadMiddleware: a read whose connection was dropped under it may run again.
    response.lost_database_connection = is_lost_connection(error)
    return response


def bad_request(request, exception):
    """The 400 page. Django's own checks the CSRF token first, reading the body again: what had failed."""
    return render(request, "400.html", status=400)
