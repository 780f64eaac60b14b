from django.conf import settings
from django.core.management.base import BaseCommand

from comments.privacy import purge_ips


class Command(BaseCommand):
    help = "Clear the IP address and browser of comments older than COMMENTS_IP_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="override COMMENTS_IP_RETENTION_DAYS")

    def handle(self, *args, **options):
        days = options["days"] if options["days"] is not None else settings.COMMENTS_IP_RETENTION_DAYS
        cleared = purge_ips(older_than_days=days)
        self.stdout.write(f"Cleared IP address and browser of {cleared} comments older than {days} days.")
