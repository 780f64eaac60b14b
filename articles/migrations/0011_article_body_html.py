from django.db import migrations, models


def fill_body_html(apps, schema_editor):
    """Store the body as readers get it for the articles saved before it was stored."""
    from articles.publishing import rendered_body

    Article = apps.get_model("articles", "Article")
    articles = Article.objects.using(schema_editor.connection.alias).prefetch_related("body_images")
    for article in articles.only("pk", "body").iterator(chunk_size=200):
        body_html = rendered_body(article.body, article.body_images.all())
        Article.objects.using(schema_editor.connection.alias).filter(pk=article.pk).update(body_html=body_html)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0010_article_comment_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="body_html",
            field=models.JSONField(default=dict, editable=False),
        ),
        migrations.RunPython(fill_body_html, migrations.RunPython.noop, elidable=True),
    ]
