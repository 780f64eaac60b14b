from django.conf import settings
from django.urls import translate_url

from articles.models import Section


def site(request):
    """The site's name, its sections for the navigation and the page in each language."""
    path = request.get_full_path()
    return {
        "site_name": settings.SITE_NAME,
        "nav_sections": Section.objects.all(),
        "language_links": [(code, name, translate_url(path, code)) for code, name in settings.LANGUAGES],
    }
