from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class NewsportalConfig(AppConfig):
    name = "newsportal"

    def ready(self):
        from .roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, sender=apps.get_app_config("auth"))
