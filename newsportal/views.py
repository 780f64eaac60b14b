from django.shortcuts import render


def bad_request(request, exception):
    """The 400 page. Django's own checks the CSRF token first, reading the body again: what had failed."""
    return render(request, "400.html", status=400)
