from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Article, Author, Correction, Section

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom")


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "byline_code", "user"]
    list_select_related = ["user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "byline_code"]
    autocomplete_fields = ["user"]


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["corrected_at", "text"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "status", "publish_at", "is_featured"]
    list_filter = ["status", "section", "is_featured"]
    list_select_related = ["section"]
    date_hierarchy = "publish_at"
    search_fields = ["headline", "dek", "body", "byline_code"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "authors"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body", "byline_code"]}),
        (_("Placement"), {"fields": ["section", "authors", "tags", "is_featured", "allow_comments"]}),
        (
            _("Lead image"),
            {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]},
        ),
        (_("Publication"), {"fields": ["status", "publish_at"]}),
    ]
    inlines = [CorrectionInline]
