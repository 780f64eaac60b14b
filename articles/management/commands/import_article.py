import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from articles.importer import ArticleTextError, parse_article_text, save_parsed_article
from articles.models import Author, Section


class Command(BaseCommand):
    help = (
        "Import an article saved as text: site name, headline, paragraphs ending in a byline "
        "code such as (MRS L44), then page chrome that is left out. Running it again updates "
        "the same article; summary, tags, authors and featured change only when given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="UTF-8 text file of the article")
        parser.add_argument("--section", default="Berita", help="section name (created if missing)")
        parser.add_argument("--tag", dest="tags", action="append", help="a tag; repeat for more")
        parser.add_argument(
            "--author", dest="authors", action="append", help="an author's byline code, e.g. MRS"
        )
        parser.add_argument(
            "--dek", help="summary under the headline (an update without it keeps the article's)"
        )
        parser.add_argument("--publish-at", help="ISO 8601 time, e.g. 2021-11-23T09:15:00+07:00")
        parser.add_argument(
            "--featured",
            action=argparse.BooleanOptionalAction,
            help="show as the main story, or (--no-featured) stop; an update without either keeps it",
        )

    def handle(self, *args, **options):
        try:
            text = options["file"].read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        try:
            parsed = parse_article_text(text)
        except ArticleTextError as error:
            raise CommandError(f"{options['file']}: {error}") from error

        publish_at = None
        if options["publish_at"]:
            publish_at = parse_datetime(options["publish_at"])
            if publish_at is None:
                raise CommandError(f"Not a date and time: {options['publish_at']}")

        authors = None
        if options["authors"]:
            authors = list(Author.objects.filter(byline_code__in=options["authors"]))
            missing = set(options["authors"]) - {author.byline_code for author in authors}
            if missing:
                raise CommandError(f"No author with byline code {', '.join(sorted(missing))}")

        name = options["section"]
        section, _ = Section.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        article, created = save_parsed_article(
            parsed,
            section=section,
            authors=authors,
            tags=options["tags"],
            dek=options["dek"],
            publish_at=publish_at,
            featured=options["featured"],
        )
        verb = "Imported" if created else "Updated"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} “{article.headline}”: {len(parsed.paragraphs)} paragraphs, "
                f"byline ({article.byline_code}), at {article.get_absolute_url()}"
            )
        )
