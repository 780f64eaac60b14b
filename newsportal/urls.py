from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Uploaded images, from this process when no CDN or object storage serves them.
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [re_path(rf"^{media_prefix}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

# Indonesian at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("komentar/", include("comments.urls")),
    path("", include("articles.urls")),
    prefix_default_language=False,
)
