"""The newsroom's roles: Django groups and the model permissions each of them holds.

Rules that depend on the object (a reporter's own drafts only) are in ``Article.objects.editable_by()``
and the article admin; these are the model-wide permissions.
"""

from django.apps import apps as global_apps

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
    # Everything about articles, publishing included; no user accounts.
    EDITORS: [
        *every_action("articles", "article"),
        ("articles", "publish_article"),
        *every_action("articles", "section"),
        *every_action("articles", "author"),
        *every_action("taggit", "tag"),
    ],
}


def sync_roles(apps=global_apps) -> None:
    """Create the groups and give each exactly its permissions (a migration passes its historical apps)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
                for app_label, codename in permissions
            ]
        )
