from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.static import serve

from articles.http import public_page
from articles.sitemaps import SITEMAP_CONTENT_TYPE, NewsSitemap
from articles.sitemaps import SITEMAPS as ARTICLE_SITEMAPS
from pages.sitemaps import PageSitemap

from .admin import StaffPasswordResetForm

SITEMAPS = {**ARTICLE_SITEMAPS, "pages": PageSitemap}

handler400 = "newsportal.views.bad_request"


def serve_media(request, path, document_root):
    """An upload or one of its renditions: a new file always gets a new name, so caches keep it."""
    response = serve(request, path, document_root=document_root)
    if response.status_code == 200:
        response["Cache-Control"] = settings.MEDIA_CACHE_CONTROL
    return response


# The newsroom's password reset, linked from its login page under these names (Django admin's own).
newsroom = {"extra_context": {"site_header": admin.site.site_header, "site_title": admin.site.site_title}}
urlpatterns = [
    path(
        "admin/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=StaffPasswordResetForm, **newsroom),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(**newsroom),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(**newsroom),
        name="password_reset_confirm",
    ),
    path(
        "admin/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(**newsroom),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    # For crawlers, in one language: no /en/ versions.
    path(
        "robots.txt",
        public_page(
            TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8")
        ),
        name="robots",
    ),
    path(
        "sitemap.xml",
        public_page(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section", "content_type": SITEMAP_CONTENT_TYPE},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        public_page(sitemaps.sitemap),
        {
            "sitemaps": {"news": NewsSitemap},
            "template_name": "sitemaps/news.xml",
            "content_type": SITEMAP_CONTENT_TYPE,
        },
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemaps.sitemap),
        {"sitemaps": SITEMAPS, "content_type": SITEMAP_CONTENT_TYPE},
        name="sitemap-section",
    ),
]

if settings.SERVE_MEDIA:
    # Uploaded images, from this process when no CDN or object storage serves them.
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT})
    ]

# Indonesian at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("komentar/", include("comments.urls")),
    path("halaman/", include("pages.urls")),
    path("", include("articles.urls")),
    prefix_default_language=False,
)

handler500 = "newsportal.views.server_error"
