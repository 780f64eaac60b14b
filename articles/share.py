"""Share links built on the server: plain links, no third-party script."""

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    href: str


@lru_cache(maxsize=1000)
def share_links(url: str, title: str) -> tuple[ShareLink, ...]:
    """Links that share ``url`` with ``title`` on each network, every part percent-encoded; remembered."""
    text_and_url = f"{title} {url}"
    return (
        ShareLink(
            "facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})
        ),
        ShareLink("x", "X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title})),
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text_and_url})),
        ShareLink("telegram", "Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": title})),
        ShareLink(
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        ShareLink(
            "email",
            _("Email"),
            # mailto wants %20 for spaces, not "+" (RFC 6068).
            "mailto:?" + urlencode({"subject": title, "body": text_and_url}, quote_via=quote),
        ),
    )
