from django.urls import path

from articles.http import public_page

from . import views

app_name = "pages"
urlpatterns = [
    path("<slug:slug>/", public_page(views.PageDetailView.as_view()), name="detail"),
]
