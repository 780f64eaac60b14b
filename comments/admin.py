from django.contrib import admin, messages
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.template.defaultfilters import truncatewords
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Comment
from .services import comments_changed, delete_comments, moderate


def set_status(status, description):
    """A bulk action that moves the selected comments to ``status``."""

    def action(modeladmin, request, queryset):
        changed = moderate(queryset, status)
        label = Comment.Status(status).label
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d comment marked “%(status)s”.", "%(count)d comments marked “%(status)s”.", changed
            )
            % {"count": changed, "status": label},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{status}"
    return admin.action(description=description, permissions=["change"])(action)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "author_name",
        "author_email",
        "excerpt",
        "article_link",
        "status",
        "submitted_at",
        "ip_address",
    ]
    list_filter = ["status", ("article", admin.RelatedOnlyFieldListFilter)]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["author_name", "author_email", "text", "ip_address"]
    list_select_related = ["article__section"]
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    date_hierarchy = "submitted_at"
    actions = [
        set_status(Comment.Status.APPROVED, _("Approve")),
        set_status(Comment.Status.PENDING, _("Unapprove")),
        set_status(Comment.Status.SPAM, _("Mark as spam")),
        set_status(Comment.Status.TRASH, _("Move to trash")),
    ]
    fields = [
        "article",
        "parent",
        "status",
        "author_name",
        "author_email",
        "author_url",
        "text",
        "submitted_at",
        "ip_address",
        "user_agent",
    ]
    # Pending comments first, then the newest.
    ordering = [
        Case(
            When(status=Comment.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
        ).asc(),
        "-submitted_at",
    ]
    readonly_fields = ["article", "parent", "submitted_at", "ip_address", "user_agent"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        comments_changed([obj.article_id])

    def delete_model(self, request, obj):
        delete_comments(Comment.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        delete_comments(queryset)

    def has_add_permission(self, request):
        # Comments come from readers, through the form under each article.
        return False

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return truncatewords(comment.text, 20)

    @admin.display(description=_("article"), ordering="article__headline")
    def article_link(self, comment):
        return format_html('<a href="{}">{}</a>', comment.get_absolute_url(), comment.article.headline)
