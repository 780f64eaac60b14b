"""The newsroom's roles: Django groups and the model permissions each of them holds.

Rules that depend on the object (a reporter's own drafts only) are in ``Article.objects.editable_by()``
and the article admin; these are the model-wide permissions.
"""

from functools import reduce
from operator import or_

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db.models import Q

REPORTERS = "Reporters"
EDITORS = "Editors"


def every_action(app_label: str, model: str) -> list[tuple[str, str]]:
    return [(app_label, f"{action}_{model}") for action in ("add", "change", "delete", "view")]


ROLES = {
    # Their own articles only (see editable_by); they look sections, authors and tags up to pick them.
    REPORTERS: [
        *every_action("articles", "article"),
        ("articles", "view_section"),
        ("articles", "view_author"),
        ("taggit", "view_tag"),
    ],
    # Everything about articles, publishing and corrections included; no user accounts.
    EDITORS: [
        *every_action("articles", "article"),
        ("articles", "publish_article"),
        *every_action("articles", "correction"),
        *every_action("articles", "section"),
        *every_action("articles", "author"),
        *every_action("taggit", "tag"),
    ],
}


def sync_roles(apps=global_apps) -> None:
    """Create the groups and give each exactly its permissions (a migration passes its historical apps).

    Permissions of models that a migration's historical apps do not have yet are left for the
    later migration that syncs the roles again.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = reduce(or_, (Q(content_type__app_label=app, codename=code) for app, code in permissions))
        group.permissions.set(Permission.objects.filter(wanted))


def sync_roles_in_migration(apps, schema_editor) -> None:
    # Django creates permissions after the last migration; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps)
