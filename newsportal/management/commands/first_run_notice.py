import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Say where the portal and its admin are, and how to make the first admin account."

    def handle(self, *args, **options):
        host = os.environ.get("HOST", "127.0.0.1")
        base = f"http://{host}:{os.environ.get('PORT', '8000')}"
        self.stdout.write(f"The portal: {base}/  ·  the newsroom (Django admin): {base}/admin/")
        if not get_user_model().objects.filter(is_superuser=True).exists():
            self.stdout.write(
                self.style.WARNING(
                    "No admin account yet. Make the first one with:\n"
                    "    .venv/bin/python manage.py createsuperuser\n"
                    "(in Docker: docker compose exec web python manage.py createsuperuser)"
                )
            )
