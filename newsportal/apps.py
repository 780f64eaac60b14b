from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class NewsportalConfig(AppConfig):
    """The project package: what combines the apps (roles, the page cache, the newsroom's dashboard)."""

    name = "newsportal"

    def ready(self):
        from .pagecache import connect_signals
        from .roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, sender=apps.get_app_config("auth"))
        connect_signals()


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the newsroom's site (newsportal/admin.py)."""

    default = False
    default_site = "newsportal.admin.NewsroomAdminSite"
