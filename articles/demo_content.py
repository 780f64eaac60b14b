"""Demo content: the articles under articles/demo/, their sections, authors and pictures."""

import io
import json
import random
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from PIL import Image, ImageDraw, ImageFilter

from .importer import parse_article_text, save_parsed_article
from .models import Article, Author, Section

DEMO_DIR = Path(__file__).resolve().parent / "demo"
IMAGE_SIZE = (1600, 900)


def illustration(seed: str, colors: list[str]) -> bytes:
    """An abstract JPEG picture in the given colours, the same for the same seed."""
    rng = random.Random(seed)
    start, end = (Image.new("RGB", (1, 1), color).getpixel((0, 0)) for color in colors)
    width, height = IMAGE_SIZE
    gradient = (
        Image.linear_gradient("L").rotate(rng.choice([0, 45, 90, 135]), expand=False).resize(IMAGE_SIZE)
    )
    image = Image.composite(Image.new("RGB", IMAGE_SIZE, end), Image.new("RGB", IMAGE_SIZE, start), gradient)
    overlay = Image.new("RGBA", IMAGE_SIZE)
    draw = ImageDraw.Draw(overlay)
    for _ in range(9):
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.randrange(60, 360)
        fill = (*rng.choice([start, end]), rng.randrange(50, 140))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=fill)
    image.paste(overlay.filter(ImageFilter.GaussianBlur(6)), mask=overlay.filter(ImageFilter.GaussianBlur(6)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def load_demo(report: Callable[[str], None] = print) -> int:
    """Create what the manifest lists and is not there yet; return the number of new articles."""
    manifest = json.loads((DEMO_DIR / "manifest.json").read_text(encoding="utf-8"))
    sections = {
        item["slug"]: Section.objects.get_or_create(
            slug=item["slug"], defaults={"name": item["name"], "order": item["order"]}
        )[0]
        for item in manifest["sections"]
    }
    authors = {
        item["byline_code"]: Author.objects.get_or_create(
            byline_code=item["byline_code"],
            defaults={"name": item["name"], "slug": item["slug"], "bio": item.get("bio", "")},
        )[0]
        for item in manifest["authors"]
    }
    now = timezone.now()
    created_count = 0
    total = len(manifest["articles"])
    for number, item in enumerate(manifest["articles"], start=1):
        parsed = parse_article_text((DEMO_DIR / item["file"]).read_text(encoding="utf-8"))
        if Article.objects.filter(slug=parsed.slug).exists():
            report(f"[{number}/{total}] already there: {parsed.headline}")
            continue
        if "published" in item:
            publish_at = parse_datetime(item["published"])
        else:
            publish_at = now - timedelta(hours=item["hours_ago"])
        picture = {}
        if image := item.get("image"):
            picture = {
                "lead_image": ContentFile(
                    illustration(parsed.slug, image["colors"]), name=f"{parsed.slug}.jpg"
                ),
                "lead_image_alt": image["alt"],
                "lead_image_caption": image.get("caption", ""),
                "lead_image_credit": image.get("credit", ""),
            }
        save_parsed_article(
            parsed,
            section=sections[item["section"]],
            authors=[authors[code] for code in item["authors"]],
            tags=item["tags"],
            dek=item.get("dek", ""),
            publish_at=publish_at,
            featured=item.get("featured", False),
            **picture,
        )
        created_count += 1
        report(f"[{number}/{total}] added: {parsed.headline}")
    return created_count
