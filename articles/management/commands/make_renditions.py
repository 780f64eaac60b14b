from django.core.management.base import BaseCommand

from articles.models import Article


class Command(BaseCommand):
    help = (
        "Make missing renditions of lead images and store their sizes (for articles saved before renditions)."
    )

    def handle(self, *args, **options):
        count = 0
        for article in Article.objects.exclude(lead_image="").iterator():
            # Saving only the size makes the renditions and leaves the article's content and times alone.
            article.save(update_fields=["lead_image_width", "lead_image_height"])
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Renditions ready for {count} lead images."))
