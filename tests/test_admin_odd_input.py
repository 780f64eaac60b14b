"""Odd input in the admin's searches and filters gets a page, never a 500."""

import pytest

from .factories import make_article, make_comment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/comments/comment/?q=a%00b",
        "/admin/comments/comment/?status__exact=a%00b",
        "/admin/auth/user/?q=a%00b",
        "/admin/autocomplete/?app_label=articles&model_name=author&field_name=user&term=a%00b",
    ],
)
def test_nul_byte_in_admin_search_or_filter_never_gives_a_500(admin_client, url):
    make_comment(make_article())
    response = admin_client.get(url)
    assert response.status_code < 500


def test_nul_byte_in_a_readers_address_is_a_400_that_says_why(client):
    response = client.get("/tag/?x=%00")
    assert response.status_code == 400
    assert "Karakter null tidak diizinkan." in response.content.decode()
