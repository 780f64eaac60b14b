from django.core.management.base import BaseCommand

from articles.popularity import flush_view_counts


class Command(BaseCommand):
    help = (
        "Write the article views counted in the cache to the database. Run it from cron when "
        "the site uses Redis; without Redis each gunicorn worker writes its own as it exits."
    )

    def handle(self, *args, **options):
        written = flush_view_counts()
        self.stdout.write(self.style.SUCCESS(f"{written} views written."))
