from django.urls import path, register_converter
from django.utils.feedgenerator import Atom1Feed

from . import feeds, views


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
    path("", views.HomeView.as_view(), name="home"),
    path("cari/", views.SearchView.as_view(), name="search"),
    path("feed/", feeds.ArticleFeed(), name="rss"),
    path("feed/atom/", feeds.ArticleFeed(Atom1Feed), name="atom"),
    path("arsip/", views.ArchiveIndexView.as_view(), name="archive"),
    path("arsip/<yyyy:year>/", views.YearArchiveView.as_view(), name="archive-year"),
    path("arsip/<yyyy:year>/<dd:month>/", views.MonthArchiveView.as_view(), name="archive-month"),
    path("arsip/<yyyy:year>/<dd:month>/<dd:day>/", views.DayArchiveView.as_view(), name="archive-day"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tag/<slug:slug>/feed/", feeds.TagFeed(), name="tag-rss"),
    path("tag/<slug:slug>/feed/atom/", feeds.TagFeed(Atom1Feed), name="tag-atom"),
    path("penulis/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("penulis/<slug:slug>/feed/", feeds.AuthorFeed(), name="author-rss"),
    path("penulis/<slug:slug>/feed/atom/", feeds.AuthorFeed(Atom1Feed), name="author-atom"),
    path("pratinjau/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path(
        "<slug:section>/<int:year>/<dd:month>/<dd:day>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    # Sections last: their slug could be any word not taken above (see RESERVED_SECTION_SLUGS).
    path("<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("<slug:slug>/feed/", feeds.SectionFeed(), name="section-rss"),
    path("<slug:slug>/feed/atom/", feeds.SectionFeed(Atom1Feed), name="section-atom"),
]
