from django.views.generic import DetailView

from .models import Page


class PageDetailView(DetailView):
    """A published page; one that is not published is not found."""

    queryset = Page.objects.published()
