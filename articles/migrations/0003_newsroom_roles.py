from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0002_publish_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    # The roles are synced after every migrate now (newsportal/roles.py); kept for the migration history.
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
