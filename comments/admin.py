import json

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import truncatewords
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import privacy
from .discussion import SETTINGS_PK, current, saved_settings
from .forms import DUPLICATE_MESSAGE
from .models import Comment, DiscussionSettings, PrivacyRequest
from .services import DuplicateComment, comments_changed, delete_comments, moderate, reply_as_newsroom

# The links under each comment of the queue: the status each one gives.
ROW_ACTIONS = [
    (Comment.Status.APPROVED, _("Approve")),
    (Comment.Status.SPAM, _("Spam")),
    (Comment.Status.TRASH, _("Bin")),
]


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


class HeadlineFilter(admin.SimpleListFilter):
    """Comments on the articles whose headline holds the words typed: a search box, not a list of every
    commented article."""

    title = _("article")
    parameter_name = "headline"
    template = "admin/comments/comment/headline_filter.html"

    def lookups(self, request, model_admin):
        return []

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(article__headline__icontains=self.value())
        return queryset

    def choices(self, changelist):
        """One choice: what the box's form sends along besides the words (the other filters)."""
        others = changelist.get_filters_params()
        others.pop(self.parameter_name, None)
        yield {
            "value": self.value() or "",
            "others": [(name, value) for name, values in others.items() for value in values],
        }


class NewsroomReplyForm(forms.Form):
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].max_length = settings.COMMENTS_MAX_LENGTH
        self.fields["text"].widget.attrs["maxlength"] = settings.COMMENTS_MAX_LENGTH


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
    list_filter = ["status", HeadlineFilter]
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

    class Media:
        css = {"all": ["css/newsroom-admin.css"]}

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        """The start of the text, with WordPress's links under it: Approve | Spam | Bin | Reply."""
        moderate_url = reverse("admin:comments_comment_moderate", args=[comment.pk])
        # Buttons of the change list's form, which carries the CSRF token; each sends only its status.
        buttons = format_html_join(
            " | ",
            '<button form="changelist-form" formaction="{}" name="status" value="{}">{}</button>',
            ((moderate_url, status, label) for status, label in ROW_ACTIONS if status != comment.status),
        )
        reply_url = reverse("admin:comments_comment_reply", args=[comment.pk])
        return format_html(
            '{}<div class="row-actions">{} | <a href="{}">{}</a></div>',
            truncatewords(comment.text, 20),
            buttons,
            reply_url,
            gettext("Reply"),
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/moderate/",
                self.admin_site.admin_view(self.moderate_view),
                name="comments_comment_moderate",
            ),
            path(
                "<path:object_id>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name="comments_comment_reply",
            ),
            *super().get_urls(),
        ]

    def queue_comment(self, request, object_id) -> Comment:
        if not self.has_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(Comment.objects.select_related("article"), pk=unquote(object_id))

    @method_decorator(require_POST)
    def moderate_view(self, request, object_id):
        """One comment approved, marked spam or binned from its row in the queue; back to the queue."""
        comment = self.queue_comment(request, object_id)
        status = request.POST.get("status")
        if status not in dict(ROW_ACTIONS):
            return HttpResponseBadRequest(gettext("Choose Approve, Spam or Bin."))
        moderate(Comment.objects.filter(pk=comment.pk), status)
        self.message_user(
            request,
            gettext("The comment of %(name)s is now “%(status)s”.")
            % {"name": comment.author_name, "status": Comment.Status(status).label},
            messages.SUCCESS,
        )
        back = request.headers.get("referer", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
            back = reverse("admin:comments_comment_changelist")
        return HttpResponseRedirect(back)

    def reply_view(self, request, object_id):
        """The newsroom answers a comment under the site's name; the reply is approved at once."""
        comment = self.queue_comment(request, object_id)
        form = NewsroomReplyForm(request.POST or None)
        if form.is_valid():
            try:
                reply_as_newsroom(parent=comment, text=form.cleaned_data["text"], user=request.user)
            except DuplicateComment:
                form.add_error("text", DUPLICATE_MESSAGE)
            else:
                self.message_user(request, gettext("Your reply is published."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:comments_comment_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reply as %(site)s") % {"site": settings.SITE_NAME},
            "opts": self.opts,
            "comment": comment,
            "form": form,
        }
        return TemplateResponse(
            request, "admin/comments/comment/reply.html", context, status=400 if form.errors else 200
        )

    @admin.display(description=_("article"), ordering="article__headline")
    def article_link(self, comment):
        return format_html('<a href="{}">{}</a>', comment.get_absolute_url(), comment.article.headline)


def shown_value(form, name, value) -> str:
    """A settings value as the log keeps it: words and numbers as typed, yes or no for a box."""
    if isinstance(form.fields[name], forms.BooleanField):
        return gettext("yes") if value else gettext("no")
    return "“" + ", ".join(line.strip() for line in str(value).splitlines() if line.strip()) + "”"


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(admin.ModelAdmin):
    """Settings → Discussion: one form; its history keeps each change with the values before and after."""

    fieldsets = [
        (
            _("Moderation"),
            {
                "fields": [
                    "hold_all",
                    "approve_known_email",
                    "max_links",
                    "moderation_words",
                    "disallowed_words",
                ]
            },
        ),
        (_("Threads"), {"fields": ["close_after_days", "max_depth", "per_page"]}),
        (_("Spam"), {"fields": ["min_fill_seconds", "rate_limit", "rate_window_seconds"]}),
        (
            _("Moderators and privacy"),
            {"fields": ["notify_moderators", "ip_retention_days", "privacy_request_hours"]},
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row: its list is its form.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(reverse("admin:comments_discussionsettings_change", args=[SETTINGS_PK]))

    def get_object(self, request, object_id, from_field=None):
        saved_settings()  # the environment's values are written the first time the form is opened
        return super().get_object(request, object_id, from_field)

    def construct_change_message(self, request, form, formsets, add=False):
        """What changed, from what to what: the history keeps the values, not only the fields' names."""
        return "; ".join(
            f"{form.fields[name].label}: {shown_value(form, name, form.initial.get(name))} → "
            f"{shown_value(form, name, form.cleaned_data[name])}"
            for name in form.changed_data
        )


class PrivacyRequestState(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("To do")), ("late", _("Late")), ("done", _("Done"))]

    def queryset(self, request, queryset):
        match self.value():
            case "open":
                return queryset.filter(done_at=None)
            case "late":
                return queryset.filter(done_at=None, due_at__lt=timezone.now())
            case "done":
                return queryset.exclude(done_at=None)
            case _:
                return queryset


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(admin.ModelAdmin):
    """A person's request for their data or its erasure: recorded, then exported or erased from its page."""

    list_display = ["email", "kind", "received_at", "state", "done_by"]
    list_filter = [PrivacyRequestState, "kind"]
    list_select_related = ["done_by"]
    search_fields = ["email"]
    fields = ["email", "kind", "received_at", "note", "done_at", "done_by"]
    readonly_fields = ["done_at", "done_by"]
    date_hierarchy = "received_at"

    def get_queryset(self, request):
        return super().get_queryset(request).with_due_at(current().privacy_request_hours)

    def has_delete_permission(self, request, obj=None):
        # Requests are the record of what was asked and done.
        return False

    @admin.display(description=_("state"), ordering="due_at")
    def state(self, request_):
        if request_.done_at:
            return _("Done %(date)s") % {
                "date": date_format(timezone.localtime(request_.done_at), "j M Y H:i")
            }
        due = date_format(timezone.localtime(request_.due_at), "j M Y H:i")
        if request_.due_at < timezone.now():
            return format_html(
                '<strong class="privacy-late">{}</strong>', _("Late: due %(date)s") % {"date": due}
            )
        return _("Due %(date)s") % {"date": due}

    def get_urls(self):
        return [
            path(
                "<path:object_id>/export/",
                self.admin_site.admin_view(require_POST(self.export_view)),
                name="comments_privacyrequest_export",
            ),
            path(
                "<path:object_id>/erase/",
                self.admin_site.admin_view(self.erase_view),
                name="comments_privacyrequest_erase",
            ),
            *super().get_urls(),
        ]

    def request_to_handle(self, request, object_id) -> PrivacyRequest:
        if not self.has_change_permission(request):
            raise PermissionDenied
        privacy_request = self.get_object(request, unquote(object_id))
        if privacy_request is None:
            raise Http404(_("No such privacy request."))
        return privacy_request

    def mark_done(self, request, privacy_request: PrivacyRequest, message: str) -> None:
        privacy_request.done_at = timezone.now()
        privacy_request.done_by = request.user
        privacy_request.save(update_fields=["done_at", "done_by"])
        self.log_change(request, privacy_request, message)

    def export_view(self, request, object_id):
        """The person's comments as a JSON download (what ``export_commenter_data`` prints)."""
        privacy_request = self.request_to_handle(request, object_id)
        data = privacy.export_data(privacy_request.email)
        if privacy_request.kind == PrivacyRequest.Kind.EXPORT and not privacy_request.done_at:
            self.mark_done(
                request, privacy_request, gettext("Exported %(count)d comments.") % {"count": len(data)}
            )
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="comments-{privacy_request.pk}.json"'
        return response

    def erase_view(self, request, object_id):
        """Say how many comments erasing touches; once confirmed, erase as ``erase_commenter_data`` does."""
        privacy_request = self.request_to_handle(request, object_id)
        if request.method == "POST":
            remove_text = bool(request.POST.get("remove_text"))
            erased = privacy.erase_data(privacy_request.email, remove_text=remove_text)
            message = ngettext("%(count)d comment erased.", "%(count)d comments erased.", erased) % {
                "count": erased
            }
            self.mark_done(request, privacy_request, message)
            self.message_user(request, message, messages.SUCCESS)
            return HttpResponseRedirect(
                reverse("admin:comments_privacyrequest_change", args=[privacy_request.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase this person’s data?"),
            "opts": self.opts,
            "original": privacy_request,
            "count": privacy.comments_by(privacy_request.email).count(),
        }
        return TemplateResponse(request, "admin/comments/privacyrequest/erase.html", context)
