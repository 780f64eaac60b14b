from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # The Moderators group is synced after every migrate now (newsportal/roles.py); kept for the history.
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
