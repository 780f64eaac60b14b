from itertools import groupby
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponse, HttpResponseForbidden, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView, TemplateView, dates
from django.views.generic.detail import BaseDetailView
from taggit.models import Tag

from newsportal.pagecache import per_version

from .feeds import listing_description
from .forms import NEWEST, SearchForm
from .fragments import with_page_relations
from .http import is_cross_site
from .links import page_links
from .models import Article, Author, Section
from .permissions import can_preview, editable_articles
from .popularity import count_view
from .share import share_links
from .structured_data import article_structured_data, home_structured_data

SECTION_BLOCK_SIZE = 4
LATEST_ON_HOME = 8


class HomeView(TemplateView):
    """The front page: the featured story, the latest news and a block per section."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **per_version(self.request, "home", front_page),
            most_read=most_read(self.request),
            structured_data=home_structured_data(self.request),
            **kwargs,
        )


def front_page() -> dict:
    """The featured story, the latest and the newest of every section, in three queries."""
    published = Article.objects.published().for_links()
    featured = published.filter(is_featured=True).first()
    latest = published.exclude(pk=featured.pk) if featured else published
    # The newest few of every section in one query, whatever the number of sections.
    ranked = published.annotate(
        rank=Window(
            RowNumber(), partition_by=F("section_id"), order_by=[F("publish_at").desc(), F("id").desc()]
        )
    ).filter(rank__lte=SECTION_BLOCK_SIZE)
    ranked = sorted(ranked, key=lambda a: (a.section.order, a.section.name, -a.publish_at.timestamp()))
    return {
        "featured": featured,
        "latest": list(latest[:LATEST_ON_HOME]),
        "section_blocks": [
            (section, list(articles)) for section, articles in groupby(ranked, key=lambda a: a.section)
        ],
    }


def most_read(request) -> list:
    return per_version(
        request, "most-read", lambda: list(Article.objects.published().for_links().most_read())
    )


class PublishedListingMixin:
    """Published articles as cards, a page at a time."""

    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        return Article.objects.published().for_links()


class ArticleListView(PublishedListingMixin, ListView):
    """A paginated list of published articles; subclasses narrow it down."""

    template_name = "articles/article_list.html"


class ListingView(ArticleListView):
    """The published articles of one section, tag or author, found by its slug, with its feeds."""

    model = None
    article_lookup = None  # how an article names its section, tags or authors

    def get_queryset(self):
        self.listing = get_object_or_404(self.model, slug=self.kwargs["slug"])
        return super().get_queryset().filter(**{self.article_lookup: self.listing})

    def heading(self, listing):
        return listing.name

    def get_context_data(self, **kwargs):
        # The feeds' routes are named after the listing's model: "section-rss", "tag-atom"...
        feed, feed_kwargs = f"articles:{self.model._meta.model_name}", {"slug": self.listing.slug}
        listing = self.listing
        description = getattr(listing, "description", "") or getattr(listing, "bio", "")
        return super().get_context_data(
            heading=self.heading(listing),
            description=description or listing_description(listing),
            listing=listing,
            rss_url=reverse(f"{feed}-rss", kwargs=feed_kwargs),
            atom_url=reverse(f"{feed}-atom", kwargs=feed_kwargs),
            **kwargs,
        )


class SectionView(ListingView):
    model = Section
    article_lookup = "section"


class TagView(ListingView):
    model = Tag
    article_lookup = "tags"

    def heading(self, tag):
        return f"#{tag.name}"


class AuthorView(ListingView):
    model = Author
    article_lookup = "authors"


class SearchView(ArticleListView):
    """Search results, best match first. No words: the form. Words it cannot take: why, with a 400."""

    template_name = "articles/search.html"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        self.query = self.form.cleaned_data["q"] if self.form.is_valid() else ""
        self.options = self.form.cleaned_data if self.query else {}
        response = super().get(request, *args, **kwargs)
        if self.form.errors:
            response.status_code = 400
        if self.query:
            # Any words make an address of its own: no shared cache keeps them.
            patch_cache_control(response, private=True, max_age=settings.PAGE_MAX_AGE)
        return response

    def get_queryset(self):
        if not self.query:
            return Article.objects.none()
        results = super().get_queryset()
        if self.options["section"]:
            results = results.filter(section=self.options["section"])
        return results.search(self.query, newest_first=self.options["sort"] == NEWEST)

    def get_context_data(self, **kwargs):
        heading = _("Search results for “%(query)s”") % {"query": self.query} if self.query else _("Search")
        return super().get_context_data(
            heading=heading,
            form=self.form,
            query=self.query,
            # The next pages keep the words, the section and the order.
            page_query=urlencode(
                {name: self.request.GET[name] for name in self.form.fields if self.request.GET.get(name)}
            ),
            **kwargs,
        )


ARCHIVE_PERIODS = ["year", "month", "day"]
# How a period is named in a page's heading, and in the list of the periods inside it.
HEADING_FORMATS = {"year": "Y", "month": "F Y", "day": "l, j F Y"}
LINK_FORMATS = {"year": "Y", "month": "F", "day": "j"}


def archive_url(date, period: str) -> str:
    """The archive of the year, month or day that ``date`` falls in."""
    parts = {"year": date.year, "month": date.month, "day": date.day}
    names = ARCHIVE_PERIODS[: ARCHIVE_PERIODS.index(period) + 1]
    return reverse(f"articles:archive-{period}", kwargs={name: parts[name] for name in names})


class ArchiveMixin(PublishedListingMixin):
    """Published articles of a year, month or day, listed like a section, dates in the site's language."""

    date_field = "publish_at"
    month_format = "%m"
    template_name = "articles/article_archive.html"
    period = None  # what one page covers: "year", "month" or "day"; None for the whole archive

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        heading, trail = _("Archive"), []
        if self.period:
            date = context[self.period]
            heading = _("Archive: %(period)s") % {"period": date_format(date, HEADING_FORMATS[self.period])}
            trail = [(_("Archive"), reverse("articles:archive"))] + [
                (date_format(date, HEADING_FORMATS[parent]), archive_url(date, parent))
                for parent in ARCHIVE_PERIODS[: ARCHIVE_PERIODS.index(self.period)]
            ]
        periods = [
            (date_format(date, LINK_FORMATS[self.date_list_period]), archive_url(date, self.date_list_period))
            for date in context.get("date_list") or []
        ]
        context.update(heading=heading, trail=trail, periods=periods)
        return context


class ArchiveIndexView(ArchiveMixin, dates.ArchiveIndexView):
    allow_empty = True


class YearArchiveView(ArchiveMixin, dates.YearArchiveView):
    period = "year"
    make_object_list = True


class MonthArchiveView(ArchiveMixin, dates.MonthArchiveView):
    period = "month"


class DayArchiveView(ArchiveMixin, dates.DayArchiveView):
    period = "day"


class ArticleDetailView(DetailView):
    """One article. It is found by its slug; any other date or section in the address redirects."""

    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().with_modified().select_related("section")

    # The reader's page: the article is read once per content version in each worker, as any change
    # to it or to what its page shows makes a new one (newsportal/pagecache.py). Not a preview nor a post.
    kept_per_version = True

    def get_object(self, queryset=None):
        if not self.kept_per_version:
            return self.find_object(queryset)
        return per_version(self.request, f"article:{self.kwargs['slug']}", lambda: self.find_object(queryset))

    def find_object(self, queryset=None):
        article = super().get_object(queryset)
        with_page_relations(article, self.request)
        return article

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical_path = self.object.get_absolute_url()
        if request.path != canonical_path:
            return HttpResponsePermanentRedirect(canonical_path)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        article = self.object
        # Shared in the language it is written in, whatever the interface speaks.
        with translation.override(settings.LANGUAGE_CODE):
            share_url = self.request.build_absolute_uri(article.get_absolute_url())
        published = Article.objects.published().for_links()
        return super().get_context_data(
            # The article's own addresses, also on the page a comment form with errors comes back on.
            page_links=page_links(self.request, article.get_absolute_url(), translation.get_language()),
            share_url=share_url,
            share_links=share_links(share_url, article.headline),
            structured_data=article_structured_data(article, self.request),
            related=per_version(
                self.request, f"related:{article.pk}", lambda: list(published.related_to(article))
            ),
            most_read=most_read(self.request),
            **kwargs,
        )


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """An article as readers will see it, before it is published: for the newsroom, a 404 for anyone else."""

    kept_per_version = False

    def get_queryset(self):
        user = self.request.user
        if not can_preview(user):
            return Article.objects.none()
        return editable_articles(user).with_modified().select_related("section")

    def get(self, request, *args, **kwargs):
        # A preview stays at its own address: no redirect to the article's.
        return BaseDetailView.get(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)


@csrf_exempt  # it changes nothing but a counter, and only pages of this site may send it
@require_POST
def count_article_view(request, pk):
    """The article page's script says a reader has it open: the view is counted, in the cache only."""
    if is_cross_site(request):
        return HttpResponseForbidden()
    if Article.objects.published().filter(pk=pk).exists():
        count_view(request, pk)
    return HttpResponse(status=204, headers={"Cache-Control": "no-store"})
