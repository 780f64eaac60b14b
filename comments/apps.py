from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from .discussion import settings_saved
        from .models import DiscussionSettings

        post_save.connect(settings_saved, sender=DiscussionSettings, dispatch_uid="discussion-settings-saved")
