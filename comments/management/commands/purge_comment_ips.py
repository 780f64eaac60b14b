from django.core.management.base import BaseCommand

from comments.discussion import current
from comments.privacy import purge_ips


class Command(BaseCommand):
    help = "Clear the IP address and browser of comments older than the discussion settings keep them."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="override the discussion settings' days")

    def handle(self, *args, **options):
        days = options["days"] if options["days"] is not None else current().ip_retention_days
        cleared = purge_ips(older_than_days=days)
        self.stdout.write(f"Cleared IP address and browser of {cleared} comments older than {days} days.")
