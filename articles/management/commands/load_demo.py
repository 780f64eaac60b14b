from django.core.management.base import BaseCommand

from articles.demo_content import load_demo


class Command(BaseCommand):
    help = "Load the demo articles, sections, authors and pictures; what is already there is left alone."

    def handle(self, *args, **options):
        created = load_demo(report=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} new articles)."))
