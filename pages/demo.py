"""The demo's pages: drafts of the five an Indonesian outlet publishes, for the newsroom to fill in."""

from collections.abc import Callable
from pathlib import Path

from .models import Page

DEMO_DIR = Path(__file__).resolve().parent / "demo"
# Slug (and file under demo/), title, in the footer's order.
PAGES = [
    ("redaksi", "Redaksi"),
    ("pedoman-media-siber", "Pedoman Media Siber"),
    ("tentang-kami", "Tentang Kami"),
    ("kontak", "Kontak"),
    ("kebijakan-privasi", "Kebijakan Privasi"),
]


def load_demo_pages(report: Callable[[str], None] = print) -> int:
    """Create the pages that are not there yet; return how many were made."""
    created_count = 0
    for order, (slug, title) in enumerate(PAGES, start=1):
        body = (DEMO_DIR / f"{slug}.html").read_text(encoding="utf-8")
        _page, created = Page.objects.get_or_create(
            slug=slug, defaults={"title": title, "body": body, "order": order, "is_published": True}
        )
        created_count += created
        report(f"{'added' if created else 'already there'}: {title}")
    return created_count
