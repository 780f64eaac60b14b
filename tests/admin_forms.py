"""Reading an admin form the way a browser sends it."""

import lxml.html


def admin_form_data(response) -> dict[str, list[str]]:
    """The fields of the admin change form in a response, as a browser would send them unchanged."""
    document = lxml.html.fromstring(response.content.decode())
    (form,) = document.xpath('//form[@id and substring(@id, string-length(@id) - 4) = "_form"]')
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data
