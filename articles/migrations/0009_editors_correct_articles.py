from django.db import migrations


class Migration(migrations.Migration):
    """Editors add, change and remove corrections."""

    dependencies = [
        ("articles", "0008_body_image"),
    ]

    # The roles are synced after every migrate now (newsportal/roles.py); kept for the migration history.
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
