import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

from articles.search import search_vector


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """The GIN index exists where full-text search does; the SQLite demo goes without."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def fill_search_vectors(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        Article = apps.get_model("articles", "Article")
        Article.objects.using(schema_editor.connection.alias).update(search_vector=search_vector())


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0004_tags_help_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        AddIndexOnPostgreSQL(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_vector"], name="article_search_idx"),
        ),
        migrations.RunPython(fill_search_vectors, migrations.RunPython.noop, elidable=True),
    ]
