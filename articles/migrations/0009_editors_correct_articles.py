from django.db import migrations

from articles.roles import sync_roles_in_migration


class Migration(migrations.Migration):
    """Editors add, change and remove corrections."""

    dependencies = [
        ("articles", "0008_body_image"),
    ]

    operations = [migrations.RunPython(sync_roles_in_migration, migrations.RunPython.noop)]
