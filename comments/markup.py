"""A comment's plain text as the HTML readers get, made once when the comment is saved."""

import nh3
from django.utils.html import linebreaks, urlize


def text_to_html(text: str) -> str:
    """Escaped, paragraphs and line breaks kept, links clickable; empty for an erased text."""
    if not text:
        return ""
    html = linebreaks(urlize(text, trim_url_limit=60, autoescape=True), autoescape=False)
    # nh3 sets one rel on every link and drops anything urlize should never have made.
    return nh3.clean(
        html,
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )
