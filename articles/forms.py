from django import forms
from django.utils.translation import gettext_lazy as _

from .search import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    # A NUL byte is refused by CharField itself; an empty query just asks for words.
    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "Please search with at most %(limit_value)d characters (you typed %(show_value)d)."
            )
        },
    )
