"""Reading the site's pages the way a reader's browser does."""


def page(client, url, status=200, **params) -> str:
    """The HTML of ``url`` (with ``params`` as its query), once its status is what the test expects."""
    response = client.get(url, params)
    assert response.status_code == status, f"{url}: {response.status_code}, not {status}"
    return response.content.decode()
