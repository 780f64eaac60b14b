"""A fixed-window limit on comment posts per IP address, kept in the shared cache.

When the cache is down the limit still holds, counted from the comments stored from that address
in the last window: a reader's comment is never refused because of the cache, and a flood from
one address is still stopped. (Posts refused for errors are not stored, so only then go uncounted.)
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .discussion import current
from .models import Comment

logger = logging.getLogger(__name__)


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
    try:
        count = _count_in_cache(ip, window)
    except Exception:
        logger.warning("The cache is unreachable: comment posts from %s are counted in the database", ip)
        since = timezone.now() - timedelta(seconds=window)
        count = Comment.objects.filter(ip_address=ip, submitted_at__gte=since).count() + 1
    return count <= limit


def _count_in_cache(ip: str, window: int) -> int:
    key = f"comments:rate:{ip}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1
