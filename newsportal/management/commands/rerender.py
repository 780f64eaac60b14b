from django.core.management.base import BaseCommand

from articles.publishing import rerender_all


class Command(BaseCommand):
    help = "Re-render stored HTML after a change of templates, rendition widths or storage."

    def handle(self, *args, **options):
        report = self.stdout.write if options["verbosity"] else lambda line: None
        changed = rerender_all(report)
        self.stdout.write(self.style.SUCCESS(f"Article bodies re-rendered ({changed} changed)."))
