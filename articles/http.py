"""HTTP for the readers' pages: what any cache may keep and for how long, and which posts come from here."""

from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control


def public_page(view):
    """Let any cache keep the view's successful answers for a short while (see PAGE_* settings)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.has_header("Cache-Control"):
            make_public(response)
        return response

    return wrapped


def make_public(response):
    """The public pages' ``Cache-Control``: any cache may keep the response for a short while."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_MAX_AGE,
        s_maxage=settings.PAGE_SHARED_MAX_AGE,
        stale_while_revalidate=settings.PAGE_STALE_WHILE_REVALIDATE,
        stale_if_error=settings.PAGE_STALE_IF_ERROR,
    )
    return response


def is_cross_site(request) -> bool:
    """Whether a browser sent this request from another site's page: Fetch metadata, else the Origin.

    A request with neither header comes from no browser that another site could make send it.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    return origin not in {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
