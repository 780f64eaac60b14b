from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.importer import ArticleTextError, parse_article_text
from articles.models import Article

from .factories import make_author

SEED = Path(__file__).resolve().parent.parent / "articles" / "demo" / "000-panglima-militer-as-rusia.txt"
HEADLINE = "Di tengah Situasi Kian Memanas, Panglima Militer AS-Rusia Adakan Pembicaraan"


def test_seed_text_gives_headline_paragraphs_and_byline_code():
    parsed = parse_article_text(SEED.read_text(encoding="utf-8"))
    assert parsed.site_name == "Lensa Manca"
    assert parsed.headline == HEADLINE
    assert len(parsed.paragraphs) == 13
    assert parsed.paragraphs[0].startswith("Panglima Militer Rusia dan Amerika Serikat")
    assert parsed.paragraphs[-1].endswith("sebanyak 30 kali pada bulan ini saja.")
    assert parsed.byline_code == "MRS L44"


def test_page_chrome_and_the_byline_code_stay_out_of_the_body():
    parsed = parse_article_text(SEED.read_text(encoding="utf-8"))
    body = parsed.body_html
    for chrome in (
        "Share",
        "Leave a Reply",
        "Your email address",
        "Required fields",
        "(MRS L44)",
        "Lensa Manca",
    ):
        assert chrome not in body


def test_doubled_and_non_breaking_spaces_are_normalised():
    parsed = parse_article_text("Situs\n\nJudul\u00a0 berita\n\nSatu  dua\u00a0tiga\u202fempat. (ABC D12)\n")
    assert parsed.headline == "Judul berita"
    assert parsed.paragraphs == ["Satu dua tiga empat."]
    # The seed has "terlibat  dengan" with two spaces.
    seed = parse_article_text(SEED.read_text(encoding="utf-8"))
    assert "Ukraina terlibat dengan kelompok" in seed.body_html


def test_text_without_paragraphs_is_refused():
    with pytest.raises(ArticleTextError):
        parse_article_text("Situs\n\nJudul saja\n")


@pytest.mark.django_db
def test_import_article_command_creates_the_article_once():
    author = make_author(name="M. Rizky Syahputra", slug="m-rizky", byline_code="MRS")
    out = StringIO()
    call_command("import_article", str(SEED), "--section", "Internasional", "--tag", "Rusia", stdout=out)
    call_command("import_article", str(SEED), "--section", "Internasional", stdout=out)

    article = Article.objects.get()
    assert article.headline == HEADLINE
    assert article.byline_code == "MRS L44"
    assert article.body.count("<p>") == 13
    assert article.section.name == "Internasional"
    assert list(article.authors.all()) == [author]
    assert [tag.name for tag in article.tags.all()] == ["Rusia"]
    assert article.is_published
    assert "Updated" in out.getvalue()


@pytest.mark.django_db
def test_import_article_reports_a_missing_file_clearly(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_article", str(tmp_path / "missing.txt"))


@pytest.mark.django_db
def test_running_it_again_without_options_keeps_summary_tags_authors_and_featured():
    reporter = make_author(name="M. Rizky Syahputra", slug="m-rizky", byline_code="MRS")
    editor = make_author(name="Lia", slug="lia", byline_code="L44")
    first = ["--section", "Internasional", "--dek", "Ringkasan.", "--featured"]
    first += ["--tag", "Rusia", "--tag", "Ukraina", "--tag", "NATO", "--tag", "AS"]
    call_command("import_article", str(SEED), *first, "--author", "MRS", "--author", "L44", stdout=StringIO())
    call_command("import_article", str(SEED), "--section", "Internasional", stdout=StringIO())

    article = Article.objects.get()
    assert article.dek == "Ringkasan."
    assert sorted(article.tags.names()) == ["AS", "NATO", "Rusia", "Ukraina"]
    assert set(article.authors.all()) == {reporter, editor}
    assert article.is_featured
