from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import BadRequest, PermissionDenied
from django.db import models
from django.db.models import Case, Value, When
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from js_asset import Media
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from . import publishing, versions
from .forms import ArticleAdminForm, ImageUploadField, TagAutocomplete, TagNameAutocompleteView, body_widget
from .images import Picture
from .models import Article, Author, BodyImage, Correction, Section
from .permissions import can_edit, can_link_accounts, can_publish, can_see_history, editable_articles

THUMBNAIL_WIDTH = 96
# Every picture upload goes through the same checks and cleaning.
PICTURE_UPLOADS = {models.ImageField: {"form_class": ImageUploadField}}


def thumbnail_html(picture: Picture | None) -> str:
    """The smallest rendition of a picture, shown small."""
    if picture is None:
        return ""
    smallest = picture.jpeg[0]
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}">',
        smallest.url,
        THUMBNAIL_WIDTH,
        round(THUMBNAIL_WIDTH * smallest.height / smallest.width),
    )


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_search_results(self, request, queryset, search_term):
        """The article form's section picker: the name typed comes first, then names that start with it,
        so that Enter on "Nasional" takes Nasional and not Internasional."""
        sections, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term:
            closeness = Case(
                When(name__iexact=term, then=Value(0)),
                When(name__istartswith=term, then=Value(1)),
                default=Value(2),
            )
            sections = sections.order_by(closeness, *Section._meta.ordering)
        return sections, may_have_duplicates


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "byline_code", "user"]
    list_select_related = ["user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "byline_code"]
    autocomplete_fields = ["user"]

    def get_readonly_fields(self, request, obj=None):
        # Linking an author to a user account is for those who manage the accounts.
        return [] if can_link_accounts(request.user) else ["user"]


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    """Taggit's tag admin, with merging kept to those who may change and delete tags."""

    @admin.action(permissions=["change", "delete"], description=_("Merge selected tags"))
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def merge_tags_view(self, request):
        if not (self.has_change_permission(request) and self.has_delete_permission(request)):
            raise PermissionDenied
        # The tags picked by the action above, kept in the session; taggit takes them to exist.
        selected = {tag_id for tag_id in request.session.get("selected_tag_ids", "").split(",") if tag_id}
        if request.method == "POST" and (
            not selected or Tag.objects.filter(pk__in=selected).count() < len(selected)
        ):
            raise BadRequest("The tags to merge are gone: choose them again.")
        return super().merge_tags_view(request)


class PublicationFilter(admin.SimpleListFilter):
    """The statuses as the newsroom sees them: published articles still to come are scheduled."""

    title = _("status")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            (Article.Status.DRAFT, Article.Status.DRAFT.label),
            (Article.Status.IN_REVIEW, Article.Status.IN_REVIEW.label),
            ("scheduled", _("Scheduled")),
            (Article.Status.PUBLISHED, Article.Status.PUBLISHED.label),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "scheduled":
                return queryset.scheduled()
            case Article.Status.PUBLISHED:
                return queryset.published()
            case Article.Status.DRAFT | Article.Status.IN_REVIEW as status:
                return queryset.filter(status=status)
            case _:
                return queryset


class BodyImageInline(admin.StackedInline):
    """The article's pictures for its body: whoever may write the article may add, change and delete them."""

    model = BodyImage
    extra = 0
    fields = ["preview", "image", "alt", "caption", "credit"]
    readonly_fields = ["preview"]
    formfield_overrides = PICTURE_UPLOADS

    def may_write(self, request, article) -> bool:
        article_admin = self.admin_site.get_model_admin(Article)
        if article is None:
            return article_admin.has_add_permission(request)
        return article_admin.has_change_permission(request, article)

    def has_add_permission(self, request, obj):
        return self.may_write(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.may_write(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.may_write(request, obj)

    def has_view_permission(self, request, obj=None):
        return self.may_write(request, obj)

    @admin.display(description=_("preview"))
    def preview(self, body_image):
        return thumbnail_html(body_image.picture) if body_image.pk else ""


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["corrected_at", "text", "corrected_version"]
    readonly_fields = ["corrected_version"]

    @admin.display(description=_("corrected version"))
    def corrected_version(self, correction):
        """The version the correction was written against, compared with the article as it is now."""
        if correction.version_id is None:
            return "—"
        url = reverse("admin:articles_article_compare", args=[correction.article_id])
        return format_html(
            '<a href="{}?old={}">{}</a>',
            url,
            correction.version_id,
            gettext("The article as it was on %(date)s, compared with now")
            % {"date": date_format(localtime(correction.version.revision.date_created), "DATETIME_FORMAT")},
        )


class RichTextAdmin(admin.ModelAdmin):
    """An admin whose change form holds the rich-text editor of a body."""

    def render_change_form(self, request, context, *args, **kwargs):
        # The body's editor loads through an inline import map, which the page's policy allows by nonce.
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)


@admin.register(Article)
class ArticleAdmin(RichTextAdmin):
    form = ArticleAdminForm
    formfield_overrides = PICTURE_UPLOADS
    list_display = [
        "thumbnail",
        "headline",
        "section",
        "publication_status",
        "publish_at",
        "author_names",
        "comment_counts",
        "is_featured",
    ]
    list_display_links = ["headline"]
    list_filter = [PublicationFilter, "section", "is_featured"]
    list_select_related = ["section"]
    date_hierarchy = "publish_at"
    search_fields = ["headline", "dek", "body", "byline_code"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "authors"]
    actions = ["publish_selected", "unpublish_selected", "feature_selected", "unfeature_selected"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body", "byline_code"]}),
        (_("Placement"), {"fields": ["section", "authors", "tags", "is_featured", "allow_comments"]}),
        (
            _("Lead image"),
            {
                "fields": [
                    "lead_image_preview",
                    "lead_image",
                    "lead_image_alt",
                    "lead_image_caption",
                    "lead_image_credit",
                    ("lead_image_focus_x", "lead_image_focus_y"),
                ]
            },
        ),
        (_("Publication"), {"fields": ["status", "publish_at"]}),
    ]
    inlines = [BodyImageInline, CorrectionInline]

    class Media:
        css = {"all": ["css/newsroom-admin.css"]}
        js = ["js/body-editor.js"]

    def get_queryset(self, request):
        articles = editable_articles(request.user, super().get_queryset(request))
        return articles.prefetch_related("authors")

    def get_object(self, request, object_id, from_field=None):
        # Admin redirects to its index for an object outside get_queryset; say "not found" instead.
        article = super().get_object(request, object_id, from_field)
        if article is None:
            raise Http404(_("No article here that you may open."))
        return article

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or can_edit(request.user, obj))

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        # The publish time and the front page are the editors' to decide.
        editors_only = [] if self.has_publish_permission(request) else ["publish_at", "is_featured"]
        return ["lead_image_preview", *editors_only]

    @admin.display(description=_("lead image now"))
    def lead_image_preview(self, article):
        return thumbnail_html(article.lead_picture) or "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        picker_url = obj and reverse(f"{self.admin_site.name}:articles_article_body_images", args=[obj.pk])
        form = super().get_form(request, obj, change, widgets={"body": body_widget(picker_url)}, **kwargs)
        form.user = request.user  # a class made for this request
        return form

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            kwargs["widget"] = TagAutocomplete(db_field, self.admin_site)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The version kept is the article as the whole form saved it, authors and tags included.
        with publishing.recording(user=request.user):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if form.publishes:
            publishing.publish(
                obj,
                editor=editor_of(request.user),
                authors=form.cleaned_data["authors"],
                time_chosen="publish_at" in form.changed_data,
            )
        if not change:
            # A new article's row comes first: its authors, tags and pictures point to it.
            publishing.save_article(obj, body_cleaned=True)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        for correction in formset.save(commit=False):
            publishing.save_correction(correction, article_saved_next=True)  # by save_related
        for correction in formset.deleted_objects:
            correction.delete()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not self.has_publish_permission(request):
            # A reporter is always among the authors, or their own article would vanish from their list.
            form.instance.authors.add(request.user.author_profile)
        if change:
            # Written once, after its pictures: a picture added, changed or deleted now shows in the body now.
            publishing.save_article(form.instance, body_cleaned=True)

    def get_urls(self):
        tag_autocomplete = TagNameAutocompleteView.as_view(admin_site=self.admin_site)
        return [
            path(
                "tag-autocomplete/",
                self.admin_site.admin_view(tag_autocomplete),
                name="articles_article_tag_autocomplete",
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
            path(
                "<path:object_id>/body-images/",
                self.admin_site.admin_view(self.body_image_picker),
                name="articles_article_body_images",
            ),
            *super().get_urls(),
        ]

    def body_image_picker(self, request, object_id):
        """The article's pictures, opened by the body editor's picture dialog to place one of them."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        article = self.get_object(request, unquote(object_id))  # only those the user may change
        context = {
            **self.admin_site.each_context(request),
            "title": _("Pick a picture"),
            "opts": self.opts,
            "is_popup": True,
            "article": article,
            "pictures": [
                (body_image, thumbnail_html(body_image.picture)) for body_image in article.body_images.all()
            ],
        }
        return TemplateResponse(request, "admin/articles/article/body_image_picker.html", context)

    def history_article(self, request, object_id) -> Article:
        """The article whose versions are asked for, if this user may see them."""
        if not unquote(object_id).isdigit():
            raise Http404(_("No article here that you may open."))
        article = get_object_or_404(Article, pk=unquote(object_id))
        if not can_see_history(request.user, article):
            raise PermissionDenied
        return article

    def history_context(self, request, article, title) -> dict:
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": article.headline,
            "opts": self.opts,
            "article": article,
            "may_restore": self.has_change_permission(request, article),
        }

    def history_view(self, request, object_id, extra_context=None):
        """The article's versions, newest first: who saved each, when and what it changed."""
        article = self.history_article(request, object_id)
        article_versions = versions.history(article)
        older = [*article_versions[1:], None]
        context = {
            **self.history_context(request, article, _("History")),
            "versions": [
                (version, version.changed_from(before))
                for version, before in zip(article_versions, older, strict=True)
            ],
        }
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    def compare_view(self, request, object_id):
        """Two versions side by side, with the words that changed; ``new`` defaults to the latest."""
        article = self.history_article(request, object_id)
        article_versions = {version.version.pk: version for version in versions.history(article)}
        try:
            old = article_versions[int(request.GET["old"])]
            new = article_versions[int(request.GET.get("new") or max(article_versions))]
        except (KeyError, ValueError):
            return HttpResponseBadRequest(gettext("Choose two versions of this article to compare."))
        if old.number > new.number:
            old, new = new, old
        context = {
            **self.history_context(request, article, _("Compare versions")),
            "old": old,
            "compared": [old, new],
            "new": new,
            "differences": versions.compare(old, new),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    @method_decorator(require_POST)
    def restore_view(self, request, object_id, version_id):
        """Save an earlier version again, as the newest one."""
        article = self.history_article(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        earlier = next((v for v in versions.history(article) if v.version.pk == version_id), None)
        if earlier is None:
            raise Http404(_("This article has no such version."))
        publishing.restore_version(article, earlier, user=request.user, editor=editor_of(request.user))
        self.message_user(
            request,
            gettext("Version %(number)d restored as a new version.") % {"number": earlier.number},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))

    def view_on_site(self, article):
        if article.is_published:
            return article.get_absolute_url()
        return reverse("articles:preview", kwargs={"pk": article.pk})

    @admin.display(description=_("picture"))
    def thumbnail(self, article):
        return thumbnail_html(article.lead_picture)

    @admin.display(description=_("status"), ordering="status")
    def publication_status(self, article):
        return article.status_label

    @admin.display(description=_("authors"))
    def author_names(self, article):
        return ", ".join(author.name for author in article.authors.all())

    @admin.display(description=_("comments"))
    def comment_counts(self, article):
        return format_html(
            '<span title="{}">{} / {}</span>',
            gettext("waiting / approved"),
            article.pending_comment_count,
            article.approved_comment_count,
        )

    def change_selected(self, request, queryset, change, message, **options) -> None:
        """Run one of articles/publishing.py's bulk changes on the selection and say how many changed."""
        count = change(queryset, user=request.user, **options)
        self.message_user(request, message % {"count": count})

    @admin.action(permissions=["publish"], description=_("Publish selected articles"))
    def publish_selected(self, request, queryset):
        message = ngettext_lazy(
            "%(count)d article published or scheduled.", "%(count)d articles published or scheduled.", "count"
        )
        editor = editor_of(request.user)
        self.change_selected(request, queryset, publishing.publish_articles, message, editor=editor)

    @admin.action(permissions=["publish"], description=_("Unpublish selected articles"))
    def unpublish_selected(self, request, queryset):
        message = ngettext_lazy(
            "%(count)d article taken back to draft.", "%(count)d articles taken back to draft.", "count"
        )
        self.change_selected(request, queryset, publishing.unpublish_articles, message)

    @admin.action(permissions=["publish"], description=_("Feature selected articles on the home page"))
    def feature_selected(self, request, queryset):
        message = ngettext_lazy("%(count)d article featured.", "%(count)d articles featured.", "count")
        self.change_selected(request, queryset, publishing.feature_articles, message, featured=True)

    @admin.action(permissions=["publish"], description=_("Stop featuring selected articles"))
    def unfeature_selected(self, request, queryset):
        message = ngettext_lazy(
            "%(count)d article no longer featured.", "%(count)d articles no longer featured.", "count"
        )
        self.change_selected(request, queryset, publishing.feature_articles, message, featured=False)


def editor_of(user) -> Author | None:
    """The author linked to a member of the newsroom, whose byline code ends what they publish."""
    return Author.objects.filter(user=user).first()
