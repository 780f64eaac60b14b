from django.http import HttpResponsePermanentRedirect

from articles.http import make_public

from .models import Redirect

# WordPress's addresses by ID: /?p=123 (a post), /?cat=4 (a category), /?author=2, /?tag=slug.
QUERY_ADDRESSES = ("p", "page_id", "cat", "author", "tag")


def legacy_query(request) -> str | None:
    """The old address by ID that this request asks for, e.g. ``/?p=123``, or None."""
    if request.path_info != "/" or len(request.GET) != 1:
        return None
    name, value = next(iter(request.GET.items()))
    return f"/?{name}={value}" if name in QUERY_ADDRESSES else None


def find_redirect(*old_paths: str) -> str | None:
    """Where the first of these old addresses leads, in one query; None if none of them is known."""
    redirects = Redirect.objects.filter(old_path__in=old_paths).select_related(
        "article__section", "section", "author", "tag", "page"
    )
    by_path = {redirect.old_path: redirect for redirect in redirects}
    for old_path in old_paths:
        if old_path in by_path:
            return by_path[old_path].target_url()
    return None


class WordPressRedirectMiddleware:
    """Answer the old site's addresses with a 301: those by ID before any view runs, the others when the
    portal has no page there (a 404), so that no other page costs a query more."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (old_path := legacy_query(request)) and (target := find_redirect(old_path)):
            return self.redirect(target)
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        path = request.path_info
        target = find_redirect(path, path if path.endswith("/") else f"{path}/")
        if target is None or target == request.path:
            return response
        return self.redirect(target)

    def redirect(self, target: str):
        # Short-lived in caches like any public page: an editor who moves the article moves the redirect.
        return make_public(HttpResponsePermanentRedirect(target))
