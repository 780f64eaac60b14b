import articles.models
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_correction"),
    ]

    operations = [
        migrations.CreateModel(
            name="BodyImage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "image",
                    models.ImageField(
                        height_field="height",
                        help_text="Save the article, then place the picture in the body with the editor's picture button.",
                        upload_to=articles.models.upload_path,
                        verbose_name="picture",
                        width_field="width",
                    ),
                ),
                ("width", models.PositiveIntegerField(editable=False, null=True)),
                ("height", models.PositiveIntegerField(editable=False, null=True)),
                (
                    "alt",
                    models.CharField(
                        help_text="What the picture shows, for readers who cannot see it.",
                        max_length=250,
                        verbose_name="alt text",
                    ),
                ),
                ("caption", models.CharField(blank=True, max_length=300, verbose_name="caption")),
                ("credit", models.CharField(blank=True, max_length=120, verbose_name="credit")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="body_images",
                        to="articles.article",
                        verbose_name="article",
                    ),
                ),
            ],
            options={
                "verbose_name": "picture in the body",
                "verbose_name_plural": "pictures in the body",
                "ordering": ["id"],
            },
        ),
    ]
