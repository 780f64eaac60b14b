"""The newsroom's roles: Django groups and the model permissions each of them holds, in one table.

The table is synced after every ``migrate`` (and every test flush) by ``sync_roles_after_migrate``,
connected in ``newsportal/apps.py``. Rules that depend on the article (a reporter's own drafts only)
are in ``articles/permissions.py``.
"""

from functools import reduce
from operator import or_

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

REPORTERS_GROUP = "Reporters"
EDITORS_GROUP = "Editors"
MODERATORS_GROUP = "Moderators"


def every_action(app_label: str, model: str) -> list[tuple[str, str]]:
    return [(app_label, f"{action}_{model}") for action in ("add", "change", "delete", "view")]


# Comments: readers write them, so nobody adds one. The discussion settings and privacy requests go with them.
COMMENT_MODERATION = [
    ("comments", "view_comment"),
    ("comments", "change_comment"),
    ("comments", "delete_comment"),
    ("comments", "view_discussionsettings"),
    ("comments", "change_discussionsettings"),
    ("comments", "view_privacyrequest"),
    ("comments", "add_privacyrequest"),
    ("comments", "change_privacyrequest"),
]

ROLES = {
    # Their own articles only (see articles/permissions.py); they look sections, authors and tags up.
    REPORTERS_GROUP: [
        *every_action("articles", "article"),
        ("articles", "view_section"),
        ("articles", "view_author"),
        ("taggit", "view_tag"),
    ],
    # Everything about articles, publishing and corrections included, the pages, and moderation (as in
    # WordPress); no user accounts.
    EDITORS_GROUP: [
        *every_action("articles", "article"),
        ("articles", "publish_article"),
        *every_action("articles", "correction"),
        *every_action("articles", "section"),
        *every_action("articles", "author"),
        *every_action("taggit", "tag"),
        *every_action("pages", "page"),
        *COMMENT_MODERATION,
    ],
    MODERATORS_GROUP: COMMENT_MODERATION,
}


def sync_roles(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the groups and give each exactly the permissions of the table."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        wanted = reduce(or_, (Q(content_type__app_label=app, codename=code) for app, code in permissions))
        group.permissions.set(Permission.objects.using(using).filter(wanted))


def sync_roles_after_migrate(sender, apps=global_apps, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate, sent for auth: make the permissions the table names, then sync the groups.

    Django makes each app's permissions in that app's own post_migrate; those of the apps after auth
    are made here first, so that one sync sees them all.
    """
    for app_label in {app_label for permissions in ROLES.values() for app_label, _ in permissions}:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, using=using, apps=apps)
    sync_roles(apps, using)
