"""A fixed-window limit on comment posts per IP address, kept in the shared cache."""

import time

from django.conf import settings
from django.core.cache import cache

from .discussion import current


def client_ip(request) -> str | None:
    """The reader's address; behind NUM_PROXIES trusted proxies, taken from X-Forwarded-For."""
    proxies = settings.NUM_PROXIES
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def allow_post(ip: str | None) -> bool:
    """Count a post from ``ip``; False once it is over the limit for the current window."""
    rules = current()
    limit, window = rules.rate_limit, rules.rate_window_seconds
    if not limit or not ip:
        return True
    key = f"comments:rate:{ip}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
