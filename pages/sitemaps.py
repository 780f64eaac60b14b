from django.db.models import Max

from articles.sitemaps import CanonicalSitemap

from .models import Page


class PageSitemap(CanonicalSitemap):
    def items(self):
        return Page.objects.published()

    def lastmod(self, page):
        return page.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]
