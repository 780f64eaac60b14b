from django.core.management.base import BaseCommand

from articles.publishing import rerender_all as rerender_articles
from comments.services import rerender_all as rerender_comments


class Command(BaseCommand):
    help = "Re-render stored HTML after a change of templates, rendition widths or storage."

    def handle(self, *args, **options):
        report = self.stdout.write if options["verbosity"] else lambda line: None
        bodies = rerender_articles(report)
        comments = rerender_comments(report)
        self.stdout.write(
            self.style.SUCCESS(
                f"Stored HTML made again: {bodies} article bodies changed, {comments} comments."
            )
        )
