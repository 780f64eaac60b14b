from django.urls import path, register_converter

from . import feeds, views
from .http import public_page


class TwoDigitConverter:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


class YearConverter:
    """Four digits, from 1000 to 2999: the archive has nothing outside, and dates there overflow."""

    regex = "[12][0-9]{3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(TwoDigitConverter, "dd")
register_converter(YearConverter, "yyyy")

app_name = "articles"
urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("cari/", public_page(views.SearchView.as_view()), name="search"),
    path("feed/", public_page(feeds.ArticleFeed()), name="rss"),
    path("feed/atom/", public_page(feeds.ArticleFeed(feeds.AtomFeed)), name="atom"),
    path("arsip/", public_page(views.ArchiveIndexView.as_view()), name="archive"),
    path("arsip/<yyyy:year>/", public_page(views.YearArchiveView.as_view()), name="archive-year"),
    path(
        "arsip/<yyyy:year>/<dd:month>/", public_page(views.MonthArchiveView.as_view()), name="archive-month"
    ),
    path(
        "arsip/<yyyy:year>/<dd:month>/<dd:day>/",
        public_page(views.DayArchiveView.as_view()),
        name="archive-day",
    ),
    path("tag/<slug:slug>/", public_page(views.TagView.as_view()), name="tag"),
    path("tag/<slug:slug>/feed/", public_page(feeds.TagFeed()), name="tag-rss"),
    path("tag/<slug:slug>/feed/atom/", public_page(feeds.TagFeed(feeds.AtomFeed)), name="tag-atom"),
    path("penulis/<slug:slug>/", public_page(views.AuthorView.as_view()), name="author"),
    path("penulis/<slug:slug>/feed/", public_page(feeds.AuthorFeed()), name="author-rss"),
    path("penulis/<slug:slug>/feed/atom/", public_page(feeds.AuthorFeed(feeds.AtomFeed)), name="author-atom"),
    path("pratinjau/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("dibaca/<int:pk>/", views.count_article_view, name="count-view"),
    path(
        "<slug:section>/<int:year>/<dd:month>/<dd:day>/<slug:slug>/",
        public_page(views.ArticleDetailView.as_view()),
        name="detail",
    ),
    # Sections last: their slug could be any word not taken above (see RESERVED_SECTION_SLUGS).
    path("<slug:slug>/", public_page(views.SectionView.as_view()), name="section"),
    path("<slug:slug>/feed/", public_page(feeds.SectionFeed()), name="section-rss"),
    path("<slug:slug>/feed/atom/", public_page(feeds.SectionFeed(feeds.AtomFeed)), name="section-atom"),
]
