import json

from django.core.management.base import BaseCommand

from comments.privacy import export_data


class Command(BaseCommand):
    help = "Print, as JSON, every comment posted with an email address and what is kept about it."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(export_data(options["email"]), ensure_ascii=False, indent=2))
