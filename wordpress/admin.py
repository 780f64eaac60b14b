from django.contrib import admin

from .models import Redirect


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "target", "feed"]
    list_select_related = ["article__section", "section", "author", "tag"]
    search_fields = ["old_path"]
    list_filter = ["feed"]
    autocomplete_fields = ["article", "section", "author", "tag"]
