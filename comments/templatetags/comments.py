import nh3
from django import template
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def comment_html(text: str) -> str:
    """A comment's plain text as HTML: escaped, paragraphs and line breaks kept, links clickable."""
    html = linebreaks(urlize(text, trim_url_limit=60, autoescape=True), autoescape=False)
    # nh3 sets one rel on every link and drops anything urlize should never have made.
    return mark_safe(  # noqa: S308 - cleaned by nh3 just above
        nh3.clean(
            html,
            tags={"p", "br", "a"},
            attributes={"a": {"href"}},
            url_schemes={"http", "https", "mailto"},
            link_rel="nofollow ugc noopener",
        )
    )
