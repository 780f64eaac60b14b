from itertools import groupby

from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.detail import BaseDetailView
from taggit.models import Tag

from comments.display import comment_section

from .models import Article, Author, Section
from .share import share_links

SECTION_BLOCK_SIZE = 4
LATEST_ON_HOME = 8


class HomeView(TemplateView):
    """The front page: the featured story, the latest news and a block per section."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        published = Article.objects.published().for_listing()
        featured = published.filter(is_featured=True).first()
        latest = published.exclude(pk=featured.pk) if featured else published
        # The newest few of every section in one query, whatever the number of sections.
        ranked = published.annotate(
            rank=Window(
                RowNumber(), partition_by=F("section_id"), order_by=[F("publish_at").desc(), F("id").desc()]
            )
        ).filter(rank__lte=SECTION_BLOCK_SIZE)
        ranked = sorted(ranked, key=lambda a: (a.section.order, a.section.name, -a.publish_at.timestamp()))
        section_blocks = [
            (section, list(articles)) for section, articles in groupby(ranked, key=lambda a: a.section)
        ]
        return super().get_context_data(
            featured=featured, latest=latest[:LATEST_ON_HOME], section_blocks=section_blocks, **kwargs
        )


class ArticleListView(ListView):
    """A paginated list of published articles; subclasses narrow it down."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        return Article.objects.published().for_listing()


class SectionView(ArticleListView):
    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.section.name, listing=self.section, **kwargs)


class TagView(ArticleListView):
    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=f"#{self.tag.name}", listing=self.tag, **kwargs)


class AuthorView(ArticleListView):
    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return super().get_queryset().filter(authors=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.author.name, listing=self.author, author=self.author, **kwargs
        )


class ArticleDetailView(DetailView):
    """One article. It is found by its slug; any other date or section in the address redirects."""

    context_object_name = "article"
    show_comments = True

    def get_queryset(self):
        return Article.objects.published().for_page()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical_path = self.object.get_absolute_url()
        if request.path != canonical_path:
            return HttpResponsePermanentRedirect(canonical_path)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, comment_form=None, **kwargs):
        article = self.object
        if self.show_comments:
            kwargs["comments"] = comment_section(self.request, article, form=comment_form)
        # One canonical address per article, whatever the interface language.
        with translation.override(settings.LANGUAGE_CODE):
            canonical_url = self.request.build_absolute_uri(article.get_absolute_url())
        return super().get_context_data(
            canonical_url=canonical_url,
            share_links=share_links(canonical_url, article.headline),
            **kwargs,
        )


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """An article as readers will see it, before it is published: for the newsroom, a 404 for anyone else."""

    show_comments = False  # nobody may comment on an article that is not published

    def get_queryset(self):
        user = self.request.user
        if not (user.is_staff and user.has_perm("articles.view_article")):
            return Article.objects.none()
        return Article.objects.editable_by(user).for_page()

    def get(self, request, *args, **kwargs):
        # A preview stays at its own address: no redirect to the article's.
        return BaseDetailView.get(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)
