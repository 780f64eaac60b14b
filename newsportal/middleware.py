import secrets

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation import gettext as _


class LazyNonce(SimpleLazyObject):
    """A nonce made when a page first asks for it; only such pages name it in their policy."""

    def __init__(self):
        super().__init__(lambda: secrets.token_urlsafe(16))

    def __bool__(self):
        return self._wrapped is not empty


def with_script_nonce(policy: str, nonce: str) -> str:
    """The policy, with the nonce allowed in its script-src directive."""
    directives = [directive.strip() for directive in policy.split(";") if directive.strip()]
    return "; ".join(
        f"{directive} 'nonce-{nonce}'" if directive.split()[0] == "script-src" else directive
        for directive in directives
    )


class ContentSecurityPolicyMiddleware:
    """Tell browsers that pages load nothing from another host.

    A page with an inline script it needs (the admin's editor has an import map) gives the
    script ``request.csp_nonce``; the policy of that response then allows it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = LazyNonce()
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy:
            if request.csp_nonce:
                policy = with_script_nonce(policy, str(request.csp_nonce))
            response.headers.setdefault("Content-Security-Policy", policy)
        return response


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
