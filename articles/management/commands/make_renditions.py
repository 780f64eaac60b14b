from django.core.management.base import BaseCommand

from articles.models import Article, BodyImage


class Command(BaseCommand):
    help = (
        "Make missing renditions of lead images and pictures in article bodies and store their sizes "
        "(for pictures saved before renditions, or after the rendition widths change)."
    )

    def handle(self, *args, **options):
        count = 0
        for article in Article.objects.exclude(lead_image="").iterator():
            # Saving only the size makes the renditions and leaves the article's content and times alone.
            article.save(update_fields=["lead_image_width", "lead_image_height"])
            count += 1
        for body_image in BodyImage.objects.iterator():
            body_image.save(update_fields=["width", "height"])
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Renditions ready for {count} pictures."))
