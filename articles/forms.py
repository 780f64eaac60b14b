"""The newsroom's article form (publishing rules, rich-text body, tags, pictures); the search form."""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget
from taggit.models import Tag
from taggit.utils import parse_tags

from .images import EXTENSIONS, clean_image
from .models import Article, Author, Section
from .permissions import can_publish
from .publishing import clean_body
from .search import MAX_QUERY_LENGTH

# What the body's editor offers; articles/sanitizer.py decides what is kept.
BODY_EDITOR = {
    "extensions": {
        "Heading": {"levels": [2, 3, 4]},
        "Bold": True,
        "Italic": True,
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Link": {"enableTarget": False},
    }
}


def body_editor(picker_url: str | None = None) -> dict:
    """The body's editor; with a picture button once the article is saved, picking among its own pictures."""
    if picker_url is None:
        return BODY_EDITOR
    pictures = {"Figure": {"pickerUrl": picker_url}, "Caption": True, "Image": True}
    return {**BODY_EDITOR, "extensions": BODY_EDITOR["extensions"] | pictures}


def body_widget(picker_url: str | None = None) -> AdminProseEditorWidget:
    """The newsroom's rich-text editor for a body: an article's, or a page's (without pictures)."""
    return AdminProseEditorWidget(config=body_editor(picker_url), preset="configurable")


class CleanBodyForm(forms.ModelForm):
    """A form with a rich-text ``body``, cleaned to the safelist; a body with nothing left is refused."""

    def clean_body(self):
        body = clean_body(self.cleaned_data["body"])
        if not body:
            raise ValidationError(self.fields["body"].error_messages["required"], code="required")
        return body


class ImageUploadField(forms.ImageField):
    """A JPEG, PNG or WebP picture within the limits, handed on re-encoded without its metadata."""

    def to_python(self, data):
        # FileField's checks (a name, not empty), then ours instead of ImageField's open-anything check.
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return clean_image(upload)

    def widget_attrs(self, widget):
        accept = ",".join(f"image/{name.lower()}" for name in EXTENSIONS)
        return {**super().widget_attrs(widget), "accept": accept}


class TagAutocomplete(AutocompleteSelectMultiple):
    """Admin's select2 autocomplete for taggit's names: existing tags are suggested, new ones typed in."""

    def get_url(self):
        return reverse(f"{self.admin_site.name}:articles_article_tag_autocomplete")

    def build_attrs(self, base_attrs, extra_attrs=None):
        return {
            **super().build_attrs(base_attrs, extra_attrs),
            "data-tags": "true",
            "data-token-separators": '[","]',
        }

    def format_value(self, value):
        """Tag names, from the tags of an article or from the text a form was sent back with."""
        if not value:
            return []
        if isinstance(value, str):
            return parse_tags(value)
        return [getattr(tag, "name", tag) for tag in value]

    def optgroups(self, name, value, attrs=None):
        options = [self.create_option(name, tag, tag, True, index) for index, tag in enumerate(value)]
        return [(None, options, 0)]

    def value_from_datadict(self, data, files, name):
        """The chosen names as the text taggit reads: quoted when they hold a comma or a space."""
        names = super().value_from_datadict(data, files, name) or []
        return ", ".join(f'"{tag}"' if {",", " "} & set(tag) else tag for tag in names if tag.strip('" '))


class TagNameAutocompleteView(AutocompleteJsonView):
    """Admin's autocomplete answers for tags, with names instead of ids: taggit saves tags by name."""

    def serialize_result(self, obj, to_field_name):
        return {"id": obj.name, "text": obj.name}


class ArticleAdminForm(CleanBodyForm):
    #: Who fills the form in; ArticleAdmin.get_form sets it per request.
    user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.may_publish:
            # Offered as the rules allow; clean_status refuses a forged choice with a message.
            self.fields["status"].widget.choices = [
                choice for choice in Article.Status.choices if choice[0] != Article.Status.PUBLISHED
            ]

    @property
    def may_publish(self) -> bool:
        return can_publish(self.user)

    @property
    def publishes(self) -> bool:
        """Whether saving takes the article from unpublished to published (ArticleAdmin applies the rule)."""
        published = Article.Status.PUBLISHED
        return self.cleaned_data.get("status") == published and self.initial.get("status") != published

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        limit = Tag._meta.get_field("name").max_length
        if too_long := [tag for tag in tags if len(tag) > limit]:
            raise ValidationError(
                _("A tag may have at most %(limit)d characters; this one is longer: “%(tag)s…”."),
                code="max_length",
                params={"limit": limit, "tag": too_long[0][:40]},
            )
        return tags

    def clean_status(self):
        status = self.cleaned_data["status"]
        if not self.may_publish and Article.Status.PUBLISHED in {status, self.instance.status}:
            raise ValidationError(
                _("Only editors can publish or unpublish an article; choose “In review” to submit it."),
                code="publish_permission",
            )
        return status

    def clean(self):
        cleaned_data = super().clean()
        if not self.may_publish and not Author.objects.filter(user=self.user).exists():
            raise ValidationError(
                _("Your account is not linked to an author yet: ask an editor to link it, then save again."),
                code="no_author",
            )
        return cleaned_data


NEWEST = "terbaru"


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
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All sections"),
        error_messages={"invalid_choice": _("There is no such section.")},
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        choices=[("", _("Best match")), (NEWEST, _("Newest first"))],
        required=False,
        error_messages={"invalid_choice": _("Results can be ordered by best match or newest first.")},
    )
