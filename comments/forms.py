import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import MaxLengthValidator, URLValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .discussion import current
from .models import Comment, text_digest
from .moderation import FormSignals

TOKEN_SALT = "comments.form"  # noqa: S105 - a signing salt, not a secret
DUPLICATE_MESSAGE = _("Duplicate comment detected; it looks as though you’ve already said that!")


def refuse_unreadable(value: str) -> None:
    """Refuse U+FFFD: what bytes that are not UTF-8 text (a lone surrogate, say) were turned into."""
    if "\ufffd" in value:
        raise forms.ValidationError(
            _("This holds characters that could not be read (shown as �): please type it again."),
            code="unreadable",
        )


def fill_time_token(article_id: int) -> str:
    """The signed time a reader was given the form, from which the fill time is measured."""
    return signing.dumps({"article": article_id, "time": time.time()}, salt=TOKEN_SALT)


class WebsiteField(forms.URLField):
    """A web address, http or https only: one check, so one message."""

    default_validators = [URLValidator(schemes=["http", "https"])]


class CommentForm(forms.ModelForm):
    """The "Leave a Reply" form, bound to one article."""

    author_url = WebsiteField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        # A text box with a keyboard for addresses: whatever a reader typed is valid in it when the form
        # comes back with an error, which an <input type="url"> holding a bad address is not.
        widget=forms.TextInput(attrs={"autocomplete": "url", "inputmode": "url", "size": 30}),
    )
    remember = forms.BooleanField(
        label=_("Save my name, email, and website in this browser for the next time I comment."),
        required=False,
    )
    # People leave this empty because they never see it; bots fill every field.
    phone = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # When the form was shown, signed so that it cannot be forged.
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["text", "author_name", "author_email", "author_url", "parent"]
        labels = {"text": _("Comment"), "author_name": _("Name"), "author_email": _("Email")}
        # Shown at the top of the form, as WordPress does; Django points the field's aria-describedby at it.
        help_texts = {"author_email": _("Your email address will not be published.")}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8, "cols": 45}),
            "author_name": forms.TextInput(attrs={"autocomplete": "name", "size": 30}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email", "size": 30}),
            "parent": forms.HiddenInput,
        }
        error_messages = {
            "parent": {"invalid_choice": _("The comment you are replying to is not on this article.")},
        }

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = self.instance.article = article
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(refuse_unreadable)
        self.fields["text"].validators.append(MaxLengthValidator(settings.COMMENTS_MAX_LENGTH))
        self.fields["text"].widget.attrs["maxlength"] = settings.COMMENTS_MAX_LENGTH
        self.fields["parent"].queryset = Comment.objects.approved().filter(article=article)
        if not self.is_bound:
            self.initial["token"] = fill_time_token(article.pk)

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        max_depth = current().max_depth
        if parent is not None and parent.depth >= max_depth:
            message = ngettext_lazy(
                "Replies can nest only %(depth)d level deep.",
                "Replies can nest only %(depth)d levels deep.",
                "depth",
            )
            raise forms.ValidationError(message % {"depth": max_depth})
        return parent

    def clean_text(self):
        text = self.cleaned_data["text"]
        if Comment.objects.filter(article=self.article, text_digest=text_digest(text)).exists():
            raise forms.ValidationError(DUPLICATE_MESSAGE)
        return text

    def signals(self) -> FormSignals:
        """What the honeypot and the signed timestamp say about the sender."""
        try:
            token = signing.loads(self.cleaned_data.get("token") or "", salt=TOKEN_SALT)
        except signing.BadSignature:
            token = {}
        seconds = None
        if token.get("article") == self.article.pk and isinstance(token.get("time"), float):
            seconds = time.time() - token["time"]
        return FormSignals(honeypot_filled=bool(self.cleaned_data.get("phone")), seconds_to_fill=seconds)
