from django.contrib import admin

from articles.admin import RichTextAdmin
from articles.forms import CleanBodyForm, body_widget

from .models import Page


@admin.register(Page)
class PageAdmin(RichTextAdmin):
    form = CleanBodyForm
    list_display = ["title", "slug", "is_published", "order", "updated_at"]
    list_editable = ["is_published", "order"]
    list_filter = ["is_published"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "body", "is_published", "order"]

    def view_on_site(self, page):
        # Readers get a 404 for a page that is not published.
        return page.get_absolute_url() if page.is_published else None

    def get_form(self, request, obj=None, change=False, **kwargs):
        return super().get_form(request, obj, change, widgets={"body": body_widget()}, **kwargs)
