from django.apps import AppConfig


class NewsportalConfig(AppConfig):
    """The project package: what combines the apps (the page cache, the newsroom's dashboard)."""

    name = "newsportal"

    def ready(self):
        from .pagecache import connect_signals

        connect_signals()
