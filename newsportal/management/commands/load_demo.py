from django.core.management.base import BaseCommand

from articles.demo_content import load_demo
from pages.demo import load_demo_pages


class Command(BaseCommand):
    help = (
        "Load the demo articles, sections, authors, pictures and pages; what is already there is left alone."
    )

    def handle(self, *args, **options):
        report = self.stdout.write if options["verbosity"] else lambda line: None
        created = load_demo(report=report)
        pages = load_demo_pages(report=report)
        report(self.style.SUCCESS(f"Demo content ready ({created} new articles, {pages} new pages)."))
