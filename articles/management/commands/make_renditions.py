from django.core.management.base import BaseCommand

from articles.models import Article
from articles.publishing import make_renditions, store_picture_sizes


class Command(BaseCommand):
    help = (
        "Make missing renditions of lead images and pictures in article bodies and store their sizes "
        "(for pictures saved before renditions, or after the rendition widths change; then run rerender)."
    )

    def handle(self, *args, **options):
        store_picture_sizes()
        count = 0
        for article in Article.objects.prefetch_related("body_images").iterator(chunk_size=200):
            make_renditions(article)
            count += bool(article.lead_image) + len(article.body_images.all())
        self.stdout.write(self.style.SUCCESS(f"Renditions ready for {count} pictures."))
