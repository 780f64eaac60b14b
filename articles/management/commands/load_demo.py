from django.core.management.base import BaseCommand

from articles.demo_content import load_demo


class Command(BaseCommand):
    help = "Load the demo articles, sections, authors and pictures; what is already there is left alone."

    def handle(self, *args, **options):
        report = self.stdout.write if options["verbosity"] else lambda line: None
        created = load_demo(report=report)
        report(self.style.SUCCESS(f"Demo content ready ({created} new articles)."))
