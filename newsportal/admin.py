"""The newsroom's admin site: every model admin on it checks the filter and action parameters it is sent.

Django's admin trusts that these hold what its own pages send. What a forged request puts there
(a year past the calendar, a selected item that is no key, an unknown author in a form sent back)
is refused here, once, for every model admin, ours and those of the apps we use.
"""

import re

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import BadRequest, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

MAX_SEARCH_LENGTH = 1000


def is_value_of(field, value) -> bool:
    """Whether ``value``, as sent, is one that ``field`` (a key) can hold."""
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class CheckedChangeList(ChangeList):
    """A filter by a date the calendar cannot hold is a bad filter like any other."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class KeysOnlyMixin:
    """An autocomplete that shows again only the chosen values that could be keys; the form says the rest."""

    def optgroups(self, name, value, attr=None):
        remote_opts = self.field.remote_field.model._meta
        key = remote_opts.get_field(getattr(self.field.remote_field, "field_name", remote_opts.pk.attname))
        return super().optgroups(name, [choice for choice in value if is_value_of(key, choice)], attr)


class KeysOnlyAutocompleteSelect(KeysOnlyMixin, AutocompleteSelect):
    pass


class KeysOnlyAutocompleteSelectMultiple(KeysOnlyMixin, AutocompleteSelectMultiple):
    pass


class KeysOnlyModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Values that could not be keys are refused before the query, which SQLite fails on a huge number."""

    def clean(self, value):
        key = self.queryset.model._meta.get_field(self.to_field_name) if self.to_field_name else None
        key = key or self.queryset.model._meta.pk
        for choice in value or ():
            if not is_value_of(key, choice):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": choice}
                )
        return super().clean(value)


class CheckedParametersMixin:
    """What the newsroom's site adds to every model admin registered on it."""

    def get_changelist(self, request, **kwargs):
        return CheckedChangeList

    def changelist_view(self, request, extra_context=None):
        # The rows of an editable list name their items; SQLite fails the query on a huge number.
        if request.method == "POST" and self.list_editable and "_save" in request.POST:
            row = re.compile(rf"form-\d+-{re.escape(self.opts.pk.name)}")
            rows = [value for name, value in request.POST.items() if row.fullmatch(name)]
            if not all(is_value_of(self.opts.pk, value) for value in rows):
                raise BadRequest("The list holds a row for an item that does not exist.")
        return super().changelist_view(request, extra_context)

    def get_changelist_instance(self, request):
        # Django sends a bad filter to "?e=1", a page that blames the database; say what it is.
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters as error:
            raise BadRequest("This list cannot be filtered that way.") from error

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(is_value_of(self.opts.pk, value) for value in selected):
            raise BadRequest("The selection holds an item that does not exist.")
        return super().response_action(request, queryset)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", KeysOnlyAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # SQLite refuses a LIKE pattern over 50,000 bytes; nobody searches with more than a paragraph.
        if len(search_term) > MAX_SEARCH_LENGTH:
            raise BadRequest("The search is too long.")
        return super().get_search_results(request, queryset, search_term)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", KeysOnlyModelMultipleChoiceField)
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                KeysOnlyAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class NewsroomAdminSite(admin.AdminSite):
    site_header = _("Newsroom")
    site_title = _("Newsroom")
    # The newsroom's lists and forms take the whole width of a 1366 px screen; the index lists every model.
    enable_nav_sidebar = False

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        checked = type(admin_class.__name__, (CheckedParametersMixin, admin_class), {})
        checked.__module__ = admin_class.__module__
        super().register(model_or_iterable, checked, **options)


def locked_out(request, response, credentials):
    """django-axes' answer to a login for a locked username from this address: what happened and for how long.

    The same for a username that exists and one that does not.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {**admin.site.each_context(request), "title": _("Log in"), "minutes": minutes}
    return render(request, "admin/locked_out.html", context, status=429)


class StaffPasswordResetForm(PasswordResetForm):
    """A link to set a new password, for newsroom accounts only; the page says the same for any address."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)
