from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig


class NewsportalConfig(AppConfig):
    """The project package: what combines the apps (roles, the page cache, the newsroom's dashboard)."""

    name = "newsportal"
    default = True  # the app config of "newsportal" in INSTALLED_APPS; TagsConfig below is named there too

    def ready(self):
        from .pagecache import connect_signals
        from .roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, sender=apps.get_app_config("auth"))
        connect_signals()


class TagsConfig(TaggitAppConfig):
    """django-taggit under the newsroom's name for it: the admin index heads its tags "Tags", not "Taggit"."""

    verbose_name = _("Tags")


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the newsroom's site (newsportal/admin.py)."""

    default = False
    default_site = "newsportal.admin.NewsroomAdminSite"
